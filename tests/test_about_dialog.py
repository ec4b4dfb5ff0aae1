"""Help > About: the version, the licence and the libraries, with the versions installed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.about import BUNDLED, LIBRARIES, app_version, installed_version
from ui.shell.about_dialog import AboutDialog, LibrariesTableModel
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_about_names_the_version_licence_and_every_library(qtbot, monkeypatch,
                                                            qtmodeltester) -> None:
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window = MainWindow()
    qtbot.addWidget(window)
    window.about_action.trigger()
    (dialog,) = shown
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"Common Ground {app_version()}" in texts and "Licence: MIT" in texts
    qtmodeltester.check(dialog.model)
    model = dialog.model
    rows = {model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, 2).data())
            for r in range(model.rowCount())}
    assert rows["SQLAlchemy"] == (installed_version("SQLAlchemy"), "MIT")
    assert rows["Qt for Python (PySide6)"][1] == "LGPL-3.0"
    assert rows["DejaVu Sans fonts"][0] == "shipped with the app"
    assert rows["Droid Sans Fallback font"] == ("shipped with the app", "Apache-2.0")
    assert len(rows) == len(LIBRARIES) + len(BUNDLED)


def test_every_library_named_is_installed() -> None:
    """The names are the ones pip knows; build.spec copies exactly their metadata."""
    assert [lib.name for lib in LIBRARIES if lib.version == "unknown"] == []
    assert app_version() != "unknown"
    assert installed_version("no-such-distribution") == "unknown"


def test_the_model_alone(qtmodeltester) -> None:
    model = LibrariesTableModel()
    model.set_rows(list(LIBRARIES[:2]))
    qtmodeltester.check(model)
    assert model.headerData(3, Qt.Horizontal) == "Used for"
