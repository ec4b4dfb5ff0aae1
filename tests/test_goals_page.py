"""The Goals page, driven like a person would: dialogs filled, buttons pressed, undo."""

from __future__ import annotations

from datetime import date

import pytest
from person import follow_changes, settle, wait_for_save
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox

from db.enums import Department, GoalLevel
from desktop import goals
from desktop.quarters import quarter_of
from ui.goals import goals_page
from ui.goals.goal_dialog import GoalDialog, MeasurementDialog
from ui.goals.goal_models import GoalTreeModel, UnalignedCardsTableModel
from ui.goals.goals_page import GoalsPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
QUARTER = quarter_of(date.today())


@pytest.fixture
def page(qtbot, uow, team):
    stack = QUndoStack()
    widget = GoalsPage(stack)
    widget.undo_stack = stack
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    follow_changes(widget)
    settle(qtbot)
    return widget



def _fill_goal_dialog(monkeypatch, **fields: object) -> list[str]:
    """Replace the modal exec() with a person typing ``fields`` and pressing Save."""
    problems: list[str] = []

    def exec_(dialog: GoalDialog) -> int:
        for name, value in fields.items():
            widget = getattr(dialog, name)
            if hasattr(widget, "setValue"):
                widget.setValue(value)
            elif hasattr(widget, "findData"):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setText(value)
        dialog.accept()
        wait_for_save(dialog)
        if dialog.error_label.isVisibleTo(dialog):
            problems.append(dialog.error_label.text())
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", exec_)
    return problems


def _row_texts(page: GoalsPage, column: int = 0) -> list[str]:
    model = page.goal_model
    texts = []
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        texts.append(model.index(row, column).data())
        texts += [model.index(r, column, parent).data() for r in range(model.rowCount(parent))]
    return texts


def test_add_a_goal_through_the_dialog_and_undo_it(qtbot, page, uow, monkeypatch) -> None:
    _fill_goal_dialog(monkeypatch, title_edit="400 qualified leads", metric_edit="leads",
                      level_box=GoalLevel.CORPORATE, target_box=400)
    page.new_action.trigger()
    settle(qtbot)
    assert _row_texts(page) == ["400 qualified leads"]
    assert [g.title for g in goals.list_goals(uow, QUARTER)] == ["400 qualified leads"]
    assert page.undo_stack.undoText() == "Add goal '400 qualified leads'"
    page.undo_stack.undo()
    settle(qtbot)
    assert _row_texts(page) == []
    assert goals.list_goals(uow, QUARTER) == []
    page.undo_stack.redo()
    settle(qtbot)
    assert [g.title for g in goals.list_goals(uow, QUARTER)] == ["400 qualified leads"]


def test_a_refused_goal_keeps_the_dialog_open_with_the_reason(qtbot, page, uow, monkeypatch) -> None:
    problems = _fill_goal_dialog(monkeypatch, title_edit="Awareness", metric_edit="",
                                 level_box=GoalLevel.CORPORATE, target_box=10)
    page.new_action.trigger()
    settle(qtbot)
    assert problems == ["A goal needs a metric: what will you count to know it was met?"]
    assert goals.list_goals(uow, QUARTER) == []
    assert page.undo_stack.count() == 0


def test_record_a_measurement_see_progress_then_undo(qtbot, page, uow, monkeypatch) -> None:
    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                  "leads", 400))
    page.refresh()
    settle(qtbot)
    page.select_goal(goal.id)
    progress = page.goal_model.index(0, GoalTreeModel.PROGRESS_COLUMN)
    assert progress.data() == "no measurement yet"

    def exec_(dialog: MeasurementDialog) -> int:
        dialog.value_box.setValue(100)
        dialog.note_edit.setText("CRM export")
        dialog.accept()
        return QDialog.Accepted

    monkeypatch.setattr(MeasurementDialog, "exec", exec_)
    page.measure_action.trigger()
    settle(qtbot)
    assert page.goal_model.index(0, GoalTreeModel.PROGRESS_COLUMN).data() == "25% (100 of 400)"
    assert [m.value for m in goals.list_measurements(uow, goal.id)] == [100]
    page.undo_stack.undo()
    settle(qtbot)
    assert page.goal_model.index(0, GoalTreeModel.PROGRESS_COLUMN).data() == "no measurement yet"
    assert goals.list_measurements(uow, goal.id) == []


def test_edit_then_undo_restores_the_old_values(qtbot, page, uow, monkeypatch) -> None:
    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                  "leads", 400))
    page.refresh()
    settle(qtbot)
    page.select_goal(goal.id)
    _fill_goal_dialog(monkeypatch, target_box=500)
    page.edit_action.trigger()
    settle(qtbot)
    assert goals.get_goal(uow, goal.id).target == 500
    page.undo_stack.undo()
    settle(qtbot)
    assert goals.get_goal(uow, goal.id).target == 400
    page.undo_stack.redo()
    settle(qtbot)
    assert goals.get_goal(uow, goal.id).target == 500


def test_delete_asks_and_undo_brings_back_the_children(qtbot, page, uow, monkeypatch) -> None:
    parent = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                    "leads", 400))
    goals.create_goal(uow, goals.GoalInput(GoalLevel.DEPARTMENT, QUARTER, "Coverage", "articles",
                                           20, department=Department.PR, parent_id=parent.id))
    page.refresh()
    settle(qtbot)
    page.select_goal(parent.id)
    questions: list[str] = []
    monkeypatch.setattr(goals_page, "ask", lambda _parent, _title, text, **_kw: (
        questions.append(text), QMessageBox.Yes)[1])
    page.delete_action.trigger()
    settle(qtbot)
    assert "Deleted with it: the 1 goal aligned under it." in questions[0]
    assert goals.list_goals(uow, QUARTER) == []
    page.undo_stack.undo()
    settle(qtbot)
    assert _row_texts(page) == ["Leads", "Coverage"]


def test_carry_over_switches_to_the_next_quarter(qtbot, page, uow, monkeypatch) -> None:
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads", "leads", 400))
    page.refresh()
    settle(qtbot)
    monkeypatch.setattr(goals_page, "ask", lambda *_a, **_kw: QMessageBox.Yes)
    page.carry_action.trigger()
    settle(qtbot)
    assert page.quarter != QUARTER
    assert _row_texts(page) == ["Leads"]
    page.undo_stack.undo()
    settle(qtbot)
    assert _row_texts(page) == []


def test_content_without_a_purpose_lists_unaligned_cards(qtbot, page, uow) -> None:
    from db.enums import CardKind, Team
    from desktop import board

    board.create_card(uow, board.CardInput("Listicle nobody asked for", Team.MARKETING,
                                           CardKind.BLOG_POST))
    page.refresh()
    settle(qtbot)
    assert page.card_model.index(0, 0).data() == "Listicle nobody asked for"
    assert page.cards_box.title() == "Content without a purpose (1)"


def test_read_only_file_disables_every_edit(qtbot, page, uow, team) -> None:
    uow.database.read_only_reason = "read-only for the test"
    page.set_context(TeamContext(uow.database, team[Department.PR]))
    settle(qtbot)
    assert not page.new_action.isEnabled() and not page.carry_action.isEnabled()


def test_models_pass_the_model_tester(qtbot, qtmodeltester, page, uow) -> None:
    parent = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                    "leads", 400))
    for title in ("Coverage", "MQLs"):
        goals.create_goal(uow, goals.GoalInput(GoalLevel.DEPARTMENT, QUARTER, title, "n", 20,
                                               department=Department.PR, parent_id=parent.id))
    page.refresh()
    settle(qtbot)
    qtmodeltester.check(page.goal_model)
    qtmodeltester.check(UnalignedCardsTableModel())
    assert page.goal_model.rowCount(page.goal_model.index(0, 0)) == 2
    assert page.tree.isExpanded(page.goal_model.index(0, 0))
    assert page.goal_model.index(0, 0).data(Qt.FontRole).bold()
