"""Every name prints as typed: dollars, backslashes and markup in any script, in every
place a name reaches the report (person, customer, outlet, journalist, card, goal,
campaign, title), in its text, its bookmarks and its metadata."""

from __future__ import annotations

import unicodedata
import warnings
from datetime import date, datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from db import models as m
from db.enums import CardKind, Department, GoalLevel, Stage, StoryKind, StoryStatus, Team
from desktop import board, goals, people
from desktop.report.builder import build_report
from desktop.report.fonts import covers
from desktop.report.request import ReportRequest, quarter_period

TODAY = date(2026, 4, 15)
#: What is typed, and what a reader finds in the PDF's text. Right-to-left names are drawn
#: in display order (Arabic in its joined letter forms), which text extraction reads back
#: in the order they were typed; a character no embedded face has (the rocket) prints as
#: its name.
TITLE = "Ann $$ Lee's <b>case</b> \\ 李雷"
NAMES = {
    "person": "Ann $$ Lee",
    "second_person": "田中 さくら",
    "customer": "Back\\slash & <b>Bold</b> Ltd",
    "outlet": "Money $5M Talk $10M Weekly",
    "journalist": "דוד כהן",
    "card": "Zoë 🚀 launch",
    "goal": "Leads from 김민수 $",
    "campaign": "حملة الثقة",
}
SEEN = {"card": "Zoë :rocket: launch"}


def _seen(key: str) -> str:
    return SEEN.get(key, NAMES[key])


def _plain(text: str) -> str:
    """As a reader compares: joined Arabic letter forms read as the letters they are."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def named_team(uow):
    lead = people.create_person(uow, people.PersonInput(NAMES["person"], Department.LEADERSHIP))
    rep = people.create_person(uow, people.PersonInput(NAMES["second_person"], Department.SALES))
    corporate = goals.create_goal(uow, goals.GoalInput(
        GoalLevel.CORPORATE, "2026-Q1", NAMES["goal"], "leads", 100, owner_id=lead.id))
    goals.record_measurement(uow, corporate.id, date(2026, 3, 20), 40)
    campaign = board.create_campaign(uow, NAMES["campaign"])
    card_id = board.create_card(uow, board.CardInput(
        NAMES["card"], Team.PR, CardKind.PRESS_RELEASE, Stage.PUBLISHED,
        campaign_id=campaign.id, owner_id=rep.id, pilot=True, channel="press",
        goal_id=corporate.id))
    with uow.write() as session:
        for day, metric, value in ((2, "reach", 50_000), (2, "leads", 6), (3, "cost", 300),
                                   (3, "engagements", 90)):
            session.add(m.MetricRecord(
                occurred_at=datetime.combine(date(2026, 3, day), time(10)), channel="press",
                card_id=card_id, content=NAMES["card"], metric=metric, value=value,
                outlet=NAMES["outlet"], author=NAMES["journalist"]))
        customer = m.Customer(name=NAMES["customer"], rep_id=rep.id)
        session.add(customer)
        session.flush()
        request = m.StoryRequest(customer_id=customer.id, kind=StoryKind.CASE_STUDY,
                                 title="Case study", what_pr_wants="a case study",
                                 benefit_to_customer="visibility", benefit_to_company="proof",
                                 status=StoryStatus.PUBLISHED, card_id=card_id)
        session.add(request)
        session.flush()
        session.add(m.Placement(request_id=request.id, outlet=NAMES["outlet"],
                                placed_on=date(2026, 3, 10)))
    return campaign


def test_names_in_every_script_print_as_typed(uow, named_team, tmp_path: Path) -> None:
    request = ReportRequest(quarter_period("2026-Q1"), campaign_ids=(named_team.id,),
                            title=TITLE, prepared_by=NAMES["person"], today=TODAY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = build_report(uow, request, tmp_path / "names.pdf")
    reader = PdfReader(result.path)
    text = _plain(" ".join(page.extract_text() or "" for page in reader.pages))
    missing = [key for key in NAMES if _plain(_seen(key)) not in text]
    assert missing == []
    assert _plain("Ann $$ Lee's <b>case</b> \\ 李雷") in text
    assert "&amp;" not in text and "&lt;" not in text
    # Bookmarks and metadata hold the text itself (a PDF reader orders and draws it).
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == NAMES["person"]
    assert [w for w in caught if "Glyph" in str(w.message)] == []


def test_every_script_has_a_face_and_the_rest_print_by_name() -> None:
    assert covers("Zoë Łukasz Σοφία Алексей דוד محمد 李雷 田中さくら 김민수 ☕ ★")
    assert not covers("🚀")
