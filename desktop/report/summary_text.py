"""The executive summary in words: the tiles and the three or four sentences under them.

Generated from the figures only, so they can never disagree with the tables:
what went well (the largest gains), what did not (the largest loss, the goal
furthest behind), and what the team proposes (the channel that brings leads
cheapest, the pilots when they beat the rest, the hours that work best).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.enums import GoalStatus
from desktop.goals import Goal
from desktop.numbers import compact_number, counted, number
from desktop.report.request import Period

if TYPE_CHECKING:
    from desktop.report.report_data import Findings
    from desktop.report.tallies import Headline, PilotFindings

MINUS = "−"


@dataclass(frozen=True)
class Tile:
    """One figure of the summary page with its change against the comparison period."""

    key: str
    label: str
    value: str
    previous: str
    change: str  # "+12 %", "−3 pts", "new", "" when nothing to compare
    good: bool | None  # whether the change is good news (None: neutral or unknown)
    note: str = ""  # a running period's "153 in all of 2026-Q3 · on pace for 410"


#: Below these the earlier figure is too small for a percentage to mean anything: the
#: tile and the sentences give the two figures instead ("was 3").
SMALL_BASE = {"leads": 10, "reach": 1000, "coverage": 5, "placements": 5,
              "cost_per_lead": 10}  # cost per lead: on fewer than 10 earlier leads
#: The figures that add up over the days, so a running period can be projected to its end.
ADDITIVE = ("leads", "reach", "coverage", "placements")


def base_too_small(key: str, before: Headline) -> bool:
    """Whether ``before``'s figure ``key`` is too small a base for a percentage."""
    base = before.leads if key == "cost_per_lead" else getattr(before, key)
    return base is not None and 0 < base < SMALL_BASE[key]


def signed_percent(share: float) -> str:
    text = f"{abs(share) * 100:.0f} %"
    return ("+" if share > 0 else MINUS if share < 0 else "±") + text


def _change(now: float | None, before: float | None, higher_is_better: bool = True
            ) -> tuple[str, bool | None]:
    if now is None or before is None:
        return "", None
    if before == 0:
        return ("new", higher_is_better) if now else ("", None)
    share = (now - before) / abs(before)
    if round(share * 100) == 0:
        return "±0 %", None
    return signed_percent(share), (share > 0) == higher_is_better


def _goal_share(headline: Headline) -> float | None:
    return headline.goals_met / headline.goals_set if headline.goals_set else None


def _goals_tile(now: Headline, before: Headline) -> Tile:
    share, earlier = _goal_share(now), _goal_share(before)
    value = f"{now.goals_met} of {now.goals_set}" if now.goals_set else "–"
    previous = f"{before.goals_met} of {before.goals_set}" if before.goals_set else "–"
    if share is None or earlier is None:
        return Tile("goals", "Goals met", value, previous, "", None)
    points = round((share - earlier) * 100)
    sign = "+" if points > 0 else MINUS if points < 0 else "±"
    return Tile("goals", "Goals met", value, previous, f"{sign}{abs(points)} pts",
                None if points == 0 else points > 0)


def whole(value: float | None) -> str:
    """Money and counts as management reads them: no cents, large ones compact."""
    return compact_number(None if value is None else round(value))


@dataclass(frozen=True)
class RunningPeriod:
    """A period still running: how much of it has passed, and the whole earlier period."""

    share_elapsed: float  # days passed over the period's days
    whole_before: Headline
    whole_label: str  # "2026-Q3"


def summary_tiles(now: Headline, before: Headline, running: RunningPeriod | bool | None = None,
                  currency: str = "") -> tuple[Tile, ...]:
    """Goals met, leads, reach, coverage, cost per lead, stories placed: in that order.

    While the period runs, goals met so far are not set against a finished quarter's;
    each figure is compared with the earlier period to the same day, with the earlier
    period's whole figure and a plain projection to the end beside it. No percentage is
    given on a base too small to mean anything.
    """
    goals_tile = _goals_tile(now, before)
    if running:
        goals_tile = Tile(goals_tile.key, goals_tile.label, goals_tile.value,
                          goals_tile.previous, "so far", None)
    tiles = [goals_tile]
    for key, label, value, earlier, higher_is_better in (
            ("leads", "Leads", now.leads, before.leads, True),
            ("reach", "Reach", now.reach, before.reach, True),
            ("coverage", "Media coverage pieces", now.coverage, before.coverage, True),
            ("cost_per_lead", "Cost per lead", now.cost_per_lead, before.cost_per_lead, False),
            ("placements", "Customer stories placed", now.placements, before.placements, True)):
        change, good = _change(value, earlier, higher_is_better)
        shown = (lambda v: money(v, currency)) if key == "cost_per_lead" else whole
        previous = shown(earlier)
        if base_too_small(key, before):
            change, good, previous = "", None, f"{previous} (too few for a %)"
        tiles.append(Tile(key, label, shown(value), previous, change, good,
                          _running_note(key, value, running, shown)))
    return tuple(tiles)


def _running_note(key: str, value: float | None, running: RunningPeriod | bool | None,
                  shown: Callable[[float | None], str]) -> str:
    if not isinstance(running, RunningPeriod):
        return ""
    earlier = getattr(running.whole_before, key)
    parts = [f"{shown(earlier)} in all of {running.whole_label}"]
    if key in ADDITIVE and value and 0 < running.share_elapsed < 1:
        parts.append(f"on pace for {shown(value / running.share_elapsed)}")
    return " · ".join(parts)


# --------------------------------------------------------------------------- sentences


def _goal_sentence(now: Headline, current_goals: Sequence[Goal], running: bool) -> str:
    if not now.goals_set:
        return ""
    so_far = " so far" if running else ""
    verb = "is" if now.goals_met == 1 else "are"
    text = f"{now.goals_met} of {counted(now.goals_set, 'goal')} {verb} met{so_far}"
    behind = [g for g in current_goals if g.actual is not None and not g.met
              and g.status not in (GoalStatus.RETIRED, GoalStatus.MET)]
    if behind:
        worst = min(behind, key=lambda g: (g.progress, g.title))
        text += (f"; the one furthest behind is “{worst.title}” at "
                 f"{worst.progress * 100:.0f} % of the way to its target")
    return text + "."


def _movements(now: Headline, before: Headline, currency: str = ""
               ) -> list[tuple[float, str, str, bool]]:
    """(relative change, name, new value, good) of the figures that moved."""
    found = []
    for key, name, value, earlier, higher_is_better in (
            ("leads", "leads", now.leads, before.leads, True),
            ("reach", "reach", now.reach, before.reach, True),
            ("coverage", "media coverage", now.coverage, before.coverage, True),
            ("placements", "customer stories placed", now.placements, before.placements, True),
            ("cost_per_lead", "cost per lead", now.cost_per_lead, before.cost_per_lead, False)):
        if value is None or not earlier or base_too_small(key, before):
            continue
        share = (value - earlier) / abs(earlier)
        if round(share * 100):
            shown = money(value, currency) if key == "cost_per_lead" else whole(value)
            found.append((share, name, shown, (share > 0) == higher_is_better))
    return found


def _went_well(now: Headline, before: Headline, findings: Findings, against: str) -> str:
    from desktop.charts import channel_label

    gains = sorted((m for m in _movements(now, before) if m[3]), key=lambda m: -abs(m[0]))[:2]
    parts = [f"{name} {'rose' if share > 0 else 'fell'} {abs(share) * 100:.0f} % to {value}"
             for share, name, value, _ in gains]
    top = findings.channels[0] if findings.channels else None
    channel = (f"{channel_label(top.channel)} drew the most engagement ({top.engagement_share * 100:.0f} % "
               "of it)") if top and top.engagement else ""
    if parts:
        text = " and ".join(parts) + f" against {against}"
        text = text[:1].upper() + text[1:]
        return text + (f"; {channel}." if channel else ".")
    return (channel[:1].upper() + channel[1:] + ".") if channel else ""


def _went_badly(now: Headline, before: Headline, against: str, currency: str = "") -> str:
    losses = sorted((m for m in _movements(now, before, currency) if not m[3]),
                    key=lambda m: -abs(m[0]))
    if not losses:
        return ""
    share, name, value, _ = losses[0]
    verb = "rose" if share > 0 else "fell"
    return f"{name[:1].upper() + name[1:]} {verb} {abs(share) * 100:.0f} % to {value} " \
           f"against {against}."


def _per_piece(total: float, pieces: int) -> float:
    return total / pieces if pieces else 0.0


#: The least evidence a proposal stands on: leads on each side of a comparison, and
#: pieces in a pilot. With less, the proposal is left out rather than made on noise.
MIN_LEADS = 10
MIN_PILOT_PIECES = 3


def money(value: float | None, currency: str = "") -> str:
    """An amount as management reads it, with the team's currency when it is set."""
    text = whole(value)
    return f"{text} {currency}" if currency and value is not None else text


def _channel_idea(findings: Findings, currency: str) -> str:
    from desktop.charts import channel_label

    priced = sorted((c for c in findings.channels
                     if c.cost_per_lead is not None and c.leads >= MIN_LEADS),
                    key=lambda c: c.cost_per_lead)
    if len(priced) < 2 or priced[-1].cost_per_lead <= priced[0].cost_per_lead * 1.2:
        return ""
    best, worst = priced[0], priced[-1]
    return (f"shift paid budget towards {channel_label(best.channel)}, where "
            f"{number(round(best.leads))} leads cost {money(best.cost_per_lead, currency)} "
            f"each against {money(worst.cost_per_lead, currency)} on "
            f"{channel_label(worst.channel)} ({number(round(worst.leads))} leads)")


def _pilot_idea(pilots: PilotFindings, currency: str) -> str:
    """Extend the pilot only where it did better per piece at no higher cost per lead,
    on enough pieces and leads to tell."""
    pilot, others = pilots.pilot, pilots.others
    if (pilots.pilot_pieces < MIN_PILOT_PIECES or not pilots.other_pieces
            or pilot.leads < MIN_LEADS):
        return ""
    pilot_leads = _per_piece(pilot.leads, pilots.pilot_pieces)
    other_leads = _per_piece(others.leads, pilots.other_pieces)
    if pilot_leads <= other_leads:
        return ""
    dearer = (pilot.cost_per_lead is not None and others.cost_per_lead is not None
              and pilot.cost_per_lead > others.cost_per_lead * 1.1)
    if dearer:
        return ""
    text = (f"extend the volunteer pilot: its {counted(pilots.pilot_pieces, 'piece')} earned "
            f"{pilot_leads:.1f} leads each against {other_leads:.1f} for the other "
            f"{pilots.other_pieces}")
    if pilot.cost_per_lead is not None and others.cost_per_lead is not None:
        text += (f", at {money(pilot.cost_per_lead, currency)} per lead against "
                 f"{money(others.cost_per_lead, currency)}")
    return text


def _proposal(findings: Findings, pilots: PilotFindings, currency: str = "") -> str:
    from desktop.charts import channel_label

    ideas = [idea for idea in (_channel_idea(findings, currency), _pilot_idea(pilots, currency))
             if idea]
    if findings.best_hours and len(ideas) < 2:
        busiest = findings.best_hours[0]
        hours = ", ".join(f"{h:02d}:00" for h in sorted(busiest.hours))
        ideas.append(f"publish on {channel_label(busiest.channel)} around {hours}, when "
                     f"{busiest.share * 100:.0f} % of its engagement happens")
    if not ideas:
        return ""
    return "We propose to " + " and to ".join(ideas[:2]) + "."


def summary_sentences(now: Headline, before: Headline, current_goals: Sequence[Goal],
                      findings: Findings, pilots: PilotFindings, comparison: Period,
                      running: bool, currency: str = "") -> tuple[str, ...]:
    """Three or four sentences for management; an empty period says so plainly."""
    against = comparison.label
    sentences = [_goal_sentence(now, current_goals, running),
                 _went_well(now, before, findings, against),
                 _went_badly(now, before, against, currency),
                 _proposal(findings, pilots, currency)]
    found = tuple(s for s in sentences if s)
    if not findings.channels and not now.goals_set:
        return ("No results and no goals were recorded for this period.",
                "Import the period's exports or record the goals' measurements, then make "
                "the report again.")
    return found[:4]
