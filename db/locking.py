"""Does this folder's file locking work? A self-test run when a team file is opened.

SQLite keeps a shared file consistent only if the file system honours its
locks, and some network folders silently do not. The test holds the write
lock and asks a second process (locks are per process, so it must be one) to
take it too: it must be refused. Run as ``python -m db.locking PATH``, the
module is that second process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from enum import Enum
from pathlib import Path

from db.errors import Fault, fault_of

PROBE_COMMAND = "lock-probe"  # the hidden command a frozen build answers to
REFUSED, ACCEPTED, FAILED = 0, 3, 4
PROBE_TIMEOUT_S = 15.0

#: Path fragments of folders that a sync client copies around behind SQLite's back.
CLOUD_SYNC_MARKERS: tuple[tuple[str, str], ...] = (
    ("dropbox", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud drive", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("box sync", "Box"),
    ("pcloud", "pCloud"),
    ("nextcloud", "Nextcloud"),
)


class Locking(Enum):
    WORKS = "works"
    BROKEN = "broken"
    UNTESTED = "untested"


def _uri(path: Path, vfs: str | None) -> str:
    uri = f"file:{path.resolve().as_posix()}"
    return uri + (f"?vfs={vfs}" if vfs else "")


def probe_command(path: Path, vfs: str | None = None) -> list[str]:
    """How to start the second process, from source or from a frozen build."""
    extra = [vfs] if vfs else []
    if getattr(sys, "frozen", False):
        return [sys.executable, PROBE_COMMAND, str(path), *extra]
    return [sys.executable, "-m", "db.locking", str(path), *extra]


def check_locking(path: Path, *, vfs: str | None = None) -> Locking:
    """Hold the write lock on ``path`` and check that another process is refused it."""
    holder = sqlite3.connect(_uri(path, vfs), uri=True, timeout=1.0, isolation_level=None)
    try:
        try:
            holder.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return Locking.WORKS  # someone else holds it, and we were refused: it works
        try:
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(
                [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH", "")]))
            result = subprocess.run(probe_command(path, vfs), capture_output=True,
                                    timeout=PROBE_TIMEOUT_S, env=env)
        except (OSError, subprocess.TimeoutExpired):
            return Locking.UNTESTED
        finally:
            holder.execute("ROLLBACK")
    finally:
        holder.close()
    return {REFUSED: Locking.WORKS, ACCEPTED: Locking.BROKEN}.get(result.returncode,
                                                                 Locking.UNTESTED)


def probe(path: Path, vfs: str | None = None) -> int:
    """The second process: try to take the write lock without waiting."""
    try:
        connection = sqlite3.connect(_uri(path, vfs), uri=True, timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            return REFUSED if fault_of(error) is Fault.BUSY else FAILED
        connection.execute("ROLLBACK")
        connection.close()
        return ACCEPTED
    except sqlite3.Error:
        return FAILED


def cloud_sync_service(path: Path) -> str | None:
    """The sync service whose folder holds ``path``, if any."""
    parts = [part.lower() for part in path.expanduser().resolve().parts]
    for part in parts:
        for marker, service in CLOUD_SYNC_MARKERS:
            if part == marker or part.startswith(marker + " ") or part.startswith(marker + "-"):
                return service
    return None


def cloud_sync_warning(path: Path) -> str:
    service = cloud_sync_service(path)
    if service is None:
        return ""
    return (f"This file is in a {service} folder. {service} copies files between computers "
            "behind the app's back and does not honour its locks, so two people's changes "
            "can overwrite each other or the file can be damaged. Keep the team file in a "
            "shared network folder instead, or move the team to a database server.")


def main(argv: list[str]) -> int:
    if not argv:
        return FAILED
    return probe(Path(argv[0]), argv[1] if len(argv) > 1 else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
