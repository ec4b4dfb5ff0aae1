"""A team file the person may not read is refused in one plain sentence, never a traceback."""

from __future__ import annotations

import pathlib
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.errors import DatabaseError
from desktop.team_file import open_database

REFUSAL = "You do not have permission to read team.cgdb."


@pytest.fixture
def unreadable(monkeypatch, database, team, db_path: Path) -> Path:
    """The team file exists, but the system refuses to open it (as for a file without read
    permission; tests run as an administrator, whom the permission bits do not stop)."""
    database.dispose()
    real_open = pathlib.Path.open

    def refuse(self: Path, *args, **kwargs):
        if self.name == db_path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    return db_path


def test_opening_an_unreadable_file_raises_a_plain_error(unreadable: Path) -> None:
    with pytest.raises(DatabaseError) as raised:
        open_database(unreadable)
    assert raised.value.message.startswith(REFUSAL)
    assert "nothing was changed" in raised.value.message


@pytest.mark.gui
def test_the_window_says_so_in_a_sentence_and_stays_open(qtbot, unreadable: Path) -> None:
    from ui.shell.application import launch

    seen: list[str] = []

    def read_the_message() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_the_message)
            return
        seen.append(box.text())
        box.button(QMessageBox.Ok).click()

    QTimer.singleShot(0, read_the_message)
    _app, window = launch(["--db", str(unreadable)])
    qtbot.addWidget(window)
    opened = qtbot.waitSignal(window.opened, timeout=30_000)
    opened.wait()
    assert opened.args == [False]
    assert len(seen) == 1 and seen[0].startswith(REFUSAL)
    assert "Traceback" not in seen[0] and "Errno" not in seen[0]
    assert window.isVisible() and window.context is None
