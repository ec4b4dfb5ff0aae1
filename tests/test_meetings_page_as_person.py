"""The Meetings page in a person's hands: a new meeting typed into the editor, attendees
ticked in their list, an action item added with its button and typed into its row, the
tick in "My actions", the search field, and questions answered through their buttons."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from person import (
    answer,
    answer_questions,
    click,
    click_row,
    double_click_row,
    edit_cell,
    edit_date_cell,
    follow_changes,
    row_of,
    settle,
    show,
    texts,
    tick,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QMessageBox

from db.enums import Department
from desktop import meetings
from desktop.meetings import ActionInput, MeetingInput
from ui.meetings.meeting_models import ActionItemsTableModel, MeetingTableModel, MyActionsTableModel
from ui.meetings.meetings_page import MeetingsPage
from ui.shell.conflict_dialog import ConflictDialog
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
TODAY = date.today()
LAST_WEEK = datetime.combine(TODAY - timedelta(days=7), datetime.min.time()).replace(hour=10)


@pytest.fixture
def page(qtbot, uow, team, me):
    stack = QUndoStack()
    widget = MeetingsPage(stack)
    undo = stack.createUndoAction(widget)
    undo.setShortcut(QKeySequence.Undo)
    undo.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    widget.addAction(undo)
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, me))
    follow_changes(widget)
    show(qtbot, widget)
    settle(qtbot)
    return widget


@pytest.fixture
def weekly(uow, team, me):
    return meetings.create_meeting(uow, MeetingInput(
        LAST_WEEK, "Joint weekly: launch", (me.id, team[Department.SALES].id),
        notes="Coverage is up\nA podcast on patient trust",
        actions=(ActionInput("Draft the press release", me.id, TODAY + timedelta(days=2)),)))


def _reload(qtbot, page: MeetingsPage) -> None:
    """What the change poll does when someone else wrote to the file."""
    page.refresh()
    settle(qtbot)


def _listed(page: MeetingsPage) -> list[str]:
    return texts(page.list_view, MeetingTableModel.TITLE)


def test_a_new_meeting_typed_ticked_and_saved_shows_in_the_list_and_my_actions(qtbot, page, uow, team) -> None:
    qtbot.keyClick(page.list_view, Qt.Key_N, Qt.ControlModifier)
    editor = page.editor
    assert editor.heading.text() == "New meeting"
    type_into(qtbot, editor.title_edit, "Joint weekly: survey round-up")
    tick(qtbot, editor.attendee_view, row_of(editor.attendee_view, "Олег Петров · Sales"))
    assert editor.joint_label.text() == "Joint meeting: PR · Sales"
    editor.text_tabs.setCurrentIndex(editor.NOTES_TAB)
    type_into(qtbot, editor.notes_edit, "Coverage is up")

    click(qtbot, editor.add_action_button)
    row = editor.action_model.rowCount() - 1
    view = editor.action_view
    edit_cell(qtbot, view, view.model().index(row, ActionItemsTableModel.TEXT),
              "Send the coverage list")
    edit_date_cell(qtbot, view, view.model().index(row, ActionItemsTableModel.DUE),
                   TODAY + timedelta(days=3))
    assert page.save_action.isEnabled()
    qtbot.keyClick(editor.title_edit, Qt.Key_S, Qt.ControlModifier)
    settle(qtbot)

    assert _listed(page) == ["Joint weekly: survey round-up"]
    assert texts(page.my_actions_view, MyActionsTableModel.TEXT) == ["Send the coverage list"]
    assert page.my_actions_box.title().startswith("My actions (1 open")
    assert not page.save_action.isEnabled()
    stored = meetings.get_meeting(uow, meetings.list_meetings(uow)[0].id)
    assert [a.name for a in stored.attendees] == ["José Álvarez", "Олег Петров"]
    assert stored.notes == "Coverage is up"
    assert [(a.text, a.owner_id, a.due_on) for a in stored.actions] == [
        ("Send the coverage list", team[Department.PR].id, TODAY + timedelta(days=3))]


def test_ticking_my_action_saves_it_and_ctrl_z_takes_it_back(qtbot, page, uow, weekly) -> None:
    _reload(qtbot, page)
    view = page.my_actions_view
    assert texts(view, MyActionsTableModel.TEXT) == ["Draft the press release"]
    tick(qtbot, view, view.model().index(0, MyActionsTableModel.DONE))
    settle(qtbot)
    assert texts(view, MyActionsTableModel.TEXT) == []
    assert page.message_label.text() == "Done: Draft the press release"
    assert meetings.get_meeting(uow, weekly.id).actions[0].done
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert texts(view, MyActionsTableModel.TEXT) == ["Draft the press release"]
    assert not meetings.get_meeting(uow, weekly.id).actions[0].done


def test_clicking_a_meeting_opens_it_and_typed_notes_are_saved(qtbot, page, uow, weekly) -> None:
    older = meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off"))
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Kick-off", MeetingTableModel.TITLE))
    settle(qtbot)
    editor = page.editor
    assert editor.title_edit.text() == "Kick-off"
    editor.text_tabs.setCurrentIndex(editor.DECISIONS_TAB)
    type_into(qtbot, editor.decisions_edit, "Launch on the 12th")
    assert page.save_action.isEnabled() and page.revert_action.isEnabled()
    page.save_action.trigger()
    settle(qtbot)
    assert meetings.get_meeting(uow, older.id).decisions == "Launch on the 12th"
    assert not page.save_action.isEnabled()


def test_leaving_unsaved_typing_asks_first(qtbot, page, uow, weekly, monkeypatch) -> None:
    meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off"))
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Kick-off", MeetingTableModel.TITLE))
    settle(qtbot)
    type_into(qtbot, page.editor.title_edit, "Kick-off (typed)")
    questions = answer_questions(monkeypatch, QMessageBox.Cancel, QMessageBox.Discard)
    weekly_row = row_of(page.list_view, "Joint weekly: launch", MeetingTableModel.TITLE)
    click_row(qtbot, page.list_view, weekly_row)
    settle(qtbot)
    assert questions == ["Save your changes to 'Kick-off (typed)' first?"]
    assert page.editor.title_edit.text() == "Kick-off (typed)"  # Cancel: the typing stays
    assert page.list_view.currentIndex().siblingAtColumn(
        MeetingTableModel.TITLE).data() == "Kick-off"
    click_row(qtbot, page.list_view, weekly_row)
    settle(qtbot)
    assert page.editor.title_edit.text() == "Joint weekly: launch"
    assert [m.title for m in meetings.list_meetings(uow)].count("Kick-off") == 1


def test_search_field_filters_the_list_by_what_was_said(qtbot, page, uow, weekly) -> None:
    meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off",
                                              notes="Budget talk"))
    _reload(qtbot, page)
    assert len(_listed(page)) == 2
    qtbot.keyClick(page.list_view, Qt.Key_F, Qt.ControlModifier)
    assert page.search_edit.hasFocus()
    qtbot.keyClicks(page.search_edit, "PODCAST trust")
    assert _listed(page) == ["Joint weekly: launch"]
    type_into(qtbot, page.search_edit, "budget")
    assert _listed(page) == ["Kick-off"]
    type_into(qtbot, page.search_edit, "петров")  # an attendee's name
    assert _listed(page) == ["Joint weekly: launch"]
    type_into(qtbot, page.search_edit, "")
    assert len(_listed(page)) == 2


def test_the_editor_follows_what_the_search_leaves_in_the_list(qtbot, page, uow, weekly,
                                                              monkeypatch) -> None:
    meetings.create_meeting(uow, MeetingInput(LAST_WEEK - timedelta(days=7), "Kick-off",
                                              notes="Budget talk"))
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Kick-off", MeetingTableModel.TITLE))
    settle(qtbot)
    assert page.editor.title_edit.text() == "Kick-off"
    questions = answer_questions(monkeypatch)  # none is asked: nothing was typed
    qtbot.mouseClick(page.search_edit, Qt.LeftButton)
    qtbot.keyClicks(page.search_edit, "podcast")  # hides Kick-off
    settle(qtbot)
    assert _listed(page) == ["Joint weekly: launch"]
    assert page.list_view.currentIndex().siblingAtColumn(
        MeetingTableModel.TITLE).data() == "Joint weekly: launch"
    assert page.editor.title_edit.text() == "Joint weekly: launch"  # the row shown as chosen
    type_into(qtbot, page.search_edit, "qqq")  # hides every meeting
    settle(qtbot)
    assert _listed(page) == []
    assert page.editor.heading.text() == "New meeting"
    assert page.editor.title_edit.text() == ""
    assert not page.delete_action.isEnabled() and not page.idea_action.isEnabled()
    assert questions == []


def test_a_search_never_closes_typing_it_hides(qtbot, page, uow, weekly) -> None:
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Joint weekly: launch",
                                            MeetingTableModel.TITLE))
    settle(qtbot)
    editor = page.editor
    editor.text_tabs.setCurrentIndex(editor.DECISIONS_TAB)
    type_into(qtbot, editor.decisions_edit, "Launch on the 12th")
    qtbot.mouseClick(page.search_edit, Qt.LeftButton)
    qtbot.keyClicks(page.search_edit, "qqq")
    settle(qtbot)
    assert _listed(page) == []
    assert editor.title_edit.text() == "Joint weekly: launch"
    assert editor.decisions_edit.toPlainText() == "Launch on the 12th"
    assert page.save_action.isEnabled()


def test_double_clicking_my_action_opens_its_meeting(qtbot, page, uow, weekly) -> None:
    meetings.create_meeting(uow, MeetingInput(LAST_WEEK + timedelta(days=1), "Later one"))
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Later one", MeetingTableModel.TITLE))
    settle(qtbot)
    view = page.my_actions_view
    double_click_row(qtbot, view, view.model().index(0, MyActionsTableModel.TEXT))
    settle(qtbot)
    assert page.editor.title_edit.text() == "Joint weekly: launch"


def test_delete_meeting_asks_then_removes_it_and_undo_brings_it_back(qtbot, page, uow, weekly, monkeypatch) -> None:
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Joint weekly: launch",
                                            MeetingTableModel.TITLE))
    settle(qtbot)
    questions = answer_questions(monkeypatch, QMessageBox.Yes)
    qtbot.keyClick(page.list_view, Qt.Key_Delete)
    settle(qtbot)
    assert questions and questions[0].startswith("Delete the meeting 'Joint weekly: launch'")
    assert _listed(page) == [] and meetings.list_meetings(uow) == []
    assert texts(page.my_actions_view, MyActionsTableModel.TEXT) == []
    qtbot.keyClick(page.list_view, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert _listed(page) == ["Joint weekly: launch"]
    assert texts(page.my_actions_view, MyActionsTableModel.TEXT) == ["Draft the press release"]


def test_an_idea_card_from_the_notes_line_clicked_into(qtbot, page, uow, weekly, monkeypatch) -> None:
    from person import answer, click_dialog_button, pick
    from PySide6.QtWidgets import QDialogButtonBox

    from db.enums import Stage, Team
    from desktop import board
    from ui.board.idea_card_dialog import IdeaCardDialog

    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Joint weekly: launch",
                                            MeetingTableModel.TITLE))
    settle(qtbot)
    editor = page.editor
    bar = editor.text_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, Qt.NoModifier, bar.tabRect(editor.NOTES_TAB).center())
    notes = editor.notes_edit
    cursor = notes.textCursor()
    cursor.setPosition(notes.document().findBlockByNumber(1).position())
    second_line = notes.cursorRect(cursor).center()
    qtbot.mouseClick(notes.viewport(), Qt.LeftButton, Qt.NoModifier, second_line)
    assert notes.textCursor().block().text() == "A podcast on patient trust"
    offered: list[str] = []

    def make(dialog: IdeaCardDialog) -> None:
        offered.append(dialog.title_edit.text())
        pick(qtbot, dialog.team_box, "Marketing")
        click_dialog_button(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.Ok)

    answer(monkeypatch, IdeaCardDialog, make)
    page.idea_action.trigger()
    settle(qtbot)
    assert offered == ["A podcast on patient trust"]
    ideas = [c for c in board.list_cards(uow) if c.title == "A podcast on patient trust"]
    assert [(c.stage, c.team) for c in ideas] == [(Stage.IDEA, Team.MARKETING)]
    assert page.message_label.text() == "'A podcast on patient trust' is on the board as an idea card."


def test_share_upcoming_pr_campaigns_puts_them_on_the_agenda(qtbot, page, uow, weekly) -> None:
    from db.enums import CardKind, Stage, Team
    from desktop import board

    board.create_card(uow, board.CardInput("Launch press release", Team.PR,
                                           CardKind.PRESS_RELEASE, Stage.PLANNED,
                                           due_on=TODAY + timedelta(days=5)))
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Joint weekly: launch",
                                            MeetingTableModel.TITLE))
    settle(qtbot)
    page.share_action.trigger()
    settle(qtbot)
    assert page.editor.text_tabs.currentIndex() == page.editor.AGENDA_TAB
    assert "Launch press release" in page.editor.agenda_edit.toPlainText()
    assert page.save_action.isEnabled()
    qtbot.keyClick(page.editor.agenda_edit, Qt.Key_S, Qt.ControlModifier)
    settle(qtbot)
    assert "Launch press release" in meetings.get_meeting(uow, weekly.id).agenda


def test_an_action_items_owner_picked_in_its_cell_and_a_removed_row_are_saved(qtbot, page, uow, team, weekly) -> None:
    from person import pick_in_cell

    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Joint weekly: launch",
                                            MeetingTableModel.TITLE))
    settle(qtbot)
    editor = page.editor
    view = editor.action_view
    click(qtbot, editor.add_action_button)
    edit_cell(qtbot, view, view.model().index(1, ActionItemsTableModel.TEXT), "Book the venue")
    pick_in_cell(qtbot, view, view.model().index(1, ActionItemsTableModel.OWNER),
                 "Priya Nair (Marketing)")
    click_row(qtbot, view, view.model().index(0, ActionItemsTableModel.TEXT))
    click(qtbot, editor.remove_action_button)
    assert texts(view, ActionItemsTableModel.TEXT) == ["Book the venue"]
    page.save_action.trigger()
    settle(qtbot)
    stored = meetings.get_meeting(uow, weekly.id)
    assert [(a.text, a.owner_id) for a in stored.actions] == [
        ("Book the venue", team[Department.MARKETING].id)]
    assert texts(page.my_actions_view, MyActionsTableModel.TEXT) == []


def test_revert_throws_the_typing_away(qtbot, page, uow, weekly) -> None:
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Joint weekly: launch",
                                            MeetingTableModel.TITLE))
    settle(qtbot)
    type_into(qtbot, page.editor.title_edit, "Typo")
    assert page.revert_action.isEnabled()
    page.revert_action.trigger()
    settle(qtbot)
    assert page.editor.title_edit.text() == "Joint weekly: launch"
    assert not page.save_action.isEnabled()
    assert meetings.get_meeting(uow, weekly.id).title == "Joint weekly: launch"


def test_clicking_the_check_box_in_my_actions_ticks_it(qtbot, page, uow, weekly) -> None:
    from person import click_check_box

    _reload(qtbot, page)
    view = page.my_actions_view
    click_check_box(qtbot, view, view.model().index(0, MyActionsTableModel.DONE))
    settle(qtbot)
    assert texts(view, MyActionsTableModel.TEXT) == []
    assert meetings.get_meeting(uow, weekly.id).actions[0].done


def test_clicking_an_attendees_check_box_ticks_them(qtbot, page, uow, weekly) -> None:
    from person import click_check_box

    qtbot.keyClick(page.list_view, Qt.Key_N, Qt.ControlModifier)
    view = page.editor.attendee_view
    click_check_box(qtbot, view, row_of(view, "Priya Nair · Marketing"))
    assert page.editor.joint_label.text() == "Joint meeting: PR · Marketing"


def test_the_start_typed_is_saved_and_the_list_shows_the_day(qtbot, page, uow) -> None:
    from person import type_date

    page.new_action.trigger()
    editor = page.editor
    type_into(qtbot, editor.title_edit, "Planning")
    when = datetime.combine(TODAY + timedelta(days=9), datetime.min.time()).replace(hour=15,
                                                                                   minute=30)
    type_date(qtbot, editor.starts_edit, when)
    page.save_action.trigger()
    settle(qtbot)
    stored, = meetings.list_meetings(uow)
    assert stored.starts_at == when
    assert _listed(page) == ["Planning"]
    assert page.editor.heading.text().startswith((TODAY + timedelta(days=9)).isoformat())


def test_a_save_after_someone_elses_names_them_and_keeps_the_typing(qtbot, page, uow, team, weekly, monkeypatch) -> None:
    _reload(qtbot, page)
    click_row(qtbot, page.list_view, row_of(page.list_view, "Joint weekly: launch",
                                            MeetingTableModel.TITLE))
    settle(qtbot)
    editor = page.editor
    type_into(qtbot, editor.title_edit, "Weekly: launch on the 12th")
    editor.text_tabs.setCurrentIndex(editor.DECISIONS_TAB)
    type_into(qtbot, editor.decisions_edit, "Launch on the 12th")
    priya = uow.as_person(team[Department.MARKETING].id)
    meetings.update_meeting(priya, weekly.id, weekly.version,
                            replace(weekly.as_input(), title="Joint weekly: launch (moved)"))
    dialogs = answer(monkeypatch, ConflictDialog, lambda d: click(qtbot, d.back_button),
                     lambda d: click(qtbot, d.mine_button))

    qtbot.keyClick(editor.decisions_edit, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(editor.error_label.isVisible, timeout=10_000)
    settle(qtbot)
    assert "Priya Nair saved this record" in dialogs[0].intro_label.text()
    problem = editor.error_label.text()
    assert re.fullmatch(r"Priya Nair saved this record at \d\d:\d\d while you were editing; "
                        r"your typing is kept\. Save again .*", problem), problem
    assert editor.title_edit.text() == "Weekly: launch on the 12th"
    assert editor.decisions_edit.toPlainText() == "Launch on the 12th"
    stored = meetings.get_meeting(uow, weekly.id)
    assert (stored.title, stored.decisions) == ("Joint weekly: launch (moved)", "")

    qtbot.keyClick(editor.decisions_edit, Qt.Key_S, Qt.ControlModifier)  # again: keep mine
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=10_000)
    settle(qtbot)
    assert len(dialogs) == 2 and editor.error_label.isHidden()
    stored = meetings.get_meeting(uow, weekly.id)
    assert (stored.title, stored.decisions) == ("Weekly: launch on the 12th",
                                                "Launch on the 12th")
    assert page.message_label.text() == "Saved 'Weekly: launch on the 12th'."
    qtbot.keyClick(page.list_view, Qt.Key_Z, Qt.ControlModifier)  # undo: Priya's title back
    settle(qtbot)
    stored = meetings.get_meeting(uow, weekly.id)
    assert (stored.title, stored.decisions) == ("Joint weekly: launch (moved)", "")
    assert editor.title_edit.text() == "Joint weekly: launch (moved)"


def test_in_the_window_a_save_and_a_colleagues_meeting_reach_the_list(qtbot, uow, team, db_path) -> None:
    from window_opening import open_file

    from ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert open_file(qtbot, window, db_path, person_id=team[Department.PR].id)
    show(qtbot, window)
    settle(qtbot)
    sidebar = window.sidebar
    click_row(qtbot, sidebar, sidebar.model().index(window.page_names.index("meetings"), 0))
    page = window.page("meetings")
    settle(qtbot)
    qtbot.keyClick(page.list_view, Qt.Key_N, Qt.ControlModifier)
    type_into(qtbot, page.editor.title_edit, "Joint weekly: survey round-up")
    page.editor.text_tabs.setCurrentIndex(page.editor.NOTES_TAB)
    type_into(qtbot, page.editor.notes_edit, "Coverage is up")
    qtbot.keyClick(page.editor.notes_edit, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: _listed(page) == ["Joint weekly: survey round-up"], timeout=10_000)
    assert page.message_label.text() == "Saved 'Joint weekly: survey round-up'."
    assert [m.title for m in meetings.list_meetings(uow)] == ["Joint weekly: survey round-up"]

    priya = uow.as_person(team[Department.MARKETING].id)  # in her own window
    meetings.create_meeting(priya, MeetingInput(LAST_WEEK, "Marketing sync"))
    qtbot.waitUntil(lambda: "Marketing sync" in _listed(page), timeout=10_000)
    assert page.editor.notes_edit.toPlainText() == "Coverage is up"  # still the one typed
    window.close()
