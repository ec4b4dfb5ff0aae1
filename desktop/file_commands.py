"""The commands that look after the team file itself: ``backup``, ``restore``, ``copy``.

Added to ``desktop.cli``'s parser by ``add_commands``; like every command, each
prints plain lines and returns a non-zero exit code when something is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from db.locking import PROBE_COMMAND
from desktop.numbers import counted

FILE_COMMANDS: frozenset[str] = frozenset({"backup", "restore", "copy", PROBE_COMMAND})


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} kB"


def _backup(args: argparse.Namespace) -> int:
    from desktop.backups import back_up

    taken = back_up(Path(args.db))
    print(f"Backed up {args.db} to {taken.path} ({_size(taken.size)}).")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from desktop.backups import backups_of, restore

    path = Path(args.db)
    if args.list:
        found = backups_of(path)
        if not found:
            print(f"There are no backups of {path.name} on this computer.")
        for backup in found:
            print(f"{backup.taken_at:%Y-%m-%d %H:%M} UTC  {backup.reason:<15} "
                  f"{_size(backup.size):>9}  {backup.path}")
        return 0
    result = restore(path, Path(args.source) if args.source else None)
    print(f"Restored {path} from the backup of {result.restored_from.taken_at:%Y-%m-%d %H:%M} "
          f"UTC ({result.restored_from.path.name}).")
    if result.safety_backup is not None:
        print(f"What the file held before is kept as {result.safety_backup.path}.")
    if result.damaged_aside is not None:
        print(f"The damaged file was kept as {result.damaged_aside}.")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from db.copy import copy_to_server

    source = Path(args.source)
    if not source.exists():
        print(f"error: There is no file at {source}.", file=sys.stderr)
        return 1
    report = copy_to_server(source, args.url,
                            lambda table, _n: print(f"  copying {table}", flush=True))
    print(f"Copied {counted(report.rows, 'row')} in {counted(len(report.counts), 'table')}; "
          "every table's count matches the file.")
    return 0


def _lock_probe(args: argparse.Namespace) -> int:
    from db.locking import main

    return main([args.path, *([args.vfs] if args.vfs else [])])


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help="back up a team file into this computer's "
                                                "backup folder")
    backup.add_argument("--db", required=True, help="the team file")
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser("restore", help="restore a team file from a backup")
    restore.add_argument("--db", required=True, help="the team file to restore")
    restore.add_argument("--from", dest="source", metavar="BACKUP",
                         help="the backup to restore (the newest good one by default)")
    restore.add_argument("--list", action="store_true", help="list the backups, newest first")
    restore.set_defaults(handler=_restore)

    copy = commands.add_parser("copy", help="copy a team file into an empty database server")
    copy.add_argument("source", help="the team file")
    copy.add_argument("url", help="e.g. postgresql+psycopg://user@host/team")
    copy.set_defaults(handler=_copy)

    probe = commands.add_parser(PROBE_COMMAND)  # internal: the second process of the lock test
    probe.add_argument("path")
    probe.add_argument("vfs", nargs="?")
    probe.set_defaults(handler=_lock_probe)
