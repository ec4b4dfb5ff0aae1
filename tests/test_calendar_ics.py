"""Calendar files: the export read back with icalendar, stable UIDs, and imports of real and
hand-written calendars with time zones and recurrence; bad files change nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from helpers.team_files import NewTeamFile

from db.enums import Department, EventKind
from db.unit_of_work import UnitOfWork
from desktop import calendar_ics, cli, events, meetings
from desktop.errors import ValidationError
from desktop.events import EventInput
from desktop.team_settings import set_team_timezone

FIXTURES = Path(__file__).parent / "fixtures" / "ics"
REAL_BIRTHDAYS = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "ics" / \
    "google_birthday.ics"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin(uow, team):
    set_team_timezone(uow, "Europe/Berlin")
    return team


@pytest.fixture
def planned(uow, berlin):
    """A lunch (with one attendee who has no email), a whole-day outing and a joint meeting."""
    from desktop.people import PersonInput, create_person

    intern = create_person(uow, PersonInput("Ana Intern", Department.MARKETING))
    lunch = events.create_event(uow, EventInput(
        "Team lunch; with dessert, maybe", datetime(2026, 3, 30, 12, 30),
        datetime(2026, 3, 30, 14, 0), EventKind.LUNCH, "Osteria Bellaluna", "Booked for 8",
        (berlin[Department.PR].id, berlin[Department.SALES].id, intern.id)))
    outing = events.create_event(uow, EventInput(
        "Summer outing", datetime(2026, 7, 3), datetime(2026, 7, 5), EventKind.OUTING))
    meeting = meetings.create_meeting(uow, meetings.MeetingInput(
        datetime(2026, 3, 24, 10, 0), "Joint weekly",
        (berlin[Department.PR].id, berlin[Department.MARKETING].id),
        agenda="1. Launch", decisions="Ship it"))
    return lunch, outing, meeting


def _vevents(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_export_reads_back_with_times_uids_attendees_and_place(uow, planned) -> None:
    lunch, outing, meeting = planned
    data, summary = calendar_ics.build_calendar(uow)
    assert (summary.events, summary.meetings) == (2, 1)
    found = _vevents(data)
    assert set(found) == {lunch.uid, outing.uid, meeting.uid}

    exported = found[lunch.uid]
    assert str(exported["SUMMARY"]) == "Team lunch; with dessert, maybe"
    assert exported["DTSTART"].dt == datetime(2026, 3, 30, 12, 30, tzinfo=BERLIN)
    assert exported["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert exported["DTEND"].dt == datetime(2026, 3, 30, 14, 0, tzinfo=BERLIN)
    assert exported["DTSTART"].dt.utcoffset() == timedelta(hours=2)  # summer time by then
    assert str(exported["LOCATION"]) == "Osteria Bellaluna"
    assert str(exported["DESCRIPTION"]) == "Booked for 8\n\nAlso attending: Ana Intern (marketing)"
    attendees = {str(a): a.params["CN"] for a in exported["ATTENDEE"]}
    assert attendees == {"mailto:jose@example.org": "José Álvarez",
                         "mailto:oleg@example.org": "Олег Петров"}
    assert exported["CATEGORIES"].cats == ["lunch"]

    assert found[outing.uid]["DTSTART"].dt == date(2026, 7, 3)  # a whole-day event
    assert found[outing.uid]["DTEND"].dt == date(2026, 7, 5)
    exported_meeting = found[meeting.uid]
    assert exported_meeting["DTEND"].dt - exported_meeting["DTSTART"].dt == timedelta(hours=1)
    assert "Agenda:\n1. Launch" in str(exported_meeting["DESCRIPTION"])
    assert "Decisions:\nShip it" in str(exported_meeting["DESCRIPTION"])
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_a_re_export_keeps_the_uids_and_raises_the_sequence_of_an_edit(uow, planned) -> None:
    lunch, _outing, meeting = planned
    first = _vevents(calendar_ics.build_calendar(uow)[0])
    events.update_event(uow, lunch.id, lunch.version, replace(lunch.as_input(), place="Roof"))
    second = _vevents(calendar_ics.build_calendar(uow)[0])
    assert set(second) == set(first)
    assert int(second[lunch.uid]["SEQUENCE"]) == int(first[lunch.uid]["SEQUENCE"]) + 1
    assert str(second[lunch.uid]["LOCATION"]) == "Roof"
    assert second[meeting.uid]["DTSTART"].dt == first[meeting.uid]["DTSTART"].dt


def test_the_export_period_includes_both_ends(uow, planned) -> None:
    lunch, _outing, meeting = planned
    data, summary = calendar_ics.build_calendar(uow, date(2026, 3, 24), date(2026, 3, 30))
    assert set(_vevents(data)) == {lunch.uid, meeting.uid}
    with pytest.raises(ValidationError, match="Swap the dates"):
        calendar_ics.build_calendar(uow, date(2026, 4, 1), date(2026, 3, 1))


def test_the_ics_command_writes_the_file(uow, planned, db_path, tmp_path, capsys) -> None:
    lunch, _outing, meeting = planned
    out = tmp_path / "team.ics"
    code = cli.main(["ics", "--db", str(db_path), "-o", str(out), "--from", "2026-03-01",
                     "--to", "2026-03-31"])
    assert code == 0
    assert capsys.readouterr().out.strip() == f"Wrote 1 event and 1 meeting to {out}."
    assert set(_vevents(out.read_bytes())) == {lunch.uid, meeting.uid}
    with pytest.raises(SystemExit):
        cli.main(["ics", "--db", str(db_path), "-o", str(out), "--from", "31.03.2026"])
    assert "is not a date; write it like 2026-03-31" in capsys.readouterr().err


def test_importing_our_own_export_again_updates_instead_of_duplicating(uow, planned) -> None:
    lunch, _outing, _meeting = planned
    data, _ = calendar_ics.build_calendar(uow)
    again = calendar_ics.import_calendar(uow, data)
    assert (again.created, again.updated, again.unchanged, again.skipped_meetings) == ((), 0, 2, 1)
    events.update_event(uow, lunch.id, lunch.version, replace(lunch.as_input(), place="Roof"))
    updated = calendar_ics.import_calendar(uow, data)
    assert updated.updated == 1
    assert events.get_event(uow, lunch.id).place == "Osteria Bellaluna"
    assert events.get_event(uow, lunch.id).notes == "Booked for 8"
    calendar_ics.undo_import(uow, updated)
    assert events.get_event(uow, lunch.id).place == "Roof"
    assert len(events.list_events(uow)) == 2


def test_an_export_moves_to_another_team_file_with_attendees_matched(
        uow: UnitOfWork, planned: object, tmp_path: Path, new_team_file: NewTeamFile) -> None:
    from desktop.people import PersonInput, create_person

    data, _ = calendar_ics.build_calendar(uow)
    other = new_team_file(tmp_path / "other.cgdb")
    try:
        other_uow = UnitOfWork(other)
        set_team_timezone(other_uow, "Europe/Berlin")
        create_person(other_uow, PersonInput("José Álvarez", Department.PR, "jose@example.org"))
        result = calendar_ics.import_calendar(other_uow, data)
        assert len(result.created) == 3  # the meeting arrives as an event there
        imported = {e.title: e for e in events.list_events(other_uow)}
        lunch = imported["Team lunch; with dessert, maybe"]
        assert (lunch.starts_at, lunch.kind, lunch.notes) == (
            datetime(2026, 3, 30, 12, 30), EventKind.LUNCH, "Booked for 8")
        assert [a.name for a in lunch.attendees] == ["José Álvarez"]
        assert imported["Summer outing"].all_day
    finally:
        other.dispose()


def test_time_zones_of_another_program_become_the_team_wall_clock(uow, berlin) -> None:
    result = calendar_ics.import_file(uow, FIXTURES / "time_zones.ics")
    assert len(result.created) == 4
    found = {e.title: e for e in events.list_events(uow)}
    lunch = found["Partner lunch in New York"]
    # New York was on summer time from 8 March, Berlin only from 29 March: 5 hours apart.
    assert (lunch.starts_at, lunch.ends_at) == (datetime(2026, 3, 10, 17, 0),
                                                datetime(2026, 3, 10, 18, 30))
    assert (lunch.place, lunch.kind) == ("Grand Central Oyster Bar", EventKind.LUNCH)
    assert lunch.notes == "With the agency team.\nBring the launch plan."
    assert [a.name for a in lunch.attendees] == ["José Álvarez"]  # email matched, any case
    call = found["Press call"]
    assert call.starts_at == datetime(2026, 3, 10, 16, 0)
    assert [a.name for a in call.attendees] == ["Priya Nair"]  # matched by name
    party = found["Summer party"]
    assert party.all_day and party.starts_at == datetime(2026, 7, 3)
    assert party.kind is EventKind.CELEBRATION
    coffee = found["Coffee with the new hire"]  # floating time, no end: one hour
    assert (coffee.starts_at, coffee.ends_at) == (datetime(2026, 3, 11, 9), datetime(2026, 3, 11, 10))


def test_recurring_events_are_expanded_with_their_exceptions(uow, berlin) -> None:
    result = calendar_ics.import_file(uow, FIXTURES / "recurring.ics", today=date(2026, 5, 1))
    assert result.cancelled == 1
    listed = events.list_events(uow)
    lunches = [(e.title, e.starts_at) for e in listed if "lunch" in e.title]
    assert lunches == [
        ("Tuesday team lunch", datetime(2026, 4, 7, 12)),
        ("Tuesday team lunch (moved)", datetime(2026, 4, 21, 13)),
        ("Tuesday team lunch", datetime(2026, 4, 28, 12))]
    uids = {e.uid for e in listed if "lunch" in e.title}
    assert "tuesday-lunch@groupware.example#20260407T120000" in uids
    cakes = [e.starts_at.date() for e in listed if e.title.startswith("Birthday cake")]
    # a series without an end: from a year back to a year ahead only
    assert (len(cakes), cakes[0], cakes[-1]) == (24, date(2025, 5, 15), date(2027, 4, 15))
    assert "Drinks" not in {e.title for e in listed}
    again = calendar_ics.import_file(uow, FIXTURES / "recurring.ics", today=date(2026, 5, 1))
    assert (again.created, again.unchanged) == ((), 27)


@pytest.mark.skipif(not REAL_BIRTHDAYS.exists(), reason="the shared real calendar file is absent")
def test_a_real_calendar_programs_birthday_calendar(uow, berlin) -> None:
    result = calendar_ics.import_file(uow, REAL_BIRTHDAYS)
    assert result.repaired == 2  # its recurrence dates are written like "20131210Z"
    assert result.duplicates == 3  # each birthday is listed under two series
    found = events.list_events(uow)
    assert [(e.title, e.starts_at, e.all_day, e.kind) for e in found] == [
        ("PErson #2's birthday", datetime(year, 12, 10), True, EventKind.CELEBRATION)
        for year in (2012, 2013, 2014)]
    assert calendar_ics.import_file(uow, REAL_BIRTHDAYS).unchanged == 3


@pytest.mark.parametrize("name,message", [
    ("not_a_calendar.ics", "not_a_calendar.ics is not a calendar file that can be read"),
    ("event_without_start.ics", "'Outing without a date' in event_without_start.ics has no "
                                "readable start time; nothing was imported"),
    ("ends_before_start.ics", "'Backwards drinks' on 2026-03-11 in ends_before_start.ics ends "
                              "before it starts; nothing was imported"),
])
def test_a_bad_file_is_refused_whole(uow, berlin, name, message) -> None:
    with pytest.raises(ValidationError, match=message):
        calendar_ics.import_file(uow, FIXTURES / name)
    assert events.list_events(uow) == []


def test_empty_and_single_entry_files_are_explained(uow, berlin) -> None:
    with pytest.raises(ValidationError, match="is not a calendar file"):
        calendar_ics.import_calendar(uow, b"", "empty.ics")
    with pytest.raises(ValidationError, match="calendar without any events"):
        calendar_ics.import_calendar(uow, b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    with pytest.raises(ValidationError, match="single calendar entry, not a calendar"):
        calendar_ics.import_calendar(uow, b"BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n")
    with pytest.raises(ValidationError, match="missing.ics cannot be read"):
        calendar_ics.import_file(uow, FIXTURES / "missing.ics")
