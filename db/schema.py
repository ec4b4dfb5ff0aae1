"""Which schema a database holds, and bringing it to this app's schema.

Reading the revision is one plain query, so opening an up-to-date file never
imports Alembic; Alembic is loaded only when a file is created or migrated.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from db.engine import APPLICATION_ID

#: Every revision this app knows, oldest first; the last is the app's own.
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_metric_sources",
                                     "0003_metric_pieces_index", "0004_metric_hours_index",
                                     "0005_metric_catalogue", "0006_listening",
                                     "0007_media_relations")
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def app_version() -> str:
    """This app's version, as installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("commonground")
    except PackageNotFoundError:
        return "0.0.0"


def encode_version(text: str) -> int:
    """``1.2.3`` -> 1002003, to keep in the file's ``user_version`` header field."""
    parts = [int(p) if p.isdigit() else 0 for p in text.split(".")[:3]] + [0, 0, 0]
    return parts[0] * 1_000_000 + min(parts[1], 999) * 1_000 + min(parts[2], 999)


def decode_version(number: int) -> str:
    return f"{number // 1_000_000}.{number // 1_000 % 1_000}.{number % 1_000}" if number else ""


class SchemaState(Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"


def read_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def state_of(revision: str | None) -> SchemaState:
    if revision is None:
        return SchemaState.EMPTY
    if revision == HEAD_REVISION:
        return SchemaState.CURRENT
    if revision in KNOWN_REVISIONS:
        return SchemaState.OLDER
    return SchemaState.NEWER


def alembic_config():  # noqa: ANN201 - alembic.config.Config, imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_connection(connection: Connection,
                       guard: Callable[[Connection], None] | None = None) -> None:
    """Migrate inside the caller's transaction; ``guard`` may refuse (raise) first.

    The caller holds the write lock for the whole migration, so two instances
    can never migrate at once: the second waits, then finds nothing to do.
    """
    from alembic import command

    if guard is not None:
        guard(connection)
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    if connection.dialect.name == "sqlite":
        # The header remembers which app wrote this schema, so an older app can say
        # which version it would need to edit the file.
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql(f"PRAGMA user_version = {encode_version(app_version())}")


def upgrade_to_head(engine: Engine, guard: Callable[[Connection], None] | None = None) -> None:
    """Create or migrate the schema in one transaction that holds the write lock."""
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
        upgrade_connection(connection, guard)
