"""Undo commands of the Customer stories page, each replaying or reversing a service call.

Like every ``ServiceCommand``, the action runs before the command is pushed, and a
later undo or redo the services refuse (the request moved on, or only the rep may
reverse a decision) is reported and the command made obsolete. All of them run their
undos and redos on the writer thread (``background``), so ``do`` and ``undo_action``
touch no widget: the page learns of the result through its ``changed`` callback.
"""

from __future__ import annotations

from desktop import stories
from desktop.team_file import UnitOfWork
from ui.shell.commands import Notify, Report, ServiceCommand
from ui.stories.story_labels import STORY_STATUS_LABELS


class CreateRequestCommand(ServiceCommand):
    background = True

    def __init__(self, request: stories.StoryRequest, uow: UnitOfWork, changed: Notify,
                 failed: Report) -> None:
        super().__init__(f"Add story request '{request.title}'", uow, changed, failed)
        self._data = request.as_input()
        self._request_id = request.id

    def do(self) -> None:
        self._request_id = stories.create_request(self._uow, self._data).id

    def undo_action(self) -> None:
        current = stories.get_request(self._uow, self._request_id)
        stories.delete_request(self._uow, self._request_id, current.version)


class EditRequestCommand(ServiceCommand):
    background = True

    def __init__(self, before: stories.StoryRequest, after: stories.StoryRequest,
                 uow: UnitOfWork, changed: Notify, failed: Report) -> None:
        super().__init__(f"Edit story request '{after.title}'", uow, changed, failed)
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

    background = True

    def __init__(self, change: stories.StatusChange, uow: UnitOfWork, changed: Notify,
                 failed: Report) -> None:
        text = (f"Change the approval of '{change.title}'" if change.before == change.after
                else f"'{change.title}': {STORY_STATUS_LABELS[change.after]}")
        super().__init__(text, uow, changed, failed)
        self._change = change

    def do(self) -> None:
        self._change = stories.redo_status_change(self._uow, self._change, self._change.version)

    def undo_action(self) -> None:
        self._change = stories.undo_status_change(self._uow, self._change, self._change.version)


class LogCommunicationCommand(ServiceCommand):
    background = True

    def __init__(self, communication: stories.Communication, uow: UnitOfWork, changed: Notify,
                 failed: Report) -> None:
        super().__init__(f"Log {communication.channel} with {communication.customer_name}",
                         uow, changed, failed)
        self._communication = communication

    def do(self) -> None:
        old = self._communication
        self._communication = stories.log_communication(self._uow, old.as_input())

    def undo_action(self) -> None:
        stories.delete_communication(self._uow, self._communication.id,
                                     self._communication.version)


class AddPlacementCommand(ServiceCommand):
    background = True

    def __init__(self, placement: stories.Placement, uow: UnitOfWork, changed: Notify,
                 failed: Report) -> None:
        super().__init__(f"Record placement in {placement.outlet}", uow, changed, failed)
        self._placement = placement

    def do(self) -> None:
        old = self._placement
        self._placement = stories.add_placement(self._uow, old.request_id, old.as_input())

    def undo_action(self) -> None:
        stories.delete_placement(self._uow, self._placement.id, self._placement.version)


class CreateCustomerCommand(ServiceCommand):
    background = True

    def __init__(self, customer: stories.Customer, uow: UnitOfWork, changed: Notify,
                 failed: Report) -> None:
        super().__init__(f"Add customer '{customer.name}'", uow, changed, failed)
        self._customer = customer

    def do(self) -> None:
        self._customer = stories.create_customer(self._uow, self._customer.as_input())

    def undo_action(self) -> None:
        current = stories.get_customer(self._uow, self._customer.id)
        stories.delete_customer(self._uow, current.id, current.version)


class EditCustomerCommand(ServiceCommand):
    background = True

    def __init__(self, before: stories.Customer, after: stories.Customer, uow: UnitOfWork,
                 changed: Notify, failed: Report) -> None:
        super().__init__(f"Edit customer '{after.name}'", uow, changed, failed)
        self._before, self._after = before.as_input(), after.as_input()
        self._customer_id, self._version = after.id, after.version

    def _apply(self, data: stories.CustomerInput) -> None:
        self._version = stories.update_customer(self._uow, self._customer_id, self._version,
                                                data).version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)
