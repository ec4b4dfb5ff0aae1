"""The Team events page: the month calendar with marked days, the list, dialogs, undo, .ics files."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from helpers.events import open_events_page
from person import settle, wait_for_save
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from db.enums import Department, EventKind
from desktop import events, meetings
from desktop.events import EventInput
from ui.events import events_page
from ui.events.event_dialog import EventDialog
from ui.events.event_models import EVENT_COLOR, MEETING_COLOR, CalendarEntryTableModel
from ui.events.events_page import EventsPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).parent / "fixtures" / "ics"
TODAY = date.today()
# a day in the shown (current) month, whatever today is
DAY = TODAY.replace(day=15)


@pytest.fixture
def page(qtbot, uow, team) -> EventsPage:
    return open_events_page(qtbot, uow, team[Department.PR])



def _fill_event_dialog(monkeypatch, title: str, start: datetime, end: datetime,
                       kind: EventKind = EventKind.LUNCH, place: str = "",
                       attendee_rows: tuple[int, ...] = ()) -> list[str]:
    """Replace the modal exec() with a person filling the form and pressing Save."""
    problems: list[str] = []

    def exec_(dialog: EventDialog) -> int:
        dialog.title_edit.setText(title)
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind))
        dialog.starts_edit.setDateTime(QDateTime(start))
        dialog.ends_edit.setDateTime(QDateTime(end))
        dialog.place_edit.setText(place)
        for row in attendee_rows:
            dialog.attendee_model.setData(dialog.attendee_model.index(row), Qt.Checked,
                                          Qt.CheckStateRole)
        dialog.accept()
        wait_for_save(dialog)
        if dialog.error_label.isVisibleTo(dialog):
            problems.append(dialog.error_label.text())
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", exec_)
    return problems


def _titles(page: EventsPage) -> list[str]:
    model = page.entry_model
    return [model.index(r, CalendarEntryTableModel.TITLE).data() for r in range(model.rowCount())]


def _marked(page: EventsPage, day: date) -> tuple[bool, str]:
    text_format = page.calendar.dateTextFormat(QDate(day))
    return (text_format.fontWeight() == QFont.Bold,
            text_format.background().color().name())


def test_add_an_event_and_see_it_on_the_calendar(qtbot, page, uow, monkeypatch) -> None:
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=12, minute=30)
    _fill_event_dialog(monkeypatch, "Quarterly team lunch", start, start + timedelta(hours=1),
                       place="Kantine am Kanal", attendee_rows=(0, 1))
    assert _marked(page, DAY) == (False, "#000000")
    page.new_action.trigger()
    settle(qtbot)
    assert _marked(page, DAY) == (True, EVENT_COLOR.name())
    assert page.day_is_marked(DAY)
    assert _titles(page) == ["Quarterly team lunch"]
    assert page.selected_entry().title == "Quarterly team lunch"
    row = page.entry_model.index(0, CalendarEntryTableModel.TIME).data()
    assert row == "12:30–13:30"
    stored = events.list_events(uow)
    assert [(e.title, e.place, len(e.attendees)) for e in stored] == [
        ("Quarterly team lunch", "Kantine am Kanal", 2)]
    page.undo_stack.undo()
    settle(qtbot)
    assert _titles(page) == [] and not page.day_is_marked(DAY)
    page.undo_stack.redo()
    settle(qtbot)
    assert _titles(page) == ["Quarterly team lunch"]
    assert events.list_events(uow)[0].uid == stored[0].uid  # the same calendar entry


def test_an_event_that_ends_before_it_starts_is_refused_in_the_form(qtbot, page, uow, monkeypatch) -> None:
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=18)
    problems = _fill_event_dialog(monkeypatch, "Drinks", start, start - timedelta(hours=2))
    page.new_action.trigger()
    settle(qtbot)
    assert len(problems) == 1 and "before it starts" in problems[0]
    assert events.list_events(uow) == [] and page.undo_stack.count() == 0


def test_meetings_are_on_the_calendar_too(qtbot, page, uow, team) -> None:
    meetings.create_meeting(uow, meetings.MeetingInput(
        datetime.combine(DAY, datetime.min.time()).replace(hour=10), "Joint weekly",
        (team[Department.PR].id,)))
    page.refresh()
    settle(qtbot)
    assert _marked(page, DAY) == (True, MEETING_COLOR.name())
    assert _titles(page) == ["Joint weekly"]
    assert page.entry_model.index(0, CalendarEntryTableModel.KIND).data() == "Meeting"
    page.list_view.setCurrentIndex(page.entry_model.index(0, 0))
    assert not page.edit_action.isEnabled() and not page.delete_action.isEnabled()


def test_clicking_a_day_selects_its_entry(qtbot, page, uow) -> None:
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=12)
    for offset, title in ((0, "Lunch"), (1, "Bowling")):
        events.create_event(uow, EventInput(title, start + timedelta(days=offset),
                                            start + timedelta(days=offset, hours=2)))
    page.refresh()
    settle(qtbot)
    page.calendar.clicked.emit(QDate(DAY + timedelta(days=1)))
    assert page.selected_entry().title == "Bowling"
    assert page.edit_action.isEnabled()


def test_edit_and_undo(qtbot, page, uow, monkeypatch) -> None:
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=12)
    event = events.create_event(uow, EventInput("Lunch", start, start + timedelta(hours=1)))
    page.refresh()
    settle(qtbot)
    page.select_entry(event.id)
    _fill_event_dialog(monkeypatch, "Long lunch", start, start + timedelta(hours=3),
                       EventKind.CELEBRATION)
    page.edit_action.trigger()
    settle(qtbot)
    stored = events.get_event(uow, event.id)
    assert (stored.title, stored.kind, stored.ends_at) == (
        "Long lunch", EventKind.CELEBRATION, start + timedelta(hours=3))
    page.undo_stack.undo()
    settle(qtbot)
    assert events.get_event(uow, event.id).title == "Lunch"
    assert _titles(page) == ["Lunch"]


def test_delete_asks_and_undo_brings_it_back(qtbot, page, uow, monkeypatch) -> None:
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=19)
    event = events.create_event(uow, EventInput("Bowling night", start, start + timedelta(hours=2),
                                                EventKind.OUTING))
    page.refresh()
    settle(qtbot)
    page.select_entry(event.id)
    monkeypatch.setattr(events_page, "ask", lambda *_a, **_kw: QMessageBox.Yes)
    page.delete_action.trigger()
    settle(qtbot)
    assert events.list_events(uow) == [] and not page.day_is_marked(DAY)
    page.undo_stack.undo()
    settle(qtbot)
    assert [e.uid for e in events.list_events(uow)] == [event.uid]
    assert page.day_is_marked(DAY)


def test_import_a_calendar_file_shows_its_month_and_can_be_undone(qtbot, page, uow, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *_a, **_kw: (str(FIXTURES / "time_zones.ics"), "")))
    page.import_action.trigger()
    assert not page.import_action.isEnabled()  # one file at a time
    settle(qtbot)
    assert len(events.list_events(uow)) == 4
    assert (page.calendar.yearShown(), page.calendar.monthShown()) == (2026, 3)
    assert "Partner lunch in New York" in _titles(page)
    assert "From time_zones.ics: 4 new events" in page.message_label.text()
    page.undo_stack.undo()
    settle(qtbot)
    assert events.list_events(uow) == [] and _titles(page) == []


def test_a_bad_calendar_file_is_explained_and_imports_nothing(qtbot, page, uow, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *_a, **_kw: (str(FIXTURES / "ends_before_start.ics"), "")))
    shown: list[str] = []
    monkeypatch.setattr(events_page, "show_error",
                        lambda _parent, error, _title="": shown.append(str(error)))
    page.import_action.trigger()
    settle(qtbot)
    assert len(shown) == 1 and "ends before it starts; nothing was imported" in shown[0]
    assert page.import_action.isEnabled()
    assert events.list_events(uow) == [] and page.undo_stack.count() == 0


def test_export_writes_a_calendar_file(qtbot, page, uow, tmp_path, monkeypatch) -> None:
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=12)
    event = events.create_event(uow, EventInput("Lunch", start, start + timedelta(hours=1)))
    target = tmp_path / "team"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_kw: (str(target), "")))
    page.export_action.trigger()
    settle(qtbot)
    calendar = icalendar.Calendar.from_ical((tmp_path / "team.ics").read_bytes())
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [event.uid]
    assert "Saved 1 team event and 0 meetings to team.ics" in page.message_label.text()


def test_read_only_file_disables_every_edit_but_export(qtbot, page, uow, team) -> None:
    uow.database.read_only_reason = "read-only for the test"
    page.set_context(TeamContext(uow.database, team[Department.PR]))
    for action in (page.new_action, page.edit_action, page.delete_action, page.import_action):
        assert not action.isEnabled()
    assert page.export_action.isEnabled()


def test_the_entry_model_passes_the_model_tester(qtbot, qtmodeltester, page, uow, team) -> None:
    start = datetime.combine(DAY, datetime.min.time())
    events.create_event(uow, EventInput("Offsite", start, start + timedelta(days=2),
                                        EventKind.OUTING, attendee_ids=(team[Department.PR].id,)))
    page.refresh()
    settle(qtbot)
    qtmodeltester.check(page.entry_model)
    assert page.entry_model.index(0, CalendarEntryTableModel.TIME).data() == "2 days"
    assert page.entry_model.index(0, CalendarEntryTableModel.ATTENDEES).data(Qt.ToolTipRole) == \
        "José Álvarez"


def test_an_export_to_a_missing_folder_is_explained(qtbot, page, uow, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_kw: (str(tmp_path / "gone" / "team.ics"), "")))
    shown: list[str] = []
    monkeypatch.setattr(events_page, "show_error",
                        lambda _parent, error, _title="": shown.append(str(error)))
    page.export_action.trigger()
    settle(qtbot)
    assert shown == ["team.ics cannot be written (No such file or directory)."]
    assert page.export_action.isEnabled()


# --------------------------------------------------------------------------- conflicts


def _lunch_open_in_the_page(qtbot, page, uow, team) -> events.TeamEvent:
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=12)
    event = events.create_event(uow, EventInput("Lunch", start, start + timedelta(hours=1),
                                                attendee_ids=(team[Department.PR].id,)))
    page.refresh()
    settle(qtbot)
    page.select_entry(event.id)
    return event


def _someone_else_saves(uow, team, event: events.TeamEvent, **changes: object) -> None:
    from dataclasses import replace

    other = uow.as_person(team[Department.MARKETING].id)
    current = events.get_event(other, event.id)
    events.update_event(other, event.id, current.version, replace(current.as_input(), **changes))


def test_taking_all_theirs_in_a_conflict_keeps_their_values(qtbot, page, uow, team,
                                                            answer_conflicts, monkeypatch) -> None:
    event = _lunch_open_in_the_page(qtbot, page, uow, team)

    def edit(dialog: EventDialog) -> int:
        _someone_else_saves(uow, team, event, place="Their place")
        dialog.place_edit.setText("My place")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", edit)
    answer_conflicts("theirs")
    page.edit_action.trigger()
    settle(qtbot)
    assert events.get_event(uow, event.id).place == "Their place"


def test_back_to_editing_keeps_the_event_dialog_open_with_the_typing(qtbot, page, uow, team,
        answer_conflicts, monkeypatch) -> None:
    event = _lunch_open_in_the_page(qtbot, page, uow, team)
    after_back: list[tuple[int, str, str]] = []

    def edit(dialog: EventDialog) -> int:
        _someone_else_saves(uow, team, event, place="Their place")
        dialog.place_edit.setText("My place")
        dialog.accept()  # the conflict dialog: back to editing
        wait_for_save(dialog)
        after_back.append((dialog.result(), dialog.place_edit.text(),
                           dialog.error_label.text()))
        dialog.accept()  # the conflict dialog again: keep mine
        wait_for_save(dialog)
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", edit)
    answer_conflicts("back", "mine")
    page.edit_action.trigger()
    settle(qtbot)
    [(result, typed, problem)] = after_back
    assert result != QDialog.Accepted and typed == "My place"
    assert problem.startswith("Someone else saved this meanwhile.")
    assert events.get_event(uow, event.id).place == "My place"
    page.undo_stack.undo()  # undo brings theirs back
    settle(qtbot)
    assert events.get_event(uow, event.id).place == "Their place"


def test_an_attendee_a_colleague_adds_meanwhile_stays(qtbot, page, uow, team, monkeypatch) -> None:
    from ui.shell.conflict_dialog import ConflictDialog

    event = _lunch_open_in_the_page(qtbot, page, uow, team)
    sales = team[Department.SALES].id

    def edit(dialog: EventDialog) -> int:
        _someone_else_saves(uow, team, event, attendee_ids=(team[Department.PR].id, sales))
        dialog.title_edit.setText("Long lunch")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", edit)
    monkeypatch.setattr(ConflictDialog, "exec", lambda _d: pytest.fail("no conflict expected"))
    page.edit_action.trigger()
    settle(qtbot)
    stored = events.get_event(uow, event.id)
    assert stored.title == "Long lunch"
    assert {a.person_id for a in stored.attendees} == {team[Department.PR].id, sales}
