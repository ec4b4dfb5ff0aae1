"""Item models of the board: one list per column (and lane), the lineage tree, the trash."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from db.enums import Stage, Team
from desktop.board import Card
from desktop.campaign_templates import PlannedPiece
from desktop.lineage import LineageNode
from desktop.numbers import counted
from ui.shell.labels import TEAM_LABELS, compact_number, enum_label, number
from ui.shell.table_model import RowsTableModel

CardRole = Qt.UserRole + 1
TodayRole = Qt.UserRole + 2
CARD_MIME_TYPE = "application/x-commonground-card-id"


class StageCardsListModel(QAbstractListModel):
    """The visible cards of one column (of one swimlane), in board order.

    A drop does not move rows itself: it reports ``card_dropped`` with the card
    it should follow; the page shows the move at once (``moved_cards``) and saves it.
    """

    card_dropped = Signal(int, object, object, object)  # card id, stage, team or None, after id

    def __init__(self, stage: Stage, team: Team | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.team = team
        self._cards: list[Card] = []
        self._today = date.today()

    def set_cards(self, cards: list[Card], today: date | None = None) -> None:
        self.beginResetModel()
        self._cards = cards
        self._today = today or date.today()
        self.endResetModel()

    @property
    def cards(self) -> list[Card]:
        return list(self._cards)

    def card_at(self, row: int) -> Card:
        return self._cards[row]

    def row_of(self, card_id: int) -> int:
        for row, card in enumerate(self._cards):
            if card.id == card_id:
                return row
        return -1

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        card = self._cards[index.row()]
        if role == Qt.DisplayRole:
            return card.title
        if role == CardRole:
            return card
        if role == TodayRole:
            return self._today
        if role in (Qt.ToolTipRole, Qt.AccessibleTextRole):
            return card_description(card, self._today)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        if indexes:
            mime.setData(CARD_MIME_TYPE, QByteArray(str(self._cards[indexes[0].row()].id).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex) -> bool:
        return data.hasFormat(CARD_MIME_TYPE)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex) -> bool:
        if not data.hasFormat(CARD_MIME_TYPE):
            return False
        card_id = int(bytes(data.data(CARD_MIME_TYPE)).decode())
        if parent.isValid():
            row = parent.row()
        if row < 0:
            row = len(self._cards)
        self.card_dropped.emit(card_id, self.stage, self.team, self.after_id_for(card_id, row))
        return False  # the board reloads from the file; Qt must not remove the source row

    def after_id_for(self, card_id: int, row: int) -> int | None:
        """The card a card dropped at ``row`` should follow (None: the top of the column)."""
        before = [c for c in self._cards[:row] if c.id != card_id]
        return before[-1].id if before else None


def moved_cards(cards: list[Card], card: Card, stage: Stage, team: Team,
                after_id: int | None) -> list[Card]:
    """The board (in board order) as it will be once a move is saved, to show it at once.

    The card goes right after ``after_id``, or to the top of ``stage`` when None; a
    neighbour that is not there puts it at the column's end (the save will say why).
    """
    rest = [c for c in cards if c.id != card.id]
    moved = replace(card, stage=stage, team=team)
    if after_id is not None:
        index = next((i + 1 for i, c in enumerate(rest) if c.id == after_id), None)
    else:
        index = next((i for i, c in enumerate(rest) if c.stage is stage), None)
    rest.insert(_end_of(rest, stage) if index is None else index, moved)
    return rest


def placed_card(cards: list[Card], card: Card) -> list[Card]:
    """``cards`` with a saved card in its place: where it was, or at its new column's end."""
    old = next((i for i, c in enumerate(cards) if c.id == card.id), None)
    if old is not None and cards[old].stage is card.stage:
        return [*cards[:old], card, *cards[old + 1:]]
    rest = [c for c in cards if c.id != card.id]
    rest.insert(_end_of(rest, card.stage), card)
    return rest


def _end_of(cards: list[Card], stage: Stage) -> int:
    return max((i + 1 for i, c in enumerate(cards) if c.stage is stage), default=len(cards))


def card_description(card: Card, today: date) -> str:
    parts = [card.title, f"{enum_label(card.kind)}, {enum_label(card.stage)}, "
                         f"{TEAM_LABELS[card.team]}"]
    if card.owner_name:
        parts.append(f"Owner: {card.owner_name}")
    if card.due_on:
        parts.append(f"Due {card.due_on.isoformat()}" + (" (overdue)" if card.overdue(today) else ""))
    parts.append(f"Goal: {card.goal_title}" if card.goal_title else "Supports no goal")
    if card.campaign_name:
        parts.append(f"Campaign: {card.campaign_name}")
    if card.tags:
        parts.append("Common ground: " + ", ".join(enum_label(t) for t in card.tags))
    if card.pilot:
        parts.append("Cooperative pilot")
    if card.derivative_count:
        parts.append(derived_directly(card.derivative_count))
    return "\n".join(parts)


def derived_directly(count: int) -> str:
    """What a card's ↳ badge counts, in words."""
    return f"{counted(count, 'piece')} {'derives' if count == 1 else 'derive'} directly from it"


class LineageTreeModel(QAbstractItemModel):
    """A source and every piece derived from it; each figure is its branch's total."""

    COLUMNS = ("Card", "Kind", "Stage", "Pieces", "Reach", "Clicks", "Leads", "Cost", "Coverage")
    _FIGURES = ("reach", "clicks", "leads", "cost", "coverage")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root: LineageNode | None = None
        self._parents: dict[int, tuple[LineageNode | None, int]] = {}
        self._nodes: dict[int, LineageNode] = {}

    def set_root(self, root: LineageNode | None) -> None:
        self.beginResetModel()
        self._root = root
        self._nodes, self._parents = {}, {}
        if root is not None:
            self._index_tree(root, None, 0)
        self.endResetModel()

    def _index_tree(self, node: LineageNode, parent: LineageNode | None, row: int) -> None:
        self._nodes[node.card_id] = node
        self._parents[node.card_id] = (parent, row)
        for child_row, child in enumerate(node.children):
            self._index_tree(child, node, child_row)

    def node_at(self, index: QModelIndex) -> LineageNode | None:
        return self._nodes.get(index.internalId()) if index.isValid() else None

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, self._root.card_id)
        return self.createIndex(row, column, self.node_at(parent).children[row].card_id)

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent, _row = self._parents[index.internalId()]
        if parent is None:
            return QModelIndex()
        _grand, parent_row = self._parents[parent.card_id]
        return self.createIndex(parent_row, 0, parent.card_id)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if self._root is None:
            return 0
        if not parent.isValid():
            return 1
        if parent.column() > 0:
            return 0
        return len(self.node_at(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        node = self.node_at(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.DisplayRole:
            if column == 0:
                return node.title
            if column == 1:
                return enum_label(node.kind)
            if column == 2:
                return enum_label(node.stage)
            if column == 3:
                return number(node.pieces)
            name = self._FIGURES[column - 4]
            return figure_text(getattr(node.total, name), getattr(node.own, name),
                               bool(node.children))
        if role == Qt.TextAlignmentRole and column >= 3:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and column == 3:
            return self.tr("{0} in all, at any depth; {1}").format(
                counted(node.pieces, 'piece'), derived_directly(len(node.children)))
        if role == Qt.ToolTipRole and column >= 4:
            name = self._FIGURES[column - 4]
            return self.tr("Own: {0}; this branch in all: {1}").format(
                number(getattr(node.own, name)), number(getattr(node.total, name)))
        return None


def figure_text(total: float, own: float, has_branch: bool) -> str:
    if has_branch and own:
        return f"{compact_number(total)} (own {compact_number(own)})"
    return compact_number(total) if total else "–"


class TrashTableModel(RowsTableModel):
    COLUMNS = ("Card", "Kind", "Stage", "Campaign", "Owner")

    def cell(self, card: Card, column: int, role: int) -> object:
        if role != Qt.DisplayRole:
            return None
        return (card.title, enum_label(card.kind), enum_label(card.stage), card.campaign_name,
                card.owner_name)[column]


class PlannedPiecesTableModel(RowsTableModel):
    """The cards a campaign from a template will create, shown before they are."""

    COLUMNS = ("Piece", "Kind", "Team", "Due", "Owner", "Derived from")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: dict[int, str] = {}

    def set_pieces(self, planned: list[PlannedPiece], names: dict[int, str]) -> None:
        self._names = names
        self.set_rows(planned)

    def cell(self, planned: PlannedPiece, column: int, role: int) -> object:
        if role != Qt.DisplayRole:
            return None
        card = planned.card
        if column == 0:
            return card.title
        if column == 1:
            return enum_label(card.kind)
        if column == 2:
            return TEAM_LABELS[card.team]
        if column == 3:
            return card.due_on.isoformat() if card.due_on else ""
        if column == 4:
            return self._names.get(card.owner_id, "") if card.owner_id else self.tr("nobody")
        source = planned.source
        return self.row_at(source).card.title if source is not None else self.tr("(original)")
