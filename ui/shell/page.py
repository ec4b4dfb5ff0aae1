"""What every page of the sidebar has: the open file, its actions, one way to the services.

A page reads and writes through ``read``/``write``/``job`` here and nowhere
else; the work is handed the page's unit of work (captured on the GUI thread,
run on a worker thread) and the result comes back to a method of the page.
A page does not reload after its own writes: the window's change feed polls
the change log right after each write (``ui.shell.change_feed``) and refreshes
every page the change concerns, once — the same road as a colleague's change.

    class GoalsPage(Page):
        def refresh(self) -> None:
            quarter = self.quarter
            self.read(lambda uow: goals.list_goals(uow, quarter), self._show)

        def delete_goal(self) -> None:
            goal = self.selected_goal()
            self.write(lambda uow: goals.delete_goal(uow, goal.id, goal.version),
                       lambda deleted: self.push(DeleteGoalCommand(deleted, ...)),
                       label=self.tr("Deleting the goal"))
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.team_file import UnitOfWork
from ui.shell.context import TeamContext
from ui.shell.messages import show_error
from ui.shell.tasks import JobControl, Op, task_manager

T = TypeVar("T")
Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class Page(QWidget):
    """A sidebar page; subclasses build their widgets, then define ``refresh``."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.context: TeamContext | None = None
        self._editing_actions: list[QAction] = []

    # --- the open file ------------------------------------------------------------
    def set_context(self, context: TeamContext | None) -> None:
        """Another file or person: show theirs."""
        self.context = context
        self.context_changed()
        self.update_actions()
        self.refresh()

    def context_changed(self) -> None:
        """Hook: forget what belonged to the previous file (choices, filters)."""

    @property
    def editable(self) -> bool:
        return self.context is not None and not self.context.read_only

    def refresh(self) -> None:
        """Load what the page shows, in the background (``read``)."""
        raise NotImplementedError

    # --- actions --------------------------------------------------------------------
    def page_action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None, *,
                    tip: str = "", edits: bool = True) -> QAction:
        """An action of this page, its shortcut active while the page has focus.

        ``edits``: it changes the file, so it is off on a read-only file.
        """
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        if edits:
            self._editing_actions.append(action)
        return action

    def update_actions(self) -> None:
        """Editing actions follow the file; subclasses add what depends on a selection."""
        for action in self._editing_actions:
            action.setEnabled(self.editable)

    # --- the services ----------------------------------------------------------------
    def read(self, work: Callable[[UnitOfWork], T], show: Callable[[T], None], *,
             key: Hashable = "load", label: str = "",
             failed: Callable[[BaseException], None] | None = None) -> Op | None:
        """Load in the background; a newer read of the same ``key`` replaces this one.
        Without an open file nothing is read."""
        if self.context is None:
            return None
        uow = self.context.uow
        return task_manager().read(lambda: work(uow), on_success=show, on_failure=failed,
                                   owner=self, label=label, key=key)

    def write(self, work: Callable[[UnitOfWork], T], done: Callable[[T], None] | None = None,
              *, label: str, failed: Callable[[BaseException], None] | None = None) -> Op | None:
        """Save in the background, after every write given before it.

        A refusal is shown and the page reloads, so it shows what is stored.
        """
        if self.context is None:
            return None
        uow = self.context.uow
        return task_manager().write(lambda: work(uow), on_success=done,
                                    on_failure=failed or self.write_failed, owner=self,
                                    label=label)

    def job(self, work: Callable[[UnitOfWork, JobControl], T], *, writes: bool, label: str,
            done: Callable[[T], None], failed: Callable[[BaseException], None],
            progress: Callable[[float, str], None] | None = None) -> Op | None:
        """Long work with progress and cancel (``ui.shell.job_progress`` shows it)."""
        if self.context is None:
            return None
        uow = self.context.uow
        return task_manager().job(lambda control: work(uow, control), writes=writes,
                                  on_success=done, on_failure=failed, on_progress=progress,
                                  owner=self, label=label)

    def write_failed(self, error: BaseException) -> None:
        show_error(self, error)
        self.refresh()

    def push(self, command: QUndoCommand) -> None:
        """An action already done, onto the undo stack (its first redo does nothing)."""
        self.undo_stack.push(command)

    @property
    def uow(self) -> UnitOfWork:
        """For an undo command made now; work handed to ``read``/``write`` gets its own."""
        assert self.context is not None
        return self.context.uow

