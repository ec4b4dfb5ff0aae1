"""Undo commands: each one replays or reverses an action through the services.

The action itself runs before the command is pushed (so a refusal never enters
the stack); the first ``redo()`` that ``QUndoStack.push`` calls is skipped.
A command class with ``background = True`` runs its later undos and redos on
the task manager's writer thread (``ui.shell.tasks``), in order, so a lock held by
someone else never freezes the window; its ``do()`` and ``undo_action()``
then run on that thread and must touch no widget (the Goals commands do;
other pages can opt in, and their tests then wait for ``task_manager().idle``).
Should one fail (someone else changed the record meanwhile), the failure is
reported and the command made obsolete instead of corrupting the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from desktop import goals, importing
from desktop.errors import DatabaseError
from desktop.numbers import counted
from desktop.team_file import UnitOfWork
from ui.shell.tasks import task_manager

Notify = Callable[[], None]
Report = Callable[[DatabaseError], None]


class ServiceCommand(QUndoCommand):
    background = False  # True: undo and redo run on the writer thread

    def __init__(self, text: str, uow: UnitOfWork, changed: Notify, failed: Report) -> None:
        super().__init__(text)
        self._uow = uow
        self._changed = changed
        self._failed = failed
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True
            return
        self._attempt(self.do)

    def undo(self) -> None:
        self._attempt(self.undo_action)

    def _attempt(self, action: Callable[[], None]) -> None:
        if self.isObsolete():
            return
        if self.background:
            # The page that pushed the command owns its callbacks: closed meanwhile, it is
            # not called back.
            owner = getattr(self._changed, "__self__", None)
            task_manager().write(action, on_success=lambda _result: self._changed(),
                                 on_failure=self._on_failure, label=self.text(),
                                 owner=owner if isinstance(owner, QObject) else None)
            return
        try:
            action()
        except DatabaseError as error:
            self.setObsolete(True)
            self._failed(error)
        self._changed()

    def _on_failure(self, error: BaseException) -> None:
        self.setObsolete(True)
        if isinstance(error, DatabaseError):
            self._failed(error)
        else:
            from ui.shell.messages import show_error

            show_error(None, error)
        self._changed()

    def do(self) -> None:
        raise NotImplementedError

    def undo_action(self) -> None:
        raise NotImplementedError


class CreateGoalCommand(ServiceCommand):
    background = True

    def __init__(self, goal: goals.Goal, uow: UnitOfWork, changed: Notify, failed: Report) -> None:
        super().__init__(f"Add goal '{goal.title}'", uow, changed, failed)
        self._goal_id = goal.id

    def do(self) -> None:
        goals.restore_goals(self._uow, (self._goal_id,))

    def undo_action(self) -> None:
        current = goals.get_goal(self._uow, self._goal_id)
        goals.delete_goal(self._uow, self._goal_id, current.version)


class EditGoalCommand(ServiceCommand):
    background = True

    def __init__(self, before: goals.Goal, after: goals.Goal, uow: UnitOfWork,
                 changed: Notify, failed: Report) -> None:
        super().__init__(f"Edit goal '{after.title}'", uow, changed, failed)
        self._before = before.as_input()
        self._after = after.as_input()
        self._goal_id = after.id
        self._version = after.version

    def _apply(self, values: goals.GoalInput) -> None:
        saved = goals.update_goal(self._uow, self._goal_id, self._version, values)
        self._version = saved.version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)


class DeleteGoalCommand(ServiceCommand):
    background = True

    def __init__(self, goal: goals.Goal, trashed: tuple[int, ...], uow: UnitOfWork,
                 changed: Notify, failed: Report) -> None:
        super().__init__(f"Delete goal '{goal.title}'", uow, changed, failed)
        self._goal_id = goal.id
        self._trashed = trashed

    def do(self) -> None:
        current = goals.get_goal(self._uow, self._goal_id)
        self._trashed = goals.delete_goal(self._uow, self._goal_id, current.version)

    def undo_action(self) -> None:
        goals.restore_goals(self._uow, self._trashed)


class RecordMeasurementCommand(ServiceCommand):
    background = True

    def __init__(self, goal: goals.Goal, measurement: goals.Measurement, uow: UnitOfWork,
                 changed: Notify, failed: Report) -> None:
        super().__init__(f"Record {measurement.value:g} for '{goal.title}'", uow, changed, failed)
        self._measurement = measurement

    def do(self) -> None:
        old = self._measurement
        self._measurement = goals.record_measurement(
            self._uow, old.goal_id, old.measured_on, old.value, old.note, old.source)

    def undo_action(self) -> None:
        goals.delete_measurement(self._uow, self._measurement.id)


class CarryOverCommand(ServiceCommand):
    background = True

    def __init__(self, result: goals.CarryOver, uow: UnitOfWork, changed: Notify,
                 failed: Report) -> None:
        super().__init__(f"Carry {counted(len(result.created_ids), 'goal')} over to "
                         f"{result.to_quarter}",
                         uow, changed, failed)
        self._result = result

    def do(self) -> None:
        self._result = goals.carry_over(self._uow, self._result.from_quarter)

    def undo_action(self) -> None:
        goals.undo_carry_over(self._uow, self._result)


class ImportResultsCommand(ServiceCommand):
    """An import: undo takes its batch out again, redo imports the same file again."""

    def __init__(self, result: importing.ImportResult, request: importing.ImportRequest,
                 uow: UnitOfWork, changed: Notify, failed: Report) -> None:
        super().__init__(f"Import results from '{result.file_name}'", uow, changed, failed)
        self._batch_id = result.batch_id
        self._request = request

    def do(self) -> None:
        self._batch_id = importing.run_import(self._uow, self._request).batch_id

    def undo_action(self) -> None:
        if self._batch_id is not None:
            importing.delete_import(self._uow, self._batch_id)
