"""The Analytics page on a year of scaled demo data (10,000 cards, 1,000,000 metric records).

Walks the page as a person does: each quarter of the year picked in the period box, and
in each every tab shown, so each step computes one tab's figures and draws its chart.
Prints from the same run the median time of a step (from the click until the figures
and the chart are on screen) next to its floor, the same figures computed with nothing
drawn and no window, and the longest time the window's thread went without running its
event loop during a walk (median over the walks, and the longest of all).

    python benchmarks/analytics.py [--runs 3] [--cards 10000] [--metrics 1000000] [--db PATH]
                                   [--json]

``--db`` reuses a file written earlier by ``commonground demo PATH --cards N --metrics M``.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _table import Figure, add_json_flag, print_json  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Gaps:
    """The longest time the window's thread went without running a 10 ms timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last - 0.010)
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        return max(0.0, self.longest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--metrics", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="a scaled demo file written earlier")
    add_json_flag(parser)
    args = parser.parse_args()
    from PySide6.QtGui import QUndoStack

    from db.enums import Department
    from desktop import people
    from desktop.demo import write_demo
    from desktop.team_file import UnitOfWork, open_database
    from ui.results import analytics_figures
    from ui.results.analytics_page import AnalyticsPage
    from ui.shell.application import create_application
    from ui.shell.context import TeamContext
    from ui.shell.tasks import task_manager

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        from desktop.self_test import keep_user_folders_inside

        keep_user_folders_inside(Path(folder))  # no backups or recent files in the person's folders
        path = args.db
        if path is None:
            path = Path(folder) / "bench.cgdb"
            write_demo(path, cards=args.cards, metrics=args.metrics).dispose()
        database = open_database(path)
        uow = UnitOfWork(database)
        lead = next(p for p in people.list_people(uow) if p.department is Department.LEADERSHIP)
        page = AnalyticsPage(QUndoStack())
        page.resize(1280, 800)
        page.show()

        def settle() -> None:
            task_manager().wait_idle(120_000)
            app.processEvents()

        page.set_context(TeamContext(database, lead))
        settle()
        gc.freeze()  # what start-up made, out of the collector's passes (as the app does)
        quarters = [page.period_box.itemData(i) for i in range(page.period_box.count())
                    if str(page.period_box.itemData(i) or "").count("-Q")][-4:]
        tabs = [page.tabs.widget(i) for i in range(page.tabs.count())]
        steps: dict[str, list[float]] = {}
        floors: dict[str, list[float]] = {}
        longest: list[float] = []
        for _ in range(args.runs):
            gaps = Gaps()
            for quarter in quarters:
                page.tabs.setCurrentIndex(0)
                started = time.perf_counter()
                page.period_box.setCurrentIndex(page.period_box.findData(quarter))
                settle()
                steps.setdefault(tabs[0].key, []).append(time.perf_counter() - started)
                for tab in tabs[1:]:
                    started = time.perf_counter()
                    page.tabs.setCurrentWidget(tab)
                    settle()
                    steps.setdefault(tab.key, []).append(time.perf_counter() - started)
            longest.append(gaps.stop())
        # The floor: each tab's figures for each quarter, computed alone, nothing drawn.
        for quarter in quarters:
            page.period_box.setCurrentIndex(page.period_box.findData(quarter))
            settle()
            selection = page.selection()
            for tab in tabs:
                started = time.perf_counter()
                analytics_figures.FIGURES[tab.key](uow, analytics_figures.Request(tab.key, selection))
                floors.setdefault(tab.key, []).append(time.perf_counter() - started)
        page.close()
        settle()
        database.dispose()

    step_s = statistics.median([s for times in steps.values() for s in times])
    floor_s = statistics.median([s for times in floors.values() for s in times])
    gap_s, worst_s = statistics.median(longest), max(longest)
    size = f"{args.cards:,} cards, {args.metrics:,} records"
    if args.json:
        print_json([Figure("analytics", "one tab's figures and chart on screen", step_s,
                           "the same figures computed alone, nothing drawn", floor_s,
                           args.runs * len(quarters) * len(tabs), size)])
        print(f"analytics: the window's thread stood still for at most {gap_s * 1000:.0f} ms "
              f"(median of {args.runs} walks; longest {worst_s * 1000:.0f} ms)")
        return
    print(f"{size}; {args.runs} walks through {len(quarters)} quarters x {len(tabs)} tabs:")
    print(f"{'tab':12} {'on screen':>10} {'figures alone':>14}   (medians)")
    for key in steps:
        print(f"{key:12} {statistics.median(steps[key]) * 1000:8.0f} ms "
              f"{statistics.median(floors[key]) * 1000:11.0f} ms")
    print(f"{'every step':12} {step_s * 1000:8.0f} ms {floor_s * 1000:11.0f} ms")
    print(f"longest stand-still of the window's thread per walk: median {gap_s * 1000:.0f} ms, "
          f"longest {worst_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
