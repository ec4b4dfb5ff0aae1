"""Opening a team file in the window, as File > Open does it, for the tests that need one open.

The window opens a file in the background and says so with ``opened``; these wait for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from ui.shell.main_window import MainWindow

OPEN_TIMEOUT_MS = 30_000


def open_file(qtbot: QtBot, window: MainWindow, target: str | Path, **options: Any) -> bool:
    """``window.open_target(target, **options)``, waited for: whether the file opened."""
    with qtbot.waitSignal(window.opened, timeout=OPEN_TIMEOUT_MS) as blocker:
        window.open_target(target, **options)
    return blocker.args[0]
