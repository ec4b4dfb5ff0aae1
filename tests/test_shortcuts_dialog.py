"""Help > Keyboard shortcuts: the list matches the actions that exist, and the keys work."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.shell.main_window import MainWindow
from ui.shell.shortcuts_dialog import ShortcutsDialog, ShortcutsTableModel, keys_text, shortcut_rows

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot) -> MainWindow:
    widget = MainWindow()
    qtbot.addWidget(widget)
    return widget


def _keys(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.NativeText)


def test_the_list_holds_every_action_with_a_shortcut_and_nothing_else(window) -> None:
    rows = shortcut_rows(window)
    listed = Counter((row.action, row.keys) for row in rows)
    existing = Counter()
    for action in window.findChildren(QAction):
        if keys_text(action) and action.parent() is not None:
            existing[(action.text().replace("&", "").rstrip("…. "), keys_text(action))] += 1
    assert listed == existing
    assert len(rows) > 30


def test_the_everyday_shortcuts_are_there(window) -> None:
    rows = shortcut_rows(window)
    by_area: dict[str, dict[str, str]] = {}
    for row in rows:
        by_area.setdefault(row.area, {})[row.action] = row.keys
    assert by_area["File"]["Open"] == _keys(QKeySequence.Open)
    assert by_area["Edit"]["Undo"] == _keys(QKeySequence.Undo)
    assert by_area["Edit"]["Redo"].startswith(_keys("Ctrl+Shift+Z"))
    assert by_area["Help"]["Keyboard shortcuts"] == _keys("Ctrl+/")
    assert [by_area["Go"][title] for title in
            ("Goals", "Board", "Meetings", "Team events", "Customer stories", "Analytics",
             "Reports")] == [_keys(f"Ctrl+{n}") for n in range(1, 8)]
    assert by_area["Goals"]["New goal"] == _keys(QKeySequence.New)
    assert by_area["Board"]["Delete"] == _keys(QKeySequence.Delete)
    assert by_area["Board"]["Find"] == _keys(QKeySequence.Find)


def test_no_key_means_two_things_at_once(window) -> None:
    """A window shortcut must differ from every other one and from each page's; a page's
    shortcuts differ among themselves (pages are never active together)."""
    rows = shortcut_rows(window)
    window_keys = [key for row in rows if not row.page for key in row.keys.split(", ")]
    assert [key for key, count in Counter(window_keys).items() if count > 1] == []
    for area in {row.area for row in rows if row.page}:
        page_keys = [key for row in rows if row.area == area for key in row.keys.split(", ")]
        assert [key for key, count in Counter(page_keys).items() if count > 1] == [], area
        assert set(page_keys) & set(window_keys) == set(), area


def test_ctrl_and_a_number_switches_pages(qtbot, window) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.sidebar, Qt.Key_3, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.page("meetings")
    qtbot.keyClick(window.sidebar, Qt.Key_1, Qt.ControlModifier)
    assert window.sidebar.currentRow() == 0


def test_help_opens_the_list_and_it_can_be_searched(qtbot, window, monkeypatch,
                                                     qtmodeltester) -> None:
    shown: list[ShortcutsDialog] = []

    def exec_(dialog: ShortcutsDialog) -> int:
        shown.append(dialog)
        qtmodeltester.check(dialog.model)
        assert dialog.proxy.rowCount() == len(shortcut_rows(window))
        dialog.search_edit.setText("undo")
        assert [dialog.proxy.index(r, 1).data() for r in range(dialog.proxy.rowCount())] == [
            "Undo"]
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", exec_)
    window.shortcuts_action.trigger()
    assert len(shown) == 1


def test_the_table_model(qtmodeltester) -> None:
    from ui.shell.shortcuts_dialog import ShortcutRow

    model = ShortcutsTableModel()
    model.set_rows([ShortcutRow("Board", "Find", "Ctrl+F", True),
                    ShortcutRow("Edit", "Undo", "Ctrl+Z", False)])
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ToolTipRole) == "Works while the Board page is shown"
    assert model.index(1, 0).data(Qt.ToolTipRole) is None


def test_redo_lists_both_its_keys_once_each(qtbot, window, monkeypatch) -> None:
    """Ctrl+Shift+Z and Ctrl+Y redo on every platform; a platform's own Redo key that repeats
    one of them (X11's is Ctrl+Shift+Z) is not listed twice."""
    seen: dict[str, str] = {}

    def exec_(dialog: ShortcutsDialog) -> int:
        qtbot.keyClicks(dialog.search_edit, "redo")
        for row in range(dialog.proxy.rowCount()):
            seen[dialog.proxy.index(row, 1).data()] = dialog.proxy.index(row, 2).data()
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", exec_)
    window.shortcuts_action.trigger()
    keys = seen["Redo"].split(", ")
    assert keys[:2] == [_keys("Ctrl+Shift+Z"), _keys("Ctrl+Y")]
    assert len(keys) == len(set(keys))


def test_a_key_the_platform_repeats_is_kept_once() -> None:
    from ui.shell.main_window import distinct_keys

    keys = distinct_keys(QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"),
                         QKeySequence("Ctrl+Shift+Z"), QKeySequence())
    assert [key.toString() for key in keys] == ["Ctrl+Shift+Z", "Ctrl+Y"]
