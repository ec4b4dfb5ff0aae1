"""A guard that fails a test when the interface runs SQL on the window's thread.

Every statement any engine runs passes ``before_cursor_execute``; one that runs on the
main thread with a frame of ``ui/`` nearer to it than any test's frame came from a widget,
a slot or a timer (a test's own set-up and the services it calls directly have none). On a
network share such a statement freezes the window for as long as the share takes, so it
is a defect wherever the suite meets it, not only in the tests written to look for it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

UI = str(Path(__file__).resolve().parents[2] / "ui") + "/"
TESTS = str(Path(__file__).resolve().parents[1]) + "/"
#: Tools that run before or without a window (the screenshot and soak commands' set-up).
TOOLS = UI + "tools/"

#: Places still known to query on the window's thread, as ``module:function``; each is
#: a defect to remove, listed so that no new one can join them unseen.
KNOWN_GUI_THREAD_SQL: frozenset[str] = frozenset()


@dataclass
class GuiThreadSql:
    """The statements the interface ran on the main thread, with the ui frame that ran each."""

    seen: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, _conn, _cursor, statement: str, *_args) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        place = _ui_caller()
        if place and place not in KNOWN_GUI_THREAD_SQL:
            self.seen.append((place, " ".join(statement.split())[:120]))

    def install(self) -> None:
        event.listen(Engine, "before_cursor_execute", self)

    def remove(self) -> None:
        event.remove(Engine, "before_cursor_execute", self)

    def report(self) -> str:
        places = sorted({place for place, _ in self.seen})
        first = self.seen[0][1] if self.seen else ""
        return (f"{len(self.seen)} statement(s) ran on the window's thread, from "
                f"{', '.join(places)}; the first: {first}")


@contextmanager
def threads_of_statements(engine: Engine) -> Iterator[list[bool]]:
    """For each statement ``engine`` runs meanwhile, whether it ran on the main thread:
    stricter than the guard (any caller counts), for a page's own test of the point."""
    on_main: list[bool] = []

    def record(*_args: object) -> None:
        on_main.append(threading.current_thread() is threading.main_thread())

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield on_main
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _ui_caller() -> str:
    """The innermost frame of ``ui/`` on the stack, as module:function; none when a test's
    own code (a colleague's save in a faked dialog, say) or a tool is nearer the statement."""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(TESTS) or filename.startswith(TOOLS):
            return ""
        if filename.startswith(UI):
            module = filename[len(UI) - 3:-3].replace("/", ".")
            return f"{module}:{frame.f_code.co_name}"
        frame = frame.f_back
    return ""
