"""Help > About: the version, the licence and the libraries Common Ground stands on."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.about import APP_LICENCE, BUNDLED, LIBRARIES, Library, app_version
from ui.shell.icons import icon
from ui.shell.table_model import RowsTableModel


class LibrariesTableModel(RowsTableModel):
    COLUMNS = ("Library", "Version", "Licence", "Used for")

    def cell(self, row: Library | tuple[str, str, str], column: int, role: int) -> object:
        if role != Qt.DisplayRole:
            return None
        if isinstance(row, Library):
            return (row.name, row.version, row.licence, row.does)[column]
        name, licence, does = row
        return (name, self.tr("shipped with the app"), licence, does)[column]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Common Ground"))
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(64, 64))
        logo.setAccessibleName(self.tr("Common Ground logo"))
        title = QLabel(self.tr("<h2>Common Ground {0}</h2>").format(app_version()))
        summary = QLabel(self.tr(
            "Shared goals, a campaign repurposing board, meeting notes, team events, "
            "customer stories and the business case, for the PR, marketing and sales people "
            "of one team, in one file they share."))
        summary.setWordWrap(True)
        licence = QLabel(self.tr("Licence: {0}. Python {1}, Qt {2}, PySide6 {3}.").format(
            APP_LICENCE, platform.python_version(), qVersion(), pyside_version))
        licence.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(logo)
        heading.addWidget(title, 1)

        self.model = LibrariesTableModel(self)
        self.model.set_rows([*LIBRARIES, *BUNDLED])
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("The libraries Common Ground stands on"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        thanks = QLabel(self.tr("Common Ground stands on these libraries, with thanks:"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(summary)
        layout.addWidget(licence)
        layout.addWidget(thanks)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 540)
