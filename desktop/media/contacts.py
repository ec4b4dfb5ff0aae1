"""Outlets and media contacts, the do-not-contact mark, and the names in coverage records
that point at them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from db import models as m
from db.enums import ContactKind, PitchState
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError

TIERS = (1, 2, 3)
#: Recipient states that count as an answer, and as coverage, in a contact's rates.
REPLIED_STATES = frozenset({PitchState.REPLIED, PitchState.INTERESTED, PitchState.COVERED,
                            PitchState.DECLINED})
#: States of a pitch that reached the contact (a draft did not).
SENT_STATES = frozenset(PitchState) - {PitchState.DRAFTED}
KIND_TEXT: dict[ContactKind, str] = {
    ContactKind.JOURNALIST: "journalist", ContactKind.EDITOR: "editor",
    ContactKind.PODCASTER: "podcaster", ContactKind.CREATOR: "creator",
}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class OutletInput:
    name: str
    tier: int = 2
    audience_size: int | None = None
    audience_source: str = ""
    topics: str = ""
    web_domain: str = ""


@dataclass(frozen=True)
class Outlet:
    id: int
    version: int
    name: str
    tier: int
    audience_size: int | None
    audience_source: str
    topics: str
    web_domain: str
    contact_count: int = 0

    def as_input(self) -> OutletInput:
        return OutletInput(self.name, self.tier, self.audience_size, self.audience_source,
                           self.topics, self.web_domain)


@dataclass(frozen=True)
class ContactInput:
    name: str
    outlet_id: int | None = None
    kind: ContactKind = ContactKind.JOURNALIST
    beat: str = ""
    email: str = ""
    x_handle: str = ""
    linkedin: str = ""
    preferred_channel: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Contact:
    id: int
    version: int
    name: str
    outlet_id: int | None
    outlet_name: str
    outlet_tier: int | None
    kind: ContactKind
    beat: str
    email: str
    x_handle: str
    linkedin: str
    preferred_channel: str
    notes: str
    do_not_contact: bool
    do_not_contact_reason: str
    do_not_contact_on: date | None
    do_not_contact_by: str
    pitched: int = 0  # pitches that reached the contact
    replied: int = 0
    covered: int = 0
    last_pitched_on: date | None = None

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.pitched if self.pitched else None

    @property
    def coverage_rate(self) -> float | None:
        return self.covered / self.pitched if self.pitched else None

    def as_input(self) -> ContactInput:
        return ContactInput(self.name, self.outlet_id, self.kind, self.beat, self.email,
                            self.x_handle, self.linkedin, self.preferred_channel, self.notes)


# --------------------------------------------------------------------------- outlets


def normal_domain(text: str) -> str:
    """``https://www.Example.org/news`` -> ``example.org``: how domains are compared."""
    host = re.sub(r"^[a-z]+://", "", text.strip().lower()).split("/")[0].split(":")[0]
    return host.removeprefix("www.")


def normal_name(text: str) -> str:
    """A name as compared across files: case, accents' spacing and punctuation aside."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _clean_outlet(data: OutletInput) -> OutletInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("An outlet needs a name.", field="name")
    if data.tier not in TIERS:
        raise ValidationError("The tier is 1 (most wanted), 2 or 3.", field="tier")
    if data.audience_size is not None and data.audience_size < 0:
        raise ValidationError("An audience cannot be smaller than nobody.", field="audience_size")
    return OutletInput(name, int(data.tier), data.audience_size, data.audience_source.strip(),
                       data.topics.strip(), normal_domain(data.web_domain))


def _to_outlet(row: m.Outlet, contacts: int = 0) -> Outlet:
    return Outlet(row.id, row.version, row.name, row.tier, row.audience_size,
                  row.audience_source, row.topics, row.web_domain, contacts)


def _apply_outlet(row: m.Outlet, data: OutletInput) -> None:
    row.name, row.tier, row.audience_size = data.name, data.tier, data.audience_size
    row.audience_source, row.topics, row.web_domain = (data.audience_source, data.topics,
                                                       data.web_domain)


def insert_outlet(session, data: OutletInput) -> m.Outlet:  # noqa: ANN001
    row = m.Outlet()
    _apply_outlet(row, _clean_outlet(data))
    session.add(row)
    session.flush()
    return row


def create_outlet(uow: UnitOfWork, data: OutletInput) -> Outlet:
    _clean_outlet(data)
    with uow.write() as session:
        return _to_outlet(insert_outlet(session, data))


def update_outlet(uow: UnitOfWork, outlet_id: int, seen_version: int,
                  data: OutletInput) -> tuple[Outlet, Outlet]:
    """Save an edit; returns the outlet before and after, for undo."""
    data = _clean_outlet(data)
    with uow.write() as session:
        row = session.get(m.Outlet, outlet_id)
        if row is None:
            raise NotFoundError("That outlet has been deleted.")
        before = _to_outlet(row)
        expect_version(row, "outlets", outlet_id, seen_version, vars(data))
        _apply_outlet(row, data)
        session.flush()
        return before, _to_outlet(row)


def list_outlets(uow: UnitOfWork) -> list[Outlet]:
    """Every outlet, tier 1 first, with how many of its people are on the list."""
    counts = (select(m.MediaContact.outlet_id, func.count())
              .group_by(m.MediaContact.outlet_id))
    with uow.read() as session:
        per = dict(session.execute(counts).all())
        rows = session.scalars(select(m.Outlet).order_by(m.Outlet.tier, m.Outlet.name)).all()
        return [_to_outlet(row, per.get(row.id, 0)) for row in rows]


def delete_outlet(uow: UnitOfWork, outlet_id: int) -> None:
    """Take back an outlet nobody on the list writes for (undo of its creation)."""
    with uow.write() as session:
        row = session.get(m.Outlet, outlet_id)
        if row is None:
            return
        if session.scalar(select(func.count()).where(m.MediaContact.outlet_id == outlet_id)):
            raise ValidationError(f"People on the media list write for {row.name}; move them "
                                  "to another outlet first.")
        session.delete(row)


# --------------------------------------------------------------------------- contacts


def _clean_contact(session, data: ContactInput) -> ContactInput:  # noqa: ANN001
    name = data.name.strip()
    if not name:
        raise ValidationError("A contact needs a name.", field="name")
    email = data.email.strip()
    if email and not EMAIL_PATTERN.match(email):
        raise ValidationError(f"'{email}' is not an email address.", field="email")
    if data.outlet_id is not None and session.get(m.Outlet, data.outlet_id) is None:
        raise ValidationError("The chosen outlet has been deleted.", field="outlet_id")
    handle = data.x_handle.strip()
    if handle and not handle.startswith("@") and "/" not in handle:
        handle = "@" + handle
    return ContactInput(name, data.outlet_id, ContactKind(data.kind), data.beat.strip(), email,
                        handle, data.linkedin.strip(), data.preferred_channel.strip(),
                        data.notes)


def _apply_contact(row: m.MediaContact, data: ContactInput) -> None:
    row.name, row.outlet_id, row.kind, row.beat = data.name, data.outlet_id, data.kind, data.beat
    row.email, row.x_handle, row.linkedin = data.email, data.x_handle, data.linkedin
    row.preferred_channel, row.notes = data.preferred_channel, data.notes


def _pitch_counts(session, contact_ids: list[int]) -> dict[int, tuple[int, int, int, date]]:  # noqa: ANN001
    """Per contact: pitches that reached them, answered, covered, and the last one's day."""
    r = m.PitchRecipient
    query = (select(r.contact_id, r.state, func.count(), func.max(m.Pitch.pitched_on))
             .join(m.Pitch, m.Pitch.id == r.pitch_id)
             .where(r.contact_id.in_(contact_ids), r.state != PitchState.DRAFTED)
             .group_by(r.contact_id, r.state))
    found: dict[int, list] = {}
    for contact_id, state, count, last in session.execute(query):
        entry = found.setdefault(contact_id, [0, 0, 0, last])
        entry[0] += count
        entry[1] += count if PitchState(state) in REPLIED_STATES else 0
        entry[2] += count if PitchState(state) == PitchState.COVERED else 0
        entry[3] = max(entry[3], last)
    return {key: tuple(value) for key, value in found.items()}


def _to_contacts(session, rows: list[m.MediaContact]) -> list[Contact]:  # noqa: ANN001
    outlets = {o.id: o for o in session.scalars(select(m.Outlet).where(
        m.Outlet.id.in_({r.outlet_id for r in rows if r.outlet_id is not None})))}
    people = dict(session.execute(select(m.Person.id, m.Person.name).where(
        m.Person.id.in_({r.do_not_contact_by_id for r in rows if r.do_not_contact_by_id}))).all())
    counts: dict[int, tuple[int, int, int, date]] = {}
    ids = [r.id for r in rows]
    for start in range(0, len(ids), 500):
        counts.update(_pitch_counts(session, ids[start:start + 500]))
    result = []
    for row in rows:
        outlet = outlets.get(row.outlet_id) if row.outlet_id else None
        pitched, replied, covered, last = counts.get(row.id, (0, 0, 0, None))
        result.append(Contact(
            row.id, row.version, row.name, row.outlet_id, outlet.name if outlet else "",
            outlet.tier if outlet else None, ContactKind(row.kind), row.beat, row.email,
            row.x_handle, row.linkedin, row.preferred_channel, row.notes, row.do_not_contact,
            row.do_not_contact_reason, row.do_not_contact_on,
            people.get(row.do_not_contact_by_id, ""), pitched, replied, covered, last))
    return result


def live_contact(session, contact_id: int) -> m.MediaContact:  # noqa: ANN001
    row = session.get(m.MediaContact, contact_id)
    if row is None:
        raise NotFoundError("That media contact has been deleted.")
    return row


def insert_contact(session, data: ContactInput) -> m.MediaContact:  # noqa: ANN001
    row = m.MediaContact()
    _apply_contact(row, _clean_contact(session, data))
    session.add(row)
    session.flush()
    return row


def create_contact(uow: UnitOfWork, data: ContactInput) -> Contact:
    with uow.write() as session:
        return _to_contacts(session, [insert_contact(session, data)])[0]


def update_contact(uow: UnitOfWork, contact_id: int, seen_version: int,
                   data: ContactInput) -> tuple[Contact, Contact]:
    """Save an edit; returns the contact before and after, for undo."""
    with uow.write() as session:
        row = live_contact(session, contact_id)
        data = _clean_contact(session, data)
        before = _to_contacts(session, [row])[0]
        expect_version(row, "media_contacts", contact_id, seen_version, vars(data))
        _apply_contact(row, data)
        session.flush()
        return before, _to_contacts(session, [row])[0]


def delete_contact(uow: UnitOfWork, contact_id: int) -> None:
    """Take back a contact never pitched (undo of its creation or import)."""
    with uow.write() as session:
        row = session.get(m.MediaContact, contact_id)
        if row is None:
            return
        if session.scalar(select(func.count()).where(m.PitchRecipient.contact_id == contact_id)):
            raise ValidationError(f"{row.name} has been pitched; the history stays, so the "
                                  "contact does too. Mark them do-not-contact instead.")
        session.delete(row)


def list_contacts(uow: UnitOfWork) -> list[Contact]:
    """The media list by name, each with their pitches' reply and coverage rates."""
    with uow.read() as session:
        rows = session.scalars(select(m.MediaContact).order_by(m.MediaContact.name)).all()
        return _to_contacts(session, list(rows))


def get_contact(uow: UnitOfWork, contact_id: int) -> Contact:
    with uow.read() as session:
        return _to_contacts(session, [live_contact(session, contact_id)])[0]


def set_do_not_contact(uow: UnitOfWork, contact_id: int, seen_version: int, *, on: bool,
                       reason: str = "", today: date | None = None) -> tuple[Contact, Contact]:
    """Mark (or unmark) a contact do-not-contact; marking keeps the reason, day and who."""
    reason = reason.strip()
    if on and not reason:
        raise ValidationError("Say why this contact is not to be contacted, so the team knows "
                              "whether it may change.", field="do_not_contact_reason")
    today = today or date.today()
    attempted = {"do_not_contact": on, "do_not_contact_reason": reason if on else "",
                 "do_not_contact_on": today if on else None,
                 "do_not_contact_by_id": uow.person_id if on else None}
    with uow.write() as session:
        row = live_contact(session, contact_id)
        before = _to_contacts(session, [row])[0]
        expect_version(row, "media_contacts", contact_id, seen_version, attempted)
        for name, value in attempted.items():
            setattr(row, name, value)
        session.flush()
        return before, _to_contacts(session, [row])[0]


def restore_do_not_contact(uow: UnitOfWork, state: Contact) -> Contact:
    """Put a contact's mark back as ``state`` had it (undo and redo)."""
    with uow.write() as session:
        row = live_contact(session, state.id)
        row.do_not_contact = state.do_not_contact
        row.do_not_contact_reason = state.do_not_contact_reason
        row.do_not_contact_on = state.do_not_contact_on
        by = session.scalar(select(m.Person.id).where(m.Person.name == state.do_not_contact_by))
        row.do_not_contact_by_id = by if state.do_not_contact else None
        session.flush()
        return _to_contacts(session, [row])[0]


# --------------------------------------------------------------------------- names in coverage


def contact_for_name(uow: UnitOfWork, name: str, role: str) -> Contact | None:
    """The contact behind a name in "who has influence": an author (``role`` journalist or
    creator) by a confirmed link, their name or handle; an outlet by a confirmed link, its
    name or web domain, then the outlet's first contact. None when nothing matches."""
    key = normal_name(name)
    with uow.read() as session:
        linked = session.scalars(select(m.MediaNameLink)).all()
        for link in linked:
            if normal_name(link.name) != key:
                continue
            if link.contact_id is not None:
                return _to_contacts(session, [live_contact(session, link.contact_id)])[0]
            if link.outlet_id is not None and role == "outlet":
                return _first_of_outlet(session, link.outlet_id)
        if role == "outlet":
            for outlet in session.scalars(select(m.Outlet)):
                if key in (normal_name(outlet.name), normal_name(outlet.web_domain)) \
                        or normal_domain(name) == outlet.web_domain:
                    return _first_of_outlet(session, outlet.id)
            return None
        handle = name.strip().lower()
        for row in session.scalars(select(m.MediaContact)):
            if normal_name(row.name) == key or (row.x_handle and row.x_handle.lower() == handle):
                return _to_contacts(session, [row])[0]
    return None


def _first_of_outlet(session, outlet_id: int) -> Contact | None:  # noqa: ANN001
    row = session.scalars(select(m.MediaContact).where(m.MediaContact.outlet_id == outlet_id)
                          .order_by(m.MediaContact.do_not_contact, m.MediaContact.name)).first()
    return _to_contacts(session, [row])[0] if row is not None else None


def link_name(uow: UnitOfWork, name: str, contact_id: int) -> int:
    """A person confirms that ``name`` in coverage records is this contact; returns the
    link's id."""
    if not name.strip():
        raise ValidationError("There is no name to link.")
    with uow.write() as session:
        live_contact(session, contact_id)
        row = m.MediaNameLink(name=name.strip(), contact_id=contact_id,
                              confirmed_by_id=uow.person_id)
        session.add(row)
        session.flush()
        return row.id


def unlink_name(uow: UnitOfWork, link_id: int) -> None:
    """Take a confirmed name link back (its undo)."""
    with uow.write() as session:
        row = session.get(m.MediaNameLink, link_id)
        if row is not None:
            session.delete(row)
