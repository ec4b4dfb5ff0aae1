"""``commonground report``: the business case as a PDF, without a screen.

Exit codes: 0 written; 1 the team file or the PDF could not be opened or
written (``desktop.cli`` turns those errors into one line); 2 the request
itself is wrong (an unknown quarter, campaign or section, a bad date).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from db.database import open_database
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError
from desktop.numbers import counted
from desktop.report.request import (
    ALL_SECTIONS,
    SECTIONS,
    Period,
    ReportRequest,
    campaign_ids_named,
    quarter_period,
    range_period,
)

BAD_REQUEST = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="the team file")
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--quarter", help="the quarter, like 2026-Q3")
    when.add_argument("--from", dest="start", metavar="DATE",
                      help="first day (YYYY-MM-DD), with --to")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last day (YYYY-MM-DD)")
    parser.add_argument("--campaign", action="append", default=[], metavar="NAME",
                        help="only this campaign (repeat for more)")
    parser.add_argument("--sections", metavar="LIST",
                        help=f"comma-separated, of: {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--title", default="", help="the report's title")
    parser.add_argument("--prepared-by", default="", help="who prepared it, for the cover")
    parser.add_argument("-o", "--output", required=True, help="the PDF file to write")


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{option} '{text}' is not a date; write it like 2026-03-31.",
                              field=option) from None


def period_from(args: argparse.Namespace) -> Period:
    if args.quarter:
        if args.end:
            raise ValidationError("Give either --quarter or --from and --to, not both.")
        return quarter_period(args.quarter)
    return range_period(_day(args.start, "--from"), _day(args.end, "--to"))


def sections_from(text: str | None) -> frozenset[str]:
    if not text:
        return ALL_SECTIONS
    chosen = frozenset(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = sorted(chosen - ALL_SECTIONS)
    if unknown or not chosen:
        raise ValidationError(f"Unknown sections: {', '.join(unknown) or '(none given)'}. "
                              f"Choose from: {', '.join(SECTIONS)}.", field="sections")
    return chosen


def run(args: argparse.Namespace) -> int:
    try:
        period, sections = period_from(args), sections_from(args.sections)
    except ValidationError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return BAD_REQUEST
    database = open_database(Path(args.db))
    try:
        uow = UnitOfWork(database)
        try:
            campaigns = campaign_ids_named(uow, args.campaign)
        except ValidationError as error:
            print(f"error: {error.message}", file=sys.stderr)
            return BAD_REQUEST
        request = ReportRequest(period, campaigns, sections, args.title, args.prepared_by)
        from desktop import chart_processes
        from desktop.report.builder import build_report  # reportlab and matplotlib load here

        chart_processes.draw_in_this_process()  # one report: a process would cost more
        built = build_report(uow, request, Path(args.output))
    finally:
        database.dispose()
    print(f"Wrote {counted(built.pages, 'page')} to {args.output}.")
    return 0
