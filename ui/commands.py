"""Undo commands: each one replays or reverses an action through the services.

The action itself runs before the command is pushed (so a refusal never enters
the stack); the first ``redo()`` that ``QUndoStack.push`` calls is skipped.
Should a later undo or redo fail (someone else changed the record meanwhile),
the failure is reported and the command made obsolete instead of corrupting
the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop import goals
from desktop.errors import DatabaseError
from desktop.team_file import UnitOfWork

Notify = Callable[[], None]
Report = Callable[[DatabaseError], None]


class ServiceCommand(QUndoCommand):
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
        try:
            action()
        except DatabaseError as error:
            self.setObsolete(True)
            self._failed(error)
        self._changed()

    def do(self) -> None:
        raise NotImplementedError

    def undo_action(self) -> None:
        raise NotImplementedError


class CreateGoalCommand(ServiceCommand):
    def __init__(self, goal: goals.Goal, uow: UnitOfWork, changed: Notify, failed: Report) -> None:
        super().__init__(f"Add goal '{goal.title}'", uow, changed, failed)
        self._goal_id = goal.id

    def do(self) -> None:
        goals.restore_goals(self._uow, (self._goal_id,))

    def undo_action(self) -> None:
        current = goals.get_goal(self._uow, self._goal_id)
        goals.delete_goal(self._uow, self._goal_id, current.version)


class EditGoalCommand(ServiceCommand):
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
    def __init__(self, result: goals.CarryOver, uow: UnitOfWork, changed: Notify,
                 failed: Report) -> None:
        super().__init__(f"Carry {len(result.created_ids)} goals over to {result.to_quarter}",
                         uow, changed, failed)
        self._result = result

    def do(self) -> None:
        self._result = goals.carry_over(self._uow, self._result.from_quarter)

    def undo_action(self) -> None:
        goals.undo_carry_over(self._uow, self._result)
