"""Every page and every dialog, walked like a person would, in the light and the dark palette.

The walk opens the demo team, shows each page, selects the first row of each
list, and triggers every action that opens a dialog (``…``) plus the Help
menu; each dialog is drawn, checked and closed. It fails on any warning Qt
prints meanwhile, and on a widget that takes keyboard focus but that a
screen reader would announce without a name (no accessible name, no buddy
label, no text of its own), as Qt's own accessibility interface reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from ui.shell.palette import is_dark, use_palette

pytestmark = pytest.mark.gui

#: What the offscreen platform itself says about every window; not about our code.
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)
#: Parts of composite widgets whose parent carries the name a screen reader announces.
COMPOSITES = (QComboBox, QAbstractSpinBox, QCalendarWidget)
#: Dialogs the walk cannot reach by clicking alone; each has its own test elsewhere.
NOT_REACHED_BY_CLICKING = {
    "ConflictDialog": "needs two people saving the same record (test_goals_page, test_live_window)",
    "IdentityDialog": "asked on first opening a file (test_main_window)",
    "DerivativesDialog": "asked when deleting a source card (test_board_page)",
    "ImportDialog": "opens after choosing a file (test_analytics_page)",
    "JobProgress": "shows only while long work lasts (test_reports_page)",
    "DecisionDialog": "only for the customer's own rep (test_stories_page)",
    "PlacementDialog": "only for a published request (test_stories_page)",
    "IdeaCardDialog": "needs a line of notes under the cursor (test_meetings_page)",
    "FormDialog": "a base class",
    "RowsForm": "a base class",
    "ConfirmMatchDialog": "only for a signal in triage (test_signals_page_as_person)",
    "OpportunityDialog": "only for the signal's own rep (test_signals_page_as_person)",
    "ReasonDialog": "only for a chosen signal (test_signals_page_as_person)",
    "IdentifierDialog": "only for a chosen account (test_signals_page_as_person)",
    "RuleDialog": "from the Rules tab (test_signals_page_as_person)",
    "HandOverDialog": "only for the signal's own rep (test_signals_page_as_person)",
    "AmplifyDialog": "needs linked coverage chosen on its tab (test_media_page_as_person)",
    "LinkNameDialog": "for a name in the results nobody on the media list has "
                      "(test_media_page_as_person)",
    "AttachDialog": "needs a material chosen on its tab (test_media_page_as_person)",
}


@dataclass
class Walk:
    palette: str
    dark: bool = False
    dialogs: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    tab_order: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    collector_first: bool = False  # the GUI-thread collector ran before the window was built


def _describe(widget: QWidget) -> str:
    top = widget.window()
    return f"{type(top).__name__} > {type(widget).__name__} {widget.objectName()!r}".removesuffix(" ''")


def _inside_composite(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def accessible_name(widget: QWidget, buddies: dict[int, str]) -> str:
    """The name a screen reader announces. A combo box reports its current value as its
    name on Linux (the label comes as a relation), so there only its own name or a buddy
    label counts."""
    if isinstance(widget, QComboBox):
        return widget.accessibleName() or buddies.get(id(widget), "")
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Name) if interface is not None else "?"


def unnamed_widgets(top: QWidget) -> list[str]:
    """Focusable, visible widgets a screen reader would announce without a name."""
    buddies = {id(label.buddy()): label.text() for label in top.findChildren(QLabel)
               if label.buddy() is not None}
    found = []
    for widget in top.findChildren(QWidget):
        if widget.focusPolicy() == Qt.NoFocus or not widget.isVisibleTo(top) \
                or _inside_composite(widget, top) or widget.window() is not top:
            continue
        if not accessible_name(widget, buddies).replace("&", "").strip():
            found.append(_describe(widget))
    return found


ROW_SLACK = 8  # pixels: widgets this close in height share a row


def tab_chain(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``top``, starting from the top left one (Tab goes round)."""
    chain, widget = [], top.nextInFocusChain()
    while widget is not top and len(chain) < 500:
        if widget.focusPolicy() & Qt.TabFocus and widget.isVisibleTo(top) \
                and widget.isEnabled() and widget.window() is top \
                and not _inside_composite(widget, top) \
                and not isinstance(widget.parentWidget(), QDialogButtonBox):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    if not chain:
        return chain
    where = {id(w): w.mapTo(top, w.rect().topLeft()) for w in chain}
    first = min(range(len(chain)), key=lambda i: (where[id(chain[i])].y(), where[id(chain[i])].x()))
    return chain[first:] + chain[:first]


def tab_order_problems(top: QWidget) -> list[str]:
    """Each place where Tab jumps back up (or left on the same row) instead of reading on."""
    chain = tab_chain(top)
    problems = []
    for before, after in zip(chain, chain[1:]):
        a, b = before.mapTo(top, before.rect().topLeft()), after.mapTo(top, after.rect().topLeft())
        same_row = abs(b.y() - a.y()) <= ROW_SLACK
        if (same_row and b.x() < a.x()) or (not same_row and b.y() < a.y()):
            problems.append(f"{type(top).__name__}: Tab goes from {_describe(before)} "
                            f"back to {_describe(after)}")
    return problems


def _first_leaf(view: QAbstractItemView) -> QModelIndex:
    model = view.model()
    index = model.index(0, 0) if model is not None and model.rowCount() else QModelIndex()
    while index.isValid() and model.rowCount(index):
        index = model.index(0, 0, index)
    return index


def _select_first_rows(page: QWidget) -> None:
    for view in page.findChildren(QAbstractItemView):
        index = _first_leaf(view)
        if index.isValid() and view.isVisibleTo(page) and view.selectionModel() is not None:
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)


def _opens_a_dialog(action: QAction) -> bool:
    text = action.text().replace("&", "").rstrip()
    return action.isEnabled() and (text.endswith("…") or text == "History")


class _Walker:
    def __init__(self, walk: Walk, qapp: QApplication) -> None:
        self.walk = walk
        self.app = qapp

    def dialog_shown(self, dialog: QDialog) -> int:
        """What the patched ``exec``/``open`` does: draw, check and close the dialog."""
        self.walk.dialogs.append(type(dialog).__name__)
        dialog.show()
        self.app.processEvents()
        dialog.grab()
        if not isinstance(dialog, QMessageBox):
            self.walk.unnamed += unnamed_widgets(dialog)
            self.walk.tab_order += tab_order_problems(dialog)
        dialog.reject()
        return QDialog.Rejected

    def close_stray_dialogs(self) -> None:
        """Dialogs shown without exec (history, lineage): checked like the others."""
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                self.dialog_shown(widget)

    def trigger(self, action: QAction) -> None:
        action.trigger()
        settle()
        self.close_stray_dialogs()


def settle() -> None:
    from ui.shell.tasks import task_manager

    for _ in range(20):
        if task_manager().wait_idle(20_000):
            break


def _walk_window(window, walker: _Walker) -> None:
    for name in window.page_names:
        window.show_page(name)
        settle()
        page = window.page(name)
        page.grab()
        walker.walk.unnamed += unnamed_widgets(window)
        _select_first_rows(page)
        settle()
        actions = {id(a): a for w in (page, *page.findChildren(QWidget)) for a in w.actions()}
        for action in [a for a in actions.values() if _opens_a_dialog(a)]:
            walker.trigger(action)
    for action in (*[a for a in window.actions() if _opens_a_dialog(a)],
                   window.welcome_action, window.shortcuts_action, window.about_action,
                   window.activity_action):
        walker.trigger(action)
    walker.walk.unnamed += unnamed_widgets(window)  # with the activity dock open


def collector_installed(app: QApplication) -> bool:
    """Whether cyclic garbage is collected on the GUI thread only (``ui.shell.gui_collector``)."""
    import gc

    from ui.shell.gui_collector import GuiCollector

    return app.findChild(GuiCollector) is not None and not gc.isenabled()


@pytest.fixture(scope="module")
def walks(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    from desktop import people
    from desktop.demo import write_demo
    from desktop.team_file import UnitOfWork
    from ui.shell.main_window import MainWindow

    results: dict[str, Walk] = {}
    folder = tmp_path_factory.mktemp("walk")
    path = folder / "team.cgdb"
    database = write_demo(path)
    leader = next(p for p in people.list_people(UnitOfWork(database))
                  if p.department.value == "leadership")
    database.dispose()
    style, palette = qapp.style().name(), qapp.palette()
    stored = QSettings()  # Qt keeps one settings file per process: put it back afterwards
    saved = {key: stored.value(key) for key in stored.allKeys()}
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "HOME"):
            patch.setenv(variable, str(folder / variable.lower()))
        for scheme in ("light", "dark"):
            walk = results[scheme] = Walk(scheme)
            walker = _Walker(walk, qapp)
            patch.setattr(QDialog, "exec", lambda dialog, w=walker: w.dialog_shown(dialog))
            patch.setattr(QDialog, "open", lambda dialog, w=walker: w.dialog_shown(dialog))
            for name in ("getOpenFileName", "getSaveFileName"):
                patch.setattr(QFileDialog, name, staticmethod(lambda *_a, **_k: ("", "")))
            patch.setattr(QFileDialog, "getExistingDirectory",
                          staticmethod(lambda *_a, **_k: ""))
            patch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("", False)))

            def handler(kind, _context, message: str, walk: Walk = walk) -> None:
                if kind != QtMsgType.QtDebugMsg and not message.startswith(PLATFORM_NOISE):
                    walk.warnings.append(message)

            previous = qInstallMessageHandler(handler)
            try:
                use_palette(scheme)
                walk.dark = is_dark()
                walk.collector_first = collector_installed(qapp)
                window = MainWindow()
                window.resize(1400, 900)
                window.show()
                window.open_target(path, person_id=leader.id)
                settle()
                assert window.context is not None
                _walk_window(window, walker)
                window.close()
                settle()
                window.deleteLater()  # and the dialogs it left, before the next palette
                QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            finally:
                qInstallMessageHandler(previous)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    stored.clear()
    for key, value in saved.items():
        stored.setValue(key, value)
    yield results


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_walk_prints_no_qt_warning(walks: dict[str, Walk], scheme: str) -> None:
    assert walks[scheme].dark == (scheme == "dark")
    assert walks[scheme].warnings == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_window_is_built_with_garbage_collected_on_the_gui_thread(
        walks: dict[str, Walk], scheme: str) -> None:
    """The walk's window is built in a module fixture, before any test's own fixtures:
    the collector must be there already (on a worker thread its garbage crashed it)."""
    assert walks[scheme].collector_first


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focusable_widget_has_a_name(walks: dict[str, Walk], scheme: str) -> None:
    assert sorted(set(walks[scheme].unnamed)) == []


def test_tab_moves_through_every_dialog_in_reading_order(walks: dict[str, Walk]) -> None:
    assert sorted(set(walks["light"].tab_order)) == []


def test_the_walk_reaches_every_dialog(walks: dict[str, Walk]) -> None:
    """A dialog added later is either reached by the walk, or listed with where it is tested."""
    import importlib
    import inspect

    ui_folder = Path(__file__).resolve().parent.parent / "ui"
    defined = set()
    for module_path in ui_folder.rglob("*.py"):
        dotted = ".".join(module_path.relative_to(ui_folder.parent).with_suffix("").parts)
        module = importlib.import_module(dotted)
        defined |= {name for name, value in vars(module).items()
                    if inspect.isclass(value) and issubclass(value, QDialog)
                    and value.__module__ == module.__name__}
    reached = set(walks["light"].dialogs)
    assert {"GoalDialog", "MeasurementDialog", "CardDialog", "EventDialog", "RequestDialog",
            "ShortcutsDialog", "AboutDialog", "WelcomeDialog"} <= reached
    assert sorted(defined - reached - set(NOT_REACHED_BY_CLICKING)) == []


def test_the_check_catches_an_unnamed_field(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton

    form = QWidget()
    layout = QFormLayout(form)
    layout.addRow("&Title", QLineEdit())  # named by its buddy label
    layout.addRow(QPushButton("Save"))  # named by its text
    search = QLineEdit()
    search.setPlaceholderText("Search")  # a placeholder is no name
    layout.addRow(search)
    kind = QComboBox()
    kind.addItems(["Lunch", "Outing"])  # on Linux its value would pass for its name
    layout.addRow(kind)
    qtbot.addWidget(form)
    assert unnamed_widgets(form) == ["QWidget > QLineEdit", "QWidget > QComboBox"]
    search.setAccessibleName("Search")
    kind.setAccessibleName("Kind")
    assert unnamed_widgets(form) == []


def test_the_check_catches_tab_jumping_back(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QLineEdit

    dialog = QDialog()
    layout = QFormLayout(dialog)
    first, second, third = QLineEdit(), QLineEdit(), QLineEdit()
    for number, edit in enumerate((first, second, third)):
        layout.addRow(f"Field {number}", edit)
    qtbot.addWidget(dialog)
    dialog.show()
    assert tab_order_problems(dialog) == []
    QWidget.setTabOrder(first, third)
    QWidget.setTabOrder(third, second)
    assert len(tab_order_problems(dialog)) == 1
