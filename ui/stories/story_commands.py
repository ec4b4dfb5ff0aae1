"""Undo commands of the Customer stories page, each replaying or reversing a service call.

They run on the writer thread (``ui.shell.commands.ServiceCommand``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop import stories
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand
from ui.stories.story_labels import STORY_STATUS_LABELS


class CreateRequestCommand(ServiceCommand):
    def __init__(self, request: stories.StoryRequest, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add story request '{request.title}'", uow, owner)
        self._data = request.as_input()
        self._request_id = request.id

    def do(self) -> None:
        self._request_id = stories.create_request(self._uow, self._data).id

    def undo_action(self) -> None:
        current = stories.get_request(self._uow, self._request_id)
        stories.delete_request(self._uow, self._request_id, current.version)


class EditRequestCommand(ServiceCommand):
    def __init__(self, before: stories.StoryRequest, after: stories.StoryRequest,
                 uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Edit story request '{after.title}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._request_id, self._version = after.id, after.version

    def _apply(self, data: stories.RequestInput) -> None:
        self._version = stories.update_request(self._uow, self._request_id, self._version,
                                               data).version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)


class StatusChangeCommand(ServiceCommand):
    """A workflow step (or a renewed approval); undoing a rep's decision is the rep's alone."""

    def __init__(self, change: stories.StatusChange, uow: UnitOfWork, owner: QWidget) -> None:
        text = (f"Change the approval of '{change.title}'" if change.before == change.after
                else f"'{change.title}': {STORY_STATUS_LABELS[change.after]}")
        super().__init__(text, uow, owner)
        self._change = change

    def do(self) -> None:
        self._change = stories.redo_status_change(self._uow, self._change, self._change.version)

    def undo_action(self) -> None:
        self._change = stories.undo_status_change(self._uow, self._change, self._change.version)


class LogCommunicationCommand(ServiceCommand):
    def __init__(self, communication: stories.Communication, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Log {communication.channel} with {communication.customer_name}",
                         uow, owner)
        self._communication = communication

    def do(self) -> None:
        old = self._communication
        self._communication = stories.log_communication(self._uow, old.as_input())

    def undo_action(self) -> None:
        stories.delete_communication(self._uow, self._communication.id,
                                     self._communication.version)


class AddPlacementCommand(ServiceCommand):
    def __init__(self, placement: stories.Placement, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Record placement in {placement.outlet}", uow, owner)
        self._placement = placement

    def do(self) -> None:
        old = self._placement
        self._placement = stories.add_placement(self._uow, old.request_id, old.as_input())

    def undo_action(self) -> None:
        stories.delete_placement(self._uow, self._placement.id, self._placement.version)


class CreateCustomerCommand(ServiceCommand):
    def __init__(self, customer: stories.Customer, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add customer '{customer.name}'", uow, owner)
        self._customer = customer

    def do(self) -> None:
        self._customer = stories.create_customer(self._uow, self._customer.as_input())

    def undo_action(self) -> None:
        current = stories.get_customer(self._uow, self._customer.id)
        stories.delete_customer(self._uow, current.id, current.version)


class EditCustomerCommand(ServiceCommand):
    def __init__(self, before: stories.Customer, after: stories.Customer, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Edit customer '{after.name}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._customer_id, self._version = after.id, after.version

    def _apply(self, data: stories.CustomerInput) -> None:
        self._version = stories.update_customer(self._uow, self._customer_id, self._version,
                                                data).version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)
