"""Every figure of the business case, computed without drawing anything.

``compute_report(uow, request)`` gathers the figures from the services that own
them (``analytics`` for results, ``goals``, ``stories``, ``meetings``,
``events``, ``board``) and adds the few only the report needs (results per card
for lineage and pilots, where the period's records came from). The queries are
independent, so they run as jobs of a ``gatherer.Gatherer``: on a big team file
they are most of the report's time. The results figures go through one
``analytics.SharedPasses``, so they cost two passes over the period's records
(by piece and by hour) rather than one or two each. Nothing here draws, so the
benchmark can time the figures alone; ``builder`` adds the charts to the same
``Gatherer`` (``add_figures`` then ``assemble``), to be drawn while the longest
pass is still running.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from db import models as m
from db.enums import MeasurementSource
from db.unit_of_work import UnitOfWork
from desktop import analytics, board, events, goals, importing, meetings, stories
from desktop.lineage import RESULT_METRICS, LineageNode, Results
from desktop.listening.pipeline import ListeningFigures, listening_figures
from desktop.media.figures import MediaFigures, media_figures
from desktop.report.gatherer import CancelRequested, Gatherer, Progress
from desktop.report.history import request_statuses_on
from desktop.report.request import Period, ReportRequest
from desktop.report.summary_text import RunningPeriod, Tile, summary_sentences, summary_tiles
from desktop.report.tallies import (
    Collaboration,
    Headline,
    PilotFindings,
    Provenance,
    StoryFigures,
    collaboration_of,
    coverage_pieces,
    goals_in_scope,
    headline_of,
    pilot_findings,
    provenance_of,
    story_figures,
    top_sources,
)
from desktop.team_settings import team_currency, team_name

# --------------------------------------------------------------------------- figures


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
class ReportData:
    request: ReportRequest
    team_name: str
    currency: str  # the team's, "" when not set
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
    listening: ListeningFigures | None = None
    media: MediaFigures | None = None  # when the section is chosen

    @property
    def period(self) -> Period:
        return self.request.period

    @property
    def period_label(self) -> str:
        """The period as the report names it: "2026-Q4 to date (1 Oct – 1 Dec 2026)"."""
        return self.period.label_on(self.request.today)

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


def card_results(uow: UnitOfWork, period: Period,
                 campaign_ids: tuple[int, ...] = ()) -> dict[int, Results]:
    """Each card's own results (reach, clicks, leads, cost) from the period's records."""
    sums = analytics.card_sums(uow, period.start, period.end,
                               campaign_ids=list(campaign_ids) or None)
    metrics = RESULT_METRICS.values()
    return {card_id: Results(**{name: found.get(metric, 0.0)
                                for name, metric in RESULT_METRICS.items()})
            for card_id, found in sums.items() if any(metric in found for metric in metrics)}


def records_by_import(uow: UnitOfWork, period: Period,
                      campaign_ids: tuple[int, ...] = ()) -> dict[int | None, int]:
    """How many of the period's records each import brought (``None``: typed in)."""
    return analytics.records_per_import(uow, period.start, period.end,
                                        campaign_ids=list(campaign_ids) or None)


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


# --------------------------------------------------------------------------- the figure jobs


#: The jobs that fetch rows one by one through the ORM. Python's sqlite3 module lets
#: other threads have the interpreter during each row it fetches and then waits to get it
#: back, up to two switch intervals (10 ms) a row while another thread computes; so the
#: figures computed from the passes start only once these are done (the charts are drawn
#: in a chart process and need only their figures). The passes over the results fetch
#: their rows in one call (``analytics._rows_at_once``) and run beside them.
ROW_FETCHES = ("cards", "goals", "requests", "placements", "meetings", "events", "imports",
               "team", "currency", "campaigns", "children")


def compute_report(uow: UnitOfWork, request: ReportRequest, *, progress: Progress | None = None,
                   cancelled: CancelRequested | None = None, share: float = 1.0) -> ReportData:
    """Every figure of the report; ``progress(share, text)`` runs from 0 to ``share``."""
    gather = Gatherer(progress, cancelled)
    add_figures(gather, uow, request)
    return assemble(uow, request, gather.run(share * 0.95))


def add_figures(gather: Gatherer, uow: UnitOfWork, request: ReportRequest) -> None:
    """The report's figure jobs, named as ``assemble`` expects them."""
    period, today, campaigns = request.period, request.today, request.campaign_ids
    comparison = period.comparison(today)
    scope = {"campaign_ids": list(campaigns) or None}
    if period.end < today:  # a past period: the stories as they stood at its end
        plain = uow
        gather.add("statuses_at_end", lambda: request_statuses_on(plain, period.end))
    plain_uow = uow
    uow = analytics.SharedPasses(uow)
    wants = request.includes
    # The results figures share two passes over the period's records (by hour, by piece),
    # each made by the first figure that needs it, in one call into SQLite that leaves
    # the interpreter to the other threads: they start at once, the row fetches beside
    # them, and the figures computed from a pass once the fetches are done.
    if wants("times") or wants("summary"):
        gather.add("best_hours", lambda: analytics.best_hours(
            uow, period.start, period.end, **scope))
    gather.add("channels", lambda: analytics.channel_performance(
        uow, period.start, period.end, **scope))
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
    gather.add("currency", lambda: team_currency(uow))
    gather.add("campaigns", lambda: board.list_campaigns(uow))
    gather.add("children", lambda: _children(uow))
    if wants("summary"):
        gather.add("previous_channels", lambda: analytics.channel_performance(
            uow, comparison.start, comparison.end, **scope))
        whole_before = comparison.whole()
        if whole_before != comparison:  # a running quarter: the whole one before beside it
            gather.add("whole_previous_channels", lambda: analytics.channel_performance(
                uow, whole_before.start, whole_before.end, **scope))
    # The figures computed from the passes' rows, one at a time (``computes``).
    by_piece = ("channels", *ROW_FETCHES)
    computed = {"needs": by_piece, "computes": True}
    if wants("content"):
        gather.add("by_kind", lambda: analytics.content_by_kind(
            uow, period.start, period.end, **scope), **computed)
        gather.add("by_tag", lambda: analytics.content_by_tag(
            uow, period.start, period.end, **scope), **computed)
    if wants("messages"):
        gather.add("words", lambda: analytics.word_lift(
            uow, period.start, period.end, **scope), **computed)
    if wants("influence"):
        gather.add("influencers", lambda: analytics.influencers(
            uow, period.start, period.end, **scope), **computed)
    if wants("lineage") or wants("pilots"):
        gather.add("card_results", lambda: card_results(uow, period, campaigns), **computed)
    if wants("appendix"):
        gather.add("by_import", lambda: records_by_import(uow, period, campaigns), **computed)
    if wants("listening"):
        gather.add("listening", lambda: listening_figures(plain_uow, period.start,
                                                          period.until(today)))
    if wants("media"):
        gather.add("media", lambda: media_figures(uow, period.start, period.until(today),
                                                  campaigns))
    if wants("times"):
        gather.add("heatmap", lambda: analytics.activity_heatmap(
            uow, period.start, period.end, **scope), needs=("best_hours", *ROW_FETCHES),
            computes=True)


def _children(uow: UnitOfWork) -> dict[int, list[int]]:
    with uow.read() as session:
        return board.children_map(session)


def _quarter_goals(found: dict[str, Any], period: Period, cards: list[board.Card],
                   campaigns: tuple[int, ...]) -> list[goals.Goal]:
    return [g for q in period.quarters()
            for g in goals_in_scope(found["goals"][q], cards, campaigns)]


def assemble(uow: UnitOfWork, request: ReportRequest, found: dict[str, Any]) -> ReportData:
    """The report's figures from the jobs ``add_figures`` gave, as they came in."""
    period, today, campaigns = request.period, request.today, request.campaign_ids
    comparison = period.comparison(today)
    cards: list[board.Card] = found["cards"]
    current_goals = _quarter_goals(found, period, cards, campaigns)
    previous_goals = _quarter_goals(found, comparison, cards, campaigns)
    campaign_cards = {c.id for c in cards if c.campaign_id in campaigns} if campaigns else None
    story = story_figures(found["requests"], found["placements"], period, today, campaign_cards,
                          found.get("statuses_at_end"))
    earlier = story_figures(found["requests"], found["placements"], comparison, today,
                            campaign_cards)
    headline = headline_of(current_goals, found["channels"],
                           coverage_pieces(cards, period, today, campaigns),
                           len(story.placements))
    previous = headline_of(previous_goals, found.get("previous_channels", []),
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
    running = period.is_running(today)
    if running and "whole_previous_channels" in found:
        whole_before = comparison.whole()
        whole_story = story_figures(found["requests"], found["placements"], whole_before,
                                    today, campaign_cards)
        whole_previous = headline_of(
            _quarter_goals(found, whole_before, cards, campaigns),
            found["whole_previous_channels"],
            coverage_pieces(cards, whole_before, today, campaigns),
            len(whole_story.placements))
        tiles = summary_tiles(headline, previous, RunningPeriod(
            period.elapsed_days(today) / period.days, whole_previous,
            whole_before.quarter or whole_before.label), found["currency"])
    else:
        tiles = summary_tiles(headline, previous, running, found["currency"])
    names = tuple(c.name for c in found["campaigns"] if c.id in campaigns)
    return ReportData(
        request, found["team"], found["currency"], names, comparison, headline, previous, tiles,
        summary_sentences(headline, previous, current_goals, findings, pilots, comparison,
                          running=running, currency=found["currency"]),
        tuple(QuarterGoals(q, tuple(goals.goal_tree(
            [g for g in current_goals if g.quarter == q]))) for q in period.quarters()),
        top_sources(cards, found["children"], results, campaigns) if results else (),
        findings, pilots, story, collaboration, provenance, found.get("listening"),
        found.get("media"))

