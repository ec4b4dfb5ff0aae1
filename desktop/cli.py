"""The commands that need no screen: ``commonground demo``, ``check`` ...

``ui/app.py`` hands these over before any Qt is imported. Each command prints
one plain line on failure and returns a non-zero exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.errors import DatabaseError


def _demo(args: argparse.Namespace) -> int:
    from desktop.demo import write_demo

    path = Path(args.path)
    if path.exists():
        print(f"error: {path} already exists; choose a new file name.", file=sys.stderr)
        return 2
    database = write_demo(path, cards=args.cards)
    database.dispose()
    print(f"Wrote the demo team to {path}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    from desktop.check import run_check

    report = run_check(Path(args.path))
    print(report.text())
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="commonground")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="write a demo team database")
    demo.add_argument("path", help="the new file to write")
    demo.add_argument("--cards", type=int, default=None,
                      help="grow the board to this many cards (for benchmarks)")
    demo.set_defaults(handler=_demo)

    check = commands.add_parser("check", help="check a team database and count its rows")
    check.add_argument("path")
    check.set_defaults(handler=_check)
    return parser


COMMANDS: frozenset[str] = frozenset({"demo", "check"})


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except DatabaseError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
