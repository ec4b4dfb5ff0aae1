"""Every page works in a 1280x720 window (a small laptop), the activity dock open or not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_opening import open_file

from desktop import people
from desktop.demo import write_demo
from desktop.team_file import UnitOfWork
from ui.shell.main_window import MainWindow
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui
SCREEN = (1280, 720)
TITLE_BAR = 40  # what the window manager and a taskbar take from the screen's height


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    path = tmp_path_factory.mktemp("small") / "demo.cgdb"
    database = write_demo(path)
    person = people.list_people(UnitOfWork(database))[0].id
    database.dispose()
    yield path, person


@pytest.fixture
def window(qtbot, demo_file) -> MainWindow:
    path, person = demo_file
    widget = MainWindow()
    qtbot.addWidget(widget)
    widget.show()
    assert open_file(qtbot, widget, path, person_id=person)
    return widget


def _click_sidebar(qtbot, window: MainWindow, row: int) -> None:
    sidebar = window.sidebar
    rect = sidebar.visualItemRect(sidebar.item(row))
    qtbot.mouseClick(sidebar.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(task_manager().idle, timeout=15_000)
    QApplication.processEvents()


def _open_activity(qtbot, window: MainWindow) -> None:
    """View > Activity, unless the window remembered it open from an earlier run."""
    if not window.activity_action.isChecked():
        window.activity_action.trigger()
    qtbot.waitUntil(lambda: window.activity_dock is not None
                    and window.activity_dock.isVisible(), timeout=5_000)


def _needed(window: MainWindow, name: str) -> tuple[int, int]:
    """What the window needs with this page shown: the stack wants its widest page, so
    the shown page's own minimum stands in for the stack's."""
    page = window.page(name)
    stack = window.pages.minimumSizeHint()
    own = page.minimumSizeHint().expandedTo(page.minimumSize())
    whole = window.minimumSizeHint().expandedTo(window.minimumSize())
    return (whole.width() - stack.width() + own.width(),
            whole.height() - stack.height() + own.height())


def _fits_on_every_page(qtbot, window: MainWindow) -> dict[str, tuple[int, int]]:
    too_big: dict[str, tuple[int, int]] = {}
    for row, name in enumerate(window.page_names):
        _click_sidebar(qtbot, window, row)
        assert window.pages.currentWidget() is window.page(name)
        width, height = _needed(window, name)
        window.resize(*SCREEN)
        QApplication.processEvents()
        if width > SCREEN[0] or height > SCREEN[1] - TITLE_BAR or \
                (window.width(), window.height()) != SCREEN:
            too_big[name] = (max(width, window.width()), max(height, window.height()))
    return too_big


def test_every_page_fits_a_small_laptop_with_and_without_the_activity_dock(
        qtbot, window) -> None:
    if window.activity_action.isChecked():  # remembered open from an earlier run
        window.activity_action.trigger()
    assert _fits_on_every_page(qtbot, window) == {}
    _open_activity(qtbot, window)
    assert _fits_on_every_page(qtbot, window) == {}


def test_the_activity_dock_can_be_widened_and_narrowed_in_a_small_window(
        qtbot, window) -> None:
    window.resize(*SCREEN)
    _click_sidebar(qtbot, window, window.page_names.index("board"))
    _open_activity(qtbot, window)
    dock = window.activity_dock
    for wanted in (520, 300):
        window.resizeDocks([dock], [wanted], Qt.Horizontal)
        QApplication.processEvents()
        assert abs(dock.width() - wanted) <= 10, (wanted, dock.width())
        assert window.width() == SCREEN[0]


def test_a_new_window_fits_the_screen_it_opens_on(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height() - TITLE_BAR
