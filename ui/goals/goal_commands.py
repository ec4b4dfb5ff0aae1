"""The Goals page's undo steps: add, edit, delete, measure, carry over."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop import goals
from desktop.numbers import counted
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand


class CreateGoalCommand(ServiceCommand):
    def __init__(self, goal: goals.Goal, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add goal '{goal.title}'", uow, owner)
        self._goal_id = goal.id

    def do(self) -> None:
        goals.restore_goals(self._uow, (self._goal_id,))

    def undo_action(self) -> None:
        current = goals.get_goal(self._uow, self._goal_id)
        goals.delete_goal(self._uow, self._goal_id, current.version)


class EditGoalCommand(ServiceCommand):
    def __init__(self, before: goals.Goal, after: goals.Goal, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Edit goal '{after.title}'", uow, owner)
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
                 owner: QWidget) -> None:
        super().__init__(f"Delete goal '{goal.title}'", uow, owner)
        self._goal_id = goal.id
        self._trashed = trashed

    def do(self) -> None:
        current = goals.get_goal(self._uow, self._goal_id)
        self._trashed = goals.delete_goal(self._uow, self._goal_id, current.version)

    def undo_action(self) -> None:
        goals.restore_goals(self._uow, self._trashed)


class RecordMeasurementCommand(ServiceCommand):
    def __init__(self, goal: goals.Goal, measurement: goals.Measurement, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Record {measurement.value:g} for '{goal.title}'", uow, owner)
        self._measurement = measurement

    def do(self) -> None:
        old = self._measurement
        self._measurement = goals.record_measurement(
            self._uow, old.goal_id, old.measured_on, old.value, old.note, old.source)

    def undo_action(self) -> None:
        goals.delete_measurement(self._uow, self._measurement.id)


class CarryOverCommand(ServiceCommand):
    def __init__(self, result: goals.CarryOver, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Carry {counted(len(result.created_ids), 'goal')} over to "
                         f"{result.to_quarter}",
                         uow, owner)
        self._result = result

    def do(self) -> None:
        self._result = goals.carry_over(self._uow, self._result.from_quarter)

    def undo_action(self) -> None:
        goals.undo_carry_over(self._uow, self._result)
