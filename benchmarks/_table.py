"""One table for every benchmark: the figures each script measured, and the runner.

Every script in ``benchmarks/`` (those not starting with ``_``) takes ``--json``:
it then prints one JSON object per figure on its standard output, made by
``Figure.json()``; any other line it prints (a count, a check that passed) is
shown under the table. ``make bench`` runs this module, which
runs each script that way and prints one Markdown table: the figure, its
median over repeated runs, its floor (the least any program could do for the
same result, measured in the same run) and the ratio of the two.

    python benchmarks/_table.py [--quick]

``--quick`` passes each script its small sizes, to check the scripts work.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: Arguments that make each script small enough for a quick check of the table.
QUICK_ARGS = {"analytics.py": ["--runs", "1", "--cards", "300", "--metrics", "2000"],
              "startup.py": ["--runs", "2", "--cards", "300"],
              "board.py": ["--runs", "2", "--cards", "300"],
              "activity.py": ["--runs", "2", "--cards", "300"],
              "import.py": ["--runs", "2", "--rows", "2000"],
              "concurrency.py": ["--processes", "2", "--writes", "20", "--kills", "3",
                                 "--hold", "2"],
              "report.py": ["--runs", "1", "--cards", "300", "--metrics", "2000"],
              "soak.py": ["--repaints", "100", "--switches", "14", "--cards", "300",
                          "--report-every", "0"]}


@dataclass(frozen=True)
class Figure:
    """One measured figure in seconds, and its floor from the same run."""

    script: str
    name: str
    median: float
    floor_name: str
    floor: float
    runs: int
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.median / self.floor if self.floor > 0 else float("inf")

    def json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Figure:
        return cls(**json.loads(text))


def median_time(runs: int, action: Callable[[], object]) -> float:
    """The median wall-clock seconds of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print the figures as JSON lines, for `make bench`")


def print_json(figures: Iterable[Figure]) -> None:
    for figure in figures:
        print(figure.json(), flush=True)


def seconds_text(seconds: float) -> str:
    """``0.204 s`` above a second's tenth, ``12.3 ms`` below it."""
    if seconds >= 0.1:
        return f"{seconds:.3g} s" if seconds < 100 else f"{seconds:,.0f} s"
    return f"{seconds * 1000:.3g} ms"


def table(figures: Iterable[Figure]) -> str:
    """The Markdown table of the figures, in the order given."""
    lines = ["| figure | median | floor, measured in the same run | floor median | ratio | runs |",
             "|---|---|---|---|---|---|"]
    for f in figures:
        name = f"{f.script}: {f.name}" + (f" ({f.note})" if f.note else "")
        lines.append(f"| {name} | {seconds_text(f.median)} | {f.floor_name} | "
                     f"{seconds_text(f.floor)} | {f.ratio:.2f}x | {f.runs} |")
    return "\n".join(lines)


def machine() -> str:
    """What the figures were measured on, in words that name no machine or person."""
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")


@dataclass(frozen=True)
class ScriptRun:
    script: str
    figures: list[Figure]
    text: str  # what else the script printed (shown under the table)
    error: str


def run_script(path: Path, extra: list[str]) -> ScriptRun:
    """Run one script with ``--json``; a script that does not know the flag yet runs plainly."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    command = [sys.executable, str(path), *extra]
    result = subprocess.run([*command, "--json"], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    if result.returncode == 2 and "--json" in result.stderr:
        plain = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        return ScriptRun(path.name, [], plain.stdout,
                         plain.stderr if plain.returncode else "")
    if result.returncode != 0:
        return ScriptRun(path.name, [], "", result.stderr.strip() or result.stdout.strip())
    lines = result.stdout.splitlines()
    figures = [Figure.from_json(line) for line in lines if line.startswith("{")]
    text = "".join(f"{line}\n" for line in lines if line.strip() and not line.startswith("{"))
    return ScriptRun(path.name, figures, text, "")


def scripts() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if not p.name.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark; print one table.")
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the scripts")
    args = parser.parse_args(argv)
    runs = []
    for path in scripts():
        print(f"running {path.name}…", file=sys.stderr, flush=True)
        runs.append(run_script(path, QUICK_ARGS.get(path.name, []) if args.quick else []))
    figures = [figure for run in runs for figure in run.figures]
    print(f"Measured {date.today().isoformat()} on {machine()}; "
          "medians, each next to its floor from the same run.\n")
    print(table(figures))
    for run in runs:
        if run.text:
            print(f"\n{run.script} also says:\n{run.text.rstrip()}")
    failed = [run for run in runs if run.error]
    for run in failed:
        print(f"\n{run.script} failed: {run.error.splitlines()[-1]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
