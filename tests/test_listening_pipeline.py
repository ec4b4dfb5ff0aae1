"""Listening's business-case figures against the database: "acknowledged in time" judges
only the signals that were due, and lost opportunities are no pipeline."""

from __future__ import annotations

from datetime import date, datetime

from db import models as m
from db.enums import Intent, SignalStatus, Urgency
from desktop.listening.pipeline import listening_figures

TUESDAY = datetime(2026, 12, 1, 9)
NOW = datetime(2026, 12, 3, 12)


def _signal(session, urgency: Urgency, routed_at: datetime,
            acknowledged_at: datetime | None = None) -> m.Signal:
    row = m.Signal(intent=Intent.BUYING, urgency=urgency, week_start=date(2026, 11, 30),
                   first_seen_at=routed_at, last_seen_at=routed_at, routed_at=routed_at,
                   acknowledged_at=acknowledged_at,
                   status=SignalStatus.ACKNOWLEDGED if acknowledged_at else SignalStatus.ROUTED)
    session.add(row)
    return row


def test_in_time_counts_only_signals_that_were_due(uow, team) -> None:
    with uow.write() as session:
        _signal(session, Urgency.HOT, TUESDAY, TUESDAY.replace(hour=10))  # in time
        _signal(session, Urgency.HOT, TUESDAY)  # due Wednesday, never acknowledged: late
        _signal(session, Urgency.HOT, NOW.replace(hour=10))  # not due until tomorrow
        _signal(session, Urgency.COOL, TUESDAY, TUESDAY.replace(hour=11))  # no deadline
    figures = listening_figures(uow, date(2026, 12, 1), date(2026, 12, 3), now=NOW)
    assert figures.routed == 4
    assert (figures.acknowledged_in_time, figures.in_time_share) == (1, 0.5)


def test_a_lost_opportunity_is_not_pipeline(uow, team) -> None:
    with uow.write() as session:
        open_one = _signal(session, Urgency.HOT, TUESDAY)
        lost_one = _signal(session, Urgency.HOT, TUESDAY)
        customer = m.Customer(name="Acme Robotics", rep_id=next(iter(team.values())).id)
        session.add(customer)
        session.flush()
        session.add_all([
            m.Opportunity(customer_id=customer.id, signal_id=open_one.id, reference="A",
                          amount=1_000, stage="Proposal"),
            m.Opportunity(customer_id=customer.id, signal_id=lost_one.id, reference="B",
                          amount=5_000, stage="Closed Lost")])
    figures = listening_figures(uow, date(2026, 12, 1), date(2026, 12, 3), now=NOW)
    assert (figures.opportunities, figures.pipeline_amount) == (2, 1_000)
