"""The media relations figures of a period, for the business case: pitches sent and their
reply and coverage rates, coverage won per pitch, who and which outlets carried the most,
what the amplification pieces derived from coverage brought, and the speaking slots won
and delivered (customers on stage among them).

Counts are of contacts pitched (one pitch to three editors is three pitched), of the
coverage confirmed as earned by a pitch, and of talks; results are the period's figures
of the amplification cards, combined as the metric catalogue says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db import models as m
from db.enums import PitchState, SubmissionState
from db.unit_of_work import UnitOfWork
from desktop import analytics
from desktop.media.contacts import REPLIED_STATES

#: Talks that won a slot on the programme.
WON = frozenset({SubmissionState.ACCEPTED, SubmissionState.CONFIRMED, SubmissionState.DELIVERED})
TOP = 5


@dataclass(frozen=True)
class Amplification:
    article: str
    outlet: str
    pieces: int  # cards derived from the article's coverage card
    reach: float | None  # None: no derived card has the figure, not measured
    clicks: float | None
    leads: float | None


@dataclass(frozen=True)
class Talk:
    event: str
    starts_on: date
    title: str
    state: SubmissionState
    speakers: str
    customers: int  # speakers from customers


@dataclass(frozen=True)
class MediaFigures:
    pitched: int  # contacts a pitch reached
    pitches: int  # pitches sent (each to one or more contacts)
    replied: int
    covered: int
    coverage: int  # articles linked to a pitch of the period
    top_contacts: tuple[tuple[str, str, int], ...]  # name, outlet, articles
    top_outlets: tuple[tuple[str, int], ...]
    amplification: tuple[Amplification, ...]
    talks: tuple[Talk, ...]

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.pitched if self.pitched else None

    @property
    def coverage_rate(self) -> float | None:
        return self.covered / self.pitched if self.pitched else None

    @property
    def coverage_per_pitch(self) -> float | None:
        return self.coverage / self.pitches if self.pitches else None

    @property
    def slots_won(self) -> int:
        return sum(1 for t in self.talks if t.state in WON)

    @property
    def delivered(self) -> int:
        return sum(1 for t in self.talks if t.state == SubmissionState.DELIVERED)

    @property
    def customers_on_stage(self) -> int:
        return sum(t.customers for t in self.talks if t.state == SubmissionState.DELIVERED)


def _in_scope(campaign_of: dict[int, int | None], card_id: int | None,
              campaigns: Sequence[int]) -> bool:
    return not campaigns or (card_id is not None and campaign_of.get(card_id) in campaigns)


def media_figures(uow: UnitOfWork, start: date, end: date,
                  campaign_ids: Sequence[int] = ()) -> MediaFigures:
    """The figures of pitches sent from ``start`` to ``end`` (both included) and what they
    earned, of talks at events that begin in the period; ``campaign_ids`` narrows the
    pitches and articles to those campaigns' cards."""
    r = m.PitchRecipient
    with uow.read() as session:
        campaign_of = dict(session.execute(select(m.Card.id, m.Card.campaign_id)).all())
        sent = [(pitch_id, card_id, state) for pitch_id, card_id, state in session.execute(
            select(m.Pitch.id, m.Pitch.card_id, r.state).join(r, r.pitch_id == m.Pitch.id)
            .where(m.Pitch.pitched_on >= start, m.Pitch.pitched_on <= end,
                   r.state != PitchState.DRAFTED))
            if _in_scope(campaign_of, card_id, campaign_ids)]
        links = [row for row in session.execute(
            select(m.CoverageLink.title, m.CoverageLink.outlet, m.CoverageLink.card_id,
                   m.MediaContact.name, m.Pitch.card_id)
            .join(r, r.id == m.CoverageLink.recipient_id)
            .join(m.Pitch, m.Pitch.id == r.pitch_id)
            .join(m.MediaContact, m.MediaContact.id == r.contact_id)
            .where(m.Pitch.pitched_on >= start, m.Pitch.pitched_on <= end)
            .order_by(m.CoverageLink.published_on, m.CoverageLink.id))
            if _in_scope(campaign_of, row[4], campaign_ids)]
        children: dict[int, list[int]] = {}
        for card_id, parent in session.execute(select(m.Card.id, m.Card.derived_from_id).where(
                m.Card.derived_from_id.is_not(None), m.Card.deleted_at.is_(None))):
            children.setdefault(parent, []).append(card_id)
        talks = _talks(session, start, end)
    by_card = analytics.card_sums(uow, start, end) if any(
        children.get(link[2]) for link in links) else {}
    amplification = []
    for title, outlet, card_id, _name, _source in links:
        derived = children.get(card_id, []) if card_id is not None else []
        if derived:
            sums = [by_card.get(child, {}) for child in derived]
            amplification.append(Amplification(
                title, outlet, len(derived), _measured(sums, "reach"),
                _measured(sums, "clicks"), _measured(sums, "leads")))
    contacts = Counter((name, outlet) for _t, outlet, _c, name, _s in links)
    outlets = Counter(outlet for _t, outlet, _c, _n, _s in links)
    return MediaFigures(
        len(sent), len({pitch_id for pitch_id, _c, _s in sent}),
        sum(1 for *_x, state in sent if PitchState(state) in REPLIED_STATES),
        sum(1 for *_x, state in sent if PitchState(state) == PitchState.COVERED), len(links),
        tuple((name, outlet, n) for (name, outlet), n in
              sorted(contacts.items(), key=lambda i: (-i[1], i[0]))[:TOP]),
        tuple(sorted(outlets.items(), key=lambda i: (-i[1], i[0]))[:TOP]),
        tuple(amplification), tuple(talks))


def _measured(sums: list[dict[str, float]], metric: str) -> float | None:
    """The derived cards' total of ``metric``; None when none of them measured it, so the
    report says "not measured" rather than a zero nobody counted."""
    found = [s[metric] for s in sums if metric in s]
    return sum(found) if found else None


def _talks(session, start: date, end: date) -> list[Talk]:  # noqa: ANN001
    query = (select(m.Submission, m.IndustryEvent.name, m.IndustryEvent.starts_on)
             .join(m.IndustryEvent, m.IndustryEvent.id == m.Submission.event_id)
             .where(m.IndustryEvent.starts_on >= start, m.IndustryEvent.starts_on <= end)
             .order_by(m.IndustryEvent.starts_on, m.Submission.id))
    return [Talk(event, starts_on, talk.title, SubmissionState(talk.state),
                 ", ".join(s.speaker_name for s in talk.speakers),
                 sum(1 for s in talk.speakers if s.customer_id is not None))
            for talk, event, starts_on in session.execute(query)]
