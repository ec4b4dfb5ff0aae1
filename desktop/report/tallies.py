"""The report's figures worked out from rows the services already returned: goals met,
coverage, the period's lineage of the top sources, the pilots, customer stories,
collaboration and where the results came from. Pure functions, no queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.enums import CardKind, GoalStatus, MeasurementSource, Stage, StoryStatus
from desktop import analytics, board, events, goals, importing, meetings, stories
from desktop.lineage import LineageNode, Results
from desktop.metric_catalogue import combine
from desktop.report.request import Period

TOP_SOURCES = 4
PUBLISHED = frozenset({Stage.PUBLISHED, Stage.MEASURED})


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
    awaiting_rep: int  # waiting for a rep's decision at ``awaiting_on`` (None: now)
    placements: tuple[stories.Placement, ...]
    awaiting_on: date | None = None


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


# --------------------------------------------------------------------------- tallies


def _goal_met(goal: goals.Goal) -> bool:
    return goal.achieved


def counted_goals(goal_list: list[goals.Goal]) -> list[goals.Goal]:
    """Goals that count as "set": every goal of the period except the retired ones, and
    once only a goal carried over within it (its latest quarter's copy counts)."""
    carried_on = {g.carried_from_id for g in goal_list if g.carried_from_id}
    return [g for g in goal_list if g.status is not GoalStatus.RETIRED and g.id not in carried_on]


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
    def across(metric: str, figures: list[float]) -> float:  # as the metric catalogue says
        return combine(metric, figures) or 0.0

    return Headline(len(counted), sum(1 for g in counted if _goal_met(g)),
                    across("leads", [c.leads for c in channels]),
                    across("reach", [c.reach for c in channels]), coverage,
                    across("cost", [c.cost for c in channels]), placements)


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
                  period: Period, today: date, card_ids: set[int] | None,
                  statuses_at_end: dict[int, StoryStatus] | None = None) -> StoryFigures:
    """``card_ids`` limits to the stories of the chosen campaigns' cards (None: all).
    ``statuses_at_end``, each request's status at the end of a past period (``history``),
    counts what was waiting for a rep then rather than now."""
    until = period.until(today)

    def scoped(card_id: int | None) -> bool:
        return card_ids is None or card_id in card_ids

    def in_period(moment: datetime | None) -> bool:
        return moment is not None and period.start <= moment.date() <= until

    mine = [r for r in requests if scoped(r.card_id)]
    requested = sum(1 for r in mine if in_period(r.created_at))
    decided = [r for r in mine if in_period(r.decided_at)]
    approved = sum(1 for r in decided if r.status in stories.APPROVED_ONWARDS)
    declined = sum(1 for r in decided if r.status is StoryStatus.DECLINED_BY_REP)
    if statuses_at_end is None:
        awaiting = sum(1 for r in mine if r.status is StoryStatus.AWAITING_REP)
    else:
        awaiting = sum(1 for r in mine if statuses_at_end.get(r.id) is StoryStatus.AWAITING_REP)
    request_ids = {r.id for r in mine}
    placed = tuple(sorted((p for p in placements
                           if p.request_id in request_ids and period.start <= p.placed_on <= until),
                          key=lambda p: (p.placed_on, p.id)))
    return StoryFigures(requested, approved, declined, awaiting, placed,
                        None if statuses_at_end is None else period.end)


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
