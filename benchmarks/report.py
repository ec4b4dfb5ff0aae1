"""The business case on a year of scaled demo data (10,000 cards, 1,000,000 metric records).

Prints, from the same run, the median time to build the whole report (figures,
charts drawn once each, the PDF laid out) next to the median time to compute the
same figures without drawing anything, then the time of each figure's query run
alone, so the slow ones are named. The file is opened once before timing (its
integrity check on open is printed apart).

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


def timed(action) -> float:  # noqa: ANN001
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _write(path: Path, cards: int, metrics: int) -> None:
    from desktop.demo import write_demo

    seconds = timed(lambda: write_demo(path, cards=cards, metrics=metrics).dispose())
    print(f"demo team written: {cards:,} cards, {metrics:,} metric records in {seconds:.1f} s")


def _query_times(uow, request) -> list[tuple[str, float]]:  # noqa: ANN001
    from desktop import analytics
    from desktop.report import report_data

    period = request.period
    start, end = period.start, period.end
    queries = {
        "analytics.best_hours": lambda: analytics.best_hours(uow, start, end),
        "analytics.activity_heatmap": lambda: analytics.activity_heatmap(uow, start, end),
        "analytics.content_by_kind": lambda: analytics.content_by_kind(uow, start, end),
        "analytics.content_by_tag": lambda: analytics.content_by_tag(uow, start, end),
        "analytics.word_lift": lambda: analytics.word_lift(uow, start, end),
        "analytics.channel_performance": lambda: analytics.channel_performance(uow, start, end),
        "analytics.influencers": lambda: analytics.influencers(uow, start, end),
        "report_data.card_results": lambda: report_data.card_results(uow, period),
        "report_data.records_by_import": lambda: report_data.records_by_import(uow, period),
    }
    return sorted(((name, timed(query)) for name, query in queries.items()),
                  key=lambda item: -item[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--metrics", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="a scaled demo file written earlier")
    add_json_flag(parser)
    args = parser.parse_args()
    from desktop.report.builder import build_report
    from desktop.report.report_data import QUERY_WORKERS, compute_report
    from desktop.report.request import ReportRequest, range_period
    from desktop.team_file import UnitOfWork, open_database

    with tempfile.TemporaryDirectory() as folder:
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
        build_report(uow, request, target)  # warm-up: imports, fonts, first query plans
        figures, whole, pages = [], [], 0
        for _ in range(args.runs):
            figures.append(timed(lambda: compute_report(uow, request)))
            started = time.perf_counter()
            pages = build_report(uow, request, target).pages
            whole.append(time.perf_counter() - started)
        queries = _query_times(uow, request)
        database.dispose()

    figures_s, whole_s = statistics.median(figures), statistics.median(whole)
    print(f"\nReport for {request.period.label}, {args.runs} runs, medians "
          f"({QUERY_WORKERS} query threads):")
    print(f"  figures alone (compute_report)           {figures_s:6.2f} s")
    print(f"  whole report ({pages} pages, charts, PDF)    {whole_s:6.2f} s   "
          f"aim {AIM_S:.0f} s: {'met' if whole_s <= AIM_S else 'not met'}")
    print(f"  drawing and layout (the difference)      {whole_s - figures_s:6.2f} s")
    print("\nEach query alone, one run, slowest first:")
    for name, seconds in queries:
        print(f"  {name:36} {seconds:6.2f} s")
    print(f"  {'sum of the queries run one by one':36} {sum(s for _, s in queries):6.2f} s")
    if args.json:
        print_json([Figure("report", f"whole report, {pages} pages", whole_s,
                           "the same figures, nothing drawn", figures_s, args.runs,
                           f"{args.cards:,} cards, {args.metrics:,} records")])


if __name__ == "__main__":
    main()
