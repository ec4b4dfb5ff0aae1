"""Keeping an open team file live: heartbeats, who else is in it, and what they changed.

One ``LiveFile`` per open file. All its database work runs on the task
manager's threads, driven by timers on the GUI thread:

- its ``ChangeFeed`` (``ui.shell.change_feed``) follows the change log, after
  this window's own writes at once; ``changed`` says what changed (the window
  refreshes the pages of those areas);
- every ``PRESENCE_MS`` the live instances are read (``others_changed``), and
  every ``HEARTBEAT_MS`` this instance's heartbeat (and edit lease) is renewed;
  when someone took the edit lease over, the file turns read-only at once and
  ``lease_lost`` says why;
- where one person edits at a time, every ``EDITING_MS`` who edits and who asks to
  (``desktop.editing``), said by ``editing_changed``;
- on start, the daily backup when the last one is older than a day.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import backups, editing, presence
from desktop.errors import ReadOnlyError
from ui.shell.change_feed import ChangeFeed
from ui.shell.context import TeamContext
from ui.shell.tasks import Op, task_manager

PRESENCE_MS = 10_000
HEARTBEAT_MS = 30_000
EDITING_MS = 3_000


class LiveFile(QObject):
    others_changed = Signal(list)  # desktop.presence.Instance, other instances only
    backup_taken = Signal(object)  # desktop.backups.BackupInfo
    backup_failed = Signal(str)
    lease_lost = Signal(str)  # someone took the edit lease over: the file is read-only now, why
    editing_changed = Signal(object)  # desktop.editing.Editing, polled where one person edits

    def __init__(self, context: TeamContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.instance_id: int | None = None
        self.others: list[presence.Instance] = []
        self.feed = ChangeFeed(context, self)
        self._presence_op: Op | None = None
        self._presence_at = 0.0
        self._presence_timer = self._timer(PRESENCE_MS, self.refresh_presence)
        self._heartbeat_timer = self._timer(HEARTBEAT_MS, self.heartbeat)
        self._editing_timer = self._timer(EDITING_MS, self.refresh_editing)

    def _timer(self, interval: int, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # --- life -------------------------------------------------------------------
    def start(self) -> None:
        database, person = self.context.database, self.context.person
        tasks = task_manager()
        if not database.read_only:
            tasks.write(lambda: presence.join(database, person.id),
                        on_success=self._on_joined, on_failure=lambda _e: None, owner=self)
            if database.lease is not None:
                tasks.write(self._beat_lease, on_failure=self._on_beat_failed, owner=self)
            if database.path is not None:
                path = database.path
                tasks.write(lambda: backups.back_up_if_due(path), on_success=self._on_backup,
                            on_failure=lambda e: self.backup_failed.emit(
                                getattr(e, "message", str(e))), owner=self)
        else:
            self.refresh_presence()  # no heartbeat of its own to leave out
        self.feed.start()
        self._presence_timer.start()
        self._heartbeat_timer.start()
        if editing.one_editor_at_a_time(database):
            self.refresh_editing()
            self._editing_timer.start()

    def stop(self) -> None:
        """Stop the timers, say goodbye, then let go of the file (after any pending save)."""
        self.feed.stop()
        for timer in (self._presence_timer, self._heartbeat_timer, self._editing_timer):
            timer.stop()
        database, instance_id = self.context.database, self.instance_id

        def leave() -> None:
            try:
                presence.leave(database, instance_id)
            finally:
                database.dispose()

        task_manager().write(leave, on_failure=lambda _e: None)

    @property
    def context(self) -> TeamContext:
        return self._context

    @context.setter
    def context(self, context: TeamContext) -> None:
        self._context = self.feed.context = context

    @property
    def changed(self) -> Signal:
        """What changed in the file (``ChangeFeed.changed``)."""
        return self.feed.changed

    @property
    def unreachable(self) -> Signal:
        return self.feed.unreachable

    @property
    def seen_change_id(self) -> int | None:
        return self.feed.seen_change_id

    # --- presence -----------------------------------------------------------------
    def _on_joined(self, instance_id: int | None) -> None:
        first = self.instance_id is None
        self.instance_id = instance_id
        if first:
            self.refresh_presence()

    def refresh_presence(self) -> None:
        if self._presence_op is not None:
            return
        if self.instance_id is None and not self.context.database.read_only:
            return  # not announced yet: it would count itself
        database, me = self.context.database, self.instance_id
        self._presence_op = task_manager().read(lambda: presence.others(database, me),
                                                on_success=self._on_presence,
                                                on_failure=self._on_presence_failed, owner=self)

    def presence_age(self) -> float:
        return time.monotonic() - self._presence_at

    def _on_presence(self, others: list[presence.Instance]) -> None:
        self._presence_op = None
        self._presence_at = time.monotonic()
        self.others = others
        self.others_changed.emit(others)

    def _on_presence_failed(self, _error: BaseException) -> None:
        self._presence_op = None

    def refresh_editing(self) -> None:
        """Who edits and who asks to, read from the share beside the file."""
        database = self.context.database
        task_manager().read(lambda: editing.editing_of(database),
                            on_success=self.editing_changed.emit, on_failure=lambda _e: None,
                            owner=self, key="editing")

    def heartbeat(self) -> None:
        """A tiny write on the reader thread, so it never queues behind a waiting save."""
        database, person = self.context.database, self.context.person
        instance_id = self.instance_id
        if database.read_only or instance_id is None:
            return

        def beat() -> int:
            if database.lease is not None:
                self._beat_lease()
            return presence.beat(database, instance_id, person.id)

        task_manager().read(beat, on_success=self._on_joined, on_failure=self._on_beat_failed,
                            owner=self)

    def _beat_lease(self) -> None:
        """On a worker thread; a lost lease makes the file read-only before any other save."""
        database = self.context.database
        try:
            database.lease.beat(person=self.context.person.name)
        except ReadOnlyError as lost:  # db.lease.LeaseLost: someone took the lease over
            database.read_only_reason = lost.message
            database.lease, database.lease_holder = None, getattr(lost, "info", None)
            raise

    def _on_beat_failed(self, error: BaseException) -> None:
        if isinstance(error, ReadOnlyError) and self.context.database.read_only:
            self.lease_lost.emit(error.message)

    def _on_backup(self, taken: backups.BackupInfo | None) -> None:
        if taken is not None:
            self.backup_taken.emit(taken)
