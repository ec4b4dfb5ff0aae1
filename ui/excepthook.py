"""Unexpected errors reach the person as a plain message, never as a bare traceback.

``install()`` routes every uncaught exception (in a slot, a paint, a timer)
to ``ui.messages.show_error``: what happened in plain words, that saved work
is safe, and the traceback one click away under "Show Details" for a bug
report. The traceback still goes to the terminal, when there is one.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

_showing = False


def _hook(kind: type[BaseException], error: BaseException,
          traceback: TracebackType | None) -> None:
    global _showing
    if sys.__stderr__ is not None:
        sys.__excepthook__(kind, error, traceback)
    if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None or _showing:
        return  # one message at a time: errors raised while it is open go to the terminal
    from ui.messages import show_error

    _showing = True
    try:
        show_error(QApplication.activeWindow(), error.with_traceback(traceback))
    finally:
        _showing = False


def install() -> None:
    sys.excepthook = _hook
