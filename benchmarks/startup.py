"""Start-up time: process start to the main window shown, on a 10,000-card team file.

Prints, from the same run, the medians for Common Ground (the window on screen,
and the Goals page filled with the file's data) and for a bare PySide6 window
(the floor no Qt app can beat), and the ratios. Each run is a fresh process, so
imports are counted as a person would feel them.

    python benchmarks/startup.py [--runs 7] [--cards 10000] [--json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _table import Figure, add_json_flag, print_json

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1400, 900)
window.show()
app.processEvents()
print("shown", flush=True)
"""

APP = """
import sys
from ui.shell.application import launch
app, window = launch(["--db", sys.argv[1]], person_id=1,
                     on_shown=lambda: print("shown", flush=True))
from ui.shell.tasks import task_manager
task_manager().wait_idle(60_000)  # the page loads in the background
assert window.context is not None and window.page("goals").goal_model.rowCount() > 0
print("filled", flush=True)
"""


def time_to_shown(code: str, *args: str) -> tuple[float, float]:
    """Seconds from starting the process until it reports the window shown, and filled."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    shown = time.perf_counter() - started
    filled = shown
    if code is APP:
        line = process.stdout.readline().replace("filled", "shown")
        filled = time.perf_counter() - started
    _out, err = process.communicate(timeout=120)
    if line.strip() != "shown":
        raise RuntimeError(f"the window was not shown: {err}")
    return shown, filled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=int, default=10_000)
    add_json_flag(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.cgdb"
        sys.path.insert(0, str(ROOT))
        from desktop.demo import write_demo
        from desktop.self_test import keep_user_folders_inside

        keep_user_folders_inside(Path(folder))  # no backups or recent files in the person's folders

        write_demo(path, cards=args.cards).dispose()
        time_to_shown(BARE)  # warm the OS file cache for both
        time_to_shown(APP, str(path))
        bare, shown, filled = [], [], []
        for _ in range(args.runs):
            bare.append(time_to_shown(BARE)[0])
            app_shown, app_filled = time_to_shown(APP, str(path))
            shown.append(app_shown)
            filled.append(app_filled)
    floor = statistics.median(bare)
    if args.json:
        floor_name = "bare PySide6 window shown"
        print_json([
            Figure("startup", "main window shown", statistics.median(shown), floor_name, floor,
                   args.runs, f"{args.cards:,} cards"),
            Figure("startup", "Goals page filled from the file", statistics.median(filled),
                   floor_name, floor, args.runs, f"{args.cards:,} cards")])
        return
    print(f"{args.cards:,} cards, {args.runs} runs, medians:")
    print(f"startup.bare_pyside6_window   {floor:.3f} s  (floor)")
    for name, times in (("main_window_shown", shown), ("goals_page_filled", filled)):
        median = statistics.median(times)
        print(f"startup.{name:<21} {median:.3f} s  {median / floor:.2f}x the floor")


if __name__ == "__main__":
    main()
