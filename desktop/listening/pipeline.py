"""What listening brought in a period, for the business case: from the mentions imported
to the opportunities won.

The funnel counts the signals first seen in the period and what became of them (to
today); a mention counts as matched when it is behind a signal about a known account.
Acknowledged in time is measured against the response times of the signal's tier;
only signals with a deadline that has passed or that were acknowledged are judged;
the median time to first contact is from routing to the rep's logged contact. A rule's
precision is the share of its judged signals that were not set aside as not relevant
(those still waiting, expired or duplicates are not judged). Pipeline and won amounts
are the opportunities the signals led to, lost ones left out of the pipeline:
influenced by listening, not caused by it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import median

from sqlalchemy import func, select

from db import models as m
from db.enums import Intent, SignalStatus
from db.unit_of_work import UnitOfWork
from desktop.listening.crm_import import is_lost
from desktop.listening.response_times import RESPONSE_KEY, deadlines, parse_tiers
from desktop.team_settings import get_setting, team_timezone

S = SignalStatus
_JUDGED_RELEVANT = frozenset({S.ACKNOWLEDGED, S.CONTACTED, S.OPPORTUNITY, S.NO_OPPORTUNITY})


@dataclass(frozen=True)
class RulePrecision:
    rule: str
    signals: int
    judged: int
    not_relevant: int

    @property
    def precision(self) -> float | None:
        return (self.judged - self.not_relevant) / self.judged if self.judged else None


@dataclass(frozen=True)
class ListeningFigures:
    mentions: int
    matched: int
    signals: int
    by_intent: tuple[tuple[Intent, int], ...]
    routed: int
    acknowledged: int
    acknowledged_in_time: int
    due: int  # routed signals with a deadline that has passed or that were acknowledged
    contacted: int
    opportunities: int
    won: int
    median_hours_to_contact: float | None
    pipeline_amount: float
    won_amount: float
    rules: tuple[RulePrecision, ...]
    share_of_voice: tuple[tuple[str, int], ...]  # mentions per query, most first
    sentiment: tuple[tuple[str, int], ...]

    @property
    def in_time_share(self) -> float | None:
        return self.acknowledged_in_time / self.due if self.due else None


def listening_figures(uow: UnitOfWork, start: date, end: date,
                      now: datetime | None = None) -> ListeningFigures:
    """The figures of the period ``start`` to ``end`` (both included); ``now`` (naive UTC)
    decides which deadlines have passed, so a signal not yet due is not counted late."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    timezone, tiers = team_timezone(uow), parse_tiers(get_setting(uow, RESPONSE_KEY))
    first, after = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1),
                                                                      time())
    with uow.read() as session:
        in_period = (m.Mention.occurred_at >= first, m.Mention.occurred_at < after)
        mentions = session.scalar(select(func.count()).select_from(m.Mention)
                                  .where(*in_period)) or 0
        matched = session.scalar(
            select(func.count(func.distinct(m.Mention.id))).select_from(m.Mention)
            .join(m.signal_mentions, m.signal_mentions.c.mention_id == m.Mention.id)
            .join(m.Signal, m.Signal.id == m.signal_mentions.c.signal_id)
            .where(*in_period, m.Signal.customer_id.is_not(None))) or 0
        voice = session.execute(select(m.Mention.query, func.count()).where(*in_period)
                                .group_by(m.Mention.query)).all()
        moods = session.execute(select(m.Mention.sentiment, func.count()).where(*in_period)
                                .group_by(m.Mention.sentiment)).all()
        rows = list(session.scalars(select(m.Signal).where(
            m.Signal.first_seen_at >= first, m.Signal.first_seen_at < after)))
        ids = [r.id for r in rows]
        rule_names = dict(session.execute(select(m.IntentRule.id, m.IntentRule.name)).all())
        with_rep = set(session.scalars(select(m.Communication.id).where(
            m.Communication.rep_included.is_(True))))
        opportunities = list(session.scalars(select(m.Opportunity).where(
            m.Opportunity.signal_id.in_(ids)))) if ids else []
    routed = [r for r in rows if r.routed_at is not None]
    in_time = judged = 0
    for row in routed:
        due = deadlines(row.routed_at, row.urgency, timezone, tiers).acknowledge_by
        if due is None or (row.acknowledged_at is None and due > now):
            continue  # a cool signal has no deadline; one not yet due is not late yet
        judged += 1
        if row.acknowledged_at is not None and row.acknowledged_at <= due:
            in_time += 1
    contacted = [r for r in rows if r.contacted_at is not None and r.routed_at is not None
                 and r.communication_id in with_rep]
    hours = [(r.contacted_at - r.routed_at).total_seconds() / 3600 for r in contacted]
    won = [o for o in opportunities if o.won_on is not None]
    return ListeningFigures(
        mentions, matched, len(rows),
        tuple(sorted(Counter(Intent(r.intent) for r in rows).items(),
                     key=lambda item: (-item[1], item[0].value))),
        len(routed), sum(1 for r in routed if r.acknowledged_at is not None), in_time, judged,
        len(contacted), len(opportunities), len(won),
        round(median(hours), 1) if hours else None,
        sum(o.amount for o in opportunities if not is_lost(o.stage)),
        sum(o.won_amount or 0.0 for o in won),
        _precision(rows, rule_names),
        tuple(sorted(((q or "(no query)", n) for q, n in voice), key=lambda x: (-x[1], x[0]))),
        tuple(sorted(((s or "unknown", n) for s, n in moods), key=lambda x: (-x[1], x[0]))))


def _precision(rows: list[m.Signal], names: dict[int, str]) -> tuple[RulePrecision, ...]:
    found: dict[str, list[int]] = {}
    for row in rows:
        name = names.get(row.rule_id, "(a deleted rule)")
        counts = found.setdefault(name, [0, 0, 0])
        counts[0] += 1
        status = SignalStatus(row.status)
        if status in _JUDGED_RELEVANT or status == S.NOT_RELEVANT:
            counts[1] += 1
        if status == S.NOT_RELEVANT:
            counts[2] += 1
    return tuple(RulePrecision(name, *counts) for name, counts in
                 sorted(found.items(), key=lambda item: (-item[1][0], item[0])))
