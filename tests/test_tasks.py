"""The task manager: work off the GUI thread, results on it, writes in order, waits visible."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from db.enums import Department
from desktop import people
from desktop.errors import DatabaseError, ValidationError
from ui.shell import messages
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui


def test_work_runs_off_the_gui_thread_and_results_come_back_on_it(qtbot) -> None:
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


def test_writes_run_in_the_order_given(qtbot) -> None:
    order: list[int] = []
    for number in range(20):
        task_manager().write(lambda n=number: (time.sleep(0.002), order.append(n)))
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert order == list(range(20))


def test_a_failure_goes_to_its_callback_or_is_shown(qtbot, monkeypatch) -> None:
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


def test_no_callback_reaches_an_owner_that_is_gone(qtbot) -> None:
    owner = QObject()
    called: list[object] = []
    gate = threading.Event()
    task_manager().read(lambda: gate.wait(5), on_success=called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    gate.set()
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert called == []


def test_an_undo_that_ends_after_its_page_closed_calls_nothing_back(qtbot, monkeypatch) -> None:
    from PySide6.QtGui import QUndoStack

    from ui.shell.commands import ServiceCommand

    gate, undone, shown = threading.Event(), [], []
    monkeypatch.setattr("ui.shell.commands.show_error",
                        lambda parent, error, title="": shown.append(error))

    class SlowCommand(ServiceCommand):
        def undo_action(self) -> None:
            gate.wait(5)
            undone.append(True)
            raise DatabaseError("someone else changed it meanwhile")

    page, stack = QWidget(), QUndoStack()
    stack.push(SlowCommand("Slow", None, page))
    stack.undo()
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page), timeout=2000)
    gate.set()
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert undone == [True]  # the undo ran; the page that is gone heard nothing of it
    assert shown == []


def test_a_newer_read_of_the_same_key_replaces_the_older(qtbot) -> None:
    """Typing in a filter: only the load of the last keystroke reaches the page."""
    owner, gate, ran, shown = QObject(), threading.Event(), [], []
    first_started = threading.Event()

    def load(text: str):
        def work() -> str:
            if text == "a":
                first_started.set()
                gate.wait(5)  # the first load is slow; two more are asked meanwhile
            ran.append(text)
            return text
        return work

    task_manager().read(load("a"), on_success=shown.append, owner=owner, key="filter")
    assert first_started.wait(5)
    for text in ("ab", "abc"):
        task_manager().read(load(text), on_success=shown.append, owner=owner, key="filter")
    gate.set()
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert shown == ["abc"]
    assert ran == ["a", "abc"]  # "ab" was replaced before it started: never run
    other: list[str] = []
    task_manager().read(load("b"), on_success=other.append, owner=owner, key="other")
    task_manager().read(load("c"), on_success=other.append, owner=owner)
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert other == ["b", "c"]  # other keys, or none, replace nothing


def test_a_job_reports_progress_and_stops_when_cancelled(qtbot) -> None:
    from desktop.errors import Cancelled

    seen: list[float] = []
    failed: list[BaseException] = []
    started = threading.Event()

    def work(control) -> int:
        for step in range(1000):
            control.progress(step / 1000)
            started.set()
            control.check()
            time.sleep(0.005)
        return 1000

    op = task_manager().job(work, writes=False, on_progress=lambda f, _t: seen.append(f),
                            on_success=lambda _r: pytest.fail("it should have stopped"),
                            on_failure=failed.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    op.cancel()
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert [type(e) for e in failed] == [Cancelled]
    assert 0 < len(seen) < 1000


def test_a_delivered_op_lets_go_of_its_closures(qtbot) -> None:
    """A closure holds widgets; kept by an op, they could be released on a worker thread."""
    widget = QWidget()
    op = task_manager().read(lambda: widget.objectName(), on_success=lambda _r: widget.hide())
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    assert (op.work, op.on_success, op.on_failure, op.owner) == (None, None, None, None)


def test_a_successful_write_says_the_file_changed(qtbot) -> None:
    heard: list[bool] = []

    def hear() -> None:
        heard.append(True)

    task_manager().wrote.connect(hear)
    task_manager().write(lambda: None)
    task_manager().write(lambda: 1 / 0, on_failure=lambda _e: None)
    task_manager().read(lambda: None)
    qtbot.waitUntil(task_manager().idle, timeout=5000)
    task_manager().wrote.disconnect(hear)
    assert heard == [True]  # the write that succeeded; not the failed one, not the read


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


@pytest.mark.slow
def test_a_lock_held_elsewhere_never_blocks_the_gui_thread(qtbot, uow, team, db_path,
                                                           lock_holder) -> None:
    """The save waits on the worker, says so, and lands when the lock is let go."""
    holder = lock_holder(db_path)
    waited: list[float] = []
    task_manager().lock_waited.connect(waited.append)
    saved: list[people.Person] = []
    task_manager().write(lambda: people.create_person(uow, people.PersonInput(
        "Saved after the wait", Department.PR)), on_success=saved.append)
    qtbot.waitUntil(lambda: bool(waited) and max(waited) >= 0.5, timeout=10_000)
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))  # the window's own events go on meanwhile
    qtbot.waitUntil(lambda: bool(ticks), timeout=1000)
    assert not saved and holder.holding
    holder.release()
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    task_manager().lock_waited.disconnect(waited.append)
    assert saved[0].name == "Saved after the wait"
    assert "Saved after the wait" in [p.name for p in people.list_people(uow)]
