"""The Goals page in a person's hands: the quarter picked in its box, goals typed into
the dialog and saved with its button, rows clicked, questions answered, undo pressed."""

from __future__ import annotations

from datetime import date

import pytest
from person import (
    answer,
    answer_questions,
    click_dialog_button,
    click_row,
    double_click_row,
    follow_changes,
    pick,
    row_of,
    settle,
    show,
    texts,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from db.enums import Department, GoalLevel
from desktop import goals
from desktop.quarters import next_quarter, quarter_of
from ui.goals.goal_dialog import GoalDialog, MeasurementDialog
from ui.goals.goal_models import GoalTreeModel
from ui.goals.goals_page import GoalsPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
QUARTER = quarter_of(date.today())
NEXT = next_quarter(QUARTER)


@pytest.fixture
def page(qtbot, uow, team):
    stack = QUndoStack()
    widget = GoalsPage(stack)
    undo = stack.createUndoAction(widget)
    undo.setShortcut(QKeySequence.Undo)
    undo.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    widget.addAction(undo)
    widget.undo_action = undo
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    follow_changes(widget)
    show(qtbot, widget)
    settle(qtbot)
    return widget


def _fill(qtbot, *, title: str | None = None, level: str | None = None,
          department: str | None = None, metric: str | None = None,
          target: str | None = None, owner: str | None = None):
    """A person filling in the goal form, field by field, then pressing Save."""
    def act(dialog: GoalDialog) -> None:
        if title is not None:
            type_into(qtbot, dialog.title_edit, title)
        if level is not None:
            pick(qtbot, dialog.level_box, level)
        if department is not None:
            pick(qtbot, dialog.department_box, department)
        if metric is not None:
            type_into(qtbot, dialog.metric_edit, metric)
        if target is not None:
            type_into(qtbot, dialog.target_box, target)
        if owner is not None:
            pick(qtbot, dialog.owner_box, owner)
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
    return act


def _progress(page: GoalsPage, title: str) -> str:
    index = row_of(page.tree, title)
    return index.siblingAtColumn(GoalTreeModel.PROGRESS_COLUMN).data()


def test_add_a_corporate_goal_and_a_goal_aligned_under_it(qtbot, page, uow, team, monkeypatch) -> None:
    dialogs = answer(monkeypatch, GoalDialog,
                     _fill(qtbot, title="400 qualified leads", level="Corporate",
                           metric="qualified leads", target="400"),
                     _fill(qtbot, title="20 articles", department="PR", metric="articles",
                           target="20", owner="José Álvarez (PR)"))
    page.new_action.trigger()
    settle(qtbot)
    assert texts(page.tree) == ["400 qualified leads"]
    assert page.summary_label.text().startswith(f"{QUARTER}: 1 goal")

    click_row(qtbot, page.tree, row_of(page.tree, "400 qualified leads"))
    page.new_action.trigger()  # with the corporate goal selected, the new one aligns under it
    settle(qtbot)
    assert dialogs[1].parent_box.currentText() == "400 qualified leads"
    corporate = row_of(page.tree, "400 qualified leads")
    assert texts_under(page, corporate) == ["20 articles"]
    child = row_of(page.tree, "20 articles", parent=corporate)
    assert child.siblingAtColumn(1).data() == "PR"
    assert child.siblingAtColumn(2).data() == "José Álvarez"
    stored = {g.title: g for g in goals.list_goals(uow, QUARTER)}
    assert stored["400 qualified leads"].level == GoalLevel.CORPORATE
    assert stored["400 qualified leads"].target == 400
    assert stored["20 articles"].parent_id == stored["400 qualified leads"].id
    assert stored["20 articles"].owner_id == team[Department.PR].id


def texts_under(page: GoalsPage, parent) -> list[str]:
    model = page.tree.model()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_a_goal_without_a_metric_is_refused_in_the_dialog_with_nothing_lost(qtbot, page, uow, monkeypatch) -> None:
    dialogs = answer(monkeypatch, GoalDialog, _fill(qtbot, title="Awareness", level="Corporate",
                                                    target="10"))
    page.new_action.trigger()
    settle(qtbot)
    dialog = dialogs[0]
    assert dialog.error_label.text() == (
        "A goal needs a metric: what will you count to know it was met?")
    assert dialog.title_edit.text() == "Awareness"
    assert goals.list_goals(uow, QUARTER) == [] and texts(page.tree) == []


def test_record_a_measurement_on_the_clicked_goal_and_see_its_progress(qtbot, page, uow, monkeypatch) -> None:
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads", "leads", 400))
    page.refresh()
    settle(qtbot)
    assert not page.measure_action.isEnabled()  # nothing selected yet
    click_row(qtbot, page.tree, row_of(page.tree, "Leads"))
    assert page.measure_action.isEnabled() and page.edit_action.isEnabled()
    assert _progress(page, "Leads") == "no measurement yet"

    def measure(dialog: MeasurementDialog) -> None:
        type_into(qtbot, dialog.value_box, "100")
        type_into(qtbot, dialog.note_edit, "CRM export")
        click_dialog_button(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.Save)

    answer(monkeypatch, MeasurementDialog, measure)
    qtbot.keyClick(page.tree, Qt.Key_M, Qt.ControlModifier)  # Record measurement…
    settle(qtbot)
    assert _progress(page, "Leads") == "25% (100 of 400)"
    measurement, = goals.list_measurements(uow, goals.list_goals(uow, QUARTER)[0].id)
    assert (measurement.value, measurement.note) == (100, "CRM export")

    qtbot.keyClick(page.tree, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert _progress(page, "Leads") == "no measurement yet"


def test_double_click_opens_the_goal_and_a_new_target_is_saved(qtbot, page, uow, monkeypatch) -> None:
    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                  "leads", 400))
    page.refresh()
    settle(qtbot)
    dialogs = answer(monkeypatch, GoalDialog, _fill(qtbot, target="500"))
    double_click_row(qtbot, page.tree, row_of(page.tree, "Leads"))
    settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["Edit goal"]
    assert row_of(page.tree, "Leads").siblingAtColumn(5).data() == "500"
    assert goals.get_goal(uow, goal.id).target == 500
    page.undo_action.trigger()
    settle(qtbot)
    assert goals.get_goal(uow, goal.id).target == 400
    assert row_of(page.tree, "Leads").siblingAtColumn(5).data() == "400"


def test_choosing_a_quarter_and_a_department_shows_their_goals(qtbot, page, uow) -> None:
    corporate = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                       "leads", 400))
    goals.create_goal(uow, goals.GoalInput(GoalLevel.DEPARTMENT, QUARTER, "Coverage", "articles",
                                           20, department=Department.PR, parent_id=corporate.id))
    goals.create_goal(uow, goals.GoalInput(GoalLevel.DEPARTMENT, QUARTER, "MQLs", "leads",
                                           90, department=Department.MARKETING))
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, NEXT, "Launch awareness",
                                           "mentions", 50))
    page.refresh()
    settle(qtbot)
    assert set(texts(page.tree)) == {"Leads", "MQLs"}

    pick(qtbot, page.department_box, "Marketing")
    settle(qtbot)
    assert texts(page.tree) == ["MQLs"]
    pick(qtbot, page.department_box, "All departments")
    settle(qtbot)

    pick(qtbot, page.quarter_box, NEXT)
    settle(qtbot)
    assert texts(page.tree) == ["Launch awareness"]
    assert page.summary_label.text().startswith(f"{NEXT}: 1 goal")
    pick(qtbot, page.quarter_box, QUARTER)
    settle(qtbot)
    assert set(texts(page.tree)) == {"Leads", "MQLs"}


def test_carry_over_asks_then_shows_the_next_quarter_and_undo_takes_it_back(qtbot, page, uow, monkeypatch) -> None:
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads", "leads", 400))
    page.refresh()
    settle(qtbot)
    questions = answer_questions(monkeypatch, QMessageBox.No, QMessageBox.Yes)
    page.carry_action.trigger()
    settle(qtbot)
    assert page.quarter_box.currentText() == QUARTER  # "No" changes nothing
    assert goals.list_goals(uow, NEXT) == []
    page.carry_action.trigger()
    settle(qtbot)
    assert f"of {QUARTER} into {NEXT}" in questions[1]
    assert page.quarter_box.currentText() == NEXT
    assert texts(page.tree) == ["Leads"]
    assert [g.title for g in goals.list_goals(uow, NEXT)] == ["Leads"]
    page.undo_action.trigger()
    settle(qtbot)
    assert texts(page.tree) == [] and goals.list_goals(uow, NEXT) == []


def test_delete_key_on_the_clicked_goal_asks_and_undo_brings_it_back(qtbot, page, uow, monkeypatch) -> None:
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads", "leads", 400))
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Reach", "people", 9000))
    page.refresh()
    settle(qtbot)
    questions = answer_questions(monkeypatch, QMessageBox.Yes)
    click_row(qtbot, page.tree, row_of(page.tree, "Reach"))
    qtbot.keyClick(page.tree, Qt.Key_Delete)
    settle(qtbot)
    assert questions == ["Delete the goal 'Reach'? You can undo this."]
    assert texts(page.tree) == ["Leads"]
    assert [g.title for g in goals.list_goals(uow, QUARTER)] == ["Leads"]
    qtbot.keyClick(page.tree, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert set(texts(page.tree)) == {"Leads", "Reach"}


def test_a_new_goal_is_selected_so_a_measurement_can_follow_at_once(qtbot, page, uow, monkeypatch) -> None:
    answer(monkeypatch, GoalDialog, _fill(qtbot, title="Reach", level="Corporate",
                                          metric="people", target="9000"))
    qtbot.keyClick(page.tree, Qt.Key_N, Qt.ControlModifier)
    settle(qtbot)
    assert page.tree.currentIndex().data() == "Reach"
    assert page.measure_action.isEnabled() and page.edit_action.isEnabled()


def test_a_goal_set_to_met_in_the_dialog_counts_in_the_summary(qtbot, page, uow, monkeypatch) -> None:
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads", "leads", 400))
    page.refresh()
    settle(qtbot)

    def met(dialog: GoalDialog) -> None:
        pick(qtbot, dialog.status_box, "Met")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, GoalDialog, met)
    click_row(qtbot, page.tree, row_of(page.tree, "Leads"))
    page.edit_action.trigger()
    settle(qtbot)
    assert row_of(page.tree, "Leads").siblingAtColumn(GoalTreeModel.COLUMNS.index(
        "Status")).data() == "Met"
    assert page.summary_label.text().endswith("1 met")


def test_ctrl_h_on_the_clicked_goal_shows_who_changed_it(qtbot, page, uow) -> None:
    from ui.shell.history_dialog import HistoryDialog

    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads", "leads", 400))
    page.refresh()
    settle(qtbot)
    click_row(qtbot, page.tree, row_of(page.tree, "Leads"))
    qtbot.keyClick(page.tree, Qt.Key_H, Qt.ControlModifier)
    settle(qtbot)
    shown = [w for w in page.findChildren(HistoryDialog) if w.isVisible()]
    assert len(shown) == 1
    assert shown[0].model.rowCount() == 1
    assert "Zoë Müller" in " ".join(str(shown[0].model.index(0, c).data())
                                    for c in range(shown[0].model.columnCount()))
    shown[0].close()


def test_a_goal_added_while_next_quarter_is_chosen_belongs_to_it(qtbot, page, uow, monkeypatch) -> None:
    pick(qtbot, page.quarter_box, NEXT)
    settle(qtbot)
    dialogs = answer(monkeypatch, GoalDialog, _fill(qtbot, title="Launch awareness",
                                                    level="Corporate", metric="mentions",
                                                    target="50"))
    page.new_action.trigger()
    settle(qtbot)
    assert texts(page.tree) == ["Launch awareness"]
    assert [g.title for g in goals.list_goals(uow, NEXT)] == ["Launch awareness"]
    assert goals.list_goals(uow, QUARTER) == []
    assert page.quarter_box.currentText() == NEXT
    assert len(dialogs) == 1
