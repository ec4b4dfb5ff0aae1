"""Campaign templates: the built-in survey path, and a team's own saved from a campaign."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from db.enums import CardKind, Stage, Team
from desktop import board
from desktop.campaign_templates import (
    BUILT_IN_NAME,
    CampaignPlan,
    create_from_template,
    get_template,
    list_templates,
    planned_pieces,
    redo_create_from_template,
    save_campaign_as_template,
    undo_create_from_template,
)
from desktop.errors import ValidationError

LAUNCH = date(2027, 2, 1)


def test_built_in_template_creates_the_survey_path(uow) -> None:
    created = create_from_template(uow, CampaignPlan(get_template(uow, BUILT_IN_NAME), "Trust Survey",
                                                    LAUNCH))
    cards = {c.id: c for c in board.list_cards(uow)}
    assert set(cards) == set(created.card_ids) and len(cards) == 9
    by_kind = {c.kind: c for c in cards.values()}
    survey = by_kind[CardKind.SURVEY_DATA]
    release = by_kind[CardKind.PRESS_RELEASE]
    assert survey.title == "Survey data: Trust Survey" and survey.derived_from_id is None
    assert release.derived_from_id == survey.id and release.due_on == LAUNCH
    assert by_kind[CardKind.MEDIA_COVERAGE].derived_from_id == release.id
    ebook = by_kind[CardKind.EBOOK]
    assert by_kind[CardKind.EMAIL].derived_from_id == ebook.id
    assert by_kind[CardKind.PAID_AD].derived_from_id == ebook.id
    assert survey.due_on == LAUNCH - timedelta(days=21) and survey.team is Team.PR
    assert ebook.team is Team.MARKETING
    assert all(c.stage is Stage.IDEA and c.campaign_name == "Trust Survey" for c in cards.values())
    assert {c.team for c in cards.values()} == {Team.PR, Team.MARKETING, Team.SALES}


def test_undo_and_redo_of_a_template_campaign(uow) -> None:
    created = create_from_template(uow, CampaignPlan(get_template(uow, BUILT_IN_NAME), "X", LAUNCH))
    undo_create_from_template(uow, created)
    assert board.list_cards(uow) == [] and board.list_campaigns(uow) == []
    redo_create_from_template(uow, created)
    assert len(board.list_cards(uow)) == 9


def test_a_campaign_saved_as_template_keeps_structure_not_content(uow) -> None:
    campaign = board.create_campaign(uow, "Webinar series", launch_on=date(2026, 9, 1))
    talk = board.create_card(uow, board.CardInput("Dr. Weiss on triage", Team.MARKETING,
                                                  CardKind.WEBINAR, campaign_id=campaign.id,
                                                  due_on=date(2026, 9, 1), channel="events"))
    board.create_card(uow, board.CardInput("Clip: triage myths", Team.MARKETING,
                                           CardKind.SOCIAL_POST, campaign_id=campaign.id,
                                           due_on=date(2026, 9, 8), derived_from_id=talk))
    save_campaign_as_template(uow, campaign.id, "Webinar with clips")
    assert [t.name for t in list_templates(uow)] == [BUILT_IN_NAME, "Webinar with clips"]
    created = create_from_template(uow, CampaignPlan(get_template(uow, "Webinar with clips"),
                                                     "Spring webinar", LAUNCH))
    new = [board.get_card(uow, card_id) for card_id in created.card_ids]
    assert [(c.kind, c.due_on, c.channel) for c in new] == [
        (CardKind.WEBINAR, LAUNCH, "events"), (CardKind.SOCIAL_POST, LAUNCH + timedelta(days=7), "")]
    assert new[1].derived_from_id == new[0].id
    assert all("triage" not in c.title for c in new)
    assert new[0].title == "Webinar: Spring webinar"


@pytest.mark.parametrize("name,message", [("  ", "needs a name"), (BUILT_IN_NAME, "built-in")])
def test_template_names_are_checked(uow, name: str, message: str) -> None:
    campaign = board.create_campaign(uow, "C")
    board.create_card(uow, board.CardInput("x", Team.PR, campaign_id=campaign.id))
    with pytest.raises(ValidationError, match=message):
        save_campaign_as_template(uow, campaign.id, name)


def test_a_colleagues_template_is_replaced_only_when_asked(uow) -> None:
    campaign = board.create_campaign(uow, "C", launch_on=LAUNCH)
    board.create_card(uow, board.CardInput("x", Team.PR, CardKind.BLOG_POST,
                                           campaign_id=campaign.id, due_on=LAUNCH))
    save_campaign_as_template(uow, campaign.id, "Ours")
    board.create_card(uow, board.CardInput("y", Team.PR, CardKind.EMAIL,
                                           campaign_id=campaign.id, due_on=LAUNCH))
    with pytest.raises(ValidationError, match="exists already"):
        save_campaign_as_template(uow, campaign.id, "Ours")
    assert len(get_template(uow, "Ours").pieces) == 1
    save_campaign_as_template(uow, campaign.id, "Ours", replace=True)
    assert len(get_template(uow, "Ours").pieces) == 2


def test_a_plan_gives_every_piece_its_goal_and_its_teams_owner(uow, team) -> None:
    from db.enums import Department, GoalLevel
    from desktop import goals

    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2027-Q1",
                                                  "Trust in the brand", "reach", 1_000_000))
    pr, marketing = team[Department.PR].id, team[Department.MARKETING].id
    plan = CampaignPlan(get_template(uow, BUILT_IN_NAME), " Trust Survey ", LAUNCH, goal.id,
                        ((Team.PR, pr), (Team.MARKETING, marketing)))
    preview = planned_pieces(plan)
    created = create_from_template(uow, plan)
    made = [board.get_card(uow, card_id) for card_id in created.card_ids]
    assert [c.title for c in made] == [p.card.title for p in preview]
    assert [c.due_on for c in made] == [p.card.due_on for p in preview]
    assert all(c.goal_id == goal.id for c in made)
    assert board.cards_without_goal(uow) == []
    owners = {c.team: {x.owner_id for x in made if x.team is c.team} for c in made}
    assert owners == {Team.PR: {pr}, Team.MARKETING: {marketing}, Team.SALES: {None}}
    assert [made.index(c) if c else None for c in
            [next((s for s in made if s.id == x.derived_from_id), None) for x in made]] == [
        p.source for p in preview]


def test_a_plan_with_a_goal_gone_meanwhile_is_refused_and_makes_nothing(uow) -> None:
    plan = CampaignPlan(get_template(uow, BUILT_IN_NAME), "Trust Survey", LAUNCH, goal_id=999)
    with pytest.raises(ValidationError, match="goal no longer exists"):
        create_from_template(uow, plan)
    assert board.list_cards(uow) == [] and board.list_campaigns(uow) == []
