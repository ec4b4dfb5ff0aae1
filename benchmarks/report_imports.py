"""What ``commonground report`` imports before it starts on the report.

Each run is a fresh process that parses a report command line and imports what
the command then uses (``desktop.cli``, the report command, the builder), as
the command does; the floor is a process importing only the libraries a report
cannot do without (SQLAlchemy's ORM and reportlab's layout). Prints the
medians, their ratio, and whether matplotlib was imported in the command's own
process (it should not be: the charts are drawn in chart processes).

    python benchmarks/report_imports.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _table import Figure, add_json_flag, print_json, seconds_text

ROOT = Path(__file__).resolve().parent.parent

COMMAND = """
import sys
from desktop.cli import build_parser
build_parser().parse_args(["report", "--db", "team.cgdb", "--quarter", "2026-Q4",
                           "-o", "case.pdf"])
import desktop.report.command, desktop.report.builder
print("matplotlib" if "matplotlib" in sys.modules else "no matplotlib")
"""

FLOOR = """
import sqlalchemy.orm, reportlab.platypus
print("no matplotlib")
"""


def timed(code: str) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="three runs")
    add_json_flag(parser)
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    command, floor, seen = [], [], set()
    for _ in range(runs):  # interleaved, so both see the same load on the machine
        seconds, said = timed(COMMAND)
        command.append(seconds)
        seen.add(said)
        floor.append(timed(FLOOR)[0])
    command_s, floor_s = statistics.median(command), statistics.median(floor)
    print(f"report command's imports: {seconds_text(command_s)}; "
          f"SQLAlchemy and reportlab alone: {seconds_text(floor_s)}; "
          f"ratio {command_s / floor_s:.2f}; {', '.join(sorted(seen))} in its process")
    if args.json:
        print_json([Figure("report_imports", "report command's imports", command_s,
                           "SQLAlchemy ORM and reportlab alone", floor_s, runs,
                           ", ".join(sorted(seen)))])


if __name__ == "__main__":
    main()
