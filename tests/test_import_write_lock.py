"""An import reads, parses and matches the whole file before it takes the write lock:
others can save meanwhile, and the lock is held only for the insert."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import engine as engines
from db import models as m
from db.unit_of_work import UnitOfWork
from desktop import importing
from desktop.errors import Cancelled
from desktop.importing import ColumnMapping, ImportRequest, importer

SIMPLE = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                       metrics=(("Impressions", "impressions"), ("Clicks", "clicks")))
ROWS = 9_000


def count(uow, model) -> int:
    with uow.read() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "big.csv"
    lines = ["Date,Channel,Title,Impressions,Clicks"]
    lines += [f"2026-03-{1 + i % 28:02d} 10:00,web,Post {i},{i},1" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _can_take_the_write_lock(path: Path) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_someone_else_can_save_while_the_file_is_read(uow, team, export, db_path,
                                                      monkeypatch) -> None:
    seen: list[bool] = []
    real_iter_rows = importer.iter_rows

    def iter_rows(layout, progress=None):
        for number, row in enumerate(real_iter_rows(layout, progress)):
            if number in (10, ROWS // 2, ROWS - 1):
                seen.append(_can_take_the_write_lock(db_path))
            yield row

    monkeypatch.setattr(importer, "iter_rows", iter_rows)
    result = importing.run_import(uow, ImportRequest(export, SIMPLE))
    assert seen == [True, True, True]
    assert result.rows_imported == ROWS and count(uow, m.MetricRecord) == 2 * ROWS


def test_two_people_importing_the_same_file_at_once_add_it_once(uow, team, export,
                                                                 monkeypatch) -> None:
    """Priya's import of the same file lands while Zoë's is still reading it."""
    monkeypatch.setattr(engines, "LOCK_RETRY_DEADLINE_S", 1.0)  # fail fast, not in 30 s
    priya = UnitOfWork(uow.database, team[next(iter(team))].id)
    theirs: list[importing.ImportResult] = []
    started: list[bool] = []
    real_iter_rows = importer.iter_rows

    def iter_rows(layout, progress=None):
        yield from real_iter_rows(layout, progress)
        if not started:
            started.append(True)
            theirs.append(importing.run_import(priya, ImportRequest(export, SIMPLE)))

    monkeypatch.setattr(importer, "iter_rows", iter_rows)
    mine = importing.run_import(uow, ImportRequest(export, SIMPLE))
    assert theirs[0].rows_imported == ROWS
    assert mine.duplicate_of is not None and mine.duplicate_of.id == theirs[0].batch_id
    assert mine.records == 0
    assert count(uow, m.ImportBatch) == 1 and count(uow, m.MetricRecord) == 2 * ROWS


def test_a_cancel_at_the_last_moment_leaves_nothing(uow, team, export) -> None:
    asked: list[int] = []
    importing.run_import(uow, ImportRequest(export, SIMPLE),
                         cancelled=lambda: asked.append(1) is not None)
    importing.delete_import(uow, importing.list_imports(uow)[0].id)
    last = len(asked)
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= last

    with pytest.raises(Cancelled):
        importing.run_import(uow, ImportRequest(export, SIMPLE), cancelled=cancelled)
    assert count(uow, m.ImportBatch) == 0 and count(uow, m.MetricRecord) == 0


def test_a_large_import_spills_to_a_temporary_file_and_keeps_every_record(
        uow, team, export, monkeypatch) -> None:
    monkeypatch.setattr(importer, "SPOOL_MEMORY", 1024)
    monkeypatch.setattr(importer, "CHUNK", 1000)
    result = importing.run_import(uow, ImportRequest(export, SIMPLE))
    assert result.records == 2 * ROWS
    with uow.read() as session:
        lines = list(session.scalars(select(m.MetricRecord.source_row)
                                     .where(m.MetricRecord.metric == "clicks")
                                     .order_by(m.MetricRecord.source_row)))
    assert lines == list(range(2, ROWS + 2))


@pytest.mark.both_backends
def test_import_and_duplicate_on_each_backend(database, uow, team, tmp_path) -> None:
    path = tmp_path / "small.csv"
    path.write_text("Date,Channel,Title,Impressions,Clicks\n"
                    "2026-03-02 09:15,LinkedIn,Café survey,1200,34\n"
                    "2026-03-03 14:00,email,Newsletter,800,8\n")
    first = importing.run_import(uow, ImportRequest(path, SIMPLE))
    again = importing.run_import(uow, ImportRequest(path, SIMPLE))
    assert (first.rows_imported, first.records) == (2, 4)
    assert again.duplicate_of is not None and again.duplicate_of.id == first.batch_id
    with uow.read() as session:
        rows = session.execute(select(m.MetricRecord.import_id, m.MetricRecord.source_row,
                                      m.MetricRecord.value, m.MetricRecord.occurred_at)
                               .order_by(m.MetricRecord.id)).all()
    assert [tuple(r[:3]) for r in rows] == [(first.batch_id, 2, 1200.0), (first.batch_id, 2, 34.0),
                                            (first.batch_id, 3, 800.0), (first.batch_id, 3, 8.0)]
    assert rows[0][3].isoformat() == "2026-03-02T09:15:00"
