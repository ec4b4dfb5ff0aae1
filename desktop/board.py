"""The campaign repurposing board: campaigns and the cards on them.

Cards keep a total order within their column through ``position`` (a float:
a move takes the midpoint between its new neighbours, and the column is
renumbered in the same transaction when the gap runs out). Deleting moves a
card to a trash the whole team shares.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased

from db import models as m
from db.enums import CardKind, CommonGroundTag, Stage, Team
from db.errors import ConflictError
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from db.versioning import changed_since, expect_version, snapshot
from desktop.errors import NotFoundError, ValidationError

#: A new card due further back than this gets a warning (it is still saved).
PAST_DUE_WARNING = timedelta(days=30)
_MIN_GAP = 1e-6


@dataclass(frozen=True)
class Campaign:
    id: int
    version: int
    name: str
    description: str
    launch_on: date | None


@dataclass(frozen=True)
class CardInput:
    title: str
    team: Team
    kind: CardKind = CardKind.OTHER
    stage: Stage = Stage.IDEA
    campaign_id: int | None = None
    owner_id: int | None = None
    due_on: date | None = None
    goal_id: int | None = None
    channel: str = ""
    derived_from_id: int | None = None
    published_url: str = ""
    pilot: bool = False
    notes: str = ""
    tags: tuple[CommonGroundTag, ...] = ()


@dataclass(frozen=True)
class Card:
    """A card as the board shows it, with the names it refers to resolved."""

    id: int
    version: int
    title: str
    kind: CardKind
    stage: Stage
    team: Team
    position: float
    campaign_id: int | None = None
    campaign_name: str = ""
    owner_id: int | None = None
    owner_name: str = ""
    due_on: date | None = None
    goal_id: int | None = None
    goal_title: str = ""
    channel: str = ""
    derived_from_id: int | None = None
    published_url: str = ""
    pilot: bool = False
    notes: str = ""
    tags: tuple[CommonGroundTag, ...] = ()
    derivative_count: int = 0  # pieces derived from it directly

    def as_input(self) -> CardInput:
        return CardInput(self.title, self.team, self.kind, self.stage, self.campaign_id,
                         self.owner_id, self.due_on, self.goal_id, self.channel,
                         self.derived_from_id, self.published_url, self.pilot, self.notes,
                         self.tags)

    def overdue(self, today: date) -> bool:
        return (self.due_on is not None and self.due_on < today
                and self.stage not in (Stage.PUBLISHED, Stage.MEASURED))


@dataclass(frozen=True)
class CardSummary:
    """What a list of cards shows about each one."""

    id: int
    version: int
    title: str
    kind: CardKind
    stage: Stage
    team: Team
    owner_name: str
    due_on: date | None
    campaign_name: str
    channel: str


@dataclass(frozen=True)
class Saved:
    """A saved card and what the person should be told about it (but was not refused)."""

    card: Card
    warnings: tuple[str, ...] = ()


class Derivatives(StrEnum):
    """What happens to the cards derived from a card that goes to the trash."""

    KEEP = "keep"
    DETACH = "detach"
    DELETE = "delete"


@dataclass(frozen=True)
class Trashed:
    """What a deletion did, so that undo can put it all back."""

    card_ids: tuple[int, ...]
    detached: tuple[tuple[int, int], ...] = field(default_factory=tuple)  # (card, its source)


@dataclass(frozen=True)
class Place:
    """Where a card stands: its column, its owning team, and the card it follows there."""

    stage: Stage
    team: Team
    after_id: int | None  # None: first in its column


@dataclass(frozen=True)
class Moved:
    """What a move did, read in its own transaction: what undo puts back and redo repeats."""

    card: Card  # as stored after the move (its new version)
    origin: Place
    place: Place


# --- campaigns -----------------------------------------------------------------
def to_campaign(row: m.Campaign) -> Campaign:
    return Campaign(row.id, row.version, row.name, row.description, row.launch_on)


def create_campaign(uow: UnitOfWork, name: str, description: str = "",
                    launch_on: date | None = None) -> Campaign:
    name = name.strip()
    if not name:
        raise ValidationError("A campaign needs a name.", field="name")
    with uow.write() as session:
        row = m.Campaign(name=name, description=description, launch_on=launch_on)
        session.add(row)
        session.flush()
        return to_campaign(row)


def list_campaigns(uow: UnitOfWork) -> list[Campaign]:
    with uow.read() as session:
        query = select(m.Campaign).where(m.Campaign.deleted_at.is_(None)).order_by(m.Campaign.name)
        return [to_campaign(row) for row in session.scalars(query)]


# --- reading cards -------------------------------------------------------------
def _card_query():  # noqa: ANN202 - a Select over plain columns
    """One query for everything a card shows: names, tags, and how many derive from it."""
    card = m.Card
    tags = (select(m.CardTag.card_id, func.aggregate_strings(m.CardTag.tag, ",").label("tags"))
            .group_by(m.CardTag.card_id).subquery())
    source = aliased(m.Card)
    derived = (select(source.derived_from_id.label("source_id"), func.count().label("pieces"))
               .where(source.derived_from_id.is_not(None), source.deleted_at.is_(None))
               .group_by(source.derived_from_id).subquery())
    return (select(card.id, card.version, card.title, card.kind, card.stage, card.team,
                   card.position, card.campaign_id, m.Campaign.name, card.owner_id,
                   m.Person.name, card.due_on, card.goal_id, m.Goal.title, card.channel,
                   card.derived_from_id, card.published_url, card.pilot, card.notes,
                   tags.c.tags, derived.c.pieces)
            .outerjoin(m.Campaign, m.Campaign.id == card.campaign_id)
            .outerjoin(m.Person, m.Person.id == card.owner_id)
            .outerjoin(m.Goal, m.Goal.id == card.goal_id)
            .outerjoin(tags, tags.c.card_id == card.id)
            .outerjoin(derived, derived.c.source_id == card.id))


_TAGS = {tag.value: tag for tag in CommonGroundTag}


def _cards_from_rows(rows) -> list[Card]:  # noqa: ANN001
    # The enum columns already come back as members: no second conversion for 10,000 cards.
    return [Card(id_, version, title, kind, stage, team, position,
                 campaign_id, campaign or "", owner_id, owner or "", due_on, goal_id,
                 goal or "", channel, derived_from_id, url, pilot, notes,
                 tuple(sorted(_TAGS[t] for t in tags.split(","))) if tags else (), pieces or 0)
            for (id_, version, title, kind, stage, team, position, campaign_id, campaign,
                 owner_id, owner, due_on, goal_id, goal, channel, derived_from_id, url, pilot,
                 notes, tags, pieces) in rows]


def card_listing_query():  # noqa: ANN201 - a Select
    """The board's query: every live card, column by column, in board order."""
    return _card_query().where(m.Card.deleted_at.is_(None)).order_by(m.Card.stage, m.Card.position)


def list_cards(uow: UnitOfWork) -> list[Card]:
    """Every live card, column by column, in board order."""
    query = card_listing_query()
    with uow.read() as session:  # a Core execution: plain rows, no ORM loading overhead
        return _cards_from_rows(session.connection().execute(query).all())


def get_card(uow: UnitOfWork, card_id: int) -> Card:
    with uow.read() as session:
        return _card_in(session, card_id)


def _card_in(session, card_id: int) -> Card:  # noqa: ANN001
    """A live card as the caller's transaction sees it (a write's own changes flushed)."""
    rows = session.connection().execute(_card_query().where(
        m.Card.id == card_id, m.Card.deleted_at.is_(None))).all()
    if not rows:
        raise NotFoundError("That card has been deleted, or moved to the trash.")
    return _cards_from_rows(rows)[0]


def list_trash(uow: UnitOfWork) -> list[Card]:
    query = (_card_query().where(m.Card.deleted_at.is_not(None))
             .order_by(m.Card.deleted_at.desc(), m.Card.id))
    with uow.read() as session:
        return _cards_from_rows(session.connection().execute(query).all())


def cards_without_goal(uow: UnitOfWork) -> list[CardSummary]:
    """Content without a purpose: live cards that support no goal, soonest due first."""
    card = m.Card
    query = (select(card.id, card.version, card.title, card.kind, card.stage, card.team,
                    m.Person.name, card.due_on, m.Campaign.name, card.channel)
             .outerjoin(m.Person, m.Person.id == card.owner_id)
             .outerjoin(m.Campaign, m.Campaign.id == card.campaign_id)
             .where(card.goal_id.is_(None), card.deleted_at.is_(None))
             .order_by(card.due_on.is_(None), card.due_on, card.title))
    with uow.read() as session:
        return [CardSummary(id_, version, title, CardKind(kind), Stage(stage), Team(team),
                            owner or "", due_on, campaign or "", channel)
                for id_, version, title, kind, stage, team, owner, due_on, campaign, channel
                in session.execute(query)]


# --- derived-from links ----------------------------------------------------------
def children_map(session) -> dict[int, list[int]]:  # noqa: ANN001
    children: dict[int, list[int]] = defaultdict(list)
    query = (select(m.Card.id, m.Card.derived_from_id)
             .where(m.Card.derived_from_id.is_not(None), m.Card.deleted_at.is_(None)))
    for card_id, source_id in session.execute(query):
        children[source_id].append(card_id)
    return children


def descendants_of(children: dict[int, list[int]], card_id: int) -> list[int]:
    """Every card derived, directly or not, from ``card_id`` (depth first)."""
    found: list[int] = []
    stack = list(reversed(children.get(card_id, [])))
    seen = {card_id}
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        found.append(current)
        stack.extend(reversed(children.get(current, [])))
    return found


def derivation_candidates(uow: UnitOfWork, card_id: int | None) -> list[CardSummary]:
    """The cards a card may derive from: all live cards except itself and its descendants."""
    with uow.read() as session:
        excluded = set()
        if card_id is not None:
            excluded = {card_id, *descendants_of(children_map(session), card_id)}
    return sorted((c for c in _all_summaries(uow) if c.id not in excluded),
                  key=lambda c: (c.campaign_name.lower(), c.title.lower()))


def _all_summaries(uow: UnitOfWork) -> list[CardSummary]:
    return [CardSummary(c.id, c.version, c.title, c.kind, c.stage, c.team, c.owner_name,
                        c.due_on, c.campaign_name, c.channel) for c in list_cards(uow)]


def _check_source(session, card_id: int | None, source_id: int | None) -> None:  # noqa: ANN001
    if source_id is None:
        return
    source = session.get(m.Card, source_id)
    if source is None or source.deleted_at is not None:
        raise ValidationError("The card it derives from has been deleted.", field="derived_from_id")
    if card_id is None:
        return
    if source_id == card_id:
        raise ValidationError("A card cannot derive from itself.", field="derived_from_id")
    if source_id in descendants_of(children_map(session), card_id):
        raise ValidationError(
            f"'{source.title}' is itself derived from this card; deriving from it would make a "
            "circle. Choose a card further up the lineage.", field="derived_from_id")


# --- writing cards ---------------------------------------------------------------
def _clean(data: CardInput) -> CardInput:
    title = data.title.strip()
    if not title:
        raise ValidationError("A card needs a title.", field="title")
    if len(title) > 300:
        raise ValidationError("Keep the title under 300 characters; put the rest in the notes.",
                              field="title")
    url = data.published_url.strip()
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValidationError("The published link should start with http:// or https://.",
                              field="published_url")
    return CardInput(title, Team(data.team), CardKind(data.kind), Stage(data.stage),
                     data.campaign_id, data.owner_id, data.due_on, data.goal_id,
                     data.channel.strip(), data.derived_from_id, url, bool(data.pilot),
                     data.notes, tuple(sorted({CommonGroundTag(t) for t in data.tags})))


def _check_references(session, data: CardInput) -> None:  # noqa: ANN001
    for model, ref, name in ((m.Campaign, data.campaign_id, "campaign"),
                             (m.Person, data.owner_id, "owner"),
                             (m.Goal, data.goal_id, "goal")):
        if ref is None:
            continue
        row = session.get(model, ref)
        if row is None or getattr(row, "deleted_at", None) is not None:
            raise ValidationError(f"The chosen {name} no longer exists.", field=f"{name}_id")


def _end_of_column(session, stage: Stage) -> float:  # noqa: ANN001
    last = session.scalar(select(func.max(m.Card.position))
                          .where(m.Card.stage == stage, m.Card.deleted_at.is_(None)))
    return (last or 0.0) + 1.0


def _warnings(data: CardInput, today: date) -> tuple[str, ...]:
    if data.due_on is not None and data.due_on < today - PAST_DUE_WARNING:
        return (f"The due date {data.due_on.isoformat()} is more than a month in the past. "
                "The card was saved; check the date.",)
    return ()


def _apply(row: m.Card, data: CardInput) -> None:
    row.title, row.team, row.kind, row.stage = data.title, data.team, data.kind, data.stage
    row.campaign_id, row.owner_id, row.due_on = data.campaign_id, data.owner_id, data.due_on
    row.goal_id, row.channel, row.derived_from_id = data.goal_id, data.channel, data.derived_from_id
    row.published_url, row.pilot, row.notes = data.published_url, data.pilot, data.notes
    wanted = set(data.tags)
    if wanted != {t.tag for t in row.tags}:
        row.updated_at = utcnow()  # a change of tags alone moves the card's version too
        row.tags = [t for t in row.tags if t.tag in wanted] + [
            m.CardTag(tag=tag) for tag in data.tags if tag not in {t.tag for t in row.tags}]


def insert_card(session, data: CardInput) -> m.Card:  # noqa: ANN001
    """Add a card at the end of its column, in the caller's transaction (the one way
    a card is made, so that other services can add one together with their own rows)."""
    data = _clean(data)
    _check_references(session, data)
    _check_source(session, None, data.derived_from_id)
    row = m.Card(position=_end_of_column(session, data.stage), tags=[])
    _apply(row, data)
    session.add(row)
    session.flush()
    return row


def add_card(uow: UnitOfWork, data: CardInput, *, today: date | None = None) -> Saved:
    """Add a card at the end of its column."""
    _clean(data)  # refuse before taking the file's lock
    with uow.write() as session:
        card_id = insert_card(session, data).id
    return Saved(get_card(uow, card_id), _warnings(data, today or date.today()))


def create_card(uow: UnitOfWork, data: CardInput) -> int:
    """Add a card at the end of its column; returns its id."""
    return add_card(uow, data).card.id


def update_card(uow: UnitOfWork, card_id: int, seen_version: int, data: CardInput) -> Card:
    """Save an edit made on version ``seen_version``; a newer stored version is a conflict."""
    return edit_card(uow, card_id, seen_version, data)[1]


def edit_card(uow: UnitOfWork, card_id: int, seen_version: int,
              data: CardInput) -> tuple[Card, Card]:
    """``update_card``, with the card as it was just before: what undo brings back, read in
    the same transaction, so no one else's save can slip in between."""
    data = _clean(data)
    with uow.write() as session:
        row = session.get(m.Card, card_id)
        attempted = {k: (v.value if hasattr(v, "value") else v)
                     for k, v in vars(data).items() if k != "tags"}
        expect_version(row, "cards", card_id, seen_version, attempted)
        _expect_same_tags(row, card_id, seen_version, attempted, data.tags)
        _check_references(session, data)
        _check_source(session, card_id, data.derived_from_id)
        before = _card_in(session, card_id)
        if data.stage != _stage_seen(session, row, seen_version):
            # Only this person's own change of stage sends the card to its new column's end;
            # a stage a colleague set meanwhile (kept by the merge) keeps its place.
            row.position = _end_of_column(session, data.stage)
        _apply(row, data)
        session.flush()
        return before, _card_in(session, card_id)


def _stage_seen(session, row: m.Card, seen_version: int) -> Stage:  # noqa: ANN001
    """The stage the card was in when the person opened it."""
    if row.version == seen_version:
        return Stage(row.stage)
    before = changed_since(session, "cards", row.id, seen_version, row.version) or {}
    return Stage(before.get("stage", row.stage))


def _expect_same_tags(row: m.Card, card_id: int, seen_version: int, attempted: dict,
                      tags: tuple[CommonGroundTag, ...]) -> None:
    """Tags are not merged field by field: if someone else saved meanwhile and the tags
    differ, the person sees both sets and chooses, rather than losing either."""
    stored = sorted(tag.tag.value for tag in row.tags)
    mine = sorted(tag.value for tag in tags)
    if row.version != seen_version and stored != mine:
        raise ConflictError("cards", card_id, row.version,
                            {**snapshot(row, attempted), "tags": stored},
                            {**attempted, "tags": mine}, theirs_changed=("tags",))


def move_card(uow: UnitOfWork, card_id: int, stage: Stage, after_id: int | None = None,
              *, team: Team | None = None) -> Moved:
    """Put a card into ``stage`` right after card ``after_id`` (first when None).

    Placing relative to a neighbour (not at an index) keeps the move right when
    the person sees a filtered column, or someone else moved cards meanwhile. Where
    the card stood is read in the same transaction, so undo puts it back there.
    """
    stage = Stage(stage)
    with uow.write() as session:
        row = session.get(m.Card, card_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError(
                "Someone else deleted this card meanwhile; it was not moved. Look in the trash.")
        origin = Place(Stage(row.stage), Team(row.team), _neighbour_before(session, row))
        column = list(session.execute(
            select(m.Card.id, m.Card.position)
            .where(m.Card.stage == stage, m.Card.deleted_at.is_(None), m.Card.id != card_id)
            .order_by(m.Card.position, m.Card.id)))
        index = 0
        if after_id is not None:
            ids = [cid for cid, _ in column]
            if after_id not in ids:
                raise NotFoundError("The card it was dropped next to has moved or been deleted; "
                                    "try again.")
            index = ids.index(after_id) + 1
        row.stage = stage
        if team is not None:
            row.team = Team(team)
        row.position = _position_at(session, stage, column, index)
        session.flush()
        return Moved(_card_in(session, card_id), origin, Place(stage, Team(row.team), after_id))


def _position_at(session, stage: Stage, column: list[tuple[int, float]], index: int) -> float:  # noqa: ANN001
    before = column[index - 1][1] if index > 0 else None
    after = column[index][1] if index < len(column) else None
    if before is None and after is None:
        return 1.0
    if before is None:
        return after - 1.0
    if after is None:
        return before + 1.0
    if after - before > _MIN_GAP:
        return (before + after) / 2
    # The gap has run out: renumber the column, leaving a slot at ``index``. Positions
    # are not something people edit in a form, so this bumps no version.
    for number, (other_id, _) in enumerate(column):
        new_position = float(number + (2 if number >= index else 1))
        session.execute(update(m.Card).where(m.Card.id == other_id)
                        .values(position=new_position)
                        .execution_options(synchronize_session=False))
    return float(index + 1)


def _neighbour_before(session, row: m.Card) -> int | None:  # noqa: ANN001
    """The card just above ``row`` in its column."""
    return session.scalar(
        select(m.Card.id).where(m.Card.stage == row.stage, m.Card.deleted_at.is_(None),
                                m.Card.id != row.id,
                                (m.Card.position < row.position)
                                | ((m.Card.position == row.position) & (m.Card.id < row.id)))
        .order_by(m.Card.position.desc(), m.Card.id.desc()).limit(1))


@dataclass(frozen=True)
class Derived:
    """The pieces derived from a card: directly (the count on its card) and in all."""

    direct: tuple[int, ...]
    all: tuple[int, ...]  # at any depth: what "move them to the trash too" takes


def derived_pieces(uow: UnitOfWork, card_id: int) -> Derived:
    with uow.read() as session:
        children = children_map(session)
        return Derived(tuple(children.get(card_id, ())), tuple(descendants_of(children, card_id)))


def trash_card(uow: UnitOfWork, card_id: int, seen_version: int,
               derivatives: Derivatives = Derivatives.KEEP) -> Trashed:
    """Move a card to the trash; its derivatives are kept, detached, or trashed with it."""
    with uow.write() as session:
        return trash_card_in(session, card_id, seen_version, derivatives)


def trash_card_in(session, card_id: int, seen_version: int,  # noqa: ANN001
                  derivatives: Derivatives = Derivatives.KEEP) -> Trashed:
    """``trash_card`` in the caller's transaction."""
    row = session.get(m.Card, card_id)
    expect_version(row, "cards", card_id, seen_version, {"deleted": True})
    children = children_map(session)
    now = utcnow()
    trashed = [card_id]
    detached: list[tuple[int, int]] = []
    derivatives = Derivatives(derivatives)
    if derivatives is Derivatives.DELETE:
        trashed += descendants_of(children, card_id)
    elif derivatives is Derivatives.DETACH:
        for child_id in children.get(card_id, []):
            session.get(m.Card, child_id).derived_from_id = None
            detached.append((child_id, card_id))
    for trashed_id in trashed:
        session.get(m.Card, trashed_id).deleted_at = now
    return Trashed(tuple(trashed), tuple(detached))


def restore_cards(uow: UnitOfWork, card_ids: tuple[int, ...],
                  reattach: tuple[tuple[int, int], ...] = ()) -> None:
    """Bring cards back from the trash (at the end of their columns), re-linking detached ones."""
    with uow.write() as session:
        restore_cards_in(session, card_ids, reattach)


def restore_cards_in(session, card_ids: tuple[int, ...],  # noqa: ANN001
                     reattach: tuple[tuple[int, int], ...] = ()) -> None:
    """``restore_cards`` in the caller's transaction."""
    for card_id in card_ids:
        row = session.get(m.Card, card_id)
        if row is None:
            raise NotFoundError("That card was removed for good when the trash was emptied.")
        if row.deleted_at is not None:
            row.deleted_at = None
            row.position = _end_of_column(session, Stage(row.stage))
    for child_id, source_id in reattach:
        child = session.get(m.Card, child_id)
        if child is not None and child.derived_from_id is None:
            child.derived_from_id = source_id


def empty_trash(uow: UnitOfWork) -> int:
    """Remove trashed cards for good; what referred to them lets go. Returns how many."""
    with uow.write() as session:
        ids = list(session.scalars(select(m.Card.id).where(m.Card.deleted_at.is_not(None))))
        if not ids:
            return 0
        # Metric records can be millions: let go of them in one statement.
        session.execute(update(m.MetricRecord).where(m.MetricRecord.card_id.in_(ids))
                        .values(card_id=None).execution_options(synchronize_session=False))
        for model, column in ((m.Card, m.Card.derived_from_id),
                              (m.ActionItem, m.ActionItem.card_id),
                              (m.StoryRequest, m.StoryRequest.card_id),
                              (m.Pitch, m.Pitch.card_id),
                              (m.CoverageLink, m.CoverageLink.card_id)):
            for row in session.scalars(select(model).where(column.in_(ids))):
                setattr(row, column.key, None)
        for row in session.scalars(select(m.Card).where(m.Card.id.in_(ids))):
            session.delete(row)
        return len(ids)
