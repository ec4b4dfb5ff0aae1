"""Copies of a team file made with SQLite's online backup API.

The backup API copies a consistent snapshot even while others write, which a
plain file copy on a share does not.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.errors import DatabaseError


def copy_database(source: Path, destination: Path) -> None:
    """Write a consistent copy of ``source`` to ``destination`` (replaced if present)."""
    if destination.resolve() == source.resolve():
        raise DatabaseError("Choose another file: a copy cannot replace the file it copies.")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source.resolve().as_posix()}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)
