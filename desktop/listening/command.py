"""``commonground mentions``: import a listening tool's export of mentions from the command
line, as the Signals page does, and say what it brought.

Added to ``desktop.cli``'s parser by ``add_commands``; exits 0 when the file was imported
(or had been before), 1 for a file or row it cannot import, each said in one plain line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

LISTENING_COMMANDS: frozenset[str] = frozenset({"mentions"})


def _mentions(args: argparse.Namespace) -> int:
    from desktop.listening.mention_import import import_mentions
    from desktop.team_file import UnitOfWork, open_database

    database = open_database(args.db)
    try:
        result = import_mentions(UnitOfWork(database), Path(args.file),
                                 good_rows_only=args.good_rows_only)
    finally:
        database.dispose()
    print(result.summary)
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "mentions", help="import mentions from a Brandwatch, Meltwater, Talkwalker or plain "
                         "CSV export and raise their signals")
    parser.add_argument("--db", required=True, help="the team file")
    parser.add_argument("--good-rows-only", action="store_true",
                        help="import the good rows of a file that has bad ones")
    parser.add_argument("file", help="the export to import")
    parser.set_defaults(handler=_mentions)
