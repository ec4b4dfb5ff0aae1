"""What changed in the team file: the one way a page learns it must show new data.

Every ``POLL_MS`` one small query on the change log's newest id; when it moved,
``changed`` says which tables. After each of this window's own writes
(``TaskManager.wrote``) it polls at once, so a save and everyone else's changes
reach the pages by the same road, and each page reloads once per change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import activity
from desktop.errors import BusyError
from ui.shell.context import TeamContext
from ui.shell.tasks import Op, task_manager

POLL_MS = 1_500


class ChangeFeed(QObject):
    changed = Signal(object)  # desktop.activity.ChangeBatch
    unreachable = Signal(str)  # the poll failed: why, in plain words ("" once it works again)

    def __init__(self, context: TeamContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.seen_change_id: int | None = None
        self._poll_op: Op | None = None
        self._again = False  # a write landed while a poll was out: poll once more
        self._missed = False  # a write landed before the newest id was known
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        task_manager().wrote.connect(self._on_wrote)

    def start(self) -> None:
        uow = self.context.uow
        task_manager().read(lambda: activity.latest_change_id(uow), on_success=self._on_latest,
                            on_failure=lambda _e: self._on_latest(0), owner=self)

    def stop(self) -> None:
        self._timer.stop()
        task_manager().wrote.disconnect(self._on_wrote)

    def _on_latest(self, latest: int) -> None:
        self.seen_change_id = latest
        self._timer.start()
        if self._missed:  # that write may or may not be in ``latest``: show it anyway
            self._missed = False
            self.changed.emit(activity.ChangeBatch(latest, frozenset(), reset=True))

    def _on_wrote(self) -> None:
        if self.seen_change_id is None:
            self._missed = True
        elif self._poll_op is not None:
            self._again = True
        else:
            self.poll()

    def poll(self) -> None:
        """One small query; skipped while the last one is still out (a slow share)."""
        if self._poll_op is not None or self.seen_change_id is None:
            return
        uow, seen = self.context.uow, self.seen_change_id
        self._poll_op = task_manager().read(lambda: activity.poll_changes(uow, seen),
                                            on_success=self._on_polled,
                                            on_failure=self._on_poll_failed, owner=self)

    def _on_polled(self, batch: activity.ChangeBatch | None) -> None:
        self._poll_op = None
        self.unreachable.emit("")
        if batch is not None:
            self.seen_change_id = batch.latest_id
            self.changed.emit(batch)
        self._poll_again()

    def _on_poll_failed(self, error: BaseException) -> None:
        self._poll_op = None
        if not isinstance(error, BusyError):  # someone is saving: the next poll will do
            self.unreachable.emit(getattr(error, "message", "") or str(error).splitlines()[0])
        self._poll_again()

    def _poll_again(self) -> None:
        if self._again:
            self._again = False
            self.poll()
