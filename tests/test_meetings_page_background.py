"""The Meetings page while its work waits: a lock held elsewhere, a slow share.

A save, a tick or a delete that waits must leave the window usable, and whatever
the person types meanwhile must survive the save landing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from helpers.meetings import LAST_WEEK, listed_titles, my_action_texts, open_meeting, open_meetings_page
from person import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop import meetings
from desktop.meetings import ActionInput, MeetingInput
from ui.board.idea_card_dialog import IdeaCardDialog
from ui.meetings import meetings_page
from ui.meetings.meeting_editor import typed_on_top
from ui.meetings.meeting_models import ActionItemsTableModel, MyActionsTableModel
from ui.meetings.meetings_page import MeetingsPage
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, uow, me) -> MeetingsPage:
    return open_meetings_page(qtbot, uow, me)


class Gate:
    """Holds service calls back until opened, as a slow share would, without sleeping."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._open = threading.Event()
        self._monkeypatch = monkeypatch

    def hold(self, name: str) -> None:
        original = getattr(meetings, name)

        def held(*args: object, **kwargs: object) -> object:
            self._open.wait(10)
            return original(*args, **kwargs)

        self._monkeypatch.setattr(meetings, name, held)

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.open()  # never leave the writer thread waiting


def _selected_id(page) -> int:
    current = page.proxy.mapToSource(page.list_view.currentIndex())
    return page.meeting_model.row_at(current.row()).id


def _action_texts(page) -> list[str]:
    model = page.editor.action_model
    return [model.index(r, ActionItemsTableModel.TEXT).data() for r in range(model.rowCount())]


@pytest.mark.slow
def test_a_save_waiting_for_a_lock_leaves_the_window_usable_and_keeps_later_typing(
        qtbot, page, uow, weekly, me, db_path, lock_holder) -> None:
    open_meeting(qtbot, page, weekly.id)
    editor = page.editor
    editor.decisions_edit.setPlainText("Launch on the 12th")
    model = editor.action_model
    model.add_action(me.id)
    model.setData(model.index(1, ActionItemsTableModel.TEXT), "Book the venue")
    holder = lock_holder(db_path)
    page.save_action.trigger()
    assert not page.save_action.isEnabled()  # one save at a time
    ticks = page.my_actions_model
    ticks.setData(ticks.index(0, MyActionsTableModel.DONE), Qt.Checked, Qt.CheckStateRole)
    assert ticks.index(0, MyActionsTableModel.DONE).data(Qt.CheckStateRole) == Qt.Checked
    editor.notes_edit.appendPlainText("Typed while it saved")  # the person keeps working
    page.search_edit.setText("launch")
    assert meetings.get_meeting(uow, weekly.id).decisions == ""  # not yet
    holder.release()
    qtbot.waitUntil(lambda: meetings.get_meeting(uow, weekly.id).actions[0].done, timeout=15_000)
    settle(qtbot)

    stored = meetings.get_meeting(uow, weekly.id)
    assert stored.decisions == "Launch on the 12th"
    assert [(a.text, a.done, a.owner_id) for a in stored.actions] == [
        ("Draft the press release", True, me.id), ("Book the venue", False, me.id)]
    assert "Typed while it saved" not in stored.notes  # typed after Save was pressed
    assert editor.decisions_edit.toPlainText() == "Launch on the 12th"
    assert editor.notes_edit.toPlainText().endswith("Typed while it saved")
    assert editor.is_dirty() and page.save_action.isEnabled()
    assert listed_titles(page) == ["Joint weekly: launch"]
    assert my_action_texts(page) == ["Book the venue"]
    assert page.undo_stack.undoText() == "Tick 'Draft the press release'"

    page.save_action.trigger()  # the later typing, on top of the first save
    settle(qtbot)
    stored = meetings.get_meeting(uow, weekly.id)
    assert stored.notes.endswith("Typed while it saved")
    assert [(a.text, a.done) for a in stored.actions] == [
        ("Draft the press release", True), ("Book the venue", False)]  # nothing twice
    assert not editor.is_dirty()
    assert _action_texts(page) == ["Draft the press release", "Book the venue"]


def test_switching_meetings_while_the_save_is_on_its_way_waits_for_it(
        qtbot, page, uow, weekly, gate, monkeypatch) -> None:
    older = meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off"))
    open_meeting(qtbot, page, weekly.id)
    page.editor.decisions_edit.setPlainText("Launch on the 12th")
    asked: list[str] = []
    monkeypatch.setattr(meetings_page, "ask", lambda _p, _t, text, **_kw: (
        asked.append(text), QMessageBox.Cancel)[1])
    gate.hold("update_meeting")
    page.save_action.trigger()
    page.select_meeting(older.id)
    page.refresh()  # the change poll comes by meanwhile
    qtbot.waitUntil(lambda: page.meeting_model.rowCount() == 2)
    assert page.editor.meeting.id == weekly.id  # still saving it
    assert page.editor.decisions_edit.toPlainText() == "Launch on the 12th"
    gate.open()
    settle(qtbot)
    assert page.editor.meeting.id == older.id and asked == []  # nothing left to ask about
    assert meetings.get_meeting(uow, weekly.id).decisions == "Launch on the 12th"
    assert page.undo_stack.undoText() == "Edit meeting 'Joint weekly: launch'"


def test_a_refused_save_on_its_way_keeps_the_person_on_the_meeting(
        qtbot, page, uow, weekly, gate, monkeypatch) -> None:
    older = meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off"))
    open_meeting(qtbot, page, weekly.id)
    page.editor.title_edit.clear()
    page.editor.notes_edit.setPlainText("Nothing of this may be lost")
    gate.hold("update_meeting")
    page.save_action.trigger()
    asked: list[str] = []
    monkeypatch.setattr(meetings_page, "ask", lambda _p, _t, text, **_kw: (
        asked.append(text), QMessageBox.Cancel)[1])
    page.select_meeting(older.id)
    gate.open()
    settle(qtbot)
    assert page.editor.meeting.id == weekly.id and asked == []
    assert page.editor.error_label.text() == "A meeting needs a title."
    assert page.editor.notes_edit.toPlainText() == "Nothing of this may be lost"
    assert _selected_id(page) == weekly.id
    assert meetings.get_meeting(uow, weekly.id).title == "Joint weekly: launch"


def test_a_tick_shows_at_once_and_cannot_be_given_twice_while_it_saves(
        qtbot, page, uow, weekly, gate) -> None:
    page.refresh()
    settle(qtbot)
    gate.hold("set_action_done")
    model = page.my_actions_model
    done = model.index(0, MyActionsTableModel.DONE)
    assert model.setData(done, Qt.Checked, Qt.CheckStateRole)
    assert done.data(Qt.CheckStateRole) == Qt.Checked
    assert not model.flags(done) & Qt.ItemIsUserCheckable
    assert not model.setData(done, Qt.Unchecked, Qt.CheckStateRole)
    with qtbot.waitSignal(task_manager().op_finished,
                          check_params_cb=lambda op: op.lane == "read" and op.owner is page):
        page.refresh()  # a reload meanwhile still shows the tick
    assert model.index(0, MyActionsTableModel.DONE).data(Qt.CheckStateRole) == Qt.Checked
    gate.open()
    settle(qtbot)
    assert my_action_texts(page) == []
    assert meetings.get_meeting(uow, weekly.id).actions[0].done


def test_the_meeting_clicked_last_is_the_one_shown_however_the_loads_land(
        qtbot, page, uow, weekly, gate) -> None:
    older = meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off"))
    oldest = meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=14),
                                                       "Planning"))
    page.refresh()
    settle(qtbot)
    shown: list[str] = []
    page.editor.title_edit.textChanged.connect(shown.append)
    gate.hold("get_meeting")  # a slow share: the openings wait
    page.select_meeting(older.id)
    page.select_meeting(oldest.id)
    gate.open()
    settle(qtbot)
    assert shown == ["Planning"]  # the first one clicked never flashed up
    assert _selected_id(page) == oldest.id


def test_a_new_meeting_started_while_one_opens_stays(qtbot, page, uow, weekly,
                                                     gate) -> None:
    page.refresh()
    settle(qtbot)
    page.new_action.trigger()
    assert page.editor.heading.text() == "New meeting"
    gate.hold("get_meeting")
    page.select_meeting(weekly.id)
    page.new_action.trigger()
    gate.open()
    settle(qtbot)
    assert page.editor.heading.text() == "New meeting"
    assert page.editor.meeting is None and not page.list_view.selectionModel().hasSelection()


def test_a_meeting_being_deleted_takes_no_typing(qtbot, page, uow, weekly, gate,
                                                 monkeypatch) -> None:
    open_meeting(qtbot, page, weekly.id)
    monkeypatch.setattr(meetings_page, "ask", lambda *_a, **_kw: QMessageBox.Yes)
    gate.hold("delete_meeting")
    page.delete_action.trigger()
    assert page.editor.notes_edit.isReadOnly()
    assert not page.delete_action.isEnabled()
    gate.open()
    settle(qtbot)
    assert meetings.list_meetings(uow) == []
    assert page.editor.meeting is None and not page.editor.notes_edit.isReadOnly()
    assert page.undo_stack.undoText() == "Delete meeting 'Joint weekly: launch'"


def test_an_idea_card_from_unsaved_notes_saves_them_first(qtbot, page, uow, weekly,
                                                          monkeypatch) -> None:
    open_meeting(qtbot, page, weekly.id)
    page.editor.notes_edit.setPlainText("A webinar with the clinic")
    offered: list[str] = []

    def exec_(dialog: IdeaCardDialog) -> int:
        offered.append(dialog.card_title())
        return QDialog.Accepted

    monkeypatch.setattr(IdeaCardDialog, "exec", exec_)
    page.idea_action.trigger()
    settle(qtbot)
    assert offered == ["A webinar with the clinic"]
    assert meetings.get_meeting(uow, weekly.id).notes == "A webinar with the clinic"
    assert "Idea card: A webinar with the clinic" in _action_texts(page)


# --------------------------------------------------------------- typing on top of a save


def test_typing_since_the_save_stays_and_the_rest_is_as_saved(uow, weekly, me) -> None:
    sent = replace(weekly.as_input(), decisions="Launch on the 12th",
                   actions=(*weekly.as_input().actions, ActionInput("Book the venue", me.id)))
    meetings.update_meeting(uow, weekly.id, weekly.version, replace(  # someone else
        weekly.as_input(), agenda="Their agenda", actions=(
            *weekly.as_input().actions, ActionInput("Their item"))), weekly)
    saved = meetings.update_meeting(uow, weekly.id, weekly.version, sent, weekly)  # merged
    typed = replace(sent, notes="Typed since", actions=(
        *sent.actions, ActionInput("Typed item since")))

    kept = typed_on_top(saved, sent, typed)

    assert (kept.agenda, kept.decisions, kept.notes) == ("Their agenda", "Launch on the 12th",
                                                        "Typed since")
    by_text = {a.text: a.id for a in kept.actions}
    stored = {a.text: a.id for a in saved.actions}
    assert by_text == {**stored, "Typed item since": None}
    again = meetings.update_meeting(uow, weekly.id, saved.version, kept, saved)
    assert sorted(a.text for a in again.actions) == [
        "Book the venue", "Draft the press release", "Their item", "Typed item since"]


def test_a_new_row_changed_since_the_save_is_saved_as_shown(uow, weekly, me) -> None:
    sent = replace(weekly.as_input(), actions=(*weekly.as_input().actions,
                                               ActionInput("Book the venue", me.id)))
    saved = meetings.update_meeting(uow, weekly.id, weekly.version, sent, weekly)
    typed = replace(sent, actions=(sent.actions[0], ActionInput("Book the big venue", me.id)))

    kept = typed_on_top(saved, sent, typed)
    again = meetings.update_meeting(uow, weekly.id, saved.version, kept, saved)

    assert [a.text for a in again.actions] == ["Draft the press release", "Book the big venue"]
