"""The one progress dialog for long work (an import, a report): it appears only if the
work lasts, Cancel asks the job to stop, and a write that waits for the file says whom
it waits for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.shell.tasks import Op, task_manager

SHOW_AFTER_MS = 700  # quick work never flashes a dialog
STEPS = 1000


class JobProgress(QProgressDialog):
    """Follows one job; ``progress`` is the job's ``on_progress``, ``finish`` closes it."""

    def __init__(self, parent: QWidget, title: str, text: str) -> None:
        super().__init__(text, parent.tr("Cancel"), 0, STEPS, parent)
        self._text = text
        self._op: Op | None = None
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.canceled.connect(self._cancel)

    def follow(self, op: Op | None) -> None:
        """The job Cancel stops; a writing job's lock waits are shown."""
        self._op = op
        if op is not None and op.writes:
            task_manager().lock_waited.connect(self._on_lock_waited)

    def progress(self, fraction: float, text: str = "") -> None:
        shown = text or self._text
        if self.labelText() != shown:  # no longer waiting for a lock
            self.setLabelText(shown)
        self.setValue(int(fraction * STEPS))

    def finish(self) -> None:
        if self._op is not None and self._op.writes:
            task_manager().lock_waited.disconnect(self._on_lock_waited)
        self._op = None
        self.close()
        self.deleteLater()

    def _cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def _on_lock_waited(self, seconds: float) -> None:
        """Say for whom the job waits (the window knows who has the file open)."""
        holder = getattr(self.parentWidget().window(), "lock_holder_text", None)
        who = holder() if callable(holder) else self.tr("someone else's save")
        self.setLabelText(self.tr("{0} Waiting for {1} ({2} s).").format(
            self._text, who, int(seconds)))
        self.show()
