"""A change-log row told the way a person would say it.

The log keeps what the database did ("update cards", ``position: [7.0, 0.0]``,
``goal_id: [None, 3]``); the feed and History say what someone did: "Priya Nair
moved 'Survey press release' to Review", "Oleg Petrov logged a call with Acme".
Field names are words, referenced records are named, vocabularies read as
their labels and the consequences of an act (a card's place in its column, the
day an action was ticked) fold into the act. The names a row does not hold are
looked up once per feed (``desktop.activity``) and handed in as ``Known``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from db.enums import (
    CardKind,
    ChangeOperation,
    CommonGroundTag,
    EventKind,
    GoalLevel,
    GoalStatus,
    MeasurementSource,
    SignalStatus,
    Stage,
    StoryKind,
    StoryStatus,
)
from desktop.listening.signals import STATUS_TEXT as SIGNAL_STEPS
from desktop.numbers import counted, number
from desktop.stories import KIND_TEXT, STATUS_TEXT

#: Fields that point at another record, and that record's table.
REFERENCES: dict[str, str] = {
    "owner_id": "people", "rep_id": "people", "requested_by_id": "people",
    "decided_by_id": "people", "logged_by_id": "people", "entered_by_id": "people",
    "imported_by_id": "people", "goal_id": "goals", "parent_id": "goals",
    "carried_from_id": "goals", "campaign_id": "campaigns", "card_id": "cards",
    "derived_from_id": "cards", "customer_id": "customers", "request_id": "story_requests",
    "meeting_id": "meetings", "import_id": "import_batches", "outlet_id": "outlets",
    "contact_id": "media_contacts", "pitch_id": "pitches", "event_id": "industry_events",
}

#: Fields of the changed record itself that its sentence needs beyond the log row
#: (an insert logs no values): read from the record as it is now.
CONTEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "cards": ("stage",),
    "goal_measurements": ("goal_id", "value"),
    "action_items": ("meeting_id",),
    "story_requests": ("customer_id",),
    "communications": ("customer_id", "channel"),
    "placements": ("request_id",),
    "metric_records": ("card_id",),
    "import_batches": ("row_count",),
    "team_settings": ("value",),
}

#: What a record of each table is called in a sentence.
NOUNS: dict[str, str] = {
    "cards": "card", "campaigns": "campaign", "card_tags": "tag", "goals": "goal",
    "goal_measurements": "measurement", "meetings": "meeting", "action_items": "action",
    "meeting_attendees": "attendee", "team_events": "event", "event_attendees": "attendee",
    "customers": "customer", "story_requests": "story request",
    "communications": "contact", "placements": "placement", "metric_records": "result",
    "import_batches": "import", "import_profiles": "import profile", "people": "person",
    "team_settings": "team setting", "signals": "signal", "intent_rules": "intent rule",
    "account_identifiers": "account identifier", "account_contacts": "account contact",
    "opportunities": "opportunity", "mentions": "mention",
    "outlets": "outlet", "media_contacts": "media contact",
    "pitches": "pitch", "pitch_recipients": "pitch recipient", "coverage_links": "coverage link",
    "materials": "material", "media_name_links": "name link", "industry_events": "industry event",
    "submissions": "talk submission", "submission_speakers": "speaker",
}

FIELD_WORDS: dict[str, str] = {
    "due_on": "due date", "owner_id": "owner", "goal_id": "goal", "campaign_id": "campaign",
    "derived_from_id": "source it derives from", "published_url": "published link",
    "pilot": "pilot mark", "tags": "common-ground tags", "position": "place in the column",
    "parent_id": "parent goal", "carried_from_id": "goal it carries over",
    "measured_on": "date", "starts_at": "start", "ends_at": "end", "done_on": "day done",
    "card_id": "card", "meeting_id": "meeting", "rep_id": "sales rep",
    "customer_id": "customer", "what_pr_wants": "what PR wants",
    "benefit_to_customer": "benefit to the customer",
    "benefit_to_company": "benefit to the company", "requested_by_id": "requester",
    "decided_by_id": "decider", "decided_at": "time of the decision",
    "decision_note": "decision note", "allowed_uses": "allowed uses",
    "approval_ends_on": "approval's end date", "request_id": "story request",
    "occurred_on": "date", "rep_included": "rep's inclusion",
    "without_rep_reason": "reason for leaving the rep out", "logged_by_id": "logger",
    "placed_on": "date placed", "url": "link", "active": "membership of the team",
    "mapping": "column mapping", "profile_name": "profile", "period_start": "period start",
    "period_end": "period end", "imported_at": "time of the import",
    "imported_by_id": "importer", "row_count": "number of rows", "occurred_at": "time",
    "import_id": "import", "source_row": "row in the file", "entered_by_id": "person who entered it",
    "timed": "time of day", "launch_on": "launch date", "file_sha256": "file's fingerprint",
    "action_items": "actions",
    "crm_ref": "CRM reference", "do_not_route": "'do not route' mark",
    "routed_at": "time routed", "acknowledged_at": "time acknowledged",
    "contacted_at": "time of the contact", "closed_at": "time closed",
    "duplicate_of_id": "signal it repeats", "communication_id": "logged contact",
    "near_terms": "near terms", "near_within": "distance in words", "won_on": "day won",
    "won_amount": "amount won", "signal_id": "signal",
    "cards": "cards it is attached to", "speakers": "speakers",
    "recipients": "contacts pitched", "materials": "materials offered",
}

#: Long texts: a sentence says they changed, not what they now say.
_LONG_TEXTS = frozenset({"notes", "agenda", "decisions", "description", "what_pr_wants",
                         "benefit_to_customer", "benefit_to_company", "summary", "mapping",
                         "decision_note", "without_rep_reason", "note", "text"})
#: Relations to many: the log holds the members taken away and those added, not two lists.
_COLLECTIONS = frozenset({"tags", "attendees", "placements", "action_items", "measurements",
                          "cards", "speakers", "recipients", "materials"})
#: A parent's list of children: the children's own entries tell the same change.
ECHOES = frozenset({"placements", "action_items", "measurements"})
#: Consequences of another field's change, or bookkeeping nobody reads.
_FOLDED = frozenset({"deleted_at", "done_on", "decided_at", "decided_by_id", "uid",
                     "file_sha256", "imported_at"})

_TAG_WORDS: dict[str, str] = {
    CommonGroundTag.MESSAGING: "Messaging and story",
    CommonGroundTag.CONTENT_PLANNING: "Content planning",
    CommonGroundTag.SOCIAL_MEDIA_RELATIONS: "Social and media relations with amplification",
    CommonGroundTag.SOCIAL_LISTENING: "Social listening for buying signals",
    CommonGroundTag.CONTENT_PLACEMENT: "Content placement",
    CommonGroundTag.PERFORMANCE_OPTIMIZATION: "Optimizing messaging from performance data",
}
_TEAM_WORDS = {"pr": "PR", "marketing": "Marketing", "sales": "Sales", "leadership": "Leadership"}
#: The parts of a rep's decision, told with the step they belong to.
_DECISION = ("decision_note", "allowed_uses", "approval_ends_on")
_STATUS_SENTENCES: dict[str, str] = {
    StoryStatus.AWAITING_REP: "{who} sent the story request {title} to the rep",
    StoryStatus.APPROVED: "{who} approved the story request {title}",
    StoryStatus.DECLINED_BY_REP: "{who} declined the story request {title}",
    StoryStatus.DRAFT: "{who} took the story request {title} back to draft",
    StoryStatus.CUSTOMER_ASKED: "{who} asked the customer about {title}",
    StoryStatus.CUSTOMER_AGREED: "{who} noted that the customer agreed to {title}",
    StoryStatus.CUSTOMER_DECLINED: "{who} noted that the customer declined {title}",
    StoryStatus.IN_PRODUCTION: "{who} put the story request {title} in production",
    StoryStatus.PUBLISHED: "{who} marked the story request {title} published",
}
_ENUMS: dict[tuple[str, str], type] = {
    ("cards", "kind"): CardKind, ("cards", "stage"): Stage, ("team_events", "kind"): EventKind,
    ("goals", "level"): GoalLevel, ("goals", "status"): GoalStatus,
    ("goal_measurements", "source"): MeasurementSource,
}


@dataclass(frozen=True)
class Known:
    """What the log row does not hold: the names of the records its fields point at
    (by table and id), and a few current fields of changed records (``CONTEXT_FIELDS``)."""

    names: Mapping[tuple[str, int], str] = field(default_factory=dict)
    rows: Mapping[tuple[str, int], Mapping[str, Any]] = field(default_factory=dict)

    def name(self, table: str, row_id: Any) -> str | None:
        return self.names.get((table, row_id)) if isinstance(row_id, int) else None

    def row(self, table: str, row_id: int) -> Mapping[str, Any]:
        return self.rows.get((table, row_id), {})


@dataclass(frozen=True)
class Change:
    """One change-log row, as ``desktop.activity`` reads it."""

    table: str
    row_id: int
    operation: ChangeOperation
    person_name: str
    title: str  # the record's name when it was changed
    changes: Mapping[str, tuple[Any, Any]]  # field: (before, after), version left out


def record_name(summary: str) -> str:
    """The record's name inside a log summary: ``update cards 'Survey'`` -> ``Survey``."""
    if "'" not in summary:
        return summary
    return summary.split("'", 1)[1].rsplit("'", 1)[0]


def echoes_children(change: Change) -> bool:
    """An update that only lists children added or removed, each logged on its own."""
    return change.operation is ChangeOperation.UPDATE and bool(change.changes) and set(
        change.changes) <= ECHOES


def is_aftermath(change: Change, before: Change) -> bool:
    """A card's new place at the end of its column, written just after its restore from
    the trash (the restore said it already)."""
    return (change.table == before.table == "cards" and change.row_id == before.row_id
            and change.person_name == before.person_name
            and before.operation is ChangeOperation.RESTORE
            and change.operation is ChangeOperation.UPDATE
            and set(change.changes) == {"position"})


def field_words(name: str) -> str:
    return FIELD_WORDS.get(name, name.removesuffix("_id").replace("_", " "))


def _day_text(value: date | datetime) -> str:
    """A day or a moment, the way the app writes them elsewhere."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def utc_time_text(moment: datetime) -> str:
    """A naive-UTC moment of the log in this computer's time: today's by the clock only."""
    local = moment.replace(tzinfo=UTC).astimezone()
    if local.date() == datetime.now(UTC).astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _label(value: str) -> str:
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]


def _parsed_date(text: str) -> date | datetime | None:
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text \
            else date.fromisoformat(text)
    except ValueError:
        return None


def value_text(table: str, name: str, value: Any, known: Known) -> str:
    """One logged value as a person reads it: names for ids, labels for vocabularies,
    dates in the app's format, whole numbers without ".0"; "none" when empty."""
    if value is None or value == "" or value == []:
        return "none"
    if name in REFERENCES:
        target = REFERENCES[name]
        found = known.name(target, value)
        if found is None:
            return f"a deleted {NOUNS.get(target, 'record')}"
        return found if target in ("people", "customers") else _quoted(found)
    if name == "tags":
        tags = value if isinstance(value, list) else [value]
        return ", ".join(_TAG_WORDS.get(str(t), _label(str(t))) for t in tags)
    if name in ("team", "department") and isinstance(value, str):
        return _TEAM_WORDS.get(value, _label(value))
    if table == "signals" and name == "status" and value in SIGNAL_STEPS:
        return SIGNAL_STEPS[SignalStatus(value)]
    if table == "story_requests" and name == "status" and value in STATUS_TEXT:
        return STATUS_TEXT[StoryStatus(value)]
    if table == "story_requests" and name == "kind" and value in KIND_TEXT:
        return KIND_TEXT[StoryKind(value)]
    if name == "allowed_uses" and isinstance(value, str):
        return ", ".join(KIND_TEXT.get(v, _label(v)) for v in value.split(",") if v) or "none"
    if (table, name) in _ENUMS and isinstance(value, str):
        return _label(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, list):
        return ", ".join(value_text(table, name, v, known) for v in value)
    if isinstance(value, str) and value[:4].isdigit() and (moment := _parsed_date(value)):
        return _day_text(moment)
    return _quoted(value) if name in ("title", "name", "text") else " ".join(str(value).split())


def change_lines(change: Change, known: Known) -> tuple[str, ...]:
    """Each changed field, in words: "due date: none → 2026-09-01"."""
    lines = []
    for name, (before, after) in change.changes.items():
        if name in _FOLDED or (name == "position" and "stage" in change.changes):
            continue
        if name == "position":
            lines.append("place in the column changed")
            continue
        if name in _COLLECTIONS:
            lines.append(f"{field_words(name)}: {_members(change.table, name, before, after, known)}")
            continue
        if name in _LONG_TEXTS:
            lines.append(f"{field_words(name)}: {_short(after)}")
            continue
        lines.append(f"{field_words(name)}: {value_text(change.table, name, before, known)} → "
                     f"{value_text(change.table, name, after, known)}")
    return tuple(lines)


def _listed(value: Any) -> list[Any]:
    return [] if value is None else (value if isinstance(value, list) else [value])


def _members(table: str, name: str, removed: Any, added: Any, known: Known) -> str:
    """ "added José Álvarez; removed Priya Nair" """
    parts = []
    if _listed(added):
        parts.append("added " + value_text(table, name, _listed(added), known))
    if _listed(removed):
        parts.append("removed " + value_text(table, name, _listed(removed), known))
    return "; ".join(parts) or "unchanged"


def _short(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value or "").split()) or "(empty)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentence(change: Change, known: Known) -> str:
    """What the person did, in one sentence that starts with their name."""
    who = change.person_name or "Someone"
    noun = NOUNS.get(change.table, change.table.replace("_", " ").removesuffix("s"))
    title = _quoted(change.title)
    operation = change.operation
    if operation is ChangeOperation.INSERT:
        return _added(change, known, who, noun, title)
    if operation is ChangeOperation.TRASH:
        return f"{who} moved the {noun} {title} to the trash"
    if operation is ChangeOperation.RESTORE:
        return f"{who} restored the {noun} {title} from the trash"
    if operation is ChangeOperation.DELETE:
        if change.table == "people":
            return f"{who} removed {change.title} from the team"
        return f"{who} deleted the {noun} {title}"
    return _updated(change, known, who, noun, title)


def _added(change: Change, known: Known, who: str, noun: str, title: str) -> str:
    row = known.row(change.table, change.row_id)
    table = change.table
    if table == "goal_measurements":
        goal = known.name("goals", row.get("goal_id"))
        value = number(row["value"]) if isinstance(row.get("value"), (int, float)) \
            else change.title
        return f"{who} recorded {value} for {_quoted(goal)}" if goal \
            else f"{who} recorded the measurement {title}"
    if table == "communications":
        customer = known.name("customers", row.get("customer_id"))
        channel = row.get("channel") or change.title.split(" on ", 1)[0]
        return f"{who} logged {_a(channel)} with {customer}" if customer \
            else f"{who} logged the contact {title}"
    if table == "action_items":
        meeting = known.name("meetings", row.get("meeting_id"))
        return f"{who} added the action {title}" + (f" to {_quoted(meeting)}" if meeting else "")
    if table == "story_requests":
        customer = known.name("customers", row.get("customer_id"))
        return f"{who} wrote the story request {title}" + (f" for {customer}" if customer else "")
    if table == "placements":
        request = known.name("story_requests", row.get("request_id"))
        return (f"{who} recorded a placement in {change.title}"
                + (f" for {_quoted(request)}" if request else ""))
    if table == "metric_records":
        card = known.name("cards", row.get("card_id"))
        return f"{who} entered the result {title}" + (f" for {_quoted(card)}" if card else "")
    if table == "import_batches":
        rows = row.get("row_count")
        return f"{who} imported {title}" + (
            f" ({counted(rows, 'row')})" if isinstance(rows, int) else "")
    if table == "import_profiles":
        return f"{who} saved the import profile {title}"
    if table == "people":
        return (f"{who} added {change.title} to the team" if change.person_name
                else f"{change.title} joined the team")
    if table == "team_settings":
        value = row.get("value")
        setting = change.title.replace("_", " ")
        return f"{who} set the {setting}" + (f" to {_quoted(value)}" if value else "")
    return f"{who} added the {noun} {title}"


def _updated(change: Change, known: Known, who: str, noun: str, title: str) -> str:
    changes = change.changes
    table = change.table
    if table == "cards" and "stage" in changes:
        after = changes["stage"][1]
        rest = _rest(changes, "stage", "position", "team")
        lane = ""
        if "team" in changes and changes["team"][1]:
            lane = f" ({value_text(table, 'team', changes['team'][1], known)})"
        return f"{who} moved {title} to {_label(str(after))}{lane}" + _also(rest)
    if table == "cards" and set(changes) - _FOLDED == {"position"}:
        stage = known.row(table, change.row_id).get("stage")
        where = f"within {_label(stage)}" if isinstance(stage, str) else "within its column"
        return f"{who} moved {title} {where}"
    if table == "action_items" and "done" in changes:
        done = changes["done"][1]
        said = f"{who} ticked the action {title} done" if done \
            else f"{who} opened the action {title} again"
        return said + _also(_rest(changes, "done"))
    if table == "signals" and "status" in changes and changes["status"][1] in SIGNAL_STEPS:
        step = SIGNAL_STEPS[SignalStatus(changes["status"][1])]
        return f"{who} marked the {noun} {title} {step}" + _also(_rest(
            changes, "status", "routed_at", "acknowledged_at", "contacted_at", "closed_at",
            "communication_id"))
    if table == "story_requests" and "status" in changes:
        said = _STATUS_SENTENCES.get(changes["status"][1], "{who} moved {title} on").format(
            who=who, title=title)
        return said + _also(_rest(changes, "status", *_DECISION))
    if table == "people" and "active" in changes and set(changes) - _FOLDED == {"active"}:
        return (f"{who} marked {change.title} back on the team" if changes["active"][1]
                else f"{who} marked {change.title} as no longer on the team")
    fields = [name for name in changes if name not in _FOLDED]
    if "title" in changes and len(fields) == 1 or ("name" in changes and len(fields) == 1
                                                   and table != "team_settings"):
        key = "title" if "title" in changes else "name"
        return (f"{who} renamed the {noun} {_quoted(changes[key][0] or '')} "
                f"to {_quoted(changes[key][1] or '')}")
    if table == "team_settings":
        return f"{who} set the {change.title.replace('_', ' ')} to " \
               f"{_quoted(changes.get('value', ('', ''))[1] or '')}"
    if not fields:
        return f"{who} changed the {noun} {title}"
    if len(fields) == 1:
        name = fields[0]
        after = changes[name][1]
        if name in _LONG_TEXTS:
            return f"{who} changed the {field_words(name)} of the {noun} {title}"
        if name in _COLLECTIONS:
            removed, added = _listed(changes[name][0]), _listed(changes[name][1])
            if added and not removed:
                return (f"{who} added {value_text(table, name, added, known)} to the "
                        f"{field_words(name)} of the {noun} {title}")
            if removed and not added:
                return (f"{who} took {value_text(table, name, removed, known)} off the "
                        f"{field_words(name)} of the {noun} {title}")
            return f"{who} changed the {field_words(name)} of the {noun} {title}"
        if after is None or after == "" or after == []:
            return f"{who} cleared the {field_words(name)} of the {noun} {title}"
        return (f"{who} set the {field_words(name)} of the {noun} {title} to "
                f"{value_text(table, name, after, known)}")
    return f"{who} changed the {_and([field_words(n) for n in fields])} of the {noun} {title}"


def _rest(changes: Mapping[str, Any], *shown: str) -> list[str]:
    return [name for name in changes if name not in _FOLDED and name not in shown]


def _also(rest: list[str]) -> str:
    return f", and changed the {_and([field_words(n) for n in rest])}" if rest else ""


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
