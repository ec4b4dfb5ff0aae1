"""``commonground --self-test`` on the source tree (CI runs it on the built program too)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.errors import ValidationError
from desktop.self_test import StepResult, run_steps
from ui.tools import self_test

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_self_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    before = sorted(home.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.app import main; sys.exit(main())",
         "--self-test"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok   version", "ok   demo team", "ok   check", "ok   PDF report",
        "ok   calendar export", "ok   main window"]
    assert lines[-1] == "self-test: 6 passed, 0 failed"
    from ui.shell.pages import PAGES

    assert f"{len(PAGES)} pages shown" in lines[-2]
    assert sorted(home.rglob("*")) == before  # no settings, backups or demo file of ours
    assert list(tmp_path.glob("commonground-self-test-*")) == []  # its own folder is gone


def test_a_failed_step_stops_the_run_with_its_reason() -> None:
    ran: list[str] = []

    def refuse() -> str:
        ran.append("second")
        raise ValidationError("The quarter 2026-Q9 does not exist.")

    results = run_steps([("first", lambda: ran.append("first") or "fine"),
                         ("second", refuse),
                         ("third", lambda: ran.append("third") or "never")])
    assert ran == ["first", "second"]
    assert [(r.name, r.ok) for r in results] == [("first", True), ("second", False)]
    assert results[1].detail == "ValidationError: The quarter 2026-Q9 does not exist."
    assert results[1].line().startswith("FAIL second: ValidationError: The quarter")


def test_a_failure_exits_non_zero_and_says_where(monkeypatch, capsys) -> None:
    failed = [StepResult("version", True, "Common Ground 0.1.0", 0.1),
              StepResult("PDF report", False, "OSError: the disk is full", 0.2)]
    monkeypatch.setattr(self_test, "run", lambda _folder: failed)
    assert self_test.main([]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ['The self-test failed at "PDF report": OSError: the disk is full',
                   "self-test: 1 passed, 1 failed"]


def test_arguments_are_refused(capsys) -> None:
    assert self_test.main(["--fast"]) == 2
    assert "takes no arguments" in capsys.readouterr().out
