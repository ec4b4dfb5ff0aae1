"""The main window: a sidebar of areas, one page per area, the File, Edit and View menus.

This module imports no database code at load time (the services are imported
when a file is opened), so the window can be on screen before SQLAlchemy loads.

While a file is open, a ``LiveFile`` keeps it live: other people's changes
refresh the pages of their areas within seconds, the status bar says who
else has the file open, and, while a save waits for someone else's lock,
for whom it waits. Opening a damaged file offers the newest good backup; a
stale edit lease (on folders whose locking does not work) can be broken.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.editing import due_for_renewal
from desktop.errors import CorruptDatabaseError
from ui.shell import settings
from ui.shell.editing_bar import EditingBar
from ui.shell.icons import icon
from ui.shell.messages import ask, show_error, tell
from ui.shell.page_focus import focus_into
from ui.shell.pages import PAGES, PageSpec
from ui.shell.palette import style_banner
from ui.shell.status_line import StatusLine

if TYPE_CHECKING:
    from desktop.activity import ChangeBatch
    from desktop.backups import BackupInfo
    from desktop.editing import Editing, EditRequest
    from desktop.people import Person
    from desktop.presence import Instance
    from desktop.team_file import Database
    from ui.shell.activity_dock import ActivityDock
    from ui.shell.context import TeamContext
    from ui.shell.live_file import LiveFile
    from ui.shell.opening import OpenedFile, OpenRequest
    from ui.shell.tasks import Op

FILE_SUFFIX = ".cgdb"

FILE_FILTER = "Common Ground team files (*.cgdb *.sqlite *.db);;All files (*)"
#: How many steps back Ctrl+Z reaches: a day of edits, not the whole session's.
UNDO_STEPS = 200

#: Which pages show each area's tables (``desktop.activity.AREA_TABLES``); a change
#: there refreshes them. A change in an area not listed refreshes every page.
AREA_PAGES: dict[str, tuple[str, ...]] = {
    "goals": ("goals", "analytics", "reports"),
    "board": ("board", "goals", "meetings", "stories", "analytics", "reports"),
    "meetings": ("meetings", "reports"),
    "events": ("events", "reports"),
    "stories": ("stories", "analytics", "reports", "listening"),
    "results": ("analytics", "goals", "board", "reports"),
    "listening": ("listening", "stories", "reports"),
    "media": ("media", "events", "board", "analytics", "reports"),
}
SAVING_NOTICE_MS = 400  # a save that takes longer says so in the status bar


def pages_to_refresh(batch: ChangeBatch, names: list[str]) -> list[str]:
    """The pages whose data a batch of changes touched, in sidebar order."""
    if batch.reset or any(area not in AREA_PAGES for area in batch.areas):
        return list(names)
    wanted = {page for area in batch.areas for page in AREA_PAGES[area]}
    return [name for name in names if name in wanted]


def page_splitters(name: str, page: QWidget) -> dict[str, QSplitter]:
    """Every splitter of a page under a key that stays the same from run to run: the
    page's ``splitter`` as ``NAME_splitter``, the others numbered in the order made."""
    main = getattr(page, "splitter", None)
    found = {f"{name}_splitter": main} if isinstance(main, QSplitter) else {}
    others = [splitter for splitter in page.findChildren(QSplitter) if splitter is not main]
    found.update({f"{name}_splitter_{number}": splitter
                  for number, splitter in enumerate(others, start=1)})
    return found


def fitting_size(wanted: QSize) -> QSize:
    """``wanted``, or less on a screen too small for it (a 1280x720 laptop), leaving room for
    the window's title bar and a taskbar."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size() - QSize(0, 40)
    return wanted.boundedTo(room)


def distinct_keys(*keys: QKeySequence) -> list[QKeySequence]:
    """Each key once, in the order given: a platform's standard keys often repeat ours
    (X11's Redo is Ctrl+Shift+Z alone, Windows' is Ctrl+Y)."""
    seen: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen


class MainWindow(QMainWindow):
    context_changed = Signal()
    opened = Signal(bool)  # an open_target is done: True once the file is open in the window

    def __init__(self) -> None:
        super().__init__()
        self.context: TeamContext | None = None
        self._identity_key = ""  # the open file, as "who are you" is remembered for it
        self.live: LiveFile | None = None
        self.activity_dock: ActivityDock | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_STEPS)  # each step holds its records: not forever
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
        self.sidebar.itemClicked.connect(lambda _item: focus_into(self.pages.currentWidget()))

        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setAccessibleName(self.tr("About this file"))
        self.banner.setTextFormat(Qt.PlainText)
        self.banner.setWordWrap(True)
        style_banner(self.banner)
        self.banner.hide()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.banner)
        self.editing_bar = EditingBar()
        self.editing_bar.ask_clicked.connect(self.ask_to_edit)
        self.editing_bar.stop_waiting_clicked.connect(self.stop_waiting_to_edit)
        self.editing_bar.edit_now_clicked.connect(self.edit_now)
        self.editing_bar.hand_over_clicked.connect(self.hand_over_editing)
        self.editing_bar.keep_editing_clicked.connect(self.keep_editing)
        self._edit_request: EditRequest | None = None  # this window asked to edit
        self._editing: Editing | None = None
        body_layout.addWidget(self.editing_bar)
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
        self.save_label = QLabel()
        self.others_label = QLabel()
        for label in (self.file_label, self.person_label, self.save_label, self.others_label):
            label.setTextFormat(Qt.PlainText)  # names and paths are shown as typed
        self.save_label.setAccessibleName(self.tr("Saving"))
        self.others_label.setAccessibleName(self.tr("Who else has the file open"))
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.others_label)
        self.statusBar().addPermanentWidget(self.person_label)
        self.status = StatusLine(self)  # every message of the line goes through it
        self._saving_timer = QTimer(self)
        self._saving_timer.setSingleShot(True)
        self._saving_timer.setInterval(SAVING_NOTICE_MS)
        self._saving_timer.timeout.connect(self._show_saving)
        self._tasks_connected = False
        self._openings: list[Op] = []  # files being opened: not saves, though on the writer lane
        self._closing = False
        self._build_menus()
        self.resize(fitting_size(QSize(1400, 900)))

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

        Every page has ``set_context(context)``; a page's splitters are remembered.
        """
        if name not in self._pages:
            page = self._specs[name].load()(self.undo_stack)
            row = self.page_names.index(name)
            placeholder = self.pages.widget(row)
            was_current = self.pages.currentIndex() == row
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            if was_current:  # removing the shown placeholder would show its neighbour
                self.pages.setCurrentIndex(row)
            self._pages[name] = page
            self._size_to_current_page()
            for key, splitter in page_splitters(name, page).items():
                state = settings.restore_bytes(f"window/{key}")
                if state:
                    splitter.restoreState(state)
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
        self._size_to_current_page()

    def _size_to_current_page(self) -> None:
        """The stack asks only for the shown page's room, not for its widest page's, so
        the activity dock can take what the shown page leaves."""
        current = self.pages.currentWidget()
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            wanted = QSizePolicy.Preferred if widget is current else QSizePolicy.Ignored
            widget.setSizePolicy(wanted, wanted)
        self.pages.updateGeometry()

    def _go_to(self, row: int) -> None:
        """Go menu: show the page, with the focus in it so that its keys act at once."""
        self.sidebar.setCurrentRow(row)
        focus_into(self.pages.currentWidget())

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
        self.restore_action = self._action(self.tr("Restore from &backup…"),
                                           self.restore_from_backup)
        self.restore_action.setEnabled(False)
        self.switch_person_action = self._action(self.tr("S&witch person…"), self.switch_person)
        self.switch_person_action.setToolTip(self.tr("Someone else uses this window now"))
        self.switch_person_action.setEnabled(False)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.Quit)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_file_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.addAction(self.save_copy_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.switch_person_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(distinct_keys(
            QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"),
            *QKeySequence.keyBindings(QKeySequence.Redo)))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.activity_action = self._action(self.tr("&Activity"), self._on_activity_toggled,
                                            QKeySequence("Ctrl+Shift+A"))
        self.activity_action.setCheckable(True)
        self.activity_action.setToolTip(self.tr("Who changed what, and when"))
        view_menu.addAction(self.activity_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for row in range(len(self._specs)):
            action = self._action(self.sidebar.item(row).text(),
                                  lambda _=False, r=row: self._go_to(r),
                                  QKeySequence(f"Ctrl+{row + 1}"))
            action.setIcon(self.sidebar.item(row).icon())
            go_menu.addAction(action)
        self._build_help_menu()
        self._set_action_icons()

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.welcome_action = self._action(self.tr("&Getting started"), self.show_welcome,
                                           QKeySequence.HelpContents)
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"),
                                             self.show_shortcuts, QKeySequence("Ctrl+/"))
        self.about_action = self._action(self.tr("&About Common Ground"), self.show_about)
        self.about_action.setMenuRole(QAction.AboutRole)
        for action in (self.welcome_action, self.shortcuts_action, self.about_action):
            help_menu.addAction(action)

    def _set_action_icons(self) -> None:
        """One icon set for the menus (resources/icons/action_*.svg)."""
        for action, name in ((self.new_file_action, "new"), (self.open_action, "open"),
                             (self.save_copy_action, "save_copy"),
                             (self.restore_action, "restore"), (self.quit_action, "quit"),
                             (self.undo_action, "undo"), (self.redo_action, "redo"),
                             (self.activity_action, "activity"),
                             (self.welcome_action, "help"),
                             (self.shortcuts_action, "keyboard"),
                             (self.about_action, "about")):
            action.setIcon(icon(f"action_{name}"))

    # --- help -------------------------------------------------------------------
    def show_welcome(self) -> None:
        """Help > Getting started, and the first-run welcome: the sidebar, sharing the file."""
        from ui.shell.welcome_dialog import WelcomeDialog, remember_welcomed

        dialog = WelcomeDialog(self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: remember_welcomed())
        dialog.open()

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts, read from the actions (every page is built for it)."""
        from ui.shell.shortcuts_dialog import ShortcutsDialog, shortcut_rows

        dialog = ShortcutsDialog(shortcut_rows(self), self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.exec()

    def show_about(self) -> None:
        from ui.shell.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.exec()

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
                    person_id: int | None = None, break_stale_lease: bool = False) -> None:
        """Open a team file in the background; ``opened`` says whether it opened. On any
        problem say why and keep the current file open."""
        from ui.shell.opening import OpenRequest

        self._open(OpenRequest(target, self.opened.emit, person_id, create, break_stale_lease))

    def _open(self, request: OpenRequest) -> None:
        """A job on the writer lane: opening may back the file up and migrate it, so it
        waits for this window's pending saves (and a restore) and no save overlaps it."""
        from ui.shell import opening
        from ui.shell.tasks import task_manager

        self._connect_tasks()
        candidates = (request.person_id, settings.remembered_person(request.key))
        self.status.tell(self.tr("Opening {0}…").format(request.target), 0)
        op = task_manager().job(lambda _control: opening.open_file(request, candidates),
                                writes=True, owner=self,
                                on_success=lambda opened: self._on_file_opened(request, opened),
                                on_failure=lambda error: self._on_open_failed(request, error),
                                label=self.tr("Opening {0}").format(request.target))
        self._openings.append(op)

    def _on_file_opened(self, request: OpenRequest, opened: OpenedFile) -> None:
        from dataclasses import replace

        from desktop.team_file import UnitOfWork
        from ui.shell import identity_dialog

        database = opened.database
        if self._closing:
            database.dispose()
            return
        if database.lease_holder is not None and database.lease_holder.is_stale() \
                and not request.break_stale_lease and self._confirm_break_lease(database):
            database.dispose()
            self._open(replace(request, break_stale_lease=True))
            return
        if opened.person is not None:
            self._identified(request, database, opened.person)
            return

        def chosen(person: Person | None) -> None:
            if person is not None:
                settings.remember_person(request.key, person.id)
            self._identified(request, database, person)

        identity_dialog.choose_person(UnitOfWork(database), database.display_name, opened.team,
                                      self, chosen)

    def _identified(self, request: OpenRequest, database: Database,
                    person: Person | None) -> None:
        from ui.shell.context import TeamContext

        self.status.clear()
        if person is None:
            database.dispose()
            request.then(False)
            return
        self._identity_key = request.key
        self._set_context(TeamContext(database, person))
        settings.remember_recent(request.key)
        request.then(True)

    def _on_open_failed(self, request: OpenRequest, error: BaseException) -> None:
        self.status.clear()
        if isinstance(error, CorruptDatabaseError) and error.path is not None:
            self._offer_backup(request, Path(error.path), error)
            return
        show_error(self, error, self.tr("Could not open the team file"))
        request.then(False)

    def _confirm_break_lease(self, database: Database) -> bool:
        holder = database.lease_holder
        return ask(self, self.tr("Take over editing?"), self.tr(
            "{0} was editing this file, but their app has not answered for over two minutes; "
            "it probably closed without letting go. If you are sure they are not working on "
            "it any more, you can take over editing. If they still are, their next save could "
            "overwrite yours. Take over?").format(holder.holder())) == QMessageBox.Yes

    def _offer_backup(self, request: OpenRequest, path: Path,
                      error: CorruptDatabaseError) -> None:
        """Look for the newest good backup in the background (each is checked), then offer it."""
        from desktop import backups
        from ui.shell.tasks import task_manager

        def refused(failure: BaseException) -> None:
            show_error(self, failure, self.tr("Could not open the team file"))
            request.then(False)

        task_manager().job(lambda _control: backups.newest_good_backup(path), writes=False,
                           owner=self, on_failure=refused,
                           on_success=lambda newest: self._restore_damaged(request, path,
                                                                           error, newest))

    def _restore_damaged(self, request: OpenRequest, path: Path, error: CorruptDatabaseError,
                         newest: BackupInfo | None) -> None:
        """Tell the person plainly and offer the newest good backup; open it once restored."""
        from dataclasses import replace

        from ui.shell.activity_models import local_time

        if newest is None:
            tell(self, self.tr("The team file is damaged"), self.tr(
                "{0}\n\nThere is no backup of it on this computer. Ask a colleague who "
                "has the file open for theirs (File > Restore from backup), or your IT "
                "department for a copy.").format(error.message))
            request.then(False)
            return
        answer = ask(self, self.tr("The team file is damaged"), self.tr(
            "{0}\n\nThe newest good backup on this computer is from {1}. Put it in place of "
            "the damaged file? The damaged file is kept beside it, renamed, and changes made "
            "after the backup are not in it.").format(error.message, local_time(newest.taken_at)))
        if answer != QMessageBox.Yes:
            request.then(False)
            return
        self._run_restore(path, newest, lambda restored: self._open(
            replace(request, break_stale_lease=False)) if restored else request.then(False))

    def _run_restore(self, path: Path, backup: BackupInfo,
                     then: Callable[[bool], None]) -> None:
        """Restore on the writer lane; ``then`` hears whether it worked."""
        from desktop import backups
        from ui.shell.tasks import task_manager

        def restored(_result: object) -> None:
            self.status.clear()
            then(True)

        def refused(error: BaseException) -> None:
            self.status.clear()
            show_error(self, error, self.tr("Could not restore the backup"))
            then(False)

        self.status.tell(self.tr("Restoring {0}…").format(path.name), 0)
        task_manager().write(lambda: backups.restore(path, backup.path), on_success=restored,
                             on_failure=refused, owner=self,
                             label=self.tr("Restoring {0}").format(path.name))

    def switch_person(self) -> None:
        """File > Switch person: someone else uses this window now. Remembered for the
        file, logged in it, and the pages that depend on who you are show hers."""
        if self.context is None:
            return
        from desktop import people
        from desktop.team_file import UnitOfWork
        from ui.shell import identity_dialog
        from ui.shell.tasks import task_manager

        context = self.context
        uow = UnitOfWork(context.database)

        def ask_who(team: list[Person]) -> None:
            if self.context is context:  # the file is still the one asked about
                identity_dialog.switch_person(uow, context.database.display_name, team,
                                              context.person, self, self._switched)

        task_manager().read(lambda: people.list_people(uow, active_only=True),
                            on_success=ask_who, owner=self)

    def _switched(self, person: Person | None) -> None:
        from ui.shell.context import TeamContext

        if self.context is None or person is None or person.id == self.context.person.id:
            return
        settings.remember_person(self._identity_key, person.id)
        self.context = context = TeamContext(self.context.database, person)
        self.undo_stack.clear()  # an undo would act in the previous person's name
        self.person_label.setText(self.tr("You: {0}").format(person.name))
        for page in self._pages.values():
            page.set_context(context)
        if self.activity_dock is not None:
            self.activity_dock.set_context(context)
        if self.live is not None:
            self.live.context = context
            self.live.heartbeat()  # the others see the new name at once
        self.status.tell(self.tr("You are {0} now").format(person.name))
        self.context_changed.emit()

    def _set_context(self, context: TeamContext) -> None:
        from ui.shell.live_file import LiveFile

        self._connect_tasks()
        if self.live is not None:
            self.live.stop()  # lets go of the old file once its pending saves are done
            self.live.deleteLater()
        self.context = context
        self.undo_stack.clear()
        self.page(self.page_names[max(0, self.pages.currentIndex())])
        for page in self._pages.values():
            page.set_context(context)
        if self.activity_dock is not None:
            self.activity_dock.set_context(context)
        elif settings.load_value("window/activity", False) in (True, "true"):
            self.activity_action.setChecked(True)
            self._on_activity_toggled(True)
        database = context.database
        self.setWindowTitle(f"{database.display_name} – Common Ground")
        self.file_label.setText(self.tr("File: {0}").format(database.path or database.display_name))
        self.person_label.setText(self.tr("You: {0}").format(context.person.name))
        notes = [database.read_only_reason, *database.warnings]
        self.banner.setText("\n\n".join(n for n in notes if n))
        self.banner.setVisible(any(notes))
        self.save_copy_action.setEnabled(database.path is not None)
        self.restore_action.setEnabled(database.path is not None and not database.read_only)
        self.switch_person_action.setEnabled(True)
        self.others_label.clear()
        self.live = LiveFile(context, self)
        self.live.changed.connect(self._on_live_changed)
        self.live.others_changed.connect(self._on_live_others_changed)
        self.live.backup_taken.connect(self._on_live_backup_taken)
        self.live.backup_failed.connect(self._on_live_backup_failed)
        self.live.unreachable.connect(self._on_live_unreachable)
        self.live.lease_lost.connect(self._on_live_lease_lost)
        self.live.editing_changed.connect(self._on_editing_changed)
        self._editing = None
        self.editing_bar.show_state(None, waiting=False)
        if self._edit_request is not None and database.lease is not None:
            self._stop_asking()  # asked, and now edits: the request has done its work
        self.live.start()
        focus_into(self.pages.currentWidget())  # its keys act at once, not the sidebar's
        self.context_changed.emit()

    # --- living with others -----------------------------------------------------
    def _connect_tasks(self) -> None:
        if self._tasks_connected:
            return
        from ui.shell.tasks import task_manager

        tasks = task_manager()
        tasks.busy_changed.connect(self._on_tasks_busy_changed)
        tasks.lock_waited.connect(self._on_tasks_lock_waited)
        self._tasks_connected = True

    def _on_live_changed(self, batch: ChangeBatch) -> None:
        """Someone (maybe this window) changed the file: refresh the pages that show it."""
        for name in pages_to_refresh(batch, self.page_names):
            if name in self._pages:
                self._pages[name].refresh()
        if self.activity_dock is not None:
            self.activity_dock.refresh()

    def _on_live_others_changed(self, others: list[Instance]) -> None:
        from desktop.presence import names

        people = names(others)
        if not people:
            self.others_label.setText(self.tr("Nobody else has the file open"))
        elif len(people) <= 3:
            self.others_label.setText(self.tr("Also open: {0}").format(", ".join(people)))
        else:
            self.others_label.setText(self.tr("Also open: {0} and {1} others").format(
                ", ".join(people[:2]), len(people) - 2))
        # A tooltip is read as HTML when it looks like it: escape the names, join as HTML.
        self.others_label.setToolTip("<br>".join(html.escape(name) for name in people))

    def _on_live_backup_taken(self, taken: BackupInfo) -> None:
        self.status.notice(self.tr("Backed up the team file to {0}").format(
            taken.path.parent))

    def _on_live_backup_failed(self, message: str) -> None:
        self.status.notice(self.tr("The daily backup failed: {0}").format(message), 15000)

    def _on_live_unreachable(self, message: str) -> None:
        if message:
            self.status.notice(
                self.tr("Cannot read the team file right now: {0}").format(message))

    def _on_live_lease_lost(self, _message: str) -> None:
        """Someone took over the edit lease: the file is read-only now; say why, offer no edits."""
        database = self.context.database
        notes = [database.read_only_reason, *database.warnings]
        self.banner.setText("\n\n".join(n for n in notes if n))
        self.banner.setVisible(any(notes))
        self.restore_action.setEnabled(False)
        for page in self._pages.values():
            page.refresh()

    # --- one editor at a time: asking, handing over -------------------------------------
    def _on_editing_changed(self, editing: Editing | None) -> None:
        self._editing = editing
        request = self._edit_request
        if editing is not None and not editing.i_edit and request is not None:
            if editing.free:
                self.edit_now()  # asked, and it is free: take it
            elif due_for_renewal(request):
                self.ask_to_edit()  # still waiting: the request must not go stale
        self.editing_bar.show_state(editing, waiting=request is not None)

    def ask_to_edit(self) -> None:
        """Ask whoever edits to hand over; this window then takes over once they have."""
        from desktop import editing
        from ui.shell.tasks import task_manager

        database, name = self.context.database, self.context.person.name
        token = self._edit_request.token if self._edit_request is not None else ""

        def asked(request: EditRequest) -> None:
            self._edit_request = request
            self.editing_bar.show_state(self._editing, waiting=True)
            self.live.refresh_editing()

        task_manager().read(lambda: editing.ask_to_edit(database, name, token),
                            on_success=asked, on_failure=lambda error: show_error(
                                self, error, self.tr("Could not ask to edit")), owner=self)

    def stop_waiting_to_edit(self) -> None:
        self._stop_asking()
        self.editing_bar.show_state(self._editing, waiting=False)

    def _stop_asking(self) -> None:
        from desktop import editing
        from ui.shell.tasks import task_manager

        database, request = self.context.database, self._edit_request
        self._edit_request = None
        if request is not None:
            task_manager().read(lambda: editing.stop_waiting(database, request),
                                on_failure=lambda _e: None, owner=self)

    def edit_now(self) -> None:
        """Open the file again, for editing: it takes the lease if nobody holds it."""
        database = self.context.database
        self._openings = [op for op in self._openings if not op.done]
        if database.path is None or self._openings:
            return
        self.editing_bar.show_state(self._editing, waiting=True)
        self.open_target(database.path, person_id=self.context.person.id)

    def hand_over_editing(self) -> None:
        """After this window's saves, give the lease to whoever asked; read-only from then."""
        from desktop import editing
        from ui.shell.tasks import task_manager

        state = self._editing
        request = state.asked_of_me if state is not None else None
        if request is None:
            return
        database = self.context.database
        self.editing_bar.show_state(None, waiting=False)
        task_manager().write(lambda: editing.hand_over(database, request),
                             on_success=self._on_live_lease_lost,
                             on_failure=lambda error: show_error(
                                 self, error, self.tr("Could not hand editing over")),
                             owner=self)

    def keep_editing(self) -> None:
        from desktop import editing
        from ui.shell.tasks import task_manager

        state = self._editing
        request = state.asked_of_me if state is not None else None
        if request is None:
            return
        database = self.context.database
        self.editing_bar.show_state(None, waiting=False)
        task_manager().read(lambda: editing.keep_editing(database, request),
                            on_failure=lambda _e: None, owner=self)

    def _on_tasks_busy_changed(self, busy: bool) -> None:
        if busy:
            self._saving_timer.start()
        else:
            self._saving_timer.stop()
            self.save_label.clear()

    def _show_saving(self) -> None:
        if self._pending_saves() and not self.save_label.text():
            self.save_label.setText(self.tr("Saving…"))

    def _pending_saves(self) -> list[Op]:
        """The writes still waiting, but for the files being opened."""
        from ui.shell.tasks import task_manager

        self._openings = [op for op in self._openings if not op.done]
        return [op for op in task_manager().pending_writes if op not in self._openings]

    def lock_holder_text(self) -> str:
        """Who probably holds the lock: the one other person in the file, if there is one."""
        from desktop.presence import names

        people = names(self.live.others) if self.live is not None else []
        if len(people) == 1:
            return people[0]
        if people:
            return self.tr("someone else's save ({0} have the file open)").format(
                ", ".join(people))
        return self.tr("another program that has the file open")

    def _on_tasks_lock_waited(self, seconds: float) -> None:
        if self.live is not None and self.live.presence_age() > 5:
            self.live.refresh_presence()
        self.save_label.setText(self.tr("Saving… waiting for {0} ({1} s)").format(
            self.lock_holder_text(), int(seconds)))

    def _on_activity_toggled(self, checked: bool) -> None:
        if checked and self.activity_dock is None:
            from ui.shell.activity_dock import ActivityDock

            self.activity_dock = ActivityDock(self)
            self.addDockWidget(Qt.RightDockWidgetArea, self.activity_dock)
            self.resizeDocks([self.activity_dock], [380], Qt.Horizontal)
            self.activity_dock.visibilityChanged.connect(self._on_activity_dock_visibility_changed)
            self.activity_dock.set_context(self.context)
        if self.activity_dock is not None:
            self.activity_dock.setVisible(checked)

    def _on_activity_dock_visibility_changed(self, visible: bool) -> None:
        if not self.isVisible() and not visible:
            return  # the window is closing: keep the remembered state
        self.activity_action.setChecked(visible)
        settings.save_value("window/activity", visible)

    def restore_from_backup(self) -> None:
        """File > Restore from backup: choose a backup of the open file and put it back."""
        if self.context is None or self.context.database.path is None:
            return
        from desktop import backups
        from ui.shell.activity_models import local_time
        from ui.shell.restore_dialog import RestoreDialog

        path = self.context.database.path
        dialog = RestoreDialog(path.name, backups.backups_of(path), self)
        if dialog.exec() != QDialog.Accepted or dialog.chosen() is None:
            return
        chosen = dialog.chosen()
        others = self.live.others if self.live is not None else []
        warning = (" " + self.tr("{0} other people have the file open; they will see the "
                                 "restored team too.").format(len(others))) if others else ""
        if ask(self, self.tr("Restore from backup"), self.tr(
                "Put the backup of {0} in place of {1}? Changes made since then will be gone "
                "from the file (what it holds now is backed up first).").format(
                    local_time(chosen.taken_at), path.name) + warning) != QMessageBox.Yes:
            return
        from ui.shell.opening import OpenRequest

        def reopened(done: bool) -> None:
            if done:
                self.status.tell(self.tr("Restored the backup of {0}").format(
                    local_time(chosen.taken_at)), 8000)
            self.opened.emit(done)

        reopen = OpenRequest(path, reopened, self.context.person.id)

        def restored(done: bool) -> None:
            if done:
                self._open(reopen)

        self._run_restore(path, chosen, restored)

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
        settings.remember_folder(str(target.parent))
        self.open_target(target, create=True)

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
        from ui.shell.tasks import task_manager

        task_manager().job(lambda _control: copy_database(source, Path(path)), writes=False,
                           owner=self, label=self.tr("Saving a copy"),
                           on_success=lambda _copy: self.status.tell(
                               self.tr("Saved a copy to {0}").format(path)))

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
            self._size_to_current_page()

    def _splitters(self) -> dict[str, QSplitter]:
        splitters = {"sidebar_splitter": self.splitter}
        for name, page in self._pages.items():
            splitters.update(page_splitters(name, page))
        return splitters

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._finish_saves():
            event.ignore()
            return
        self._closing = True  # a file that opens after this is let go of at once
        settings.save_value("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            settings.save_value(f"window/{key}", splitter.saveState())
        settings.save_value("window/page", self.page_names[self.pages.currentIndex()])
        if self.live is not None:
            self.live.stop()
            self.live = None
        if self._tasks_connected:
            from ui.shell.tasks import task_manager

            task_manager().wait_idle(5_000)
        elif self.context is not None:
            self.context.database.dispose()
        super().closeEvent(event)

    def _finish_saves(self) -> bool:
        """Saves still waiting get a few seconds; then the person decides. True to close."""
        if not self._tasks_connected:
            return True
        from ui.shell.tasks import task_manager

        if not self._pending_saves() or task_manager().wait_idle(3_000):
            return True
        return ask(self, self.tr("A save is still waiting"), self.tr(
            "A change is still waiting to be saved: {0} holds the team file's lock. Quit "
            "anyway and lose that change?").format(self.lock_holder_text())) == QMessageBox.Yes
