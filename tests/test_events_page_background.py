"""The Team events page does its file work off the GUI thread: a held lock never freezes it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from helpers.events import open_events_page
from person import settle
from PySide6.QtCore import QDate, QDateTime

from db.enums import Department
from desktop import events
from desktop.events import EventInput
from ui.events import events_page
from ui.events.event_dialog import EventDialog
from ui.events.event_models import CalendarEntryTableModel
from ui.events.events_page import EventsPage
from ui.shell import form_dialog

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).parent / "fixtures" / "ics"
DAY = date.today().replace(day=15)  # a day in the shown (current) month


@pytest.fixture
def page(qtbot, uow, team) -> EventsPage:
    return open_events_page(qtbot, uow, team[Department.PR])


def _titles(page: EventsPage) -> list[str]:
    model = page.entry_model
    return [model.index(r, CalendarEntryTableModel.TITLE).data() for r in range(model.rowCount())]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=DAY.day)


def _finish_in_the_background(qtbot, dialog: EventDialog) -> None:
    """The save waits for the lock: the person lets it finish with the form closed."""
    qtbot.waitUntil(lambda: dialog.background_button.isVisibleTo(dialog), timeout=5000)
    dialog.background_button.click()


@pytest.mark.slow
def test_adding_an_event_while_someone_holds_the_lock_never_blocks_the_window(
        qtbot, page, uow, db_path, monkeypatch, lock_holder) -> None:
    monkeypatch.setattr(form_dialog, "BACKGROUND_OFFER_MS", 50)
    closed: list[int] = []

    def exec_(dialog: EventDialog) -> int:
        dialog.title_edit.setText("Summer party")
        dialog.starts_edit.setDateTime(QDateTime(_at(DAY, 18)))
        dialog.ends_edit.setDateTime(QDateTime(_at(DAY, 23)))
        dialog.accept()
        _finish_in_the_background(qtbot, dialog)
        closed.append(dialog.result())
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", exec_)
    holder = lock_holder(db_path)
    page.new_action.trigger()
    qtbot.waitUntil(lambda: bool(closed), timeout=5000)
    assert closed == [EventDialog.Accepted]  # the save goes on in the background
    assert events.list_events(uow) == [] and "Summer party" not in _titles(page)
    page.calendar.showNextMonth()  # the person keeps working meanwhile
    qtbot.waitUntil(lambda: page.month_label.text().startswith(
        _next_month(DAY).strftime("%B %Y")), timeout=2000)
    assert holder.holding and events.list_events(uow) == []  # loaded while the save waits
    holder.release()
    qtbot.waitUntil(lambda: "Summer party" in _titles(page), timeout=15_000)
    settle(qtbot)
    assert [e.title for e in events.list_events(uow)] == ["Summer party"]
    assert page.calendar.monthShown() == DAY.month and page.day_is_marked(DAY)
    assert page.selected_entry().title == "Summer party"
    assert page.undo_stack.undoText() == "Add event 'Summer party'"
    page.undo_stack.undo()
    settle(qtbot)
    assert events.list_events(uow) == [] and _titles(page) == []


@pytest.mark.slow
def test_a_conflict_found_after_the_dialog_closed_reopens_it_with_the_typing(
        qtbot, page, uow, team, db_path, monkeypatch, lock_holder) -> None:
    from dataclasses import replace

    from ui.shell.conflict_dialog import ConflictDialog

    monkeypatch.setattr(form_dialog, "BACKGROUND_OFFER_MS", 50)
    event = events.create_event(uow, EventInput("Lunch", _at(DAY, 12), _at(DAY, 13)))
    page.refresh()
    settle(qtbot)
    page.select_entry(event.id)
    holders = []
    seen: list[tuple[str, str]] = []

    def edit(dialog: EventDialog) -> int:
        if not holders:  # the first time: a colleague saves, then someone holds the lock
            other = uow.as_person(team[Department.MARKETING].id)
            events.update_event(other, event.id, event.version,
                                replace(event.as_input(), place="Their place"))
            holders.append(lock_holder(db_path))
            dialog.place_edit.setText("My place")
            dialog.accept()
            _finish_in_the_background(qtbot, dialog)
            holders[0].release()  # the form closed while the save waited; now it is refused
            return dialog.result()
        seen.append((dialog.place_edit.text(), dialog.error_label.text()))
        return EventDialog.Rejected

    monkeypatch.setattr(EventDialog, "exec", edit)
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: dialog.back_button.click()
                        or dialog.result())
    page.edit_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
    settle(qtbot)
    [(typed, problem)] = seen
    assert typed == "My place"
    assert problem.startswith("Someone else saved this meanwhile.")
    assert events.get_event(uow, event.id).place == "Their place"
    assert page.undo_stack.count() == 0


@pytest.mark.slow
def test_a_calendar_file_is_checked_at_once_even_while_saves_wait_for_the_lock(
        qtbot, page, uow, db_path, monkeypatch, lock_holder) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    event = events.create_event(uow, EventInput("Bowling", _at(DAY, 19), _at(DAY, 21)))
    page.refresh()
    settle(qtbot)
    page.select_entry(event.id)
    shown: list[str] = []
    monkeypatch.setattr(events_page, "show_error",
                        lambda _parent, error, _title="": shown.append(str(error)))
    monkeypatch.setattr(events_page, "ask", lambda *_a, **_kw: QMessageBox.Yes)
    chosen = iter([FIXTURES / "ends_before_start.ics", FIXTURES / "time_zones.ics"])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *_a, **_kw: (str(next(chosen)), "")))
    holder = lock_holder(db_path)
    page.delete_action.trigger()  # the writer now waits for the lock
    page.import_action.trigger()  # a bad file is refused without queuing behind it
    qtbot.waitUntil(lambda: bool(shown), timeout=1500)
    assert "ends before it starts; nothing was imported" in shown[0]
    assert holder.holding and page.import_action.isEnabled()
    page.import_action.trigger()
    qtbot.waitUntil(lambda: "Importing 4 events of time_zones.ics"
                    in page.message_label.text(), timeout=1500)
    assert [e.title for e in events.list_events(uow)] == ["Bowling"]
    holder.release()
    qtbot.waitUntil(lambda: "From time_zones.ics: 4 new events" in page.message_label.text(),
                    timeout=15_000)
    settle(qtbot)
    assert len(events.list_events(uow)) == 4 and "Partner lunch in New York" in _titles(page)
    assert "Bowling" not in [e.title for e in events.list_events(uow)]
    assert shown == [shown[0]] and page.import_action.isEnabled()
    assert page.undo_stack.undoText() == "Import 4 events from time_zones.ics"


def test_a_day_clicked_while_its_month_loads_is_selected_when_it_arrives(qtbot, page, uow) -> None:
    later = _next_month(DAY)
    events.create_event(uow, EventInput("Bowling", _at(later, 19), _at(later, 21)))
    page.calendar.setCurrentPage(later.year, later.month)  # its load is under way
    page.calendar.clicked.emit(QDate(later))
    settle(qtbot)
    assert page.selected_entry().title == "Bowling" and page.edit_action.isEnabled()


def test_a_month_turned_past_never_flashes_in_the_list(qtbot, page, uow) -> None:
    events.create_event(uow, EventInput("This month", _at(DAY, 12), _at(DAY, 13)))
    later = _next_month(DAY)
    events.create_event(uow, EventInput("Next month", _at(later, 12), _at(later, 13)))
    listed: list[list[str]] = []
    page.entry_model.modelReset.connect(lambda: listed.append(_titles(page)))
    page.calendar.showNextMonth()
    page.calendar.showPreviousMonth()  # before the first load came back
    settle(qtbot)
    assert listed == [["This month"]]
    assert page.month_label.text().startswith(DAY.strftime("%B %Y"))
