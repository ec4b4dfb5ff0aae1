"""The Goals page: the quarter's goal tree with progress, and content without a purpose."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
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
from desktop.errors import ConflictError, DatabaseError, ValidationError
from desktop.quarters import next_quarter, quarter_of
from ui.commands import (
    CarryOverCommand,
    CreateGoalCommand,
    DeleteGoalCommand,
    EditGoalCommand,
    RecordMeasurementCommand,
)
from ui.conflict_dialog import ConflictDialog
from ui.context import TeamContext
from ui.goal_dialog import GoalDialog, MeasurementDialog
from ui.goal_models import GoalTreeModel, UnalignedCardsTableModel
from ui.labels import DEPARTMENT_LABELS
from ui.messages import ask, show_error, tell
from ui.progress_delegate import ProgressBarDelegate


class GoalsPage(QWidget):
    goals_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._context: TeamContext | None = None
        self._goals: list[goals.Goal] = []

        self.quarter_box = QComboBox()
        self.quarter_box.setAccessibleName(self.tr("Quarter"))
        self.quarter_box.setMinimumContentsLength(8)
        self.department_box = QComboBox()
        self.department_box.setAccessibleName(self.tr("Department"))
        self.department_box.addItem(self.tr("All departments"), None)
        for department in Department:
            self.department_box.addItem(DEPARTMENT_LABELS[department], department)
        self.new_action = self._page_action(self.tr("&New goal…"), self.new_goal, QKeySequence.New)
        self.edit_action = self._page_action(self.tr("&Edit…"), self.edit_goal)
        self.delete_action = self._page_action(self.tr("&Delete"), self.delete_goal,
                                               QKeySequence.Delete)
        self.measure_action = self._page_action(self.tr("&Record measurement…"),
                                                self.record_measurement, QKeySequence("Ctrl+M"))
        self.carry_action = self._page_action(self.tr("&Carry open goals over"), self.carry_over)
        self.carry_action.setToolTip(self.tr("Copy this quarter's active goals into the next quarter"))

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
                       self.measure_action, self.carry_action):
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
        header.setMinimumSectionSize(60)
        for column in range(self.goal_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(GoalTreeModel.PROGRESS_COLUMN, QHeaderView.Fixed)
        header.resizeSection(GoalTreeModel.PROGRESS_COLUMN, 230)
        header.setStretchLastSection(False)

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
        cards_header.setSectionResizeMode(QHeaderView.ResizeToContents)
        cards_header.setSectionResizeMode(0, QHeaderView.Stretch)
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
        self.tree.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_actions()

    def _page_action(self, text: str, slot: object,
                     shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- state ------------------------------------------------------------------
    def set_context(self, context: TeamContext | None) -> None:
        self._context = context
        self._fill_quarters()
        self.refresh()

    @property
    def quarter(self) -> str:
        return self.quarter_box.currentData() or quarter_of(date.today())

    def _fill_quarters(self) -> None:
        current = quarter_of(date.today())
        known = goals.list_quarters(self._context.uow) if self._context else []
        quarters = sorted(set(known) | {current, next_quarter(current)}, reverse=True)
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for quarter in quarters:
            self.quarter_box.addItem(quarter, quarter)
        self.quarter_box.setCurrentIndex(self.quarter_box.findData(current))
        self.quarter_box.blockSignals(False)

    def select_quarter(self, quarter: str) -> None:
        if self.quarter_box.findData(quarter) < 0:
            self.quarter_box.addItem(quarter, quarter)
        self.quarter_box.setCurrentIndex(self.quarter_box.findData(quarter))

    def refresh(self) -> None:
        """Reload from the file, keeping the selected goal selected."""
        selected = self.selected_goal()
        if self._context is None:
            self._goals = []
            self.goal_model.set_nodes([])
            self.card_model.set_cards([])
            return
        uow = self._context.uow
        self._goals = goals.list_goals(uow, self.quarter, self.department_box.currentData())
        self.goal_model.set_nodes(goals.goal_tree(self._goals))
        self.tree.expandAll()
        self.card_model.set_cards(board.cards_without_goal(uow))
        self.cards_box.setTitle(self.tr("Content without a purpose ({0})").format(
            self.card_model.rowCount()))
        met = sum(1 for g in self._goals if g.met)
        self.summary_label.setText(self.tr("{0}: {1} goals, {2} met").format(
            self.quarter, len(self._goals), met))
        if selected:
            self.select_goal(selected.id)
        self._update_actions()

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

    def _update_actions(self) -> None:
        editable = self._context is not None and not self._context.read_only
        has_goal = self.selected_goal() is not None
        self.new_action.setEnabled(editable)
        self.carry_action.setEnabled(editable)
        for action in (self.edit_action, self.delete_action, self.measure_action):
            action.setEnabled(editable and has_goal)

    # --- actions ----------------------------------------------------------------
    def _push(self, command_class: type, *args: object) -> None:
        assert self._context is not None
        self._undo_stack.push(command_class(*args, self._context.uow, self._on_command_done,
                                            self._on_command_failed))
        self.goals_changed.emit()

    def _on_command_done(self) -> None:
        self.refresh()

    def _on_command_failed(self, error: DatabaseError) -> None:
        show_error(self, error, self.tr("Could not undo or redo"))

    def _dialog(self, goal: goals.Goal | None) -> GoalDialog:
        assert self._context is not None
        uow = self._context.uow
        corporate = [g for g in goals.list_goals(uow, goal.quarter if goal else self.quarter)
                     if g.level is GoalLevel.CORPORATE]
        return GoalDialog(self.quarter, people.list_people(uow, active_only=True), corporate,
                          goal, self)

    def new_goal(self) -> None:
        if self._context is None or self._context.read_only:
            return
        dialog = self._dialog(None)
        selected = self.selected_goal()
        if selected and selected.level is GoalLevel.CORPORATE:
            dialog.parent_box.setCurrentIndex(dialog.parent_box.findData(selected.id))
        created: list[goals.Goal] = []
        dialog.saver = lambda data: created.append(goals.create_goal(self._context.uow, data))
        if dialog.exec() == QDialog.Accepted and created:
            self._push(CreateGoalCommand, created[0])
            self.refresh()
            self.select_goal(created[0].id)

    def edit_goal(self) -> None:
        goal = self.selected_goal()
        if goal is None or self._context is None or self._context.read_only:
            return
        dialog = self._dialog(goal)
        saved: list[goals.Goal] = []
        dialog.saver = lambda data: self._save_edit(goal, data, saved)
        if dialog.exec() == QDialog.Accepted and saved:
            self._push(EditGoalCommand, goal, saved[0])
        self.refresh()

    def _save_edit(self, goal: goals.Goal, data: goals.GoalInput, saved: list[goals.Goal]) -> None:
        uow = self._context.uow
        try:
            saved.append(goals.update_goal(uow, goal.id, goal.version, data))
        except ConflictError as conflict:
            if conflict.deleted:
                show_error(self, conflict)
                return
            if ConflictDialog(conflict, self).exec() == QDialog.Accepted:
                saved.append(goals.update_goal(uow, goal.id, conflict.stored_version, data))
                # the undo step restores what the other person had saved
                goal = goals.get_goal(uow, goal.id)
        except ValidationError:
            raise
        except DatabaseError as error:
            show_error(self, error)

    def delete_goal(self) -> None:
        goal = self.selected_goal()
        if goal is None or self._context is None or self._context.read_only:
            return
        children = sum(1 for g in self._goals if g.parent_id == goal.id)
        text = self.tr("Delete the goal '{0}'?").format(goal.title)
        if children:
            text += " " + self.tr("The {0} goals aligned under it are deleted too.").format(children)
        text += " " + self.tr("You can undo this.")
        if self._confirm(self.tr("Delete goal"), text):
            try:
                trashed = goals.delete_goal(self._context.uow, goal.id, goal.version)
            except DatabaseError as error:
                show_error(self, error)
                self.refresh()
                return
            self._push(DeleteGoalCommand, goal, trashed)
            self.refresh()

    def _confirm(self, title: str, text: str) -> bool:
        return ask(self, title, text) == QMessageBox.Yes

    def record_measurement(self) -> None:
        goal = self.selected_goal()
        if goal is None or self._context is None or self._context.read_only:
            return
        dialog = MeasurementDialog(goal, self)
        if dialog.exec() != QDialog.Accepted:
            return
        measured_on, value, note = dialog.values()
        try:
            measurement = goals.record_measurement(self._context.uow, goal.id, measured_on,
                                                   value, note)
        except DatabaseError as error:
            show_error(self, error)
            return
        self._push(RecordMeasurementCommand, goal, measurement)
        self.refresh()

    def carry_over(self) -> None:
        if self._context is None or self._context.read_only:
            return
        open_goals = [g for g in self._goals if g.status.value == "active"]
        if not open_goals:
            tell(self, self.tr("Carry goals over"),
                 self.tr("{0} has no active goals to carry over.").format(self.quarter))
            return
        target = next_quarter(self.quarter)
        if not self._confirm(self.tr("Carry goals over"), self.tr(
                "Copy the {0} active goals of {1} into {2}, starting from where they stand?")
                .format(len(open_goals), self.quarter, target)):
            return
        try:
            result = goals.carry_over(self._context.uow, self.quarter)
        except DatabaseError as error:
            show_error(self, error)
            return
        self._push(CarryOverCommand, result)
        self.select_quarter(target)
