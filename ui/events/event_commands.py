"""Undo commands of the Team events page; each replays or reverses its action through the services.

They run on the writer thread (``ui.shell.commands.ServiceCommand``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop import calendar_ics, events
from desktop.numbers import counted
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand


class CreateEventCommand(ServiceCommand):
    def __init__(self, event: events.TeamEvent, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add event '{event.title}'", uow, owner)
        self._event = event

    def do(self) -> None:
        self._event = events.restore_event(self._uow, self._event)

    def undo_action(self) -> None:
        current = events.get_event(self._uow, self._event.id)
        self._event = events.delete_event(self._uow, current.id, current.version)


class EditEventCommand(ServiceCommand):
    def __init__(self, before: events.TeamEvent, after: events.TeamEvent, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Edit event '{after.title}'", uow, owner)
        self._before = before.as_input()
        self._after = after.as_input()
        self._event_id = after.id
        self._version = after.version

    def _apply(self, values: events.EventInput) -> None:
        saved = events.update_event(self._uow, self._event_id, self._version, values)
        self._version = saved.version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)


class DeleteEventCommand(ServiceCommand):
    def __init__(self, deleted: events.TeamEvent, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Delete event '{deleted.title}'", uow, owner)
        self._event = deleted

    def do(self) -> None:
        current = events.get_event(self._uow, self._event.id)
        self._event = events.delete_event(self._uow, current.id, current.version)

    def undo_action(self) -> None:
        self._event = events.restore_event(self._uow, self._event)


class ImportCalendarCommand(ServiceCommand):

    def __init__(self, result: calendar_ics.ImportResult, data: bytes, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Import {counted(len(result.created) + result.updated, 'event')} from "
                         f"{result.source}", uow, owner)
        self._result = result
        self._data = data

    def do(self) -> None:
        self._result = calendar_ics.import_calendar(self._uow, self._data, self._result.source)

    def undo_action(self) -> None:
        calendar_ics.undo_import(self._uow, self._result)
