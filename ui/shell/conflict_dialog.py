"""Someone saved the same record first: show both sides field by field, let the person pick.

The services merge edits of different fields by themselves; this dialog only
appears when both people changed the same field (or the history could not
tell). Each differing field is a row with the other person's value and the
person's own; one of the two is ticked, and the ticks are what gets saved.
Fields only the other person changed start on theirs, the rest on yours. The
other side is named by who saved it and when ("Priya Nair's, saved 14:02"), as
the change log tells.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.activity_words import utc_time_text
from desktop.errors import ConflictError
from desktop.merge import take_theirs
from ui.shell.table_model import RowsTableModel

MINE, THEIRS = "mine", "theirs"
Render = Callable[[str, Any], str]


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def theirs_heading(conflict: ConflictError) -> str:
    """The column of the saved values: "Priya Nair's, saved 14:02"; "Theirs (saved)"
    when the log does not tell who."""
    tr = QCoreApplication.translate
    if not conflict.saved_by:
        return tr("ConflictDialog", "Theirs (saved)")
    if conflict.saved_at is None:
        return tr("ConflictDialog", "{0}'s (saved)").format(conflict.saved_by)
    return tr("ConflictDialog", "{0}'s, saved {1}").format(conflict.saved_by,
                                                          utc_time_text(conflict.saved_at))


def who_saved(conflict: ConflictError) -> str:
    """ "Priya Nair saved this record at 14:02" or "someone else saved this record". """
    tr = QCoreApplication.translate
    if not conflict.saved_by:
        return tr("ConflictDialog", "someone else saved this record")
    if conflict.saved_at is None:
        return tr("ConflictDialog", "{0} saved this record").format(conflict.saved_by)
    moment = utc_time_text(conflict.saved_at)
    at = "at" if len(moment) <= 5 else "on"
    return tr("ConflictDialog", "{0} saved this record {1} {2}").format(
        conflict.saved_by, at, moment)


def differing_fields(conflict: ConflictError) -> list[str]:
    return [name for name in conflict.attempted
            if name in conflict.stored and _plain(conflict.stored[name]) != _plain(
                conflict.attempted[name])]


class ConflictTableModel(RowsTableModel):
    """One row per differing field: the field, theirs, yours; the chosen side is checked."""

    FIELD, THEIRS_COLUMN, MINE_COLUMN = 0, 1, 2
    COLUMNS = ("Field", "Theirs (saved)", "Yours")

    def __init__(self, conflict: ConflictError, labels: dict[str, str] | None = None,
                 render: Render | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conflict = conflict
        self._labels = labels or {}
        self._render = render
        self.set_rows(differing_fields(conflict))
        known = bool(conflict.mine_changed)  # the history told who changed what
        self.choices: dict[str, str] = {
            name: THEIRS if known and name in conflict.theirs_changed
            and name not in conflict.mine_changed else MINE
            for name in self.fields}

    @property
    def fields(self) -> list[str]:
        """The names of the fields that differ, one per row."""
        return self.rows

    def choose_all(self, side: str) -> None:
        for name in self.fields:
            self.choices[name] = side
        if self.fields:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.fields) - 1, 2))

    def label(self, name: str) -> str:
        text = self._labels.get(name, name.removesuffix("_id").replace("_", " "))
        return text[:1].upper() + text[1:]

    def _text(self, name: str, value: Any) -> str:
        if self._render is not None:
            return self._render(name, value)
        return "" if value is None else str(_plain(value))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> object:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole \
                and section == self.THEIRS_COLUMN:
            return theirs_heading(self._conflict)
        return super().headerData(section, orientation, role)

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() != self.FIELD:
            flags |= Qt.ItemIsUserCheckable
        return flags

    def cell(self, name: str, column: int, role: int) -> object:
        side = THEIRS if column == self.THEIRS_COLUMN else MINE
        if role == Qt.DisplayRole:
            if column == self.FIELD:
                return self.label(name)
            source = self._conflict.stored if side == THEIRS else self._conflict.attempted
            return self._text(name, source.get(name))
        if role == Qt.CheckStateRole and column != self.FIELD:
            return Qt.Checked if self.choices[name] == side else Qt.Unchecked
        if role == Qt.FontRole and column == self.FIELD and self._both_changed(name):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole and column == self.FIELD:
            if self._both_changed(name):
                return self.tr("You both changed this field.")
            if name in self._conflict.theirs_changed:
                return self.tr("Only the other person changed this field.")
        if role == Qt.AccessibleDescriptionRole and column != self.FIELD:
            chosen = self.choices[name] == side
            return self.tr("chosen") if chosen else self.tr("not chosen")
        return None

    def _both_changed(self, name: str) -> bool:
        return name in self._conflict.theirs_changed and name in self._conflict.mine_changed

    def setData(self, index: QModelIndex, value: object, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.CheckStateRole or index.column() == self.FIELD:
            return False
        name = self.row_at(index.row())
        picked = THEIRS if index.column() == self.THEIRS_COLUMN else MINE
        checked = value in (Qt.Checked, Qt.Checked.value, 2, True)
        self.choices[name] = picked if checked else (MINE if picked == THEIRS else THEIRS)
        self.dataChanged.emit(self.index(index.row(), 1), self.index(index.row(), 2))
        return True


class ConflictDialog(QDialog):
    """``exec()`` returns Accepted to save the ticked values, Rejected to go back to editing.

    After Accepted, ``theirs_fields()`` names the fields to take from the saved record.
    """

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None, *,
                 labels: dict[str, str] | None = None, render: Render | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(self.tr("{0} saved this first").format(conflict.saved_by)
                            if conflict.saved_by else self.tr("Someone else saved this first"))
        intro = QLabel(self.tr(
            "While you were editing, {0} and changed some of the same fields. For each "
            "field, tick the value to keep: theirs (already saved) or yours. Fields you both "
            "changed are in bold.").format(who_saved(conflict)))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.PlainText)  # it quotes a name people typed
        self.intro_label = intro
        self.model = ConflictTableModel(conflict, labels, render, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Differences, field by field"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.clicked.connect(self._on_table_clicked)

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("&Save these choices"))
        self.mine_button = QPushButton(self.tr("Keep all &mine"))
        self.theirs_button = QPushButton(self.tr("Take all &theirs"))
        self.back_button = QPushButton(self.tr("&Back to editing"))
        for button in (self.save_button, self.mine_button, self.theirs_button, self.back_button):
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.addButton(self.save_button, QDialogButtonBox.AcceptRole)
        buttons.addButton(self.mine_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.back_button, QDialogButtonBox.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.mine_button.clicked.connect(lambda: self._choose_all(MINE))
        self.theirs_button.clicked.connect(lambda: self._choose_all(THEIRS))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 340)

    def _on_table_clicked(self, index: QModelIndex) -> None:
        """A click anywhere on a value picks it (not only on its tick box)."""
        if index.column() != ConflictTableModel.FIELD:
            self.model.setData(index, Qt.Checked, Qt.CheckStateRole)

    def _choose_all(self, side: str) -> None:
        self.model.choose_all(side)
        self.accept()

    def choices(self) -> dict[str, str]:
        return dict(self.model.choices)

    def theirs_fields(self) -> list[str]:
        return [name for name, side in self.model.choices.items() if side == THEIRS]


def resolve_conflict[Input](parent: QWidget | None, conflict: ConflictError, data: Input, *,
                     labels: dict[str, str] | None = None,
                     render: Render | None = None) -> Input | None:
    """Ask the person how to settle ``conflict``; the values to save, or None to go back.

    ``data`` is what the person tried to save; the answer is ``data`` with the
    fields they ticked "theirs" taken from the saved record, to be saved on top
    of ``conflict.stored_version``. None means "Back to editing": save nothing
    and leave the person's typing where it is.
    """
    dialog = ConflictDialog(conflict, parent, labels=labels, render=render)
    if dialog.exec() != QDialog.Accepted:
        return None
    return take_theirs(data, conflict.stored, dialog.theirs_fields())
