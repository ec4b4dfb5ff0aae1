"""Every analytics figure against values worked out by hand on a small dataset.

The dataset (March 2026, team time UTC):
  linkedin  card 1 "trust survey results"  Mon 2 Mar 09:00  impressions 1000, engagements 50,
                                                              clicks 20, leads 2, cost 100
  linkedin  no card "trust survey launch"  Tue 3 Mar 14:00  impressions 1000, engagements 10
  email     card 2 "webinar invite"        Mon 2 Mar 09:00  reach 1000, opens 300, clicks 30,
                                                              leads 3
  press     card 3 "coverage piece"        Thu 5 Mar 10:00  reach 50000, engagements 40
            outlet Daily Health, author Ann Writer
  x         no card "trust survey thread"  Wed 4 Mar 18:00  impressions 500, engagements 25,
            author @creator
  web       no card "trust page"  1 Mar, no time of day     impressions 2000, clicks 999
  linkedin  (April, outside the period)                     impressions 9999, engagements 999
Cards: 1 blog post (marketing, campaign A, content planning), 2 email (marketing,
campaign B, messaging), 3 media coverage (PR, campaign A, placement + messaging).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db import models as m
from db.enums import CardKind, CommonGroundTag, GoalLevel, MeasurementSource, Stage, Team
from desktop import analytics, board, goal_results, goals

pytestmark = pytest.mark.both_backends

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture
def data(uow, team):
    a = board.create_campaign(uow, "A")
    b = board.create_campaign(uow, "B")
    c1 = board.create_card(uow, board.CardInput("Blog", Team.MARKETING, CardKind.BLOG_POST,
                                                Stage.PUBLISHED, campaign_id=a.id,
                                                tags=(CommonGroundTag.CONTENT_PLANNING,)))
    c2 = board.create_card(uow, board.CardInput("Mail", Team.MARKETING, CardKind.EMAIL,
                                                Stage.PUBLISHED, campaign_id=b.id,
                                                tags=(CommonGroundTag.MESSAGING,)))
    c3 = board.create_card(uow, board.CardInput(
        "Cover", Team.PR, CardKind.MEDIA_COVERAGE, Stage.PUBLISHED, campaign_id=a.id,
        tags=(CommonGroundTag.CONTENT_PLACEMENT, CommonGroundTag.MESSAGING)))
    rows = [
        ("linkedin", c1, "trust survey results", datetime(2026, 3, 2, 9), True, "", "",
         {"impressions": 1000, "engagements": 50, "clicks": 20, "leads": 2, "cost": 100}),
        ("linkedin", None, "trust survey launch", datetime(2026, 3, 3, 14), True, "", "",
         {"impressions": 1000, "engagements": 10}),
        ("email", c2, "webinar invite", datetime(2026, 3, 2, 9), True, "", "",
         {"reach": 1000, "opens": 300, "clicks": 30, "leads": 3}),
        ("press", c3, "coverage piece", datetime(2026, 3, 5, 10), True, "Daily Health",
         "Ann Writer", {"reach": 50000, "engagements": 40}),
        ("x", None, "trust survey thread", datetime(2026, 3, 4, 18), True, "", "@creator",
         {"impressions": 500, "engagements": 25}),
        ("web", None, "trust page", datetime(2026, 3, 1), False, "", "",
         {"impressions": 2000, "clicks": 999}),
        ("linkedin", None, "april post", datetime(2026, 4, 2, 9), True, "", "",
         {"impressions": 9999, "engagements": 999}),
    ]
    with uow.write() as session:
        for channel, card, content, when, timed, outlet, author, metrics in rows:
            for metric, value in metrics.items():
                session.add(m.MetricRecord(occurred_at=when, channel=channel, card_id=card,
                                           content=content, metric=metric, value=value,
                                           timed=timed, outlet=outlet, author=author))
    return {"a": a.id, "b": b.id, "cards": (c1, c2, c3)}


def test_channel_performance(uow, data) -> None:
    rows = {r.channel: r for r in analytics.channel_performance(uow, START, END)}
    assert [r.channel for r in analytics.channel_performance(uow, START, END)] == [
        "web", "email", "linkedin", "press", "x"]
    linkedin = rows["linkedin"]
    assert (linkedin.impressions, linkedin.engagement, linkedin.clicks, linkedin.leads,
            linkedin.cost) == (2000, 60, 20, 2, 100)
    assert linkedin.engagement_rate == pytest.approx(60 / 2000)
    assert linkedin.cost_per_lead == pytest.approx(50)
    assert rows["email"].engagement == 330 and rows["email"].cost_per_lead is None
    assert rows["email"].engagement_rate == pytest.approx(330 / 1000)
    assert rows["press"].engagement_rate == pytest.approx(40 / 50000)
    assert rows["web"].engagement_share == pytest.approx(999 / 1454)


def test_filters_by_team_campaign_and_channel(uow, data) -> None:
    pr = analytics.channel_performance(uow, START, END, team=Team.PR)
    assert [(r.channel, r.reach) for r in pr] == [("press", 50000)]
    campaign_a = analytics.channel_performance(uow, START, END, campaign_ids=(data["a"],))
    assert [(r.channel, r.impressions, r.engagement) for r in campaign_a] == [
        ("linkedin", 1000, 50), ("press", 0, 40)]
    only_x = analytics.channel_performance(uow, START, END, channels=("x",))
    assert [r.channel for r in only_x] == ["x"]
    april = analytics.channel_performance(uow, date(2026, 4, 1), date(2026, 4, 30))
    assert [(r.channel, r.engagement) for r in april] == [("linkedin", 999)]


def test_trend_by_day_counts_engagement_by_the_channels_rule(uow, data) -> None:
    points = analytics.channel_trend(uow, START, END, measure="engagement",
                                     channels=("linkedin", "email"))
    assert [(p.period_start, p.channel, p.value) for p in points] == [
        (date(2026, 3, 2), "email", 330), (date(2026, 3, 2), "linkedin", 50),
        (date(2026, 3, 3), "linkedin", 10)]
    weekly = analytics.channel_trend(uow, date(2026, 1, 1), END, measure="reach")
    assert [(p.period_start, p.channel, p.value) for p in weekly] == [
        (date(2026, 3, 2), "email", 1000), (date(2026, 3, 2), "press", 50000)]


def test_heatmap_and_best_hours_leave_out_records_without_a_time(uow, data) -> None:
    heatmap = analytics.activity_heatmap(uow, START, END)
    assert heatmap.values[0][9] == 380  # Monday 09:00: linkedin 50 + email 330
    assert (heatmap.values[1][14], heatmap.values[2][18], heatmap.values[3][10]) == (10, 25, 40)
    assert heatmap.total == 455 and heatmap.peak() == (0, 9)
    best = analytics.best_hours(uow, START, END, top=1)
    assert [(b.channel, b.hours, b.engagement) for b in best] == [
        ("email", (9,), 330), ("linkedin", (9,), 60), ("press", (10,), 40), ("x", (18,), 25)]
    assert best[1].share == pytest.approx(50 / 60)


def test_the_hours_of_a_period_run_from_its_first_midnight_to_its_last_minute(uow) -> None:
    edges = {datetime(2026, 2, 28, 23, 59): 1, datetime(2026, 3, 1, 0, 0): 10,
             datetime(2026, 3, 31, 23, 59, 59): 100, datetime(2026, 4, 1, 0, 0): 1000}
    with uow.write() as session:
        session.add_all(m.MetricRecord(occurred_at=when, channel="web", content="page",
                                       metric="clicks", value=value)
                        for when, value in edges.items())
    heatmap = analytics.activity_heatmap(uow, START, END)
    assert heatmap.total == 110
    assert (heatmap.values[6][0], heatmap.values[1][23]) == (10, 100)  # Sunday 0h, Tuesday 23h


def test_word_lift_needs_the_minimum_uses(uow, data) -> None:
    findings = analytics.word_lift(uow, START, END, min_uses=2)
    average = 1454 / 55500
    assert findings.average_rate == pytest.approx(average)
    assert findings.pieces == 6
    assert [(w.phrase, w.uses) for w in findings.words] == [
        ("trust", 4), ("survey", 3), ("trust survey", 3)]
    assert findings.words[0].lift == pytest.approx((1084 / 4500) / average - 1)
    assert findings.words[1].engagement_rate == pytest.approx(85 / 2500)
    assert analytics.word_lift(uow, START, END, min_uses=5).words == ()


def test_phrases_leave_out_links_and_stop_words() -> None:
    assert analytics.phrases("New #rstats pkg on CRAN https://t.co/x the trust") == {
        "rstats", "pkg", "rstats pkg", "cran", "trust"}


def test_content_by_kind_and_by_tag(uow, data) -> None:
    kinds = {r.key: r for r in analytics.content_by_kind(uow, START, END)}
    assert [r.key for r in analytics.content_by_kind(uow, START, END)] == [
        "email", "blog_post", "media_coverage"]
    assert (kinds["blog_post"].engagement, kinds["blog_post"].engagement_rate) == (50, 0.05)
    tags = {r.key: r for r in analytics.content_by_tag(uow, START, END)}
    messaging = tags["messaging"]
    assert (messaging.pieces, messaging.engagement, messaging.reach, messaging.leads) == (
        2, 370, 51000, 3)
    assert messaging.engagement_rate == pytest.approx(370 / 51000)
    assert set(tags) == {"messaging", "content_planning", "content_placement"}


def test_influencers_ranked_by_reach_then_engagement(uow, data) -> None:
    found = analytics.influencers(uow, START, END)
    assert [(i.name, i.role, i.pieces, i.reach, i.engagement) for i in found] == [
        ("Ann Writer", "journalist", 1, 50000, 40), ("Daily Health", "outlet", 1, 50000, 40),
        ("@creator", "creator", 1, 0, 25)]


def test_goal_progress_against_the_target_line(uow, data) -> None:
    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q1", "Leads",
                                                  "leads", 100))
    goals.record_measurement(uow, goal.id, date(2026, 2, 1), 40)
    progress = analytics.goal_progress(uow, goal.id)
    assert progress.points == ((date(2026, 2, 1), 40.0),)
    assert (progress.start, progress.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert progress.target_on(date(2026, 1, 1)) == 0
    assert progress.target_on(date(2026, 2, 15)) == pytest.approx(100 * 45 / 89)
    assert progress.target_on(date(2026, 3, 31)) == 100


def test_a_goal_measured_from_the_imported_results(uow, data) -> None:
    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q1", "Leads",
                                                  "leads", 100))
    measured = goal_results.measure_from_results(uow, goal.id, "leads", START, END,
                                                 ("linkedin", "email"))
    assert (measured.value, measured.measured_on, measured.source) == (
        5.0, END, MeasurementSource.CALCULATED)
    assert measured.note == ("Calculated: sum of leads on linkedin, email, 2026-03-01 to "
                             "2026-03-31, from imported results")


def test_charts_draw_what_the_figures_say(uow, data, tmp_path) -> None:
    from desktop import charts

    figure = charts.channel_chart(analytics.channel_performance(uow, START, END))
    left = figure.axes[0]
    assert [t.get_text() for t in left.get_yticklabels()] == ["x", "press", "linkedin",
                                                              "email", "web"]
    assert sorted(p.get_width() for p in left.patches)[-1] == 50000
    heat = charts.heatmap_chart(analytics.activity_heatmap(uow, START, END))
    assert heat.axes[0].images[0].get_array()[0][9] == 380
    empty = charts.word_chart(analytics.WordFindings(None, 0, ()))
    assert empty.axes[0].texts[0].get_text() == charts.EMPTY_TEXT
    charts.save_figure(figure, tmp_path / "c.svg")
    assert (tmp_path / "c.svg").read_text().lstrip().startswith("<?xml")


# --------------------------------------------------------------------------- passes


def test_card_sums_and_records_per_import(uow, data) -> None:
    c1, c2, c3 = data["cards"]
    sums = analytics.card_sums(uow, START, END)
    assert sums == {c1: {"impressions": 1000, "engagements": 50, "clicks": 20, "leads": 2,
                         "cost": 100},
                    c2: {"reach": 1000, "opens": 300, "clicks": 30, "leads": 3},
                    c3: {"reach": 50000, "engagements": 40}}
    assert set(analytics.card_sums(uow, START, END, campaign_ids=(data["a"],))) == {c1, c3}
    assert analytics.records_per_import(uow, START, END) == {None: 17}  # all typed in
    assert analytics.records_per_import(uow, START, END, campaign_ids=(data["a"],)) == {None: 7}


def test_scopes_keep_to_their_cards_in_every_figure(uow, data) -> None:
    tags = analytics.content_by_tag(uow, START, END, campaign_ids=(data["a"],))
    assert [(t.key, t.pieces, t.engagement) for t in tags] == [
        ("content_planning", 1, 50), ("content_placement", 1, 40), ("messaging", 1, 40)]
    assert [k.key for k in analytics.content_by_kind(uow, START, END, team=Team.PR)] == [
        "media_coverage"]
    assert [i.name for i in analytics.influencers(uow, START, END, team=Team.PR)] == [
        "Ann Writer", "Daily Health"]
    assert analytics.word_lift(uow, START, END, min_uses=1, channels=("x",)).pieces == 1


@pytest.fixture
def statements(uow):
    """Every statement the database runs during the test, with its parameters."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    event.listen(uow.database.engine, "before_cursor_execute", record)
    yield seen
    event.remove(uow.database.engine, "before_cursor_execute", record)


def _passes(seen: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The aggregate passes over the results among ``seen``."""
    return [(s, p) for s, p in seen if "FROM metric_records" in s and "GROUP BY" in s]


def test_shared_passes_give_the_same_figures(uow, data, statements) -> None:
    figures = (analytics.channel_performance, analytics.content_by_kind,
               analytics.content_by_tag, analytics.word_lift, analytics.influencers,
               analytics.card_sums, analytics.records_per_import,
               analytics.activity_heatmap, analytics.best_hours)
    alone = [figure(uow, START, END, campaign_ids=(data["a"],)) for figure in figures]
    assert len(_passes(statements)) == len(figures)  # alone, each makes its own pass
    statements.clear()
    shared = analytics.SharedPasses(uow)
    assert [figure(shared, START, END, campaign_ids=(data["a"],)) for figure in figures] == alone
    assert len(_passes(statements)) == 2  # by piece, by hour
    analytics.channel_performance(shared, START, END, channels=("x",))
    assert len(_passes(statements)) == 2  # the pass by piece serves every scope
    analytics.channel_performance(shared, date(2026, 4, 1), date(2026, 4, 30))
    assert len(_passes(statements)) == 3  # another period, another pass


def test_a_shared_pass_is_made_once_for_callers_on_several_threads(uow) -> None:
    import threading

    shared = analytics.SharedPasses(uow)
    started, release, calls = threading.Event(), threading.Event(), []

    def slow_pass() -> list[int]:
        calls.append(1)
        started.set()
        release.wait(5)
        return [42]

    found: list[list[int]] = []
    first = threading.Thread(target=lambda: found.append(shared.once("pass", slow_pass)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: found.append(shared.once("pass", slow_pass)))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert calls == [1] and found == [[42], [42]] and found[0] is found[1]

    def broken() -> None:
        raise RuntimeError("disk gone")

    for _ in range(2):  # a failed pass fails every figure that asks for it
        with pytest.raises(RuntimeError, match="disk gone"):
            shared.once("broken", broken)


def _plans(uow, statements: list[tuple[str, object]]) -> list[str]:
    """SQLite's plan of each pass among ``statements``, its steps joined by " / "."""
    with uow.database.engine.connect() as connection:
        return [" / ".join(row[3] for row in connection.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {statement}", parameters))
                for statement, parameters in _passes(statements)]


def test_the_pass_by_piece_reads_its_covering_index(uow, data, statements) -> None:
    """For a period covering the records SQLite reads the groups off ix_metric_records_pieces
    (no sort, no table); for a small part of them it goes through the occurred_at index."""
    if uow.database.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans by its own statistics")
    analytics.channel_performance(uow, START, END)
    analytics.channel_performance(uow, date(2026, 3, 2), date(2026, 3, 2))
    plans = _plans(uow, statements)
    assert plans == [  # each pass is a co-routine whose rows are packed into one JSON array
        "CO-ROUTINE anon_1 / SCAN metric_records USING COVERING INDEX ix_metric_records_pieces"
        " / SCAN anon_1",
        "CO-ROUTINE anon_1 / SEARCH metric_records USING INDEX ix_metric_records_occurred_at "
        "(occurred_at>? AND occurred_at<?) / USE TEMP B-TREE FOR GROUP BY / SCAN anon_1"]


def test_the_pass_by_hour_reads_its_index_in_order(uow, data, statements) -> None:
    """The period is a range of ix_metric_records_hours and the groups come off it in order:
    no sort, no table, whatever share of the records the period covers."""
    if uow.database.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans by its own statistics")
    analytics.activity_heatmap(uow, START, END)
    analytics.activity_heatmap(uow, date(2026, 3, 2), date(2026, 3, 2))
    plans = _plans(uow, statements)
    assert plans == 2 * [
        "CO-ROUTINE anon_1 / SEARCH metric_records USING COVERING INDEX ix_metric_records_hours "
        "(<expr>>? AND <expr><?) / SCAN anon_1"]
