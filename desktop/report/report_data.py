"""Every figure of the business case, computed without drawing anything.

``compute_report(uow, request)`` gathers the figures from the services that own
them (``analytics`` for results, ``goals``, ``stories``, ``meetings``,
``events``, ``board``) and adds the few only the report needs (results per card
for lineage and pilots, where the period's records came from). The queries are
independent, so they run on a small thread pool: on a big team file they are
most of the report's time. Nothing here draws, so the benchmark can time the
figures alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select

from db import models as m
from db.enums import CardKind, GoalStatus, MeasurementSource, Stage, StoryStatus
from db.unit_of_work import UnitOfWork
from desktop import analytics, board, events, goals, importing, meetings, stories
from desktop.errors import DatabaseError
from desktop.lineage import RESULT_METRICS, LineageNode, Results
from desktop.report.request import Period, ReportRequest
from desktop.report.summary_text import Tile, summary_sentences, summary_tiles
from desktop.team_settings import team_name

#: Threads for the report's queries; SQLite reads in parallel, each on its own connection.
QUERY_WORKERS = 2
TOP_SOURCES = 4
PUBLISHED = frozenset({Stage.PUBLISHED, Stage.MEASURED})
R = m.MetricRecord

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


class ReportCancelled(DatabaseError):
    def __init__(self) -> None:
        super().__init__("The report was cancelled; no file was written.")


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Headline:
    """The figures executives ask for first, for one period."""

    goals_set: int
    goals_met: int
    leads: float
    reach: float
    coverage: int
    cost: float
    placements: int

    @property
    def cost_per_lead(self) -> float | None:
        return self.cost / self.leads if self.leads and self.cost else None


@dataclass(frozen=True)
class QuarterGoals:
    quarter: str
    tree: tuple[goals.GoalNode, ...]


@dataclass(frozen=True)
class Findings:
    """The Analytics page's findings for the report's period and campaigns."""

    channels: tuple[analytics.ChannelPerformance, ...] = ()
    heatmap: analytics.Heatmap | None = None
    best_hours: tuple[analytics.BestHours, ...] = ()
    words: analytics.WordFindings | None = None
    by_kind: tuple[analytics.ContentPerformance, ...] = ()
    by_tag: tuple[analytics.ContentPerformance, ...] = ()
    influencers: tuple[analytics.Influencer, ...] = ()


@dataclass(frozen=True)
class PilotCard:
    card_id: int
    title: str
    owner_name: str
    kind: CardKind
    channel: str
    results: Results


@dataclass(frozen=True)
class PilotFindings:
    """The volunteer pilots on their own, next to the rest of the work with results."""

    cards: tuple[PilotCard, ...]
    pilot: Results
    pilot_pieces: int  # pilot cards with results in the period
    others: Results
    other_pieces: int


@dataclass(frozen=True)
class StoryFigures:
    requested: int  # requests written in the period
    approved: int  # approved by the owning rep in the period
    declined: int  # declined by the owning rep in the period
    awaiting_rep: int  # waiting for a rep's decision now
    placements: tuple[stories.Placement, ...]


@dataclass(frozen=True)
class Collaboration:
    meetings: int
    joint_meetings: int
    average_attendance: float | None
    actions_due: int  # action items of the period's meetings due by its last day
    closed_on_time: int
    closed_late: int
    open_overdue: int
    events: tuple[events.TeamEvent, ...]
    previous_meetings: int
    previous_events: int


@dataclass(frozen=True)
class SourceFile:
    file_name: str
    profile_name: str
    imported_at: datetime | None
    imported_by: str
    records: int  # of the period's records


@dataclass(frozen=True)
class Provenance:
    records: int
    typed_in: int
    files: tuple[SourceFile, ...]
    measurements: tuple[tuple[MeasurementSource, int], ...]


@dataclass(frozen=True)
class ReportData:
    request: ReportRequest
    team_name: str
    campaign_names: tuple[str, ...]
    comparison: Period
    headline: Headline
    previous: Headline
    tiles: tuple[Tile, ...]
    sentences: tuple[str, ...]
    goals: tuple[QuarterGoals, ...]
    lineage: tuple[LineageNode, ...]
    findings: Findings
    pilots: PilotFindings
    stories: StoryFigures
    collaboration: Collaboration
    provenance: Provenance

    @property
    def period(self) -> Period:
        return self.request.period

    @property
    def has_results(self) -> bool:
        return bool(self.findings.channels)

    @property
    def is_empty(self) -> bool:
        """Nothing at all happened in the period: the report says so instead of showing zeros."""
        h = self.headline
        return not (self.has_results or h.goals_set or h.placements or h.coverage
                    or self.collaboration.meetings or self.collaboration.events
                    or self.stories.requested)


# --------------------------------------------------------------------------- queries


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time(0)), datetime.combine(end + timedelta(days=1), time(0))


def _records_in(query: Select, period: Period, campaign_ids: tuple[int, ...]) -> Select:
    """Metric records of the period's days (and campaigns), as ``desktop.analytics`` scopes them."""
    first, after = _day_bounds(period.start, period.end)
    query = query.where(R.occurred_at >= first, R.occurred_at < after)
    if campaign_ids:
        query = query.join(m.Card, m.Card.id == R.card_id).where(
            m.Card.campaign_id.in_(list(campaign_ids)))
    return query


def card_results(uow: UnitOfWork, period: Period,
                 campaign_ids: tuple[int, ...] = ()) -> dict[int, Results]:
    """Each card's own results (reach, clicks, leads, cost) from the period's records."""
    query = _records_in(select(R.card_id, R.metric, func.sum(R.value)), period, campaign_ids)
    query = query.where(R.card_id.is_not(None),
                        R.metric.in_(list(RESULT_METRICS.values()))).group_by(R.card_id, R.metric)
    sums: dict[int, dict[str, float]] = defaultdict(dict)
    with uow.read() as session:
        for card_id, metric, total in session.execute(query):
            sums[card_id][metric] = float(total or 0.0)
    return {card_id: Results(**{name: found.get(metric, 0.0)
                                for name, metric in RESULT_METRICS.items()})
            for card_id, found in sums.items()}


def records_by_import(uow: UnitOfWork, period: Period,
                      campaign_ids: tuple[int, ...] = ()) -> dict[int | None, int]:
    """How many of the period's records each import brought (``None``: typed in)."""
    query = _records_in(select(R.import_id, func.count()), period, campaign_ids)
    with uow.read() as session:
        return {batch: int(count) for batch, count in session.execute(query.group_by(R.import_id))}


def measurement_sources(uow: UnitOfWork, goal_ids: list[int], until: date
                        ) -> tuple[tuple[MeasurementSource, int], ...]:
    """How the goals' measurements up to ``until`` were made: typed in, imported, calculated."""
    if not goal_ids:
        return ()
    query = (select(m.GoalMeasurement.source, func.count())
             .where(m.GoalMeasurement.goal_id.in_(goal_ids),
                    m.GoalMeasurement.measured_on <= until)
             .group_by(m.GoalMeasurement.source))
    with uow.read() as session:
        found = {MeasurementSource(source): int(count) for source, count in session.execute(query)}
    return tuple((source, found[source]) for source in MeasurementSource if source in found)


# --------------------------------------------------------------------------- figures from rows


def _goal_met(goal: goals.Goal) -> bool:
    return goal.met or goal.status is GoalStatus.MET


def counted_goals(goal_list: list[goals.Goal]) -> list[goals.Goal]:
    """Goals that count as "set": every goal of the quarter except the retired ones."""
    return [g for g in goal_list if g.status is not GoalStatus.RETIRED]


def goals_in_scope(goal_list: list[goals.Goal], cards: list[board.Card],
                   campaign_ids: tuple[int, ...]) -> list[goals.Goal]:
    """All goals; for chosen campaigns, the goals their cards support (and the goals above)."""
    if not campaign_ids:
        return goal_list
    supported = {c.goal_id for c in cards if c.campaign_id in campaign_ids and c.goal_id}
    parents = {g.parent_id for g in goal_list if g.id in supported and g.parent_id}
    return [g for g in goal_list if g.id in supported | parents]


def coverage_pieces(cards: list[board.Card], period: Period, today: date,
                    campaign_ids: tuple[int, ...] = ()) -> int:
    """Media-coverage cards published with a date in the period (up to today)."""
    until = period.until(today)
    return sum(1 for c in cards
               if c.kind is CardKind.MEDIA_COVERAGE and c.stage in PUBLISHED
               and c.due_on is not None and period.start <= c.due_on <= until
               and (not campaign_ids or c.campaign_id in campaign_ids))


def headline_of(goal_list: list[goals.Goal], channels: list[analytics.ChannelPerformance],
                coverage: int, placements: int) -> Headline:
    counted = counted_goals(goal_list)
    return Headline(len(counted), sum(1 for g in counted if _goal_met(g)),
                    sum(c.leads for c in channels), sum(c.reach for c in channels), coverage,
                    sum(c.cost for c in channels), placements)


def _branch(card_id: int, cards: dict[int, board.Card], children: dict[int, list[int]],
            results: dict[int, Results], seen: set[int]) -> LineageNode:
    """A card's lineage node with the period's results (the services' lineage is all-time)."""
    seen.add(card_id)
    card = cards[card_id]
    mine = results.get(card_id, Results()) + Results(
        coverage=1 if card.kind is CardKind.MEDIA_COVERAGE else 0)
    kids = [_branch(child, cards, children, results, seen)
            for child in children.get(card_id, []) if child in cards and child not in seen]
    kids.sort(key=lambda n: (-n.total.leads, -n.total.reach, n.title))
    total = mine
    for kid in kids:
        total = total + kid.total
    return LineageNode(card_id, card.title, card.kind, card.stage, mine, total, tuple(kids))


def top_sources(cards: list[board.Card], children: dict[int, list[int]],
                results: dict[int, Results], campaign_ids: tuple[int, ...] = (),
                limit: int = TOP_SOURCES) -> tuple[LineageNode, ...]:
    """The source assets whose derived pieces achieved most in the period (leads, then reach)."""
    by_id = {c.id: c for c in cards}
    roots = [c for c in cards if children.get(c.id)
             and (c.derived_from_id is None or c.derived_from_id not in by_id)
             and (not campaign_ids or c.campaign_id in campaign_ids)]
    trees = [_branch(c.id, by_id, children, results, set()) for c in roots]
    trees = [t for t in trees if t.total.leads or t.total.reach or t.total.clicks]
    trees.sort(key=lambda n: (-n.total.leads, -n.total.reach, n.title))
    return tuple(trees[:limit])


def pilot_findings(cards: list[board.Card], results: dict[int, Results],
                   campaign_ids: tuple[int, ...] = ()) -> PilotFindings:
    scoped = [c for c in cards if not campaign_ids or c.campaign_id in campaign_ids]
    pilots = tuple(PilotCard(c.id, c.title, c.owner_name, c.kind, c.channel,
                             results.get(c.id, Results())) for c in scoped if c.pilot)
    pilot_total, other_total, pilot_pieces, other_pieces = Results(), Results(), 0, 0
    for card in scoped:
        found = results.get(card.id)
        if found is None:
            continue
        if card.pilot:
            pilot_total, pilot_pieces = pilot_total + found, pilot_pieces + 1
        else:
            other_total, other_pieces = other_total + found, other_pieces + 1
    ordered = tuple(sorted(pilots, key=lambda p: (-p.results.leads, -p.results.reach, p.title)))
    return PilotFindings(ordered, pilot_total, pilot_pieces, other_total, other_pieces)


def story_figures(requests: list[stories.StoryRequest], placements: list[stories.Placement],
                  period: Period, today: date, card_ids: set[int] | None) -> StoryFigures:
    """``card_ids`` limits to the stories of the chosen campaigns' cards (None: all)."""
    def scoped(card_id: int | None) -> bool:
        return card_ids is None or card_id in card_ids

    until = period.until(today)
    mine = [r for r in requests if scoped(r.card_id)]
    in_period = lambda moment: moment is not None and period.start <= moment.date() <= until  # noqa: E731
    requested = sum(1 for r in mine if in_period(r.created_at))
    decided = [r for r in mine if in_period(r.decided_at)]
    approved = sum(1 for r in decided if r.status in stories.APPROVED_ONWARDS)
    declined = sum(1 for r in decided if r.status is StoryStatus.DECLINED_BY_REP)
    awaiting = sum(1 for r in mine if r.status is StoryStatus.AWAITING_REP)
    request_ids = {r.id for r in mine}
    placed = tuple(sorted((p for p in placements
                           if p.request_id in request_ids and period.start <= p.placed_on <= until),
                          key=lambda p: (p.placed_on, p.id)))
    return StoryFigures(requested, approved, declined, awaiting, placed)


def collaboration_of(held: list[meetings.Meeting], team_events: list[events.TeamEvent],
                     previous_meetings: int, previous_events: int, until: date) -> Collaboration:
    actions = [a for meeting in held for a in meeting.actions
               if a.due_on is not None and a.due_on <= until]
    on_time = sum(1 for a in actions if a.done and (a.done_on is None or a.done_on <= a.due_on))
    late = sum(1 for a in actions if a.done and a.done_on is not None and a.done_on > a.due_on)
    attendance = (sum(len(meeting.attendees) for meeting in held) / len(held)) if held else None
    return Collaboration(len(held), sum(1 for meeting in held if meeting.joint), attendance,
                         len(actions), on_time, late, len(actions) - on_time - late,
                         tuple(team_events), previous_meetings, previous_events)


def provenance_of(counts: dict[int | None, int], imports: list[importing.ImportSummary],
                  measurements: tuple[tuple[MeasurementSource, int], ...]) -> Provenance:
    known = {summary.id: summary for summary in imports}
    files = []
    for batch_id, records in counts.items():
        if batch_id is None:
            continue
        summary = known.get(batch_id)
        files.append(SourceFile(summary.file_name if summary else f"import {batch_id}",
                                summary.profile_name if summary else "",
                                summary.imported_at if summary else None,
                                summary.imported_by if summary else "", records))
    files.sort(key=lambda f: (-f.records, f.file_name))
    return Provenance(sum(counts.values()), counts.get(None, 0), tuple(files), measurements)


# --------------------------------------------------------------------------- gathering


class _Gatherer:
    """Runs the report's queries on a thread pool, reporting progress and honouring cancel."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self._progress = progress or (lambda _share, _text: None)
        self._cancelled = cancelled or (lambda: False)
        self.jobs: dict[str, Callable[[], Any]] = {}

    def add(self, name: str, job: Callable[[], Any]) -> None:
        self.jobs[name] = job

    def run(self, share: float) -> dict[str, Any]:
        """Every job's result by name; progress runs from 0 to ``share``."""
        found: dict[str, Any] = {}
        pool = ThreadPoolExecutor(max_workers=QUERY_WORKERS, thread_name_prefix="cg-report")
        try:
            futures: dict[Future, str] = {pool.submit(job): name for name, job in self.jobs.items()}
            for done, future in enumerate(as_completed(futures), start=1):
                if self._cancelled():
                    raise ReportCancelled
                found[futures[future]] = future.result()
                self._progress(share * done / len(futures), "Computing the figures")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return found


def compute_report(uow: UnitOfWork, request: ReportRequest, *, progress: Progress | None = None,
                   cancelled: Cancelled | None = None, share: float = 1.0) -> ReportData:
    """Every figure of the report; ``progress(share, text)`` runs from 0 to ``share``."""
    period, today, campaigns = request.period, request.today, request.campaign_ids
    comparison = period.comparison(today)
    scope = {"campaign_ids": list(campaigns) or None}
    gather = _Gatherer(progress, cancelled)
    wants = request.includes
    # The slowest (full passes over the results) first, so the two workers finish together.
    if wants("times") or wants("summary"):
        gather.add("best_hours", lambda: analytics.best_hours(
            uow, period.start, period.end, **scope))
    if wants("times"):
        gather.add("heatmap", lambda: analytics.activity_heatmap(
            uow, period.start, period.end, **scope))
    if wants("content"):
        gather.add("by_kind", lambda: analytics.content_by_kind(
            uow, period.start, period.end, **scope))
        gather.add("by_tag", lambda: analytics.content_by_tag(
            uow, period.start, period.end, **scope))
    if wants("messages"):
        gather.add("words", lambda: analytics.word_lift(uow, period.start, period.end, **scope))
    gather.add("channels", lambda: analytics.channel_performance(
        uow, period.start, period.end, **scope))
    if wants("lineage") or wants("pilots"):
        gather.add("card_results", lambda: card_results(uow, period, campaigns))
    if wants("appendix"):
        gather.add("by_import", lambda: records_by_import(uow, period, campaigns))
    if wants("influence"):
        gather.add("influencers", lambda: analytics.influencers(
            uow, period.start, period.end, **scope))
    gather.add("previous_channels", lambda: analytics.channel_performance(
        uow, comparison.start, comparison.end, **scope))
    gather.add("cards", lambda: board.list_cards(uow))
    gather.add("goals", lambda: {q: goals.list_goals(uow, q)
                                 for q in period.quarters() + comparison.quarters()})
    gather.add("requests", lambda: stories.list_requests(uow, today=today))
    gather.add("placements", lambda: stories.list_placements(uow))
    gather.add("meetings", lambda: meetings.meetings_between(
        uow, comparison.start, period.until(today)))
    gather.add("events", lambda: events.list_events(uow, comparison.start, period.until(today)))
    gather.add("imports", lambda: importing.list_imports(uow))
    gather.add("team", lambda: team_name(uow))
    gather.add("campaigns", lambda: board.list_campaigns(uow))
    gather.add("children", lambda: _children(uow))
    found = gather.run(share * 0.95)
    return _assemble(uow, request, comparison, found)


def _children(uow: UnitOfWork) -> dict[int, list[int]]:
    with uow.read() as session:
        return board.children_map(session)


def _quarter_goals(found: dict[str, Any], period: Period, cards: list[board.Card],
                   campaigns: tuple[int, ...]) -> list[goals.Goal]:
    return [g for q in period.quarters()
            for g in goals_in_scope(found["goals"][q], cards, campaigns)]


def _assemble(uow: UnitOfWork, request: ReportRequest, comparison: Period,
              found: dict[str, Any]) -> ReportData:
    period, today, campaigns = request.period, request.today, request.campaign_ids
    cards: list[board.Card] = found["cards"]
    current_goals = _quarter_goals(found, period, cards, campaigns)
    previous_goals = _quarter_goals(found, comparison, cards, campaigns)
    campaign_cards = {c.id for c in cards if c.campaign_id in campaigns} if campaigns else None
    story = story_figures(found["requests"], found["placements"], period, today, campaign_cards)
    earlier = story_figures(found["requests"], found["placements"], comparison, today,
                            campaign_cards)
    headline = headline_of(current_goals, found["channels"],
                           coverage_pieces(cards, period, today, campaigns),
                           len(story.placements))
    previous = headline_of(previous_goals, found["previous_channels"],
                           coverage_pieces(cards, comparison, today, campaigns),
                           len(earlier.placements))
    results = found.get("card_results", {})
    pilots = pilot_findings(cards, results, campaigns)
    findings = Findings(tuple(found["channels"]), found.get("heatmap"),
                        tuple(found.get("best_hours", ())), found.get("words"),
                        tuple(found.get("by_kind", ())), tuple(found.get("by_tag", ())),
                        tuple(found.get("influencers", ())))
    until = period.until(today)
    held = [mt for mt in found["meetings"] if period.start <= mt.starts_at.date() <= until]
    held_before = [mt for mt in found["meetings"]
                   if comparison.start <= mt.starts_at.date() <= comparison.end]
    team_events = [e for e in found["events"]
                   if e.ends_at.date() >= period.start and e.starts_at.date() <= until]
    events_before = [e for e in found["events"]
                     if e.ends_at.date() >= comparison.start
                     and e.starts_at.date() <= comparison.end]
    collaboration = collaboration_of(held, team_events, len(held_before), len(events_before),
                                     until)
    provenance = provenance_of(found.get("by_import", {}), found["imports"],
                               measurement_sources(uow, [g.id for g in current_goals], until))
    tiles = summary_tiles(headline, previous, running=period.end >= today)
    names = tuple(c.name for c in found["campaigns"] if c.id in campaigns)
    return ReportData(
        request, found["team"], names, comparison, headline, previous, tiles,
        summary_sentences(headline, previous, current_goals, findings, pilots, comparison,
                          running=period.end >= today),
        tuple(QuarterGoals(q, tuple(goals.goal_tree(
            [g for g in current_goals if g.quarter == q]))) for q in period.quarters()),
        top_sources(cards, found["children"], results, campaigns) if results else (),
        findings, pilots, story, collaboration, provenance)

