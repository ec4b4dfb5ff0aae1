"""The business case on a year of scaled demo data (10,000 cards, 1,000,000 metric records).

Prints, from the same run, the median time to build the whole report (figures,
charts drawn once each in the chart processes, the PDF laid out) next to the median
time to compute the same figures without drawing anything, and the time of the
session's first report (which also imports and starts the chart processes); then
the time of each figure's query run alone, so the slow ones are named, and of all
of them sharing their passes over the results as the report does. The file is opened once before
timing (its integrity
check on open is printed apart).

    python benchmarks/report.py [--runs 5] [--cards 10000] [--metrics 1000000] [--db PATH]
                                [--json]

``--db`` reuses a file written earlier by ``commonground demo PATH --cards N --metrics M``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _table import Figure, add_json_flag, print_json  # noqa: E402

AIM_S = 3.0


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _write(path: Path, cards: int, metrics: int) -> None:
    from desktop.demo import write_demo

    seconds = timed(lambda: write_demo(path, cards=cards, metrics=metrics).dispose())
    print(f"demo team written: {cards:,} cards, {metrics:,} metric records in {seconds:.1f} s")


def _query_times(uow, request) -> tuple[list[tuple[str, float]], float]:
    """Each query alone, slowest first, and all of them sharing their passes over the results."""
    from desktop import analytics
    from desktop.report import report_data

    period = request.period
    start, end = period.start, period.end
    queries = {
        "analytics.best_hours": lambda u: analytics.best_hours(u, start, end),
        "analytics.activity_heatmap": lambda u: analytics.activity_heatmap(u, start, end),
        "analytics.content_by_kind": lambda u: analytics.content_by_kind(u, start, end),
        "analytics.content_by_tag": lambda u: analytics.content_by_tag(u, start, end),
        "analytics.word_lift": lambda u: analytics.word_lift(u, start, end),
        "analytics.channel_performance": lambda u: analytics.channel_performance(u, start, end),
        "analytics.influencers": lambda u: analytics.influencers(u, start, end),
        "report_data.card_results": lambda u: report_data.card_results(u, period),
        "report_data.records_by_import": lambda u: report_data.records_by_import(u, period),
    }
    alone = sorted(((name, timed(lambda q=query: q(uow))) for name, query in queries.items()),
                   key=lambda item: -item[1])
    shared = analytics.SharedPasses(uow)
    return alone, timed(lambda: [query(shared) for query in queries.values()])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--metrics", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="a scaled demo file written earlier")
    add_json_flag(parser)
    args = parser.parse_args()
    from desktop.report.builder import build_report
    from desktop.report.gatherer import QUERY_WORKERS
    from desktop.report.report_data import compute_report
    from desktop.report.request import ReportRequest, range_period
    from desktop.team_file import UnitOfWork, open_database

    with tempfile.TemporaryDirectory() as folder:
        from desktop.self_test import keep_user_folders_inside

        keep_user_folders_inside(Path(folder))  # no backups or recent files in the person's folders
        path = args.db
        if path is None:
            path = Path(folder) / "bench.cgdb"
            _write(path, args.cards, args.metrics)
        started = time.perf_counter()
        database = open_database(path)
        print(f"file opened (integrity check included) in {time.perf_counter() - started:.2f} s")
        uow = UnitOfWork(database)
        today = date.today()
        request = ReportRequest(range_period(today - timedelta(days=364), today),
                                title="Benchmark", today=today)
        target = Path(folder) / "report.pdf"
        # The session's first report: imports, fonts, first query plans, chart processes.
        first_s = timed(lambda: build_report(uow, request, target))
        figures, whole, pages = [], [], 0
        for _ in range(args.runs):
            figures.append(timed(lambda: compute_report(uow, request)))
            started = time.perf_counter()
            pages = build_report(uow, request, target).pages
            whole.append(time.perf_counter() - started)
        queries, shared_s = _query_times(uow, request)
        database.dispose()

    figures_s, whole_s = statistics.median(figures), statistics.median(whole)
    print(f"\nReport for {request.period.label}, {args.runs} runs, medians "
          f"({QUERY_WORKERS} query threads):")
    print(f"  figures alone (compute_report)           {figures_s:6.2f} s")
    print(f"  whole report ({pages} pages, charts, PDF)    {whole_s:6.2f} s   "
          f"aim {AIM_S:.0f} s: {'met' if whole_s <= AIM_S else 'not met'}")
    print(f"  drawing and layout (the difference)      {whole_s - figures_s:6.2f} s")
    print(f"  the session's first report, one run      {first_s:6.2f} s   (imports, chart "
          "processes starting)")
    print("\nEach query alone, one run, slowest first:")
    for name, seconds in queries:
        print(f"  {name:36} {seconds:6.2f} s")
    print(f"  {'sum of the queries run one by one':36} {sum(s for _, s in queries):6.2f} s")
    print(f"  {'the same, sharing their two passes':36} {shared_s:6.2f} s")
    if args.json:
        print_json([Figure("report", f"whole report, {pages} pages", whole_s,
                           "the same figures, nothing drawn", figures_s, args.runs,
                           f"{args.cards:,} cards, {args.metrics:,} records")])


if __name__ == "__main__":
    main()
