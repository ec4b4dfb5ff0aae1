"""Database work off the GUI thread: three lanes, named by their contract.

A slow share, or a write lock someone else holds, must never freeze the window
(the idea of Anki's ``taskman``). Pages hand the task manager small *ops*; the
work runs on a worker thread and its success or failure callback runs later on
the GUI thread, delivered by a queued signal.

- ``write()``: one at a time, in the order given, on the writer thread; an undo
  queued after a save runs after it. While a write waits for the file's lock,
  ``lock_waited`` says how long. A write that succeeded emits ``wrote``: the
  window's change feed polls the change log at once, and that poll refreshes
  the pages the change concerns (one refresh, for this window's changes and
  everyone else's alike).
- ``read()``: on the reader thread, so a page never loads behind a save that
  waits for a lock (SQLite lets readers in meanwhile). Reads given the same
  ``key`` by the same owner replace each other: only the newest is delivered,
  and one not yet started is never run.
- ``job()``: long work with progress and cancel (an import, a report). A job
  that ``writes`` runs on the writer lane, ordered with saves and undo and
  waited for at close; others on a lane of their own.

Rules: the work touches no widget (it runs on another thread) and returns
frozen dataclasses; callbacks run on the GUI thread, and not at all if ``owner``
was deleted meanwhile. A failure without ``on_failure`` is shown to the person
(``ui.shell.messages.show_error``). Once delivered, an op lets go of its work
and callbacks, so no widget they hold is ever released on a worker thread.
Nothing here spins an event loop of its own but ``wait_idle``, which the
window's close and the tests use.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.errors import Cancelled
from desktop.lock_wait import WINDOW_LOCK_DEADLINE_S, waiting_for_lock

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
Progress = Callable[[float, str], None]


@dataclass(eq=False)
class Op:
    """One piece of work handed to a worker thread, and what became of it."""

    work: Callable[..., Any] | None
    lane: str  # "write", "read" or "job"
    label: str = ""
    on_success: Success | None = None
    on_failure: Failure | None = None
    on_progress: Progress | None = None
    owner: QObject | None = None
    writes: bool = False
    key: Hashable | None = None
    done: bool = False
    superseded: bool = False
    result: Any = None
    error: BaseException | None = None
    queued_at: float = field(default_factory=time.monotonic)
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    _finished: threading.Event = field(default_factory=threading.Event, repr=False)

    def cancel(self) -> None:
        """Ask a job to stop; it raises ``Cancelled`` at its next check."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class JobControl:
    """What a job's work is handed: where to report progress, whether to stop."""

    def __init__(self, op: Op, report: Callable[[Op, float, str], None]) -> None:
        self._op = op
        self._report = report

    def progress(self, fraction: float, text: str = "") -> None:
        self._report(self._op, fraction, text)

    def cancelled(self) -> bool:
        return self._op.cancelled

    def check(self) -> None:
        if self._op.cancelled:
            raise Cancelled()


class TaskManager(QObject):
    op_finished = Signal(object)  # an Op, on the GUI thread, after its callbacks
    busy_changed = Signal(bool)  # writes pending or not
    lock_waited = Signal(float)  # seconds the running write has waited for the lock
    wrote = Signal()  # a write of this process succeeded: what shows the file is stale
    _delivered = Signal(object)  # from a worker thread to the GUI thread
    _progressed = Signal(object, float, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes = {name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"cg-{name}")
                       for name in ("write", "read", "job")}
        self._pending: list[Op] = []
        self._newest_read: dict[tuple[int, Hashable], Op] = {}
        self._delivered.connect(self._on_delivered)
        self._progressed.connect(self._on_progressed)
        self.lock_deadline_s = WINDOW_LOCK_DEADLINE_S

    # --- giving work ------------------------------------------------------------
    def write(self, work: Callable[[], Any], *, on_success: Success | None = None,
              on_failure: Failure | None = None, owner: QObject | None = None,
              label: str = "") -> Op:
        """Run ``work`` on the writer thread, after every write given before it."""
        return self._submit(Op(work, "write", label, on_success, on_failure, owner=owner,
                               writes=True))

    def read(self, work: Callable[[], Any], *, on_success: Success | None = None,
             on_failure: Failure | None = None, owner: QObject | None = None,
             label: str = "", key: Hashable | None = None) -> Op:
        """Run ``work`` on the reader thread; a newer read of the same owner and key
        replaces this one."""
        op = Op(work, "read", label, on_success, on_failure, owner=owner, key=key)
        if key is not None:
            slot = (id(owner), key)
            older = self._newest_read.get(slot)
            if older is not None:
                older.superseded = True
            self._newest_read[slot] = op
        return self._submit(op)

    def job(self, work: Callable[[JobControl], Any], *, writes: bool,
            on_success: Success | None = None, on_failure: Failure | None = None,
            on_progress: Progress | None = None, owner: QObject | None = None,
            label: str = "") -> Op:
        """Run long ``work(control)``; it reports through ``control.progress`` and stops
        with ``Cancelled`` once ``op.cancel()`` was called."""
        return self._submit(Op(work, "job", label, on_success, on_failure, on_progress,
                               owner, writes=writes))

    def _submit(self, op: Op) -> Op:
        self._pending.append(op)
        if op.writes and len(self.pending_writes) == 1:
            self.busy_changed.emit(True)
        lane = "write" if op.writes else op.lane
        self._lanes[lane].submit(self._run, op)
        return op

    # --- state ------------------------------------------------------------------
    def idle(self) -> bool:
        return not self._pending

    @property
    def pending_writes(self) -> list[Op]:
        return [op for op in self._pending if op.writes]

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Keep the event loop running until every op given so far is done."""
        deadline = time.monotonic() + timeout_ms / 1000
        # An event loop's own processEvents: on PySide6 6.12.0 the static one loses a
        # reference to None on every call (README, "Known problems").
        loop = QEventLoop()
        while self._pending and time.monotonic() < deadline:
            loop.processEvents(QEventLoop.AllEvents, 20)
            for op in list(self._pending):
                op._finished.wait(0.005)
        loop.processEvents()
        return not self._pending

    # --- worker side --------------------------------------------------------------
    def _run(self, op: Op) -> None:
        try:
            if op.superseded:
                pass  # a newer read of the same key is on its way: this one is not wanted
            elif op.lane == "job":
                control = JobControl(op, self._report)
                with self._lock_wait(op):
                    op.result = op.work(control)
            else:
                with self._lock_wait(op):
                    op.result = op.work()
        except BaseException as error:
            op.error = error
        op._finished.set()
        if shiboken6.isValid(self):
            self._delivered.emit(op)

    def _lock_wait(self, op: Op):  # noqa: ANN202 - a context manager
        if op.writes:
            return waiting_for_lock(self.lock_waited.emit, deadline_s=self.lock_deadline_s)
        return nullcontext()

    def _report(self, op: Op, fraction: float, text: str) -> None:
        if shiboken6.isValid(self):
            self._progressed.emit(op, fraction, text)

    # --- GUI side -----------------------------------------------------------------
    def _on_progressed(self, op: Op, fraction: float, text: str) -> None:
        if not op.done and op.on_progress is not None and _alive(op.owner):
            op.on_progress(fraction, text)

    def _on_delivered(self, op: Op) -> None:
        op.done = True
        if op in self._pending:
            self._pending.remove(op)
        if op.key is not None and self._newest_read.get((id(op.owner), op.key)) is op:
            del self._newest_read[(id(op.owner), op.key)]
        try:
            if _alive(op.owner) and not op.superseded:
                self._call_back(op)
        finally:
            op.work = op.on_success = op.on_failure = op.on_progress = None
            if op.writes and op.error is None:
                self.wrote.emit()
            if op.writes and not self.pending_writes:
                self.busy_changed.emit(False)
            self.op_finished.emit(op)
            op.owner = None

    @staticmethod
    def _call_back(op: Op) -> None:
        if op.error is None:
            if op.on_success is not None:
                op.on_success(op.result)
        elif op.on_failure is not None:
            op.on_failure(op.error)
        else:
            from ui.shell.messages import show_error

            show_error(op.owner if isinstance(op.owner, QWidget) else None, op.error)


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


_manager: TaskManager | None = None


def task_manager() -> TaskManager:
    """The application's task manager, made on first use (a QApplication must exist)."""
    global _manager
    if _manager is None or not shiboken6.isValid(_manager):
        _manager = TaskManager(QCoreApplication.instance())
    return _manager
