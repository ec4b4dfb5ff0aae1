"""What the imported results say: the "Measure" questions of the design.

Every figure is a function of ``(uow, start, end, *, campaign_ids=None,
channels=None, team=None)`` returning frozen dataclasses, computed with SQL
aggregates (a team file may hold millions of records). The Analytics page and
the PDF report call the same functions:

- ``channel_performance``: reach, impressions, engagement, leads, cost, cost per
  lead, engagement rate, share of attention and time on page, per channel.
- ``channel_trend(..., measure=)``: one measure per channel and day, week or month.
- ``activity_heatmap`` and ``best_hours``: engagement by weekday and hour of the
  team's day (records without a time of day are left out).
- ``word_lift``: words and two-word phrases of titles and subject lines, ranked
  by their lift in engagement rate over the average, used at least ``min_uses`` times.
- ``content_by_kind`` and ``content_by_tag``: performance by card kind and by
  common-ground tag (records matched to a board card only).
- ``influencers``: outlets, journalists and creators by the reach and engagement
  of the coverage they gave.
- ``goal_progress(uow, goal_id)``: measurements against the target line.

Definitions. *Engagement* is the ``engagements`` metric on a channel that has it,
else clicks plus opens (email, search), so nothing is counted twice. *Exposure*
is impressions where a channel or piece has them, else reach; the engagement rate
is engagement over exposure. ``start`` and ``end`` are inclusive days. Filtering
by campaign or owning team keeps only records matched to a board card.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, Select, cast, distinct, extract, func, select

from db import models as m
from db.enums import CardKind, CommonGroundTag, Team
from db.unit_of_work import UnitOfWork
from desktop import goals as goal_service
from desktop.quarters import quarter_bounds

ENGAGEMENT_METRICS = ("engagements", "clicks", "opens")
EXPOSURE_METRICS = ("impressions", "reach")
PRESS_CHANNELS = frozenset({"press", "media", "news", "print", "broadcast", "radio", "tv"})
TREND_MEASURES = ("reach", "impressions", "engagement", "leads", "cost")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

R = m.MetricRecord


@dataclass(frozen=True)
class ChannelPerformance:
    channel: str
    reach: float
    impressions: float
    engagement: float
    clicks: float
    leads: float
    cost: float
    records: int
    engagement_rate: float | None
    cost_per_lead: float | None
    engagement_share: float
    time_on_page: float | None  # average seconds, where the channel reports it


@dataclass(frozen=True)
class TrendPoint:
    period_start: date
    channel: str
    value: float


@dataclass(frozen=True)
class Heatmap:
    """Engagement by weekday (Monday first) and hour of the day."""

    values: tuple[tuple[float, ...], ...]  # 7 rows of 24

    @property
    def total(self) -> float:
        return sum(map(sum, self.values))

    def peak(self) -> tuple[int, int] | None:
        if not self.total:
            return None
        return max(((d, h) for d in range(7) for h in range(24)),
                   key=lambda dh: self.values[dh[0]][dh[1]])


@dataclass(frozen=True)
class BestHours:
    channel: str
    hours: tuple[int, ...]  # the best first
    share: float  # of the channel's timed engagement in those hours
    engagement: float


@dataclass(frozen=True)
class WordLift:
    phrase: str
    uses: int
    engagement: float
    exposure: float
    engagement_rate: float
    lift: float  # 0.25 = a quarter above the average rate


@dataclass(frozen=True)
class WordFindings:
    average_rate: float | None
    pieces: int
    words: tuple[WordLift, ...]


@dataclass(frozen=True)
class ContentPerformance:
    key: str  # a CardKind or CommonGroundTag value
    pieces: int
    reach: float
    impressions: float
    engagement: float
    leads: float
    engagement_rate: float | None


@dataclass(frozen=True)
class Influencer:
    name: str
    role: str  # "outlet", "journalist" or "creator"
    pieces: int
    reach: float
    engagement: float


@dataclass(frozen=True)
class GoalProgress:
    goal_id: int
    title: str
    unit: str
    baseline: float
    target: float
    start: date
    end: date
    points: tuple[tuple[date, float], ...]

    def target_on(self, day: date) -> float:
        """The straight line from the baseline at the start to the target at the end."""
        span = (self.end - self.start).days or 1
        share = min(1.0, max(0.0, (day - self.start).days / span))
        return self.baseline + (self.target - self.baseline) * share


# --------------------------------------------------------------------------- scope


def _scoped(query: Select, start: date, end: date, campaign_ids: Sequence[int] | None,
            channels: Sequence[str] | None, team: Team | None) -> Select:
    query = query.where(R.occurred_at >= datetime.combine(start, time(0)),
                        R.occurred_at < datetime.combine(end + timedelta(days=1), time(0)))
    if channels:
        query = query.where(R.channel.in_(list(channels)))
    if campaign_ids or team is not None:
        query = query.join(m.Card, m.Card.id == R.card_id)
        if campaign_ids:
            query = query.where(m.Card.campaign_id.in_(list(campaign_ids)))
        if team is not None:
            query = query.where(m.Card.team == team)
    return query


def _engagement(sums: dict[str, float]) -> float:
    if "engagements" in sums:
        return sums["engagements"]
    return sums.get("clicks", 0.0) + sums.get("opens", 0.0)


def _exposure(sums: dict[str, float]) -> float:
    return sums.get("impressions") or sums.get("reach", 0.0)


def _rate(engagement: float, exposure: float) -> float | None:
    return engagement / exposure if exposure else None


def _sums_by(session, query: Select) -> dict[object, dict[str, float]]:  # noqa: ANN001
    """Rows of (key, metric, sum) into {key: {metric: sum}}."""
    found: dict[object, dict[str, float]] = defaultdict(dict)
    for key, metric, total in session.execute(query):
        found[key][metric] = float(total or 0.0)
    return found


# --------------------------------------------------------------------------- channels


def channel_performance(uow: UnitOfWork, start: date, end: date, *,
                        campaign_ids: Sequence[int] | None = None,
                        channels: Sequence[str] | None = None,
                        team: Team | None = None) -> list[ChannelPerformance]:
    """Per channel, most engagement first."""
    query = _scoped(select(R.channel, R.metric, func.sum(R.value), func.count(),
                           func.avg(R.value)), start, end, campaign_ids, channels, team)
    query = query.group_by(R.channel, R.metric)
    sums: dict[str, dict[str, float]] = defaultdict(dict)
    counts: dict[str, int] = defaultdict(int)
    averages: dict[str, float] = {}
    with uow.read() as session:
        for channel, metric, total, count, average in session.execute(query):
            sums[channel][metric] = float(total or 0.0)
            counts[channel] += int(count)
            if metric == "time_on_page":
                averages[channel] = float(average)
    engagement = {channel: _engagement(s) for channel, s in sums.items()}
    everything = sum(engagement.values())
    rows = []
    for channel, s in sums.items():
        leads, cost = s.get("leads", 0.0), s.get("cost", 0.0)
        rows.append(ChannelPerformance(
            channel, s.get("reach", 0.0), s.get("impressions", 0.0), engagement[channel],
            s.get("clicks", 0.0), leads, cost, counts[channel],
            _rate(engagement[channel], _exposure(s)),
            cost / leads if leads and cost else None,
            engagement[channel] / everything if everything else 0.0, averages.get(channel)))
    return sorted(rows, key=lambda r: (-r.engagement, -r.reach, r.channel))


def _bucket(day: date, size: str) -> date:
    if size == "month":
        return day.replace(day=1)
    if size == "week":
        return day - timedelta(days=day.weekday())
    return day


def bucket_size(start: date, end: date) -> str:
    """Days for a month, weeks for up to half a year, months beyond."""
    span = (end - start).days
    return "day" if span <= 31 else "week" if span <= 190 else "month"


def channel_trend(uow: UnitOfWork, start: date, end: date, *, measure: str = "reach",
                  campaign_ids: Sequence[int] | None = None,
                  channels: Sequence[str] | None = None,
                  team: Team | None = None) -> list[TrendPoint]:
    """``measure`` (one of ``TREND_MEASURES``) per channel and period, in time order."""
    if measure not in TREND_MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    metrics = ENGAGEMENT_METRICS if measure == "engagement" else (measure,)
    size = bucket_size(start, end)
    with uow.read() as session:
        day = func.date(R.occurred_at) if session.bind.dialect.name == "sqlite" \
            else cast(R.occurred_at, Date)
        query = _scoped(select(R.channel, day, R.metric, func.sum(R.value)), start, end,
                        campaign_ids, channels, team)
        query = query.where(R.metric.in_(metrics)).group_by(R.channel, day, R.metric)
        rows = list(session.execute(query))
    has_engagements = {channel for channel, _, metric, _ in rows if metric == "engagements"}
    totals: dict[tuple[date, str], float] = defaultdict(float)
    for channel, when, metric, total in rows:
        if measure == "engagement" and channel in has_engagements and metric != "engagements":
            continue
        day_value = when if isinstance(when, date) else date.fromisoformat(str(when)[:10])
        totals[(_bucket(day_value, size), channel)] += float(total or 0.0)
    return [TrendPoint(period, channel, value)
            for (period, channel), value in sorted(totals.items())]


# --------------------------------------------------------------------------- time of day


def _hourly(uow: UnitOfWork, start: date, end: date, campaign_ids: Sequence[int] | None,
            channels: Sequence[str] | None, team: Team | None
            ) -> dict[str, dict[tuple[int, int], float]]:
    """{channel: {(weekday Monday=0, hour): engagement}} over timed records."""
    dow, hour = extract("dow", R.occurred_at), extract("hour", R.occurred_at)
    query = _scoped(select(R.channel, dow, hour, R.metric, func.sum(R.value)), start, end,
                    campaign_ids, channels, team)
    query = query.where(R.timed.is_(True), R.metric.in_(ENGAGEMENT_METRICS))
    query = query.group_by(R.channel, dow, hour, R.metric)
    with uow.read() as session:
        rows = list(session.execute(query))
    has_engagements = {channel for channel, *_rest, metric, _ in rows
                       if metric == "engagements"}
    found: dict[str, dict[tuple[int, int], float]] = defaultdict(lambda: defaultdict(float))
    for channel, weekday, hour_of_day, metric, total in rows:
        if channel in has_engagements and metric != "engagements":
            continue
        found[channel][((int(weekday) + 6) % 7, int(hour_of_day))] += float(total or 0.0)
    return found


def activity_heatmap(uow: UnitOfWork, start: date, end: date, *,
                     campaign_ids: Sequence[int] | None = None,
                     channels: Sequence[str] | None = None,
                     team: Team | None = None) -> Heatmap:
    grid = [[0.0] * 24 for _ in range(7)]
    for cells in _hourly(uow, start, end, campaign_ids, channels, team).values():
        for (weekday, hour), value in cells.items():
            grid[weekday][hour] += value
    return Heatmap(tuple(tuple(row) for row in grid))


def best_hours(uow: UnitOfWork, start: date, end: date, *, top: int = 3,
               campaign_ids: Sequence[int] | None = None,
               channels: Sequence[str] | None = None,
               team: Team | None = None) -> list[BestHours]:
    """The ``top`` hours of each channel's engagement (any weekday), busiest channel first."""
    found = []
    for channel, cells in _hourly(uow, start, end, campaign_ids, channels, team).items():
        by_hour: dict[int, float] = defaultdict(float)
        for (_weekday, hour), value in cells.items():
            by_hour[hour] += value
        total = sum(by_hour.values())
        if not total:
            continue
        hours = sorted(by_hour, key=lambda h: (-by_hour[h], h))[:top]
        found.append(BestHours(channel, tuple(hours), sum(by_hour[h] for h in hours) / total,
                               total))
    return sorted(found, key=lambda b: (-b.engagement, b.channel))


# --------------------------------------------------------------------------- words

STOP_WORDS = frozenset("""
a an and are as at be but by for from has have how i in into is it its of on or our so
that the their this to was we what when who why will with you your new more all about
not can just get out up via amp rt der die das und mit für von den ein eine zu im ist
""".split())
_URL = re.compile(r"https?://\S+|www\.\S+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def phrases(text: str) -> set[str]:
    """The words and two-word phrases of a title, without stop words or links."""
    words = [w.strip("'’-").casefold() for w in _WORD.findall(_URL.sub(" ", text))]
    found: set[str] = set()
    previous = ""
    for word in words:
        if len(word) < 2 or word in STOP_WORDS:
            previous = ""
            continue
        found.add(word)
        if previous:
            found.add(f"{previous} {word}")
        previous = word
    return found


def word_lift(uow: UnitOfWork, start: date, end: date, *, min_uses: int = 3, limit: int = 20,
              campaign_ids: Sequence[int] | None = None,
              channels: Sequence[str] | None = None,
              team: Team | None = None) -> WordFindings:
    """Phrases ranked by lift; a phrase counts once per piece of content that uses it."""
    query = _scoped(select(R.content, R.channel, R.metric, func.sum(R.value)), start, end,
                    campaign_ids, channels, team)
    query = query.where(R.content != "", R.metric.in_(ENGAGEMENT_METRICS + EXPOSURE_METRICS))
    query = query.group_by(R.content, R.channel, R.metric)
    with uow.read() as session:
        pieces = {content: _totals(by_channel)[1:]
                  for content, by_channel in _by_channel(session.execute(query)).items()}
    items = [(str(content), engagement, exposure)
             for content, (engagement, exposure) in pieces.items() if exposure > 0]
    total_exposure = sum(exposure for _, _, exposure in items)
    if not total_exposure:
        return WordFindings(None, 0, ())
    average = sum(engagement for _, engagement, _ in items) / total_exposure
    per_phrase: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for content, engagement, exposure in items:
        for phrase in phrases(content):
            entry = per_phrase[phrase]
            entry[0] += 1
            entry[1] += engagement
            entry[2] += exposure
    words = [WordLift(phrase, int(uses), eng, exp, eng / exp,
                      (eng / exp) / average - 1 if average else 0.0)
             for phrase, (uses, eng, exp) in per_phrase.items() if uses >= min_uses]
    words.sort(key=lambda w: (-w.lift, -w.uses, w.phrase))
    return WordFindings(average, len(items), tuple(words[:limit]))


# --------------------------------------------------------------------------- content


def _by_channel(rows: Iterable) -> dict[object, dict[str, dict[str, float]]]:
    """Rows of (key, channel, metric, sum) into {key: {channel: {metric: sum}}}."""
    found: dict[object, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for key, channel, metric, total in rows:
        found[key][channel][metric] = float(total or 0.0)
    return found


def _totals(channels: dict[str, dict[str, float]]) -> tuple[dict[str, float], float, float]:
    """Summed metrics, engagement and exposure, each channel counted by its own rule."""
    summed: dict[str, float] = defaultdict(float)
    for sums in channels.values():
        for metric, value in sums.items():
            summed[metric] += value
    return (summed, sum(_engagement(s) for s in channels.values()),
            sum(_exposure(s) for s in channels.values()))


def _content_rows(session, key, query: Select) -> list[ContentPerformance]:  # noqa: ANN001
    grouped = _by_channel(session.execute(query.add_columns(R.channel, R.metric,
                                                            func.sum(R.value))
                                          .group_by(key, R.channel, R.metric)))
    counted = session.execute(query.add_columns(func.count(distinct(R.card_id)))
                              .group_by(key)).all()
    pieces = {k: int(n) for k, n in counted}
    rows = []
    for group, channels in grouped.items():
        s, engagement, exposure = _totals(channels)
        rows.append(ContentPerformance(
            str(getattr(group, "value", group)), pieces.get(group, 0), s.get("reach", 0.0),
            s.get("impressions", 0.0), engagement, s.get("leads", 0.0),
            _rate(engagement, exposure)))
    return sorted(rows, key=lambda r: (-r.engagement, -r.reach, r.key))


def content_by_kind(uow: UnitOfWork, start: date, end: date, *,
                    campaign_ids: Sequence[int] | None = None,
                    channels: Sequence[str] | None = None,
                    team: Team | None = None) -> list[ContentPerformance]:
    base = _scoped(select(m.Card.kind), start, end, campaign_ids, channels, team)
    if not (campaign_ids or team is not None):
        base = base.join(m.Card, m.Card.id == R.card_id)
    with uow.read() as session:
        return _content_rows(session, m.Card.kind, base)


def content_by_tag(uow: UnitOfWork, start: date, end: date, *,
                   campaign_ids: Sequence[int] | None = None,
                   channels: Sequence[str] | None = None,
                   team: Team | None = None) -> list[ContentPerformance]:
    base = _scoped(select(m.CardTag.tag), start, end, campaign_ids, channels, team)
    base = base.join(m.CardTag, m.CardTag.card_id == R.card_id)
    with uow.read() as session:
        return _content_rows(session, m.CardTag.tag, base)


def kind_label_keys() -> tuple[str, ...]:
    return tuple(k.value for k in CardKind) + tuple(t.value for t in CommonGroundTag)


# --------------------------------------------------------------------------- influence


def influencers(uow: UnitOfWork, start: date, end: date, *, limit: int = 25,
                campaign_ids: Sequence[int] | None = None,
                channels: Sequence[str] | None = None,
                team: Team | None = None) -> list[Influencer]:
    """Outlets and authors by reach, then engagement, of their coverage."""
    found: list[Influencer] = []
    with uow.read() as session:
        for column, role_of in ((R.outlet, lambda _c: "outlet"),
                                (R.author, lambda c: "journalist" if c in PRESS_CHANNELS
                                 else "creator")):
            query = _scoped(select(column, R.channel, R.metric, func.sum(R.value),
                                   func.count(distinct(R.content))),
                            start, end, campaign_ids, channels, team)
            query = query.where(column != "").group_by(column, R.channel, R.metric)
            found += _influence_rows(session.execute(query), role_of)
    found.sort(key=lambda i: (-i.reach, -i.engagement, i.name))
    return found[:limit]


def _influence_rows(rows: Iterable, role_of) -> list[Influencer]:  # noqa: ANN001
    by_name: dict[tuple[str, str], dict[str, dict[str, float]]] = defaultdict(
        lambda: defaultdict(dict))
    pieces: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for name, channel, metric, total, count in rows:
        key = (str(name), role_of(channel))
        by_name[key][channel][metric] = float(total or 0.0)
        pieces[key][channel] = max(pieces[key].get(channel, 0), int(count))
    found = []
    for (name, role), channels in by_name.items():
        summed, engagement, _exposure_total = _totals(channels)
        found.append(Influencer(name, role, sum(pieces[(name, role)].values()),
                                summed.get("reach", 0.0), engagement))
    return found


# --------------------------------------------------------------------------- goals


def goal_progress(uow: UnitOfWork, goal_id: int) -> GoalProgress:
    goal = goal_service.get_goal(uow, goal_id)
    start, end = quarter_bounds(goal.quarter)
    points = tuple((mm.measured_on, mm.value) for mm in goal_service.list_measurements(uow, goal_id))
    return GoalProgress(goal.id, goal.title, goal.unit, goal.baseline, goal.target, start, end,
                        points)


# --------------------------------------------------------------------------- filters


def list_channels(uow: UnitOfWork) -> list[str]:
    with uow.read() as session:
        return sorted(session.scalars(select(R.channel).distinct()))


def result_span(uow: UnitOfWork) -> tuple[date, date] | None:
    """The first and last day with results, to open the page where the data is."""
    with uow.read() as session:
        first, last = session.execute(select(func.min(R.occurred_at),
                                             func.max(R.occurred_at))).one()
    if first is None:
        return None
    return first.date(), last.date()
