"""New team files for tests, copied from one migrated template instead of migrated each.

A new file holds nothing that is its own: no instance, lease or identity row, no random
value (``tests/test_database.py`` compares a copy with a file ``create_database`` makes),
so a byte copy of a file migrated once per session is the file ``create_database``
would make, without a tenth of a second of Alembic per test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from db.database import Database, create_database, read_revision_of
from db.engine import create_sqlite_engine

#: The ``new_team_file`` fixture: ``new_team_file(path)`` makes and opens a new team file.
NewTeamFile = Callable[[Path], Database]


def migrate_template(folder: Path) -> Path:
    """The one real migration: an empty team file at head, in ``folder``."""
    template = folder / "template.cgdb"
    create_database(template).dispose()
    return template


def copy_team_file(template: Path, path: Path) -> Database:
    """A new team file at ``path``, opened as ``create_database`` opens the one it made."""
    shutil.copyfile(template, path)
    engine = create_sqlite_engine(path)
    return Database(str(path), engine, path=path, revision=read_revision_of(engine))
