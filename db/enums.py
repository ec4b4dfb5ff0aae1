"""The closed vocabularies of the team's work, stored by their ``value``."""

from __future__ import annotations

from enum import StrEnum


class Department(StrEnum):
    PR = "pr"
    MARKETING = "marketing"
    SALES = "sales"
    LEADERSHIP = "leadership"


class Team(StrEnum):
    """Owning team of a board card (leadership owns no cards)."""

    PR = "pr"
    MARKETING = "marketing"
    SALES = "sales"


class GoalLevel(StrEnum):
    CORPORATE = "corporate"
    DEPARTMENT = "department"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    MET = "met"
    MISSED = "missed"
    CARRIED_OVER = "carried_over"
    RETIRED = "retired"


class MeasurementSource(StrEnum):
    MANUAL = "manual"
    IMPORTED = "imported"
    CALCULATED = "calculated"


class CardKind(StrEnum):
    SURVEY_DATA = "survey_data"
    PRESS_RELEASE = "press_release"
    MEDIA_COVERAGE = "media_coverage"
    BLOG_POST = "blog_post"
    EBOOK = "ebook"
    SOCIAL_POST = "social_post"
    EMAIL = "email"
    PAID_AD = "paid_ad"
    LANDING_PAGE = "landing_page"
    WEBINAR = "webinar"
    CASE_STUDY = "case_study"
    EVENT_TALK = "event_talk"
    OTHER = "other"


class Stage(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    REVIEW = "review"
    PUBLISHED = "published"
    MEASURED = "measured"


class CommonGroundTag(StrEnum):
    """Where PR and marketing meet (DESIGN.md, "Seek common ground")."""

    MESSAGING = "messaging"
    CONTENT_PLANNING = "content_planning"
    SOCIAL_MEDIA_RELATIONS = "social_media_relations"
    SOCIAL_LISTENING = "social_listening"
    CONTENT_PLACEMENT = "content_placement"
    PERFORMANCE_OPTIMIZATION = "performance_optimization"


class EventKind(StrEnum):
    LUNCH = "lunch"
    OUTING = "outing"
    CELEBRATION = "celebration"
    OTHER = "other"


class StoryKind(StrEnum):
    CASE_STUDY = "case_study"
    PRESS_REFERENCE = "press_reference"
    QUOTE = "quote"
    EVENT_SPEAKER = "event_speaker"


class StoryStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_REP = "awaiting_rep"
    APPROVED = "approved"
    DECLINED_BY_REP = "declined_by_rep"
    CUSTOMER_ASKED = "customer_asked"
    CUSTOMER_AGREED = "customer_agreed"
    CUSTOMER_DECLINED = "customer_declined"
    IN_PRODUCTION = "in_production"
    PUBLISHED = "published"


class ChangeOperation(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    TRASH = "trash"
    RESTORE = "restore"


class AccountKind(StrEnum):
    CUSTOMER = "customer"
    PROSPECT = "prospect"


class IdentifierKind(StrEnum):
    """How a mention can name an account: its web domain, a handle on a platform, another
    name it goes by, or a known contact's email address."""

    DOMAIN = "domain"
    HANDLE = "handle"
    ALIAS = "alias"
    CONTACT = "contact"


class Intent(StrEnum):
    EVALUATING = "evaluating"
    BUYING = "buying"
    SWITCHING = "switching"
    EXPANSION = "expansion"
    CHURN_RISK = "churn_risk"
    ADVOCACY = "advocacy"
    TRIGGER_EVENT = "trigger_event"


class Urgency(StrEnum):
    HOT = "hot"
    WARM = "warm"
    COOL = "cool"


class SignalStatus(StrEnum):
    NEW = "new"
    TRIAGE = "triage"
    ROUTED = "routed"
    ACKNOWLEDGED = "acknowledged"
    CONTACTED = "contacted"
    OPPORTUNITY = "opportunity"
    NO_OPPORTUNITY = "no_opportunity"
    NOT_RELEVANT = "not_relevant"
    DUPLICATE = "duplicate"
    EXPIRED = "expired"
class ContactKind(StrEnum):
    """Who writes or speaks for an outlet."""

    JOURNALIST = "journalist"
    EDITOR = "editor"
    PODCASTER = "podcaster"
    CREATOR = "creator"


class PitchState(StrEnum):
    """Where a pitch stands with one of its contacts."""

    DRAFTED = "drafted"
    SENT = "sent"
    REPLIED = "replied"
    INTERESTED = "interested"
    COVERED = "covered"
    DECLINED = "declined"
    NO_REPLY = "no_reply"


class SubmissionState(StrEnum):
    """Where a talk submitted to an industry event's call for papers stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CONFIRMED = "confirmed"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
