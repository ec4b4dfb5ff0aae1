"""The soak, short: the real window driven for a few hundred actions while a teammate's
process edits the file (benchmarks/soak.py; the long one runs in ``make bench``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from soak import exit_text, run_soak  # noqa: E402

from ui.shell.pages import PAGES  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.slow]
REPAINTS, SWITCHES = 150, len(PAGES)  # one round: every page, each page's dialog


@pytest.fixture(scope="module")
def soaked():
    return run_soak(repaints=REPAINTS, switches=SWITCHES, cards=300, every=0.3,
                    report_every=0, dialogs_every=1, timeout=240)


def test_the_window_survives_and_did_what_was_asked(soaked) -> None:
    assert soaked.exit == "exit 0", soaked.stderr
    report = soaked.report
    assert tuple(map(int, report["python"].split(".")[:2])) >= (3, 12)
    assert report["problems"] == []
    assert report["board_repaints"] == REPAINTS
    assert report["column_paints"] >= REPAINTS * 6  # six columns painted each time
    assert report["wheel_steps"] == REPAINTS
    assert report["page_switches"] == SWITCHES
    assert report["drops"] == 1 and report["keystrokes"] > 0 and report["period_changes"] == 1
    assert {"CardDialog", "GoalDialog", "EventDialog", "RequestDialog", "ImportDialog",
            "ShortcutsDialog"} <= set(report["dialogs"])
    assert report["actions"] > 300


def test_none_true_and_false_keep_their_references(soaked) -> None:
    start, end = soaked.report["refcounts_start"], soaked.report["refcounts_end"]
    assert set(start) == {"None", "True", "False"}
    assert end == start  # immortal from 3.12; PySide6 6.12 on 3.11 ran them down


def test_memory_stays_bounded(soaked) -> None:
    report = soaked.report
    assert report["rss_warm_kb"] and report["rss_end_kb"]
    assert (report["rss_end_kb"] - report["rss_warm_kb"]) / 1024 < 50


def test_the_teammate_s_changes_reach_the_window(soaked) -> None:
    assert soaked.teammate["changes"] > 0
    assert soaked.report["live_refreshes"] > 0


def test_an_abort_is_reported_as_a_death_with_its_signal() -> None:
    aborted = subprocess.run([sys.executable, "-c", "import os; os.abort()"],
                             capture_output=True)
    assert exit_text(aborted.returncode) == "died (SIGABRT)"
    assert exit_text(0) == "exit 0"
