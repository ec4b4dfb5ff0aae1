"""Undo commands of the Signals page: a step taken is put back, and what it added (a logged
contact, an opportunity, a learnt identifier) goes with it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.listening import accounts, workflow
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand


class SignalStepCommand(ServiceCommand):
    def __init__(self, step: workflow.Step, account: str, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Signal about {account or 'an account'}: {step.label}", uow, owner)
        self._step = step

    def do(self) -> None:
        self._step = workflow.redo_step(self._uow, self._step, self._step.version)

    def undo_action(self) -> None:
        self._step = workflow.undo_step(self._uow, self._step, self._step.version)


class AddIdentifierCommand(ServiceCommand):
    def __init__(self, added: accounts.Identifier, account: str, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Add {added.text} to {account}", uow, owner)
        self._added = added

    def do(self) -> None:
        old = self._added
        self._added = accounts.add_identifier(self._uow, old.customer_id, old.kind, old.value,
                                              old.platform, old.contact_id)

    def undo_action(self) -> None:
        accounts.remove_identifier(self._uow, self._added.id)
