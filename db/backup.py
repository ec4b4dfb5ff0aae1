"""Copies of a team file made with SQLite's online backup API, kept in a local folder.

The backup API copies a consistent snapshot even while others write, which a
plain file copy on a share does not. Backups live on this machine (the user's
data folder), one folder per team file, named by when they were taken and
why; every copy is checked before it is kept, so a backup is always one that
opens. Rotation keeps the last ``KEEP_LAST`` and the newest of each day for
``KEEP_DAYS`` days.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from db.errors import BackupError, DatabaseError
from db.models.base import utcnow

KEEP_LAST = 10
KEEP_DAYS = 30
DUE_AFTER = timedelta(days=1)
BACKUP_SUFFIX = ".cgdb"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)\.cgdb$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # naive UTC
    reason: str
    size: int


BACKUP_STEP_PAGES = 1024


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
            # In steps: the read lock is let go between them, so colleagues can save while
            # a large file is copied (SQLite restarts the copy if the file changed).
            src.backup(dst, pages=BACKUP_STEP_PAGES, sleep=0.005)
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    partial.replace(destination)


def backup_root() -> Path:
    """The local folder all backups of this user go to."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("CommonGround", appauthor=False)) / "backups"


def backup_folder(source: Path, root: Path | None = None) -> Path:
    """One folder per team file: its name, and a hash of where it lives (two ``team.cgdb``
    in different folders must not share backups)."""
    resolved = source.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return (root or backup_root()) / f"{resolved.stem}-{digest}"


def _parse(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        taken_at = datetime.strptime(match["at"], _STAMP)
    except ValueError:
        return None
    return Backup(path, taken_at, match["reason"], path.stat().st_size)


def list_backups(source: Path, root: Path | None = None) -> list[Backup]:
    """The backups of ``source``, newest first."""
    folder = backup_folder(source, root)
    if not folder.is_dir():
        return []
    found = [b for b in (_parse(p) for p in folder.glob(f"*{BACKUP_SUFFIX}")) if b is not None]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def check_copy(path: Path) -> str:
    """SQLite's quick check of a copy: "ok", or what is wrong."""
    try:
        connection = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
        try:
            return ", ".join(str(row[0]) for row in connection.execute("PRAGMA quick_check"))
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)


def take_backup(source: Path, *, reason: str = "manual", root: Path | None = None,
                now: datetime | None = None) -> Backup:
    """Copy ``source`` into its backup folder, check the copy, then rotate the folder."""
    if not re.fullmatch(r"[a-z-]+", reason):
        raise ValueError(f"a backup reason is lowercase words with dashes, not {reason!r}")
    taken_at = now or utcnow()
    folder = backup_folder(source, root)
    folder.mkdir(parents=True, exist_ok=True)
    stem = source.expanduser().resolve().stem
    target = folder / f"{stem}-{taken_at.strftime(_STAMP)}-{reason}{BACKUP_SUFFIX}"
    try:
        copy_database(source, target)
    except sqlite3.Error as error:
        raise BackupError(f"{source.name} could not be backed up ({error}).") from error
    problem = check_copy(target)
    if problem != "ok":
        target.unlink(missing_ok=True)
        raise BackupError(f"{source.name} could not be backed up: the copy failed its "
                          f"integrity check ({problem}). The file itself may be damaged.")
    rotate(source, root=root, now=taken_at)
    return Backup(target, taken_at, reason, target.stat().st_size)


def backups_to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """The last ``KEEP_LAST``, and the newest of each of the last ``KEEP_DAYS`` days."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in newest_first[:KEEP_LAST]}
    days_seen: set[object] = set()
    oldest_day = (now - timedelta(days=KEEP_DAYS - 1)).date()
    for backup in newest_first:
        day = backup.taken_at.date()
        if day >= oldest_day and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
    return keep


def rotate(source: Path, *, root: Path | None = None, now: datetime | None = None) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted."""
    backups = list_backups(source, root)
    keep = backups_to_keep(backups, now or utcnow())
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_is_due(source: Path, *, root: Path | None = None, now: datetime | None = None) -> bool:
    backups = list_backups(source, root)
    return not backups or (now or utcnow()) - backups[0].taken_at >= DUE_AFTER


def restore_into(backup: Path, target: Path) -> None:
    """Write ``backup`` over ``target`` with the backup API, under the target's write lock,
    so that others who have the file open see one consistent change."""
    if check_copy(backup) != "ok":
        raise BackupError(f"The backup {backup.name} is damaged; choose another one.")
    src = sqlite3.connect(f"file:{backup.resolve().as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def replace_damaged(backup: Path, target: Path, *, now: datetime | None = None) -> Path:
    """Put a damaged ``target`` aside (never deleted) and copy ``backup`` in its place.

    Returns where the damaged file went.
    """
    if check_copy(backup) != "ok":
        raise BackupError(f"The backup {backup.name} is damaged; choose another one.")
    stamp = (now or utcnow()).strftime("%Y%m%dT%H%M%SZ")
    aside = target.with_name(f"{target.name}.damaged-{stamp}")
    if target.exists():
        target.replace(aside)
    journal = target.with_name(target.name + "-journal")
    if journal.exists():
        try:
            journal.replace(aside.with_name(aside.name + "-journal"))
        except FileNotFoundError:
            pass  # a share's client cached it after another computer removed it
    copy_database(backup, target)
    return aside
