"""Database work off the GUI thread: one writer thread, one reader thread, results by signal.

A share that is slow, or a write lock that someone else holds, must never
freeze the window. So pages hand their service calls to the task manager (the
idea of Anki's ``taskman``) as small *ops*: the work runs on a worker thread,
and its success or failure callback runs later on the GUI thread, delivered
by a queued signal.

- ``write()`` ops run one at a time, in the order given, on the writer thread:
  an undo queued after a save runs after it. While a write waits for the
  file's lock, ``lock_waited`` reports how long, so the window can say
  "saving… waiting for <who>"; the person can keep working meanwhile.
- ``read()`` ops run on the reader thread, so loading a page never waits
  behind a save that waits for a lock (SQLite lets readers in meanwhile).

How a page adopts it::

    from ui.shell.tasks import task_manager

    def save(self) -> None:
        uow = self._context.uow                # capture now, not in the worker
        task_manager().write(lambda: meetings.update_meeting(uow, mid, version, data),
                             on_success=self._on_saved, on_failure=self._on_save_failed,
                             owner=self, label=self.tr("Saving the meeting"))

    def refresh(self) -> None:
        uow = self._context.uow
        task_manager().read(lambda: meetings.list_meetings(uow), on_success=self._show,
                            owner=self)

Rules: the work function touches no widget (it runs on another thread) and
returns frozen dataclasses; callbacks run on the GUI thread, and not at all if
``owner`` was deleted meanwhile. A failure without ``on_failure`` is shown to
the person through ``ui.shell.messages.show_error``. A dialog that must stay open
on a refusal saves through ``save_from_dialog``: it waits a moment with the
event loop running, and if the save is still waiting for a lock it lets the
dialog close and finishes in the background. Tests wait with
``qtbot.waitUntil(task_manager().idle)``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.lock_wait import WINDOW_LOCK_DEADLINE_S, waiting_for_lock

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


@dataclass(eq=False)
class Op:
    """One piece of work handed to a worker thread, and what became of it."""

    work: Callable[[], Any]
    kind: str  # "read" or "write"
    label: str = ""
    on_success: Success | None = None
    on_failure: Failure | None = None
    owner: QObject | None = None
    done: bool = False
    result: Any = None
    error: BaseException | None = None
    queued_at: float = field(default_factory=time.monotonic)
    _finished: threading.Event = field(default_factory=threading.Event, repr=False)

    def wait(self, timeout_ms: int) -> bool:
        """Keep the event loop running until the op is done (True) or the time is up."""
        if self.done:
            return True
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        manager = task_manager()

        def finished(op: Op) -> None:
            if op is self:
                loop.quit()

        manager.op_finished.connect(finished)
        timer.start(max(0, timeout_ms))
        if not self.done:
            loop.exec()
        timer.stop()
        manager.op_finished.disconnect(finished)
        return self.done


class TaskManager(QObject):
    op_finished = Signal(object)  # an Op, on the GUI thread, after its callbacks
    busy_changed = Signal(bool)  # writes pending or not
    lock_waited = Signal(float)  # seconds the running write has waited for the lock
    _delivered = Signal(object)  # from a worker thread to the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cg-writer")
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cg-reader")
        self._pending: list[Op] = []
        self._delivered.connect(self._on_delivered)
        self.lock_deadline_s = WINDOW_LOCK_DEADLINE_S

    # --- giving work ------------------------------------------------------------
    def write(self, work: Callable[[], Any], *, on_success: Success | None = None,
              on_failure: Failure | None = None, owner: QObject | None = None,
              label: str = "") -> Op:
        """Run ``work`` on the writer thread, after every write given before it."""
        op = Op(work, "write", label, on_success, on_failure, owner)
        self._pending.append(op)
        if len([o for o in self._pending if o.kind == "write"]) == 1:
            self.busy_changed.emit(True)
        self._writer.submit(self._run, op)
        return op

    def read(self, work: Callable[[], Any], *, on_success: Success | None = None,
             on_failure: Failure | None = None, owner: QObject | None = None,
             label: str = "") -> Op:
        """Run ``work`` on the reader thread."""
        op = Op(work, "read", label, on_success, on_failure, owner)
        self._pending.append(op)
        self._reader.submit(self._run, op)
        return op

    # --- state ------------------------------------------------------------------
    def idle(self) -> bool:
        return not self._pending

    @property
    def pending_writes(self) -> list[Op]:
        return [op for op in self._pending if op.kind == "write"]

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

    def shutdown(self) -> None:
        self._writer.shutdown(wait=True)
        self._reader.shutdown(wait=True)

    # --- worker side --------------------------------------------------------------
    def _run(self, op: Op) -> None:
        try:
            if op.kind == "write":
                with waiting_for_lock(self.lock_waited.emit, deadline_s=self.lock_deadline_s):
                    op.result = op.work()
            else:
                op.result = op.work()
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread
            op.error = error
        op._finished.set()
        if shiboken6.isValid(self):
            self._delivered.emit(op)

    # --- GUI side -----------------------------------------------------------------
    def _on_delivered(self, op: Op) -> None:
        op.done = True
        if op in self._pending:
            self._pending.remove(op)
        owner_alive = op.owner is None or shiboken6.isValid(op.owner)
        try:
            if owner_alive:
                if op.error is None:
                    if op.on_success is not None:
                        op.on_success(op.result)
                elif op.on_failure is not None:
                    op.on_failure(op.error)
                else:
                    from ui.shell.messages import show_error

                    parent = op.owner if isinstance(op.owner, QWidget) else None
                    show_error(parent, op.error)
        finally:
            if op.kind == "write" and not self.pending_writes:
                self.busy_changed.emit(False)
            self.op_finished.emit(op)


#: How long a dialog's save may take before the dialog closes and the save goes on
#: in the background (it is then waiting for someone else's lock, or a slow share).
DIALOG_SAVE_WAIT_MS = 400


def save_from_dialog(work: Callable[[], Any], finish: Callable[[Op], None], *,
                     owner: QObject, label: str) -> None:
    """Run a dialog's save on the writer thread, for a dialog's ``saver``.

    A quick ``ValidationError`` is raised here, so the dialog stays open with the
    reason; otherwise ``finish(op)`` runs with the op done (its ``result`` or
    ``error``). A save still waiting after ``DIALOG_SAVE_WAIT_MS`` lets the
    dialog close, and ``finish`` runs when the save is done.
    """
    from desktop.errors import ValidationError

    background = [False]

    def delivered(_value: object) -> None:
        if background[0]:
            finish(op)

    op = task_manager().write(work, on_success=delivered, on_failure=delivered, owner=owner,
                              label=label)
    if op.wait(DIALOG_SAVE_WAIT_MS):
        if isinstance(op.error, ValidationError):
            raise op.error
        finish(op)
    else:
        background[0] = True


_manager: TaskManager | None = None


def task_manager() -> TaskManager:
    """The application's task manager, made on first use (a QApplication must exist)."""
    global _manager
    if _manager is None or not shiboken6.isValid(_manager):
        _manager = TaskManager(QCoreApplication.instance())
    return _manager
