"""The team: who is in it and in which department."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from db import models as m
from db.enums import ChangeOperation, Department
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Person:
    id: int
    version: int
    name: str
    department: Department
    email: str
    active: bool


@dataclass(frozen=True)
class PersonInput:
    name: str
    department: Department
    email: str = ""
    active: bool = True


def to_person(row: m.Person) -> Person:
    return Person(row.id, row.version, row.name, Department(row.department), row.email, row.active)


def _validated(data: PersonInput) -> PersonInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("A person needs a name.", field="name")
    email = data.email.strip()
    if email and not _EMAIL.match(email):
        raise ValidationError(f"'{email}' does not look like an email address.", field="email")
    return PersonInput(name, Department(data.department), email, data.active)


def list_people(uow: UnitOfWork, *, active_only: bool = False) -> list[Person]:
    query = select(m.Person).order_by(m.Person.name)
    if active_only:
        query = query.where(m.Person.active.is_(True))
    with uow.read() as session:
        return [to_person(row) for row in session.scalars(query)]


def get_person(uow: UnitOfWork, person_id: int) -> Person:
    with uow.read() as session:
        row = session.get(m.Person, person_id)
        if row is None:
            raise NotFoundError("That person is no longer in the team file.")
        return to_person(row)


def create_person(uow: UnitOfWork, data: PersonInput) -> Person:
    data = _validated(data)
    with uow.write() as session:
        row = m.Person(name=data.name, department=data.department, email=data.email,
                       active=data.active)
        session.add(row)
        session.flush()
        return to_person(row)


def update_person(uow: UnitOfWork, person_id: int, seen_version: int,
                  data: PersonInput) -> Person:
    data = _validated(data)
    values = {"name": data.name, "department": data.department.value, "email": data.email,
              "active": data.active}
    with uow.write() as session:
        row = session.get(m.Person, person_id)
        expect_version(row, "people", person_id, seen_version, values)
        row.name, row.department, row.email, row.active = (
            data.name, data.department, data.email, data.active)
        session.flush()
        return to_person(row)


def record_switch(uow: UnitOfWork, previous: Person, now: Person) -> None:
    """Who is using the file changed hands (File > Switch person): the change log says so,
    like every other change, so the activity shows whose name later changes carry."""
    with uow.as_person(now.id).write() as session:
        session.add(m.ChangeLogEntry(
            table_name="people", row_id=now.id, operation=ChangeOperation.UPDATE,
            person_id=now.id, summary=f"{now.name} took over from {previous.name}",
            changes={"using the file": [previous.name, now.name]}))
