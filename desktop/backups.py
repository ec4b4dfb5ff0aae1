"""Backups of a team file, for the app and the command line.

Taken with SQLite's backup API into this machine's data folder (``db.backup``):
when a file is opened and its last backup is older than a day, before every
schema migration, and on request. Restoring first backs up what is there (or,
for a damaged file, puts it aside), so a restore never loses anything either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db import backup as store
from db.database import inspect_file
from db.errors import BackupError, BusyError, DatabaseError, MissingDatabaseError
from db.schema import SchemaState


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # naive UTC
    reason: str
    size: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: BackupInfo
    safety_backup: BackupInfo | None  # what the file held before, when it was healthy
    damaged_aside: Path | None  # where a damaged file was put, when it was damaged


def _info(backup: store.Backup) -> BackupInfo:
    return BackupInfo(backup.path, backup.taken_at, backup.reason, backup.size)


def backups_of(path: Path) -> list[BackupInfo]:
    """The backups of a team file, newest first."""
    return [_info(b) for b in store.list_backups(path)]


def back_up(path: Path, reason: str = "manual") -> BackupInfo:
    if not path.exists():
        raise MissingDatabaseError(f"There is no file at {path}.")
    inspect_file(path)  # refuses what is not a team file, in plain words
    return _info(store.take_backup(path, reason=reason))


def back_up_if_due(path: Path) -> BackupInfo | None:
    """A backup when the last one is older than a day (or there is none)."""
    if not store.backup_is_due(path):
        return None
    return _info(store.take_backup(path, reason="daily"))


def is_good_backup(path: Path) -> bool:
    """A backup that passes its integrity check and holds a team this app can open."""
    try:
        report = inspect_file(path)
    except DatabaseError:
        return False
    return report.integrity == "ok" and report.state in (SchemaState.CURRENT, SchemaState.OLDER)


def newest_good_backup(path: Path) -> BackupInfo | None:
    return next((b for b in backups_of(path) if is_good_backup(b.path)), None)


def _healthy(path: Path) -> bool:
    """Whether the file reads as sound; a busy file raises ``BusyError`` (it is not damaged)."""
    try:
        return inspect_file(path).integrity == "ok"
    except BusyError:
        raise
    except DatabaseError:
        return False


def restore(path: Path, backup: Path | None = None) -> RestoreResult:
    """Put a backup (the newest good one by default) in place of the team file."""
    chosen = _chosen(path, backup)
    if path.exists() and _healthy(path):
        safety = back_up(path, reason="before-restore")
        store.restore_into(chosen.path, path)
        return RestoreResult(chosen, safety, None)
    aside = store.replace_damaged(chosen.path, path) if path.exists() else None
    if aside is None:
        store.copy_database(chosen.path, path)
    return RestoreResult(chosen, None, aside)


def _chosen(path: Path, backup: Path | None) -> BackupInfo:
    if backup is None:
        newest = newest_good_backup(path)
        if newest is None:
            raise BackupError(f"There is no good backup of {path.name} on this computer.")
        return newest
    if not backup.exists():
        raise MissingDatabaseError(f"There is no backup at {backup}.")
    if not is_good_backup(backup):
        raise BackupError(f"{backup.name} is not a good backup of a team file; choose another.")
    known = {b.path.resolve(): b for b in backups_of(path)}
    stat = backup.stat()
    return known.get(backup.resolve()) or BackupInfo(
        backup, datetime.fromtimestamp(stat.st_mtime), "chosen", stat.st_size)
