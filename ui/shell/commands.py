"""Undo commands: each one replays or reverses an action through the services.

The action itself runs before the command is pushed (so a refusal never enters
the stack); the first ``redo()`` that ``QUndoStack.push`` calls is skipped.
Later undos and redos run on the task manager's writer thread, in order after
every save, so a lock held by someone else never freezes the window; ``do()``
and ``undo_action()`` run there and touch no widget. What they change reaches
the pages by the change feed, like any write. Should one fail (someone else
changed the record meanwhile), the failure is shown and the command made
obsolete instead of corrupting the stack. Each area keeps its commands beside
its page (``ui/<area>/*_commands.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from desktop.errors import ExplainedError
from desktop.team_file import UnitOfWork
from ui.shell.messages import show_error
from ui.shell.tasks import task_manager


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(text)
        self._uow = uow
        self._owner = owner  # the page: messages go over it; closed, it is not called back
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True
            return
        self._attempt(self.do)

    def undo(self) -> None:
        self._attempt(self.undo_action)

    def _attempt(self, action: Callable[[], None]) -> None:
        if not self.isObsolete():
            task_manager().write(action, on_failure=self._on_failure, label=self.text(),
                                 owner=self._owner)

    def _on_failure(self, error: BaseException) -> None:
        self.setObsolete(True)
        title = self._owner.tr("Could not undo or redo") if isinstance(error, ExplainedError) \
            else ""
        show_error(self._owner, error, title)

    def do(self) -> None:
        raise NotImplementedError

    def undo_action(self) -> None:
        raise NotImplementedError
