"""Calendar files (.ics): team events and meetings out, another calendar's events in.

Export: one VEVENT per team event and meeting, in the team's time zone (with its
VTIMEZONE), with a UID that stays the same on every export, so that a calendar
program updates what it already has instead of adding it twice.

Import: the events of a calendar program's file become team events. Recurring
events are expanded: every occurrence becomes a team event of its own (a
series without an end only from a year ago to a year ahead). An occurrence's
UID is the series UID plus its start, so importing the same file again updates
rather than duplicates. A file that is not a calendar, or has an event that
cannot be read, is refused whole: nothing is half-imported.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events
import x_wr_timezone
from icalendar.prop.broken import vBroken
from sqlalchemy import select

from db import models as m
from db.enums import EventKind
from db.unit_of_work import UnitOfWork
from desktop import events as event_service
from desktop import meetings as meeting_service
from desktop.attendees import Attendee
from desktop.errors import ValidationError
from desktop.media import speaking
from desktop.team_settings import team_name, team_timezone

PRODID = "-//Common Ground//Team calendar//EN"
MAX_IMPORTED_EVENTS = 2000
UID_LIMIT = 255
OPEN_SERIES_SPAN = timedelta(days=365)
DEFAULT_EVENT_LENGTH = timedelta(hours=1)
ATTENDEES_LABEL = "Attendees: "
ALSO_ATTENDING_LABEL = "Also attending: "
_BROKEN_DATE = re.compile(r"^(\d{8})(?:T\d{6})?Z?$")
_KIND_WORDS: tuple[tuple[EventKind, tuple[str, ...]], ...] = (
    (EventKind.LUNCH, ("lunch", "breakfast", "dinner", "brunch")),
    (EventKind.CELEBRATION, ("birthday", "celebrat", "party", "anniversary", "jubilee")),
    (EventKind.OUTING, ("outing", "trip", "excursion", "hike", "offsite")),
)


@dataclass(frozen=True)
class ExportSummary:
    events: int
    meetings: int
    speaking: int = 0  # calls for papers' deadlines and talks


@dataclass(frozen=True)
class ImportResult:
    """What an import did; ``replaced`` holds the updated events as they were, for undo."""

    created: tuple[int, ...] = ()
    replaced: tuple[event_service.TeamEvent, ...] = ()
    unchanged: int = 0
    skipped_meetings: int = 0
    duplicates: int = 0
    cancelled: int = 0
    repaired: int = 0
    source: str = ""
    first_start: datetime | None = None  # of the new events, to show them
    skipped_speaking: int = 0  # deadlines and talks exported from this app's Media page

    @property
    def updated(self) -> int:
        return len(self.replaced)


@dataclass(frozen=True)
class _Occurrence:
    uid: str
    data: event_service.EventInput
    attendee_hints: tuple[tuple[str, str], ...] = field(default=())  # (email, name)


# --------------------------------------------------------------------------- export


def _zone(uow: UnitOfWork) -> ZoneInfo:
    name = team_timezone(uow)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"The team's time zone '{name}' is unknown on this computer; "
                              "set it to a name like Europe/Berlin.") from None


def _attendee(attendee: Attendee) -> icalendar.vCalAddress | None:
    if not attendee.email:
        return None
    address = icalendar.vCalAddress(f"mailto:{attendee.email}")
    address.params["CN"] = attendee.name
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = "REQ-PARTICIPANT"
    return address


def _description(parts: Iterable[tuple[str, str]], attendees: tuple[Attendee, ...],
                 *, everyone: bool) -> str:
    """The text parts, then who attends: everyone (meetings, to show they are joint), or
    only those without an email address, who cannot be calendar attendees."""
    blocks = [f"{label}:\n{text.strip()}" if label else text.strip()
              for label, text in parts if text.strip()]
    listed = [a for a in attendees if everyone or not a.email]
    if listed:
        label = ATTENDEES_LABEL if everyone else ALSO_ATTENDING_LABEL
        blocks.append(label + ", ".join(f"{a.name} ({a.department.value})" for a in listed))
    return "\n\n".join(blocks)


def _vevent(uid: str, version: int, title: str, starts_at: datetime, ends_at: datetime,
            zone: ZoneInfo, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", max(0, version - 1))
    event.add("summary", title)
    if event_service.is_all_day(starts_at, ends_at):
        event.add("dtstart", starts_at.date())
        event.add("dtend", ends_at.date())
    else:
        event.add("dtstart", starts_at.replace(tzinfo=zone))
        event.add("dtend", ends_at.replace(tzinfo=zone))
    return event


def _add_people(event: icalendar.Event, attendees: tuple[Attendee, ...]) -> None:
    for attendee in attendees:
        address = _attendee(attendee)
        if address is not None:
            event.add("attendee", address)


def _event_component(item: event_service.TeamEvent, zone: ZoneInfo,
                     stamp: datetime) -> icalendar.Event:
    event = _vevent(item.uid, item.version, item.title, item.starts_at, item.ends_at, zone,
                    stamp)
    if item.place:
        event.add("location", item.place)
    description = _description((("", item.notes),), item.attendees, everyone=False)
    if description:
        event.add("description", description)
    event.add("categories", [item.kind.value])
    _add_people(event, item.attendees)
    return event


def _meeting_component(item: meeting_service.Meeting, zone: ZoneInfo,
                       stamp: datetime) -> icalendar.Event:
    event = _vevent(item.uid, item.version, item.title, item.starts_at,
                    item.starts_at + meeting_service.MEETING_LENGTH, zone, stamp)
    description = _description((("Agenda", item.agenda), ("Decisions", item.decisions)),
                               item.attendees, everyone=True)
    if description:
        event.add("description", description)
    event.add("categories", ["meeting"])
    _add_people(event, item.attendees)
    return event


def _speaking_component(item: speaking.CalendarDate, zone: ZoneInfo,
                        stamp: datetime) -> icalendar.Event:
    """A call for papers' deadline (a whole day) or a talk on an industry event's programme."""
    event = _vevent(item.uid, item.version, item.title, item.starts_at, item.ends_at, zone,
                    stamp)
    if item.place:
        event.add("location", item.place)
    if item.notes:
        event.add("description", item.notes)
    event.add("categories", ["deadline" if item.is_deadline else "talk"])
    return event


def build_calendar(uow: UnitOfWork, start: date | None = None,
                   end: date | None = None) -> tuple[bytes, ExportSummary]:
    """The team's events and meetings from ``start`` to ``end`` (both included) as .ics bytes."""
    if start is not None and end is not None and end < start:
        raise ValidationError(f"The period ends ({end.isoformat()}) before it starts "
                              f"({start.isoformat()}). Swap the dates.")
    zone = _zone(uow)
    team_events = event_service.list_events(uow, start, end)
    meetings = meeting_service.meetings_between(uow, start, end)
    stamp = datetime.now(UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", team_name(uow))
    calendar.add("x-wr-timezone", zone.key)
    for item in team_events:
        calendar.add_component(_event_component(item, zone, stamp))
    for meeting in meetings:
        calendar.add_component(_meeting_component(meeting, zone, stamp))
    slots = speaking.calendar_dates(uow, start, end)
    for slot in slots:
        calendar.add_component(_speaking_component(slot, zone, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical(), ExportSummary(len(team_events), len(meetings), len(slots))


def export_calendar(uow: UnitOfWork, path: Path, start: date | None = None,
                    end: date | None = None) -> ExportSummary:
    data, summary = build_calendar(uow, start, end)
    path.write_bytes(data)
    return summary


# --------------------------------------------------------------------------- reading a file


def read_calendar(data: bytes, source: str = "The file") -> icalendar.Calendar:
    """Parse .ics bytes; anything that is not one readable calendar is refused in plain words."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, TypeError, KeyError, IndexError, UnicodeError) as error:
        raise ValidationError(
            f"{source} is not a calendar file that can be read ({_short(error)}). "
            "Export the calendar again as .ics (iCalendar) and import that file; "
            "nothing was imported.") from None
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise ValidationError(f"{source} holds a single calendar entry, not a calendar. "
                              "Export the whole calendar as .ics; nothing was imported.")
    return calendar


def _short(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) <= 80 else text[:77] + "…"


def _repair_dates(calendar: icalendar.Calendar) -> int:
    """Mend recurrence dates some programs write wrongly (``20131210Z``); count the mended."""
    repaired = 0
    for component in calendar.walk("VEVENT"):
        for name in ("RDATE", "EXDATE"):
            values = component.get(name)
            if values is None:
                continue
            values = values if isinstance(values, list) else [values]
            if not any(isinstance(v, vBroken) for v in values):
                continue
            kept: list[date | datetime] = []
            for value in values:
                if isinstance(value, vBroken):
                    match = _BROKEN_DATE.match(str(value).strip())
                    if match:
                        kept.append(datetime.strptime(match.group(1), "%Y%m%d").date())
                        repaired += 1
                else:
                    kept.extend(d.dt for d in value.dts)
            component.pop(name)
            for value in kept:
                component.add(name, value)
    return repaired


def _title(component: Any) -> str:
    return str(component.get("SUMMARY", "")).strip() or "Untitled event"


def _start_of(component: Any, source: str) -> date | datetime:
    prop = component.get("DTSTART")
    try:
        return prop.dt
    except AttributeError:
        raise ValidationError(f"The event '{_title(component)}' in {source} has no readable "
                              "start time; nothing was imported.") from None


def _check_events(calendar: icalendar.Calendar, source: str) -> list[date]:
    """Every event must have a start; returns the start days, to bound the expansion."""
    days = []
    for component in calendar.walk("VEVENT"):
        start = _start_of(component, source)
        days.append(start.date() if isinstance(start, datetime) else start)
        for name in ("DTEND", "DURATION", "RRULE", "RECURRENCE-ID"):
            if isinstance(component.get(name), vBroken):
                raise ValidationError(f"The event '{_title(component)}' in {source} has an "
                                      f"unreadable {name}; nothing was imported.")
        end = component.get("DTEND")
        if end is not None and _comparable(end.dt) < _comparable(start):
            raise ValidationError(f"The event '{_title(component)}' on {start:%Y-%m-%d} in "
                                  f"{source} ends before it starts; nothing was imported.")
    if not days:
        raise ValidationError(f"{source} is a calendar without any events; nothing was "
                              "imported.")
    return days


def _comparable(value: date | datetime) -> datetime:
    """Dates, floating and zoned times on one scale (floating ones taken as UTC)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _open_series(calendar: icalendar.Calendar) -> set[str]:
    """UIDs of series that repeat without end (no COUNT and no UNTIL)."""
    found = set()
    for component in calendar.walk("VEVENT"):
        rules = component.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules]:
            if rule is not None and "COUNT" not in rule and "UNTIL" not in rule:
                found.add(str(component.get("UID", "")))
    return found


def _recurring(calendar: icalendar.Calendar) -> set[str]:
    return {str(c.get("UID", "")) for c in calendar.walk("VEVENT")
            if any(c.get(name) is not None for name in ("RRULE", "RDATE", "RECURRENCE-ID"))}


def _wall_clock(value: date | datetime, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(zone).replace(tzinfo=None)
        return value
    return datetime.combine(value, time())


def _occurrence_uid(uid: str, start: date | datetime, recurring: bool) -> str:
    if not uid:
        uid = "imported-" + hashlib.sha1(repr(start).encode()).hexdigest()[:16]
    if recurring:
        stamp = f"{start:%Y%m%dT%H%M%S}" if isinstance(start, datetime) else f"{start:%Y%m%d}"
        uid = f"{uid}#{stamp}"
    if len(uid) > UID_LIMIT:
        uid = "imported-" + hashlib.sha256(uid.encode()).hexdigest() + "@commonground"
    return uid


def _kind(component: Any, title: str) -> EventKind:
    categories = component.get("CATEGORIES")
    for group in categories if isinstance(categories, list) else [categories]:
        for category in getattr(group, "cats", []) if group is not None else []:
            try:
                return EventKind(str(category).strip().lower())
            except ValueError:
                continue
    lowered = title.lower()
    for kind, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return EventKind.OTHER


def _attendee_hints(component: Any) -> tuple[tuple[str, str], ...]:
    values = component.get("ATTENDEE")
    hints = []
    for value in values if isinstance(values, list) else [values] if values else []:
        email = re.sub(r"^mailto:", "", str(value), flags=re.IGNORECASE).strip().lower()
        name = str(getattr(value, "params", {}).get("CN", "")).strip()
        hints.append((email, name))
    return tuple(hints)


def _notes(description: str) -> tuple[str, tuple[str, ...]]:
    """The description without the attendee line our own export adds, and the names on it."""
    text = description.strip()
    head, _, last = text.rpartition("\n\n")
    if not last.startswith(ALSO_ATTENDING_LABEL):
        return text, ()
    listed = last[len(ALSO_ATTENDING_LABEL):].split(", ")
    return head.strip(), tuple(re.sub(r"\s*\([^)]*\)$", "", n).strip() for n in listed)


def _occurrence(component: Any, zone: ZoneInfo, recurring: set[str],
                source: str) -> _Occurrence:
    title = _title(component)[:event_service.TITLE_LIMIT]
    start = component["DTSTART"].dt
    end_prop = component.get("DTEND")
    if end_prop is not None:
        end = end_prop.dt
    elif isinstance(start, datetime):
        end = start + DEFAULT_EVENT_LENGTH
    else:
        end = start + timedelta(days=1)
    starts_at, ends_at = _wall_clock(start, zone), _wall_clock(end, zone)
    if ends_at == starts_at:
        ends_at = starts_at + (DEFAULT_EVENT_LENGTH if isinstance(start, datetime)
                               else timedelta(days=1))
    if ends_at < starts_at:
        raise ValidationError(f"The event '{title}' on {starts_at:%Y-%m-%d} in {source} ends "
                              "before it starts; nothing was imported.")
    uid = str(component.get("UID", "")).strip()
    notes, also_attending = _notes(str(component.get("DESCRIPTION", "")))
    data = event_service.EventInput(
        title=title, starts_at=starts_at, ends_at=ends_at, kind=_kind(component, title),
        place=str(component.get("LOCATION", "")).strip()[:event_service.PLACE_LIMIT],
        notes=notes)
    hints = _attendee_hints(component) + tuple(("", name) for name in also_attending)
    return _Occurrence(_occurrence_uid(uid, start, uid in recurring), data, hints)


def read_occurrences(data: bytes, zone: ZoneInfo, today: date | None = None,
                     source: str = "The file") -> tuple[list[_Occurrence], dict[str, int]]:
    """Every event occurrence of the file in the team's wall-clock time, and what was left out."""
    today = today or date.today()
    calendar = read_calendar(data, source)
    repaired = _repair_dates(calendar)
    days = _check_events(calendar, source)
    calendar = x_wr_timezone.to_standard(calendar)
    open_series, recurring = _open_series(calendar), _recurring(calendar)
    first = min(days)
    last = max(max(days), today + OPEN_SERIES_SPAN) + timedelta(days=1)
    try:
        components = list(recurring_ical_events.of(calendar).between(first, last))
    except (ValueError, TypeError, AttributeError, icalendar.error.BrokenCalendarProperty) \
            as error:
        raise ValidationError(f"The repeating events in {source} cannot be read "
                              f"({_short(error)}); nothing was imported.") from None
    found: dict[tuple[str, datetime, datetime], _Occurrence] = {}
    counts = {"repaired": repaired, "duplicates": 0, "cancelled": 0}
    for component in components:
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            counts["cancelled"] += 1
            continue
        start = component["DTSTART"].dt
        start_day = start.date() if isinstance(start, datetime) else start
        if str(component.get("UID", "")) in open_series and \
                start_day < today - OPEN_SERIES_SPAN:
            continue
        occurrence = _occurrence(component, zone, recurring, source)
        key = (occurrence.data.title, occurrence.data.starts_at, occurrence.data.ends_at)
        if key in found:  # some programs list one occurrence under two series
            counts["duplicates"] += 1
            if occurrence.uid < found[key].uid:
                found[key] = occurrence
            continue
        found[key] = occurrence
        if len(found) > MAX_IMPORTED_EVENTS:
            raise ValidationError(
                f"{source} has more than {MAX_IMPORTED_EVENTS:,} events from "
                f"{first.isoformat()} on. Export a shorter period from your calendar program "
                "and import that; nothing was imported.")
    ordered = sorted(found.values(), key=lambda o: (o.data.starts_at, o.uid))
    return ordered, counts


# --------------------------------------------------------------------------- import


def _people_index(people: Iterable[m.Person]) -> tuple[dict[str, int], dict[str, int]]:
    """Who is who by email address and by name, lower-cased, for matching attendees."""
    by_email, by_name = {}, {}
    for person in people:
        if person.email:
            by_email[person.email.strip().lower()] = person.id
        by_name[person.name.strip().lower()] = person.id
    return by_email, by_name


def _with_attendees(occurrence: _Occurrence, by_email: dict[str, int],
                    by_name: dict[str, int]) -> event_service.EventInput:
    ids = set()
    for email, name in occurrence.attendee_hints:
        person_id = by_email.get(email) or by_name.get(name.lower())
        if person_id:
            ids.add(person_id)
    return event_service.validate_event(replace(occurrence.data, attendee_ids=tuple(ids)))


def _meeting_uids(session) -> set[str]:  # noqa: ANN001
    return {meeting_service.meeting_uid(meeting_id, created)
            for meeting_id, created in session.execute(select(m.Meeting.id, m.Meeting.created_at))}


@dataclass(frozen=True)
class ParsedCalendar:
    """A calendar file read and checked, ready to import: parsing needs no write lock."""

    source: str
    occurrences: tuple[_Occurrence, ...]
    repaired: int
    duplicates: int
    cancelled: int


def parse_calendar(uow: UnitOfWork, data: bytes, source: str = "The file",
                   today: date | None = None) -> ParsedCalendar:
    """The file's occurrences in the team's time zone; a file that cannot be read is refused."""
    occurrences, counts = read_occurrences(data, _zone(uow), today, source)
    return ParsedCalendar(source, tuple(occurrences), counts["repaired"], counts["duplicates"],
                          counts["cancelled"])


def import_calendar(uow: UnitOfWork, data: bytes, source: str = "The file",
                    today: date | None = None) -> ImportResult:
    """Import a calendar file's events as team events, all or nothing, in one transaction."""
    return import_parsed(uow, parse_calendar(uow, data, source, today))


def import_parsed(uow: UnitOfWork, parsed: ParsedCalendar) -> ImportResult:
    """Import the events of a parsed file, all or nothing, in one transaction."""
    occurrences = parsed.occurrences
    replaced: list[event_service.TeamEvent] = []
    unchanged = skipped = slots = 0
    with uow.write() as session:
        people = {p.id: p for p in session.scalars(select(m.Person))}
        by_email, by_name = _people_index(people.values())
        new_rows: list[m.TeamEvent] = []
        meeting_uids = _meeting_uids(session)
        existing = {row.uid: row for row in session.scalars(select(m.TeamEvent).where(
            m.TeamEvent.uid.in_([o.uid for o in occurrences])))}
        for occurrence in occurrences:
            if occurrence.uid in meeting_uids:
                skipped += 1
                continue
            if speaking.is_calendar_uid(occurrence.uid):
                slots += 1
                continue
            values = _with_attendees(occurrence, by_email, by_name)
            row = existing.get(occurrence.uid)
            if row is None:
                new_rows.append(m.TeamEvent(
                    uid=occurrence.uid, title=values.title, kind=values.kind,
                    starts_at=values.starts_at, ends_at=values.ends_at, place=values.place,
                    notes=values.notes, attendees=[people[i] for i in values.attendee_ids]))
                continue
            before = event_service.to_event(row)
            if before.as_input() == values:
                unchanged += 1
                continue
            replaced.append(before)
            event_service.apply_event(session, row, values)
        session.add_all(new_rows)
        session.flush()  # one flush for all: ids for undo, without a round trip per event
        created = [row.id for row in new_rows]
        first_start = min((row.starts_at for row in new_rows), default=None)
    return ImportResult(tuple(created), tuple(replaced), unchanged, skipped,
                        parsed.duplicates, parsed.cancelled, parsed.repaired, parsed.source,
                        first_start, slots)


def import_file(uow: UnitOfWork, path: Path, today: date | None = None) -> ImportResult:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(f"{path.name} cannot be read ({error.strerror or error}).") \
            from None
    return import_calendar(uow, data, path.name, today)


def undo_import(uow: UnitOfWork, result: ImportResult) -> None:
    """Take an import back: its new events go, the updated ones get their old values."""
    with uow.write() as session:
        for event_id in result.created:
            row = session.get(m.TeamEvent, event_id)
            if row is not None:
                session.delete(row)
        for before in result.replaced:
            row = session.get(m.TeamEvent, before.id)
            if row is not None:
                event_service.apply_event(session, row, before.as_input())
