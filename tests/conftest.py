"""Shared fixtures: a real team file on disk, a team in it, and isolated UI settings.

A test module marked ``pytest.mark.both_backends`` runs each test that uses the
``database`` fixture twice: on a SQLite file and on a throwaway PostgreSQL
server (``tests/postgres_server.py``). Without the server's binaries those
runs skip with the reason; with ``REQUIRE_POSTGRES=1`` (CI) they fail instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from helpers.locks import LockHolder
    from helpers.team_files import NewTeamFile
    from postgres_server import PostgresServer

    from db.database import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The areas' fixtures that more than one test module asks for, by name.
pytest_plugins = ("helpers.meetings", "helpers.stories")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep QSettings and the demo file of each test out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application with the cycle collector on its GUI thread from the moment it
    exists, as in the app (``ui.shell.application.create_application``): a module-scoped fixture that
    builds a window before any test's own fixtures run gets it too (collected on a worker
    thread, a window's garbage had crashed the window walk)."""
    from ui.shell import gui_collector

    gui_collector.install(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _collector_on_the_gui_thread() -> Iterator[None]:
    """Cyclic garbage is collected on the GUI thread (``qapp`` above), here also after
    every test."""
    yield
    if "ui.shell.gui_collector" in sys.modules:
        from PySide6.QtCore import QCoreApplication

        from ui.shell import gui_collector

        app = QCoreApplication.instance()
        if app is not None:
            gui_collector.install(app).collect_due()


@pytest.fixture(autouse=True)
def _no_sql_on_the_window_s_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails any test in which the interface ran SQL on the window's thread
    (``tests/helpers/gui_thread_sql.py``); a test that means to do so says
    ``pytest.mark.gui_thread_sql`` with why."""
    from helpers.gui_thread_sql import GuiThreadSql

    guard = GuiThreadSql()
    guard.install()
    try:
        yield
    finally:
        guard.remove()
    if guard.seen and request.node.get_closest_marker("gui_thread_sql") is None:
        pytest.fail(guard.report(), pytrace=False)


@pytest.fixture
def lock_holder() -> Iterator[Callable[[Path], LockHolder]]:
    """``lock_holder(path)``: another process holds the file's write lock until the test
    calls ``release()`` (``tests/helpers/locks.py``); any still holding are let go after."""
    from helpers.locks import LockHolder

    holders: list[LockHolder] = []

    def hold(path: Path) -> LockHolder:
        holders.append(LockHolder(path))
        return holders[-1]

    yield hold
    for holder in holders:
        holder.release()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "team.cgdb"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty team file at the newest schema, migrated once for the whole session."""
    from helpers.team_files import migrate_template

    return migrate_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def new_team_file(migrated_template: Path) -> NewTeamFile:
    """``new_team_file(path)``: what ``create_database(path)`` returns, copied from the
    template; tests of creating and migrating a file call the real thing."""
    from helpers.team_files import copy_team_file

    return partial(copy_team_file, migrated_template)


BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
            "both_backends"):
        metafunc.parametrize("backend", BACKENDS)


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    from postgres_server import PostgresServer, find_bindir

    required = os.environ.get("REQUIRE_POSTGRES") == "1"
    bindir = find_bindir()
    problem = "" if bindir else "no PostgreSQL server binaries (apt-get install postgresql)"
    server = None
    if bindir:
        try:
            server = PostgresServer(bindir).start()
        except (RuntimeError, OSError) as error:
            problem = f"the PostgreSQL server did not start: {error}"
    if server is None:
        if required:
            pytest.fail(f"REQUIRE_POSTGRES=1 but {problem}", pytrace=False)
        pytest.skip(problem)
    yield server
    server.stop()


@pytest.fixture
def database(request: pytest.FixtureRequest, backend: str, db_path: Path,
             new_team_file: NewTeamFile) -> Iterator[Database]:
    from db.database import open_database

    if backend == "postgresql":
        db: Database = open_database(request.getfixturevalue("postgres_server").team_database())
    else:
        db = new_team_file(db_path)
    yield db
    db.dispose()


@pytest.fixture
def uow(database):
    from db.unit_of_work import UnitOfWork

    return UnitOfWork(database)


@pytest.fixture
def team(uow):
    """Four people, one per department; the unit of work then acts as the leader."""
    from db.enums import Department
    from desktop.people import PersonInput, create_person

    members = {
        department: create_person(uow, PersonInput(name, department, email))
        for department, name, email in (
            (Department.LEADERSHIP, "Zoë Müller", "zoe@example.org"),
            (Department.PR, "José Álvarez", "jose@example.org"),
            (Department.MARKETING, "Priya Nair", "priya@example.org"),
            (Department.SALES, "Олег Петров", "oleg@example.org"),
        )
    }
    uow.person_id = members[Department.LEADERSHIP].id
    return members


@pytest.fixture
def answer_conflicts(monkeypatch):
    """``answer_conflicts("back", "mine")``: the conflict dialogs to come are answered in
    that order, each by its button (back to editing, keep all mine, take all theirs)."""
    from ui.shell.conflict_dialog import ConflictDialog

    def answer_with(*choices: str) -> None:
        answers = iter(choices)

        def answer(dialog: ConflictDialog) -> int:
            getattr(dialog, f"{next(answers)}_button").click()
            return dialog.result()

        monkeypatch.setattr(ConflictDialog, "exec", answer)
    return answer_with
