"""Start-up time: process start to the main window shown, on a 10,000-card team file.

Prints, from the same run, the median for Common Ground and for a bare PySide6
window (the floor no Qt app can beat), and their ratio. Each run is a fresh
process, so imports are counted as a person would feel them.

    python benchmarks/startup.py [--runs 7] [--cards 10000]
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
from ui.app import launch
app, window = launch(["--db", sys.argv[1]], person_id=1)
app.processEvents()
assert window.context is not None and window.isVisible()
print("shown", flush=True)
"""


def time_to_shown(code: str, *args: str) -> float:
    """Seconds from starting the process until it reports the window shown."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    _out, err = process.communicate(timeout=120)
    if line.strip() != "shown":
        raise RuntimeError(f"the window was not shown: {err}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        path = Path(folder) / "bench.cgdb"
        sys.path.insert(0, str(ROOT))
        from desktop.demo import write_demo

        write_demo(path, cards=args.cards).dispose()
        time_to_shown(BARE)  # warm the OS file cache for both
        time_to_shown(APP, str(path))
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(time_to_shown(BARE))
            app.append(time_to_shown(APP, str(path)))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    print(f"startup.main_window_shown  median {app_median:.3f} s  ({args.cards:,} cards, {args.runs} runs)")
    print(f"startup.bare_pyside6       median {bare_median:.3f} s")
    print(f"startup.ratio              {app_median / bare_median:.2f}x  (aim: under 4x)")


if __name__ == "__main__":
    main()
