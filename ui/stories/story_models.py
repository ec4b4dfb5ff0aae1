"""Item models of the Customer stories page: the pipeline, customers, contacts, placements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.numbers import counted
from desktop.stories import (
    WEAR_OUT_FROM,
    Communication,
    Customer,
    PipelineGroup,
    Placement,
    StoryRequest,
)
from ui.shell.labels import date_text
from ui.shell.palette import TONES, Tone, tone
from ui.shell.table_model import RowsTableModel
from ui.stories.story_labels import STORY_KIND_LABELS, STORY_STATUS_LABELS

ItemRole = Qt.UserRole + 1
WARNING = QColor(TONES[Tone.ERROR][0])  # on a light palette; drawn with tone(), for both

_TOP = 0


def _warning_brush() -> QBrush:
    return QBrush(tone(Tone.ERROR))


class PipelineTreeModel(QAbstractItemModel):
    """The pipeline: one top row per group (a status, or "waiting for my decision"), its
    requests beneath."""

    COLUMNS = ("Request", "Customer", "Kind", "Rep", "12 months", "Flags")
    COUNT_COLUMN = COLUMNS.index("12 months")
    FLAGS_COLUMN = COLUMNS.index("Flags")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[PipelineGroup] = []

    def set_groups(self, groups: Sequence[PipelineGroup]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def group_title(self, group: PipelineGroup) -> str:
        name = (self.tr("Waiting for my decision") if group.status is None
                else STORY_STATUS_LABELS[group.status])
        return f"{name} ({len(group.requests)})"

    def request_at(self, index: QModelIndex) -> StoryRequest | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._groups[index.internalId() - 1].requests[index.row()]

    def index_of(self, request_id: int) -> QModelIndex:
        """The request's first row (it may also stand under "waiting for my decision")."""
        for group_row, group in enumerate(self._groups):
            for row, request in enumerate(group.requests):
                if request.id == request_id:
                    return self.index(row, 0, self.index(group_row, 0))
        return QModelIndex()

    # Qt overrides: a request's internal id is its group's row + 1; group rows have 0.
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
            return len(self._groups)
        if parent.column() > 0 or parent.internalId() != _TOP:
            return 0
        return len(self._groups[parent.row()].requests)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if orientation != Qt.Horizontal:
            return None
        if role == Qt.DisplayRole:
            return self.tr(self.COLUMNS[section])
        if role == Qt.ToolTipRole and section == self.COUNT_COLUMN:
            return self.tr("Story requests to this customer in the last twelve months")
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        if index.internalId() == _TOP:
            return Qt.ItemIsEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        request = self.request_at(index)
        if request is None:
            return self._group_data(self._groups[index.row()], index.column(), role)
        return self._request_data(request, index.column(), role)

    def _group_data(self, group: PipelineGroup, column: int, role: int) -> object:
        if role == Qt.DisplayRole and column == 0:
            return self.group_title(group)
        if role == Qt.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ForegroundRole and group.status is None and group.requests:
            return QBrush(tone(Tone.INFO))
        return None

    def _request_data(self, request: StoryRequest, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return self._display(request, column)
        if role == ItemRole:
            return request
        if role == Qt.ToolTipRole:
            return self._tooltip(request, column)
        if role == Qt.ForegroundRole and (
                (column == self.COUNT_COLUMN and request.customer_recent_requests >= WEAR_OUT_FROM)
                or (column == self.FLAGS_COLUMN and request.flags)):
            return _warning_brush()
        if role == Qt.TextAlignmentRole and column == self.COUNT_COLUMN:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _display(self, request: StoryRequest, column: int) -> str:
        if column == self.FLAGS_COLUMN:
            count = len(request.flags)
            if not count:
                return ""
            return counted(count, self.tr("flag"), self.tr("flags"))
        if column == self.COUNT_COLUMN:
            return str(request.customer_recent_requests)
        return (request.title, request.customer_name, STORY_KIND_LABELS[request.kind],
                request.rep_name)[column]

    def _tooltip(self, request: StoryRequest, column: int) -> str:
        if column == self.FLAGS_COLUMN and request.flags:
            return "\n".join(request.flags)
        if column == self.COUNT_COLUMN and request.customer_recent_requests >= WEAR_OUT_FROM:
            return self.tr("{0} had {1} requests in the last twelve months; asking too often "
                           "wears the relationship out.").format(
                request.customer_name, request.customer_recent_requests)
        return f"{request.title}\n{STORY_STATUS_LABELS[request.status]}"


class _StoryRowsModel(RowsTableModel):
    """The stories' tables: text by column, the row itself under ``ItemRole``, and what a
    table adds (alignment, warnings, tooltips) in ``_extra``."""

    def cell(self, row: Any, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return self._display(row, column)
        if role == ItemRole:
            return row
        return self._extra(row, column, role)

    def _display(self, item: Any, column: int) -> str:
        raise NotImplementedError

    def _extra(self, item: Any, column: int, role: int) -> object:
        return None


class CustomerTableModel(_StoryRowsModel):
    COLUMNS = ("Customer", "Industry", "Rep", "Requests in 12 months", "Last contact")
    COUNT_COLUMN = 3

    def index_of(self, customer_id: int) -> QModelIndex:
        for row, customer in enumerate(self._rows):
            if customer.id == customer_id:
                return self.index(row, 0)
        return QModelIndex()

    def _display(self, item: Customer, column: int) -> str:
        return (item.name, item.industry, item.rep_name, str(item.recent_requests),
                date_text(item.last_contact_on) if item.last_contact_on else "")[column]

    def _extra(self, item: Customer, column: int, role: int) -> object:
        if column != self.COUNT_COLUMN:
            return None
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if item.asked_too_often and role == Qt.ForegroundRole:
            return _warning_brush()
        if item.asked_too_often and role == Qt.ToolTipRole:
            return self.tr("Asked too often: {0} requests in the last twelve months.").format(
                item.recent_requests)
        return None


class CommunicationTableModel(_StoryRowsModel):
    COLUMNS = ("Date", "Channel", "Summary", "Rep included", "Request", "Logged by")
    REP_COLUMN = 3

    def _display(self, item: Communication, column: int) -> str:
        included = self.tr("Yes") if item.rep_included else self.tr("No: {0}").format(
            item.without_rep_reason)
        return (date_text(item.occurred_on), item.channel, item.summary, included,
                item.request_title, item.logged_by_name)[column]

    def _extra(self, item: Communication, column: int, role: int) -> object:
        if role == Qt.ToolTipRole and column in (2, self.REP_COLUMN):
            return self._display(item, column)
        if role == Qt.ForegroundRole and column == self.REP_COLUMN and not item.rep_included:
            return QBrush(tone(Tone.WARNING))
        return None


class PlacementTableModel(_StoryRowsModel):
    COLUMNS = ("Date", "Outlet or event", "Link", "Outside the approval")

    def _display(self, item: Placement, column: int) -> str:
        return (date_text(item.placed_on), item.outlet, item.url, item.flag)[column]

    def _extra(self, item: Placement, column: int, role: int) -> object:
        if role == Qt.ForegroundRole and column == 3 and item.flag:
            return _warning_brush()
        if role == Qt.ToolTipRole and column == 2 and item.url:
            return item.url
        return None
