"""The task manager: work off the GUI thread, results on it, writes in order, waits visible."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer

from db.enums import Department
from desktop import people
from desktop.errors import ValidationError
from ui.shell import messages
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui

HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the file's write lock for ``seconds``."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


class GuiGaps:
    """Measures how long the GUI thread went without running its event loop.

    What the test process made before (hundreds of thousands of objects by the end of
    the suite) is frozen out of the cycle collector meanwhile, as the app freezes what
    start-up made (ui/app.py): otherwise a full collection walking all of it would be
    measured, not the page.
    """

    def __init__(self) -> None:
        gc.freeze()  # no collection first: it would take seconds off a lock being held
        self.longest = 0.0
        self._last = time.monotonic()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        gc.unfreeze()
        return self.longest


def test_work_runs_off_the_gui_thread_and_results_come_back_on_it(qtbot) -> None:  # noqa: ANN001
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 42

    def done(value: int) -> None:
        seen["gui"] = threading.current_thread() is threading.main_thread()
        seen["value"] = value

    task_manager().write(work, on_success=done)
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert seen == {"worker": False, "gui": True, "value": 42}


def test_writes_run_in_the_order_given(qtbot) -> None:  # noqa: ANN001
    order: list[int] = []
    for number in range(20):
        task_manager().write(lambda n=number: (time.sleep(0.002), order.append(n)))
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert order == list(range(20))


def test_a_failure_goes_to_its_callback_or_is_shown(qtbot, monkeypatch) -> None:  # noqa: ANN001
    caught: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error",
                        lambda _parent, error, _title="": shown.append(str(error)))

    def refuse() -> None:
        raise ValidationError("A goal needs a title.")

    task_manager().write(refuse, on_failure=lambda error: caught.append(error.message))
    task_manager().write(refuse)
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert caught == ["A goal needs a title."] and shown == ["A goal needs a title."]


def test_no_callback_reaches_an_owner_that_is_gone(qtbot) -> None:  # noqa: ANN001
    owner = QObject()
    called: list[object] = []
    gate = threading.Event()
    task_manager().read(lambda: gate.wait(5), on_success=called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    gate.set()
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert called == []


def test_an_undo_that_ends_after_its_page_closed_calls_nothing_back(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtGui import QUndoStack

    from ui.shell.commands import ServiceCommand

    class Page(QObject):
        def changed(self) -> None:
            self.setObjectName("refreshed")  # a closed page's widgets are gone

    gate, undone = threading.Event(), []

    class SlowCommand(ServiceCommand):
        background = True

        def undo_action(self) -> None:
            gate.wait(5)
            undone.append(True)

    page, stack = Page(), QUndoStack()
    stack.push(SlowCommand("Slow", None, page.changed, lambda _error: None))
    stack.undo()
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page), timeout=2000)
    gate.set()
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert undone == [True]  # the undo ran; the page that is gone was not called


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


@pytest.mark.slow
def test_a_lock_held_elsewhere_never_blocks_the_gui_thread(qtbot, uow, team, db_path) -> None:  # noqa: ANN001
    """The save waits on the worker, says so, and lands when the lock is let go."""
    holder = hold_lock(db_path, 2.5)
    waited: list[float] = []
    task_manager().lock_waited.connect(waited.append)
    gaps = GuiGaps()
    saved: list[people.Person] = []
    started = time.monotonic()
    task_manager().write(lambda: people.create_person(uow, people.PersonInput(
        "Saved after the wait", Department.PR)), on_success=saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=20_000)
    longest = gaps.stop()
    holder.wait(timeout=10)
    task_manager().lock_waited.disconnect(waited.append)
    assert time.monotonic() - started >= 2.0
    assert waited and max(waited) >= 1.5
    assert longest < 0.1, f"the GUI thread was blocked for {longest * 1000:.0f} ms"
    assert saved[0].name == "Saved after the wait"
