"""Joint meetings: attendees from each department, agenda, notes, decisions and action items.

A meeting is saved whole from its editor; its action items carry their own
versions, because one can be ticked done from "My actions" while someone else
has the meeting open. A meeting can pull the board's upcoming PR cards into its
agenda, and turn an idea from its notes into an idea card on the board.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import models as m
from db.enums import Department, Stage, Team
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop import board
from desktop.attendees import (
    Attendee,
    departments_of,
    is_joint,
    load_people,
    merge_attendees,
    to_attendees,
)
from desktop.errors import ConflictError, NotFoundError, ValidationError

#: Meetings have a start only; calendars show them this long.
MEETING_LENGTH = timedelta(hours=1)
#: How far ahead "Share upcoming PR campaigns" looks by default.
UPCOMING_WEEKS = 4
AGENDA_HEADING = "Upcoming PR campaigns:"
TITLE_LIMIT = 200
CARD_TITLE_LIMIT = 300
#: The table of action items, as a ``ConflictError`` names it.
ACTION_TABLE = "action_items"


@dataclass(frozen=True)
class ActionInput:
    """One action item as the editor holds it; ``id`` and ``version`` for a saved one."""

    text: str
    owner_id: int | None = None
    due_on: date | None = None
    done: bool = False
    id: int | None = None
    version: int | None = None
    card_id: int | None = None
    campaign_id: int | None = None

    def values(self) -> tuple[str, int | None, date | None, bool]:
        """What a person edits, for telling whether anything changed."""
        return (self.text, self.owner_id, self.due_on, self.done)


@dataclass(frozen=True)
class MeetingInput:
    starts_at: datetime
    title: str
    attendee_ids: tuple[int, ...] = ()
    agenda: str = ""
    notes: str = ""
    decisions: str = ""
    actions: tuple[ActionInput, ...] = ()


@dataclass(frozen=True)
class ActionItem:
    id: int
    version: int
    meeting_id: int
    text: str
    owner_id: int | None
    owner_name: str
    due_on: date | None
    done: bool
    done_on: date | None
    card_id: int | None
    campaign_id: int | None

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_on is not None and self.due_on < today

    def as_input(self) -> ActionInput:
        return ActionInput(self.text, self.owner_id, self.due_on, self.done, self.id,
                           self.version, self.card_id, self.campaign_id)


@dataclass(frozen=True)
class Meeting:
    id: int
    version: int
    uid: str
    starts_at: datetime
    title: str
    agenda: str
    notes: str
    decisions: str
    attendees: tuple[Attendee, ...]
    actions: tuple[ActionItem, ...]

    @property
    def departments(self) -> tuple[Department, ...]:
        return departments_of(self.attendees)

    @property
    def joint(self) -> bool:
        return is_joint(self.departments)

    def as_input(self) -> MeetingInput:
        return MeetingInput(self.starts_at, self.title,
                            tuple(a.person_id for a in self.attendees), self.agenda,
                            self.notes, self.decisions, tuple(a.as_input() for a in self.actions))


@dataclass(frozen=True)
class MeetingSummary:
    """A row of the meetings list; ``search_text`` is everything a search may match."""

    id: int
    version: int
    starts_at: datetime
    title: str
    departments: tuple[Department, ...]
    attendee_count: int
    open_actions: int
    action_count: int
    search_text: str

    @property
    def joint(self) -> bool:
        return is_joint(self.departments)


@dataclass(frozen=True)
class OpenAction:
    """An action item in "My actions", with the meeting it came from."""

    item: ActionItem
    meeting_title: str
    meeting_starts_at: datetime


@dataclass(frozen=True)
class IdeaCard:
    """What "Make an idea card" created, so that it can be undone and redone."""

    meeting_id: int
    card_id: int
    card_title: str
    action: ActionItem


# --------------------------------------------------------------------------- reading


def meeting_uid(meeting_id: int, created_at: datetime) -> str:
    """A calendar UID that stays the same for as long as the meeting exists."""
    return f"meeting-{meeting_id}-{created_at:%Y%m%dT%H%M%S}@commonground"


def _owner_names(session, rows: list[m.ActionItem]) -> dict[int, str]:  # noqa: ANN001
    ids = {row.owner_id for row in rows if row.owner_id}
    if not ids:
        return {}
    query = select(m.Person.id, m.Person.name).where(m.Person.id.in_(ids))
    return {person_id: name for person_id, name in session.execute(query)}


def _to_action(row: m.ActionItem, owners: Mapping[int, str]) -> ActionItem:
    return ActionItem(row.id, row.version, row.meeting_id, row.text, row.owner_id,
                      owners.get(row.owner_id, "") if row.owner_id else "", row.due_on,
                      row.done, row.done_on, row.card_id, row.campaign_id)


def _to_meeting(session, row: m.Meeting) -> Meeting:  # noqa: ANN001
    owners = _owner_names(session, list(row.action_items))
    return Meeting(row.id, row.version, meeting_uid(row.id, row.created_at), row.starts_at,
                   row.title, row.agenda, row.notes, row.decisions, to_attendees(row.attendees),
                   tuple(_to_action(a, owners) for a in row.action_items))


def _to_summary(row: m.Meeting) -> MeetingSummary:
    attendees = to_attendees(row.attendees)
    texts = [row.title, row.agenda, row.notes, row.decisions,
             *(a.name for a in attendees), *(item.text for item in row.action_items)]
    return MeetingSummary(
        row.id, row.version, row.starts_at, row.title, departments_of(attendees),
        len(attendees), sum(1 for item in row.action_items if not item.done),
        len(row.action_items), "\n".join(texts))


def _live_meeting(session, meeting_id: int) -> m.Meeting:  # noqa: ANN001
    row = session.get(m.Meeting, meeting_id)
    if row is None:
        raise NotFoundError("That meeting has been deleted.")
    return row


def list_meetings(uow: UnitOfWork) -> list[MeetingSummary]:
    """Every meeting, newest first."""
    query = (select(m.Meeting).options(selectinload(m.Meeting.action_items))
             .order_by(m.Meeting.starts_at.desc(), m.Meeting.id.desc()))
    with uow.read() as session:
        return [_to_summary(row) for row in session.scalars(query)]


def get_meeting(uow: UnitOfWork, meeting_id: int) -> Meeting:
    with uow.read() as session:
        return _to_meeting(session, _live_meeting(session, meeting_id))


def meetings_between(uow: UnitOfWork, start: date | None = None,
                     end: date | None = None) -> list[Meeting]:
    """Whole meetings starting on the days ``start`` to ``end`` (both included), in time order."""
    query = select(m.Meeting).options(selectinload(m.Meeting.action_items))
    if start is not None:
        query = query.where(m.Meeting.starts_at >= datetime.combine(start, datetime.min.time()))
    if end is not None:
        query = query.where(m.Meeting.starts_at < datetime.combine(end + timedelta(days=1),
                                                                   datetime.min.time()))
    with uow.read() as session:
        return [_to_meeting(session, row)
                for row in session.scalars(query.order_by(m.Meeting.starts_at, m.Meeting.id))]


def my_actions(uow: UnitOfWork, person_id: int, today: date | None = None) -> list[OpenAction]:
    """The person's open action items from all meetings: overdue first, then by due date."""
    today = today or date.today()
    query = (select(m.ActionItem, m.Meeting.title, m.Meeting.starts_at)
             .join(m.Meeting, m.Meeting.id == m.ActionItem.meeting_id)
             .where(m.ActionItem.owner_id == person_id, m.ActionItem.done.is_(False)))
    with uow.read() as session:
        rows = list(session.execute(query))
        owners = _owner_names(session, [row[0] for row in rows])
        found = [OpenAction(_to_action(item, owners), title, starts_at)
                 for item, title, starts_at in rows]

    def order(action: OpenAction) -> tuple[bool, date, datetime, int]:
        item = action.item
        return (not item.overdue(today), item.due_on or date.max, action.meeting_starts_at,
                item.id)

    return sorted(found, key=order)


# --------------------------------------------------------------------------- validating


def _validated(session, data: MeetingInput) -> MeetingInput:  # noqa: ANN001
    title = data.title.strip()
    if not title:
        raise ValidationError("A meeting needs a title.", field="title")
    if len(title) > TITLE_LIMIT:
        raise ValidationError(f"Shorten the title to {TITLE_LIMIT} characters.", field="title")
    if not isinstance(data.starts_at, datetime):
        raise ValidationError("A meeting needs a start date and time.", field="starts_at")
    load_people(session, data.attendee_ids)
    actions = tuple(_validated_action(session, action, data.starts_at.date())
                    for action in data.actions)
    return replace(data, title=title, starts_at=data.starts_at.replace(second=0, microsecond=0),
                   attendee_ids=tuple(sorted(set(data.attendee_ids))), actions=actions)


def _validated_action(session, action: ActionInput,  # noqa: ANN001
                      meeting_day: date) -> ActionInput:
    text = action.text.strip()
    if not text:
        raise ValidationError("An action item needs a text: what is to be done?",
                              field="actions")
    if action.owner_id is not None and session.get(m.Person, action.owner_id) is None:
        raise ValidationError(f"The owner of '{text[:60]}' is no longer in the team file.",
                              field="actions")
    if action.due_on is not None and action.due_on < meeting_day:
        raise ValidationError(
            f"The action '{text[:60]}' is due on {action.due_on.isoformat()}, before the "
            f"meeting on {meeting_day.isoformat()}. Choose a later due date.", field="actions")
    return replace(action, text=text)


def _plain(data: MeetingInput) -> dict[str, object]:
    return {"title": data.title, "starts_at": data.starts_at.isoformat(),
            "agenda": data.agenda, "notes": data.notes, "decisions": data.decisions}


def _action_plain(action: ActionInput, done_on: date | None) -> dict[str, object]:
    return {"text": action.text, "owner_id": action.owner_id,
            "due_on": action.due_on.isoformat() if action.due_on else None, "done": action.done,
            "done_on": done_on.isoformat() if done_on else None}


# --------------------------------------------------------------------------- writing


def _new_action(action: ActionInput, today: date) -> m.ActionItem:
    return m.ActionItem(text=action.text, owner_id=action.owner_id, due_on=action.due_on,
                        done=action.done, done_on=today if action.done else None,
                        card_id=action.card_id, campaign_id=action.campaign_id)


def create_meeting(uow: UnitOfWork, data: MeetingInput) -> Meeting:
    today = date.today()
    with uow.write() as session:
        data = _validated(session, data)
        row = m.Meeting(starts_at=data.starts_at, title=data.title, agenda=data.agenda,
                        notes=data.notes, decisions=data.decisions,
                        attendees=load_people(session, data.attendee_ids),
                        action_items=[_new_action(a, today) for a in data.actions])
        session.add(row)
        session.flush()
        return _to_meeting(session, row)


def update_meeting(uow: UnitOfWork, meeting_id: int, seen_version: int, data: MeetingInput,
                   seen: Meeting | None = None) -> Meeting:
    """Save the editor's meeting, made on version ``seen_version``.

    With ``seen`` (the meeting as the person loaded it) the save is a three-way
    merge: attendees and action items the person left alone keep whatever
    others saved meanwhile, items others added stay, and only an item that both
    sides changed is a conflict. Without it, ``data`` replaces what is stored.
    """
    with uow.write() as session:
        row = _expected_meeting(session, meeting_id, seen_version, data)
        return _saved_meeting(session, row, data, seen)


def edit_meeting(uow: UnitOfWork, meeting_id: int, seen_version: int, data: MeetingInput,
                 seen: Meeting | None = None) -> tuple[Meeting, Meeting]:
    """``update_meeting``, with the meeting as it was just before: what undo brings back,
    read in the same transaction, so no one else's save can slip in between."""
    with uow.write() as session:
        row = _expected_meeting(session, meeting_id, seen_version, data)
        before = _to_meeting(session, row)
        return before, _saved_meeting(session, row, data, seen)


def reapply_meeting(uow: UnitOfWork, state: Meeting, target: Meeting) -> Meeting:
    """Undo or redo of an edit: ``target``'s values saved on top of ``state`` (what the
    edit last wrote), merged with what others saved since, in one transaction; action
    items removed meanwhile come back as new ones."""
    data = target.as_input()
    with uow.write() as session:
        row = _expected_meeting(session, state.id, state.version, data)
        return _saved_meeting(session, row, rebased(data, _to_meeting(session, row)), state)


def _expected_meeting(session, meeting_id: int, seen_version: int,  # noqa: ANN001
                      data: MeetingInput) -> m.Meeting:
    """The stored meeting, once a save of ``data`` made on ``seen_version`` may go on."""
    row = session.get(m.Meeting, meeting_id)
    expect_version(row, "meetings", meeting_id, seen_version, _plain(data))
    return row


def _saved_meeting(session, row: m.Meeting, data: MeetingInput,  # noqa: ANN001
                   seen: Meeting | None) -> Meeting:
    data = _validated(session, data)
    for name in ("starts_at", "title", "agenda", "notes", "decisions"):
        if getattr(row, name) != getattr(data, name):
            setattr(row, name, getattr(data, name))
    merge_attendees(session, row, data.attendee_ids,
                    tuple(a.person_id for a in seen.attendees) if seen else None)
    _merge_actions(row, data.actions, {a.id: a for a in seen.actions} if seen else None,
                   date.today())
    session.flush()
    return _to_meeting(session, row)


def _merge_actions(row: m.Meeting, wanted: tuple[ActionInput, ...],
                   seen: Mapping[int, ActionItem] | None, today: date) -> None:
    stored = {item.id: item for item in row.action_items}
    wanted_ids = {a.id for a in wanted if a.id is not None}
    for item_id, item in stored.items():
        if item_id in wanted_ids or (seen is not None and item_id not in seen):
            continue  # kept, or added by someone else meanwhile
        if seen is not None:
            expect_version(item, ACTION_TABLE, item_id, seen[item_id].version,
                           {"deleted": True})
        row.action_items.remove(item)
    for action in wanted:
        before = seen.get(action.id) if seen is not None and action.id is not None else None
        untouched = before is not None and before.as_input().values() == action.values()
        item = stored.get(action.id) if action.id is not None else None
        if item is None:
            if untouched:
                continue  # someone else removed it, and this person did not change it
            if before is not None:
                raise ValidationError(
                    f"Someone else removed the action item '{action.text[:60]}' while you "
                    "were editing it. Delete its row (or add it again as a new one) and save.",
                    field="actions")
            row.action_items.append(_new_action(action, today))
            continue
        current = ActionInput(item.text, item.owner_id, item.due_on, item.done)
        if untouched or current.values() == action.values():
            continue
        done_on = _done_on(item, action.done, today)
        expect_version(item, ACTION_TABLE, item.id,
                       before.version if before is not None else item.version,
                       _action_plain(action, done_on))
        item.text, item.owner_id, item.due_on, item.done, item.done_on = (
            action.text, action.owner_id, action.due_on, action.done, done_on)


def rebased(data: MeetingInput, current: Meeting) -> MeetingInput:
    """``data`` with the action items that no longer exist in ``current`` made new again.

    Undo and redo use it: an item an edit removed comes back as a new one.
    """
    ids = {a.id for a in current.actions}
    return replace(data, actions=tuple(a if a.id in ids else replace(a, id=None, version=None)
                                       for a in data.actions))


def conflicting_input(data: MeetingInput,
                      conflict: ConflictError) -> MeetingInput | ActionInput:
    """What a save's ``conflict`` is about: the meeting's own fields, or one action item.

    Put the fields the person takes from theirs into it (``merge.take_theirs``),
    then hand it to ``settle_conflict``.
    """
    if conflict.table == ACTION_TABLE:
        return next((a for a in data.actions if a.id == conflict.row_id), data)
    return data


def settle_conflict(seen: Meeting, data: MeetingInput, conflict: ConflictError,
                    chosen: MeetingInput | ActionInput) -> tuple[Meeting, MeetingInput]:
    """The base to save on and the values to save once the person settled ``conflict``.

    ``chosen`` is ``conflicting_input`` with the person's picks. Only the record in
    conflict (the meeting, or one action item) moves on to the stored version;
    everything else is still merged against what the person saw, so attendees and
    action items that others changed meanwhile keep their changes, and an item that
    both sides changed still asks.
    """
    if conflict.table == ACTION_TABLE:
        actions = tuple(replace(a, version=conflict.stored_version)
                        if a.id == conflict.row_id else a for a in seen.actions)
        if isinstance(chosen, ActionInput):
            data = replace(data, actions=tuple(chosen if a.id == conflict.row_id else a
                                               for a in data.actions))
        return replace(seen, actions=actions), data
    assert isinstance(chosen, MeetingInput)
    return replace(seen, version=conflict.stored_version), chosen


def delete_meeting(uow: UnitOfWork, meeting_id: int, seen_version: int | None = None) -> Meeting:
    """Delete a meeting with its action items; returns what was deleted, for undo.

    Without ``seen_version`` the meeting goes as it is stored now (an undo of adding it,
    a redo of deleting it), checked and deleted in one transaction.
    """
    with uow.write() as session:
        row = session.get(m.Meeting, meeting_id)
        if seen_version is None and row is not None:
            seen_version = row.version
        expect_version(row, "meetings", meeting_id, seen_version, {"deleted": True})
        snapshot = _to_meeting(session, row)
        session.delete(row)
        return snapshot


def restore_meeting(uow: UnitOfWork, snapshot: Meeting) -> Meeting:
    """Write a deleted meeting back (new ids), its action items as they were."""
    data = snapshot.as_input()
    with uow.write() as session:
        row = m.Meeting(starts_at=data.starts_at, title=data.title, agenda=data.agenda,
                        notes=data.notes, decisions=data.decisions,
                        attendees=load_people_present(session, data.attendee_ids))
        for old in snapshot.actions:
            item = _new_action(old.as_input(), date.today())
            item.done_on = old.done_on
            row.action_items.append(item)
        session.add(row)
        session.flush()
        return _to_meeting(session, row)


def load_people_present(session, person_ids: tuple[int, ...]) -> list[m.Person]:  # noqa: ANN001
    """The people of ``person_ids`` still in the file (an undo skips the ones gone)."""
    if not person_ids:
        return []
    return list(session.scalars(select(m.Person).where(m.Person.id.in_(person_ids))))


def set_action_done(uow: UnitOfWork, action_id: int, seen_version: int, done: bool,
                    today: date | None = None) -> ActionItem:
    """Tick an action item done (or open again), saved at once."""
    with uow.write() as session:
        item = session.get(m.ActionItem, action_id)
        done_on = _done_on(item, done, today or date.today()) if item is not None else None
        expect_version(item, ACTION_TABLE, action_id, seen_version,
                       {"done": done, "done_on": done_on.isoformat() if done_on else None})
        item.done, item.done_on = done, done_on
        session.flush()
        return _to_action(item, _owner_names(session, [item]))


def _done_on(item: m.ActionItem, done: bool, today: date) -> date | None:
    """The day an item was done: kept when it stays done, today when it becomes done."""
    if not done:
        return None
    return item.done_on if item.done and item.done_on else today


# --------------------------------------------------------------------------- the board


def upcoming_pr_cards(uow: UnitOfWork, today: date | None = None,
                      weeks: int = UPCOMING_WEEKS) -> list[board.CardSummary]:
    """The board's PR cards due in the next ``weeks`` weeks that are not published yet."""
    today = today or date.today()
    card = m.Card
    query = (select(card.id, card.version, card.title, card.kind, card.stage, card.team,
                    m.Person.name, card.due_on, m.Campaign.name, card.channel)
             .outerjoin(m.Person, m.Person.id == card.owner_id)
             .outerjoin(m.Campaign, m.Campaign.id == card.campaign_id)
             .where(card.team == Team.PR, card.deleted_at.is_(None),
                    card.stage.not_in((Stage.PUBLISHED, Stage.MEASURED)),
                    card.due_on >= today, card.due_on <= today + timedelta(weeks=weeks))
             .order_by(card.due_on, card.title))
    with uow.read() as session:
        return [board.CardSummary(id_, version, title, kind, stage, team, owner or "", due_on,
                                  campaign or "", channel)
                for id_, version, title, kind, stage, team, owner, due_on, campaign, channel
                in session.execute(query)]


def agenda_line(card: board.CardSummary) -> str:
    details = [card.campaign_name, f"due {card.due_on.isoformat()}" if card.due_on else "",
               card.owner_name]
    return f"- {card.title} ({', '.join(d for d in details if d)})"


def agenda_with_campaigns(agenda: str, cards: list[board.CardSummary]) -> str:
    """The agenda with a line per upcoming PR card; cards already listed are not repeated."""
    present = {line.strip() for line in agenda.splitlines()}
    lines = [agenda_line(c) for c in cards if agenda_line(c) not in present]
    if not lines:
        return agenda
    block = ([] if AGENDA_HEADING in present else [AGENDA_HEADING]) + lines
    text = agenda.rstrip("\n")
    return (text + "\n\n" if text else "") + "\n".join(block)


def default_team(department: Department) -> Team:
    """The board team an idea card goes to when the person does not choose one."""
    try:
        return Team(department.value)
    except ValueError:
        return Team.PR


def make_idea_card(uow: UnitOfWork, meeting_id: int, line: str, team: Team,
                   owner_id: int | None = None) -> IdeaCard:
    """Turn an idea from the notes into an idea card, linked back by an action item.

    The card's notes name the meeting; the meeting gets an open action item
    ("Idea card: ...") that points at the card.
    """
    title = line.strip().lstrip("-*•").strip()[:CARD_TITLE_LIMIT]
    if not title:
        raise ValidationError("Put the cursor on the note line with the idea, then try again.",
                              field="notes")
    with uow.write() as session:  # the card and its action item, or neither
        meeting = _meeting_for_idea(session, meeting_id)
        card = board.insert_card(session, board.CardInput(
            title=title, team=team, stage=Stage.IDEA, owner_id=owner_id,
            notes=f"Raised in the meeting '{meeting.title}' on {meeting.starts_at:%Y-%m-%d}."))
        action = _link_card(session, meeting, card.id, title, owner_id)
        return IdeaCard(meeting_id, card.id, title, action)


def _meeting_for_idea(session, meeting_id: int) -> m.Meeting:  # noqa: ANN001
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError("That meeting has been deleted; no idea card was made.")
    return meeting


def _link_card(session, meeting: m.Meeting, card_id: int, title: str,  # noqa: ANN001
               owner_id: int | None) -> ActionItem:
    item = m.ActionItem(text=f"Idea card: {title}", owner_id=owner_id, card_id=card_id)
    meeting.action_items.append(item)  # others' editors keep items they never saw
    session.flush()
    return _to_action(item, _owner_names(session, [item]))


def remove_idea_card(uow: UnitOfWork, idea: IdeaCard) -> None:
    """Undo "Make an idea card": the action item goes, the card to the board's trash."""
    with uow.write() as session:  # both, or neither
        item = session.get(m.ActionItem, idea.action.id)
        if item is not None:
            session.delete(item)
        card = session.get(m.Card, idea.card_id)
        if card is not None and card.deleted_at is None:  # else already in the trash
            board.trash_card_in(session, card.id, card.version)


def restore_idea_card(uow: UnitOfWork, idea: IdeaCard) -> IdeaCard:
    """Redo "Make an idea card": the card back from the trash, a new linking action item."""
    with uow.write() as session:  # both, or neither
        meeting = _meeting_for_idea(session, idea.meeting_id)
        board.restore_cards_in(session, (idea.card_id,))
        action = _link_card(session, meeting, idea.card_id, idea.card_title,
                            idea.action.owner_id)
        return replace(idea, action=action)
