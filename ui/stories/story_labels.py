"""How the customer-story vocabularies read on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from db.enums import StoryKind, StoryStatus


def _tr(text: str) -> str:
    return QCoreApplication.translate("story_labels", text)


STORY_STATUS_LABELS: dict[StoryStatus, str] = {
    StoryStatus.DRAFT: _tr("Draft"),
    StoryStatus.AWAITING_REP: _tr("Awaiting the rep"),
    StoryStatus.APPROVED: _tr("Approved by the rep"),
    StoryStatus.DECLINED_BY_REP: _tr("Declined by the rep"),
    StoryStatus.CUSTOMER_ASKED: _tr("Customer asked"),
    StoryStatus.CUSTOMER_AGREED: _tr("Customer agreed"),
    StoryStatus.CUSTOMER_DECLINED: _tr("Customer declined"),
    StoryStatus.IN_PRODUCTION: _tr("In production"),
    StoryStatus.PUBLISHED: _tr("Published"),
}

#: What the button that takes a request into each status says.
STORY_STEP_LABELS: dict[StoryStatus, str] = {
    StoryStatus.DRAFT: _tr("Back to draft"),
    StoryStatus.AWAITING_REP: _tr("Send to the rep"),
    StoryStatus.APPROVED: _tr("Approve…"),
    StoryStatus.DECLINED_BY_REP: _tr("Decline…"),
    StoryStatus.CUSTOMER_ASKED: _tr("Customer asked"),
    StoryStatus.CUSTOMER_AGREED: _tr("Customer agreed"),
    StoryStatus.CUSTOMER_DECLINED: _tr("Customer declined"),
    StoryStatus.IN_PRODUCTION: _tr("In production"),
    StoryStatus.PUBLISHED: _tr("Published"),
}

STORY_KIND_LABELS: dict[StoryKind, str] = {
    StoryKind.CASE_STUDY: _tr("Case study"),
    StoryKind.PRESS_REFERENCE: _tr("Press reference"),
    StoryKind.QUOTE: _tr("Quote"),
    StoryKind.EVENT_SPEAKER: _tr("Event speaker"),
}

#: How people usually get in touch; the channel box accepts any other word too.
CHANNELS: tuple[str, ...] = ("email", "call", "meeting", "video call", "event", "letter")
