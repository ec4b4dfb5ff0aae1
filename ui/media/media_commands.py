"""Undo commands of the Media relations page, each replaying or reversing a service call on
the writer thread (``ui.shell.commands.ServiceCommand``)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from db.enums import PitchState, SubmissionState
from desktop.media import contacts, coverage, materials, media_list, pitches, speaking
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand


class CreateContactCommand(ServiceCommand):
    def __init__(self, contact: contacts.Contact, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add contact '{contact.name}'", uow, owner)
        self._data, self._id = contact.as_input(), contact.id

    def do(self) -> None:
        self._id = contacts.create_contact(self._uow, self._data).id

    def undo_action(self) -> None:
        contacts.delete_contact(self._uow, self._id)


class CreateOutletCommand(ServiceCommand):
    def __init__(self, outlet: contacts.Outlet, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add outlet '{outlet.name}'", uow, owner)
        self._data, self._id = outlet.as_input(), outlet.id

    def do(self) -> None:
        self._id = contacts.create_outlet(self._uow, self._data).id

    def undo_action(self) -> None:
        contacts.delete_outlet(self._uow, self._id)


class LinkNameCommand(ServiceCommand):
    def __init__(self, link_id: int, name: str, contact_id: int, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Link '{name}' to a contact", uow, owner)
        self._link_id, self._name, self._contact_id = link_id, name, contact_id

    def do(self) -> None:
        self._link_id = contacts.link_name(self._uow, self._name, self._contact_id)

    def undo_action(self) -> None:
        contacts.unlink_name(self._uow, self._link_id)


class EditOutletCommand(ServiceCommand):
    def __init__(self, before: contacts.Outlet, after: contacts.Outlet, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Edit outlet '{after.name}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._id, self._version = after.id, after.version

    def _apply(self, data: contacts.OutletInput) -> None:
        self._version = contacts.update_outlet(self._uow, self._id, self._version,
                                               data)[1].version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)


class EditContactCommand(ServiceCommand):
    def __init__(self, before: contacts.Contact, after: contacts.Contact, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Edit contact '{after.name}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._id, self._version = after.id, after.version

    def _apply(self, data: contacts.ContactInput) -> None:
        self._version = contacts.update_contact(self._uow, self._id, self._version,
                                                data)[1].version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)


class DoNotContactCommand(ServiceCommand):
    def __init__(self, before: contacts.Contact, after: contacts.Contact, uow: UnitOfWork,
                 owner: QWidget) -> None:
        verb = "Mark" if after.do_not_contact else "Unmark"
        super().__init__(f"{verb} '{after.name}' do-not-contact", uow, owner)
        self._before, self._after = before, after

    def do(self) -> None:
        contacts.restore_do_not_contact(self._uow, self._after)

    def undo_action(self) -> None:
        contacts.restore_do_not_contact(self._uow, self._before)


class LogPitchCommand(ServiceCommand):
    """Redo logs the pitch again as the person sent it (the warning already seen)."""

    def __init__(self, logged: pitches.Logged, data: pitches.PitchInput, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Log pitch '{data.subject}'", uow, owner)
        self._logged, self._data = logged, replace(data, send_anyway=True)

    def do(self) -> None:
        self._logged = pitches.log_pitch(self._uow, self._data)

    def undo_action(self) -> None:
        pitches.delete_pitch(self._uow, self._logged.pitch_id)


class PitchStepCommand(ServiceCommand):
    def __init__(self, change: pitches.StateChange, contact: str, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Pitch to {contact}: {pitches.STATE_TEXT[change.after]}", uow, owner)
        self._change = change

    def _set(self, state: PitchState) -> None:
        pitches.set_recipient_state(self._uow, self._change.recipient_id, state)

    def do(self) -> None:
        self._set(self._change.after)

    def undo_action(self) -> None:
        self._set(self._change.before)


class LinkCoverageCommand(ServiceCommand):
    def __init__(self, linked: coverage.Linked, record_id: int | None,
                 placement: coverage.PlacementInput | None, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__("Link coverage to its pitch", uow, owner)
        self._linked, self._record_id, self._placement = linked, record_id, placement

    def do(self) -> None:
        self._linked = coverage.confirm_link(self._uow, self._linked.recipient_id,
                                             record_id=self._record_id,
                                             placement=self._placement)

    def undo_action(self) -> None:
        coverage.unlink(self._uow, self._linked)


class AmplifyCommand(ServiceCommand):
    def __init__(self, amplified: coverage.Amplified, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Amplify the coverage ({len(amplified.card_ids)} cards)", uow, owner)
        self._amplified = amplified

    def do(self) -> None:
        coverage.restore_amplified(self._uow, self._amplified)

    def undo_action(self) -> None:
        coverage.take_back_amplified(self._uow, self._amplified)


class ImportListCommand(ServiceCommand):
    def __init__(self, imported: media_list.ImportedList, parsed: media_list.ParsedList,
                 uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Import the media list {parsed.file_name}", uow, owner)
        self._imported, self._parsed = imported, parsed

    def do(self) -> None:
        self._imported = media_list.import_media_list(self._uow, self._parsed,
                                                      good_rows_only=True)

    def undo_action(self) -> None:
        media_list.take_back(self._uow, self._imported)


class CreateMaterialCommand(ServiceCommand):
    def __init__(self, material: materials.Material, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add material '{material.title}'", uow, owner)
        self._data, self._id = material.as_input(), material.id

    def do(self) -> None:
        self._id = materials.create_material(self._uow, self._data).id

    def undo_action(self) -> None:
        materials.delete_material(self._uow, self._id)


class AttachMaterialCommand(ServiceCommand):
    def __init__(self, material: materials.Material, card_id: int, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"Attach '{material.title}' to a card", uow, owner)
        self._material_id, self._card_id = material.id, card_id

    def do(self) -> None:
        materials.attach_to_card(self._uow, self._material_id, self._card_id)

    def undo_action(self) -> None:
        materials.detach_from_card(self._uow, self._material_id, self._card_id)


class SendDraftCommand(ServiceCommand):
    """Undo takes a sent draft back to a draft of its old day; redo sends it again."""

    def __init__(self, sent: pitches.Sent, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__("Send the pitch", uow, owner)
        self._sent = sent

    def do(self) -> None:
        pitches.send_draft(self._uow, self._sent.pitch_id, self._sent.on, send_anyway=True,
                           overrides=self._sent.overrides)

    def undo_action(self) -> None:
        pitches.unsend(self._uow, self._sent)


class CreateEventCommand(ServiceCommand):
    def __init__(self, event: speaking.IndustryEvent, uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add industry event '{event.name}'", uow, owner)
        self._data, self._id = event.as_input(), event.id

    def do(self) -> None:
        self._id = speaking.create_event(self._uow, self._data).id

    def undo_action(self) -> None:
        speaking.delete_event(self._uow, self._id)


class EditEventCommand(ServiceCommand):
    def __init__(self, before: speaking.IndustryEvent, after: speaking.IndustryEvent,
                 uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Edit industry event '{after.name}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._id, self._version = after.id, after.version

    def _apply(self, data: speaking.EventInput) -> None:
        self._version = speaking.update_event(self._uow, self._id, self._version,
                                              data)[1].version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)


class CreateSubmissionCommand(ServiceCommand):
    def __init__(self, talk: speaking.Submission, data: speaking.SubmissionInput,
                 uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Add talk '{talk.title}'", uow, owner)
        self._data, self._id = data, talk.id

    def do(self) -> None:
        self._id = speaking.create_submission(self._uow, self._data).id

    def undo_action(self) -> None:
        speaking.delete_submission(self._uow, self._id)


class EditTalkCommand(ServiceCommand):
    def __init__(self, before: speaking.Submission, after: speaking.Submission,
                 uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Edit talk '{after.title}'", uow, owner)
        self._before, self._after = before.as_input(), after.as_input()
        self._id, self._version = after.id, after.version

    def _apply(self, data: speaking.SubmissionInput) -> None:
        self._version = speaking.update_submission(self._uow, self._id, self._version,
                                                   data)[1].version

    def do(self) -> None:
        self._apply(self._after)

    def undo_action(self) -> None:
        self._apply(self._before)


class SubmissionStepCommand(ServiceCommand):
    def __init__(self, change: speaking.StateChange, title: str, uow: UnitOfWork,
                 owner: QWidget) -> None:
        super().__init__(f"'{title}': {speaking.STATE_TEXT[change.after]}", uow, owner)
        self._change = change

    def _set(self, state: SubmissionState) -> None:
        speaking.set_submission_state(self._uow, self._change.submission_id, state)

    def do(self) -> None:
        self._set(self._change.after)

    def undo_action(self) -> None:
        self._set(self._change.before)
