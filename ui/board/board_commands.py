"""Undo commands of the board: create, edit, move, delete, campaign from template.

They run on the writer thread (``ui.shell.commands.ServiceCommand``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop import board, campaign_templates
from desktop.board import Card, Derivatives, Trashed
from desktop.errors import NotFoundError
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand


class CreateCardCommand(ServiceCommand):
    def __init__(self, card: Card, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add card '{card.title}'", uow, owner)
        self._card_id = card.id

    def do(self) -> None:
        board.restore_cards(self._uow, (self._card_id,))

    def undo_action(self) -> None:
        current = board.get_card(self._uow, self._card_id)
        board.trash_card(self._uow, self._card_id, current.version)


class EditCardCommand(ServiceCommand):
    def __init__(self, before: Card, after: Card, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Edit card '{after.title}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._card_id, self._version = after.id, after.version

    def _save(self, values: board.CardInput) -> None:
        self._version = board.update_card(self._uow, self._card_id, self._version, values).version

    def do(self) -> None:
        self._save(self._after)

    def undo_action(self) -> None:
        self._save(self._before)


class MoveCardCommand(ServiceCommand):
    """Undo puts the card back after the card it followed before the move."""

    def __init__(self, moved: board.Moved, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Move card '{moved.card.title}'", uow, owner)
        self._card_id = moved.card.id
        self._origin, self._place = moved.origin, moved.place

    def _move(self, place: board.Place) -> None:
        try:
            board.move_card(self._uow, self._card_id, place.stage, place.after_id, team=place.team)
        except NotFoundError:
            if place.after_id is None:
                raise
            board.move_card(self._uow, self._card_id, place.stage, None, team=place.team)

    def do(self) -> None:
        self._move(self._place)

    def undo_action(self) -> None:
        self._move(self._origin)


class TrashCardCommand(ServiceCommand):
    def __init__(self, card: Card, choice: Derivatives, trashed: Trashed, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Delete card '{card.title}'", uow, owner)
        self._card_id, self._choice, self._trashed = card.id, choice, trashed

    def do(self) -> None:
        current = board.get_card(self._uow, self._card_id)
        self._trashed = board.trash_card(self._uow, self._card_id, current.version, self._choice)

    def undo_action(self) -> None:
        board.restore_cards(self._uow, self._trashed.card_ids, self._trashed.detached)


class TemplateCampaignCommand(ServiceCommand):
    def __init__(self, created: campaign_templates.CreatedCampaign, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"New campaign '{created.campaign.name}'", uow, owner)
        self._created = created

    def do(self) -> None:
        campaign_templates.redo_create_from_template(self._uow, self._created)

    def undo_action(self) -> None:
        campaign_templates.undo_create_from_template(self._uow, self._created)
