"""Damage a team file the way the check on open must catch it (a test helper)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_an_index(path: Path) -> None:
    """Index damage that ``quick_check`` misses: a row added while its index was out of
    the schema, so the index lacks it (what two computers writing at once can leave)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        name, sql, root = connection.execute(
            "SELECT name, sql, rootpage FROM sqlite_master WHERE type = 'index' AND "
            "tbl_name = 'goal_measurements' AND sql IS NOT NULL").fetchone()
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("DELETE FROM sqlite_master WHERE name = ?", (name,))
    finally:
        connection.close()
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        columns = ", ".join(row[1] for row in connection.execute(
            "PRAGMA table_info(goal_measurements)") if row[1] not in ("id", "note"))
        connection.execute(f"INSERT INTO goal_measurements ({columns}, note) SELECT {columns}, "
                           "'unindexed' FROM goal_measurements LIMIT 1")
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
                           "VALUES ('index', ?, 'goal_measurements', ?, ?)", (name, root, sql))
    finally:
        connection.close()


def quick_check(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()
