"""Undo commands of the Signals page: a step taken is put back, and what it added (a logged
contact, an opportunity, a learnt identifier) goes with it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.listening import accounts, rules, workflow
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


class CreateRuleCommand(ServiceCommand):
    def __init__(self, rule: rules.Rule, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add the rule '{rule.name}'", uow, owner)
        self._data, self._rule = rule.as_input(), rule

    def do(self) -> None:
        self._rule = rules.create_rule(self._uow, self._data)

    def undo_action(self) -> None:
        current = next(r for r in rules.list_rules(self._uow) if r.id == self._rule.id)
        rules.delete_rule(self._uow, self._rule.id, current.version)


class EditRuleCommand(ServiceCommand):
    def __init__(self, before: rules.Rule, after: rules.Rule, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Edit the rule '{after.name}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._rule_id, self._version = after.id, after.version

    def _apply(self, data: rules.RuleInput) -> None:
        self._version = rules.edit_rule(self._uow, self._rule_id, self._version, data)[1].version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)
