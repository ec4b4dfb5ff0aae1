"""Signals: what the intent rules found about an account in the mentions, folded so a rep
is not flooded, and the queues that show them.

Each mention is matched to an account (``matching``) and read by the rules
(``rules``); per intent the heaviest rule that fires raises a signal. A mention of
an account and intent folds into the open signal about them whose mentions reach to
within seven days of it (``FOLD_WINDOW``), so a conversation from Sunday evening to
Monday morning is one signal, not two cut at a calendar week. A
signal about one account matched exactly goes straight to the account's rep
(routed); anything less sure, an account marked "do not route", or a strong intent
about no known account goes to PR's triage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import models as m
from db.enums import IdentifierKind, Intent, SignalStatus, StoryStatus, Urgency
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from desktop.errors import NotFoundError
from desktop.listening.identifiers import registrable_domain
from desktop.listening.matching import (
    EXACT,
    IGNORED_DOMAINS,
    STRENGTH,
    AccountIndex,
    Outcome,
    mention_text,
)
from desktop.listening.response_times import (
    RESPONSE_KEY,
    Tiers,
    breaches,
    deadlines,
    parse_tiers,
)
from desktop.listening.rules import (
    INTENT_TEXT,
    Firing,
    Rule,
    Vocabulary,
    strongest,
    to_rule,
    vocabulary,
)
from desktop.stories import STATUS_TEXT as STORY_STATUS_TEXT
from desktop.stories import year_ago
from desktop.team_settings import get_setting, team_timezone

S = SignalStatus
#: Steps that are done with: a folded mention never reopens them.
CLOSED: frozenset[SignalStatus] = frozenset({S.OPPORTUNITY, S.NO_OPPORTUNITY, S.NOT_RELEVANT,
                                             S.DUPLICATE, S.EXPIRED})
WITH_REP: frozenset[SignalStatus] = frozenset({S.ROUTED, S.ACKNOWLEDGED, S.CONTACTED})
#: A strong intent about no known account still goes to triage (a prospect to add).
STRONG_WEIGHT = 3.0
RECENCY_HALF_LIFE_DAYS = 7.0
#: A mention this close to an open signal's mentions folds into it.
FOLD_WINDOW = timedelta(days=7)
STATUS_TEXT: dict[SignalStatus, str] = {
    S.NEW: "new", S.TRIAGE: "in triage", S.ROUTED: "routed to the rep",
    S.ACKNOWLEDGED: "acknowledged", S.CONTACTED: "contacted", S.OPPORTUNITY: "an opportunity",
    S.NO_OPPORTUNITY: "no opportunity", S.NOT_RELEVANT: "not relevant",
    S.DUPLICATE: "a duplicate", S.EXPIRED: "expired",
}
_URGENCY_ORDER = {Urgency.HOT: 0, Urgency.WARM: 1, Urgency.COOL: 2}


def week_start(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def score(weight: float, strength: str, seen_at: datetime, now: datetime) -> float:
    """Rule weight x match strength x recency (halving every week since the mention)."""
    age_days = max(0.0, (now - seen_at).total_seconds() / 86400)
    return round(weight * STRENGTH.get(strength, 0.4) * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS),
                 3)


# --------------------------------------------------------------------------- raising


@dataclass(frozen=True)
class RaiseResult:
    mentions_read: int
    matched: int
    signals_new: int
    signals_folded: int
    routed: int
    triage: int


FoldKey = tuple[int | None, str, Intent]


def fold_key(customer_id: int | None, candidates: str, link: str,
             intent: Intent) -> FoldKey | None:
    """Mentions with one key may fold into one open signal: the same account (or, in
    triage, the same accounts it may be, or else the same unknown site) and intent; a
    post on a platform about nobody known folds with none."""
    if customer_id is not None:
        return (customer_id, "", Intent(intent))
    if candidates:
        return (None, candidates, Intent(intent))
    site = registrable_domain(link)
    if not site or site in IGNORED_DOMAINS:
        return None
    return (None, f"site:{site}", Intent(intent))


def _near(signal: m.Signal, moment: datetime) -> bool:
    """Whether a mention at ``moment`` is within the fold window of ``signal``'s mentions:
    a rolling seven days, so no calendar boundary splits one conversation."""
    return signal.first_seen_at - FOLD_WINDOW <= moment <= signal.last_seen_at + FOLD_WINDOW


def _open_signals(session: Session, since: datetime | None) -> dict[FoldKey, list[m.Signal]]:
    """The open signals seen since ``since`` (less the fold window), by what they fold on."""
    found: dict[FoldKey, list[m.Signal]] = {}
    if since is None:
        return found
    for row in session.scalars(select(m.Signal).where(
            m.Signal.last_seen_at >= since - FOLD_WINDOW, m.Signal.status.not_in(list(CLOSED)))
            .order_by(m.Signal.id)):
        key = fold_key(row.customer_id, row.candidates, row.link, row.intent)
        if key is not None:
            found.setdefault(key, []).append(row)
    return found


def _new_signal(session: Session, mention: m.Mention, firing: Firing, outcome: Outcome,
                now: datetime) -> m.Signal:
    customer = session.get(m.Customer, outcome.customer_id) if outcome.customer_id else None
    best = outcome.best
    routed = customer is not None and outcome.strength == EXACT and not customer.do_not_route
    reason = outcome.triage_reason
    if customer is not None and customer.do_not_route:
        reason = f"Triage: {customer.name} is marked 'do not route'."
    rule = firing.rule
    return m.Signal(
        customer_id=customer.id if customer else None, rule_id=rule.id or None,
        intent=rule.intent, urgency=rule.urgency, status=S.ROUTED if routed else S.TRIAGE,
        score=score(rule.weight, outcome.strength, mention.occurred_at, now),
        week_start=week_start(mention.occurred_at), first_seen_at=mention.occurred_at,
        last_seen_at=mention.occurred_at, quote=firing.quote, link=mention.link,
        match_kind=best.kind if best else "", match_strength=outcome.strength,
        matched_identifier=best.identifier if best else "",
        explanation="\n".join(filter(None, (
            f"Rule '{rule.name}': '{firing.phrase}'"
            + (f" near '{firing.near}'" if firing.near else "") + ".",
            "\n".join(x.explanation for x in outcome.matches),
            "" if routed else reason))),
        candidates=",".join(str(c) for c in sorted({x.customer_id for x in outcome.matches})),
        rep_id=customer.rep_id if routed and customer else None,
        routed_at=now if routed else None)


def raise_signals(session: Session, mention_ids: Sequence[int], rules: Sequence[Rule],
                  words: Vocabulary, now: datetime) -> RaiseResult:
    """Signals from the mentions ``mention_ids``, inside the caller's write."""
    index = AccountIndex.load(session)
    counts = {"matched": 0, "new": 0, "folded": 0, "routed": 0, "triage": 0}
    mentions: list[m.Mention] = []
    for chunk in (mention_ids[i:i + 500] for i in range(0, len(mention_ids), 500)):
        mentions += session.scalars(select(m.Mention).where(m.Mention.id.in_(chunk)))
    mentions.sort(key=lambda row: (row.occurred_at, row.id))
    open_ones = _open_signals(session, mentions[0].occurred_at if mentions else None)
    links: list[tuple[m.Signal, int]] = []
    for mention in mentions:
        text = mention_text(mention)
        firings = strongest(rules, text.text, words)
        outcome = index.match(text)
        if outcome.customer_id is not None:
            counts["matched"] += 1
        for intent, firing in firings.items():
            if outcome.customer_id is None and not outcome.matches \
                    and firing.rule.weight < STRONG_WEIGHT:
                continue  # a weak intent about nobody we know
            candidates = ",".join(str(c) for c in sorted({x.customer_id
                                                           for x in outcome.matches}))
            key = fold_key(outcome.customer_id, candidates, mention.link or mention.domain,
                           intent)
            near = [row for row in open_ones.get(key, ()) if _near(row, mention.occurred_at)] \
                if key is not None else []
            target = max(near, key=lambda row: row.last_seen_at) if near else None
            if target is not None:
                target.last_seen_at = max(target.last_seen_at, mention.occurred_at)
                target.first_seen_at = min(target.first_seen_at, mention.occurred_at)
                target.score = max(target.score, score(
                    firing.rule.weight, outcome.strength, mention.occurred_at, now))
                counts["folded"] += 1
            else:
                target = _new_signal(session, mention, firing, outcome, now)
                session.add(target)
                if key is not None:
                    open_ones.setdefault(key, []).append(target)
                counts["new"] += 1
                counts["routed" if target.status == S.ROUTED else "triage"] += 1
            links.append((target, mention.id))
    session.flush()
    if links:
        session.execute(m.signal_mentions.insert(), [
            {"signal_id": signal.id, "mention_id": mention_id} for signal, mention_id in links])
    return RaiseResult(len(mention_ids), counts["matched"], counts["new"], counts["folded"],
                       counts["routed"], counts["triage"])


def raise_signals_for(uow: UnitOfWork, mention_ids: Sequence[int],
                      now: datetime | None = None) -> RaiseResult:
    """Read the mentions with the team's active rules and raise (or fold) their signals."""
    words = vocabulary(uow)
    with uow.write() as session:
        rules = [to_rule(r) for r in session.scalars(
            select(m.IntentRule).where(m.IntentRule.active.is_(True)))]
        return raise_signals(session, list(mention_ids), rules, words, now or utcnow())


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class SignalMention:
    id: int
    occurred_at: datetime
    author: str
    source: str
    link: str
    excerpt: str
    tool: str
    author_handle: str = ""
    platform: str = ""
    domain: str = ""

    def identifier(self) -> tuple[IdentifierKind, str, str] | None:
        """What confirming its account teaches: the author's handle, or the site it is on."""
        if self.author_handle and self.platform:
            return (IdentifierKind.HANDLE, self.platform, self.author_handle)
        if self.domain and self.domain not in IGNORED_DOMAINS:
            return (IdentifierKind.DOMAIN, "", self.domain)
        return None


@dataclass(frozen=True)
class AccountContext:
    open_requests: tuple[str, ...]
    last_contacts: tuple[str, ...]
    asks_last_year: int


@dataclass(frozen=True)
class SignalView:
    id: int
    version: int
    customer_id: int | None
    account_name: str
    rep_id: int | None
    rep_name: str
    account_rep_id: int | None
    rule_name: str
    intent: Intent
    urgency: Urgency
    status: SignalStatus
    score: float
    first_seen_at: datetime
    last_seen_at: datetime
    quote: str
    link: str
    match_kind: str
    match_strength: str
    matched_identifier: str
    explanation: str
    candidates: tuple[int, ...]
    routed_at: datetime | None
    acknowledged_at: datetime | None
    contacted_at: datetime | None
    closed_at: datetime | None
    acknowledge_by: datetime | None
    contact_by: datetime | None
    breaches: tuple[str, ...]
    reason: str
    notes: str
    mention_count: int

    @property
    def overdue(self) -> bool:
        return bool(self.breaches)

    @property
    def intent_text(self) -> str:
        return INTENT_TEXT[self.intent]

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]


def _breaches(row: m.Signal, timezone: str, tiers: Tiers, now: datetime) -> tuple[str, ...]:
    status = SignalStatus(row.status)
    if status in (S.NEW, S.TRIAGE, S.NOT_RELEVANT, S.DUPLICATE):
        return ()
    until = now if status not in CLOSED else (row.closed_at or now)
    found = breaches(row.routed_at, row.acknowledged_at, row.contacted_at, row.urgency, timezone,
                     until, tiers)
    if status in (S.NO_OPPORTUNITY, S.OPPORTUNITY, S.EXPIRED) and row.contacted_at is None:
        return tuple(b for b in found if b == "acknowledge")
    return found


def _views(session: Session, rows: list[m.Signal], timezone: str, tiers: Tiers,
           now: datetime) -> list[SignalView]:
    customers = {c.id: c for c in session.scalars(select(m.Customer).where(
        m.Customer.id.in_({r.customer_id for r in rows if r.customer_id})))} if rows else {}
    people = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    rules = dict(session.execute(select(m.IntentRule.id, m.IntentRule.name)).all())
    counts = dict(session.execute(
        select(m.signal_mentions.c.signal_id, func.count())
        .where(m.signal_mentions.c.signal_id.in_([r.id for r in rows]))
        .group_by(m.signal_mentions.c.signal_id)).all()) if rows else {}
    views = []
    for row in rows:
        customer = customers.get(row.customer_id) if row.customer_id else None
        due = deadlines(row.routed_at, row.urgency, timezone, tiers)
        views.append(SignalView(
            row.id, row.version, row.customer_id, customer.name if customer else "",
            row.rep_id, people.get(row.rep_id, "") if row.rep_id else "",
            customer.rep_id if customer else None, rules.get(row.rule_id, ""),
            Intent(row.intent), Urgency(row.urgency), SignalStatus(row.status), row.score,
            row.first_seen_at, row.last_seen_at, row.quote, row.link, row.match_kind,
            row.match_strength, row.matched_identifier, row.explanation,
            tuple(int(c) for c in row.candidates.split(",") if c), row.routed_at,
            row.acknowledged_at, row.contacted_at, row.closed_at, due.acknowledge_by,
            due.contact_by, _breaches(row, timezone, tiers, now), row.reason, row.notes,
            counts.get(row.id, 0)))
    return views


def _settings(uow: UnitOfWork) -> tuple[str, Tiers]:
    return team_timezone(uow), parse_tiers(get_setting(uow, RESPONSE_KEY))


def queue_order(view: SignalView) -> tuple:
    """Overdue first, then hot before warm, then the highest score, then the newest."""
    return (not view.overdue, _URGENCY_ORDER[view.urgency], -view.score,
            -view.last_seen_at.timestamp())


def list_signals(uow: UnitOfWork, statuses: Iterable[SignalStatus] | None = None,
                 rep_id: int | None = None, now: datetime | None = None) -> list[SignalView]:
    """Signals in queue order; ``rep_id`` keeps one rep's."""
    timezone, tiers = _settings(uow)
    query = select(m.Signal)
    if statuses is not None:
        query = query.where(m.Signal.status.in_([SignalStatus(s) for s in statuses]))
    if rep_id is not None:
        query = query.where(m.Signal.rep_id == rep_id)
    with uow.read() as session:
        views = _views(session, list(session.scalars(query)), timezone, tiers, now or utcnow())
    return sorted(views, key=queue_order)


def my_signals(uow: UnitOfWork, person_id: int, now: datetime | None = None) -> list[SignalView]:
    """A rep's open signals: routed to them, acknowledged or contacted; overdue and hot first."""
    return list_signals(uow, WITH_REP, rep_id=person_id, now=now)


def triage(uow: UnitOfWork, now: datetime | None = None) -> list[SignalView]:
    return list_signals(uow, (S.NEW, S.TRIAGE), now=now)


def get_signal(uow: UnitOfWork, signal_id: int, now: datetime | None = None) -> SignalView:
    timezone, tiers = _settings(uow)
    with uow.read() as session:
        row = session.get(m.Signal, signal_id)
        if row is None:
            raise NotFoundError("That signal is no longer in the team file.")
        return _views(session, [row], timezone, tiers, now or utcnow())[0]


def signal_mentions(uow: UnitOfWork, signal_id: int) -> list[SignalMention]:
    query = (select(m.Mention).join(m.signal_mentions,
                                    m.signal_mentions.c.mention_id == m.Mention.id)
             .where(m.signal_mentions.c.signal_id == signal_id)
             .order_by(m.Mention.occurred_at.desc()))
    with uow.read() as session:
        return [SignalMention(r.id, r.occurred_at, r.author or r.author_handle, r.source,
                              r.link, r.excerpt, r.tool, r.author_handle, r.platform, r.domain)
                for r in session.scalars(query)]


def account_context(uow: UnitOfWork, customer_id: int, today: date | None = None
                    ) -> AccountContext:
    """What a rep weighs before calling: open story requests, last contacts, recent asks."""
    today = today or date.today()
    done = (StoryStatus.PUBLISHED, StoryStatus.CUSTOMER_DECLINED, StoryStatus.DECLINED_BY_REP)
    with uow.read() as session:
        requests = session.execute(
            select(m.StoryRequest.title, m.StoryRequest.status)
            .where(m.StoryRequest.customer_id == customer_id,
                   m.StoryRequest.status.not_in(done))
            .order_by(m.StoryRequest.created_at.desc())).all()
        contacts = session.execute(
            select(m.Communication.occurred_on, m.Communication.channel, m.Communication.summary)
            .where(m.Communication.customer_id == customer_id)
            .order_by(m.Communication.occurred_on.desc(), m.Communication.id.desc())
            .limit(3)).all()
        asks = session.scalar(select(func.count()).select_from(m.StoryRequest).where(
            m.StoryRequest.customer_id == customer_id,
            m.StoryRequest.created_at >= datetime.combine(year_ago(today), datetime.min.time())))
    return AccountContext(
        tuple(f"{title} ({STORY_STATUS_TEXT[StoryStatus(status)]})" for title, status in requests),
        tuple(f"{day.isoformat()} {channel}: {summary}" for day, channel, summary in contacts),
        int(asks or 0))
