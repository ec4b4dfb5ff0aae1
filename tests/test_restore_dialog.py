"""The list of backups in File > Restore from backup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from desktop.backups import BackupInfo
from ui.shell.restore_dialog import BackupTableModel, RestoreDialog

pytestmark = pytest.mark.gui


def _backups() -> list[BackupInfo]:
    return [BackupInfo(Path("/b/new.cgdb"), datetime(2026, 11, 22, 9, 0), "daily", 3_500_000),
            BackupInfo(Path("/b/old.cgdb"), datetime(2026, 11, 20, 9, 0), "before-upgrade", 900)]


def test_backups_are_listed_newest_first_and_the_newest_is_chosen(qtbot, qtmodeltester) -> None:
    dialog = RestoreDialog("team.cgdb", _backups())
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert [dialog.model.index(r, 1).data() for r in range(2)] == [
        "Daily, on opening", "Before an upgrade of the file"]
    assert [dialog.model.index(r, 2).data() for r in range(2)] == ["3.3 MB", "1 kB"]
    assert dialog.chosen().path == Path("/b/new.cgdb")
    dialog.table.selectRow(1)
    assert dialog.chosen().path == Path("/b/old.cgdb")


def test_without_backups_there_is_nothing_to_restore(qtbot) -> None:
    dialog = RestoreDialog("team.cgdb", [])
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled() and dialog.chosen() is None
    assert BackupTableModel().rowCount() == 0
