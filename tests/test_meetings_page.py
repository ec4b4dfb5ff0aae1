"""The Meetings page, driven like a person would: typing in the editor, ticking, undo."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from helpers.meetings import (
    LAST_WEEK,
    TODAY,
    listed_titles,
    my_action_texts,
    open_meeting,
    open_meetings_page,
)
from person import follow_changes, settle
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QMessageBox

from db.enums import CardKind, Department, Stage, Team
from desktop import board, meetings
from desktop.meetings import ActionInput, MeetingInput
from ui.board.idea_card_dialog import IdeaCardDialog
from ui.meetings import meetings_page
from ui.meetings.meeting_models import ActionItemsTableModel, MyActionsTableModel
from ui.meetings.meetings_page import MeetingsPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, uow, me) -> MeetingsPage:
    return open_meetings_page(qtbot, uow, me)


def _tick_attendee(page: MeetingsPage, name: str) -> None:
    model = page.editor.attendee_model
    for row in range(model.rowCount()):
        if model.index(row).data().startswith(name):
            model.setData(model.index(row), Qt.Checked, Qt.CheckStateRole)
            return
    raise AssertionError(f"{name} is not offered as an attendee")


def test_create_a_meeting_with_an_action_item_and_see_it_under_my_actions(qtbot, page, uow, team) -> None:
    page.new_action.trigger()
    editor = page.editor
    assert editor.heading.text() == "New meeting"
    editor.title_edit.setText("Joint weekly: survey round-up")
    _tick_attendee(page, "Олег Петров")
    assert editor.joint_label.text() == "Joint meeting: PR · Sales"
    editor.add_action()
    model = editor.action_model
    model.setData(model.index(0, ActionItemsTableModel.TEXT), "Send the coverage list")
    model.setData(model.index(0, ActionItemsTableModel.DUE), QDate(TODAY + timedelta(days=3)))
    assert page.save_action.isEnabled()
    page.save_action.trigger()
    settle(qtbot)

    assert listed_titles(page) == ["Joint weekly: survey round-up"]
    assert my_action_texts(page) == ["Send the coverage list"]
    assert page.my_actions_box.title() == "My actions (1 open)"
    stored = meetings.get_meeting(uow, meetings.list_meetings(uow)[0].id)
    assert [a.name for a in stored.attendees] == ["José Álvarez", "Олег Петров"]
    assert [(a.text, a.due_on) for a in stored.actions] == [
        ("Send the coverage list", TODAY + timedelta(days=3))]
    assert not editor.is_dirty() and not page.save_action.isEnabled()

    page.undo_stack.undo()
    settle(qtbot)
    assert listed_titles(page) == [] and my_action_texts(page) == []
    page.undo_stack.redo()
    settle(qtbot)
    assert listed_titles(page) == ["Joint weekly: survey round-up"]
    assert my_action_texts(page) == ["Send the coverage list"]


def test_ticking_an_action_done_is_saved_at_once_and_undoable(qtbot, page, uow, weekly) -> None:
    page.refresh()
    settle(qtbot)
    model = page.my_actions_model
    assert my_action_texts(page) == ["Draft the press release"]
    model.setData(model.index(0, MyActionsTableModel.DONE), Qt.Checked, Qt.CheckStateRole)
    settle(qtbot)
    assert my_action_texts(page) == []
    assert meetings.get_meeting(uow, weekly.id).actions[0].done
    assert page.undo_stack.undoText() == "Tick 'Draft the press release'"
    page.undo_stack.undo()
    settle(qtbot)
    assert my_action_texts(page) == ["Draft the press release"]
    assert not meetings.get_meeting(uow, weekly.id).actions[0].done


def test_overdue_actions_come_first_in_red(qtbot, page, uow, me) -> None:
    meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=14), "Old", actions=(
        ActionInput("Later", me.id, TODAY + timedelta(days=9)),
        ActionInput("Overdue", me.id, TODAY - timedelta(days=1)))))
    page.refresh()
    settle(qtbot)
    assert my_action_texts(page) == ["Overdue", "Later"]
    due = page.my_actions_model.index(0, MyActionsTableModel.DUE)
    assert due.data(Qt.ForegroundRole).color().name() == "#c62828"
    assert page.my_actions_model.index(1, MyActionsTableModel.DUE).data(Qt.ForegroundRole) is None


def test_a_refused_save_keeps_the_typing_and_says_why(qtbot, page, uow) -> None:
    page.new_action.trigger()
    page.editor.notes_edit.setPlainText("Important notes")
    page.save_action.trigger()
    settle(qtbot)
    assert page.editor.error_label.text() == "A meeting needs a title."
    assert not page.editor.error_label.isHidden()
    assert page.editor.notes_edit.toPlainText() == "Important notes"
    assert meetings.list_meetings(uow) == [] and page.undo_stack.count() == 0


def test_a_refresh_never_throws_away_typing_and_the_save_merges(qtbot, page, uow, weekly) -> None:
    open_meeting(qtbot, page, weekly.id)
    page.editor.decisions_edit.setPlainText("Launch on the 12th")
    meetings.update_meeting(uow, weekly.id, weekly.version,
                            replace(weekly.as_input(), title="Joint weekly: launch (moved)"))
    page.refresh()
    settle(qtbot)
    assert page.editor.decisions_edit.toPlainText() == "Launch on the 12th"
    assert not page.editor.stale_label.isHidden()
    page.save_action.trigger()
    settle(qtbot)
    stored = meetings.get_meeting(uow, weekly.id)
    assert (stored.title, stored.decisions) == ("Joint weekly: launch (moved)",
                                                "Launch on the 12th")
    assert page.editor.title_edit.text() == "Joint weekly: launch (moved)"


def test_typed_markup_is_shown_as_typed(qtbot, page, uow) -> None:
    page.new_action.trigger()
    page.editor.title_edit.setText("R&D <b>launch</b>")
    page.save_action.trigger()
    settle(qtbot)
    assert page.editor.heading.textFormat() == Qt.PlainText
    assert page.editor.heading.text().endswith("R&D <b>launch</b>")
    assert page.message_label.textFormat() == Qt.PlainText


def test_a_refresh_without_changes_leaves_the_cursor_alone(qtbot, page, uow, weekly) -> None:
    open_meeting(qtbot, page, weekly.id)
    cursor = page.editor.notes_edit.textCursor()
    cursor.setPosition(10)
    page.editor.notes_edit.setTextCursor(cursor)
    page.refresh()
    settle(qtbot)
    assert page.editor.notes_edit.textCursor().position() == 10
    other = meetings.get_meeting(uow, weekly.id)
    meetings.set_action_done(uow, other.actions[0].id, other.actions[0].version, True)
    page.refresh()  # someone ticked an item: the editor shows it
    settle(qtbot)
    assert page.editor.action_model.index(0, ActionItemsTableModel.DONE).data(
        Qt.CheckStateRole) == Qt.Checked


def test_switching_meetings_asks_about_unsaved_changes(qtbot, page, uow, weekly, monkeypatch) -> None:
    older = meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off"))
    page.refresh()
    settle(qtbot)
    open_meeting(qtbot, page, weekly.id)
    page.editor.notes_edit.appendPlainText("one more line")
    answers = [QMessageBox.Cancel, QMessageBox.Discard]
    monkeypatch.setattr(meetings_page, "ask", lambda *_a, **_kw: answers.pop(0))
    page.select_meeting(older.id)
    settle(qtbot)
    assert page.editor.meeting.id == weekly.id
    assert page.editor.notes_edit.toPlainText().endswith("one more line")
    page.select_meeting(older.id)
    settle(qtbot)
    assert page.editor.meeting.id == older.id
    assert "one more line" not in meetings.get_meeting(uow, weekly.id).notes


def test_share_upcoming_pr_campaigns_adds_them_to_the_agenda(qtbot, page, uow, weekly) -> None:
    board.create_card(uow, board.CardInput("Launch press release", Team.PR,
                                           CardKind.PRESS_RELEASE, Stage.PLANNED,
                                           due_on=TODAY + timedelta(days=5)))
    board.create_card(uow, board.CardInput("Nurture mail", Team.MARKETING, CardKind.EMAIL,
                                           due_on=TODAY + timedelta(days=5)))
    open_meeting(qtbot, page, weekly.id)
    page.share_action.trigger()
    settle(qtbot)
    agenda = page.editor.agenda_edit.toPlainText()
    assert "Upcoming PR campaigns:\n- Launch press release (due " in agenda
    assert "Nurture mail" not in agenda
    page.save_action.trigger()
    settle(qtbot)
    assert "Launch press release" in meetings.get_meeting(uow, weekly.id).agenda


def test_make_an_idea_card_from_the_line_under_the_cursor(qtbot, page, uow, weekly, monkeypatch) -> None:
    open_meeting(qtbot, page, weekly.id)
    cursor = page.editor.notes_edit.textCursor()
    cursor.movePosition(QTextCursor.Start)
    cursor.movePosition(QTextCursor.Down)
    page.editor.notes_edit.setTextCursor(cursor)
    offered: list[str] = []

    def exec_(dialog: IdeaCardDialog) -> int:
        offered.append(dialog.card_title())
        dialog.team_box.setCurrentIndex(dialog.team_box.findData(Team.MARKETING))
        return QDialog.Accepted

    monkeypatch.setattr(IdeaCardDialog, "exec", exec_)
    page.idea_action.trigger()
    settle(qtbot)
    assert offered == ["A podcast on patient trust"]
    ideas = [c for c in board.list_cards(uow) if c.title == "A podcast on patient trust"]
    assert [(c.stage, c.team) for c in ideas] == [(Stage.IDEA, Team.MARKETING)]
    texts = [page.editor.action_model.index(r, 0).data()
             for r in range(page.editor.action_model.rowCount())]
    assert "Idea card: A podcast on patient trust" in texts
    assert "Idea card: A podcast on patient trust" in my_action_texts(page)
    page.undo_stack.undo()
    settle(qtbot)
    assert [c.title for c in board.list_cards(uow)] == []
    assert len(meetings.get_meeting(uow, weekly.id).actions) == 1


def test_search_finds_meetings_by_what_was_said(qtbot, page, uow, weekly) -> None:
    meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off",
                                              notes="Budget talk"))
    page.refresh()
    settle(qtbot)
    page.search_edit.setText("PODCAST trust")
    assert listed_titles(page) == ["Joint weekly: launch"]
    page.search_edit.setText("budget")
    assert listed_titles(page) == ["Kick-off"]
    page.search_edit.clear()
    assert len(listed_titles(page)) == 2


def test_delete_asks_and_undo_brings_the_meeting_back(qtbot, page, uow, weekly, monkeypatch) -> None:
    open_meeting(qtbot, page, weekly.id)
    questions: list[str] = []
    monkeypatch.setattr(meetings_page, "ask", lambda _p, _t, text, **_kw: (
        questions.append(text), QMessageBox.Yes)[1])
    page.delete_action.trigger()
    settle(qtbot)
    assert "Deleted with it: its 1 action item." in questions[0]
    assert meetings.list_meetings(uow) == [] and listed_titles(page) == []
    page.undo_stack.undo()
    settle(qtbot)
    assert listed_titles(page) == ["Joint weekly: launch"]
    assert my_action_texts(page) == ["Draft the press release"]


def test_undo_of_an_edit_restores_the_old_texts(qtbot, page, uow, weekly) -> None:
    open_meeting(qtbot, page, weekly.id)
    page.editor.title_edit.setText("Renamed")
    page.editor.remove_action_button.click()  # no row selected: nothing removed
    page.editor.action_view.setCurrentIndex(page.editor.action_model.index(0, 0))
    page.editor.remove_action_button.click()
    page.save_action.trigger()
    settle(qtbot)
    assert meetings.get_meeting(uow, weekly.id).actions == ()
    page.undo_stack.undo()
    settle(qtbot)
    restored = meetings.get_meeting(uow, weekly.id)
    assert restored.title == "Joint weekly: launch"
    assert [a.text for a in restored.actions] == ["Draft the press release"]
    assert page.editor.title_edit.text() == "Joint weekly: launch"


def test_read_only_file_disables_every_edit(qtbot, page, uow, team, weekly) -> None:
    uow.database.read_only_reason = "read-only for the test"
    page.set_context(TeamContext(uow.database, team[Department.PR]))
    follow_changes(page)
    settle(qtbot)
    for action in (page.new_action, page.save_action, page.delete_action, page.share_action,
                   page.idea_action):
        assert not action.isEnabled()
    assert page.editor.notes_edit.isReadOnly()
    model = page.my_actions_model
    assert not model.flags(model.index(0, MyActionsTableModel.DONE)) & Qt.ItemIsUserCheckable
    assert not model.setData(model.index(0, MyActionsTableModel.DONE), Qt.Checked,
                             Qt.CheckStateRole)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, page, uow, weekly) -> None:
    open_meeting(qtbot, page, weekly.id)
    qtmodeltester.check(page.meeting_model)
    qtmodeltester.check(page.proxy)
    qtmodeltester.check(page.editor.action_model)
    qtmodeltester.check(page.editor.attendee_model)
    qtmodeltester.check(page.my_actions_model)
    departments = page.meeting_model.index(0, 2)
    assert departments.data() == "PR · Sales"
    assert departments.data(Qt.ToolTipRole) == "A joint meeting: PR, Sales"


# --------------------------------------------------------------------------- conflicts


def _answer_conflicts(monkeypatch, *answers: str) -> list[list[str]]:
    """Answer the conflict dialogs in turn ("back", "mine", "theirs"); returns their fields."""
    from ui.shell.conflict_dialog import ConflictDialog

    queue = iter(answers)
    asked: list[list[str]] = []

    def answer(dialog: ConflictDialog) -> int:
        asked.append(list(dialog.model.fields))
        button = {"back": dialog.back_button, "mine": dialog.mine_button,
                  "theirs": dialog.theirs_button}[next(queue)]
        button.click()
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", answer)
    return asked


def test_taking_all_theirs_in_a_conflict_keeps_their_values(qtbot, page, uow, weekly,
                                                            monkeypatch) -> None:
    open_meeting(qtbot, page, weekly.id)
    page.editor.title_edit.setText("Weekly: my title")
    meetings.update_meeting(uow, weekly.id, weekly.version,
                            replace(weekly.as_input(), title="Weekly: their title"))
    asked = _answer_conflicts(monkeypatch, "theirs")
    page.save_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 1)  # the dialog opens once the save is back
    settle(qtbot)
    assert asked == [["title"]]
    assert meetings.get_meeting(uow, weekly.id).title == "Weekly: their title"
    assert page.editor.title_edit.text() == "Weekly: their title"


def test_back_to_editing_keeps_the_typing_in_the_meeting_editor(qtbot, page, uow, weekly,
                                                                monkeypatch) -> None:
    open_meeting(qtbot, page, weekly.id)
    page.editor.title_edit.setText("Weekly: my title")
    page.editor.decisions_edit.setPlainText("Launch on the 12th")
    meetings.update_meeting(uow, weekly.id, weekly.version,
                            replace(weekly.as_input(), title="Weekly: their title"))
    asked = _answer_conflicts(monkeypatch, "back", "mine")
    page.save_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 1)
    settle(qtbot)
    assert page.editor.title_edit.text() == "Weekly: my title"
    assert page.editor.decisions_edit.toPlainText() == "Launch on the 12th"
    problem = page.editor.error_label.text()
    assert re.fullmatch(r"Zoë Müller saved this record at \d\d:\d\d while you were editing; "
                        r"your typing is kept\. .*", problem), problem
    assert meetings.get_meeting(uow, weekly.id).title == "Weekly: their title"  # nothing saved
    page.save_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 2)
    settle(qtbot)
    stored = meetings.get_meeting(uow, weekly.id)
    assert (stored.title, stored.decisions) == ("Weekly: my title", "Launch on the 12th")
    page.undo_stack.undo()  # undo brings theirs back
    settle(qtbot)
    assert meetings.get_meeting(uow, weekly.id).title == "Weekly: their title"


def test_an_action_item_both_changed_asks_and_their_pick_is_saved(qtbot, page, uow, weekly,
                                                                  monkeypatch) -> None:
    open_meeting(qtbot, page, weekly.id)
    [item] = weekly.actions
    page.editor.action_model.setData(page.editor.action_model.index(0, 0), "Draft it today")
    page.editor.decisions_edit.setPlainText("Launch on the 12th")
    meetings.update_meeting(uow, weekly.id, weekly.version, replace(weekly.as_input(), actions=(
        replace(item.as_input(), text="Draft the release with sales"),)), weekly)
    asked = _answer_conflicts(monkeypatch, "theirs")
    page.save_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 1)
    settle(qtbot)
    assert asked == [["text"]]
    stored = meetings.get_meeting(uow, weekly.id)
    assert [a.text for a in stored.actions] == ["Draft the release with sales"]
    assert stored.decisions == "Launch on the 12th"
