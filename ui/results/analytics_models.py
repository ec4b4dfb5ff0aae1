"""Item models of the Analytics page and the import dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

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
from ui.shell.table_model import RowsTableModel


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


class FigureTableModel(RowsTableModel):
    """A read-only table of frozen dataclasses, one column per ``Column``."""

    COLUMNS: tuple[Column, ...] = ()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(self.COLUMNS[section].header)
        return None

    def cell(self, row: object, column: int, role: int) -> object:
        figure = self.COLUMNS[column]
        value = figure.value(row)
        if role == Qt.DisplayRole:
            return _format(value, figure.kind)
        if role == Qt.UserRole:
            return value
        if role == Qt.TextAlignmentRole and figure.kind != "text":
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


@dataclass(frozen=True)
class FileColumn:
    """A column of the file being imported, and what it is used as ("" for nothing)."""

    name: str
    first: str
    role: str = ""


class MappingTableModel(RowsTableModel):
    """One row per file column: its name and first value, and what it is used as (editable)."""

    COLUMNS = ("File column", "First value", "Use as")
    USE_COLUMN = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels = dict(role_choices())

    def set_columns(self, columns: tuple[str, ...], firsts: tuple[str, ...]) -> None:
        """The file's columns with their first values, none used as anything yet."""
        self.set_rows([FileColumn(column, firsts[n] if n < len(firsts) else "")
                       for n, column in enumerate(columns)])

    def set_mapping(self, mapping: ColumnMapping) -> None:
        names = [column.name for column in self._rows]
        roles = [""] * len(names)
        for field in ROLE_FIELDS:
            column = getattr(mapping, field)
            if column in names:
                roles[names.index(column)] = field
        for column, metric in mapping.metrics:
            if column in names:
                roles[names.index(column)] = f"metric:{metric}"
                self._labels.setdefault(f"metric:{metric}",
                                        _tr("Figure: {0}").format(metric.replace("_", " ")))
        self._rows = [replace(column, role=role) for column, role in zip(self._rows, roles)]
        self.dataChanged.emit(self.index(0, self.USE_COLUMN),
                              self.index(max(0, len(roles) - 1), self.USE_COLUMN))

    def mapping(self, fixed_channel: str = "", row_metric: str = "") -> ColumnMapping:
        fields: dict[str, str] = {}
        metrics = []
        for column in self._rows:
            if column.role.startswith("metric:"):
                metrics.append((column.name, column.role.split(":", 1)[1]))
            elif column.role and column.role not in fields:
                fields[column.role] = column.name
        return ColumnMapping(**fields, fixed_channel=fixed_channel, metrics=tuple(metrics),
                             row_metric=row_metric)

    def role_of(self, row: int) -> str:
        return self._rows[row].role

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return flags | Qt.ItemIsEditable if index.column() == self.USE_COLUMN else flags

    def cell(self, column: FileColumn, number: int, role: int) -> object:
        if role == Qt.EditRole and number == self.USE_COLUMN:
            return column.role
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if number == 0:
            return column.name
        if number == 1:
            return column.first
        return self._labels.get(column.role, column.role)

    def setData(self, index: QModelIndex, value: object, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or index.column() != self.USE_COLUMN or role != Qt.EditRole:
            return False
        value = str(value or "")
        if value and not value.startswith("metric:"):  # a field goes to one column only
            for other, current in enumerate(self._rows):
                if current.role == value and other != index.row():
                    self._rows[other] = replace(current, role="")
                    changed = self.index(other, self.USE_COLUMN)
                    self.dataChanged.emit(changed, changed)
        self._rows[index.row()] = replace(self._rows[index.row()], role=value)
        self.dataChanged.emit(index, index)
        return True
