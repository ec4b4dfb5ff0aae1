"""Import a generated 1,000,000-row CSV; compare with a plain sqlite3 executemany.

Both write the same records (two figures per row) into a fresh team file's
``metric_records`` table, indexes and all; the baseline does nothing else (no
reading, no parsing, no matching). Each run writes a fresh file; prints the
medians of the runs as rows per second for each, and the ratio.

    python benchmarks/import.py [--rows N] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from _table import Figure, add_json_flag, print_json

from db.database import create_database
from db.unit_of_work import UnitOfWork
from desktop.importing import ColumnMapping, ImportRequest, run_import

CHANNELS = ("web", "email", "linkedin", "x", "paid search")
MAPPING = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                        metrics=(("Impressions", "impressions"), ("Clicks", "clicks")))


def write_csv(path: Path, rows: int) -> list[tuple]:
    """The CSV, and the records a plain insert of the same rows writes."""
    rng = random.Random(5)
    start = datetime(2026, 1, 1)
    records = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Date,Channel,Title,Impressions,Clicks\n")
        for line in range(2, rows + 2):
            when = start + timedelta(minutes=line)
            channel = CHANNELS[line % 5]
            title = f"Post {line % 5000}"
            impressions, clicks = rng.randrange(10_000), rng.randrange(500)
            handle.write(f"{when:%Y-%m-%d %H:%M},{channel},{title},{impressions},{clicks}\n")
            stamp = when.isoformat(" ", "microseconds")
            records.append((stamp, channel, None, title, "impressions", float(impressions), 1,
                            line, "", "", True))
            records.append((stamp, channel, None, title, "clicks", float(clicks), 1, line, "",
                            "", True))
    return records


def baseline(path: Path, records: list[tuple]) -> float:
    create_database(path).dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("INSERT INTO import_batches (id, file_name, file_sha256, profile_name, "
                       "imported_at, row_count) VALUES (1, 'x', 'x', '', '2026-01-01', 0)")
    begin = time.perf_counter()
    connection.executemany(
        "INSERT INTO metric_records (occurred_at, channel, card_id, content, metric, value, "
        "import_id, source_row, outlet, author, timed, version) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,1)", records)
    connection.commit()
    elapsed = time.perf_counter() - begin
    connection.close()
    return elapsed


def import_run(path: Path, csv_path: Path) -> float:
    database = create_database(path)
    begin = time.perf_counter()
    result = run_import(UnitOfWork(database), ImportRequest(csv_path, MAPPING, "benchmark"))
    elapsed = time.perf_counter() - begin
    database.dispose()
    assert result.rows_imported > 0
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    add_json_flag(parser)
    args = parser.parse_args()
    rows = args.rows
    with tempfile.TemporaryDirectory() as folder:
        from desktop.self_test import keep_user_folders_inside

        keep_user_folders_inside(Path(folder))  # no backups or recent files in the person's folders
        folder_path = Path(folder)
        csv_path = folder_path / "export.csv"
        records = write_csv(csv_path, rows)
        plains, ourses = [], []
        for run in range(args.runs):
            plains.append(baseline(folder_path / f"plain{run}.cgdb", records))
            ourses.append(import_run(folder_path / f"import{run}.cgdb", csv_path))
            for leftover in folder_path.glob(f"*{run}.cgdb"):
                leftover.unlink()
        plain, ours = statistics.median(plains), statistics.median(ourses)
    if args.json:
        print_json([Figure("import", f"import a {rows:,}-row CSV", ours,
                           "plain sqlite3 executemany of the same records", plain, args.runs,
                           f"{rows / ours:,.0f} rows/s")])
        return
    print(f"rows: {rows:,} ({2 * rows:,} records), {args.runs} runs, medians:")
    print(f"plain sqlite3 executemany: {rows / plain:>10,.0f} rows/s ({plain:.1f} s)")
    print(f"commonground import:       {rows / ours:>10,.0f} rows/s ({ours:.1f} s)")
    print(f"ratio: {plain / ours:.2f} of the plain rate (aim: at least 0.50)")


if __name__ == "__main__":
    main()
