"""Which schema a database holds, and bringing it to this app's schema.

Reading the revision is one plain query, so opening an up-to-date file never
imports Alembic; Alembic is loaded only when a file is created or migrated.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from db.engine import APPLICATION_ID
from sqlalchemy import Connection, Engine, inspect, text

#: Every revision this app knows, oldest first; the last is the app's own.
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial",)
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


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


def upgrade_to_head(engine: Engine) -> None:
    """Create or migrate the schema in one transaction that holds the write lock."""
    from alembic import command

    config = alembic_config()
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
