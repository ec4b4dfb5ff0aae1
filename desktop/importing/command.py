"""``commonground import``: import one export from the command line.

Guesses the profile from the file's columns unless ``--profile`` names one, takes
the period from the file where the file states it, and stops with the option to
give when it needs a choice the file cannot answer (the profile, the period, the
channel). What the dialog lets a person choose can be said here too: the sheet
(``--sheet``), a column's metric (``--map "Unique_Opens=opens"``), the date, title
and channel columns; ``--dry-run`` says what was recognised and stores nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from db.database import open_database
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError
from desktop.importing.bundle import import_bundle, is_bundle
from desktop.importing.importer import (
    ImportProblemsError,
    ImportRequest,
    ImportResult,
    Preview,
    preview_file,
    run_import,
)
from desktop.importing.mapping import ColumnMapping, find_column
from desktop.importing.period import Period, parse_period
from desktop.importing.profiles import find_profile
from desktop.numbers import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="the team file to import into")
    parser.add_argument("--profile", help="the column mapping to use (guessed when not given)")
    parser.add_argument("--period", help="START..END, for exports without a date per row")
    parser.add_argument("--channel", help="the channel, for exports that do not name one")
    parser.add_argument("--good-rows-only", action="store_true",
                        help="import the good rows when some rows are bad")
    parser.add_argument("--sheet", default="", help="the sheet of a workbook to take")
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=METRIC",
                        help="read a column as a metric (repeat for more)")
    parser.add_argument("--date", help="the column with each row's date")
    parser.add_argument("--title", help="the column with each row's title")
    parser.add_argument("--channel-column", help="the column naming each row's channel")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what was recognised, and store nothing")
    parser.add_argument("file", help="the CSV, TSV or XLSX export, or the folder or zip of a "
                                     "tool's export of several files")


def run(args: argparse.Namespace) -> int:
    database = open_database(Path(args.db))
    try:
        return _import(UnitOfWork(database), args)
    finally:
        database.dispose()


def _import(uow: UnitOfWork, args: argparse.Namespace) -> int:
    path = Path(args.file)
    if is_bundle(path):
        return _import_bundle(uow, path, args)
    preview = preview_file(uow, path, args.sheet)
    if preview.duplicate_of is not None:
        earlier = preview.duplicate_of
        print(f"{path.name} was imported already on {earlier.imported_at:%Y-%m-%d}; "
              "nothing was added.")
        return 0
    profile = find_profile(uow, args.profile) if args.profile else preview.profile
    if profile is None and not args.map:
        raise ValidationError(
            f"No profile fits the columns of {path.name} ({', '.join(preview.columns[:8])}). "
            "Name one with --profile, or say which columns to read with --map COLUMN=METRIC.")
    mapping = _mapping(profile.mapping if profile else ColumnMapping(), args, preview.columns)
    profile_name = profile.name if profile else "Columns given on the command line"
    if args.channel:
        mapping = replace(mapping, channel="", fixed_channel=args.channel)
    period = parse_period(args.period) if args.period else None
    if period is None and preview.needs_period(mapping):
        if preview.proposed_period is None:
            raise ValidationError(f"{path.name} has no date on its rows and does not say which "
                                  "period it covers: give it with --period START..END.")
        period = preview.proposed_period
    try:
        mapping.resolve(preview.columns)
    except ValidationError as error:
        if error.field == "fixed_channel":
            raise ValidationError(f"{path.name} does not say which channel its results are "
                                  "from: give it with --channel NAME.") from None
        raise
    if args.dry_run:
        print(_recognised(preview, profile_name, mapping.resolve(preview.columns), period))
        return 0
    request = ImportRequest(path, mapping, profile_name, period, args.good_rows_only,
                            args.sheet)
    try:
        result = run_import(uow, request)
    except ImportProblemsError as error:
        print(f"error: {error.message}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\n".join([_report(result), *_explained(result)]))
    return 0


def _import_bundle(uow: UnitOfWork, path: Path, args: argparse.Namespace) -> int:
    """A folder or zip of a tool's export: each part as what it is (see ``bundle``)."""
    found = import_bundle(uow, path, parse_period(args.period) if args.period else None)
    for result in found.results:
        if result.duplicate_of is not None:
            print(f"{result.file_name} was imported already; nothing was added.")
        else:
            print("\n".join([_report(result), *_explained(result)]))
    for why in found.left_out:
        print(f"Left out {why}.")
    return 0


def _explained(result: ImportResult) -> list[str]:
    """Why rows were skipped, and the figures left out as stored before."""
    lines = []
    if result.skipped:
        reasons = Counter(problem.message for problem in result.skipped)
        lines.append("The rows skipped: " + "; ".join(
            f"{count} {why}" for why, count in reasons.most_common()) + ".")
    if result.already_stored:
        lines.append(f"Left out {result.already_stored:,} figures stored before (the same "
                     "channel, period, piece and metric).")
    return lines


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


def _mapping(mapping: ColumnMapping, args: argparse.Namespace,
             columns: tuple[str, ...]) -> ColumnMapping:
    """The profile's mapping with the columns the command line names."""
    metrics = list(mapping.metrics)
    for pair in args.map:
        column, _, metric = pair.partition("=")
        column, metric = column.strip(), "_".join(metric.strip().lower().split())
        if not column or not metric:
            raise ValidationError(f"'{pair}' is not a column and a metric; write it like "
                                  "--map \"Unique_Opens=opens\".")
        if not find_column(column, columns):
            raise ValidationError(f"The file has no column '{column}'; its columns are "
                                  f"{', '.join(columns[:12])}.")
        metrics = [(c, m) for c, m in metrics if find_column(c, columns) != find_column(
            column, columns)] + [(column, metric)]
    changes: dict[str, object] = {"metrics": tuple(metrics)}
    for option, role in (("date", "timestamp"), ("title", "content"),
                         ("channel_column", "channel")):
        column = getattr(args, option)
        if column:
            if not find_column(column, columns):
                raise ValidationError(f"The file has no column '{column}' for --"
                                      f"{option.replace('_', '-')}.")
            changes[role] = column
    return replace(mapping, **changes)


def _recognised(preview: Preview, profile_name: str, mapping: ColumnMapping,
                period: Period | None) -> str:
    """What ``--dry-run`` prints: what the file is, and how each column would be read."""
    layout = preview.layout
    lines = [f"{layout.path.name}: {layout.describe}, header on line {layout.header_line}.",
             f"Profile: {profile_name}."]
    roles = (("date", mapping.timestamp), ("until", mapping.until), ("hour", mapping.hour),
             ("channel", mapping.channel), ("title", mapping.content), ("link", mapping.link),
             ("outlet", mapping.outlet), ("author", mapping.author))
    lines += [f"  {column} -> the {role}" for role, column in roles if column]
    if mapping.fixed_channel and not mapping.channel:
        lines.append(f"  every row -> channel {mapping.fixed_channel}")
    lines += [f"  {column} -> {metric}" for column, metric in mapping.metrics]
    if period is not None and not mapping.timestamp:
        lines.append(f"Every row covers {period} (as the file says, or as given).")
    ignored = [c for c in preview.columns if c and c not in mapping.columns]
    if ignored:
        lines.append(f"Not read: {', '.join(ignored)}.")
    lines.append("Nothing was stored (--dry-run).")
    return "\n".join(lines)
