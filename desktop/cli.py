"""The commands that need no screen: ``commonground demo``, ``check`` ...

``ui/app.py`` hands these over before any Qt is imported. Each command prints
one plain line on failure and returns a non-zero exit code.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from desktop.errors import ExplainedError
from desktop.file_commands import FILE_COMMANDS
from desktop.file_commands import add_commands as add_file_commands
from desktop.listening.command import LISTENING_COMMANDS
from desktop.listening.command import add_commands as add_listening_commands
from desktop.numbers import counted


def _demo(args: argparse.Namespace) -> int:
    from desktop.demo import write_demo

    path = Path(args.path)
    if path.exists():
        print(f"error: {path} already exists; choose a new file name.", file=sys.stderr)
        return 2
    database = write_demo(path, cards=args.cards, metrics=args.metrics)
    database.dispose()
    print(f"Wrote the demo team to {path}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    from desktop.check import run_check

    report = run_check(Path(args.path))
    print(report.text())
    return 0 if report.ok else 1


def _import(args: argparse.Namespace) -> int:
    from desktop.importing.command import run

    return run(args)


def _add_import(commands: argparse._SubParsersAction) -> None:
    from desktop.importing.command import add_arguments

    parser = commands.add_parser("import", help="import results from a CSV, TSV or XLSX export")
    add_arguments(parser)
    parser.set_defaults(handler=_import)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it like 2026-03-31") from None


def _ics(args: argparse.Namespace) -> int:
    from desktop.calendar_ics import export_calendar
    from desktop.team_file import UnitOfWork, open_database

    database = open_database(args.db)
    try:
        summary = export_calendar(UnitOfWork(database), Path(args.output), args.start, args.end)
    finally:
        database.dispose()
    print(f"Wrote {counted(summary.events, 'event')} and {counted(summary.meetings, 'meeting')} "
          f"to {args.output}.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from desktop.report.command import run

    return run(args)


def _add_report(commands: argparse._SubParsersAction) -> None:
    from desktop.report.command import add_arguments

    parser = commands.add_parser("report", help="write the business case as a PDF")
    add_arguments(parser)
    parser.set_defaults(handler=_report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="commonground")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="write a demo team database")
    demo.add_argument("path", help="the new file to write")
    demo.add_argument("--cards", type=int, default=None,
                      help="grow the board to this many cards (for benchmarks)")
    demo.add_argument("--metrics", type=int, default=None,
                      help="write this many metric records (for benchmarks)")
    demo.set_defaults(handler=_demo)

    check = commands.add_parser("check", help="check a team database and count its rows")
    check.add_argument("path")
    check.set_defaults(handler=_check)
    _add_import(commands)

    ics = commands.add_parser("ics", help="export team events and meetings as an .ics file")
    ics.add_argument("--db", required=True, help="the team file")
    ics.add_argument("-o", "--output", required=True, help="the .ics file to write")
    ics.add_argument("--from", dest="start", type=_iso_date, help="first day (YYYY-MM-DD)")
    ics.add_argument("--to", dest="end", type=_iso_date, help="last day (YYYY-MM-DD)")
    ics.set_defaults(handler=_ics)
    _add_report(commands)
    add_file_commands(commands)
    add_listening_commands(commands)
    return parser


COMMANDS: frozenset[str] = (frozenset({"demo", "check", "import", "ics", "report"})
                             | FILE_COMMANDS | LISTENING_COMMANDS)


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    handler: Callable[[argparse.Namespace], int] = args.handler
    # A command is one piece of work whose objects live as long as it does: the cycle
    # collector walking them meanwhile cost a report's figures 12 % (measured 2026-12-03,
    # 3.71 s against 3.25 s on a million records). The process's policy, as the window's
    # is (ui/shell/gui_collector.py), not the services'.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return handler(args)
    except ExplainedError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
    finally:
        if collecting:
            gc.enable()
