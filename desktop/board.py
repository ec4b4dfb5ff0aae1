"""The campaign repurposing board: campaigns and the cards on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from db import models as m
from db.enums import CardKind, CommonGroundTag, Stage, Team
from db.unit_of_work import UnitOfWork
from desktop.errors import NotFoundError, ValidationError


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


def _end_of_column(session, stage: Stage) -> float:  # noqa: ANN001
    last = session.scalar(select(func.max(m.Card.position)).where(m.Card.stage == stage))
    return (last or 0.0) + 1.0


def create_card(uow: UnitOfWork, data: CardInput) -> int:
    """Add a card at the end of its column; returns its id."""
    title = data.title.strip()
    if not title:
        raise ValidationError("A card needs a title.", field="title")
    with uow.write() as session:
        if data.derived_from_id is not None:
            source = session.get(m.Card, data.derived_from_id)
            if source is None or source.deleted_at is not None:
                raise NotFoundError("The card it derives from has been deleted.")
        row = m.Card(
            title=title, team=Team(data.team), kind=CardKind(data.kind), stage=Stage(data.stage),
            campaign_id=data.campaign_id, owner_id=data.owner_id, due_on=data.due_on,
            goal_id=data.goal_id, channel=data.channel.strip(),
            derived_from_id=data.derived_from_id, published_url=data.published_url.strip(),
            pilot=data.pilot, notes=data.notes, position=_end_of_column(session, Stage(data.stage)),
            tags=[m.CardTag(tag=CommonGroundTag(tag)) for tag in sorted(set(data.tags))])
        session.add(row)
        session.flush()
        return row.id


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
        return [CardSummary(id_, version, title, kind, stage, team, owner or "", due_on,
                            campaign or "", channel)
                for id_, version, title, kind, stage, team, owner, due_on, campaign, channel
                in session.execute(query)]
