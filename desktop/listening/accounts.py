"""Accounts as listening sees them: the customers and prospects with their identifiers,
contacts and opportunities. The account is the customer of customer stories, so it
has one owning rep for both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from db import models as m
from db.enums import AccountKind, IdentifierKind
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError
from desktop.listening.identifiers import normalise


@dataclass(frozen=True)
class Identifier:
    id: int
    customer_id: int
    kind: IdentifierKind
    platform: str
    value: str
    contact_id: int | None

    @property
    def text(self) -> str:
        return f"@{self.value} on {self.platform}" if self.kind == IdentifierKind.HANDLE \
            else self.value


@dataclass(frozen=True)
class Account:
    id: int
    version: int
    name: str
    kind: AccountKind
    crm_ref: str
    do_not_route: bool
    rep_id: int
    rep_name: str
    identifiers: tuple[Identifier, ...]


@dataclass(frozen=True)
class OpportunityView:
    id: int
    version: int
    customer_id: int
    account_name: str
    signal_id: int | None
    reference: str
    amount: float
    stage: str
    opened_on: date | None
    won_on: date | None
    won_amount: float | None


def _identifier(row: m.AccountIdentifier) -> Identifier:
    return Identifier(row.id, row.customer_id, IdentifierKind(row.kind), row.platform, row.value,
                      row.contact_id)


def list_accounts(uow: UnitOfWork) -> list[Account]:
    with uow.read() as session:
        people = dict(session.execute(select(m.Person.id, m.Person.name)).all())
        idents: dict[int, list[Identifier]] = {}
        for row in session.scalars(select(m.AccountIdentifier).order_by(m.AccountIdentifier.id)):
            idents.setdefault(row.customer_id, []).append(_identifier(row))
        return [Account(c.id, c.version, c.name, AccountKind(c.kind), c.crm_ref, c.do_not_route,
                        c.rep_id, people.get(c.rep_id, ""), tuple(idents.get(c.id, ())))
                for c in session.scalars(select(m.Customer).order_by(func.lower(m.Customer.name)))]


def set_account(uow: UnitOfWork, customer_id: int, seen_version: int, *, kind: AccountKind,
                crm_ref: str = "", do_not_route: bool = False) -> None:
    with uow.write() as session:
        row = session.get(m.Customer, customer_id)
        values = {"kind": AccountKind(kind).value, "crm_ref": crm_ref.strip(),
                  "do_not_route": do_not_route}
        expect_version(row, "customers", customer_id, seen_version, values)
        row.kind, row.crm_ref, row.do_not_route = AccountKind(kind), crm_ref.strip(), do_not_route


def add_identifier(uow: UnitOfWork, customer_id: int, kind: IdentifierKind, value: str,
                   platform: str = "", contact_id: int | None = None) -> Identifier:
    """Add a normalised identifier; one that already names an account is refused, by name."""
    platform, value = normalise(kind, value, platform)
    with uow.write() as session:
        if session.get(m.Customer, customer_id) is None:
            raise NotFoundError("That account is no longer in the team file.")
        ident = m.AccountIdentifier
        taken = session.scalar(select(ident).where(ident.kind == IdentifierKind(kind),
                                                   ident.platform == platform,
                                                   ident.value == value))
        if taken is not None:
            owner = session.get(m.Customer, taken.customer_id)
            raise ValidationError(f"'{value}' already identifies {owner.name}.", field="value")
        row = ident(customer_id=customer_id, kind=IdentifierKind(kind), platform=platform,
                    value=value, contact_id=contact_id)
        session.add(row)
        session.flush()
        return _identifier(row)


def remove_identifier(uow: UnitOfWork, identifier_id: int) -> None:
    with uow.write() as session:
        row = session.get(m.AccountIdentifier, identifier_id)
        if row is not None:
            session.delete(row)


def add_contact(uow: UnitOfWork, customer_id: int, name: str, role: str = "", email: str = "",
                handles: tuple[tuple[str, str], ...] = ()) -> int:
    """A known person at the account, with their email and handles as identifiers."""
    if not name.strip():
        raise ValidationError("A contact needs a name.", field="name")
    with uow.write() as session:
        contact = m.AccountContact(customer_id=customer_id, name=name.strip(),
                                   role=role.strip(), email=email.strip().lower())
        session.add(contact)
        session.flush()
        found = [(IdentifierKind.CONTACT, "", email)] if email.strip() else []
        found += [(IdentifierKind.HANDLE, platform, handle) for platform, handle in handles]
        for kind, platform, value in found:
            platform, value = normalise(kind, value, platform)
            session.add(m.AccountIdentifier(customer_id=customer_id, kind=kind,
                                            platform=platform, value=value,
                                            contact_id=contact.id))
        session.flush()
        return contact.id


def _opportunity(row: m.Opportunity, name: str) -> OpportunityView:
    return OpportunityView(row.id, row.version, row.customer_id, name, row.signal_id,
                           row.reference, row.amount, row.stage, row.opened_on, row.won_on,
                           row.won_amount)


def list_opportunities(uow: UnitOfWork, customer_id: int | None = None) -> list[OpportunityView]:
    query = (select(m.Opportunity, m.Customer.name)
             .join(m.Customer, m.Customer.id == m.Opportunity.customer_id)
             .order_by(m.Opportunity.id.desc()))
    if customer_id is not None:
        query = query.where(m.Opportunity.customer_id == customer_id)
    with uow.read() as session:
        return [_opportunity(row, name) for row, name in session.execute(query)]


def mark_won(uow: UnitOfWork, opportunity_id: int, seen_version: int, won_on: date,
             won_amount: float) -> OpportunityView:
    if won_amount < 0:
        raise ValidationError("A won amount cannot be negative.", field="won_amount")
    with uow.write() as session:
        row = session.get(m.Opportunity, opportunity_id)
        expect_version(row, "opportunities", opportunity_id, seen_version,
                       {"won_on": won_on, "won_amount": won_amount, "stage": "won"})
        row.won_on, row.won_amount, row.stage = won_on, won_amount, "won"
        session.flush()
        name = session.get(m.Customer, row.customer_id).name
        return _opportunity(row, name)
