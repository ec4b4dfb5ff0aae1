"""``commonground import``: import one export from the command line.

Guesses the profile from the file's columns unless ``--profile`` names one, and
stops with the option to give when it needs a choice the file cannot answer
(the profile, the period, the channel).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from db.database import open_database
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError
from desktop.importing.importer import (
    ImportProblemsError,
    ImportRequest,
    ImportResult,
    preview_file,
    run_import,
)
from desktop.importing.period import parse_period
from desktop.importing.profiles import find_profile
from desktop.numbers import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="the team file to import into")
    parser.add_argument("--profile", help="the column mapping to use (guessed when not given)")
    parser.add_argument("--period", help="START..END, for exports without a date per row")
    parser.add_argument("--channel", help="the channel, for exports that do not name one")
    parser.add_argument("--good-rows-only", action="store_true",
                        help="import the good rows when some rows are bad")
    parser.add_argument("file", help="the CSV, TSV or XLSX export")


def run(args: argparse.Namespace) -> int:
    database = open_database(Path(args.db))
    try:
        return _import(UnitOfWork(database), args)
    finally:
        database.dispose()


def _import(uow: UnitOfWork, args: argparse.Namespace) -> int:
    path = Path(args.file)
    preview = preview_file(uow, path)
    if preview.duplicate_of is not None:
        earlier = preview.duplicate_of
        print(f"{path.name} was imported already on {earlier.imported_at:%Y-%m-%d}; "
              "nothing was added.")
        return 0
    profile = find_profile(uow, args.profile) if args.profile else preview.profile
    if profile is None:
        raise ValidationError(
            f"No profile fits the columns of {path.name} ({', '.join(preview.columns[:8])}). "
            "Name one with --profile.")
    mapping = profile.mapping
    if args.channel:
        mapping = replace(mapping, channel="", fixed_channel=args.channel)
    period = parse_period(args.period) if args.period else None
    if period is None and preview.needs_period(mapping):
        hint = (f" (the file suggests --period {preview.proposed_period})"
                if preview.proposed_period else "")
        raise ValidationError(f"{path.name} has no date on its rows: give the period it covers "
                              f"with --period START..END{hint}.")
    try:
        mapping.resolve(preview.columns)
    except ValidationError as error:
        if error.field == "fixed_channel":
            raise ValidationError(f"{path.name} does not say which channel its results are "
                                  "from: give it with --channel NAME.") from None
        raise
    request = ImportRequest(path, mapping, profile.name, period, args.good_rows_only)
    try:
        result = run_import(uow, request)
    except ImportProblemsError as error:
        print(f"error: {error.message}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(_report(result))
    return 0


def _report(result: ImportResult) -> str:
    lines = [f"Imported {counted(result.records, 'figure')} from "
             f"{counted(result.rows_imported, 'row')} of "
             f"{result.file_name} ({result.profile_name}, {result.period or 'no dates'})."]
    if result.problem_count:
        lines.append(f"Left out {counted(result.problem_count, 'bad row')}:")
        lines += [f"  {p}" for p in result.problems]
    if result.skipped:
        lines.append(f"Skipped {counted(len(result.skipped), 'total or empty row')}.")
    if result.unmatched:
        lines.append(f"{counted(result.matched_rows, 'row')} matched a board card; "
                     f"{counted(len(result.unmatched), 'title')} matched none, e.g. "
                     f"'{result.unmatched[0][0][:60]}'.")
    return "\n".join(lines)
