"""Campaign templates: the usual set of derivative cards, created in one step.

A template is structure, not content: for each piece its kind, owning team,
channel, tags, what it derives from, and its due date as days from the launch.
The built-in one follows the survey path; a team saves its own from any
campaign, and they live in the team file (as team settings) for everyone.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select

from db import models as m
from db.enums import CardKind, CommonGroundTag, Stage, Team
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from desktop.board import Campaign, CardInput, insert_card, to_campaign
from desktop.errors import NotFoundError, ValidationError
from desktop.team_settings import set_setting

_PREFIX = "campaign_template:"
BUILT_IN_NAME = "Survey to coverage to content (built in)"


@dataclass(frozen=True)
class TemplatePiece:
    title: str  # "{campaign}" is replaced by the campaign's name
    kind: CardKind
    team: Team
    days_from_launch: int
    derived_from: int | None = None  # index of an earlier piece
    channel: str = ""
    tags: tuple[CommonGroundTag, ...] = ()


@dataclass(frozen=True)
class CampaignTemplate:
    name: str
    pieces: tuple[TemplatePiece, ...]
    built_in: bool = False


@dataclass(frozen=True)
class CreatedCampaign:
    campaign: Campaign
    card_ids: tuple[int, ...]


@dataclass(frozen=True)
class CampaignPlan:
    """A campaign asked for: from which template, called what, launched when, for which
    goal and owned by whom (one person per owning team) - without a goal every piece
    would count as "content without a purpose"."""

    template: CampaignTemplate
    name: str
    launch_on: date
    goal_id: int | None = None
    owners: tuple[tuple[Team, int], ...] = ()

    def owner_of(self, team: Team) -> int | None:
        return dict(self.owners).get(team)


@dataclass(frozen=True)
class PlannedPiece:
    """A card the plan will create, as the person checks it before it is made."""

    card: CardInput  # without its campaign and source: they do not exist yet
    source: int | None  # index of the piece it derives from


def planned_pieces(plan: CampaignPlan) -> list[PlannedPiece]:
    """The cards ``plan`` makes, in the template's order: the preview and the creation."""
    name = plan.name.strip()
    planned: list[PlannedPiece] = []
    for index, piece in enumerate(plan.template.pieces):
        source = piece.derived_from
        planned.append(PlannedPiece(CardInput(
            piece.title.replace("{campaign}", name), piece.team, piece.kind, Stage.IDEA,
            owner_id=plan.owner_of(piece.team),
            due_on=plan.launch_on + timedelta(days=piece.days_from_launch),
            goal_id=plan.goal_id, channel=piece.channel, tags=tuple(sorted(set(piece.tags)))),
            source if source is not None and 0 <= source < index else None))
    return planned


_T = CommonGroundTag
SURVEY_TEMPLATE = CampaignTemplate(BUILT_IN_NAME, (
    TemplatePiece("Survey data: {campaign}", CardKind.SURVEY_DATA, Team.PR, -21, None, "research",
                  (_T.MESSAGING, _T.CONTENT_PLANNING)),
    TemplatePiece("Press release: {campaign}", CardKind.PRESS_RELEASE, Team.PR, 0, 0, "press",
                  (_T.MESSAGING, _T.SOCIAL_MEDIA_RELATIONS)),
    TemplatePiece("Media coverage: {campaign}", CardKind.MEDIA_COVERAGE, Team.PR, 7, 1, "press",
                  (_T.SOCIAL_MEDIA_RELATIONS,)),
    TemplatePiece("Blog post: {campaign} findings", CardKind.BLOG_POST, Team.MARKETING, 3, 0, "web",
                  (_T.CONTENT_PLANNING, _T.CONTENT_PLACEMENT)),
    TemplatePiece("E-book: {campaign} report", CardKind.EBOOK, Team.MARKETING, 14, 0, "web",
                  (_T.CONTENT_PLANNING,)),
    TemplatePiece("Social program: {campaign}", CardKind.SOCIAL_POST, Team.MARKETING, 7, 2,
                  "linkedin", (_T.SOCIAL_MEDIA_RELATIONS, _T.SOCIAL_LISTENING)),
    TemplatePiece("Email campaign: {campaign}", CardKind.EMAIL, Team.MARKETING, 17, 4, "email",
                  (_T.PERFORMANCE_OPTIMIZATION,)),
    TemplatePiece("Paid ads: {campaign} e-book", CardKind.PAID_AD, Team.MARKETING, 17, 4,
                  "paid social", (_T.PERFORMANCE_OPTIMIZATION,)),
    TemplatePiece("Sales one-pager: {campaign}", CardKind.OTHER, Team.SALES, 21, 0, "sales",
                  (_T.MESSAGING,)),
), built_in=True)


def _to_json(template: CampaignTemplate) -> str:
    return json.dumps([{**asdict(piece), "tags": [t.value for t in piece.tags]}
                       for piece in template.pieces])


def _from_json(name: str, text: str) -> CampaignTemplate:
    pieces = tuple(TemplatePiece(p["title"], CardKind(p["kind"]), Team(p["team"]),
                                 int(p["days_from_launch"]), p.get("derived_from"),
                                 p.get("channel", ""),
                                 tuple(CommonGroundTag(t) for t in p.get("tags", ())))
                   for p in json.loads(text))
    return CampaignTemplate(name, pieces)


def list_templates(uow: UnitOfWork) -> list[CampaignTemplate]:
    """The built-in template first, then the team's own by name."""
    with uow.read() as session:
        rows = session.execute(select(m.TeamSetting.key, m.TeamSetting.value)
                               .where(m.TeamSetting.key.startswith(_PREFIX))
                               .order_by(m.TeamSetting.key)).all()
    return [SURVEY_TEMPLATE, *(_from_json(key[len(_PREFIX):], value) for key, value in rows)]


def get_template(uow: UnitOfWork, name: str) -> CampaignTemplate:
    for template in list_templates(uow):
        if template.name == name:
            return template
    raise NotFoundError(f"There is no campaign template called '{name}'.")


def save_campaign_as_template(uow: UnitOfWork, campaign_id: int, name: str, *,
                              replace: bool = False) -> CampaignTemplate:
    """Keep a campaign's structure (kinds, teams, links, timing), not its content.

    A template of the same name is replaced only when ``replace`` says so: it may be
    a colleague's.
    """
    name = name.strip()
    if not name:
        raise ValidationError("A template needs a name.", field="name")
    if name == BUILT_IN_NAME:
        raise ValidationError("That name belongs to the built-in template.", field="name")
    if not replace and any(t.name == name for t in list_templates(uow)):
        raise ValidationError(f"A template called '{name}' exists already; choose another "
                              "name, or replace that template.", field="name")
    with uow.read() as session:
        campaign = session.get(m.Campaign, campaign_id)
        if campaign is None or campaign.deleted_at is not None:
            raise NotFoundError("That campaign has been deleted.")
        cards = list(session.scalars(select(m.Card).where(
            m.Card.campaign_id == campaign_id, m.Card.deleted_at.is_(None))
            .order_by(m.Card.due_on.is_(None), m.Card.due_on, m.Card.id)))
        if not cards:
            raise ValidationError("That campaign has no cards to make a template from.")
        launch = campaign.launch_on or min((c.due_on for c in cards if c.due_on), default=None)
        ordered = _sources_first(cards)
        index = {card.id: i for i, card in enumerate(ordered)}
        pieces = tuple(TemplatePiece(
            _generic_title(card.kind), CardKind(card.kind), Team(card.team),
            (card.due_on - launch).days if card.due_on and launch else 0,
            index.get(card.derived_from_id), card.channel,
            tuple(CommonGroundTag(t.tag) for t in card.tags)) for card in ordered)
    template = CampaignTemplate(name, pieces)
    set_setting(uow, _PREFIX + name, _to_json(template))
    return template


def _sources_first(cards: list[m.Card]) -> list[m.Card]:
    """Order cards so that every card comes after the one it derives from."""
    by_id = {card.id: card for card in cards}
    placed: list[m.Card] = []
    done: set[int] = set()

    def place(card: m.Card, trail: frozenset[int] = frozenset()) -> None:
        if card.id in done or card.id in trail:
            return
        source = by_id.get(card.derived_from_id)
        if source is not None:
            place(source, trail | {card.id})
        done.add(card.id)
        placed.append(card)

    for card in cards:
        place(card)
    return placed


def _generic_title(kind: CardKind) -> str:
    label = kind.value.replace("_", " ")
    return f"{label[:1].upper()}{label[1:]}: {{campaign}}"


def create_from_template(uow: UnitOfWork, plan: CampaignPlan) -> CreatedCampaign:
    """One transaction: the campaign and every piece, linked, dated from the launch, with
    the plan's goal and owners."""
    name = plan.name.strip()
    if not name:
        raise ValidationError("A campaign needs a name.", field="name")
    with uow.write() as session:
        campaign = m.Campaign(name=name, launch_on=plan.launch_on,
                              description=f"Created from the template '{plan.template.name}'.")
        session.add(campaign)
        session.flush()
        ids: list[int] = []
        for piece in planned_pieces(plan):
            ids.append(insert_card(session, replace(
                piece.card, campaign_id=campaign.id,
                derived_from_id=None if piece.source is None else ids[piece.source])).id)
        return CreatedCampaign(to_campaign(campaign), tuple(ids))


def undo_create_from_template(uow: UnitOfWork, created: CreatedCampaign) -> None:
    with uow.write() as session:
        now = utcnow()
        for card_id in created.card_ids:
            row = session.get(m.Card, card_id)
            if row is not None:
                row.deleted_at = now
        campaign = session.get(m.Campaign, created.campaign.id)
        if campaign is not None:
            campaign.deleted_at = now


def redo_create_from_template(uow: UnitOfWork, created: CreatedCampaign) -> None:
    with uow.write() as session:
        campaign = session.get(m.Campaign, created.campaign.id)
        if campaign is not None:
            campaign.deleted_at = None
        for card_id in created.card_ids:
            row = session.get(m.Card, card_id)
            if row is not None:
                row.deleted_at = None
