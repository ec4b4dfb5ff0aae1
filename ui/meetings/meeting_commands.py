"""Undo commands of the Meetings page; each replays or reverses its action through the services.

They run on the writer thread (``ui.shell.commands.ServiceCommand``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop import meetings
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand


class CreateMeetingCommand(ServiceCommand):
    def __init__(self, meeting: meetings.Meeting, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add meeting '{meeting.title}'", uow, owner)
        self._meeting = meeting

    @property
    def meeting_id(self) -> int:
        return self._meeting.id

    def do(self) -> None:
        self._meeting = meetings.restore_meeting(self._uow, self._meeting)

    def undo_action(self) -> None:
        self._meeting = meetings.delete_meeting(self._uow, self._meeting.id)


class EditMeetingCommand(ServiceCommand):
    """Undo applies the old values as a merge on top of what this edit wrote, so
    changes others saved since (to other fields or action items) are kept."""

    def __init__(self, before: meetings.Meeting, after: meetings.Meeting, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Edit meeting '{after.title}'", uow, owner)
        self._before = before
        self._after = after
        self._state = after  # what this command last wrote

    def do(self) -> None:
        self._state = meetings.reapply_meeting(self._uow, self._state, self._after)

    def undo_action(self) -> None:
        self._state = meetings.reapply_meeting(self._uow, self._state, self._before)


class DeleteMeetingCommand(ServiceCommand):
    def __init__(self, deleted: meetings.Meeting, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Delete meeting '{deleted.title}'", uow, owner)
        self._meeting = deleted

    def do(self) -> None:
        self._meeting = meetings.delete_meeting(self._uow, self._meeting.id)

    def undo_action(self) -> None:
        self._meeting = meetings.restore_meeting(self._uow, self._meeting)


class SetActionDoneCommand(ServiceCommand):
    def __init__(self, item: meetings.ActionItem, uow: UnitOfWork, owner: QWidget) -> None:
        verb = "Tick" if item.done else "Reopen"
        super().__init__(f"{verb} '{item.text[:60]}'", uow, owner)
        self._item = item
        self._done = item.done  # the state the action left it in

    def _set(self, done: bool) -> None:
        current = self._item
        self._item = meetings.set_action_done(self._uow, current.id, current.version, done)

    def do(self) -> None:
        self._set(self._done)

    def undo_action(self) -> None:
        self._set(not self._done)


class MakeIdeaCardCommand(ServiceCommand):
    def __init__(self, idea: meetings.IdeaCard, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Make idea card '{idea.card_title[:60]}'", uow, owner)
        self._idea = idea

    def do(self) -> None:
        self._idea = meetings.restore_idea_card(self._uow, self._idea)

    def undo_action(self) -> None:
        meetings.remove_idea_card(self._uow, self._idea)
