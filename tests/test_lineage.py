"""Lineage sums on a hand-built tree with known figures."""

from __future__ import annotations

from datetime import datetime

import pytest

from db import models as m
from db.enums import CardKind, Team
from desktop import board
from desktop.board import CardInput
from desktop.lineage import Results, headline, lineage


@pytest.fixture
def tree(uow):
    """survey -> release -> (coverage A, coverage B); survey -> e-book -> email."""
    def card(title: str, kind: CardKind, source: int | None = None) -> int:
        return board.create_card(uow, CardInput(title, Team.PR, kind, derived_from_id=source))

    ids = {"survey": card("Survey", CardKind.SURVEY_DATA)}
    ids["release"] = card("Release", CardKind.PRESS_RELEASE, ids["survey"])
    ids["cov_a"] = card("Coverage A", CardKind.MEDIA_COVERAGE, ids["release"])
    ids["cov_b"] = card("Coverage B", CardKind.MEDIA_COVERAGE, ids["release"])
    ids["ebook"] = card("E-book", CardKind.EBOOK, ids["survey"])
    ids["email"] = card("Email", CardKind.EMAIL, ids["ebook"])
    figures = [("cov_a", "reach", 100_000), ("cov_a", "reach", 20_000), ("cov_b", "reach", 50_000),
               ("ebook", "leads", 30), ("ebook", "cost", 600), ("email", "leads", 10),
               ("email", "clicks", 400), ("email", "cost", 200), ("email", "opens", 9_999),
               ("survey", "reach", 5_000)]
    with uow.write() as session:
        session.add_all(m.MetricRecord(occurred_at=datetime(2026, 10, 1, 9), channel="web",
                                       card_id=ids[key], metric=metric, value=value)
                        for key, metric, value in figures)
    return ids


def test_lineage_sums_each_branch_and_the_source(uow, tree) -> None:
    root = lineage(uow, tree["email"])  # asked from a leaf: shown from its source
    assert root.card_id == tree["survey"] and root.pieces == 5
    release, ebook = root.children
    assert release.total == Results(reach=170_000, coverage=2)
    assert release.own == Results()
    assert ebook.own == Results(leads=30, cost=600)
    assert ebook.total == Results(clicks=400, leads=40, cost=800)
    assert root.own == Results(reach=5_000)
    assert root.total == Results(reach=175_000, clicks=400, leads=40, cost=800, coverage=2)
    assert root.total.cost_per_lead == 20
    assert headline(root) == "Survey -> 5 pieces -> 175 k reach -> 40 leads"


def test_lineage_of_a_branch_alone(uow, tree) -> None:
    node = lineage(uow, tree["release"], from_source=False)
    assert node.pieces == 2 and node.total.reach == 170_000


def test_trashed_cards_leave_the_lineage(uow, tree) -> None:
    card = board.get_card(uow, tree["ebook"])
    board.trash_card(uow, card.id, card.version, board.Derivatives.DELETE)
    root = lineage(uow, tree["survey"])
    assert root.pieces == 3 and root.total.leads == 0


def test_headline_counts_one_piece_in_the_singular(uow) -> None:
    source = board.create_card(uow, CardInput("Survey", Team.PR, CardKind.SURVEY_DATA))
    board.create_card(uow, CardInput("Release", Team.PR, CardKind.PRESS_RELEASE,
                                     derived_from_id=source))
    assert headline(lineage(uow, source)) == "Survey -> 1 piece -> 0 reach -> 0 leads"
