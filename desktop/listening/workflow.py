"""The steps of a signal, and who may take each.

new → triage → routed → acknowledged → contacted → opportunity / no opportunity;
from any open step: not relevant (with a reason, which counts against the rule's
precision) or a duplicate of another signal; a routed signal nobody acknowledged
in 14 days expires. Only the account's rep acknowledges, contacts and closes, and
once a signal is with the rep only the rep (or the team lead) sets it aside or
hands it to another rep, with a reason. Logging the contact writes the contact log
of customer stories, with the rep included. Every step returns what it changed,
so it can be undone exactly (by the rep, for the rep's steps).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.enums import Department, IdentifierKind, Intent, SignalStatus, StoryKind
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError
from desktop.listening.identifiers import normalise
from desktop.listening.response_times import EXPIRES_AFTER
from desktop.listening.signals import CLOSED, STATUS_TEXT, WITH_REP
from desktop.stories import CommunicationInput, RequestInput, insert_communication

S = SignalStatus
_OPEN = (S.NEW, S.TRIAGE, S.ROUTED, S.ACKNOWLEDGED, S.CONTACTED)
#: From each step, where a signal may go next.
TRANSITIONS: dict[SignalStatus, frozenset[SignalStatus]] = {
    S.NEW: frozenset({S.TRIAGE, S.ROUTED, S.NOT_RELEVANT, S.DUPLICATE}),
    S.TRIAGE: frozenset({S.ROUTED, S.NOT_RELEVANT, S.DUPLICATE}),
    S.ROUTED: frozenset({S.ACKNOWLEDGED, S.NOT_RELEVANT, S.DUPLICATE, S.EXPIRED}),
    S.ACKNOWLEDGED: frozenset({S.CONTACTED, S.NOT_RELEVANT, S.DUPLICATE}),
    S.CONTACTED: frozenset({S.OPPORTUNITY, S.NO_OPPORTUNITY, S.NOT_RELEVANT, S.DUPLICATE}),
    **{status: frozenset() for status in CLOSED},
}
#: Steps only the account's rep takes.
REP_STEPS: frozenset[SignalStatus] = frozenset({S.ACKNOWLEDGED, S.CONTACTED, S.OPPORTUNITY,
                                               S.NO_OPPORTUNITY})


@dataclass(frozen=True)
class Fields:
    """The workflow columns of a signal as they stand, so a step can be undone exactly."""

    status: SignalStatus
    customer_id: int | None
    rep_id: int | None
    routed_at: datetime | None
    acknowledged_at: datetime | None
    contacted_at: datetime | None
    closed_at: datetime | None
    reason: str
    notes: str
    duplicate_of_id: int | None
    communication_id: int | None


@dataclass(frozen=True)
class Step:
    """One step, with what it replaced; ``made`` are rows it added (a contact, an
    opportunity, an identifier), which its undo takes away again."""

    signal_id: int
    label: str
    before: Fields
    after: Fields
    version: int
    made: tuple[tuple[str, int], ...] = ()

    @property
    def by_rep(self) -> bool:
        return self.after.status in REP_STEPS


def _fields(row: m.Signal) -> Fields:
    return Fields(**{f.name: getattr(row, f.name) for f in fields(Fields)})


def _attempted(values: Fields, current: Fields) -> dict[str, object]:
    """What a step changes, for ``expect_version`` to weigh against others' saves: only the
    fields it sets, so a note someone added meanwhile merges with it."""
    changed = {f.name: getattr(values, f.name) for f in fields(Fields)
               if getattr(values, f.name) != getattr(current, f.name)}
    return {name: getattr(value, "value", value) for name, value in changed.items()}


def _live(session: Session, signal_id: int) -> m.Signal:
    row = session.get(m.Signal, signal_id)
    if row is None:
        raise NotFoundError("That signal is no longer in the team file.")
    return row


def _account(session: Session, row: m.Signal) -> tuple[m.Customer | None, m.Person | None]:
    customer = session.get(m.Customer, row.customer_id) if row.customer_id else None
    return customer, session.get(m.Person, customer.rep_id) if customer else None


def require_rep(session: Session, row: m.Signal, person_id: int | None, doing: str) -> None:
    """Only the account's rep (to whom it is routed) takes the rep's steps."""
    customer, rep = _account(session, row)
    owner = row.rep_id or (customer.rep_id if customer else None)
    owner_name = (session.get(m.Person, owner).name if owner else "the account's rep")
    account = customer.name if customer else "the account"
    if person_id is None:
        raise ValidationError(f"Say who you are first: only {owner_name}, the rep of {account}, "
                              f"can {doing}.")
    if person_id != owner:
        raise ValidationError(f"Only {owner_name}, the rep of {account}, can {doing}.")


def _is_lead(session: Session, person_id: int | None) -> bool:
    person = session.get(m.Person, person_id) if person_id else None
    return person is not None and person.department == Department.LEADERSHIP


def _refusal(row: m.Signal, to: SignalStatus) -> ValidationError:
    current = SignalStatus(row.status)
    if to == current:
        return ValidationError(f"This signal is already {STATUS_TEXT[current]}.")
    allowed = [STATUS_TEXT[s] for s in SignalStatus if s in TRANSITIONS[current]]
    if not allowed:
        return ValidationError(f"This signal is {STATUS_TEXT[current]}; it goes no further.")
    return ValidationError(f"A signal that is {STATUS_TEXT[current]} cannot become "
                           f"{STATUS_TEXT[to]}; next it can be {' or '.join(allowed)}.")


_DOING = {S.ACKNOWLEDGED: "acknowledge this signal", S.CONTACTED: "log the contact",
          S.OPPORTUNITY: "close this signal", S.NO_OPPORTUNITY: "close this signal",
          S.NOT_RELEVANT: "set this signal aside", S.DUPLICATE: "set this signal aside"}


def _checked_move(session: Session, row: m.Signal, to: SignalStatus, person_id: int | None,
                  reason: str, customer: m.Customer | None = None) -> Fields:
    """The signal's fields after the step to ``to``, once every rule agrees."""
    to = SignalStatus(to)
    current = SignalStatus(row.status)
    if to not in TRANSITIONS[current]:
        raise _refusal(row, to)
    if to in REP_STEPS or (current in WITH_REP and to in (S.NOT_RELEVANT, S.DUPLICATE)
                           and not _is_lead(session, person_id)):
        require_rep(session, row, person_id, _DOING[to])
    now = utcnow()
    after = replace(_fields(row), status=to)
    if to == S.NOT_RELEVANT:
        if not reason.strip():
            raise ValidationError("Say why the signal is not relevant; the reason tells the "
                                  "team how precise its rule is.", field="reason")
        after = replace(after, reason=reason.strip(), closed_at=now)
    elif to == S.ACKNOWLEDGED:
        after = replace(after, acknowledged_at=now)
    elif to == S.CONTACTED:
        after = replace(after, contacted_at=now)
    elif to in CLOSED:
        after = replace(after, closed_at=now, reason=reason.strip() or after.reason)
    elif to == S.ROUTED:
        customer = customer or _account(session, row)[0]
        if customer is None:
            raise ValidationError("Choose the account first: a signal goes to its account's rep.",
                                  field="customer_id")
        after = replace(after, customer_id=customer.id, rep_id=customer.rep_id, routed_at=now)
    return after


def _apply(session: Session, row: m.Signal, after: Fields, seen_version: int) -> None:
    attempted = _attempted(after, _fields(row))
    expect_version(row, "signals", row.id, seen_version, attempted or {"status": row.status})
    for name in attempted:
        setattr(row, name, getattr(after, name))
    session.flush()


def move_signal(uow: UnitOfWork, signal_id: int, seen_version: int, to: SignalStatus, *,
                reason: str = "") -> Step:
    """Take one step (``TRANSITIONS``); the rep's steps are the rep's alone."""
    with uow.write() as session:
        row = _live(session, signal_id)
        before = _fields(row)
        after = _checked_move(session, row, to, uow.person_id, reason)
        _apply(session, row, after, seen_version)
        return Step(row.id, STATUS_TEXT[SignalStatus(to)], before, after, row.version)


def acknowledge(uow: UnitOfWork, signal_id: int, seen_version: int) -> Step:
    return move_signal(uow, signal_id, seen_version, S.ACKNOWLEDGED)


def mark_duplicate(uow: UnitOfWork, signal_id: int, seen_version: int, of_id: int) -> Step:
    with uow.write() as session:
        row = _live(session, signal_id)
        other = session.get(m.Signal, of_id)
        if other is None or other.id == row.id:
            raise ValidationError("Choose the other signal this one repeats.",
                                  field="duplicate_of_id")
        before = _fields(row)
        after = replace(_checked_move(session, row, S.DUPLICATE, uow.person_id, ""),
                        duplicate_of_id=other.id)
        _apply(session, row, after, seen_version)
        return Step(row.id, STATUS_TEXT[S.DUPLICATE], before, after, row.version)


def log_contact(uow: UnitOfWork, signal_id: int, seen_version: int,
                contact: CommunicationInput) -> Step:
    """The rep's contact with the account, in the contact log of customer stories with the
    rep included (the rep is the one who logs it)."""
    with uow.write() as session:
        row = _live(session, signal_id)
        before = _fields(row)
        after = _checked_move(session, row, S.CONTACTED, uow.person_id, "")
        logged = insert_communication(
            session, replace(contact, customer_id=row.customer_id, rep_included=True,
                             without_rep_reason="", occurred_on=contact.occurred_on
                             or date.today()), uow.person_id, date.today())
        after = replace(after, communication_id=logged.id)
        _apply(session, row, after, seen_version)
        return Step(row.id, "contacted", before, after, row.version,
                    (("communications", logged.id),))


def close_with_opportunity(uow: UnitOfWork, signal_id: int, seen_version: int, *,
                           reference: str, amount: float, stage: str = "open") -> Step:
    """The rep closes the signal with the opportunity it led to; the CRM's reference is
    required, as it is what a later CRM import updates the opportunity by."""
    if not reference.strip():
        raise ValidationError("Type the opportunity's reference in the CRM, so a later CRM "
                              "import can bring it up to date.", field="reference")
    if amount < 0:
        raise ValidationError("An opportunity's amount cannot be negative.", field="amount")
    with uow.write() as session:
        row = _live(session, signal_id)
        before = _fields(row)
        after = _checked_move(session, row, S.OPPORTUNITY, uow.person_id, "")
        opportunity = m.Opportunity(customer_id=row.customer_id, signal_id=row.id,
                                    reference=reference.strip(), amount=amount,
                                    stage=stage.strip() or "open", opened_on=date.today())
        session.add(opportunity)
        session.flush()
        _apply(session, row, after, seen_version)
        return Step(row.id, STATUS_TEXT[S.OPPORTUNITY], before, after, row.version,
                    (("opportunities", opportunity.id),))


def close_without_opportunity(uow: UnitOfWork, signal_id: int, seen_version: int,
                              reason: str = "") -> Step:
    return move_signal(uow, signal_id, seen_version, S.NO_OPPORTUNITY, reason=reason)


def confirm_match(uow: UnitOfWork, signal_id: int, seen_version: int, customer_id: int, *,
                  learn: tuple[IdentifierKind, str, str] | None = None) -> Step:
    """PR confirms which account a signal in triage is about and routes it to the rep;
    ``learn`` (kind, platform, value) adds the identifier, so the next one matches."""
    with uow.write() as session:
        row = _live(session, signal_id)
        customer = session.get(m.Customer, customer_id)
        if customer is None:
            raise ValidationError("Choose the account the signal is about.", field="customer_id")
        before = _fields(row)
        made: tuple[tuple[str, int], ...] = ()
        if learn is not None:
            made = (("account_identifiers", _learn(session, customer, *learn).id),)
        if customer.do_not_route:
            raise ValidationError(f"{customer.name} is marked 'do not route': its signals stay "
                                  "with PR.")
        after = _checked_move(session, row, S.ROUTED, uow.person_id, "", customer)
        _apply(session, row, after, seen_version)
        return Step(row.id, STATUS_TEXT[S.ROUTED], before, _fields(row), row.version, made)


def _learn(session: Session, customer: m.Customer, kind: IdentifierKind, platform: str,
           value: str) -> m.AccountIdentifier:
    platform, value = normalise(kind, value, platform)
    ident = m.AccountIdentifier
    taken = session.scalar(select(ident).where(ident.kind == IdentifierKind(kind),
                                               ident.platform == platform, ident.value == value))
    if taken is not None and taken.customer_id != customer.id:
        owner = session.get(m.Customer, taken.customer_id)
        raise ValidationError(f"'{value}' already identifies {owner.name}.", field="value")
    if taken is not None:
        return taken
    row = ident(customer_id=customer.id, kind=IdentifierKind(kind), platform=platform,
                value=value)
    session.add(row)
    session.flush()
    return row


def reassign(uow: UnitOfWork, signal_id: int, seen_version: int, rep_id: int,
             reason: str) -> Step:
    """Hand a signal to another rep: by its rep or the team lead, always with a reason."""
    if not reason.strip():
        raise ValidationError("Say why the signal goes to another rep.", field="reason")
    with uow.write() as session:
        row = _live(session, signal_id)
        if SignalStatus(row.status) not in WITH_REP:
            raise ValidationError(f"This signal is {STATUS_TEXT[SignalStatus(row.status)]}; "
                                  "only a signal with a rep can be handed to another.")
        if not _is_lead(session, uow.person_id):
            require_rep(session, row, uow.person_id, "hand this signal to another rep")
        rep = session.get(m.Person, rep_id)
        if rep is None or not rep.active or rep.department != Department.SALES:
            raise ValidationError("Choose a sales rep of the team.", field="rep_id")
        before = _fields(row)
        note = f"Handed to {rep.name}: {reason.strip()}"
        after = replace(before, rep_id=rep.id,
                        notes=f"{before.notes}\n{note}".strip())
        _apply(session, row, after, seen_version)
        return Step(row.id, f"handed to {rep.name}", before, after, row.version)


def add_note(uow: UnitOfWork, signal_id: int, seen_version: int, text: str) -> Step:
    """Anyone may add a note (PR sees the status and may add notes)."""
    if not text.strip():
        raise ValidationError("Write the note first.", field="notes")
    with uow.write() as session:
        row = _live(session, signal_id)
        person = session.get(m.Person, uow.person_id) if uow.person_id else None
        before = _fields(row)
        line = f"{person.name if person else 'Someone'}: {text.strip()}"
        after = replace(before, notes=f"{before.notes}\n{line}".strip())
        _apply(session, row, after, seen_version)
        return Step(row.id, "note added", before, after, row.version)


def expire_overdue(uow: UnitOfWork, now: datetime | None = None) -> int:
    """Routed signals nobody acknowledged in 14 days expire; how many did."""
    with uow.write() as session:
        return expire_in(session, now or utcnow())


def expire_in(session: Session, now: datetime) -> int:
    """``expire_overdue`` inside the caller's write (an import of mentions)."""
    rows = list(session.scalars(select(m.Signal).where(
        m.Signal.status == S.ROUTED, m.Signal.routed_at < now - EXPIRES_AFTER)))
    for row in rows:
        row.status, row.closed_at = S.EXPIRED, now
    return len(rows)


def _swap(uow: UnitOfWork, step: Step, seen_version: int, forward: bool) -> Step:
    expected, target = (step.before, step.after) if forward else (step.after, step.before)
    with uow.write() as session:
        row = _live(session, step.signal_id)
        if _fields(row) != expected:
            raise ValidationError(
                f"The signal is {STATUS_TEXT[SignalStatus(row.status)]} by now and others "
                "changed it meanwhile, so that step cannot be undone or redone.")
        if step.by_rep:
            require_rep(session, row, uow.person_id, "undo or redo the rep's steps")
        _apply(session, row, target, seen_version)
        if not forward:
            for table, row_id in step.made:
                model = {"communications": m.Communication, "opportunities": m.Opportunity,
                         "account_identifiers": m.AccountIdentifier}[table]
                made = session.get(model, row_id)
                if made is not None:
                    session.delete(made)
        return replace(step, version=row.version)


def undo_step(uow: UnitOfWork, step: Step, seen_version: int) -> Step:
    """Put the signal back as it was before ``step``; what the step added goes again."""
    return _swap(uow, step, seen_version, forward=False)


def redo_step(uow: UnitOfWork, step: Step, seen_version: int) -> Step:
    """Take ``step`` again; a step that added a row (a contact) is redone by taking it anew."""
    if step.made:
        raise ValidationError("That step added a record; take it again rather than redoing it.")
    return _swap(uow, step, seen_version, forward=True)


OPEN_STATUSES = _OPEN


def story_from_advocacy(uow: UnitOfWork, signal_id: int) -> RequestInput:
    """A draft story request from a customer praising us: PR writes it, the account's rep
    still approves it before anyone asks the customer (``stories``' workflow)."""
    with uow.read() as session:
        row = _live(session, signal_id)
        customer = session.get(m.Customer, row.customer_id) if row.customer_id else None
        if row.intent != Intent.ADVOCACY or customer is None:
            raise ValidationError("Only a signal of advocacy about a known account becomes a "
                                  "story request.")
        quote = row.quote or "what they posted"
    return RequestInput(
        customer.id, StoryKind.QUOTE, f"Quote: {customer.name} on what we did together",
        f"Use what {customer.name} posted (“{quote}”) as a customer quote, in their words "
        "and with their approval.",
        "Their own success story shown in their words.",
        "A customer's own words, which prospects trust most.")
