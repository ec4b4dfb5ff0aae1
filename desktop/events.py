"""Team events (lunches, outings, celebrations) and the calendar that shows them with meetings.

Times are the team's wall-clock time. An event that runs from midnight to a
later midnight is a whole-day event (that is how calendar files mark them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from db import models as m
from db.enums import EventKind
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.attendees import Attendee, load_people, merge_attendees, to_attendees
from desktop.errors import NotFoundError, ValidationError
from desktop.media import speaking
from desktop.meetings import MEETING_LENGTH

TITLE_LIMIT = 200
PLACE_LIMIT = 200


@dataclass(frozen=True)
class EventInput:
    title: str
    starts_at: datetime
    ends_at: datetime
    kind: EventKind = EventKind.OTHER
    place: str = ""
    notes: str = ""
    attendee_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class TeamEvent:
    id: int
    version: int
    uid: str
    kind: EventKind
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    notes: str
    attendees: tuple[Attendee, ...]

    @property
    def all_day(self) -> bool:
        return is_all_day(self.starts_at, self.ends_at)

    def as_input(self) -> EventInput:
        return EventInput(self.title, self.starts_at, self.ends_at, self.kind, self.place,
                          self.notes, tuple(sorted(a.person_id for a in self.attendees)))


@dataclass(frozen=True)
class CalendarEntry:
    """A team event or a meeting as the calendar shows it; ``kind`` is None for a meeting."""

    id: int
    is_meeting: bool
    kind: EventKind | None
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    attendees: tuple[Attendee, ...]
    speaking: bool = False  # a call for papers' deadline or a talk (desktop.media.speaking)

    @property
    def all_day(self) -> bool:
        return is_all_day(self.starts_at, self.ends_at)

    def days(self) -> list[date]:
        """Every calendar day the entry touches (a whole-day end is exclusive)."""
        last = self.ends_at - timedelta(microseconds=1) if self.ends_at > self.starts_at \
            else self.ends_at
        count = (last.date() - self.starts_at.date()).days
        return [self.starts_at.date() + timedelta(days=n) for n in range(count + 1)]


def is_all_day(starts_at: datetime, ends_at: datetime) -> bool:
    return (starts_at.time() == time() and ends_at.time() == time() and ends_at > starts_at)


def to_event(row: m.TeamEvent) -> TeamEvent:
    return TeamEvent(row.id, row.version, row.uid, EventKind(row.kind), row.title, row.starts_at,
                     row.ends_at, row.place, row.notes, to_attendees(row.attendees))


def validate_event(data: EventInput) -> EventInput:
    title = data.title.strip()
    if not title:
        raise ValidationError("An event needs a title.", field="title")
    if len(title) > TITLE_LIMIT:
        raise ValidationError(f"Shorten the title to {TITLE_LIMIT} characters.", field="title")
    if not isinstance(data.starts_at, datetime) or not isinstance(data.ends_at, datetime):
        raise ValidationError("An event needs a start and an end.", field="starts_at")
    if data.ends_at < data.starts_at:
        raise ValidationError(
            f"The event ends ({data.ends_at:%Y-%m-%d %H:%M}) before it starts "
            f"({data.starts_at:%Y-%m-%d %H:%M}). Set an end after the start.", field="ends_at")
    if data.ends_at == data.starts_at:
        raise ValidationError("The event ends the moment it starts. Set an end after the start.",
                              field="ends_at")
    place = data.place.strip()
    if len(place) > PLACE_LIMIT:
        raise ValidationError(f"Shorten the place to {PLACE_LIMIT} characters.", field="place")
    return replace(data, title=title, place=place, kind=EventKind(data.kind),
                   starts_at=data.starts_at.replace(tzinfo=None, microsecond=0),
                   ends_at=data.ends_at.replace(tzinfo=None, microsecond=0),
                   attendee_ids=tuple(sorted(set(data.attendee_ids))))


def _plain(data: EventInput) -> dict[str, object]:
    return {"title": data.title, "kind": EventKind(data.kind).value,
            "starts_at": data.starts_at.isoformat(), "ends_at": data.ends_at.isoformat(),
            "place": data.place, "notes": data.notes}


def _live_event(session, event_id: int) -> m.TeamEvent:  # noqa: ANN001
    row = session.get(m.TeamEvent, event_id)
    if row is None:
        raise NotFoundError("That event has been deleted.")
    return row


def _overlapping(model: type, start: date | None, end: date | None,
                 ends_column: Any) -> list[Any]:
    """WHERE conditions for rows that touch the days ``start`` to ``end``."""
    conditions = []
    if start is not None:
        conditions.append(ends_column > datetime.combine(start, time()))
    if end is not None:
        conditions.append(model.starts_at < datetime.combine(end + timedelta(days=1), time()))
    return conditions


def list_events(uow: UnitOfWork, start: date | None = None,
                end: date | None = None) -> list[TeamEvent]:
    """Events that touch the days from ``start`` to ``end`` (both included), soonest first."""
    query = (select(m.TeamEvent)
             .where(*_overlapping(m.TeamEvent, start, end, m.TeamEvent.ends_at))
             .order_by(m.TeamEvent.starts_at, m.TeamEvent.id))
    with uow.read() as session:
        return [to_event(row) for row in session.scalars(query)]


def get_event(uow: UnitOfWork, event_id: int) -> TeamEvent:
    with uow.read() as session:
        return to_event(_live_event(session, event_id))


def create_event(uow: UnitOfWork, data: EventInput, uid: str | None = None) -> TeamEvent:
    """Add an event; ``uid`` keeps a calendar identity (undo, re-import) when given."""
    data = validate_event(data)
    with uow.write() as session:
        row = m.TeamEvent(title=data.title, kind=data.kind, starts_at=data.starts_at,
                          ends_at=data.ends_at, place=data.place, notes=data.notes,
                          attendees=load_people(session, data.attendee_ids))
        if uid:
            row.uid = uid
        session.add(row)
        session.flush()
        return to_event(row)


def update_event(uow: UnitOfWork, event_id: int, seen_version: int,
                 data: EventInput, seen: TeamEvent | None = None) -> TeamEvent:
    """Save an edit made on version ``seen_version``.

    With ``seen`` (the event as the person loaded it) the attendees merge: the
    people the person ticked or unticked change, and anyone a colleague added or
    removed meanwhile stays that way. Without it, ``data`` replaces what is stored.
    """
    return edit_event(uow, event_id, seen_version, data, seen)[1]


def edit_event(uow: UnitOfWork, event_id: int, seen_version: int, data: EventInput,
               seen: TeamEvent | None = None) -> tuple[TeamEvent, TeamEvent]:
    """``update_event``, with the event as it was just before: what undo brings back, read
    in the same transaction, so no one else's save can slip in between."""
    data = validate_event(data)
    with uow.write() as session:
        row = session.get(m.TeamEvent, event_id)
        expect_version(row, "team_events", event_id, seen_version, _plain(data))
        before = to_event(row)
        apply_event(session, row, data,
                    tuple(a.person_id for a in seen.attendees) if seen is not None else None)
        session.flush()
        return before, to_event(row)


def apply_event(session, row: m.TeamEvent, data: EventInput,  # noqa: ANN001
                seen_attendee_ids: tuple[int, ...] | None = None) -> None:
    """Write validated values onto a stored event (also used by the calendar import).

    ``seen_attendee_ids`` (the attendees the person saw) makes the attendees a merge.
    """
    for name in ("title", "kind", "starts_at", "ends_at", "place", "notes"):
        if getattr(row, name) != getattr(data, name):
            setattr(row, name, getattr(data, name))
    if merge_attendees(session, row, data.attendee_ids, seen_attendee_ids):
        row.updated_at = utcnow()  # a new attendee list alone must still bump the version


def delete_event(uow: UnitOfWork, event_id: int, seen_version: int) -> TeamEvent:
    """Delete an event; returns it as it was, so that it can be put back."""
    with uow.write() as session:
        row = session.get(m.TeamEvent, event_id)
        expect_version(row, "team_events", event_id, seen_version, {"deleted": True})
        snapshot = to_event(row)
        session.delete(row)
        return snapshot


def restore_event(uow: UnitOfWork, snapshot: TeamEvent) -> TeamEvent:
    """Put a deleted event back, with its calendar UID (attendees gone since are skipped)."""
    with uow.write() as session:
        people = list(session.scalars(select(m.Person).where(
            m.Person.id.in_([a.person_id for a in snapshot.attendees]))))
        row = m.TeamEvent(uid=snapshot.uid, title=snapshot.title, kind=snapshot.kind,
                          starts_at=snapshot.starts_at, ends_at=snapshot.ends_at,
                          place=snapshot.place, notes=snapshot.notes, attendees=people)
        session.add(row)
        session.flush()
        return to_event(row)


def calendar_entries(uow: UnitOfWork, start: date, end: date) -> list[CalendarEntry]:
    """Team events, meetings and speaking slots (deadlines and talks) that touch the days
    ``start`` to ``end``, in time order."""
    meeting_end = m.Meeting.starts_at  # a meeting lasts MEETING_LENGTH from its start
    events = (select(m.TeamEvent)
              .where(*_overlapping(m.TeamEvent, start, end, m.TeamEvent.ends_at)))
    meetings = (select(m.Meeting)
                .where(*_overlapping(m.Meeting, start - timedelta(days=1), end, meeting_end)))
    with uow.read() as session:
        entries = [CalendarEntry(row.id, False, EventKind(row.kind), row.title, row.starts_at,
                                 row.ends_at, row.place, to_attendees(row.attendees))
                   for row in session.scalars(events)]
        entries += [CalendarEntry(row.id, True, None, row.title, row.starts_at,
                                  row.starts_at + MEETING_LENGTH, "", to_attendees(row.attendees))
                    for row in session.scalars(meetings)]
    entries += [CalendarEntry(number, False, None, item.title, item.starts_at, item.ends_at,
                              item.place, (), speaking=True)
                for number, item in enumerate(speaking.calendar_dates(uow, start, end), start=1)]
    first, last = start, end
    entries = [e for e in entries if any(first <= day <= last for day in e.days())]
    return sorted(entries, key=lambda e: (e.starts_at, e.is_meeting, e.title, e.id))
