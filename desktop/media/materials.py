"""The materials library: what marketing has that PR may use (data sheets, images, the
survey's charts, approved quotes), with a link or a path on the share, an owner, the uses
allowed and an end date. An item from a customer's story ends when the rep's approval
does; an item past its end date is flagged wherever it is attached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import object_session

from db import models as m
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError


@dataclass(frozen=True)
class MaterialInput:
    title: str
    location: str = ""
    owner_id: int | None = None
    allowed_uses: str = ""
    ends_on: date | None = None
    story_request_id: int | None = None


@dataclass(frozen=True)
class Material:
    id: int
    version: int
    title: str
    location: str
    owner_id: int | None
    owner_name: str
    allowed_uses: str
    ends_on: date | None  # the earlier of its own end and its story approval's
    story_request_id: int | None
    flags: tuple[str, ...] = ()
    attached_to: tuple[str, ...] = ()  # the cards and pitches it is attached to

    def as_input(self) -> MaterialInput:
        return MaterialInput(self.title, self.location, self.owner_id, self.allowed_uses,
                             self.ends_on, self.story_request_id)


def end_of(row: m.Material) -> date | None:
    """When an item may no longer be used: its own end, or its story approval's if earlier."""
    ends = [row.ends_on]
    if row.story_request_id is not None:
        request = object_session(row).get(m.StoryRequest, row.story_request_id)
        ends.append(request.approval_ends_on if request is not None else None)
    known = [day for day in ends if day is not None]
    return min(known) if known else None


def flags_of(row: m.Material, today: date) -> tuple[str, ...]:
    ends = end_of(row)
    if ends is not None and ends < today:
        return (f"'{row.title}' may no longer be used: it ended on {ends.isoformat()}.",)
    return ()


def _clean(data: MaterialInput) -> MaterialInput:
    title = data.title.strip()
    if not title:
        raise ValidationError("A material needs a title.", field="title")
    return MaterialInput(title, data.location.strip(), data.owner_id, data.allowed_uses.strip(),
                         data.ends_on, data.story_request_id)


def _attached(session, material_ids: list[int]) -> dict[int, list[str]]:  # noqa: ANN001
    found: dict[int, list[str]] = {i: [] for i in material_ids}
    cards = (select(m.card_materials.c.material_id, m.Card.title)
             .join(m.Card, m.Card.id == m.card_materials.c.card_id)
             .where(m.card_materials.c.material_id.in_(material_ids), m.Card.deleted_at.is_(None)))
    pitches = (select(m.pitch_materials.c.material_id, m.Pitch.subject)
               .join(m.Pitch, m.Pitch.id == m.pitch_materials.c.pitch_id)
               .where(m.pitch_materials.c.material_id.in_(material_ids)))
    for material_id, title in session.execute(cards):
        found[material_id].append(f"card '{title}'")
    for material_id, subject in session.execute(pitches):
        found[material_id].append(f"pitch '{subject}'")
    return found


def _to_materials(session, rows: list[m.Material], today: date) -> list[Material]:  # noqa: ANN001
    people = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    attached = _attached(session, [r.id for r in rows])
    return [Material(row.id, row.version, row.title, row.location, row.owner_id,
                     people.get(row.owner_id, ""), row.allowed_uses, end_of(row),
                     row.story_request_id, flags_of(row, today), tuple(attached[row.id]))
            for row in rows]


def create_material(uow: UnitOfWork, data: MaterialInput, today: date | None = None) -> Material:
    data = _clean(data)
    with uow.write() as session:
        row = m.Material(**vars(data))
        session.add(row)
        session.flush()
        return _to_materials(session, [row], today or date.today())[0]


def update_material(uow: UnitOfWork, material_id: int, seen_version: int, data: MaterialInput,
                    today: date | None = None) -> tuple[Material, Material]:
    data = _clean(data)
    with uow.write() as session:
        row = session.get(m.Material, material_id)
        if row is None:
            raise NotFoundError("That material has been deleted.")
        before = _to_materials(session, [row], today or date.today())[0]
        expect_version(row, "materials", material_id, seen_version, vars(data))
        for name, value in vars(data).items():
            setattr(row, name, value)
        session.flush()
        return before, _to_materials(session, [row], today or date.today())[0]


def delete_material(uow: UnitOfWork, material_id: int) -> None:
    with uow.write() as session:
        row = session.get(m.Material, material_id)
        if row is not None:
            session.delete(row)


def list_materials(uow: UnitOfWork, today: date | None = None) -> list[Material]:
    """The library by title, each with its flags and where it is attached."""
    with uow.read() as session:
        rows = list(session.scalars(select(m.Material).order_by(m.Material.title)))
        return _to_materials(session, rows, today or date.today())


def _material_and_card(session, material_id: int, card_id: int) -> tuple[m.Material, m.Card]:  # noqa: ANN001
    material, card = session.get(m.Material, material_id), session.get(m.Card, card_id)
    if material is None:
        raise NotFoundError("That material has been deleted.")
    if card is None or card.deleted_at is not None:
        raise NotFoundError("That card has been deleted.")
    return material, card


def attach_to_card(uow: UnitOfWork, material_id: int, card_id: int) -> None:
    """Attach a material to a board card (once), where the card's people find it."""
    with uow.write() as session:
        material, card = _material_and_card(session, material_id, card_id)
        if card not in material.cards:
            material.cards.append(card)
            material.updated_at = utcnow()  # the attachment alone moves its version too


def detach_from_card(uow: UnitOfWork, material_id: int, card_id: int) -> None:
    """Take a material off a card (undo of attaching it)."""
    with uow.write() as session:
        material, card = _material_and_card(session, material_id, card_id)
        if card in material.cards:
            material.cards.remove(card)
            material.updated_at = utcnow()


def card_material_flags(uow: UnitOfWork, card_id: int, today: date | None = None
                        ) -> tuple[str, ...]:
    """The flags of the materials attached to a card (those past their end date)."""
    with uow.read() as session:
        rows = session.scalars(select(m.Material).join(
            m.card_materials, m.card_materials.c.material_id == m.Material.id)
            .where(m.card_materials.c.card_id == card_id)).all()
        return tuple(flag for row in rows for flag in flags_of(row, today or date.today()))
