"""``commonground --self-test``: the screenless steps (``desktop.self_test``), then the window.

Everything happens in a temporary folder that is removed afterwards; the
person's settings, recent files and backups are not touched. The window is
drawn offscreen: every page is shown on the demo team, and any message box
that appears (an error the person would see) fails the test with its text.
Exit code 0 when every step passed, 1 with the failed step's reason otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from desktop.self_test import (
    StepResult,
    keep_user_folders_inside,
    run_steps,
    screenless_steps,
    team_file,
)
from ui.shell import settings

PAGE_LOAD_TIMEOUT_MS = 60_000
MODAL_POLL_MS = 50


def _print(text: str) -> None:
    """Print when there is somewhere to print to (a windowed Windows build has no console)."""
    stream = sys.stdout or sys.stderr
    if stream is not None:
        print(text, file=stream, flush=True)


def _report(result: StepResult) -> None:
    _print(result.line())


class _ModalWatch:
    """Closes any modal dialog the moment it appears, and remembers what it said."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(MODAL_POLL_MS)
        self._timer.timeout.connect(self._close_modal)
        self._timer.start()

    def _close_modal(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        self.seen.append(f"{dialog.windowTitle()}: {text}".strip(": "))
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    def stop(self) -> None:
        self._timer.stop()


class _QtMessages:
    """Qt's own critical messages (a missing plugin, a broken resource) fail the test."""

    def __init__(self) -> None:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        self.critical: list[str] = []
        self._serious = (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        self._previous = qInstallMessageHandler(self._handle)

    def _handle(self, kind, _context, message: str) -> None:  # noqa: ANN001
        if kind in self._serious:
            self.critical.append(message)

    def stop(self) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(self._previous)


def _viewer_id(path: Path) -> int:
    from desktop import people
    from desktop.team_file import UnitOfWork, open_database

    database = open_database(path)
    try:
        team = people.list_people(UnitOfWork(database), active_only=True)
    finally:
        database.dispose()
    return next(p for p in team if p.department.value == "leadership").id


def _check_icons() -> None:
    from ui.shell.icons import icon

    if icon("app").pixmap(32, 32).isNull():
        raise RuntimeError("the SVG icons cannot be drawn: Qt's SVG support is missing")


def settle(timeout_ms: int) -> bool:
    """Wait until no load is pending, also none that a finished load started."""
    from ui.shell.tasks import task_manager

    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        remaining = int((deadline - time.monotonic()) * 1000)
        if task_manager().wait_idle(max(1, remaining)):
            return True
    return False


def show_window(path: Path) -> str:
    """Open the team file in the main window offscreen and show every page."""
    from ui.shell.application import create_application

    create_application()
    from ui.shell.main_window import MainWindow

    _check_icons()
    watch, qt_messages = _ModalWatch(), _QtMessages()
    window = MainWindow()
    try:
        window.show()
        window.open_target(path, person_id=_viewer_id(path))
        if not settle(PAGE_LOAD_TIMEOUT_MS) or window.context is None:
            raise RuntimeError("the window did not open the team file")
        for name in window.page_names:
            window.show_page(name)
            if not settle(PAGE_LOAD_TIMEOUT_MS):
                raise RuntimeError(f"the {name} page did not finish loading in "
                                   f"{PAGE_LOAD_TIMEOUT_MS // 1000} s")
            if window.pages.currentWidget() is not window.page(name) \
                    or window.grab().isNull():
                raise RuntimeError(f"the {name} page could not be shown")
        if watch.seen:
            raise RuntimeError("a message appeared: " + " | ".join(watch.seen))
        if qt_messages.critical:
            raise RuntimeError("Qt reported: " + " | ".join(qt_messages.critical))
    finally:
        watch.stop()
        qt_messages.stop()
        window.close()
        window.deleteLater()
    return f"{len(window.page_names)} pages shown offscreen"


def run(folder: Path) -> list[StepResult]:
    """Every step, in ``folder``; stops at the first failure."""
    keep_user_folders_inside(folder / "user")
    settings.keep_in(str(folder / "user" / "settings"))
    steps = [*screenless_steps(folder),
             ("main window", lambda: show_window(team_file(folder)))]
    return run_steps(steps, _report)


def main(argv: Sequence[str] = ()) -> int:
    if argv:
        _print(f"error: --self-test takes no arguments (got {' '.join(argv)}).")
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="commonground-self-test-",
                                     ignore_cleanup_errors=True) as folder:
        results = run(Path(folder))
    failed = [r for r in results if not r.ok]
    if failed:
        _print(f"The self-test failed at \"{failed[0].name}\": {failed[0].detail}")
    passed = len(results) - len(failed)
    _print(f"self-test: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0
