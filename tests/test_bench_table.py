"""``make bench``: every benchmark's figures in one table, each next to its floor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from _table import Figure, run_script, scripts, seconds_text, table  # noqa: E402


def test_the_table_shows_median_floor_and_ratio() -> None:
    figures = [Figure("startup", "main window shown", 0.204, "bare PySide6 window shown", 0.158,
                      7, "10,000 cards"),
               Figure("board", "text filter, one keystroke", 0.0123, "the filter alone", 0.0041,
                      7)]
    lines = table(figures).splitlines()
    assert lines[0].startswith("| figure | median | floor")
    assert lines[2] == ("| startup: main window shown (10,000 cards) | 0.204 s | "
                        "bare PySide6 window shown | 0.158 s | 1.29x | 7 |")
    assert lines[3] == ("| board: text filter, one keystroke | 12.3 ms | the filter alone | "
                        "4.1 ms | 3.00x | 7 |")
    assert Figure.from_json(figures[0].json()) == figures[0]


def test_seconds_are_written_for_people() -> None:
    assert [seconds_text(s) for s in (0.00012, 0.0451, 0.204, 17.58, 420.0)] == [
        "0.12 ms", "45.1 ms", "0.204 s", "17.6 s", "420 s"]


def test_a_script_is_read_through_its_json(tmp_path: Path) -> None:
    script = tmp_path / "fake.py"
    script.write_text(
        f"import sys\nsys.path.insert(0, {str(BENCHMARKS)!r})\nfrom _table import Figure\n"
        "assert sys.argv[1:] == ['--json']\n"

        "print(Figure('fake', 'open', 0.3, 'nothing', 0.1, 3).json())\n")
    run = run_script(script, [])
    assert run.error == "" and run.text == ""
    assert [(f.name, round(f.ratio, 2)) for f in run.figures] == [("open", 3.0)]


def test_a_script_without_json_yet_is_shown_as_it_prints(tmp_path: Path) -> None:
    script = tmp_path / "old.py"
    script.write_text("import argparse\nargparse.ArgumentParser().parse_args()\n"
                      "print('writers: 0 lost updates')\n")
    run = run_script(script, [])
    assert run.figures == [] and run.text == "writers: 0 lost updates\n" and run.error == ""


def test_other_lines_go_under_the_table(tmp_path: Path) -> None:
    script = tmp_path / "mixed.py"
    script.write_text(
        f"import sys\nsys.path.insert(0, {str(BENCHMARKS)!r})\nfrom _table import Figure\n"
        "print('kills: integrity check passed 3/3')\n"
        "print(Figure('mixed', 'commit', 0.02, 'alone', 0.01, 20).json())\n")
    run = run_script(script, [])
    assert len(run.figures) == 1 and run.text == "kills: integrity check passed 3/3\n"


def test_a_failing_script_says_why(tmp_path: Path) -> None:
    script = tmp_path / "broken.py"
    script.write_text("raise SystemExit('the demo team could not be written')\n")
    run = run_script(script, [])
    assert "could not be written" in run.error


@pytest.mark.parametrize("path", scripts(), ids=lambda p: p.name)
def test_every_benchmark_takes_json(path: Path) -> None:
    """Each script in benchmarks/ gives its figures to the one table."""
    result = subprocess.run([sys.executable, str(path), "--help"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0
    assert "--json" in result.stdout
