"""The metric catalogue: each way of combining figures on a case worked out by hand,
and the analytics, goals and period views that go through it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db import models as m
from desktop import analytics, goal_results
from desktop.errors import ValidationError
from desktop.metric_catalogue import NotCombinable, Part, catalogue, combine, define_metric


def test_ctr_is_averaged_weighted_by_impressions() -> None:
    # 10% of 100 impressions and 1% of 900: 19 clicks of 1,000, not the 5.5% of a plain mean.
    assert combine("ctr", [Part(0.10, 100), Part(0.01, 900)]) == pytest.approx(0.019)
    assert combine("position", [Part(2.0, 300), Part(8.0, 100)], over_time=True) == 3.5


def test_a_stock_keeps_its_latest_figure_over_time_and_adds_up_across_pieces() -> None:
    days = [Part(1200, when=date(2026, 3, 1)), Part(1260, when=date(2026, 3, 31)),
            Part(1230, when=date(2026, 3, 15))]
    assert combine("followers", days, over_time=True) == 1260
    assert combine("followers", [1260, 540]) == 1800  # two pages' followers


def test_reach_over_time_is_its_largest_figure_and_clicks_add_up() -> None:
    assert combine("reach", [400, 900, 650], over_time=True) == 900
    assert combine("clicks", [400, 900, 650], over_time=True) == 1950


def test_an_index_refuses_to_be_combined() -> None:
    assert combine("interest", [73]) == 73  # one figure is that figure
    with pytest.raises(NotCombinable, match="index"):
        combine("interest", [73, 41])
    with pytest.raises(NotCombinable):
        combine("interest", [73, 41], over_time=True)


def test_an_unknown_metric_is_a_count_that_adds_up() -> None:
    assert combine("signups", [2, 3]) == 5


def test_a_team_adds_its_own_metric(uow) -> None:
    added = define_metric(uow, "Donations total", unit="currency", over_time="sum")
    assert added.name == "donations_total"
    assert "donations_total" in {d.name for d in catalogue(uow)}
    with pytest.raises(ValidationError, match="built-in"):
        define_metric(uow, "clicks")
    with pytest.raises(ValidationError, match="weighted by"):
        define_metric(uow, "quality score", unit="index", over_time="weighted")


def _record(session, metric: str, value: float, when: datetime, *, channel: str = "web",
            content: str = "home", weight: float = 1.0,
            period_end: date | None = None) -> None:
    session.add(m.MetricRecord(occurred_at=when, channel=channel, content=content,
                               metric=metric, value=value, weight=weight, timed=False,
                               period_end=period_end))


def test_analytics_combine_through_the_catalogue(uow, team) -> None:
    with uow.write() as session:
        for day, followers in ((1, 1000), (15, 1100), (30, 1050)):
            _record(session, "followers", followers, datetime(2026, 3, day), channel="linkedin",
                    content="")
        _record(session, "reach", 500, datetime(2026, 3, 1), channel="x")
        _record(session, "reach", 800, datetime(2026, 3, 2), channel="x")
        _record(session, "impressions", 100, datetime(2026, 3, 1), channel="x")
        _record(session, "ctr", 0.10, datetime(2026, 3, 1), channel="x", weight=100)
        _record(session, "ctr", 0.01, datetime(2026, 3, 1), channel="x", content="b",
                weight=900)
        _record(session, "interest", 70, datetime(2026, 3, 1), content="beer")
        _record(session, "interest", 40, datetime(2026, 3, 2), content="beer")
    start, end = date(2026, 3, 1), date(2026, 3, 31)
    assert analytics.metric_total(uow, "followers", start, end) == 1050
    assert analytics.metric_total(uow, "ctr", start, end) == pytest.approx(0.019)
    assert analytics.metric_total(uow, "interest", start, end) is None
    x = next(c for c in analytics.channel_performance(uow, start, end) if c.channel == "x")
    assert x.reach == 800
    assert goal_results.sum_of_results(uow, "followers", start, end) == 1050


def test_a_record_of_a_year_counts_only_in_a_view_that_holds_the_year(uow, team) -> None:
    with uow.write() as session:
        batch = m.ImportBatch(file_name="pages 2025.csv", file_sha256="0" * 64,
                              period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
        session.add(batch)
        session.flush()
        session.add(m.MetricRecord(occurred_at=datetime(2025, 1, 1), channel="web",
                                   content="home", metric="views", value=951, timed=False,
                                   period_end=date(2025, 12, 31), import_id=batch.id))
        _record(session, "views", 10, datetime(2025, 11, 3))
    assert analytics.metric_total(uow, "views", date(2025, 1, 1), date(2025, 12, 31)) == 961
    assert analytics.metric_total(uow, "views", date(2025, 10, 1), date(2025, 12, 31)) == 10
    assert analytics.metric_total(uow, "views", date(2025, 1, 1), date(2025, 3, 31)) is None
    assert analytics.left_out(uow, date(2025, 10, 1), date(2025, 12, 31)) == [
        "pages 2025.csv covers 2025-01-01 to 2025-12-31; it is not split into shorter "
        "periods, so it is shown only in a view that holds all of it"]
    assert analytics.left_out(uow, date(2025, 1, 1), date(2025, 12, 31)) == []


def test_an_index_cannot_be_measured_into_a_goal(uow, team) -> None:
    with pytest.raises(ValidationError, match="index"):
        goal_results.measure_from_results(uow, 1, "interest", date(2026, 1, 1),
                                          date(2026, 3, 31))


def test_a_team_metric_combines_as_the_team_said(uow, team) -> None:
    define_metric(uow, "members", over_time="latest", label="Members")
    with uow.write() as session:
        _record(session, "members", 40, datetime(2026, 3, 1))
        _record(session, "members", 45, datetime(2026, 3, 20))
    assert analytics.metric_total(uow, "members", date(2026, 3, 1), date(2026, 3, 31)) == 45
