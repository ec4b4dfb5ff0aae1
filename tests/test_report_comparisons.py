"""The summary's comparisons and proposals read as a careful analyst would write them:
the window named, the whole earlier figure beside a running one, no percentage on a
handful, and no proposal the figures shown do not support."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from pypdf import PdfReader

from db import models as m
from desktop.analytics import ChannelPerformance
from desktop.lineage import Results
from desktop.report.builder import build_report
from desktop.report.report_data import Findings
from desktop.report.request import ReportRequest, quarter_period
from desktop.report.summary_text import RunningPeriod, summary_sentences, summary_tiles
from desktop.report.tallies import Headline, PilotFindings
from desktop.team_settings import set_team_currency

Q1 = quarter_period("2026-Q1")


def _channel(name: str, leads: float, cost: float) -> ChannelPerformance:
    return ChannelPerformance(name, 0, 0, 500, 0, leads, cost, 1, None,
                              cost / leads if leads else None, 0.5, None)


def _pilots(pilot: Results, pieces: int, others: Results, other_pieces: int) -> PilotFindings:
    return PilotFindings((), pilot, pieces, others, other_pieces)


def _proposal(findings: Findings, pilots: PilotFindings) -> str:
    if not findings.channels:  # a period with some results, none of them priced
        findings = Findings(channels=(_channel("web", 5, 0),))
    now = Headline(0, 0, leads=0, reach=0, coverage=0, cost=0, placements=0)
    sentences = summary_sentences(now, now, [], findings, pilots, Q1, running=False,
                                  currency="EUR")
    return next((s for s in sentences if s.startswith("We propose")), "")


def test_a_running_quarter_shows_the_whole_earlier_figure_and_where_it_is_heading() -> None:
    now = Headline(0, 0, leads=290, reach=40_000, coverage=6, cost=5800, placements=2)
    same_days = Headline(0, 0, leads=32, reach=20_000, coverage=3, cost=2400, placements=0)
    whole = Headline(0, 0, leads=153, reach=61_000, coverage=9, cost=9900, placements=1)
    tiles = {t.key: t for t in summary_tiles(now, same_days, RunningPeriod(
        0.5, whole, "2026-Q3"), currency="EUR")}
    assert (tiles["leads"].change, tiles["leads"].previous) == ("+806 %", "32")
    assert tiles["leads"].note == "153 in all of 2026-Q3 · on pace for 580"
    # Three pieces of coverage the quarter before is too few for a percentage.
    assert (tiles["coverage"].change, tiles["coverage"].previous) == ("", "3 (too few for a %)")
    assert (tiles["cost_per_lead"].value, tiles["cost_per_lead"].note) == (
        "20 EUR", "65 EUR in all of 2026-Q3")


def test_the_sentences_name_the_window_compared_with() -> None:
    running = quarter_period("2026-Q2").comparison(date(2026, 5, 12))
    now = Headline(0, 0, leads=150, reach=0, coverage=0, cost=0, placements=0)
    before = Headline(0, 0, leads=100, reach=0, coverage=0, cost=0, placements=0)
    sentences = summary_sentences(now, before, [], Findings(channels=(_channel("web", 150, 0),)),
                                  _pilots(Results(), 0, Results(), 0), running, running=True)
    assert sentences[0].startswith("Leads rose 50 % to 150 against 2026-Q1 to the same day "
                                   "(1 Jan – 11 Feb 2026)")


def test_pilots_that_cost_more_per_lead_are_not_proposed_for_extension() -> None:
    others = Results(leads=130, cost=130 * 65)
    dear = Results(leads=40, cost=40 * 152)
    assert "pilot" not in _proposal(Findings(), _pilots(dear, 4, others, 40))
    cheap = Results(leads=40, cost=40 * 50)
    assert _proposal(Findings(), _pilots(cheap, 4, others, 40)) == (
        "We propose to extend the volunteer pilot: its 4 pieces earned 10.0 leads each "
        "against 3.2 for the other 40, at 50 EUR per lead against 65 EUR.")


def test_a_proposal_on_thin_evidence_is_left_out() -> None:
    others = Results(leads=130, cost=130 * 65)
    two_pieces = Results(leads=40, cost=40 * 50)
    assert _proposal(Findings(), _pilots(two_pieces, 2, others, 40)) == ""
    # Three leads on the cheap channel are no reason to move the budget.
    thin = Findings(channels=(_channel("linkedin", 3, 30), _channel("paid search", 60, 2400)))
    assert _proposal(thin, _pilots(Results(), 0, others, 40)) == ""
    enough = Findings(channels=(_channel("linkedin", 30, 300), _channel("paid search", 60, 2400)))
    assert _proposal(enough, _pilots(Results(), 0, others, 40)) == (
        "We propose to shift paid budget towards LinkedIn, where 30 leads cost 10 EUR each "
        "against 40 EUR on Paid search (60 leads).")


def test_a_running_quarter_report_says_to_date_and_names_its_window(uow, team,
                                                                   tmp_path: Path) -> None:
    set_team_currency(uow, "eur")
    with uow.write() as session:
        for day, metric, value in ((date(2026, 1, 20), "leads", 40), (date(2026, 1, 20), "cost", 800),
                                   (date(2026, 3, 1), "leads", 60),
                                   (date(2026, 4, 20), "leads", 80),
                                   (date(2026, 4, 20), "cost", 1000)):
            session.add(m.MetricRecord(occurred_at=datetime.combine(day, time(10)),
                                       channel="linkedin", metric=metric, value=value))
    request = ReportRequest(quarter_period("2026-Q2"), sections=frozenset({"summary"}),
                            today=date(2026, 5, 12))
    result = build_report(uow, request, tmp_path / "running.pdf")
    reader = PdfReader(result.path)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "2026-Q2 to date (1 Apr – 12 May 2026)" in text
    assert "Changes are against 2026-Q1 to the same day (1 Jan – 11 Feb 2026)." in text
    assert "100 in all of 2026-Q1 · on pace for 173" in text
    assert "12 EUR" in text  # cost per lead, 1000 over 80
    # The cover and the one summary page; no blank page after it.
    assert len(reader.pages) == 2
