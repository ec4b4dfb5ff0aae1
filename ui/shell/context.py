"""The open team file and the person using it, handed to every page."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.people import Person
from desktop.team_file import Database, UnitOfWork


@dataclass(frozen=True)
class TeamContext:
    database: Database
    person: Person

    @property
    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.database, self.person.id)

    @property
    def read_only(self) -> bool:
        return self.database.read_only
