"""The soak: the real window on a 10,000-card team file for thousands of actions.

A teammate's process edits the same file all the while (a card changed or moved
about every second, through the desktop services), so the window's live refresh
fires. The window runs in a child process (`commonground soak`, ui/tools/soak.py): an
abort is observed and reported as "died" with its signal, not suffered. Prints
what was done, None's, True's and False's reference counts and the window
process's resident memory at start and end, and whether it survived. Aim: 20,000
board repaints and 2,000 page switches alive, memory growth under 50 MB.

    python benchmarks/soak.py [--repaints 20000] [--switches 2000] [--cards 10000]
                              [--db FILE] [--program dist/commonground-0.1.0/commonground]
                              [--trace-memory FILE [--trace-every ROUNDS] [--trace-python]] [--json]

``--program`` soaks an installed build instead of the source tree (the file is then
also written by that program's ``demo`` command). ``--db`` soaks a copy of a given
team file. Exits 1 when the window did not survive or the aim was not met.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RSS_GROWTH_AIM_MB = 50


@dataclass
class SoakRun:
    """One soak: how the window's process ended, and what it said it did."""

    build: str
    exit: str  # "exit 0", "exit 1", "died (SIGABRT)", "hung (killed after 3600 s)"
    report: dict = field(default_factory=dict)
    teammate: dict = field(default_factory=dict)
    stderr: str = ""
    seconds: float = 0.0
    left_running: int = 0  # processes of the window's still running after it ended

    @property
    def survived(self) -> bool:
        return self.exit == "exit 0" and bool(self.report) and not self.left_running

    @property
    def rss_growth_mb(self) -> float | None:
        """Growth after the first round, which builds every page and imports the report's
        libraries once: what keeps growing is what a working day would feel."""
        start = self.report.get("rss_warm_kb") or self.report.get("rss_start_kb")
        end = self.report.get("rss_end_kb")
        return None if start is None or end is None else (end - start) / 1024


def exit_text(returncode: int) -> str:
    if returncode < 0:
        return f"died ({signal.Signals(-returncode).name})"
    return f"exit {returncode}"


def program_command(program: Path | None) -> list[str]:
    """The app's own entry point: the installed program, or ui.app on this source tree."""
    return [str(program)] if program else [sys.executable, "-m", "ui.app"]


def child_environment(folder: Path) -> dict[str, str]:
    """Offscreen, with the per-user folders (settings, backups) inside ``folder``."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"):
        target = folder / variable.lower()
        target.mkdir(parents=True, exist_ok=True)
        env[variable] = str(target)
    return env


def lead_and_teammate(path: Path) -> tuple[int, int]:
    """The team's lead (who uses the window) and another person (who edits meanwhile)."""
    from desktop import people
    from desktop.team_file import UnitOfWork, open_database

    database = open_database(path)
    try:
        team = people.list_people(UnitOfWork(database))
    finally:
        database.dispose()
    lead = next(p for p in team if p.department.value == "leadership")
    other = next(p for p in team if p.id != lead.id)
    return lead.id, other.id


# --------------------------------------------------------------------------- the teammate


def teammate(path: Path, person_id: int, every: float) -> int:
    """Another person at work on the file: changes or moves a card about every ``every``
    seconds until stopped (SIGTERM), then prints what it did as one JSON line."""
    from dataclasses import replace

    from db.enums import Stage
    from desktop import board
    from desktop.errors import DatabaseError
    from desktop.team_file import UnitOfWork, open_database

    stopped = []
    signal.signal(signal.SIGTERM, lambda *_a: stopped.append(True))
    database = open_database(path)
    uow = UnitOfWork(database, person_id)
    ids = [card.id for card in board.list_cards(uow)]
    chooser = random.Random(13)
    done = {"changes": 0, "refused": 0}
    while not stopped:
        card_id = chooser.choice(ids)
        try:
            card = board.get_card(uow, card_id)
            if done["changes"] % 2:
                stages = [stage for stage in Stage if stage != card.stage]
                board.move_card(uow, card_id, chooser.choice(stages))
            else:
                title = card.title.removesuffix(" (checked)") if card.title.endswith(
                    " (checked)") else f"{card.title} (checked)"
                board.update_card(uow, card_id, card.version, replace(card.as_input(), title=title))
            done["changes"] += 1
        except DatabaseError:  # moved or deleted in the window meanwhile, or the file busy
            done["refused"] += 1
        deadline = time.monotonic() + every
        while not stopped and time.monotonic() < deadline:
            time.sleep(0.05)
    database.dispose()
    print(json.dumps(done), flush=True)
    return 0


# --------------------------------------------------------------------------- the soak


def run_soak(*, repaints: int, switches: int, cards: int = 10_000, db: Path | None = None,
             program: Path | None = None, every: float = 1.0, report_every: int = 20,
             dialogs_every: int = 3, minutes: float = 0,
             timeout: float = 4 * 3600, trace_memory: Path | None = None,
             trace_every: int = 10, trace_python: bool = False) -> SoakRun:
    """Soak the window in a child process, a teammate's process editing meanwhile."""
    build = f"installed build {program.parent.name}" if program else "source tree"
    with tempfile.TemporaryDirectory(prefix="soak-") as name:
        folder = Path(name)
        env = child_environment(folder)
        path = folder / "team.cgdb"
        if db is not None:
            shutil.copyfile(db, path)
        else:
            subprocess.run([*program_command(program), "demo", str(path), "--cards", str(cards)],
                           cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        lead, other = lead_and_teammate(path)
        mate = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--teammate",
                                 str(path), "--person", str(other), "--every", str(every)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        started = time.monotonic()
        command = [*program_command(program), "soak", "--db", str(path), "--person", str(lead),
                   "--repaints", str(repaints), "--switches", str(switches),
                   "--report-every", str(report_every), "--dialogs-every", str(dialogs_every),
                   "--minutes", str(minutes)]
        if trace_memory is not None:
            command += ["--trace-memory", str(trace_memory.resolve()),
                        "--trace-every", str(trace_every)]
            command += ["--trace-python"] if trace_python else []
        # Files, not pipes: the window's chart processes inherit them, and a pipe would stay
        # open while any of them lives. Its own session, so that what it left can be found.
        out_path, err_path = folder / "window.out", folder / "window.err"
        with out_path.open("w") as out_file, err_path.open("w") as err_file:
            window = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out_file,
                                      stderr=err_file, text=True, start_new_session=True)
            try:
                ended = exit_text(window.wait(timeout=timeout))
            except subprocess.TimeoutExpired:
                window.kill()
                window.wait()
                ended = f"hung (killed after {timeout:.0f} s)"
        seconds = time.monotonic() - started
        left = left_behind(window.pid)
        mate.send_signal(signal.SIGTERM)
        mate_out, _ = mate.communicate(timeout=60)
        out, err = out_path.read_text(), err_path.read_text()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    mates = [line for line in mate_out.splitlines() if line.startswith("{")]
    return SoakRun(build, ended, json.loads(lines[-1]) if lines else {},
                   json.loads(mates[-1]) if mates else {}, err[-4000:], round(seconds, 1), left)


def left_behind(session: int, grace_s: float = 10.0) -> int:
    """How many processes the window's process left running when it ended (its chart
    processes, say), given ``grace_s`` to end by themselves; those are then stopped."""
    def members() -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getsid(int(entry.name)) == session:
                        found.append(int(entry.name))
                except OSError:
                    pass
        return found

    if not Path("/proc").is_dir():
        return 0
    deadline = time.monotonic() + grace_s
    while members() and time.monotonic() < deadline:
        time.sleep(0.2)
    remaining = members()
    if remaining:
        try:
            os.killpg(session, signal.SIGKILL)
        except OSError:
            pass
    return len(remaining)


def summary(run: SoakRun, repaints: int, switches: int) -> list[str]:
    """What the soak showed, in lines for a person (and under `make bench`'s table)."""
    r = run.report
    lines = [f"soak ({run.build}): {'survived' if run.survived else run.exit} "
             f"after {run.seconds:,.0f} s"]
    if r.get("stopped_early"):
        lines.append("soak: stopped early: the minutes given ran out before the aim")
    if run.left_running:
        lines.append(f"soak: {run.left_running} processes of the window's were still running "
                     "10 s after it ended (stopped)")
    if not r:
        lines.append("the window's process printed no report; its last words: "
                     + (run.stderr.strip().splitlines() or ["(none)"])[-1])
        return lines
    dialogs = ", ".join(f"{name} {n}" for name, n in sorted(r["dialogs"].items()))
    lines += [
        f"soak: Python {r['python']}, {r['qt_binding']}",
        f"soak: {r['actions']:,} actions in {r['rounds']} rounds ({r['seconds']:,.0f} s): "
        f"{r['board_repaints']:,} board repaints of every column (aim {repaints:,}; "
        f"{r['column_paints']:,} column paints seen), {r['wheel_steps']:,} wheel steps, "
        f"{r['page_switches']:,} page switches by Ctrl+1..8 (aim {switches:,}), "
        f"{r['drops']:,} cards dropped, {r['keystrokes']:,} keystrokes in the board filter, "
        f"{r['period_changes']:,} Analytics period changes, {r['reports']} reports made",
        f"soak: dialogs opened and closed with Escape: {dialogs or 'none'} "
        f"({r.get('second_clicks', 0)} opened only on a second click)",
        "soak: seconds by page: " + ", ".join(
            f"{name} {seconds:,.0f}" for name, seconds in r.get("seconds_by_page", {}).items()),
        f"soak: the teammate's process made {run.teammate.get('changes', 0):,} changes "
        f"({run.teammate.get('refused', 0)} refused); the window's live refresh fired "
        f"{r['live_refreshes']:,} times",
    ]
    for name in ("None", "True", "False"):
        start, end = r["refcounts_start"].get(name), r["refcounts_end"].get(name)
        lines.append(f"soak: sys.getrefcount({name}) {start} at start, {end} at end")
    if run.rss_growth_mb is not None:
        warm = r.get("rss_warm_kb")
        lines.append(f"soak: resident memory {r['rss_start_kb'] / 1024:,.1f} MB at start, "
                     + (f"{warm / 1024:,.1f} MB after the first round, " if warm else "")
                     + f"{r['rss_end_kb'] / 1024:,.1f} MB at end "
                     f"(growth after the first round {run.rss_growth_mb:+,.1f} MB; "
                     f"aim under {RSS_GROWTH_AIM_MB} MB)")
    for problem in r["problems"][:20]:
        lines.append(f"soak: problem: {problem}")
    return lines


def aim_met(run: SoakRun, repaints: int, switches: int) -> bool:
    r = run.report
    return (run.survived and r["board_repaints"] >= repaints and r["page_switches"] >= switches
            and run.rss_growth_mb is not None and run.rss_growth_mb < RSS_GROWTH_AIM_MB
            and r["refcounts_end"] == r["refcounts_start"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repaints", type=int, default=20_000)
    parser.add_argument("--switches", type=int, default=2_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="soak a copy of this team file")
    parser.add_argument("--program", type=Path, help="an installed build's program")
    parser.add_argument("--every", type=float, default=1.0,
                        help="seconds between the teammate's changes")
    parser.add_argument("--report-every", type=int, default=20, metavar="ROUNDS",
                        help="a report every so many rounds through the pages (0: none)")
    parser.add_argument("--dialogs-every", type=int, default=3, metavar="ROUNDS",
                        help="each page's dialogs every so many rounds")
    parser.add_argument("--minutes", type=float, default=0,
                        help="stop the window after so many minutes, with what it did so far")
    parser.add_argument("--timeout", type=float, default=4 * 3600,
                        help="seconds after which the window counts as hung and is killed")
    parser.add_argument("--trace-memory", type=Path, metavar="FILE",
                        help="the window writes what its memory holds, round after round, to FILE"
                        " (the Python heap too with --trace-python, which is slower)")
    parser.add_argument("--trace-every", type=int, default=10, metavar="ROUNDS")
    parser.add_argument("--trace-python", action="store_true",
                        help="with --trace-memory: the Python heap by allocating line too")
    parser.add_argument("--json", action="store_true",
                        help="for `make bench`: its lines go under the table")
    parser.add_argument("--teammate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--person", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.teammate:
        return teammate(args.teammate, args.person, args.every)
    run = run_soak(repaints=args.repaints, switches=args.switches, cards=args.cards, db=args.db,
                   program=args.program, every=args.every, report_every=args.report_every,
                   dialogs_every=args.dialogs_every, minutes=args.minutes, timeout=args.timeout,
                   trace_memory=args.trace_memory, trace_every=args.trace_every,
                   trace_python=args.trace_python)
    for line in summary(run, args.repaints, args.switches):
        print(line, flush=True)
    if not aim_met(run, args.repaints, args.switches):
        print(f"soak: the aim was not met: {summary(run, args.repaints, args.switches)[0]}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
