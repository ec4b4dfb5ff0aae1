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
- ``card_sums`` and ``records_per_import``: each card's sums and each import's
  record count in the period (the report's lineage, pilots and appendix).

How the figures are computed. Apart from ``channel_trend``, every figure is
derived from one of two aggregate passes over the period's records: *by piece*
(summed per card, metric, channel, import, content, outlet and author: a row per
piece of content, not per record) and *by hour* (engagement per hour of the
period and channel). A figure alone makes its pass; figures asked for through one
``SharedPasses(uow)`` (the report does) share them, so a report makes two passes
per period instead of one or two per figure. Campaign, channel and team filters
are applied to the by-piece rows in Python, so that pass never joins the cards.

How figures combine. Every sum above is the metric catalogue's
(``desktop.metric_catalogue``): a piece's records combine by the metric's rule
over time (clicks add up, reach keeps its largest figure, followers their latest,
CTR and position are averaged weighted by impressions), pieces by its rule across
pieces; an index (Google Trends' interest) is never combined and left out. A
record that covers a period (``period_end``) counts only in a view that holds all
of that period: ``left_out`` says which imports a view leaves out so. A record of
a breakdown (Search Console's Countries tab ...) is kept, never added to the total.

Definitions. *Engagement* is the ``engagements`` metric on a channel that has it,
else clicks plus opens (email, search), so nothing is counted twice. *Exposure*
is impressions where a channel or piece has them, else reach; the engagement rate
is engagement over exposure. ``start`` and ``end`` are inclusive days. Filtering
by campaign or owning team keeps only records matched to a board card.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Date, Select, cast, func, literal_column, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import ColumnElement, UnaryExpression

from db import models as m
from db.enums import CardKind, CommonGroundTag, Team
from db.unit_of_work import UnitOfWork
from desktop import goals as goal_service
from desktop.metric_catalogue import LATEST, NotCombinable, Tally, definition, load_team_metrics
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


# --------------------------------------------------------------------------- shared passes

T = TypeVar("T")


class SharedPasses(UnitOfWork):
    """A unit of work for a batch of figures that share their passes over the results.

    Asked for alone, every figure makes its own aggregate pass over the period's
    records. The report asks for nine figures of one period, on several threads,
    through one of these: the first figure that needs a pass makes it, the others
    wait for it and reuse its rows. Use one per batch: it does not see records
    imported after its passes.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        super().__init__(uow.database, uow.person_id)
        self._lock = threading.Lock()
        self._passes: dict[Hashable, Future] = {}

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What ``compute()`` returned for the first caller with this ``key``."""
        with self._lock:
            future = self._passes.get(key)
            first = future is None
            if first:
                future = self._passes[key] = Future()
        if first:
            try:
                future.set_result(compute())
            except BaseException as error:  # every waiter gets it, as the first caller does
                future.set_exception(error)
        return future.result()


def _once[T](uow: UnitOfWork, key: Hashable, compute: Callable[[], T]) -> T:
    return uow.once(key, compute) if isinstance(uow, SharedPasses) else compute()


def _scope_key(values: Sequence | None) -> tuple | None:
    """A filter as part of a pass's key: hashable, and the same in any order."""
    return tuple(sorted(values)) if values else None


# --------------------------------------------------------------------------- scope

#: On SQLite, the share of the records' time span beyond which a period is read
#: without the occurred_at index (see ``_occurred_at``; measured on a million records).
#: The pass by piece then reads its covering index whole, which costs about what a
#: tenth of the records costs through occurred_at; the passes that sort read the table
#: whole, which pays from about half.
_PIECES_SCAN_SHARE = 0.1
_SORTED_SCAN_SHARE = 0.5


def _occurred_at(session: Session, first: datetime, after: datetime,
                 scan_share: float) -> ColumnElement:
    """``occurred_at`` as the condition on the period should name it.

    Through the occurred_at index SQLite fetches each of the period's records from
    the table, then sorts them all for the GROUP BY: for a period that covers much
    of the records, reading the table (or a covering index) straight through is
    faster. ``+occurred_at`` is SQLite's way of keeping a condition off an index;
    how much of the records' span the period covers takes two index look-ups.
    PostgreSQL plans by its own statistics.
    """
    if session.bind.dialect.name != "sqlite":
        return R.occurred_at
    oldest, newest = _span(session)
    if oldest is None or min(after, newest) - max(first, oldest) <= (newest - oldest) * scan_share:
        return R.occurred_at
    return UnaryExpression(R.occurred_at, operator=operators.custom_op("+"),
                           type_=R.occurred_at.type)


def _span(session: Session) -> tuple[datetime | None, datetime | None]:
    """The first and last ``occurred_at``: two look-ups in its index (SQLite answers a
    lone min() or max() from the index, but scans it for both in one SELECT)."""
    return (session.scalar(select(func.min(R.occurred_at))),
            session.scalar(select(func.max(R.occurred_at))))


def _in_period(session: Session, query: Select, start: date, end: date,
               scan_share: float = _SORTED_SCAN_SHARE) -> Select:
    first = datetime.combine(start, time(0))
    after = datetime.combine(end + timedelta(days=1), time(0))
    when = _occurred_at(session, first, after, scan_share)
    return query.where(when >= first, when < after,
                       or_(R.period_end.is_(None), R.period_end <= end), R.breakdown == "")


def _scoped(session: Session, query: Select, start: date, end: date,
            campaign_ids: Sequence[int] | None, channels: Sequence[str] | None,
            team: Team | None) -> Select:
    return _in_scope(_in_period(session, query, start, end), campaign_ids, channels, team)


def _in_scope(query: Select, campaign_ids: Sequence[int] | None, channels: Sequence[str] | None,
              team: Team | None) -> Select:
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


# --------------------------------------------------------------------------- the pass by piece

#: What the by-piece pass groups by, in the order of the covering index
#: ix_metric_records_pieces (db/models/metrics.py): SQLite then reads the groups off
#: the index one after another instead of sorting every record of the period.
_PIECE = (R.card_id, R.metric, R.channel, R.import_id, R.content, R.outlet, R.author)


#: A pass's aggregates of values, named so that ``_rows_at_once`` knows they are floats
#: (every name starts with ``sum_of``).
_SUM = func.sum(R.value).label("sum_of_values")
_WEIGHTED = func.sum(R.value * R.weight).label("sum_of_weighted")
_WEIGHTS = func.sum(R.weight).label("sum_of_weights")
_MAX = func.max(R.value).label("sum_of_max")


class _Piece(NamedTuple):
    """A row of the pass by piece: the ``_PIECE`` columns, the piece's figure (its records
    combined over time by the catalogue), its weight, and the records combined."""

    card_id: int | None
    metric: str
    channel: str
    import_id: int | None
    content: str
    outlet: str
    author: str
    total: float
    records: int
    weight: float = 1.0


def _piece_sums(uow: UnitOfWork, start: date, end: date) -> list[_Piece]:
    """The period's records combined by piece.

    A row per card, metric, channel, import, content, outlet and author: as many
    as there are pieces, not records. Unscoped, so that one pass serves every
    figure of the period whatever its filters (``_pieces`` applies them). A piece
    of an index with more than one record has no figure and is left out.
    """
    def run() -> list[_Piece]:
        load_team_metrics(uow)  # how the team's own metrics combine, as its file says now
        with uow.read() as session:
            query = _in_period(session, select(*_PIECE, _SUM, func.count(), _WEIGHTED,
                                               _WEIGHTS, _MAX),
                               start, end, _PIECES_SCAN_SHARE).group_by(*_PIECE)
            rows = _rows_at_once(session, query)
            latest = _latest_values(session, start, end, {row[1] for row in rows})
        found = []
        for *key, total, records, weighted, weights, largest in rows:
            entry = definition(key[1])
            rule, weight = entry.over_time, 1.0
            if rule == LATEST:
                total = latest.get(tuple(key), total)
            elif rule == "max":
                total = largest
            elif rule == "weighted":
                if not weights:
                    continue
                total, weight = weighted / weights, weights
            elif rule == "none" and records > 1:
                continue
            found.append(_Piece(*key, total, records, weight))
        return found
    return _once(uow, ("pieces", start, end), run)


def _latest_values(session: Session, start: date, end: date,
                   metrics: set[str]) -> dict[tuple, float]:
    """Each piece's latest figure of the metrics that keep it (stocks, like followers)."""
    wanted = [name for name in metrics if definition(name).over_time == LATEST]
    if not wanted:
        return {}
    query = _in_period(session, select(*_PIECE, R.value).where(R.metric.in_(wanted)),
                       start, end).order_by(R.occurred_at, R.id)
    return {tuple(row[:-1]): float(row[-1]) for row in session.execute(query)}


class _Sums(dict):
    """{metric: figure} of pieces, each metric combined across them by the catalogue;
    a metric that cannot be combined (an index of several pieces) is left out."""

    def __init__(self) -> None:
        super().__init__()
        self.tallies: dict[str, Tally] = {}

    def add(self, metric: str, value: float, weight: float = 1.0) -> None:
        tally = self.tallies.get(metric)
        if tally is None:
            tally = self.tallies[metric] = Tally(metric, definition(metric).across)
        tally.add(value, weight)
        try:
            combined = tally.value
        except NotCombinable:
            combined = None
        if combined is None:
            self.pop(metric, None)
        else:
            self[metric] = combined

    def weight(self, metric: str) -> float:
        tally = self.tallies.get(metric)
        return tally.weight if tally is not None else 1.0


def metric_total(uow: UnitOfWork, metric: str, start: date, end: date, *,
                 channels: Sequence[str] | None = None) -> float | None:
    """One metric's figure for a period, combined as the catalogue says (None: none, or
    one that cannot be combined); what goals are measured by."""
    sums = _Sums()
    for row in _pieces(uow, start, end, None, channels, None):
        if row.metric == metric:
            sums.add(metric, row.total, row.weight)
    return sums.get(metric)


def left_out(uow: UnitOfWork, start: date, end: date) -> list[str]:
    """The imports whose records cover more than the period asked for, and so are not in
    it: "GA4 pages.csv covers 2025-01-01 to 2025-12-31; it is not split into shorter
    periods, so it is shown only in a view that holds all of it"."""
    first = datetime.combine(start, time(0))
    after = datetime.combine(end + timedelta(days=1), time(0))
    query = (select(m.ImportBatch.file_name, func.min(R.occurred_at), func.max(R.period_end))
             .join(m.ImportBatch, m.ImportBatch.id == R.import_id)
             .where(R.period_end.is_not(None), R.occurred_at < after, R.period_end >= start,
                    or_(R.occurred_at < first, R.period_end > end))
             .group_by(m.ImportBatch.id, m.ImportBatch.file_name).order_by(m.ImportBatch.id))
    with uow.read() as session:
        rows = list(session.execute(query))
    found = []
    for name, began, ended in rows:
        began_day = began if isinstance(began, date) else datetime.fromisoformat(str(began))
        began_day = began_day.date() if isinstance(began_day, datetime) else began_day
        ended_day = ended if isinstance(ended, date) else date.fromisoformat(str(ended)[:10])
        found.append(f"{name} covers {began_day.isoformat()} to {ended_day.isoformat()}; it is "
                     "not split into shorter periods, so it is shown only in a view that holds "
                     "all of it")
    return found


@dataclass(frozen=True)
class _CardFacts:
    kind: CardKind
    campaign_id: int | None
    team: Team
    tags: tuple[CommonGroundTag, ...]


#: Members by stored value: a dictionary look-up, where calling the enum takes ten times as
#: long (the report reads every card's).
_KINDS = {kind.value: kind for kind in CardKind}
_TEAMS = {team.value: team for team in Team}
_TAGS = {tag.value: tag for tag in CommonGroundTag}


def _cards(uow: UnitOfWork) -> dict[int, _CardFacts]:
    """What the figures need to know of every card (deleted ones too: results stay theirs).

    Fetched in one call each (``_rows_at_once``), as the report asks for it beside
    figures that compute."""
    def run() -> dict[int, _CardFacts]:
        tags: dict[int, list[CommonGroundTag]] = defaultdict(list)
        with uow.read() as session:
            for card_id, tag in _rows_at_once(session, select(m.CardTag.card_id, m.CardTag.tag)):
                tags[card_id].append(_TAGS[tag])
            cards = _rows_at_once(session, select(m.Card.id, m.Card.kind, m.Card.campaign_id,
                                                  m.Card.team))
        return {card_id: _CardFacts(_KINDS[kind], campaign_id, _TEAMS[team],
                                    tuple(tags.get(card_id, ())))
                for card_id, kind, campaign_id, team in cards}
    return _once(uow, ("cards",), run)


def _pieces(uow: UnitOfWork, start: date, end: date, campaign_ids: Sequence[int] | None,
            channels: Sequence[str] | None, team: Team | None) -> list[_Piece]:
    """The by-piece rows within a scope: what ``_scoped`` does in SQL, on far fewer rows."""
    rows = _piece_sums(uow, start, end)
    if channels:
        wanted = set(channels)
        rows = [row for row in rows if row.channel in wanted]
    if campaign_ids or team is not None:
        cards, campaigns = _cards(uow), set(campaign_ids or ())
        rows = [row for row in rows
                if _card_in_scope(cards.get(row.card_id), campaigns, team)]
    return rows


def _card_in_scope(card: _CardFacts | None, campaigns: set[int], team: Team | None) -> bool:
    return (card is not None and (not campaigns or card.campaign_id in campaigns)
            and (team is None or card.team == team))


def card_sums(uow: UnitOfWork, start: date, end: date, *,
              campaign_ids: Sequence[int] | None = None,
              channels: Sequence[str] | None = None,
              team: Team | None = None) -> dict[int, dict[str, float]]:
    """{card id: {metric: sum}} of the period's records matched to a card."""
    found: dict[int, dict[str, float]] = defaultdict(_Sums)
    for row in _pieces(uow, start, end, campaign_ids, channels, team):
        if row.card_id is not None:
            found[row.card_id].add(row.metric, row.total, row.weight)
    return {card: dict(sums) for card, sums in found.items()}


def records_per_import(uow: UnitOfWork, start: date, end: date, *,
                       campaign_ids: Sequence[int] | None = None,
                       channels: Sequence[str] | None = None,
                       team: Team | None = None) -> dict[int | None, int]:
    """How many of the period's records each import brought (``None``: typed in)."""
    found: dict[int | None, int] = defaultdict(int)
    for row in _pieces(uow, start, end, campaign_ids, channels, team):
        found[row.import_id] += row.records
    return dict(found)


# --------------------------------------------------------------------------- channels


def channel_performance(uow: UnitOfWork, start: date, end: date, *,
                        campaign_ids: Sequence[int] | None = None,
                        channels: Sequence[str] | None = None,
                        team: Team | None = None) -> list[ChannelPerformance]:
    """Per channel, most engagement first."""
    sums: dict[str, _Sums] = defaultdict(_Sums)
    records: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in _pieces(uow, start, end, campaign_ids, channels, team):
        sums[row.channel].add(row.metric, row.total, row.weight)
        records[row.channel][row.metric] += row.records
    engagement = {channel: _engagement(s) for channel, s in sums.items()}
    everything = sum(engagement.values())
    rows = []
    for channel, s in sums.items():
        leads, cost = s.get("leads", 0.0), s.get("cost", 0.0)
        rows.append(ChannelPerformance(
            channel, s.get("reach", 0.0), s.get("impressions", 0.0), engagement[channel],
            s.get("clicks", 0.0), leads, cost, sum(records[channel].values()),
            _rate(engagement[channel], _exposure(s)),
            cost / leads if leads and cost else None,
            engagement[channel] / everything if everything else 0.0,
            s.get("time_on_page")))
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
        query = _scoped(session, select(R.channel, day, R.metric, func.sum(R.value)),
                        start, end, campaign_ids, channels, team)
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
    """{channel: {(weekday Monday=0, hour): engagement}} over timed records: the by-hour pass."""
    def run() -> dict[str, dict[tuple[int, int], float]]:
        with uow.read() as session:
            hour = _hour_of(session)
            query = _in_scope(_hours_in_period(session, select(hour, R.channel, R.metric, _SUM),
                                               start, end),
                              campaign_ids, channels, team)
            query = query.where(R.timed == true(), R.metric.in_(ENGAGEMENT_METRICS))
            rows = _rows_at_once(session, query.group_by(hour, R.channel, R.metric))
        has_engagements = {channel for _, channel, metric, _ in rows if metric == "engagements"}
        cells: dict[object, tuple[int, int]] = {}
        found: dict[str, dict[tuple[int, int], float]] = defaultdict(lambda: defaultdict(float))
        for hour_start, channel, metric, total in rows:
            if channel in has_engagements and metric != "engagements":
                continue
            if hour_start not in cells:
                cells[hour_start] = _weekday_hour(hour_start)
            found[channel][cells[hour_start]] += float(total or 0.0)
        return {channel: dict(by_cell) for channel, by_cell in found.items()}
    return _once(uow, ("hours", start, end, _scope_key(campaign_ids), _scope_key(channels),
                       team), run)


def _hour_of(session: Session) -> ColumnElement:
    """The hour a record falls in, as cheaply as the database gives it.

    On SQLite that is the first 13 characters of the stored time ("2026-03-02 09"),
    with no date arithmetic for each record (which took a quarter of the pass): the
    weekday is worked out in ``_weekday_hour``, once for each hour of the period.
    """
    if session.bind.dialect.name == "sqlite":
        # Constants in the SQL, not parameters: as the index's expression (SQLITE_HOUR in
        # db/models/metrics.py) is written, so that SQLite matches the two.
        return func.substr(R.occurred_at, literal_column("1"), literal_column("13"))
    return func.date_trunc("hour", R.occurred_at)


def _hours_in_period(session: Session, query: Select, start: date, end: date) -> Select:
    """The period as a range of ``_hour_of``: on SQLite a range of the hours' index
    (ix_metric_records_hours, db/models/metrics.py), whose groups then come in order."""
    if session.bind.dialect.name != "sqlite":
        return _in_period(session, query, start, end)
    hour = _hour_of(session)
    first, after = start.isoformat() + " 00", (end + timedelta(days=1)).isoformat() + " 00"
    return query.where(hour >= first, hour < after)


def _weekday_hour(hour: str | datetime) -> tuple[int, int]:
    """(weekday Monday=0, hour of the day) of an ``_hour_of`` value."""
    if isinstance(hour, str):
        return date.fromisoformat(hour[:10]).weekday(), int(hour[11:13])
    return hour.weekday(), hour.hour


def _rows_at_once(session: Session, query: Select) -> list[Sequence[Any]]:
    """An aggregate pass's rows; on SQLite, fetched in one call, as one JSON array.

    Python's sqlite3 module lets other threads have the interpreter during each
    row it fetches and then waits to get it back: up to two switch intervals
    (10 ms) a row while another thread is computing. The report runs the passes
    beside figures and charts that keep the interpreter busy, so a pass's rows
    (its groups, not its records) come back in one call, during which SQLite
    leaves the interpreter to the others. Sums are printed in full (JSON would
    round them to 15 digits) and read back as floats.
    """
    if session.bind.dialect.name != "sqlite":
        return [tuple(row) for row in session.connection().execute(query)]
    columns = list(query.subquery().c)
    sums = {i for i, column in enumerate(columns) if column.name.startswith("sum_of")}
    packed = func.json_group_array(func.json_array(*(
        func.printf("%.17g", column) if i in sums else column
        for i, column in enumerate(columns))))
    rows = json.loads(session.scalar(select(packed)) or "[]")
    for row in rows:  # only the sums are converted: a row's other values are as JSON gave them
        for i in sums:
            row[i] = None if row[i] is None else float(row[i])
    return rows


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
    counted = set(ENGAGEMENT_METRICS + EXPOSURE_METRICS)
    by_content = _by_channel((row.content, row.channel, row)
                             for row in _pieces(uow, start, end, campaign_ids, channels, team)
                             if row.content != "" and row.metric in counted)
    pieces = {content: _totals(by_channel)[1:] for content, by_channel in by_content.items()}
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


def _by_channel(rows: Iterable) -> dict[object, dict[str, _Sums]]:
    """Pieces (key, channel, piece row) into {key: {channel: {metric: figure}}}, combined."""
    found: dict[object, dict[str, _Sums]] = defaultdict(lambda: defaultdict(_Sums))
    for key, channel, row in rows:
        found[key][channel].add(row.metric, row.total, row.weight)
    return found


def _totals(channels: dict[str, _Sums]) -> tuple[dict[str, float], float, float]:
    """Combined metrics, engagement and exposure, each channel counted by its own rule."""
    summed = _Sums()
    for sums in channels.values():
        for metric, value in sums.items():
            summed.add(metric, value, sums.weight(metric))
    return (summed, sum(_engagement(s) for s in channels.values()),
            sum(_exposure(s) for s in channels.values()))


def _content_rows(pairs: Iterable[tuple[object, _Piece]]) -> list[ContentPerformance]:
    """Performance per group of (group, piece row) pairs; a card counts once per group."""
    pairs = list(pairs)
    grouped = _by_channel((group, row.channel, row) for group, row in pairs)
    cards: dict[object, set[int]] = defaultdict(set)
    for group, row in pairs:
        cards[group].add(row.card_id)
    rows = []
    for group, channels in grouped.items():
        s, engagement, exposure = _totals(channels)
        rows.append(ContentPerformance(
            str(getattr(group, "value", group)), len(cards[group]), s.get("reach", 0.0),
            s.get("impressions", 0.0), engagement, s.get("leads", 0.0),
            _rate(engagement, exposure)))
    return sorted(rows, key=lambda r: (-r.engagement, -r.reach, r.key))


def content_by_kind(uow: UnitOfWork, start: date, end: date, *,
                    campaign_ids: Sequence[int] | None = None,
                    channels: Sequence[str] | None = None,
                    team: Team | None = None) -> list[ContentPerformance]:
    cards = _cards(uow)
    return _content_rows((cards[row.card_id].kind, row)
                         for row in _pieces(uow, start, end, campaign_ids, channels, team)
                         if row.card_id in cards)


def content_by_tag(uow: UnitOfWork, start: date, end: date, *,
                   campaign_ids: Sequence[int] | None = None,
                   channels: Sequence[str] | None = None,
                   team: Team | None = None) -> list[ContentPerformance]:
    cards = _cards(uow)
    return _content_rows((tag, row)
                         for row in _pieces(uow, start, end, campaign_ids, channels, team)
                         if row.card_id in cards for tag in cards[row.card_id].tags)


# --------------------------------------------------------------------------- influence


def influencers(uow: UnitOfWork, start: date, end: date, *, limit: int = 25,
                campaign_ids: Sequence[int] | None = None,
                channels: Sequence[str] | None = None,
                team: Team | None = None) -> list[Influencer]:
    """Outlets and authors by reach, then engagement, of their coverage."""
    rows = _pieces(uow, start, end, campaign_ids, channels, team)
    found = (_influence_rows(rows, "outlet", lambda _channel: "outlet")
             + _influence_rows(rows, "author", lambda channel: "journalist"
                               if channel in PRESS_CHANNELS else "creator"))
    found.sort(key=lambda i: (-i.reach, -i.engagement, i.name))
    return found[:limit]


def _influence_rows(rows: list[_Piece], column: str,
                    role_of: Callable[[str], str]) -> list[Influencer]:
    """Each name in ``column`` with its role; its pieces are its distinct contents on each
    channel (on the metric with the most of them), summed over the channels."""
    by_name: dict[tuple[str, str], dict[str, _Sums]] = defaultdict(lambda: defaultdict(_Sums))
    contents: dict[tuple[tuple[str, str], str, str], set[str]] = defaultdict(set)
    for row in rows:
        name = getattr(row, column)
        if name == "":
            continue
        key = (str(name), role_of(row.channel))
        by_name[key][row.channel].add(row.metric, row.total, row.weight)
        contents[(key, row.channel, row.metric)].add(row.content)
    pieces: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (key, channel, _metric), seen in contents.items():
        pieces[key][channel] = max(pieces[key].get(channel, 0), len(seen))
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
        first, last = _span(session)
    if first is None:
        return None
    return first.date(), last.date()
