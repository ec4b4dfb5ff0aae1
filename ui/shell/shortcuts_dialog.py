"""Help > Keyboard shortcuts: the list is read from the actions themselves, so it is never stale.

The window's menus come first (File, Edit, View, Go, Help), then each page's
own actions under the page's name; a page's shortcuts work while it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.shell.table_model import RowsTableModel

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


@dataclass(frozen=True)
class ShortcutRow:
    area: str  # a menu of the window, or a page
    action: str
    keys: str  # as the platform writes them, alternatives joined by ", "
    page: bool  # True: works while that page is shown


def plain_text(action: QAction) -> str:
    """The action's text without its mnemonic ampersand or trailing ellipsis."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


def keys_text(action: QAction) -> str:
    texts = [s.toString(QKeySequence.NativeText) for s in action.shortcuts() if not s.isEmpty()]
    return ", ".join(dict.fromkeys(texts))  # a key set twice is listed once


def _menu_rows(menu: QMenu, area: str) -> list[ShortcutRow]:
    rows = []
    for action in menu.actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), area)
        elif keys_text(action):
            rows.append(ShortcutRow(area, plain_text(action), keys_text(action), False))
    return rows


def shortcut_rows(window: MainWindow) -> list[ShortcutRow]:
    """Every action with a shortcut: the window's menus, then each page (built if need be)."""
    menus = [action for action in window.menuBar().actions() if action.menu() is not None]
    rows = [row for menu in menus for row in _menu_rows(menu.menu(), plain_text(menu))]
    in_menus = {id(action) for menu in menus for action in _all(menu.menu())}
    for action in window.actions():  # shortcuts that are in no menu
        if id(action) not in in_menus and keys_text(action):
            rows.append(ShortcutRow(window.tr("Window"), plain_text(action), keys_text(action),
                                    False))
    for row_number, name in enumerate(window.page_names):
        title = window.sidebar.item(row_number).text()
        for action in _widget_actions(window.page(name)):
            if keys_text(action):
                rows.append(ShortcutRow(title, plain_text(action), keys_text(action), True))
    return rows


def _widget_actions(page: QWidget) -> list[QAction]:
    """The actions of the page and of every widget in it (a toolbar's, a table's), once each."""
    found: dict[int, QAction] = {}
    for widget in (page, *page.findChildren(QWidget)):
        for action in widget.actions():
            found.setdefault(id(action), action)
    return list(found.values())


def _all(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found += _all(action.menu())
    return found


class ShortcutsTableModel(RowsTableModel):
    COLUMNS = ("Where", "Action", "Keys")

    def cell(self, row: ShortcutRow, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (row.area, row.action, row.keys)[column]
        if role == Qt.ToolTipRole and row.page:
            return self.tr("Works while the {0} page is shown").format(row.area)
        return None


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.model = ShortcutsTableModel(self)
        self.model.set_rows(rows)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Find a shortcut"))
        self.search_edit.setPlaceholderText(self.tr("Find a shortcut or an action"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        note = QLabel(self.tr("A page's shortcuts work while that page is shown."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 560)
