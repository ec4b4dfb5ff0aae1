"""The Goals page: the quarter's goal tree with progress, and content without a purpose.

It reads and writes through its page base (``ui.shell.page``): it loads in the
background and keeps the selection; its forms save through ``FormSave``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.enums import Department, GoalLevel
from desktop import board, goals, people
from desktop.numbers import counted
from desktop.quarters import next_quarter, quarter_of
from desktop.team_file import UnitOfWork
from ui.goals.goal_commands import (
    CarryOverCommand,
    CreateGoalCommand,
    DeleteGoalCommand,
    EditGoalCommand,
    RecordMeasurementCommand,
)
from ui.goals.goal_dialog import GoalDialog, MeasurementDialog
from ui.goals.goal_models import GoalTreeModel, UnalignedCardsTableModel
from ui.goals.progress_delegate import ProgressBarDelegate
from ui.shell.column_fit import FirstColumnFit
from ui.shell.enum_choice import chosen
from ui.shell.form_save import EditSave, FormSave
from ui.shell.history_dialog import show_history
from ui.shell.labels import DEPARTMENT_LABELS, GOAL_LEVEL_LABELS, GOAL_STATUS_LABELS, number
from ui.shell.messages import ask, tell
from ui.shell.page import Page

RESIZE_PRECISION_ROWS = 60
NAME_COLUMN_MIN = 240  # a goal or card title stays readable; narrower, the view scrolls


class GoalsPage(Page):
    goals_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._goals: list[goals.Goal] = []
        self._people: list[people.Person] = []
        self._pending_selection: int | None = None

        self.quarter_box = QComboBox()
        self.quarter_box.setAccessibleName(self.tr("Quarter"))
        self.quarter_box.setMinimumContentsLength(8)
        self.department_box = QComboBox()
        self.department_box.setAccessibleName(self.tr("Department"))
        self.department_box.addItem(self.tr("All departments"), None)
        for department in Department:
            self.department_box.addItem(DEPARTMENT_LABELS[department], department)
        self.new_action = self.page_action(self.tr("&New goal…"), self.new_goal, QKeySequence.New)
        self.edit_action = self.page_action(self.tr("&Edit…"), self.edit_goal)
        self.delete_action = self.page_action(self.tr("&Delete"), self.delete_goal,
                                              QKeySequence.Delete)
        self.measure_action = self.page_action(self.tr("&Record measurement…"),
                                               self.record_measurement, "Ctrl+M")
        self.carry_action = self.page_action(
            self.tr("&Carry open goals over"), self.carry_over,
            tip=self.tr("Copy this quarter's active goals into the next quarter"))
        self.history_action = self.page_action(
            self.tr("&History"), self.show_goal_history, "Ctrl+H",
            tip=self.tr("Who changed the selected goal, and when"), edits=False)

        toolbar = QToolBar()
        toolbar.setAccessibleName(self.tr("Goal actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        quarter_label = QLabel(self.tr("&Quarter "))
        quarter_label.setBuddy(self.quarter_box)
        toolbar.addWidget(quarter_label)
        toolbar.addWidget(self.quarter_box)
        toolbar.addWidget(self.department_box)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        toolbar.addWidget(spacer)
        for action in (self.new_action, self.edit_action, self.delete_action,
                       self.measure_action, self.carry_action, self.history_action):
            toolbar.addAction(action)

        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("Quarter summary"))

        self.goal_model = GoalTreeModel(self)
        self.tree = QTreeView()
        self.tree.setAccessibleName(self.tr("Goals"))
        self.tree.setModel(self.goal_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tree.setItemDelegateForColumn(GoalTreeModel.PROGRESS_COLUMN, ProgressBarDelegate(self.tree))
        header = self.tree.header()
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        header.setMinimumSectionSize(60)
        for column in range(self.goal_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(GoalTreeModel.PROGRESS_COLUMN, QHeaderView.Fixed)
        header.resizeSection(GoalTreeModel.PROGRESS_COLUMN, 230)
        header.setStretchLastSection(False)
        self._goal_column = FirstColumnFit(self.tree, header, NAME_COLUMN_MIN)

        self.card_model = UnalignedCardsTableModel(self)
        self.cards_view = QTableView()
        self.cards_view.setAccessibleName(self.tr("Content without a purpose"))
        self.cards_view.setModel(self.card_model)
        self.cards_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.cards_view.setAlternatingRowColors(True)
        self.cards_view.verticalHeader().hide()
        self.cards_view.setWordWrap(False)
        self.cards_view.setShowGrid(False)
        cards_header = self.cards_view.horizontalHeader()
        # Size columns from the first rows only: thousands of unaligned cards must not
        # be measured one by one before the page can show.
        cards_header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        cards_header.setSectionResizeMode(QHeaderView.ResizeToContents)
        self._card_column = FirstColumnFit(self.cards_view, cards_header, NAME_COLUMN_MIN)
        self.cards_box = QGroupBox(self.tr("Content without a purpose"))
        cards_layout = QVBoxLayout(self.cards_box)
        hint = QLabel(self.tr("Board cards that support no goal. Link them to a goal, or ask "
                              "whether they are worth the effort."))
        hint.setWordWrap(True)
        cards_layout.addWidget(hint)
        cards_layout.addWidget(self.cards_view)

        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.cards_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)

        self.quarter_box.currentIndexChanged.connect(self.refresh)
        self.department_box.currentIndexChanged.connect(self.refresh)
        self.tree.activated.connect(self.edit_goal)
        self.tree.selectionModel().selectionChanged.connect(self.update_actions)
        self.update_actions()

    # --- state ------------------------------------------------------------------
    def context_changed(self) -> None:
        self._fill_quarters([])

    @property
    def quarter(self) -> str:
        return self.quarter_box.currentData() or quarter_of(date.today())

    def _fill_quarters(self, known: list[str]) -> None:
        """The quarters that hold goals, plus this one and the next; keeps the chosen one."""
        current = quarter_of(date.today())
        chosen = self.quarter_box.currentData() or current
        quarters = sorted(set(known) | {current, next_quarter(current), chosen}, reverse=True)
        if quarters == [self.quarter_box.itemData(i) for i in range(self.quarter_box.count())]:
            return
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for quarter in quarters:
            self.quarter_box.addItem(quarter, quarter)
        self.quarter_box.setCurrentIndex(self.quarter_box.findData(chosen))
        self.quarter_box.blockSignals(False)

    def select_quarter(self, quarter: str) -> None:
        if self.quarter_box.findData(quarter) < 0:
            self.quarter_box.addItem(quarter, quarter)
        self.quarter_box.setCurrentIndex(self.quarter_box.findData(quarter))

    def refresh(self) -> None:
        """Reload from the file in the background; the selected goal stays selected."""
        if self.context is None:
            self._show("", ([], [], [], []))
            return
        quarter, department = self.quarter, chosen(self.department_box, Department)

        def load(uow: UnitOfWork) -> tuple[list[str], list[goals.Goal],
                                           list[board.CardSummary], list[people.Person]]:
            return (goals.list_quarters(uow), goals.list_goals(uow, quarter, department),
                    board.cards_without_goal(uow), people.list_people(uow))

        self.read(load, lambda loaded: self._show(quarter, loaded), label=self.tr("Loading goals"))

    def _show(self, quarter: str, loaded: tuple) -> None:
        known, self._goals, cards, self._people = loaded
        selected = self.selected_goal()
        wanted = self._pending_selection or (selected.id if selected else None)
        self._pending_selection = None
        self._fill_quarters(known)
        self.goal_model.set_nodes(goals.goal_tree(self._goals))
        self.tree.expandAll()
        self.card_model.set_rows(cards)
        self.cards_box.setTitle(self.tr("Content without a purpose ({0})").format(
            self.card_model.rowCount()))
        met = sum(1 for g in self._goals if g.achieved)  # as the report counts them
        self.summary_label.setText(self.tr("{0}: {1}, {2} met").format(
            quarter, counted(len(self._goals), self.tr("goal"), self.tr("goals")), met)
            if quarter else "")
        if wanted is not None:
            self.select_goal(wanted)
        self.update_actions()

    def select_goal(self, goal_id: int) -> None:
        index = self.goal_model.index_of(goal_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def selected_goal(self) -> goals.Goal | None:
        index = self.tree.currentIndex()
        if not index.isValid() or not self.tree.selectionModel().hasSelection():
            return None
        return self.goal_model.goal_at(index)

    def update_actions(self) -> None:
        super().update_actions()
        has_goal = self.selected_goal() is not None
        for action in (self.edit_action, self.delete_action, self.measure_action):
            action.setEnabled(self.editable and has_goal)
        self.history_action.setEnabled(self.context is not None and has_goal)

    # --- running work -------------------------------------------------------------
    def _push(self, command_class: type, *args: object) -> None:
        self.push(command_class(*args, self.uow, self))
        self.goals_changed.emit()

    def _with_choices(self, quarter: str, then) -> None:  # noqa: ANN001
        """Load what a goal dialog offers (people, corporate goals), then open it."""
        def load(uow: UnitOfWork) -> tuple[list[people.Person], list[goals.Goal]]:
            return (people.list_people(uow, active_only=True),
                    [g for g in goals.list_goals(uow, quarter) if g.level is GoalLevel.CORPORATE])

        self.read(load, lambda loaded: then(*loaded), key="choices")

    # --- new goal -----------------------------------------------------------------
    def new_goal(self) -> None:
        if not self.editable:
            return
        selected = self.selected_goal()
        parent_id = selected.id if selected and selected.level is GoalLevel.CORPORATE else None
        self._with_choices(self.quarter, lambda team, corporate: self._open_new(
            team, corporate, parent_id))

    def _open_new(self, team: list[people.Person], corporate: list[goals.Goal],
                  parent_id: int | None) -> None:
        if not self.editable:
            return
        uow = self.uow

        def make_dialog() -> GoalDialog:
            dialog = GoalDialog(self.quarter, team, corporate, None, self)
            if parent_id is not None:
                dialog.parent_box.setCurrentIndex(dialog.parent_box.findData(parent_id))
            return dialog

        def saved(goal: goals.Goal) -> None:
            self._push(CreateGoalCommand, goal)
            self._pending_selection = goal.id  # selected once the change feed reloads

        FormSave(self, make_dialog, lambda values: lambda: goals.create_goal(uow, values), saved,
                 label=self.tr("Saving the goal")).open()

    # --- edit ---------------------------------------------------------------------
    def edit_goal(self) -> None:
        goal = self.selected_goal()
        if goal is None or not self.editable:
            return
        self._with_choices(goal.quarter, lambda team, corporate: self._open_edit(
            goal, team, corporate))

    def _open_edit(self, goal: goals.Goal, team: list[people.Person],
                   corporate: list[goals.Goal]) -> None:
        if not self.editable:
            return
        uow = self.uow

        def make_dialog() -> GoalDialog:
            dialog = GoalDialog(self.quarter, team, corporate, goal, self)
            dialog.watch_record(uow, "goals", goal.id)
            return dialog

        def saved(result: tuple[goals.Goal, goals.Goal]) -> None:
            self._push(EditGoalCommand, *result)

        def edit(version: int, values: goals.GoalInput) -> tuple[goals.Goal, goals.Goal]:
            return goals.edit_goal(uow, goal.id, version, values)

        FormSave(self, make_dialog, EditSave(goal, edit), saved,
                 label=self.tr("Saving the goal"), refused=self.refresh,
                 labels=self._field_labels(), render=self._render_value).open()

    def _field_labels(self) -> dict[str, str]:
        return {"title": self.tr("Title"), "level": self.tr("Level"),
                "department": self.tr("Department"), "parent_id": self.tr("Aligned under"),
                "metric": self.tr("Metric"), "unit": self.tr("Unit"),
                "baseline": self.tr("Baseline"), "target": self.tr("Target"),
                "owner_id": self.tr("Owner"), "status": self.tr("Status"),
                "notes": self.tr("Notes"), "quarter": self.tr("Quarter")}

    def _render_value(self, name: str, value: object) -> str:
        """Names instead of ids, labels instead of codes, in the conflict dialog."""
        if value is None or value == "":
            return self.tr("(none)")
        if name == "owner_id":
            return next((p.name for p in self._people if p.id == value), str(value))
        if name == "parent_id":
            return next((g.title for g in self._goals if g.id == value), str(value))
        if name == "department":
            return DEPARTMENT_LABELS.get(value, str(value))
        if name == "level":
            return GOAL_LEVEL_LABELS.get(value, str(value))
        if name == "status":
            return GOAL_STATUS_LABELS.get(value, str(value))
        if isinstance(value, float):
            return number(value)
        return str(value)

    # --- delete, measure, carry over, history --------------------------------------
    def delete_goal(self) -> None:
        goal = self.selected_goal()
        if goal is None or not self.editable:
            return
        children = sum(1 for g in self._goals if g.parent_id == goal.id)
        text = self.tr("Delete the goal '{0}'?").format(goal.title)
        if children:
            text += " " + self.tr("Deleted with it: the {0} aligned under it.").format(
                counted(children, self.tr("goal"), self.tr("goals")))
        text += " " + self.tr("You can undo this.")
        if not self._confirm(self.tr("Delete goal"), text):
            return
        self.write(lambda uow: goals.delete_goal(uow, goal.id, goal.version),
                   lambda trashed: self._push(DeleteGoalCommand, goal, trashed),
                   label=self.tr("Deleting the goal"))

    def _confirm(self, title: str, text: str) -> bool:
        return ask(self, title, text) == QMessageBox.Yes

    def record_measurement(self) -> None:
        goal = self.selected_goal()
        if goal is None or not self.editable:
            return
        dialog = MeasurementDialog(goal, self)
        if dialog.exec() != QDialog.Accepted:
            return
        measured_on, value, note = dialog.values()
        self.write(lambda uow: goals.record_measurement(uow, goal.id, measured_on, value, note),
                   lambda measurement: self._push(RecordMeasurementCommand, goal, measurement),
                   label=self.tr("Recording the measurement"))

    def carry_over(self) -> None:
        if not self.editable:
            return
        open_goals = [g for g in self._goals if g.status.value == "active"]
        if not open_goals:
            tell(self, self.tr("Carry goals over"),
                 self.tr("{0} has no active goals to carry over.").format(self.quarter))
            return
        quarter = self.quarter
        target = next_quarter(quarter)
        if not self._confirm(self.tr("Carry goals over"), self.tr(
                "Copy {0} of {1} into {2}, starting from where they stand?")
                .format(counted(len(open_goals), self.tr("active goal"), self.tr("active goals")),
                        quarter, target)):
            return
        def carried(result: goals.CarryOver) -> None:
            self._push(CarryOverCommand, result)
            self.select_quarter(target)

        self.write(lambda uow: goals.carry_over(uow, quarter), carried,
                   label=self.tr("Carrying goals over"))

    def show_goal_history(self) -> None:
        goal = self.selected_goal()
        if goal is None or self.context is None:
            return
        show_history(self, self.uow, "goals", goal.id, goal.title)
