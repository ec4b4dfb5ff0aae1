"""The business case's "Media relations" section: its figures against the file, and the
PDF read back."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pypdf import PdfReader

from db import models as m
from db.enums import CardKind, Department, PitchState, StoryKind, SubmissionState, Team
from db.unit_of_work import UnitOfWork
from desktop import board, stories
from desktop.board import CardInput
from desktop.media import contacts, coverage, pitches, speaking
from desktop.media.contacts import ContactInput, OutletInput
from desktop.media.figures import media_figures
from desktop.report.builder import build_report
from desktop.report.request import ReportRequest, quarter_period

TODAY = date(2026, 10, 20)
DAY = date(2026, 7, 6)  # in 2026-Q3


def _team_with_media(uow: UnitOfWork, team: dict) -> None:
    pr = uow.as_person(team[Department.PR].id)
    rep = uow.as_person(team[Department.SALES].id)
    outlet = contacts.create_outlet(pr, OutletInput("R&D <Weekly>", 1, web_domain="rdw.example"))
    people = [contacts.create_contact(pr, ContactInput(name, outlet.id)) for name in
              ("Maren Okafor", "Tobias Lindqvist", "Aiyana Brightwater", "Kwame Asante")]
    card = board.create_card(pr, CardInput("Survey press release", Team.PR, CardKind.PRESS_RELEASE))
    first = pitches.log_pitch(pr, pitches.PitchInput(card, tuple(p.id for p in people[:3]),
                                                     "Survey figures", DAY))
    pitches.log_pitch(pr, pitches.PitchInput(card, (people[3].id,), "Second look",
                                             DAY + timedelta(days=30)))
    pitches.log_pitch(pr, pitches.PitchInput(card, (people[0].id,), "Before the quarter",
                                             date(2026, 6, 1), send_anyway=True))
    pitches.log_pitch(pr, pitches.PitchInput(card, (people[1].id,), "A draft", DAY,
                                             state=PitchState.DRAFTED, send_anyway=True))
    rows = pitches.list_pitches(pr)
    tobias = next(r for r in rows if r.contact_name == "Tobias Lindqvist"
                  and r.subject == "Survey figures")
    pitches.move_recipient(pr, tobias.recipient_id, tobias.recipient_version, PitchState.DECLINED)
    linked = coverage.confirm_link(pr, first.recipient_ids[0], placement=coverage.PlacementInput(
        "R&D <Weekly>", "CIOs & AI", DAY + timedelta(days=4), "Maren Okafor"))
    amplified = coverage.amplify(pr, linked.card_id, channels=("linkedin",), newsletter=False,
                                 one_pager=False, paid_boost=True, today=DAY)
    with uow.write() as session:
        for card_id, reach in zip(amplified.card_ids, (1200, 800)):
            session.add(m.MetricRecord(occurred_at=datetime(2026, 7, 20, 9), channel="linkedin",
                                       card_id=card_id, content="post", metric="reach",
                                       value=reach))
    customer = stories.create_customer(pr, stories.CustomerInput("Fjordlund Hospital",
                                                                 team[Department.SALES].id))
    request = stories.create_request(pr, stories.RequestInput(
        customer.id, StoryKind.EVENT_SPEAKER, "On stage", "Co-present", "Visibility", "Proof"))
    step = stories.move_request(pr, request.id, request.version, stories.StoryStatus.AWAITING_REP)
    stories.approve(rep, request.id, step.version, today=DAY)
    event = speaking.create_event(pr, speaking.EventInput(
        "HealthTech Summit", date(2026, 9, 15), date(2026, 9, 16), "Lyon"))
    talk = speaking.create_submission(pr, speaking.SubmissionInput(event.id, "AI on the ward",
        speakers=(speaking.SpeakerInput(person_id=team[Department.PR].id),
                  speaking.SpeakerInput(customer_id=customer.id, name="Dr. Ines Berg"))))
    version = talk.version
    for state in (SubmissionState.SUBMITTED, SubmissionState.ACCEPTED, SubmissionState.CONFIRMED,
                  SubmissionState.DELIVERED):
        version = speaking.move_submission(pr, talk.id, version, state).version
    speaking.create_submission(pr, speaking.SubmissionInput(event.id, "A talk still in draft"))


def test_the_figures_are_the_files_pitches_coverage_amplification_and_talks(uow, team) -> None:
    _team_with_media(uow, team)
    figures = media_figures(uow, date(2026, 7, 1), date(2026, 9, 30))
    with uow.read() as session:
        sent = session.query(m.PitchRecipient).join(m.Pitch).filter(
            m.Pitch.pitched_on.between(date(2026, 7, 1), date(2026, 9, 30)),
            m.PitchRecipient.state != PitchState.DRAFTED).count()
    assert (figures.pitched, figures.pitches) == (sent, 2) == (4, 2)
    assert (figures.replied, figures.covered, figures.coverage) == (2, 1, 1)
    assert (figures.reply_rate, figures.coverage_rate, figures.coverage_per_pitch) == (
        0.5, 0.25, 0.5)
    assert figures.top_contacts == (("Maren Okafor", "R&D <Weekly>", 1),)
    [amplified] = figures.amplification
    assert (amplified.article, amplified.pieces, amplified.reach) == ("CIOs & AI", 2, 2000)
    assert (amplified.clicks, amplified.leads) == (None, None)  # never measured, not zero
    assert (figures.slots_won, figures.delivered, figures.customers_on_stage) == (1, 1, 1)
    assert [t.state for t in figures.talks] == [SubmissionState.DELIVERED, SubmissionState.DRAFT]


def test_the_section_prints_those_figures(uow, team, tmp_path) -> None:
    _team_with_media(uow, team)
    request = ReportRequest(quarter_period("2026-Q3"), sections=frozenset({"media"}),
                            today=TODAY)
    result = build_report(uow, request, tmp_path / "media.pdf")
    reader = PdfReader(result.path)
    assert [e.title for e in reader.outline if not isinstance(e, list)] == ["Media relations"]
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    for expected in ("Contacts pitched 4", "Reply rate 50%", "Coverage rate 25%",
                     "Articles won 1", "Articles per pitch sent 0.50",
                     "Speaking slots won / delivered 1 / 1",
                     "Customers on stage at delivered talks: 1",
                     "Maren Okafor R&D <Weekly> 1", "CIOs & AI R&D <Weekly> 2 2,000 – –",
                     "–: not measured, no amplification piece has reported the figure yet.",
                     "15 Sep 2026 HealthTech Summit AI on the ward", "José Álvarez, Dr. Ines Berg delivered"):
        assert expected in text, expected


def test_a_period_without_pitches_or_talks_says_so(uow, team, tmp_path) -> None:
    request = ReportRequest(quarter_period("2026-Q3"), sections=frozenset({"media"}),
                            today=TODAY)
    result = build_report(uow, request, tmp_path / "none.pdf")
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(result.path).pages).split())
    assert "No pitch was sent and no talk was on an industry event's programme" in text
