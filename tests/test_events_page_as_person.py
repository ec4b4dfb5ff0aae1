"""The Team events page in a person's hands: a day clicked in the calendar, a new event
typed into the form and saved with its button, the month turned with the calendar's
arrow, a row clicked and deleted, and calendar files exported and imported through the
toolbar (only the native file dialog's answer is stood in for)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
from person import (
    answer,
    answer_questions,
    click,
    click_day,
    click_dialog_button,
    click_row,
    follow_changes,
    pick,
    row_of,
    settle,
    show,
    texts,
    tick,
    type_date,
    type_into,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTableView,
    QToolButton,
)

from db.enums import Department
from desktop import events
from desktop.events import EventInput
from ui.events.event_dialog import EventDialog
from ui.events.event_models import CalendarEntryTableModel
from ui.events.events_page import EventsPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).parent / "fixtures" / "ics"
TODAY = date.today()
DAY = TODAY.replace(day=20)


@pytest.fixture
def page(qtbot, uow, team):
    stack = QUndoStack()
    widget = EventsPage(stack)
    undo = stack.createUndoAction(widget)
    undo.setShortcut(QKeySequence.Undo)
    undo.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    widget.addAction(undo)
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.PR]))
    follow_changes(widget)
    show(qtbot, widget)
    settle(qtbot)
    return widget


def _listed(page: EventsPage) -> list[str]:
    return texts(page.list_view, CalendarEntryTableModel.TITLE)


def _lunch(qtbot, title: str = "Quarterly team lunch"):
    def act(dialog: EventDialog) -> None:
        type_into(qtbot, dialog.title_edit, title)
        pick(qtbot, dialog.kind_box, "Lunch")
        type_into(qtbot, dialog.place_edit, "Osteria on the corner")
        tick(qtbot, dialog.attendee_view, row_of(dialog.attendee_view, "Priya Nair · Marketing"))
        click_dialog_button(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.Save)
    return act


def test_an_event_added_on_the_clicked_day_is_listed_and_marked(qtbot, page, uow, team, monkeypatch) -> None:
    dialogs = answer(monkeypatch, EventDialog, _lunch(qtbot))
    click_day(qtbot, page.calendar, DAY)
    page.new_action.trigger()
    settle(qtbot)
    assert dialogs[0].starts_edit.date() == QDate(DAY)  # the form starts on the clicked day
    assert _listed(page) == ["Quarterly team lunch"]
    assert page.message_label.text() == f"Added 'Quarterly team lunch' on {DAY.isoformat()}."
    assert page.day_is_marked(DAY)
    stored, = events.list_events(uow)
    assert (stored.title, stored.place, stored.starts_at) == (
        "Quarterly team lunch", "Osteria on the corner", datetime.combine(DAY, time(12)))
    assert [a.name for a in stored.attendees] == ["Priya Nair"]
    qtbot.keyClick(page.list_view, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert _listed(page) == [] and events.list_events(uow) == []


def test_double_clicking_a_day_opens_a_new_event_on_it(qtbot, page, uow, monkeypatch) -> None:
    day = TODAY.replace(day=3)
    dialogs = answer(monkeypatch, EventDialog, _lunch(qtbot, "Kick-off breakfast"))
    click_day(qtbot, page.calendar, day, double=True)
    settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["New team event"]
    assert events.list_events(uow)[0].starts_at.date() == day


def test_an_event_that_ends_before_it_starts_is_refused_in_the_form(qtbot, page, uow, monkeypatch) -> None:
    def backwards(dialog: EventDialog) -> None:
        type_into(qtbot, dialog.title_edit, "Bowling")
        type_date(qtbot, dialog.ends_edit, datetime.combine(DAY, time(11)))
        click_dialog_button(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.Save)

    dialogs = answer(monkeypatch, EventDialog, backwards)
    click_day(qtbot, page.calendar, DAY)
    page.new_action.trigger()
    settle(qtbot)
    assert dialogs[0].error_label.isVisibleTo(dialogs[0])
    assert "end" in dialogs[0].error_label.text()
    assert dialogs[0].title_edit.text() == "Bowling"
    assert events.list_events(uow) == []


def test_clicking_a_day_selects_its_event_and_delete_asks_first(qtbot, page, uow, monkeypatch) -> None:
    start = datetime.combine(DAY, time(18))
    events.create_event(uow, EventInput("Summer party", start, start + timedelta(hours=3)))
    page.refresh()
    settle(qtbot)
    assert not page.delete_action.isEnabled()
    click_day(qtbot, page.calendar, DAY)
    assert page.list_view.currentIndex().siblingAtColumn(
        CalendarEntryTableModel.TITLE).data() == "Summer party"
    assert page.edit_action.isEnabled() and page.delete_action.isEnabled()
    questions = answer_questions(monkeypatch, QMessageBox.Yes)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Summer party",
                                            CalendarEntryTableModel.TITLE))
    qtbot.keyClick(page.list_view, Qt.Key_Delete)
    settle(qtbot)
    assert len(questions) == 1 and "Summer party" in questions[0]
    assert _listed(page) == [] and events.list_events(uow) == []
    assert not page.day_is_marked(DAY)


def test_the_calendar_arrow_turns_the_month_and_the_list_follows(qtbot, page, uow) -> None:
    following = (TODAY.replace(day=28) + timedelta(days=7)).replace(day=10)
    start = datetime.combine(following, time(12))
    events.create_event(uow, EventInput("Next month's outing", start, start + timedelta(hours=2)))
    page.refresh()
    settle(qtbot)
    assert _listed(page) == []
    click(qtbot, page.calendar.findChild(QToolButton, "qt_calendar_nextmonth"))
    settle(qtbot)
    assert (page.calendar.yearShown(), page.calendar.monthShown()) == (following.year,
                                                                         following.month)
    assert _listed(page) == ["Next month's outing"]
    page.today_action.trigger()
    settle(qtbot)
    assert _listed(page) == []


def test_export_through_the_toolbar_writes_the_calendar_file(qtbot, page, uow, tmp_path, monkeypatch) -> None:
    start = datetime.combine(DAY, time(12))
    event = events.create_event(uow, EventInput("Lunch", start, start + timedelta(hours=1)))
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda _parent, title, *_a, **_kw: (asked.append(title), (str(tmp_path / "team"), ""))[1]))
    page.export_action.trigger()
    settle(qtbot)
    assert asked == ["Export a calendar file"]
    calendar = icalendar.Calendar.from_ical((tmp_path / "team.ics").read_bytes())
    assert [(str(e["UID"]), str(e["SUMMARY"])) for e in calendar.walk("VEVENT")] == [
        (event.uid, "Lunch")]
    assert "team.ics" in page.message_label.text()
    assert page.export_action.isEnabled()


def test_import_through_the_toolbar_shows_its_month_and_ctrl_z_takes_it_back(qtbot, page, uow, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *_a, **_kw: (str(FIXTURES / "time_zones.ics"), "")))
    page.import_action.trigger()
    settle(qtbot)
    assert (page.calendar.yearShown(), page.calendar.monthShown()) == (2026, 3)
    assert "Partner lunch in New York" in _listed(page)
    assert "From time_zones.ics: 4 new events" in page.message_label.text()
    assert len(events.list_events(uow)) == 4
    qtbot.keyClick(page.list_view, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert _listed(page) == [] and events.list_events(uow) == []


def test_double_clicking_an_event_opens_it_and_the_new_title_is_saved(qtbot, page, uow, monkeypatch) -> None:
    from person import double_click_row

    start = datetime.combine(DAY, time(18))
    event = events.create_event(uow, EventInput("Summer party", start, start + timedelta(hours=3)))
    page.refresh()
    settle(qtbot)

    def retitle(dialog: EventDialog) -> None:
        type_into(qtbot, dialog.title_edit, "Summer party on the roof")
        click_dialog_button(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.Save)

    dialogs = answer(monkeypatch, EventDialog, retitle)
    double_click_row(qtbot, page.list_view, row_of(page.list_view, "Summer party",
                                                   CalendarEntryTableModel.TITLE))
    settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["Edit event"]
    assert _listed(page) == ["Summer party on the roof"]
    assert events.get_event(uow, event.id).title == "Summer party on the roof"


def test_enter_on_a_day_of_the_calendar_opens_a_new_event_on_it(qtbot, page, uow, monkeypatch) -> None:
    dialogs = answer(monkeypatch, EventDialog, _lunch(qtbot))
    click_day(qtbot, page.calendar, DAY)
    grid = page.calendar.findChild(QTableView, "qt_calendar_calendarview")
    qtbot.keyClick(grid, Qt.Key_Right)
    qtbot.keyClick(grid, Qt.Key_Return)
    settle(qtbot)
    following = DAY + timedelta(days=1)
    assert dialogs and dialogs[0].starts_edit.date() == QDate(following)
    assert events.list_events(uow)[0].starts_at.date() == following


def test_an_event_typed_into_next_month_turns_the_calendar_there(qtbot, page, uow, monkeypatch) -> None:
    following = (TODAY.replace(day=28) + timedelta(days=7)).replace(day=12)
    ends: list[datetime] = []

    def later(dialog: EventDialog) -> None:
        type_into(qtbot, dialog.title_edit, "Bowling night")
        type_date(qtbot, dialog.starts_edit, datetime.combine(following, time(19)))
        ends.append(dialog.ends_edit.dateTime().toPython())
        click_dialog_button(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.Save)

    answer(monkeypatch, EventDialog, later)
    page.new_action.trigger()
    settle(qtbot)
    assert ends == [datetime.combine(following, time(20, 30))]  # the end moved with the start
    assert (page.calendar.yearShown(), page.calendar.monthShown()) == (following.year,
                                                                         following.month)
    assert _listed(page) == ["Bowling night"]
    assert page.day_is_marked(following)


def test_clicking_an_event_in_the_list_enables_edit_and_delete(qtbot, page, uow, monkeypatch) -> None:
    """With nothing selected yet, a click on a row makes it current before it selects it:
    Edit and Delete must follow the selection, not only the current row."""
    start = datetime.combine(DAY, time(18))
    events.create_event(uow, EventInput("Summer party", start, start + timedelta(hours=3)))
    page.refresh()
    settle(qtbot)
    click_day(qtbot, page.calendar, DAY + timedelta(days=1))  # a day without events
    assert not page.edit_action.isEnabled() and not page.delete_action.isEnabled()
    click_row(qtbot, page.list_view, row_of(page.list_view, "Summer party",
                                            CalendarEntryTableModel.TITLE))
    assert page.edit_action.isEnabled() and page.delete_action.isEnabled()
    questions = answer_questions(monkeypatch, QMessageBox.Yes)
    qtbot.keyClick(page.list_view, Qt.Key_Delete)
    settle(qtbot)
    assert len(questions) == 1 and events.list_events(uow) == []


def test_a_bad_calendar_file_is_explained_in_a_message_and_imports_nothing(qtbot, page, uow, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *_a, **_kw: (str(FIXTURES / "ends_before_start.ics"), "")))
    told = answer_questions(monkeypatch, QMessageBox.Ok)
    page.import_action.trigger()
    settle(qtbot)
    assert len(told) == 1 and "nothing was imported" in told[0]
    assert "Traceback" not in told[0]
    assert events.list_events(uow) == [] and page.import_action.isEnabled()
