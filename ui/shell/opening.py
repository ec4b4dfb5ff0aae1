"""Opening a team file: the part that runs on a worker thread, and what it hands back.

Opening may check the file's integrity, test its locking, back it up and
migrate it, each slow on a network share; and who this window is for is looked
up in the same file. ``MainWindow.open_target`` hands all of it to the task
manager and asks its questions (take over the lease? who are you?) once this is
done, so the window never waits for the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop import people
from desktop.errors import NotFoundError
from desktop.team_file import Database, UnitOfWork, open_database


@dataclass(frozen=True)
class OpenRequest:
    """One File > Open, followed through its questions; ``then`` hears whether it opened."""

    target: str | Path
    then: Callable[[bool], None] = field(compare=False)
    person_id: int | None = None
    create: bool = False
    break_stale_lease: bool = False

    @property
    def key(self) -> str:
        """The file as "who are you" and the recent files remember it."""
        target = str(self.target)
        return target if "://" in target else str(Path(target).resolve())


@dataclass(frozen=True)
class OpenedFile:
    database: Database
    person: people.Person | None  # who this window is for, when the file knows already
    team: list[people.Person]  # whom to choose from otherwise


def open_file(request: OpenRequest, candidates: Iterable[int | None]) -> OpenedFile:
    """Open the file and find the first of ``candidates`` still in it (on a worker thread)."""
    database = open_database(request.target, create=request.create,
                             break_stale_lease=request.break_stale_lease)
    try:
        uow = UnitOfWork(database)
        person = _first_person(uow, candidates)
        team = [] if person is not None else people.list_people(uow, active_only=True)
    except BaseException:
        database.dispose()
        raise
    return OpenedFile(database, person, team)


def _first_person(uow: UnitOfWork, candidates: Iterable[int | None]) -> people.Person | None:
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            return people.get_person(uow, candidate)
        except NotFoundError:
            continue
    return None
