"""All tables of a team database; importing this package registers them all."""

from db.models.base import Base, utcnow
from db.models.board import Campaign, Card, CardTag
from db.models.events import TeamEvent, event_attendees
from db.models.goals import Goal, GoalMeasurement
from db.models.listening import (
    AccountContact,
    AccountIdentifier,
    IntentRule,
    Mention,
    Opportunity,
    Signal,
    signal_mentions,
)
from db.models.media import (
    CoverageLink,
    IndustryEvent,
    Material,
    MediaContact,
    MediaNameLink,
    Outlet,
    Pitch,
    PitchRecipient,
    Submission,
    SubmissionSpeaker,
    card_materials,
    pitch_materials,
)
from db.models.meetings import ActionItem, Meeting, meeting_attendees
from db.models.metrics import ImportBatch, ImportProfile, MetricRecord, MetricType
from db.models.people import Person
from db.models.stories import Communication, Customer, Placement, StoryRequest
from db.models.system import ChangeLogEntry, RunningInstance, TeamSetting

__all__ = [
    "AccountContact",
    "AccountIdentifier",
    "IntentRule",
    "Mention",
    "Opportunity",
    "Signal",
    "signal_mentions",
    "ActionItem",
    "Base",
    "Campaign",
    "Card",
    "CardTag",
    "ChangeLogEntry",
    "CoverageLink",
    "Communication",
    "Customer",
    "Goal",
    "GoalMeasurement",
    "ImportBatch",
    "IndustryEvent",
    "ImportProfile",
    "Material",
    "MediaContact",
    "MediaNameLink",
    "Meeting",
    "MetricRecord",
    "MetricType",
    "Outlet",
    "Person",
    "Pitch",
    "PitchRecipient",
    "Placement",
    "RunningInstance",
    "StoryRequest",
    "Submission",
    "SubmissionSpeaker",
    "TeamEvent",
    "TeamSetting",
    "card_materials",
    "event_attendees",
    "meeting_attendees",
    "pitch_materials",
    "utcnow",
]
