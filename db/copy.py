"""Copying a team file into a database server, for a team that outgrew the file.

One transaction does it all (PostgreSQL's DDL is transactional): the schema,
by the same migrations the file went through, then every row, table by table
in dependency order, then a count per table compared with the source. Any
failure rolls it all back, so the target is left empty, never half-filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, inspect, select, text, update

from db.database import inspect_file, open_read_only
from db.engine import create_server_engine, is_url
from db.errors import DatabaseError
from db.models import Base
from db.schema import SchemaState, upgrade_connection

BATCH_ROWS = 2_000
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class CopyReport:
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _self_references(table: Table) -> list[str]:
    """Columns that point into their own table: filled in a second pass, so a row may
    refer to one that comes later."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _batches(source: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    order = list(table.primary_key.columns)
    result = source.execute(select(table).order_by(*order)).mappings()
    while rows := result.fetchmany(BATCH_ROWS):
        yield [dict(row) for row in rows]


def _copy_table(source: Connection, target: Connection, table: Table) -> None:
    later = _self_references(table)
    pending: list[dict[str, Any]] = []
    for rows in _batches(source, table):
        if later:
            pending += [{"pk": row["id"], **{c: row[c] for c in later}}
                        for row in rows if any(row[c] is not None for c in later)]
            rows = [{**row, **{c: None for c in later}} for row in rows]
        target.execute(table.insert(), rows)
    for column in later:
        links = [{"pk": p["pk"], "value": p[column]} for p in pending if p[column] is not None]
        if links:
            target.execute(update(table).where(table.c.id == bindparam("pk"))
                           .values({column: bindparam("value")}), links)


def _reset_sequences(target: Connection) -> None:
    """Ids were copied as they were; new rows must continue after them."""
    if target.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            target.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


def _counts(connection: Connection) -> dict[str, int]:
    return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables}


def _check_empty(target: Connection) -> None:
    existing = set(inspect(target).get_table_names())
    ours = existing & (set(Base.metadata.tables) | {"alembic_version"})
    if ours:
        raise DatabaseError(
            "The target database already holds tables of a team "
            f"({', '.join(sorted(ours)[:3])} ...). Copy into an empty database.")


def copy_to_server(source: Path, url: str, progress: Progress | None = None) -> CopyReport:
    """Copy every row of the team file ``source`` into the empty database at ``url``."""
    if not is_url(url):
        raise DatabaseError(f"'{url}' is not a database URL; write it like "
                            "postgresql+psycopg://user@host/team.")
    report = inspect_file(source, integrity="full")
    if report.integrity != "ok":
        raise DatabaseError(f"{source.name} failed its integrity check ({report.integrity}); "
                            "restore it from a backup before copying it.")
    if report.state is not SchemaState.CURRENT:
        raise DatabaseError(f"{source.name} has schema {report.revision or 'none'}; open it "
                            "with this version of Common Ground first, so it is up to date.")
    database = open_read_only(source, reason="copying")
    engine = create_server_engine(url)
    try:
        with database.engine.connect() as reader, engine.begin() as target:
            _check_empty(target)
            upgrade_connection(target)
            for table in Base.metadata.sorted_tables:
                if progress is not None:
                    progress(table.name, 0)
                _copy_table(reader, target, table)
            _reset_sequences(target)
            expected, copied = _counts(reader), _counts(target)
            if expected != copied:
                wrong = [f"{name} {copied[name]} of {count}" for name, count in expected.items()
                         if copied[name] != count]
                raise DatabaseError("The copy did not match the file (" + ", ".join(wrong)
                                    + "); nothing was kept in the target.")
            return CopyReport(copied)
    except DatabaseError:
        raise
    except Exception as error:  # driver errors: say what, in one line, target untouched
        first_line = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise DatabaseError(f"The copy failed and the target was left empty: {first_line}") \
            from error
    finally:
        engine.dispose()
        database.dispose()
