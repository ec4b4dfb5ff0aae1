"""Team events: lunches, outings and celebrations with place and attendees, and the calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from db.enums import Department, EventKind
from desktop import events, meetings
from desktop.errors import ConflictError, NotFoundError, ValidationError
from desktop.events import EventInput

LUNCH_START = datetime(2026, 6, 12, 12, 30)


@pytest.fixture
def lunch(uow, team):
    return events.create_event(uow, EventInput(
        "Quarterly team lunch", LUNCH_START, LUNCH_START + timedelta(minutes=90),
        EventKind.LUNCH, " Kantine am Kanal ", "Vegetarian options booked",
        (team[Department.PR].id, team[Department.SALES].id)))


def test_an_event_is_saved_with_place_attendees_and_a_calendar_uid(uow, lunch) -> None:
    stored = events.get_event(uow, lunch.id)
    assert (stored.title, stored.kind, stored.place) == ("Quarterly team lunch", EventKind.LUNCH,
                                                         "Kantine am Kanal")
    assert [a.name for a in stored.attendees] == ["José Álvarez", "Олег Петров"]
    assert stored.uid.endswith("@commonground") and not stored.all_day


@pytest.mark.parametrize("changes,message", [
    ({"ends_at": LUNCH_START - timedelta(minutes=30)},
     r"The event ends \(2026-06-12 12:00\) before it starts \(2026-06-12 12:30\)"),
    ({"ends_at": LUNCH_START}, "ends the moment it starts"),
    ({"title": " "}, "An event needs a title."),
    ({"place": "x" * 201}, "Shorten the place"),
    ({"attendee_ids": (404,)}, "no longer in the team file"),
])
def test_bad_events_are_refused_in_plain_words(uow, team, changes, message) -> None:
    data = EventInput("Bowling", LUNCH_START, LUNCH_START + timedelta(hours=2))
    with pytest.raises(ValidationError, match=message):
        events.create_event(uow, replace(data, **changes))
    assert events.list_events(uow) == []


def test_an_edit_checks_the_version_it_was_made_on(uow, team, lunch) -> None:
    moved = events.update_event(uow, lunch.id, lunch.version,
                                replace(lunch.as_input(), place="Osteria Bellaluna"))
    assert moved.place == "Osteria Bellaluna" and moved.version == lunch.version + 1
    with pytest.raises(ConflictError) as raised:
        events.update_event(uow, lunch.id, lunch.version,
                            replace(lunch.as_input(), place="Rooftop"))
    assert raised.value.stored["place"] == "Osteria Bellaluna"
    assert events.get_event(uow, lunch.id).place == "Osteria Bellaluna"


def test_changing_only_the_attendees_is_saved(uow, team, lunch) -> None:
    everyone = tuple(p.id for p in team.values())
    saved = events.update_event(uow, lunch.id, lunch.version,
                                replace(lunch.as_input(), attendee_ids=everyone))
    assert len(events.get_event(uow, lunch.id).attendees) == 4
    assert saved.version > lunch.version


def test_a_deleted_event_comes_back_with_its_uid(uow, team, lunch) -> None:
    snapshot = events.delete_event(uow, lunch.id, lunch.version)
    with pytest.raises(NotFoundError):
        events.get_event(uow, lunch.id)
    back = events.restore_event(uow, snapshot)
    assert (back.uid, back.title, back.attendees) == (lunch.uid, lunch.title, lunch.attendees)


def test_listing_takes_the_events_that_touch_the_period(uow, team, lunch) -> None:
    trip = events.create_event(uow, EventInput(
        "Team outing", datetime(2026, 6, 30), datetime(2026, 7, 2), EventKind.OUTING))
    assert trip.all_day
    assert [e.title for e in events.list_events(uow, date(2026, 7, 1), date(2026, 7, 31))] == [
        "Team outing"]
    assert [e.title for e in events.list_events(uow, date(2026, 6, 1), date(2026, 6, 30))] == [
        "Quarterly team lunch", "Team outing"]
    assert events.list_events(uow, date(2026, 7, 2), date(2026, 7, 3)) == []


def test_the_calendar_holds_events_and_meetings_with_the_days_they_touch(uow, team, lunch) -> None:
    meetings.create_meeting(uow, meetings.MeetingInput(datetime(2026, 6, 9, 10), "Joint weekly",
                                                       (team[Department.PR].id,)))
    events.create_event(uow, EventInput("Offsite", datetime(2026, 6, 29), datetime(2026, 7, 1),
                                        EventKind.OUTING))
    entries = events.calendar_entries(uow, date(2026, 6, 1), date(2026, 6, 30))
    assert [(e.title, e.is_meeting) for e in entries] == [
        ("Joint weekly", True), ("Quarterly team lunch", False), ("Offsite", False)]
    assert entries[0].ends_at == datetime(2026, 6, 9, 11)
    assert entries[2].days() == [date(2026, 6, 29), date(2026, 6, 30)]
    assert events.calendar_entries(uow, date(2026, 7, 2), date(2026, 7, 31)) == []


def test_an_attendee_a_colleague_added_stays_when_an_older_edit_is_saved(uow, team, lunch) -> None:
    marketing = team[Department.MARKETING].id
    theirs = replace(lunch.as_input(), attendee_ids=(*lunch.as_input().attendee_ids, marketing))
    events.update_event(uow, lunch.id, lunch.version, theirs, seen=lunch)
    current = events.get_event(uow, lunch.id)
    mine = replace(lunch.as_input(), notes="Table for five")  # made on what was seen before
    saved = events.update_event(uow, lunch.id, current.version, mine, seen=lunch)
    assert marketing in {a.person_id for a in saved.attendees}
    assert saved.notes == "Table for five"


def test_attendee_changes_of_two_people_on_an_event_are_merged(uow, team, lunch) -> None:
    pr, sales = team[Department.PR].id, team[Department.SALES].id
    marketing, lead = team[Department.MARKETING].id, team[Department.LEADERSHIP].id
    events.update_event(uow, lunch.id, lunch.version,
                        replace(lunch.as_input(), attendee_ids=(pr, sales, marketing)), seen=lunch)
    current = events.get_event(uow, lunch.id)
    mine = replace(lunch.as_input(), attendee_ids=(pr, lead))  # dropped sales, added the lead
    saved = events.update_event(uow, lunch.id, current.version, mine, seen=lunch)
    assert {a.person_id for a in saved.attendees} == {pr, marketing, lead}


def test_an_edit_returns_what_it_replaced_for_undo(uow, team, lunch) -> None:
    marketing = team[Department.MARKETING].id
    other = uow.as_person(marketing)
    events.update_event(other, lunch.id, lunch.version,
                        replace(lunch.as_input(), place="Their place"))
    current = events.get_event(uow, lunch.id)
    before, after = events.edit_event(uow, lunch.id, current.version,
                                      replace(lunch.as_input(), notes="Table for five"),
                                      seen=lunch)
    assert before.place == "Their place" and before.notes == "Vegetarian options booked"
    assert (after.notes, after.version) == ("Table for five", current.version + 1)
    assert before.version == current.version
