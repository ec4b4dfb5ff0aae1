"""Item models of the Goals page: the goal tree and the cards that support no goal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QFont

from desktop.board import CardSummary
from desktop.goals import Goal, GoalNode
from ui.shell.labels import (
    DEPARTMENT_LABELS,
    GOAL_STATUS_LABELS,
    TEAM_LABELS,
    compact_number,
    date_text,
    enum_label,
    number,
)
from ui.shell.palette import Tone, tone
from ui.shell.table_model import RowsTableModel

GoalRole = Qt.UserRole + 1
ProgressRole = Qt.UserRole + 2

_TOP = 0


class GoalTreeModel(QAbstractItemModel):
    """Corporate goals at the top level, their department goals beneath."""

    COLUMNS = ("Goal", "Department", "Owner", "Metric", "Baseline", "Target", "Actual",
               "Progress", "Status")
    PROGRESS_COLUMN = COLUMNS.index("Progress")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[GoalNode] = []

    def set_nodes(self, nodes: list[GoalNode]) -> None:
        self.beginResetModel()
        self._nodes = list(nodes)
        self.endResetModel()

    def goal_at(self, index: QModelIndex) -> Goal | None:
        node = self._node(index)
        return node.goal if node else None

    def index_of(self, goal_id: int) -> QModelIndex:
        for row, node in enumerate(self._nodes):
            if node.goal.id == goal_id:
                return self.index(row, 0)
            for child_row, child in enumerate(node.children):
                if child.goal.id == goal_id:
                    return self.index(child_row, 0, self.index(row, 0))
        return QModelIndex()

    def _node(self, index: QModelIndex) -> GoalNode | None:
        if not index.isValid():
            return None
        parent_key = index.internalId()
        if parent_key == _TOP:
            return self._nodes[index.row()]
        return self._nodes[parent_key - 1].children[index.row()]

    # Qt overrides: a child's internal id is its parent's row + 1, top-level rows have 0.
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._nodes)
        if parent.column() > 0 or parent.internalId() != _TOP:
            return 0
        return len(self._nodes[parent.row()].children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        goal = self.goal_at(index)
        if goal is None:
            return None
        column = index.column()
        if role == Qt.DisplayRole:
            return self._display(goal, column)
        if role == GoalRole:
            return goal
        if role == ProgressRole:
            return goal.progress if goal.actual is not None else None
        if role == Qt.ToolTipRole:
            return self._tooltip(goal)
        if role == Qt.TextAlignmentRole and column in (4, 5, 6):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole and column == 0 and goal.parent_id is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ForegroundRole and column == 8 and goal.met:
            return QBrush(tone(Tone.SUCCESS))
        return None

    def _display(self, goal: Goal, column: int) -> str:
        if column == 0:
            return goal.title
        if column == 1:
            return DEPARTMENT_LABELS[goal.department] if goal.department else self.tr("Corporate")
        if column == 2:
            return goal.owner_name
        if column == 3:
            if goal.unit and goal.unit.lower() not in goal.metric.lower():
                return f"{goal.metric} ({goal.unit})"
            return goal.metric
        if column == 4:
            return number(goal.baseline)
        if column == 5:
            return number(goal.target)
        if column == 6:
            return number(goal.actual)
        if column == 7:
            return progress_text(goal)
        return self.tr("Met") if goal.met and goal.status.value == "active" else \
            GOAL_STATUS_LABELS[goal.status]

    def _tooltip(self, goal: Goal) -> str:
        measured = (self.tr("last measured {0}").format(date_text(goal.measured_on))
                    if goal.measured_on else self.tr("not measured yet"))
        return f"{goal.title}\n{progress_text(goal)}, {measured}"


def progress_text(goal: Goal) -> str:
    if goal.actual is None:
        return "no measurement yet"
    return f"{goal.progress:.0%} ({compact_number(goal.actual)} of {compact_number(goal.target)})"


class UnalignedCardsTableModel(RowsTableModel):
    """Content without a purpose: board cards that support no goal."""

    COLUMNS = ("Card", "Kind", "Stage", "Team", "Owner", "Due", "Campaign")
    DUE_COLUMN = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = date.today()

    def set_rows(self, rows: Sequence[CardSummary]) -> None:
        self._today = date.today()
        super().set_rows(rows)

    def cell(self, card: CardSummary, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (card.title, enum_label(card.kind), enum_label(card.stage),
                    TEAM_LABELS[card.team], card.owner_name,
                    date_text(card.due_on) if card.due_on else "",
                    card.campaign_name)[column]
        overdue = column == self.DUE_COLUMN and card.due_on and card.due_on < self._today
        if role == Qt.ForegroundRole and overdue:
            return QBrush(tone(Tone.ERROR))
        if role == Qt.ToolTipRole and overdue:
            return self.tr("Overdue")
        return None
