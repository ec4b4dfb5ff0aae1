"""Item models of the Analytics page and the import dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

from desktop.analytics import (
    BestHours,
    ChannelPerformance,
    ContentPerformance,
    Influencer,
    WordLift,
)
from desktop.importing import KNOWN_METRICS, ColumnMapping
from ui.shell.labels import enum_label, number


def _tr(text: str) -> str:
    return QCoreApplication.translate("analytics", text)


@dataclass(frozen=True)
class Column:
    """One column of a figure table: its header, its value, and how it reads."""

    header: str
    value: Callable[[object], object]
    kind: str = "text"  # "text", "number", "percent", "money", "seconds"


def _format(value: object, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "percent":
        return f"{float(value):.1%}"
    if kind == "signed_percent":
        return f"{float(value):+.0%}"
    if kind == "money":
        return f"{float(value):,.2f}"
    if kind == "seconds":
        return f"{float(value):,.0f} s"
    if kind == "number":
        return number(round(float(value), 2))
    return str(value)


class FigureTableModel(QAbstractTableModel):
    """A read-only table of frozen dataclasses, one column per ``Column``."""

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[object] = []

    def set_rows(self, rows: Sequence[object]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> object:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(self.COLUMNS[section].header)
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = self.COLUMNS[index.column()]
        value = column.value(self._rows[index.row()])
        if role == Qt.DisplayRole:
            return _format(value, column.kind)
        if role == Qt.UserRole:
            return value
        if role == Qt.TextAlignmentRole and column.kind != "text":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def table(self) -> tuple[list[str], list[list[object]]]:
        """Header and raw values, for copying and CSV export."""
        header = [_tr(c.header) for c in self.COLUMNS]
        return header, [[c.value(row) for c in self.COLUMNS] for row in self._rows]


class ChannelTableModel(FigureTableModel):
    COLUMNS = (
        Column("Channel", lambda r: r.channel),
        Column("Reach", lambda r: r.reach, "number"),
        Column("Impressions", lambda r: r.impressions, "number"),
        Column("Engagement", lambda r: r.engagement, "number"),
        Column("Engagement rate", lambda r: r.engagement_rate, "percent"),
        Column("Share of attention", lambda r: r.engagement_share, "percent"),
        Column("Leads", lambda r: r.leads, "number"),
        Column("Cost", lambda r: r.cost, "money"),
        Column("Cost per lead", lambda r: r.cost_per_lead, "money"),
        Column("Time on page", lambda r: r.time_on_page, "seconds"),
    )


class BestHoursTableModel(FigureTableModel):
    COLUMNS = (
        Column("Channel", lambda r: r.channel),
        Column("Best hours", lambda r: ", ".join(f"{h:02d}:00" for h in r.hours)),
        Column("Share of engagement", lambda r: r.share, "percent"),
        Column("Engagement", lambda r: r.engagement, "number"),
    )


class WordTableModel(FigureTableModel):
    COLUMNS = (
        Column("Word or phrase", lambda r: r.phrase),
        Column("Used in", lambda r: r.uses, "number"),
        Column("Engagement rate", lambda r: r.engagement_rate, "percent"),
        Column("Lift", lambda r: r.lift, "signed_percent"),
    )


class ContentTableModel(FigureTableModel):
    COLUMNS = (
        Column("Kind or tag", lambda r: enum_label(r.key)),
        Column("Pieces", lambda r: r.pieces, "number"),
        Column("Reach", lambda r: r.reach, "number"),
        Column("Impressions", lambda r: r.impressions, "number"),
        Column("Engagement", lambda r: r.engagement, "number"),
        Column("Engagement rate", lambda r: r.engagement_rate, "percent"),
        Column("Leads", lambda r: r.leads, "number"),
    )


class InfluenceTableModel(FigureTableModel):
    COLUMNS = (
        Column("Name", lambda r: r.name),
        Column("Role", lambda r: enum_label(r.role)),
        Column("Pieces", lambda r: r.pieces, "number"),
        Column("Reach", lambda r: r.reach, "number"),
        Column("Engagement", lambda r: r.engagement, "number"),
    )


_ = (BestHours, ChannelPerformance, ContentPerformance, Influencer, WordLift)  # row types


class PreviewTableModel(QAbstractTableModel):
    """The first rows of a file, under its own column names."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[str, ...] = ()
        self._rows: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def set_preview(self, columns: tuple[str, ...],
                    rows: tuple[tuple[int, tuple[str, ...]], ...]) -> None:
        self.beginResetModel()
        self._columns, self._rows = columns, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self._columns[section]
        return _tr("line {0}").format(self._rows[section][0])

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        cells = self._rows[index.row()][1]
        return cells[index.column()] if index.column() < len(cells) else ""


ROLE_FIELDS = ("timestamp", "hour", "channel", "content", "link", "outlet", "author")
ROLE_LABELS = {
    "": "(not used)", "timestamp": "Date or time", "hour": "Hour of day",
    "channel": "Channel", "content": "Title or content", "link": "Link or page",
    "outlet": "Outlet", "author": "Journalist or creator",
}


def role_choices() -> list[tuple[str, str]]:
    """(role, label) pairs: the fields, then one per known metric."""
    choices = [(role, _tr(label)) for role, label in ROLE_LABELS.items()]
    choices += [(f"metric:{name}", _tr("Figure: {0}").format(name.replace("_", " ")))
                for name in KNOWN_METRICS]
    return choices


class MappingTableModel(QAbstractTableModel):
    """One row per file column: its first value and what it is used as (editable)."""

    COLUMNS = ("File column", "First value", "Use as")
    USE_COLUMN = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[str, ...] = ()
        self._firsts: tuple[str, ...] = ()
        self._roles: list[str] = []
        self._labels = dict(role_choices())

    def set_columns(self, columns: tuple[str, ...], firsts: tuple[str, ...]) -> None:
        self.beginResetModel()
        self._columns, self._firsts = columns, firsts
        self._roles = [""] * len(columns)
        self.endResetModel()

    def set_mapping(self, mapping: ColumnMapping) -> None:
        roles = [""] * len(self._columns)
        for field in ROLE_FIELDS:
            column = getattr(mapping, field)
            if column in self._columns:
                roles[self._columns.index(column)] = field
        for column, metric in mapping.metrics:
            if column in self._columns:
                roles[self._columns.index(column)] = f"metric:{metric}"
                self._labels.setdefault(f"metric:{metric}",
                                        _tr("Figure: {0}").format(metric.replace("_", " ")))
        self._roles = roles
        self.dataChanged.emit(self.index(0, self.USE_COLUMN),
                              self.index(max(0, len(roles) - 1), self.USE_COLUMN))

    def mapping(self, fixed_channel: str = "", row_metric: str = "") -> ColumnMapping:
        fields: dict[str, str] = {}
        metrics = []
        for column, role in zip(self._columns, self._roles):
            if role.startswith("metric:"):
                metrics.append((column, role.split(":", 1)[1]))
            elif role and role not in fields:
                fields[role] = column
        return ColumnMapping(**fields, fixed_channel=fixed_channel, metrics=tuple(metrics),
                             row_metric=row_metric)

    def role_of(self, row: int) -> str:
        return self._roles[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(self.COLUMNS[section])
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return flags | Qt.ItemIsEditable if index.column() == self.USE_COLUMN else flags

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.EditRole and column == self.USE_COLUMN:
            return self._roles[row]
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if column == 0:
            return self._columns[row]
        if column == 1:
            return self._firsts[row] if row < len(self._firsts) else ""
        return self._labels.get(self._roles[row], self._roles[row])

    def setData(self, index: QModelIndex, value: object, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or index.column() != self.USE_COLUMN or role != Qt.EditRole:
            return False
        value = str(value or "")
        if value and not value.startswith("metric:"):  # a field goes to one column only
            for other, current in enumerate(self._roles):
                if current == value and other != index.row():
                    self._roles[other] = ""
                    changed = self.index(other, self.USE_COLUMN)
                    self.dataChanged.emit(changed, changed)
        self._roles[index.row()] = value
        self.dataChanged.emit(index, index)
        return True
