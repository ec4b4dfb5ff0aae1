"""``commonground --self-test``, the part without a screen: does this installation work?

Run on the installed program (CI runs it on the PyInstaller build), it proves
that what the build must carry is there: the migrations (a new file is created
through them), the demo team, the PDF font and reportlab (a report is built),
icalendar (an .ics is exported) and the package metadata (the version). Each
step says in one line what it did or why it failed; ``ui.tools.self_test`` adds the
window.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.numbers import counted

#: A step does its work and returns what it did, in a few words; it raises on failure.
StepAction = Callable[[], str]


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        return f"{mark} {self.name}: {self.detail} ({self.seconds:.1f} s)"


def run_step(name: str, action: StepAction) -> StepResult:
    """Run one step; any exception becomes a failed result with its reason, never a crash."""
    started = time.perf_counter()
    try:
        detail = action()
    except Exception as error:
        message = getattr(error, "message", "") or str(error) or type(error).__name__
        return StepResult(name, False, f"{type(error).__name__}: {message}",
                          time.perf_counter() - started)
    return StepResult(name, True, detail, time.perf_counter() - started)


def run_steps(steps: Iterable[tuple[str, StepAction]],
              report: Callable[[StepResult], None] = lambda _result: None) -> list[StepResult]:
    """Run the steps in order, stopping at the first failure (the later ones depend on it)."""
    results: list[StepResult] = []
    for name, action in steps:
        result = run_step(name, action)
        report(result)
        results.append(result)
        if not result.ok:
            break
    return results


#: The variables platformdirs reads for the per-user data and settings folders.
USER_FOLDER_VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                         "WIN_PD_OVERRIDE_CSIDL_LOCAL_APPDATA", "WIN_PD_OVERRIDE_CSIDL_APPDATA")


def keep_user_folders_inside(folder: Path) -> None:
    """Point this process's per-user folders into ``folder``: the self-test leaves no
    backup, demo file or recent file behind in the person's own folders."""
    for variable in USER_FOLDER_VARIABLES:
        target = folder / variable.lower()
        target.mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(target)


def team_file(folder: Path) -> Path:
    return folder / "self-test.cgdb"


def screenless_steps(folder: Path, today: date | None = None) -> list[tuple[str, StepAction]]:
    """The steps, in order, working in ``folder`` (an empty temporary folder)."""
    day = today or date.today()
    path = team_file(folder)
    return [
        ("version", _version),
        ("demo team", lambda: _demo(path, day)),
        ("check", lambda: _check(path)),
        ("PDF report", lambda: _report(path, folder / "self-test.pdf", day)),
        ("calendar export", lambda: _calendar(path, folder / "self-test.ics")),
    ]


def _version() -> str:
    from db.schema import app_version
    from desktop.about import LIBRARIES

    version = app_version()
    if version == "0.0.0":
        raise RuntimeError("the package metadata is missing, so files would get no version")
    unknown = [library.name for library in LIBRARIES if library.version == "unknown"]
    if unknown:
        raise RuntimeError(f"Help > About cannot name the version of {', '.join(unknown)}")
    return f"Common Ground {version}, {len(LIBRARIES)} libraries"


def _demo(path: Path, today: date) -> str:
    from desktop import people
    from desktop.demo import write_demo
    from desktop.team_file import UnitOfWork

    database = write_demo(path, today=today)
    try:
        count = len(people.list_people(UnitOfWork(database)))
    finally:
        database.dispose()
    if count == 0:
        raise RuntimeError("the demo team has nobody in it")
    return f"wrote {count} people to a new team file"


def _check(path: Path) -> str:
    from desktop.check import run_check

    report = run_check(path)
    if not report.ok:
        raise RuntimeError("; ".join(report.problems))
    return f"integrity {report.integrity}, {counted(report.counts.get('cards', 0), 'card')}"


def _report(path: Path, target: Path, today: date) -> str:
    from desktop import chart_processes
    from desktop.quarters import quarter_of
    from desktop.report.builder import build_report
    from desktop.report.request import ReportRequest, quarter_period
    from desktop.team_file import UnitOfWork, open_database

    database = open_database(path)
    try:
        built = build_report(UnitOfWork(database),
                             ReportRequest(quarter_period(quarter_of(today)), today=today),
                             target)
    finally:
        database.dispose()
    head = target.read_bytes()[:5]
    if head != b"%PDF-" or built.pages < 1:
        raise RuntimeError(f"{target.name} is not a PDF")
    if chart_processes.failure():  # the PDF is whole, but this installation draws slowly
        raise RuntimeError(f"the chart process failed: {chart_processes.failure()}")
    return f"{counted(built.pages, 'page')}, {target.stat().st_size // 1024} KiB"


def _calendar(path: Path, target: Path) -> str:
    from desktop.calendar_ics import export_calendar
    from desktop.team_file import UnitOfWork, open_database

    database = open_database(path)
    try:
        summary = export_calendar(UnitOfWork(database), target)
    finally:
        database.dispose()
    if not target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR"):
        raise RuntimeError(f"{target.name} is not an iCalendar file")
    if summary.events + summary.meetings == 0:
        raise RuntimeError("the demo team's events and meetings are missing from the file")
    return f"{counted(summary.events, 'event')} and {counted(summary.meetings, 'meeting')}"
