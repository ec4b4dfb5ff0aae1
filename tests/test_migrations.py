"""Migrations from an empty file to head, agreeing with the models."""

from __future__ import annotations

import warnings
from pathlib import Path

from sqlalchemy import Column, Connection, create_engine, inspect
from sqlalchemy.schema import CreateIndex

from db.models import Base
from db.schema import HEAD_REVISION, KNOWN_REVISIONS, alembic_config, upgrade_to_head


def _script_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_known_revisions_are_the_scripts_in_order() -> None:
    assert _script_revisions() == list(KNOWN_REVISIONS)
    assert KNOWN_REVISIONS[-1] == HEAD_REVISION


def test_empty_to_head_creates_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == set(Base.metadata.tables) | {
            "alembic_version"}
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        with warnings.catch_warnings():  # not reflected: compared below, as SQLite holds it
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
            assert compare_metadata(context, Base.metadata) == []
        assert _expression_indexes(connection) == {
            index.name: " ".join(str(CreateIndex(index).compile(dialect=engine.dialect)).split())
            for table in Base.metadata.tables.values() for index in table.indexes
            if any(not isinstance(part, Column) for part in index.expressions)}


def _expression_indexes(connection: Connection) -> dict[str, str]:
    """SQLite's own text of the indexes on an expression, which SQLAlchemy cannot reflect."""
    rows = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '%(%(%'")
    return {name: " ".join(sql.split()) for name, sql in rows}


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
