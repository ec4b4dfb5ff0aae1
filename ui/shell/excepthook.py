"""Unexpected errors reach the person as a plain message, never as a bare traceback.

``install()`` routes every uncaught exception (in a slot, a paint, a timer)
to ``ui.shell.messages.show_error``: what happened in plain words, that saved work
is safe, and the traceback one click away under "Show Details" for a bug
report. The traceback still goes to the terminal, when there is one. One
message at a time: errors that follow within a few seconds (a paint that
fails fails again at once) go to the terminal only.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from PySide6.QtWidgets import QApplication

QUIET_SECONDS = 10.0  # after a message closes, the same storm of errors is not shown again

_showing = False
_closed_at = float("-inf")


def _hook(kind: type[BaseException], error: BaseException,
          traceback: TracebackType | None) -> None:
    global _showing, _closed_at
    if sys.__stderr__ is not None:
        sys.__excepthook__(kind, error, traceback)
    if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None or _showing \
            or time.monotonic() - _closed_at < QUIET_SECONDS:
        return
    from ui.shell.messages import show_error

    _showing = True
    try:
        show_error(QApplication.activeWindow(), error.with_traceback(traceback))
    finally:
        _showing = False
        _closed_at = time.monotonic()


def install() -> None:
    sys.excepthook = _hook
