"""The business case's "Listening to pipeline" section: its figures against the database,
and the same figures read back from the PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from db import models as m
from db.database import Database
from db.enums import SignalStatus
from db.unit_of_work import UnitOfWork
from desktop.demo import write_demo
from desktop.listening.pipeline import listening_figures
from desktop.numbers import number
from desktop.report.builder import build_report
from desktop.report.request import ReportRequest, quarter_period
from desktop.report.summary_text import money

TODAY = date(2026, 12, 3)
QUARTER = "2026-Q4"
START, END = date(2026, 10, 1), date(2026, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = write_demo(tmp_path_factory.mktemp("listening-report") / "demo.cgdb",
                          today=TODAY)
    yield database
    database.dispose()


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def test_the_funnel_is_the_databases_counts(demo) -> None:
    uow = UnitOfWork(demo)
    figures = listening_figures(uow, START, TODAY)
    first, after = datetime(2026, 10, 1), datetime.combine(TODAY + timedelta(days=1),
                                                           datetime.min.time())
    with uow.read() as session:
        mentions = session.scalar(select(func.count()).select_from(m.Mention).where(
            m.Mention.occurred_at >= first, m.Mention.occurred_at < after))
        signals = list(session.scalars(select(m.Signal).where(
            m.Signal.first_seen_at >= first, m.Signal.first_seen_at < after)))
        won = session.scalar(select(func.sum(m.Opportunity.won_amount)).where(
            m.Opportunity.signal_id.in_([s.id for s in signals])))
    assert figures.mentions == mentions > 0
    assert figures.signals == len(signals)
    assert figures.routed == sum(1 for s in signals if s.routed_at is not None)
    assert figures.opportunities == sum(1 for s in signals if s.status == SignalStatus.OPPORTUNITY)
    assert figures.won_amount == won > 0
    assert sum(count for _, count in figures.by_intent) == figures.signals
    assert figures.mentions >= figures.matched > 0
    assert figures.signals >= figures.routed >= figures.acknowledged >= figures.contacted
    for rule in figures.rules:
        assert rule.judged >= rule.not_relevant


def test_the_section_prints_those_figures(demo, tmp_path) -> None:
    request = ReportRequest(quarter_period(QUARTER), sections=frozenset({"listening"}),
                            today=TODAY)
    built = build_report(UnitOfWork(demo), request, tmp_path / "listening.pdf")
    figures = built.data.listening
    shown = _text(built.path)
    assert "Listening to pipeline" in shown
    for label, value in (("Mentions imported", figures.mentions),
                         ("Matched to an account", figures.matched),
                         ("Routed to the rep", figures.routed), ("Won", figures.won)):
        assert f"{label} {number(value)}" in shown, label
    assert f"won {money(figures.won_amount, built.data.currency)}" in shown
    assert "influenced by listening, not caused by it" in shown
    assert "Each rule's precision" in shown and figures.rules[0].rule in shown
    assert "Larkspur brand + category" in shown


def test_a_period_without_mentions_says_so(demo, tmp_path) -> None:
    request = ReportRequest(quarter_period("2025-Q1"), sections=frozenset({"listening"}),
                            today=TODAY)
    built = build_report(UnitOfWork(demo), request, tmp_path / "empty.pdf")
    assert "No mentions were imported for this period." in _text(built.path)
