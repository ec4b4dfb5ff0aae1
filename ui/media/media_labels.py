"""How the media vocabularies read on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from db.enums import ContactKind, PitchState, SubmissionState


def _tr(text: str) -> str:
    return QCoreApplication.translate("media_labels", text)


CONTACT_KIND_LABELS: dict[ContactKind, str] = {
    ContactKind.JOURNALIST: _tr("Journalist"), ContactKind.EDITOR: _tr("Editor"),
    ContactKind.PODCASTER: _tr("Podcaster"), ContactKind.CREATOR: _tr("Creator"),
}
PITCH_STATE_LABELS: dict[PitchState, str] = {
    PitchState.DRAFTED: _tr("Drafted"), PitchState.SENT: _tr("Sent"),
    PitchState.REPLIED: _tr("Replied"), PitchState.INTERESTED: _tr("Interested"),
    PitchState.COVERED: _tr("Covered"), PitchState.DECLINED: _tr("Declined"),
    PitchState.NO_REPLY: _tr("No reply"),
}
SUBMISSION_STATE_LABELS: dict[SubmissionState, str] = {
    SubmissionState.DRAFT: _tr("Draft"), SubmissionState.SUBMITTED: _tr("Submitted"),
    SubmissionState.ACCEPTED: _tr("Accepted"), SubmissionState.REJECTED: _tr("Rejected"),
    SubmissionState.CONFIRMED: _tr("Confirmed"), SubmissionState.DELIVERED: _tr("Delivered"),
    SubmissionState.WITHDRAWN: _tr("Withdrawn"),
}
PITCH_CHANNELS = ("email", "phone", "LinkedIn", "X", "in person")
