"""The main window: a sidebar of areas, one page per area, the File and Edit menus.

This module imports no database code at load time (the services are imported
when a file is opened), so the window can be on screen before SQLAlchemy loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import DatabaseError, NotFoundError
from ui import settings
from ui.icons import icon
from ui.messages import show_error, tell
from ui.pages import PAGES, PageSpec

if TYPE_CHECKING:
    from desktop.people import Person
    from desktop.team_file import Database
    from ui.context import TeamContext

FILE_SUFFIX = ".cgdb"

FILE_FILTER = "Common Ground team files (*.cgdb *.sqlite *.db);;All files (*)"


class MainWindow(QMainWindow):
    context_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.context: TeamContext | None = None
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("Common Ground")
        self.setWindowIcon(icon("app"))

        self.pages = QStackedWidget()
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Areas"))
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setMinimumWidth(150)
        self._specs: dict[str, PageSpec] = {}
        self._pages: dict[str, QWidget] = {}
        for spec in PAGES:
            self._add_page_entry(spec)
        self.sidebar.setCurrentRow(0)  # the page itself is built when a file opens
        self.sidebar.currentRowChanged.connect(self._on_sidebar_current_row_changed)

        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px;")
        self.banner.hide()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.banner)
        body_layout.addWidget(self.pages, 1)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(body)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([180, 1220])
        self.setCentralWidget(self.splitter)

        self.file_label = QLabel()
        self.person_label = QLabel()
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.person_label)
        self._build_menus()
        self.resize(1400, 900)

    def _add_page_entry(self, spec: PageSpec) -> None:
        self._specs[spec.name] = spec
        self.pages.addWidget(QWidget())  # replaced by the page when first shown
        item = QListWidgetItem(icon(spec.name), QCoreApplication.translate("pages", spec.title))
        item.setSizeHint(QSize(0, 36))
        self.sidebar.addItem(item)

    @property
    def page_names(self) -> list[str]:
        return list(self._specs)

    def page(self, name: str) -> QWidget:
        """The page, built now if this is its first use.

        Every page has ``set_context(context)``; a page's ``splitter`` is remembered.
        """
        if name not in self._pages:
            page = self._specs[name].load()(self.undo_stack)
            row = self.page_names.index(name)
            placeholder = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[name] = page
            state = settings.restore_bytes(f"window/{name}_splitter")
            if state and isinstance(getattr(page, "splitter", None), QSplitter):
                page.splitter.restoreState(state)
            if self.context is not None:
                page.set_context(self.context)
        return self._pages[name]

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(self.page_names.index(name))

    def _on_sidebar_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.page(self.page_names[row])
        self.pages.setCurrentIndex(row)

    # --- menus ------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_file_action = self._action(self.tr("&New team database…"), self.new_file,
                                            QKeySequence("Ctrl+Shift+N"))
        self.open_action = self._action(self.tr("&Open…"), self.choose_file, QKeySequence.Open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_copy_action = self._action(self.tr("Save a &copy…"), self.save_copy,
                                             QKeySequence("Ctrl+Shift+S"))
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.Quit)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_file_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.addAction(self.save_copy_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for row in range(len(self._specs)):
            action = self._action(self.sidebar.item(row).text(),
                                  lambda _=False, r=row: self.sidebar.setCurrentRow(r),
                                  QKeySequence(f"Ctrl+{row + 1}"))
            go_menu.addAction(action)

    def _action(self, text: str, slot: object, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for target in settings.recent_files():
            action = self.recent_menu.addAction(target)
            action.triggered.connect(lambda _=False, t=target: self.open_target(t))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(no recent files)")).setEnabled(False)

    # --- files ------------------------------------------------------------------
    def open_target(self, target: str | Path, *, create: bool = False,
                    person_id: int | None = None) -> bool:
        """Open a team file; on any problem say why and keep the current file open."""
        from desktop.team_file import open_database
        from ui.context import TeamContext

        self.statusBar().showMessage(self.tr("Opening {0}…").format(target))
        try:
            database = open_database(target, create=create)
        except DatabaseError as error:
            self.statusBar().clearMessage()
            show_error(self, error, self.tr("Could not open the team file"))
            return False
        key = str(Path(target).resolve()) if "://" not in str(target) else str(target)
        person = self._identify(database, key, person_id)
        self.statusBar().clearMessage()
        if person is None:
            database.dispose()
            return False
        self._set_context(TeamContext(database, person))
        settings.remember_recent(key)
        return True

    def _identify(self, database: Database, key: str, person_id: int | None) -> Person | None:
        from desktop import people
        from desktop.team_file import UnitOfWork
        from ui import identity_dialog

        uow = UnitOfWork(database)
        for candidate in (person_id, settings.remembered_person(key)):
            if candidate is None:
                continue
            try:
                return people.get_person(uow, candidate)
            except NotFoundError:
                continue
        person = identity_dialog.choose_person(uow, database.display_name, self)
        if person is not None:
            settings.remember_person(key, person.id)
        return person

    def _set_context(self, context: TeamContext) -> None:
        if self.context is not None:
            self.context.database.dispose()
        self.context = context
        self.undo_stack.clear()
        self.page(self.page_names[max(0, self.pages.currentIndex())])
        for page in self._pages.values():
            page.set_context(context)
        database = context.database
        self.setWindowTitle(f"{database.display_name} – Common Ground")
        self.file_label.setText(self.tr("File: {0}").format(database.path or database.display_name))
        self.person_label.setText(self.tr("You: {0}").format(context.person.name))
        self.banner.setText(database.read_only_reason)
        self.banner.setVisible(database.read_only)
        self.save_copy_action.setEnabled(database.path is not None)
        self.context_changed.emit()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open team database"),
                                              settings.last_folder(), FILE_FILTER)
        if path:
            settings.remember_folder(str(Path(path).parent))
            self.open_target(path)

    def new_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New team database"),
                                              settings.last_folder(), FILE_FILTER)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(FILE_SUFFIX)
        if target.exists():
            tell(self, self.tr("New team database"), self.tr(
                "{0} already exists. Choose a new name; an existing file is never "
                "overwritten.").format(target.name))
            return
        from desktop.team_file import create_database

        try:
            create_database(target).dispose()
        except DatabaseError as error:
            show_error(self, error)
            return
        settings.remember_folder(str(target.parent))
        self.open_target(target)

    def save_copy(self) -> None:
        if self.context is None or self.context.database.path is None:
            return
        source = self.context.database.path
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy"), str(source.with_name(source.stem + " copy" + source.suffix)),
            FILE_FILTER)
        if not path:
            return
        from desktop.team_file import copy_database

        try:
            copy_database(source, Path(path))
        except (DatabaseError, OSError) as error:
            show_error(self, error)
            return
        self.statusBar().showMessage(self.tr("Saved a copy to {0}").format(path), 5000)

    # --- layout -----------------------------------------------------------------
    def restore_layout(self) -> None:
        geometry = settings.restore_bytes("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = settings.restore_bytes(f"window/{key}")
            if state:
                splitter.restoreState(state)
        last = settings.load_value("window/page")
        if last in self._specs:  # select it; it is built when the file opens
            row = self.page_names.index(str(last))
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)
            self.pages.setCurrentIndex(row)

    def _splitters(self) -> dict[str, QSplitter]:
        splitters = {"sidebar_splitter": self.splitter}
        for name, page in self._pages.items():
            if isinstance(getattr(page, "splitter", None), QSplitter):
                splitters[f"{name}_splitter"] = page.splitter
        return splitters

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.save_value("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            settings.save_value(f"window/{key}", splitter.saveState())
        settings.save_value("window/page", self.page_names[self.pages.currentIndex()])
        if self.context is not None:
            self.context.database.dispose()
        super().closeEvent(event)
