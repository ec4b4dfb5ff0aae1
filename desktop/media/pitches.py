"""Pitches: a board card offered to media contacts, and the rules before one is sent.

Before a pitch goes out the app warns when a contact was pitched by anyone on the team
within the team's window (``pitch_recent_days``, 14 unless the team says otherwise), and
refuses a contact marked do-not-contact unless the person overrides it with a reason,
which is kept with the pitch. A pitch that names a customer needs that customer's rep to
have approved the use of the story in the press (``desktop.stories.covering_approval``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from db import models as m
from db.enums import PitchState, StoryKind
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop import team_settings
from desktop.errors import NotFoundError, ValidationError
from desktop.media.contacts import REPLIED_STATES, live_contact
from desktop.media.materials import flags_of
from desktop.stories import covering_approval

P = PitchState
RECENT_DAYS_KEY = "pitch_recent_days"
DEFAULT_RECENT_DAYS = 14
#: The uses of a customer's story that naming the customer to the press needs (one of).
PRESS_USES = (StoryKind.PRESS_REFERENCE, StoryKind.QUOTE)
#: Where a pitch may go next with one contact.
TRANSITIONS: dict[PitchState, frozenset[PitchState]] = {
    P.DRAFTED: frozenset({P.SENT}),
    P.SENT: frozenset({P.REPLIED, P.INTERESTED, P.DECLINED, P.NO_REPLY}),
    P.REPLIED: frozenset({P.INTERESTED, P.COVERED, P.DECLINED}),
    P.INTERESTED: frozenset({P.COVERED, P.DECLINED}),
    P.NO_REPLY: frozenset({P.REPLIED, P.INTERESTED}),
    P.COVERED: frozenset(),
    P.DECLINED: frozenset(),
}
STATE_TEXT: dict[PitchState, str] = {
    P.DRAFTED: "drafted", P.SENT: "sent", P.REPLIED: "replied", P.INTERESTED: "interested",
    P.COVERED: "covered", P.DECLINED: "declined", P.NO_REPLY: "no reply",
}


@dataclass(frozen=True)
class PitchInput:
    card_id: int | None
    contact_ids: tuple[int, ...]
    subject: str
    pitched_on: date
    channel: str = "email"
    state: PitchState = P.SENT  # logged as sent, or kept as a draft
    follow_up_on: date | None = None
    customer_id: int | None = None
    material_ids: tuple[int, ...] = ()
    notes: str = ""
    #: Contacts marked do-not-contact that the person pitches anyway, with the reason.
    overrides: tuple[tuple[int, str], ...] = ()
    #: The person saw the pitched-recently warning and sends anyway.
    send_anyway: bool = False


@dataclass(frozen=True)
class RecentPitch:
    """A teammate's (or one's own) recent pitch to a contact: the warning's evidence."""

    contact_id: int
    contact_name: str
    pitched_on: date
    by: str
    subject: str

    def sentence(self) -> str:
        return (f"{self.contact_name} was pitched by {self.by or 'someone'} on "
                f"{self.pitched_on.isoformat()} ('{self.subject}').")


class PitchedRecently(ValidationError):
    """The pitched-recently warning: the pitch was not sent; send anyway, or to the others."""

    def __init__(self, recent: tuple[RecentPitch, ...], days: int) -> None:
        names = ", ".join(sorted({r.contact_name for r in recent}))
        super().__init__(
            f"Pitched in the last {days} days: " + " ".join(r.sentence() for r in recent)
            + f" Send to the others only, or send to {names} anyway.", field="contact_ids")
        self.recent = recent
        self.days = days


class DoNotContact(ValidationError):
    """A contact marked do-not-contact, refused until overridden with a reason."""

    def __init__(self, contacts: tuple[tuple[int, str, str], ...]) -> None:
        said = "; ".join(f"{name} ({reason})" if reason else name for _id, name, reason in contacts)
        super().__init__(
            f"Marked do-not-contact: {said}. Leave them out, or override with a reason, which "
            "is kept with the pitch.", field="overrides")
        self.contacts = contacts


@dataclass(frozen=True)
class PitchRow:
    """One pitch to one contact, as the pitch log shows it."""

    recipient_id: int
    recipient_version: int
    pitch_id: int
    pitch_version: int
    card_id: int | None
    card_title: str
    contact_id: int
    contact_name: str
    outlet_name: str
    pitched_on: date
    channel: str
    subject: str
    state: PitchState
    follow_up_on: date | None
    owner_id: int | None
    owner_name: str
    override_reason: str
    customer_name: str
    coverage: int
    material_flags: tuple[str, ...] = ()

    @property
    def next_states(self) -> frozenset[PitchState]:
        return TRANSITIONS[self.state]


@dataclass(frozen=True)
class Logged:
    pitch_id: int
    recipient_ids: tuple[int, ...]


@dataclass(frozen=True)
class PitchTally:
    """A card's pitches: "pitched 12, replied 5, covered 3" (contacts reached)."""

    pitched: int = 0
    replied: int = 0
    covered: int = 0

    def text(self) -> str:
        return f"pitched {self.pitched}, replied {self.replied}, covered {self.covered}"


@dataclass(frozen=True)
class StateChange:
    recipient_id: int
    before: PitchState
    after: PitchState
    version: int


@dataclass(frozen=True)
class FollowUp:
    """A pitch of the person's still waiting for an answer, under My actions."""

    pitch_id: int
    subject: str
    follow_up_on: date
    waiting: tuple[str, ...] = field(default_factory=tuple)  # the contacts not yet answered

    def overdue(self, today: date) -> bool:
        return self.follow_up_on < today


# --------------------------------------------------------------------------- the rules


def recent_days(uow: UnitOfWork) -> int:
    """How many days back a pitch to the same contact warns (a team setting)."""
    text = team_settings.get_setting(uow, RECENT_DAYS_KEY, str(DEFAULT_RECENT_DAYS))
    return int(text) if text.isdigit() else DEFAULT_RECENT_DAYS


def set_recent_days(uow: UnitOfWork, days: int) -> None:
    if not 0 <= days <= 365:
        raise ValidationError("Choose between 0 (never warn) and 365 days.", field="days")
    team_settings.set_setting(uow, RECENT_DAYS_KEY, str(days))


def _recent(session, contact_ids: Iterable[int], on: date, days: int,  # noqa: ANN001
            leave_out: int | None = None) -> tuple[RecentPitch, ...]:
    if days <= 0:
        return ()
    r = m.PitchRecipient
    query = (select(r.contact_id, m.MediaContact.name, m.Pitch.pitched_on, m.Person.name,
                    m.Pitch.subject)
             .join(m.Pitch, m.Pitch.id == r.pitch_id)
             .join(m.MediaContact, m.MediaContact.id == r.contact_id)
             .outerjoin(m.Person, m.Person.id == m.Pitch.owner_id)
             .where(r.contact_id.in_(list(contact_ids)), r.state != P.DRAFTED,
                    m.Pitch.pitched_on > on - timedelta(days=days),
                    m.Pitch.pitched_on <= on + timedelta(days=days))
             .order_by(m.Pitch.pitched_on.desc()))
    if leave_out is not None:
        query = query.where(m.Pitch.id != leave_out)
    return tuple(RecentPitch(cid, name, day, by or "", subject)
                 for cid, name, day, by, subject in session.execute(query))


def _blocked(session, contact_ids: Iterable[int],  # noqa: ANN001
             overrides: dict[int, str]) -> tuple[tuple[int, str, str], ...]:
    rows = [live_contact(session, cid) for cid in contact_ids]
    return tuple((row.id, row.name, row.do_not_contact_reason) for row in rows
                 if row.do_not_contact and not overrides.get(row.id, "").strip())


def _check_sending(session, uow: UnitOfWork, data: PitchInput,  # noqa: ANN001
                   leave_out: int | None = None) -> None:
    """The rules before a pitch goes out: do-not-contact, then pitched recently."""
    blocked = _blocked(session, data.contact_ids, dict(data.overrides))
    if blocked:
        raise DoNotContact(blocked)
    if not data.send_anyway:
        days = recent_days(uow)
        recent = _recent(session, data.contact_ids, data.pitched_on, days, leave_out)
        if recent:
            raise PitchedRecently(recent, days)


def _clean(session, data: PitchInput) -> PitchInput:  # noqa: ANN001
    subject = data.subject.strip()
    if data.card_id is None:
        raise ValidationError("Choose the board card the pitch is about.", field="card_id")
    card = session.get(m.Card, data.card_id)
    if card is None or card.deleted_at is not None:
        raise ValidationError("The card of the pitch has been deleted.", field="card_id")
    if not subject:
        raise ValidationError("A pitch needs a subject line.", field="subject")
    contacts = tuple(dict.fromkeys(data.contact_ids))
    if not contacts:
        raise ValidationError("Choose at least one contact to pitch.", field="contact_ids")
    if data.follow_up_on is not None and data.follow_up_on < data.pitched_on:
        raise ValidationError("The follow-up comes after the pitch; choose a later day.",
                              field="follow_up_on")
    if P(data.state) not in (P.DRAFTED, P.SENT):
        raise ValidationError("A new pitch is a draft or sent.", field="state")
    customer_id = data.customer_id
    if customer_id is None:
        customer_id = _customer_of_card(session, data.card_id)
    return PitchInput(data.card_id, contacts, subject, data.pitched_on, data.channel.strip()
                      or "email", P(data.state), data.follow_up_on, customer_id,
                      tuple(dict.fromkeys(data.material_ids)), data.notes, data.overrides,
                      data.send_anyway)


def _customer_of_card(session, card_id: int | None) -> int | None:  # noqa: ANN001
    """The customer whose story the card tells, so pitching it needs their approval even
    when the form's "names a customer" was left empty."""
    if card_id is None:
        return None
    return session.scalar(select(m.StoryRequest.customer_id)
                          .where(m.StoryRequest.card_id == card_id)
                          .order_by(m.StoryRequest.id).limit(1))


def _approval_for(session, data: PitchInput) -> int | None:  # noqa: ANN001
    customer_id = data.customer_id
    if customer_id is None:
        customer_id = _customer_of_card(session, data.card_id)
    if customer_id is None:
        return None
    return covering_approval(session, customer_id, PRESS_USES, data.pitched_on,
                             "pitching a story that names them").id


def log_pitch(uow: UnitOfWork, data: PitchInput) -> Logged:
    """Log a pitch to its contacts, after the rules (raises the warning or the refusal)."""
    with uow.write() as session:
        data = _clean(session, data)
        request_id = _approval_for(session, data)
        if data.state == P.SENT:
            _check_sending(session, uow, data)
        overrides = dict(data.overrides)
        materials = [session.get(m.Material, i) for i in data.material_ids]
        row = m.Pitch(card_id=data.card_id, pitched_on=data.pitched_on, channel=data.channel,
                      subject=data.subject, owner_id=uow.person_id,
                      follow_up_on=data.follow_up_on, customer_id=data.customer_id,
                      story_request_id=request_id, notes=data.notes,
                      materials=[x for x in materials if x is not None])
        row.recipients = [m.PitchRecipient(contact_id=cid, state=data.state,
                                           override_reason=overrides.get(cid, "").strip())
                          for cid in data.contact_ids]
        session.add(row)
        session.flush()
        return Logged(row.id, tuple(r.id for r in row.recipients))


@dataclass(frozen=True)
class Sent:
    """A draft sent, and the day it was drafted for, so undo can take it back."""

    pitch_id: int
    recipient_ids: tuple[int, ...]
    on: date
    drafted_on: date
    overrides: tuple[tuple[int, str], ...] = ()
    #: The override reasons the draft had before it was sent, which undo puts back.
    drafted_reasons: tuple[tuple[int, str], ...] = ()


def send_draft(uow: UnitOfWork, pitch_id: int, on: date, *, send_anyway: bool = False,
               overrides: tuple[tuple[int, str], ...] = ()) -> Sent:
    """Send a drafted pitch on day ``on``: the same rules as logging one sent.

    The do-not-contact overrides written with the draft still count; ``overrides`` adds
    to them or replaces them, contact by contact."""
    with uow.write() as session:
        row = session.get(m.Pitch, pitch_id)
        if row is None:
            raise NotFoundError("That pitch has been deleted.")
        drafts = [r for r in row.recipients if r.state == P.DRAFTED]
        drafted_reasons = tuple((r.contact_id, r.override_reason) for r in drafts
                                if r.override_reason.strip())
        reasons = dict(drafted_reasons) | {cid: why for cid, why in overrides if why.strip()}
        data = PitchInput(row.card_id, tuple(r.contact_id for r in drafts), row.subject, on,
                          row.channel, P.SENT, row.follow_up_on, row.customer_id,
                          overrides=tuple(reasons.items()), send_anyway=send_anyway)
        _approval_for(session, data)
        _check_sending(session, uow, data, leave_out=row.id)
        drafted_on, row.pitched_on = row.pitched_on, on
        for recipient in drafts:
            recipient.state = P.SENT
            recipient.override_reason = reasons.get(recipient.contact_id, "").strip()
        session.flush()
        return Sent(row.id, tuple(r.id for r in drafts), on, drafted_on, overrides,
                    drafted_reasons)


def unsend(uow: UnitOfWork, sent: Sent) -> None:
    """Undo of sending a draft: a draft again, of the day it had, with the override
    reasons it was written with."""
    with uow.write() as session:
        row = session.get(m.Pitch, sent.pitch_id)
        if row is None:
            raise NotFoundError("That pitch has been deleted.")
        row.pitched_on = sent.drafted_on
        reasons = dict(sent.drafted_reasons)
        for recipient in row.recipients:
            if recipient.id in sent.recipient_ids:
                recipient.state = P.DRAFTED
                recipient.override_reason = reasons.get(recipient.contact_id, "")


def delete_pitch(uow: UnitOfWork, pitch_id: int) -> None:
    """Take a logged pitch back (its undo); a pitch with coverage linked stays."""
    with uow.write() as session:
        row = session.get(m.Pitch, pitch_id)
        if row is None:
            return
        linked = session.scalar(select(func.count()).select_from(m.CoverageLink).join(
            m.PitchRecipient, m.PitchRecipient.id == m.CoverageLink.recipient_id)
            .where(m.PitchRecipient.pitch_id == pitch_id))
        if linked:
            raise ValidationError("Coverage is linked to this pitch; unlink it first.")
        session.delete(row)


def move_recipient(uow: UnitOfWork, recipient_id: int, seen_version: int,
                   to: PitchState) -> StateChange:
    """One step of a pitch with one contact (``TRANSITIONS``)."""
    to = P(to)
    with uow.write() as session:
        row = session.get(m.PitchRecipient, recipient_id)
        if row is None:
            raise NotFoundError("That pitch has been deleted.")
        before = P(row.state)
        if to not in TRANSITIONS[before]:
            allowed = [STATE_TEXT[s] for s in P if s in TRANSITIONS[before]]
            raise ValidationError(
                f"A pitch that is {STATE_TEXT[before]} cannot become {STATE_TEXT[to]}"
                + (f"; next it can be {' or '.join(allowed)}." if allowed else
                   "; it goes no further."), field="state")
        if before == P.DRAFTED:
            raise ValidationError("Send the draft (Send), so the rules before sending apply.",
                                  field="state")
        expect_version(row, "pitch_recipients", recipient_id, seen_version, {"state": to.value})
        row.state = to
        session.flush()
        return StateChange(row.id, before, to, row.version)


def set_recipient_state(uow: UnitOfWork, recipient_id: int, state: PitchState) -> None:
    """Put a state back as it was (undo and redo of a step)."""
    with uow.write() as session:
        row = session.get(m.PitchRecipient, recipient_id)
        if row is None:
            raise NotFoundError("That pitch has been deleted.")
        row.state = P(state)


# --------------------------------------------------------------------------- reading


def list_pitches(uow: UnitOfWork, today: date | None = None) -> list[PitchRow]:
    """Every pitch to every contact, newest first."""
    today = today or date.today()
    r = m.PitchRecipient
    query = (select(r, m.Pitch, m.Card.title, m.MediaContact.name, m.Outlet.name,
                    m.Person.name, m.Customer.name)
             .join(m.Pitch, m.Pitch.id == r.pitch_id)
             .outerjoin(m.Card, m.Card.id == m.Pitch.card_id)
             .join(m.MediaContact, m.MediaContact.id == r.contact_id)
             .outerjoin(m.Outlet, m.Outlet.id == m.MediaContact.outlet_id)
             .outerjoin(m.Person, m.Person.id == m.Pitch.owner_id)
             .outerjoin(m.Customer, m.Customer.id == m.Pitch.customer_id)
             .order_by(m.Pitch.pitched_on.desc(), m.Pitch.id.desc(), r.id))
    with uow.read() as session:
        coverage = dict(session.execute(select(m.CoverageLink.recipient_id, func.count())
                                        .group_by(m.CoverageLink.recipient_id)).all())
        rows = []
        for recipient, pitch, card, contact, outlet, owner, customer in session.execute(query):
            rows.append(PitchRow(
                recipient.id, recipient.version, pitch.id, pitch.version, pitch.card_id, card or "",
                recipient.contact_id, contact, outlet or "", pitch.pitched_on, pitch.channel,
                pitch.subject, P(recipient.state), pitch.follow_up_on, pitch.owner_id,
                owner or "", recipient.override_reason, customer or "",
                coverage.get(recipient.id, 0),
                tuple(f for item in pitch.materials for f in flags_of(item, today))))
        return rows


def card_tallies(uow: UnitOfWork, card_ids: Iterable[int] | None = None) -> dict[int, PitchTally]:
    """Per card, the contacts its pitches reached, those who answered and those who covered."""
    r = m.PitchRecipient
    query = (select(m.Pitch.card_id, r.state, func.count())
             .join(m.Pitch, m.Pitch.id == r.pitch_id)
             .where(r.state != P.DRAFTED).group_by(m.Pitch.card_id, r.state))
    if card_ids is not None:
        query = query.where(m.Pitch.card_id.in_(list(card_ids)))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    with uow.read() as session:
        for card_id, state, count in session.execute(query):
            counts[card_id][0] += count
            counts[card_id][1] += count if P(state) in REPLIED_STATES else 0
            counts[card_id][2] += count if P(state) == P.COVERED else 0
    return {card_id: PitchTally(*values) for card_id, values in counts.items()}


def follow_ups(uow: UnitOfWork, person_id: int, today: date | None = None,
               within_days: int = 7) -> list[FollowUp]:
    """The person's pitches with a follow-up due within ``within_days`` (or overdue) and a
    contact who has not answered yet."""
    today = today or date.today()
    r = m.PitchRecipient
    query = (select(m.Pitch.id, m.Pitch.subject, m.Pitch.follow_up_on, m.MediaContact.name)
             .join(r, r.pitch_id == m.Pitch.id)
             .join(m.MediaContact, m.MediaContact.id == r.contact_id)
             .where(m.Pitch.owner_id == person_id, r.state == P.SENT,
                    m.Pitch.follow_up_on.is_not(None),
                    m.Pitch.follow_up_on <= today + timedelta(days=within_days))
             .order_by(m.Pitch.follow_up_on, m.Pitch.id, m.MediaContact.name))
    found: dict[int, FollowUp] = {}
    with uow.read() as session:
        for pitch_id, subject, day, contact in session.execute(query):
            known = found.get(pitch_id)
            waiting = (*known.waiting, contact) if known else (contact,)
            found[pitch_id] = FollowUp(pitch_id, subject, day, waiting)
    return list(found.values())


def recent_by_contact(uow: UnitOfWork, on: date) -> dict[int, RecentPitch]:
    """Each contact's latest pitch within the team's window around ``on``: what a pitch
    form warns of while the person ticks contacts."""
    days = recent_days(uow)
    with uow.read() as session:
        ids = session.scalars(select(m.MediaContact.id)).all()
        found: dict[int, RecentPitch] = {}
        for recent in _recent(session, ids, on, days):
            found.setdefault(recent.contact_id, recent)
        return found
