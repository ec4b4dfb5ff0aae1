"""One editor at a time, as two people live it: asking to edit, handing over, keeping on.

The other person is another OS process (two windows of one process would count as one
editor); the folder is one whose locking does not work, so the file is edited under the
lease. Each test clicks the bar's buttons and reads what it says.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from person import settle
from window_opening import open_file

from db import database as opening
from db import lease as leases
from db.enums import Department
from db.locking import Locking
from ui.shell import live_file
from ui.shell.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent

#: The other person's app: it edits the file, and hands over when asked (or, with
#: "keep", keeps editing), then waits until told to stop.
OTHER = textwrap.dedent("""
    import sys, time
    from db import database as opening
    from db.locking import Locking
    from desktop import editing
    opening.check_locking = lambda _path: Locking.BROKEN
    database = opening.open_database(sys.argv[1])
    assert not database.read_only, database.read_only_reason
    database.lease.beat(person="Priya Nair")
    print("editing", flush=True)
    deadline = time.monotonic() + 60
    while (state := editing.editing_of(database)).asked_of_me is None:
        if time.monotonic() > deadline:
            sys.exit("nobody asked")
        time.sleep(0.05)
    request = state.asked_of_me
    if sys.argv[2] == "keep":
        editing.keep_editing(database, request)
    else:
        editing.hand_over(database, request)
    print("asked by", request.person, flush=True)
    sys.stdin.read()
    database.dispose()
""")


@pytest.fixture
def broken_locking(uow, monkeypatch: pytest.MonkeyPatch) -> None:
    uow.database.dispose()
    monkeypatch.setattr(opening, "check_locking", lambda _path: Locking.BROKEN)
    monkeypatch.setattr(live_file, "EDITING_MS", 100)


@pytest.fixture
def other(db_path: Path, request: pytest.FixtureRequest) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen([sys.executable, "-c", OTHER, str(db_path), request.param],
                               cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "editing", process.stderr.read()
    yield process
    if not process.stdin.closed:
        process.stdin.close()
    process.wait(timeout=60)


def _window(qtbot, db_path: Path, person_id: int) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert open_file(qtbot, window, db_path, person_id=person_id)
    settle(qtbot)
    return window


def _click(qtbot, window: MainWindow, name: str) -> None:
    from PySide6.QtCore import Qt

    button = window.editing_bar.buttons[name]
    qtbot.waitUntil(button.isVisible, timeout=5000)
    qtbot.mouseClick(button, Qt.LeftButton)


@pytest.mark.parametrize("other", ["hand over"], indirect=True)
def test_a_reader_asks_and_takes_over_when_the_editor_hands_over(
        qtbot, team, db_path, broken_locking, other) -> None:
    window = _window(qtbot, db_path, team[Department.LEADERSHIP].id)
    try:
        assert window.context.read_only
        qtbot.waitUntil(lambda: "Priya Nair" in window.editing_bar.label.text(), timeout=5000)
        assert "ask Priya Nair (on" in window.editing_bar.label.text()
        _click(qtbot, window, "ask")
        qtbot.waitUntil(lambda: "Waiting for Priya Nair" in window.editing_bar.label.text()
                        or not window.context.read_only, timeout=5000)
        assert other.stdout.readline().strip() == f"asked by {team[Department.LEADERSHIP].name}"
        qtbot.waitUntil(lambda: not window.context.read_only, timeout=15000)
        settle(qtbot)
        assert window.context.database.lease is not None and window.context.database.lease.holds()
        assert not window.editing_bar.isVisible()
        assert leases.read_request(db_path) is None  # the request has done its work
    finally:
        window.close()
        settle(qtbot)


@pytest.mark.parametrize("other", ["keep"], indirect=True)
def test_a_reader_is_told_when_the_editor_keeps_editing(qtbot, team, db_path, broken_locking,
                                                        other) -> None:
    window = _window(qtbot, db_path, team[Department.LEADERSHIP].id)
    try:
        _click(qtbot, window, "ask")
        assert other.stdout.readline().strip().startswith("asked by")
        qtbot.waitUntil(lambda: window.editing_bar.label.text()
                        == f"Priya Nair (on {leases.this_host()}) keeps editing for now.", timeout=5000)
        assert window.context.read_only
        assert window.editing_bar.buttons["ask"].isVisible()  # and may ask again
    finally:
        window.close()
        settle(qtbot)


def test_the_editor_sees_who_asks_and_hands_over(qtbot, team, db_path, broken_locking) -> None:
    window = _window(qtbot, db_path, team[Department.LEADERSHIP].id)
    try:
        assert not window.context.read_only and window.context.database.lease is not None
        assert not window.editing_bar.isVisible()
        asker = subprocess.run([sys.executable, "-c", textwrap.dedent("""
            import sys
            from pathlib import Path
            from db import lease as leases
            leases.ask_to_edit(Path(sys.argv[1]), "Ben Okafor")
            """), str(db_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert asker.returncode == 0, asker.stderr
        qtbot.waitUntil(lambda: window.editing_bar.label.text().startswith(
            "Ben Okafor asks to edit the team file."), timeout=5000)
        _click(qtbot, window, "hand_over")
        qtbot.waitUntil(lambda: window.context.read_only, timeout=5000)
        settle(qtbot)
        assert "You handed editing over to Ben Okafor" in window.banner.text()
        assert leases.read_lease(db_path) is None  # free for Ben to take
        qtbot.waitUntil(lambda: window.editing_bar.label.text()
                        == "Ben Okafor is taking over editing.", timeout=5000)
        assert not any(button.isVisible() for button in window.editing_bar.buttons.values())
    finally:
        window.close()
        settle(qtbot)


def test_the_editor_keeps_editing_and_the_asker_is_told(qtbot, team, db_path,
                                                        broken_locking) -> None:
    window = _window(qtbot, db_path, team[Department.LEADERSHIP].id)
    try:
        leases.ask_to_edit(db_path, "Ben Okafor")  # as from another computer
        request = leases.read_request(db_path)
        # a request of this process would be this window's own: make it another's
        leases._write_whole(leases.request_path(db_path), leases.json.dumps({
            "host": "laptop-7", "pid": 4242, "person": "Ben Okafor",
            "asked_at": request.asked_at.isoformat(), "token": request.token}))
        _click(qtbot, window, "keep")
        qtbot.waitUntil(lambda: (r := leases.read_request(db_path)) is not None and r.declined,
                        timeout=5000)
        settle(qtbot)
        assert not window.context.read_only
        assert not window.editing_bar.isVisible()
    finally:
        window.close()
        settle(qtbot)


@pytest.mark.parametrize("other", ["keep"], indirect=True)
def test_when_the_editor_closes_the_file_a_reader_can_edit_at_once(
        qtbot, team, db_path, broken_locking, other) -> None:
    window = _window(qtbot, db_path, team[Department.LEADERSHIP].id)
    try:
        assert window.context.read_only
        leases.ask_to_edit(db_path, "Ben Okafor")  # someone else asked: the editor answers
        assert other.stdout.readline().strip() == "asked by Ben Okafor"
        other.stdin.close()  # and then closes the file
        other.wait(timeout=60)
        qtbot.waitUntil(lambda: window.editing_bar.label.text()
                        == "Nobody is editing the team file now.", timeout=5000)
        _click(qtbot, window, "edit")
        qtbot.waitUntil(lambda: not window.context.read_only, timeout=15000)
        assert window.context.database.lease.holds()
    finally:
        window.close()
        settle(qtbot)
