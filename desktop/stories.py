"""Customer stories with sales: customers and their reps, story requests and their workflow,
the contacts logged with customers, and where the stories were placed.

Sales reps own their customer relationships, so the workflow is strict: only the
customer's owning rep (the acting person of the unit of work) approves or declines,
nothing reaches the customer before that approval, and every step is in the change
log with who and when. Everything else (asking a customer too often, going beyond
what the rep approved) is flagged rather than refused, because the team may have
good reasons a rule cannot know.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select

from db import models as m
from db.enums import ChangeOperation, Department, StoryKind, StoryStatus
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError

S = StoryStatus

#: The workflow: from each status, where a request may go next.
TRANSITIONS: dict[StoryStatus, frozenset[StoryStatus]] = {
    S.DRAFT: frozenset({S.AWAITING_REP}),
    S.AWAITING_REP: frozenset({S.APPROVED, S.DECLINED_BY_REP, S.DRAFT}),
    S.APPROVED: frozenset({S.CUSTOMER_ASKED, S.DECLINED_BY_REP}),
    S.DECLINED_BY_REP: frozenset({S.DRAFT}),
    S.CUSTOMER_ASKED: frozenset({S.CUSTOMER_AGREED, S.CUSTOMER_DECLINED}),
    S.CUSTOMER_AGREED: frozenset({S.IN_PRODUCTION}),
    S.CUSTOMER_DECLINED: frozenset(),
    S.IN_PRODUCTION: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset(),
}
#: Statuses only the customer's owning rep may set.
REP_DECISIONS: frozenset[StoryStatus] = frozenset({S.APPROVED, S.DECLINED_BY_REP})
#: Statuses a request reaches only through the rep's approval.
APPROVED_ONWARDS: frozenset[StoryStatus] = frozenset({
    S.APPROVED, S.CUSTOMER_ASKED, S.CUSTOMER_AGREED, S.CUSTOMER_DECLINED, S.IN_PRODUCTION,
    S.PUBLISHED})
#: Statuses in which PR may still rewrite the request (the rep has not approved it as written).
EDITABLE: frozenset[StoryStatus] = frozenset({S.DRAFT, S.AWAITING_REP, S.DECLINED_BY_REP})
#: Statuses in which work on an approved request goes on (so an ended approval matters).
IN_FLIGHT: frozenset[StoryStatus] = frozenset({
    S.APPROVED, S.CUSTOMER_ASKED, S.CUSTOMER_AGREED, S.IN_PRODUCTION})
#: Statuses in which a story can be placed: the customer said yes.
PLACEABLE: frozenset[StoryStatus] = frozenset({S.CUSTOMER_AGREED, S.IN_PRODUCTION, S.PUBLISHED})
#: From this many requests in twelve months on, a customer is being asked too often.
WEAR_OUT_FROM = 5

STATUS_TEXT: dict[StoryStatus, str] = {
    S.DRAFT: "a draft", S.AWAITING_REP: "awaiting the rep", S.APPROVED: "approved",
    S.DECLINED_BY_REP: "declined by the rep", S.CUSTOMER_ASKED: "with the customer",
    S.CUSTOMER_AGREED: "agreed by the customer", S.CUSTOMER_DECLINED: "declined by the customer",
    S.IN_PRODUCTION: "in production", S.PUBLISHED: "published",
}
KIND_TEXT: dict[StoryKind, str] = {
    StoryKind.CASE_STUDY: "case study", StoryKind.PRESS_REFERENCE: "press reference",
    StoryKind.QUOTE: "quote", StoryKind.EVENT_SPEAKER: "event speaker",
}
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class CustomerInput:
    name: str
    rep_id: int | None
    industry: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Customer:
    id: int
    version: int
    name: str
    industry: str
    rep_id: int
    rep_name: str
    notes: str
    recent_requests: int
    last_contact_on: date | None

    @property
    def asked_too_often(self) -> bool:
        return self.recent_requests >= WEAR_OUT_FROM

    def as_input(self) -> CustomerInput:
        return CustomerInput(self.name, self.rep_id, self.industry, self.notes)


@dataclass(frozen=True)
class RequestInput:
    customer_id: int | None
    kind: StoryKind
    title: str
    what_pr_wants: str
    benefit_to_customer: str
    benefit_to_company: str
    card_id: int | None = None


@dataclass(frozen=True)
class StoryRequest:
    id: int
    version: int
    customer_id: int
    customer_name: str
    rep_id: int
    rep_name: str
    kind: StoryKind
    title: str
    what_pr_wants: str
    benefit_to_customer: str
    benefit_to_company: str
    status: StoryStatus
    requested_by_id: int | None
    requested_by_name: str
    decided_by_id: int | None
    decided_by_name: str
    decided_at: datetime | None
    decision_note: str
    allowed_uses: frozenset[StoryKind]
    use_conditions: str
    approval_ends_on: date | None
    card_id: int | None
    created_at: datetime
    placement_count: int
    customer_recent_requests: int
    flags: tuple[str, ...]

    @property
    def next_statuses(self) -> frozenset[StoryStatus]:
        return TRANSITIONS[self.status]

    def as_input(self) -> RequestInput:
        return RequestInput(self.customer_id, self.kind, self.title, self.what_pr_wants,
                            self.benefit_to_customer, self.benefit_to_company, self.card_id)


@dataclass(frozen=True)
class Decision:
    """The decision columns of a request as they stand, so a step can be undone exactly."""

    decided_by_id: int | None
    decided_at: datetime | None
    decision_note: str
    allowed_uses: str
    approval_ends_on: date | None


@dataclass(frozen=True)
class StatusChange:
    """One step of the workflow, with what it replaced; ``version`` is the request's after it."""

    request_id: int
    title: str
    before: StoryStatus
    after: StoryStatus
    decision_before: Decision
    decision_after: Decision
    version: int

    @property
    def touches_decision(self) -> bool:
        return self.decision_before != self.decision_after

    @property
    def is_rep_decision(self) -> bool:
        """The rep's approval or decline, or the rep's change of an approval: only the
        rep undoes or redoes it. Others' steps (asking the customer ...) are anyone's."""
        return self.after in REP_DECISIONS or (
            self.before == self.after and self.touches_decision)


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: datetime
    person_name: str
    status: StoryStatus
    note: str


@dataclass(frozen=True)
class PipelineGroup:
    """One group of the pipeline; ``status`` None is "waiting for my decision"."""

    status: StoryStatus | None
    requests: tuple[StoryRequest, ...]


@dataclass(frozen=True)
class CommunicationInput:
    customer_id: int | None
    occurred_on: date | None
    channel: str
    summary: str
    rep_included: bool = True
    without_rep_reason: str = ""
    request_id: int | None = None


@dataclass(frozen=True)
class Communication:
    id: int
    version: int
    customer_id: int
    customer_name: str
    request_id: int | None
    request_title: str
    occurred_on: date
    channel: str
    summary: str
    rep_included: bool
    without_rep_reason: str
    logged_by_name: str

    def as_input(self) -> CommunicationInput:
        return CommunicationInput(self.customer_id, self.occurred_on, self.channel, self.summary,
                                  self.rep_included, self.without_rep_reason, self.request_id)


@dataclass(frozen=True)
class PlacementInput:
    outlet: str
    placed_on: date | None
    url: str = ""


@dataclass(frozen=True)
class Placement:
    id: int
    version: int
    request_id: int
    request_title: str
    customer_name: str
    outlet: str
    placed_on: date
    url: str
    flag: str

    def as_input(self) -> PlacementInput:
        return PlacementInput(self.outlet, self.placed_on, self.url)


# --------------------------------------------------------------------------- small helpers


def year_ago(today: date) -> date:
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def uses_text(uses: Iterable[StoryKind]) -> str:
    """How approved uses are stored: the kinds' values in workflow order."""
    chosen = {StoryKind(use) for use in uses}
    return ", ".join(kind.value for kind in StoryKind if kind in chosen)


def parse_uses(text: str) -> tuple[frozenset[StoryKind], str]:
    """The kinds an approval allows, and any other conditions the rep wrote in words.

    An approval without any kind among its uses limits no kind.
    """
    kinds: set[StoryKind] = set()
    other: list[str] = []
    for part in re.split(r"[,;\n]", text):
        word = part.strip()
        key = re.sub(r"[\s-]+", "_", word.rstrip(".").lower())
        if key in StoryKind._value2member_map_:
            kinds.add(StoryKind(key))
        elif word:
            other.append(word)
    return frozenset(kinds), ", ".join(other)


def _kinds_text(kinds: Iterable[StoryKind]) -> str:
    names = [KIND_TEXT[kind] for kind in StoryKind if kind in set(kinds)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _names(session, ids: Iterable[int | None]) -> dict[int, str]:  # noqa: ANN001
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    query = select(m.Person.id, m.Person.name).where(m.Person.id.in_(wanted))
    return dict(session.execute(query).all())


def _decision(row: m.StoryRequest) -> Decision:
    return Decision(row.decided_by_id, row.decided_at, row.decision_note, row.allowed_uses,
                    row.approval_ends_on)


def _set_decision(row: m.StoryRequest, decision: Decision) -> None:
    row.decided_by_id = decision.decided_by_id
    row.decided_at = decision.decided_at
    row.decision_note = decision.decision_note
    row.allowed_uses = decision.allowed_uses
    row.approval_ends_on = decision.approval_ends_on


_NO_DECISION = Decision(None, None, "", "", None)


# --------------------------------------------------------------------------- customers


def _recent_counts(session, customer_ids: Iterable[int], today: date) -> dict[int, int]:  # noqa: ANN001
    """Requests per customer written in the twelve months up to ``today``."""
    ids = set(customer_ids)
    if not ids:
        return {}
    since = datetime.combine(year_ago(today), time())
    query = (select(m.StoryRequest.customer_id, func.count())
             .where(m.StoryRequest.customer_id.in_(ids), m.StoryRequest.created_at >= since)
             .group_by(m.StoryRequest.customer_id))
    return dict(session.execute(query).all())


def _last_contacts(session, customer_ids: Iterable[int]) -> dict[int, date]:  # noqa: ANN001
    ids = set(customer_ids)
    if not ids:
        return {}
    query = (select(m.Communication.customer_id, func.max(m.Communication.occurred_on))
             .where(m.Communication.customer_id.in_(ids))
             .group_by(m.Communication.customer_id))
    return dict(session.execute(query).all())


def _to_customers(session, rows: list[m.Customer], today: date) -> list[Customer]:  # noqa: ANN001
    ids = [row.id for row in rows]
    counts = _recent_counts(session, ids, today)
    contacts = _last_contacts(session, ids)
    reps = _names(session, (row.rep_id for row in rows))
    return [Customer(row.id, row.version, row.name, row.industry, row.rep_id,
                     reps.get(row.rep_id, ""), row.notes, counts.get(row.id, 0),
                     contacts.get(row.id)) for row in rows]


def _live_customer(session, customer_id: int | None) -> m.Customer:  # noqa: ANN001
    row = session.get(m.Customer, customer_id) if customer_id is not None else None
    if row is None:
        raise NotFoundError("That customer is no longer in the team file.")
    return row


def _validated_customer(session, data: CustomerInput, customer_id: int | None = None  # noqa: ANN001
                        ) -> CustomerInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("A customer needs a name.", field="name")
    same = select(m.Customer.id).where(func.lower(m.Customer.name) == name.lower(),
                                       m.Customer.id != (customer_id or 0))
    if session.scalars(same).first() is not None:
        raise ValidationError(f"There is already a customer called '{name}'.", field="name")
    if data.rep_id is None:
        raise ValidationError("Choose the sales rep who owns the relationship with this customer.",
                              field="rep_id")
    rep = session.get(m.Person, data.rep_id)
    if rep is None or not rep.active:
        raise ValidationError("That rep is no longer in the team; choose another.", field="rep_id")
    if rep.department != Department.SALES:
        raise ValidationError(
            f"{rep.name} is not in sales; a customer is owned by a sales rep.", field="rep_id")
    return CustomerInput(name, data.rep_id, data.industry.strip(), data.notes.strip())


def list_customers(uow: UnitOfWork, today: date | None = None) -> list[Customer]:
    with uow.read() as session:
        rows = list(session.scalars(select(m.Customer).order_by(func.lower(m.Customer.name))))
        return _to_customers(session, rows, today or date.today())


def get_customer(uow: UnitOfWork, customer_id: int, today: date | None = None) -> Customer:
    with uow.read() as session:
        return _to_customers(session, [_live_customer(session, customer_id)],
                             today or date.today())[0]


def create_customer(uow: UnitOfWork, data: CustomerInput) -> Customer:
    with uow.write() as session:
        data = _validated_customer(session, data)
        row = m.Customer(name=data.name, rep_id=data.rep_id, industry=data.industry,
                         notes=data.notes)
        session.add(row)
        session.flush()
        return _to_customers(session, [row], date.today())[0]


def update_customer(uow: UnitOfWork, customer_id: int, seen_version: int,
                    data: CustomerInput) -> Customer:
    """Save an edit; handing a customer to another rep is for its rep or the team lead."""
    return edit_customer(uow, customer_id, seen_version, data)[1]


def edit_customer(uow: UnitOfWork, customer_id: int, seen_version: int,
                  data: CustomerInput) -> tuple[Customer, Customer]:
    """``update_customer``, with the customer as it was just before: what undo brings back,
    read in the same transaction, so no one else's save can slip in between."""
    with uow.write() as session:
        row = session.get(m.Customer, customer_id)
        expect_version(row, "customers", customer_id, seen_version,
                       {"name": data.name, "rep_id": data.rep_id, "industry": data.industry,
                        "notes": data.notes})
        today = date.today()
        before = _to_customers(session, [row], today)[0]
        data = _validated_customer(session, data, customer_id)
        if data.rep_id != row.rep_id:
            _require_owner_or_lead(session, uow.person_id, row)
        row.name, row.rep_id, row.industry, row.notes = (
            data.name, data.rep_id, data.industry, data.notes)
        session.flush()
        return before, _to_customers(session, [row], today)[0]


def _require_owner_or_lead(session, person_id: int | None, row: m.Customer) -> None:  # noqa: ANN001
    acting = session.get(m.Person, person_id) if person_id is not None else None
    if acting is not None and (acting.id == row.rep_id
                               or acting.department == Department.LEADERSHIP):
        return
    rep = session.get(m.Person, row.rep_id)
    raise ValidationError(
        f"Only {rep.name if rep else 'its rep'}, who owns {row.name}, or the team lead can "
        "hand this customer to another rep.", field="rep_id")


def delete_customer(uow: UnitOfWork, customer_id: int, seen_version: int) -> None:
    """Remove a customer nobody has written to or about yet (the undo of adding one)."""
    with uow.write() as session:
        row = session.get(m.Customer, customer_id)
        expect_version(row, "customers", customer_id, seen_version, {"deleted": True})
        used = (session.scalars(select(m.StoryRequest.id).where(
                    m.StoryRequest.customer_id == customer_id)).first()
                or session.scalars(select(m.Communication.id).where(
                    m.Communication.customer_id == customer_id)).first())
        if used is not None:
            raise ValidationError(
                f"{row.name} has story requests or logged contacts, so it stays on record.")
        session.delete(row)


# --------------------------------------------------------------------------- requests


def _flags(row: m.StoryRequest, kinds: frozenset[StoryKind], placements: list[m.Placement],
           rep_name: str, today: date) -> tuple[str, ...]:
    """Where the request goes beyond what the rep approved: other uses, or past the end date."""
    if row.status not in APPROVED_ONWARDS:
        return ()
    flags: list[str] = []
    if kinds and row.kind not in kinds:
        flags.append(f"{rep_name or 'The rep'} approved only the use as {_kinds_text(kinds)}; "
                     f"this request is for a {KIND_TEXT[StoryKind(row.kind)]}.")
    ends = row.approval_ends_on
    if ends is not None and today > ends and row.status in IN_FLIGHT:
        flags.append(f"The approval ended on {ends.isoformat()}; ask {rep_name or 'the rep'} "
                     "to extend it before going on.")
    decided_on = row.decided_at.date() if row.decided_at else None
    for placement in placements:
        if ends is not None and placement.placed_on > ends:
            flags.append(f"Placed in {placement.outlet} on {placement.placed_on.isoformat()}, "
                         f"after the approval ended on {ends.isoformat()}.")
        elif decided_on is not None and placement.placed_on < decided_on:
            flags.append(f"Placed in {placement.outlet} on {placement.placed_on.isoformat()}, "
                         f"before the rep approved on {decided_on.isoformat()}.")
    return tuple(flags)


def _to_requests(session, rows: list[m.StoryRequest], today: date) -> list[StoryRequest]:  # noqa: ANN001
    customers = {c.id: c for c in session.scalars(
        select(m.Customer).where(m.Customer.id.in_({r.customer_id for r in rows})))}
    names = _names(session, [c.rep_id for c in customers.values()]
                   + [r.requested_by_id for r in rows] + [r.decided_by_id for r in rows])
    counts = _recent_counts(session, customers, today)
    placements: dict[int, list[m.Placement]] = defaultdict(list)
    if rows:
        for placement in session.scalars(select(m.Placement).where(
                m.Placement.request_id.in_([r.id for r in rows])).order_by(m.Placement.placed_on)):
            placements[placement.request_id].append(placement)
    result = []
    for row in rows:
        customer = customers[row.customer_id]
        rep_name = names.get(customer.rep_id, "")
        kinds, conditions = parse_uses(row.allowed_uses)
        result.append(StoryRequest(
            row.id, row.version, customer.id, customer.name, customer.rep_id, rep_name,
            StoryKind(row.kind), row.title, row.what_pr_wants, row.benefit_to_customer,
            row.benefit_to_company, StoryStatus(row.status), row.requested_by_id,
            names.get(row.requested_by_id, "") if row.requested_by_id else "",
            row.decided_by_id, names.get(row.decided_by_id, "") if row.decided_by_id else "",
            row.decided_at, row.decision_note, kinds, conditions, row.approval_ends_on,
            row.card_id, row.created_at, len(placements[row.id]),
            counts.get(customer.id, 0),
            _flags(row, kinds, placements[row.id], rep_name, today)))
    return result


def _live_request(session, request_id: int) -> m.StoryRequest:  # noqa: ANN001
    row = session.get(m.StoryRequest, request_id)
    if row is None:
        raise NotFoundError("That story request has been deleted.")
    return row


def _validated_request(session, data: RequestInput) -> RequestInput:  # noqa: ANN001
    if data.customer_id is None or session.get(m.Customer, data.customer_id) is None:
        raise ValidationError("Choose the customer this request is for.", field="customer_id")
    title = data.title.strip()
    if not title:
        raise ValidationError("A request needs a title.", field="title")
    texts = {}
    for name, message in (
            ("what_pr_wants", "Say exactly what PR wants to do with the customer; the rep "
                              "decides on that."),
            ("benefit_to_customer", "Say how the customer benefits; that is what the rep "
                                    "weighs first."),
            ("benefit_to_company", "Say how the company benefits from this story.")):
        texts[name] = getattr(data, name).strip()
        if not texts[name]:
            raise ValidationError(message, field=name)
    if data.card_id is not None:
        card = session.get(m.Card, data.card_id)
        if card is None or card.deleted_at is not None:
            raise ValidationError("The board card this request belongs to has been deleted.",
                                  field="card_id")
    return RequestInput(data.customer_id, StoryKind(data.kind), title, texts["what_pr_wants"],
                        texts["benefit_to_customer"], texts["benefit_to_company"], data.card_id)


def _request_values(data: RequestInput) -> dict[str, object]:
    return {"customer_id": data.customer_id, "kind": data.kind, "title": data.title,
            "what_pr_wants": data.what_pr_wants, "benefit_to_customer": data.benefit_to_customer,
            "benefit_to_company": data.benefit_to_company, "card_id": data.card_id}


def list_requests(uow: UnitOfWork, customer_id: int | None = None,
                  today: date | None = None) -> list[StoryRequest]:
    """Requests, newest first."""
    query = select(m.StoryRequest).order_by(m.StoryRequest.created_at.desc(),
                                            m.StoryRequest.id.desc())
    if customer_id is not None:
        query = query.where(m.StoryRequest.customer_id == customer_id)
    with uow.read() as session:
        return _to_requests(session, list(session.scalars(query)), today or date.today())


def get_request(uow: UnitOfWork, request_id: int, today: date | None = None) -> StoryRequest:
    with uow.read() as session:
        return _to_requests(session, [_live_request(session, request_id)],
                            today or date.today())[0]


def requests_in_last_year(uow: UnitOfWork, customer_id: int, today: date | None = None) -> int:
    with uow.read() as session:
        return _recent_counts(session, [customer_id], today or date.today()).get(customer_id, 0)


def create_request(uow: UnitOfWork, data: RequestInput) -> StoryRequest:
    """A new draft written by the acting person."""
    with uow.write() as session:
        data = _validated_request(session, data)
        row = m.StoryRequest(**_request_values(data), status=S.DRAFT,
                             requested_by_id=uow.person_id)
        session.add(row)
        session.flush()
        return _to_requests(session, [row], date.today())[0]


def update_request(uow: UnitOfWork, request_id: int, seen_version: int,
                   data: RequestInput) -> StoryRequest:
    """Rewrite a request the rep has not approved as written."""
    return edit_request(uow, request_id, seen_version, data)[1]


def edit_request(uow: UnitOfWork, request_id: int, seen_version: int,
                 data: RequestInput) -> tuple[StoryRequest, StoryRequest]:
    """``update_request``, with the request as it was just before: what undo brings back,
    read in the same transaction, so no one else's save can slip in between."""
    with uow.write() as session:
        row = _live_request(session, request_id)
        expect_version(row, "story_requests", request_id, seen_version,
                       {k: getattr(v, "value", v) for k, v in _request_values(data).items()})
        if row.status not in EDITABLE:
            raise ValidationError(
                f"This request is {STATUS_TEXT[StoryStatus(row.status)]}: the rep approved it as "
                "written, so it can no longer be changed. Write a new request for anything "
                "different.")
        today = date.today()
        before = _to_requests(session, [row], today)[0]
        data = _validated_request(session, data)
        for name, value in _request_values(data).items():
            setattr(row, name, value)
        session.flush()
        return before, _to_requests(session, [row], today)[0]


def delete_request(uow: UnitOfWork, request_id: int, seen_version: int) -> None:
    """Delete a draft; anything the rep has seen stays on record."""
    with uow.write() as session:
        row = _live_request(session, request_id)
        expect_version(row, "story_requests", request_id, seen_version, {"deleted": True})
        if row.status != S.DRAFT:
            raise ValidationError(
                f"Only a draft can be deleted; this request is "
                f"{STATUS_TEXT[StoryStatus(row.status)]} and stays on record.")
        contacts = session.scalar(select(func.count()).select_from(m.Communication)
                                  .where(m.Communication.request_id == request_id))
        if contacts:
            customer = session.get(m.Customer, row.customer_id)
            logged = "a logged contact" if contacts == 1 else f"{contacts} logged contacts"
            raise ValidationError(
                f"'{row.title}' has {logged} with {customer.name} on record, so it stays; "
                "leave it as a draft instead of deleting it.")
        session.delete(row)


# --------------------------------------------------------------------------- the workflow


def _rep_of(session, row: m.StoryRequest) -> tuple[m.Customer, m.Person | None]:  # noqa: ANN001
    customer = session.get(m.Customer, row.customer_id)
    return customer, session.get(m.Person, customer.rep_id)


def _require_rep(session, row: m.StoryRequest, person_id: int | None) -> None:  # noqa: ANN001
    """Only the customer's owning rep decides on a request."""
    customer, rep = _rep_of(session, row)
    rep_name = rep.name if rep else "the rep"
    if person_id is None:
        raise ValidationError(
            f"Say who you are first: only {rep_name}, who owns {customer.name}, can approve or "
            "decline this request.")
    if person_id != customer.rep_id:
        raise ValidationError(
            f"Only {rep_name}, who owns {customer.name}, can approve or decline this request.")


def ensure_decider(uow: UnitOfWork, request_id: int) -> None:
    """Refuse, in words, anyone but the customer's owning rep before they start deciding."""
    with uow.read() as session:
        _require_rep(session, _live_request(session, request_id), uow.person_id)


def _refuse_move(session, row: m.StoryRequest, to: StoryStatus) -> ValidationError:  # noqa: ANN001
    current = StoryStatus(row.status)
    customer, rep = _rep_of(session, row)
    rep_name = rep.name if rep else "the rep"
    if to == current:
        return ValidationError(f"This request is already {STATUS_TEXT[current]}.")
    if to == S.CUSTOMER_ASKED and current == S.DECLINED_BY_REP:
        return ValidationError(f"{rep_name} declined this request, so nothing goes to "
                               f"{customer.name}.")
    if to == S.CUSTOMER_ASKED and current not in APPROVED_ONWARDS:
        return ValidationError(
            f"Nothing goes to {customer.name} before {rep_name} approves the request; it is "
            f"still {STATUS_TEXT[current]}.")
    allowed = [STATUS_TEXT[s] for s in StoryStatus if s in TRANSITIONS[current]]
    if not allowed:
        return ValidationError(f"This request is {STATUS_TEXT[current]}; it goes no further.")
    return ValidationError(f"A request that is {STATUS_TEXT[current]} cannot become "
                           f"{STATUS_TEXT[to]}; next it can be {' or '.join(allowed)}.")


def _check_approval_still_holds(session, row: m.StoryRequest, today: date) -> None:  # noqa: ANN001
    customer, rep = _rep_of(session, row)
    rep_name = rep.name if rep else "the rep"
    if row.decided_by_id != customer.rep_id:
        raise ValidationError(
            f"{customer.name} now belongs to {rep_name}, who has not approved this request; "
            f"ask {rep_name} to approve it before contacting the customer.")
    if row.approval_ends_on is not None and row.approval_ends_on < today:
        raise ValidationError(
            f"{rep_name}'s approval ended on {row.approval_ends_on.isoformat()}; ask them to "
            "extend it before contacting the customer.")


def _approval(row: m.StoryRequest, person_id: int, note: str, uses: Iterable[StoryKind],
              ends_on: date | None, today: date) -> Decision:
    if ends_on is not None and ends_on < today:
        raise ValidationError("An approval cannot end in the past; choose a later end date or "
                              "none.", field="approval_ends_on")
    return Decision(person_id, utcnow(), note.strip(), uses_text(uses), ends_on)


def _decision_for(session, row: m.StoryRequest, to: StoryStatus, person_id: int | None,  # noqa: ANN001
                  note: str, uses: Iterable[StoryKind], ends_on: date | None,
                  today: date) -> Decision:
    """The decision columns after moving ``row`` to ``to``."""
    if to in REP_DECISIONS:
        _require_rep(session, row, person_id)
        assert person_id is not None
        if to == S.DECLINED_BY_REP:
            if not note.strip():
                raise ValidationError("Say why you decline, so PR knows what to change or when "
                                      "to ask again.", field="decision_note")
            return Decision(person_id, utcnow(), note.strip(), "", None)
        return _approval(row, person_id, note, uses, ends_on, today)
    if to == S.DRAFT:
        return _NO_DECISION  # a rewritten request gets a fresh decision
    return _decision(row)


def _attempted(status: StoryStatus, decision: Decision) -> dict[str, object]:
    """What a workflow step writes, for ``expect_version`` to weigh against others' saves."""
    return {"status": status.value, "decided_by_id": decision.decided_by_id,
            "decided_at": decision.decided_at, "decision_note": decision.decision_note,
            "allowed_uses": decision.allowed_uses, "approval_ends_on": decision.approval_ends_on}


def move_request(uow: UnitOfWork, request_id: int, seen_version: int, to: StoryStatus, *,
                 note: str = "", uses: Iterable[StoryKind] = (), ends_on: date | None = None,
                 today: date | None = None) -> StatusChange:
    """Take one step of the workflow (``TRANSITIONS``); the rep's steps are the rep's alone.

    The rules are checked against the request as it is now, so a person who saw an
    older version learns what happened meanwhile ("declined by the rep") in words.
    """
    to = StoryStatus(to)
    today = today or date.today()
    with uow.write() as session:
        row = _live_request(session, request_id)
        before, decision_before = StoryStatus(row.status), _decision(row)
        if to not in TRANSITIONS[before]:
            raise _refuse_move(session, row, to)
        if to == S.CUSTOMER_ASKED:
            _check_approval_still_holds(session, row, today)
        decision = _decision_for(session, row, to, uow.person_id, note, uses, ends_on, today)
        expect_version(row, "story_requests", request_id, seen_version, _attempted(to, decision))
        row.status = to
        _set_decision(row, decision)
        session.flush()
        return StatusChange(row.id, row.title, before, to, decision_before, decision, row.version)


def approve(uow: UnitOfWork, request_id: int, seen_version: int, *, note: str = "",
            uses: Iterable[StoryKind] = (), ends_on: date | None = None,
            today: date | None = None) -> StatusChange:
    """The rep's yes, optionally limited to some uses and an end date."""
    return move_request(uow, request_id, seen_version, S.APPROVED, note=note, uses=uses,
                        ends_on=ends_on, today=today)


def decline(uow: UnitOfWork, request_id: int, seen_version: int, note: str) -> StatusChange:
    return move_request(uow, request_id, seen_version, S.DECLINED_BY_REP, note=note)


def renew_approval(uow: UnitOfWork, request_id: int, seen_version: int, *, note: str = "",
                   uses: Iterable[StoryKind] = (), ends_on: date | None = None,
                   today: date | None = None) -> StatusChange:
    """The rep changes the limits of an approval given earlier (other uses, a new end date)."""
    today = today or date.today()
    with uow.write() as session:
        row = _live_request(session, request_id)
        status = StoryStatus(row.status)
        if status not in APPROVED_ONWARDS:
            raise ValidationError(f"This request is {STATUS_TEXT[status]}; there is no approval "
                                  "to change yet.")
        _require_rep(session, row, uow.person_id)
        assert uow.person_id is not None
        before = _decision(row)
        decision = _approval(row, uow.person_id, note, uses, ends_on, today)
        expect_version(row, "story_requests", request_id, seen_version,
                       _attempted(status, decision))
        _set_decision(row, decision)
        session.flush()
        return StatusChange(row.id, row.title, status, status, before, decision, row.version)


def _swap(uow: UnitOfWork, change: StatusChange, seen_version: int, forward: bool) -> StatusChange:
    expected, target = (change.before, change.after) if forward else (change.after, change.before)
    decision = change.decision_after if forward else change.decision_before
    with uow.write() as session:
        row = _live_request(session, change.request_id)
        if row.status != expected or _decision(row) != (
                change.decision_before if forward else change.decision_after):
            raise ValidationError(
                f"The request is {STATUS_TEXT[StoryStatus(row.status)]} by now and others "
                "changed it meanwhile, so that step cannot be undone or redone.")
        if change.is_rep_decision:
            _require_rep(session, row, uow.person_id)
        expect_version(row, "story_requests", change.request_id, seen_version,
                       _attempted(target, decision))
        row.status = target
        _set_decision(row, decision)
        session.flush()
        return StatusChange(change.request_id, change.title, change.before, change.after,
                            change.decision_before, change.decision_after, row.version)


def undo_status_change(uow: UnitOfWork, change: StatusChange, seen_version: int) -> StatusChange:
    """Put the request back as it was before ``change`` (the rep's decisions only by the rep)."""
    return _swap(uow, change, seen_version, forward=False)


def redo_status_change(uow: UnitOfWork, change: StatusChange, seen_version: int) -> StatusChange:
    return _swap(uow, change, seen_version, forward=True)


def request_history(uow: UnitOfWork, request_id: int) -> list[HistoryEntry]:
    """Every status the request went through, with who and when (from the change log)."""
    log = m.ChangeLogEntry
    query = (select(log).where(log.table_name == "story_requests", log.row_id == request_id)
             .order_by(log.id))
    with uow.read() as session:
        row = _live_request(session, request_id)
        entries = list(session.scalars(query))
        names = _names(session, (entry.person_id for entry in entries))
        steps = [entry for entry in entries if "status" in (entry.changes or {})]
        history = []
        for entry in entries:
            if entry.operation == ChangeOperation.INSERT:  # written in the status it left first
                status = StoryStatus(steps[0].changes["status"][0] if steps else row.status)
                note = ""
            elif entry in steps:
                status = StoryStatus(entry.changes["status"][1])
                note = (entry.changes.get("decision_note") or ["", ""])[1] or ""
            else:
                continue
            history.append(HistoryEntry(entry.changed_at, names.get(entry.person_id, "")
                                        if entry.person_id else "", status, note))
        return history


def pipeline(uow: UnitOfWork, person_id: int | None,
             today: date | None = None) -> list[PipelineGroup]:
    """The requests by status in workflow order; for a sales rep, what waits for them first."""
    requests = list_requests(uow, today=today)
    by_status: dict[StoryStatus, list[StoryRequest]] = defaultdict(list)
    for request in requests:
        by_status[request.status].append(request)
    groups = [PipelineGroup(status, tuple(by_status[status])) for status in StoryStatus]
    if person_id is not None and _is_rep(uow, person_id):
        mine = tuple(r for r in by_status[S.AWAITING_REP] if r.rep_id == person_id)
        groups.insert(0, PipelineGroup(None, mine))
    return groups


def _is_rep(uow: UnitOfWork, person_id: int) -> bool:
    with uow.read() as session:
        person = session.get(m.Person, person_id)
        owns = session.scalars(select(m.Customer.id).where(m.Customer.rep_id == person_id)).first()
        return owns is not None or (person is not None and person.department == Department.SALES)


# --------------------------------------------------------------------------- communications


def _to_communications(session, rows: list[m.Communication]) -> list[Communication]:  # noqa: ANN001
    customers = dict(session.execute(select(m.Customer.id, m.Customer.name).where(
        m.Customer.id.in_({r.customer_id for r in rows}))).all()) if rows else {}
    request_ids = {r.request_id for r in rows if r.request_id}
    titles = dict(session.execute(select(m.StoryRequest.id, m.StoryRequest.title).where(
        m.StoryRequest.id.in_(request_ids))).all()) if request_ids else {}
    names = _names(session, (r.logged_by_id for r in rows))
    return [Communication(r.id, r.version, r.customer_id, customers.get(r.customer_id, ""),
                          r.request_id, titles.get(r.request_id, "") if r.request_id else "",
                          r.occurred_on, r.channel, r.summary, r.rep_included,
                          r.without_rep_reason,
                          names.get(r.logged_by_id, "") if r.logged_by_id else "")
            for r in rows]


def _validated_communication(session, data: CommunicationInput,  # noqa: ANN001
                             today: date) -> CommunicationInput:
    if data.occurred_on is None:
        raise ValidationError("A communication needs the date it happened.", field="occurred_on")
    if data.occurred_on > today:
        raise ValidationError("A communication cannot be dated in the future; log it once it "
                              "has happened.", field="occurred_on")
    customer = session.get(m.Customer, data.customer_id) if data.customer_id is not None else None
    if customer is None:
        raise ValidationError("Choose the customer you were in touch with.", field="customer_id")
    channel, summary = data.channel.strip(), data.summary.strip()
    if not channel:
        raise ValidationError("Say how you were in touch: email, call, meeting …", field="channel")
    if not summary:
        raise ValidationError("Write a short summary of what was said.", field="summary")
    if data.request_id is not None:
        _check_request_may_reach_customer(session, data.request_id, customer)
    reason = "" if data.rep_included else data.without_rep_reason.strip()
    if not data.rep_included and not reason:
        rep = session.get(m.Person, customer.rep_id)
        raise ValidationError(
            f"{rep.name if rep else 'The rep'} was not included: say why. The reason is kept with "
            "the log.", field="without_rep_reason")
    return CommunicationInput(customer.id, data.occurred_on, channel, summary, data.rep_included,
                              reason, data.request_id)


def _check_request_may_reach_customer(session, request_id: int, customer: m.Customer) -> None:  # noqa: ANN001
    request = _live_request(session, request_id)
    if request.customer_id != customer.id:
        raise ValidationError(f"That request is for another customer, not {customer.name}.",
                              field="request_id")
    if request.status not in APPROVED_ONWARDS:
        rep = session.get(m.Person, customer.rep_id)
        raise ValidationError(
            f"Nothing goes to {customer.name} before {rep.name if rep else 'the rep'} approves "
            f"'{request.title}'; it is still {STATUS_TEXT[StoryStatus(request.status)]}.",
            field="request_id")


def log_communication(uow: UnitOfWork, data: CommunicationInput,
                      today: date | None = None) -> Communication:
    """Log a contact with a customer; one without the rep keeps the reason why."""
    with uow.write() as session:
        row = insert_communication(session, data, uow.person_id, today or date.today())
        return _to_communications(session, [row])[0]


def insert_communication(session, data: CommunicationInput, person_id: int | None,  # noqa: ANN001
                         today: date) -> m.Communication:
    """``log_communication`` inside a write another step runs (a signal's contact)."""
    data = _validated_communication(session, data, today)
    row = m.Communication(customer_id=data.customer_id, request_id=data.request_id,
                          occurred_on=data.occurred_on, channel=data.channel,
                          summary=data.summary, rep_included=data.rep_included,
                          without_rep_reason=data.without_rep_reason, logged_by_id=person_id)
    session.add(row)
    session.flush()
    return row


def list_communications(uow: UnitOfWork, customer_id: int | None = None,
                        request_id: int | None = None) -> list[Communication]:
    """Contacts, newest first."""
    query = select(m.Communication).order_by(m.Communication.occurred_on.desc(),
                                             m.Communication.id.desc())
    if customer_id is not None:
        query = query.where(m.Communication.customer_id == customer_id)
    if request_id is not None:
        query = query.where(m.Communication.request_id == request_id)
    with uow.read() as session:
        return _to_communications(session, list(session.scalars(query)))


def delete_communication(uow: UnitOfWork, communication_id: int, seen_version: int) -> None:
    with uow.write() as session:
        row = session.get(m.Communication, communication_id)
        expect_version(row, "communications", communication_id, seen_version, {"deleted": True})
        session.delete(row)


# --------------------------------------------------------------------------- placements


def _placement_flag(placement: m.Placement, request: m.StoryRequest) -> str:
    ends = request.approval_ends_on
    if ends is not None and placement.placed_on > ends:
        return f"After the approval ended on {ends.isoformat()}"
    if request.decided_at is not None and placement.placed_on < request.decided_at.date():
        return "Before the rep approved"
    return ""


def _to_placements(session, rows: list[m.Placement]) -> list[Placement]:  # noqa: ANN001
    result = []
    for row in rows:
        request = row.request
        customer = session.get(m.Customer, request.customer_id)
        result.append(Placement(row.id, row.version, row.request_id, request.title,
                                customer.name if customer else "", row.outlet, row.placed_on,
                                row.url, _placement_flag(row, request)))
    return result


def _validated_placement(data: PlacementInput) -> PlacementInput:
    outlet = data.outlet.strip()
    if not outlet:
        raise ValidationError("Say where the story appeared: the outlet or the event.",
                              field="outlet")
    if data.placed_on is None:
        raise ValidationError("A placement needs the date it appeared.", field="placed_on")
    url = data.url.strip()
    if url and not _URL.match(url):
        raise ValidationError("A link must start with http:// or https://.", field="url")
    return PlacementInput(outlet, data.placed_on, url)


def add_placement(uow: UnitOfWork, request_id: int, data: PlacementInput) -> Placement:
    """Record where a story the customer agreed to appeared; it counts in the results."""
    data = _validated_placement(data)
    with uow.write() as session:
        request = _live_request(session, request_id)
        if request.status not in PLACEABLE:
            raise ValidationError(
                "Only a story the customer agreed to can be placed; this request is "
                f"{STATUS_TEXT[StoryStatus(request.status)]}.")
        row = m.Placement(outlet=data.outlet, placed_on=data.placed_on, url=data.url)
        request.placements.append(row)
        session.flush()
        return _to_placements(session, [row])[0]


def list_placements(uow: UnitOfWork, request_id: int | None = None, start: date | None = None,
                    end: date | None = None) -> list[Placement]:
    """Placements, newest first; ``start``/``end`` bound the date (both included)."""
    query = select(m.Placement).order_by(m.Placement.placed_on.desc(), m.Placement.id.desc())
    if request_id is not None:
        query = query.where(m.Placement.request_id == request_id)
    if start is not None:
        query = query.where(m.Placement.placed_on >= start)
    if end is not None:
        query = query.where(m.Placement.placed_on <= end)
    with uow.read() as session:
        return _to_placements(session, list(session.scalars(query)))


def count_placements(uow: UnitOfWork, start: date, end: date) -> int:
    """Customer stories placed in a period, for the results and the business case."""
    query = (select(func.count()).select_from(m.Placement)
             .where(m.Placement.placed_on >= start, m.Placement.placed_on <= end))
    with uow.read() as session:
        return int(session.scalar(query) or 0)


def delete_placement(uow: UnitOfWork, placement_id: int, seen_version: int) -> None:
    with uow.write() as session:
        row = session.get(m.Placement, placement_id)
        expect_version(row, "placements", placement_id, seen_version, {"deleted": True})
        session.delete(row)



# --------------------------------------------------------------------------- approvals used elsewhere


def _uses_of(row: m.StoryRequest) -> frozenset[StoryKind]:
    """What an approved request may be used as: the uses the rep allowed, else its own kind."""
    kinds, _conditions = parse_uses(row.allowed_uses)
    return kinds or frozenset({StoryKind(row.kind)})


def covering_approval(session, customer_id: int, uses: Iterable[StoryKind],  # noqa: ANN001
                      on: date, purpose: str) -> m.StoryRequest:
    """The customer's request whose standing approval covers one of ``uses`` on day ``on``.

    The rules are the workflow's own: approved (and not declined since) by the customer's
    owning rep, not ended by ``on``, and allowing the use. Otherwise a refusal that says
    what is missing and who decides; ``purpose`` is what the approval is needed for.
    """
    customer = session.get(m.Customer, customer_id)
    if customer is None:
        raise NotFoundError("That customer has been deleted.")
    wanted = frozenset(StoryKind(use) for use in uses)
    rep = session.get(m.Person, customer.rep_id)
    rep_name = rep.name if rep else "the rep"
    rows = session.scalars(select(m.StoryRequest).where(
        m.StoryRequest.customer_id == customer_id,
        m.StoryRequest.status.in_(APPROVED_ONWARDS - {S.CUSTOMER_DECLINED}))
        .order_by(m.StoryRequest.decided_at.desc(), m.StoryRequest.id.desc())).all()
    ended: m.StoryRequest | None = None
    for row in rows:
        if row.decided_by_id != customer.rep_id or not (_uses_of(row) & wanted):
            continue
        if row.approval_ends_on is not None and row.approval_ends_on < on:
            ended = ended or row
            continue
        return row
    if ended is not None:
        raise ValidationError(
            f"{rep_name}'s approval of '{ended.title}' ended on "
            f"{ended.approval_ends_on.isoformat()}; ask them to extend it before {purpose}.",
            field="customer_id")
    raise ValidationError(
        f"{customer.name} may be named only with {rep_name}'s approval: {purpose} needs an "
        f"approved story request for the use as {_kinds_text(wanted)}. Ask {rep_name} on the "
        "Customer stories page.", field="customer_id")
