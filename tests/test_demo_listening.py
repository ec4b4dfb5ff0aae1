"""The demo team's listening: accounts with domains and handles, a few hundred mentions from
two tools over two quarters, signals in every step, two reps with queues, a breach, and
opportunities won from signals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from db import models as m
from db.database import Database
from db.enums import IdentifierKind, SignalStatus
from db.unit_of_work import UnitOfWork
from desktop.demo import write_demo
from desktop.listening import accounts, signals

S = SignalStatus
TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = write_demo(tmp_path_factory.mktemp("demo") / "demo.cgdb", today=TODAY)
    yield database
    database.dispose()


def test_accounts_have_domains_and_handles(demo) -> None:
    found = accounts.list_accounts(UnitOfWork(demo))
    assert len(found) >= 10 and sum(a.kind.value == "prospect" for a in found) == 3
    for account in found:
        kinds = {i.kind for i in account.identifiers}
        assert {IdentifierKind.DOMAIN, IdentifierKind.HANDLE} <= kinds, account.name


def test_a_few_hundred_mentions_from_two_tools_over_two_quarters(demo) -> None:
    with UnitOfWork(demo).read() as session:
        tools = Counter(session.scalars(select(m.Mention.tool)))
        first, last = session.execute(select(func.min(m.Mention.occurred_at),
                                             func.max(m.Mention.occurred_at))).one()
    assert set(tools) == {"Brandwatch", "Meltwater"} and 200 <= sum(tools.values()) <= 600
    assert (last - first) > timedelta(days=170) and last.date() < TODAY


def test_signals_in_every_step_and_two_reps_with_queues(demo) -> None:
    uow = UnitOfWork(demo)
    views = signals.list_signals(uow, now=datetime.combine(TODAY, time(10)))
    assert {s.status for s in views} >= set(S) - {S.NEW}
    queues = Counter(s.rep_name for s in views if s.status in signals.WITH_REP)
    assert len([rep for rep, count in queues.items() if count >= 2]) >= 2
    assert any(s.overdue for s in views if s.status in signals.WITH_REP)


def test_opportunities_won_from_signals(demo) -> None:
    won = [o for o in accounts.list_opportunities(UnitOfWork(demo)) if o.won_on is not None]
    assert won and all(o.signal_id is not None and o.won_amount > 0 for o in won)
