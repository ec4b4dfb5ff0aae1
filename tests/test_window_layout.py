"""Window size, every splitter of every page and the last page come back next time."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSplitter

from ui.shell.main_window import MainWindow, page_splitters

pytestmark = pytest.mark.gui


def test_the_layout_is_remembered(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.resize(760, 540)  # within the offscreen screen
    window.splitter.setSizes([230, 530])
    window.show_page("meetings")
    meetings = window.page("meetings")
    nested = [s for s in meetings.findChildren(QSplitter) if s is not meetings.splitter]
    assert nested, "the meetings page has a splitter inside its main one"
    nested[0].setSizes([150, 450])
    wanted = nested[0].sizes()
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.restore_layout()
    again.show()
    assert (again.width(), again.height()) == (760, 540)
    assert again.splitter.sizes()[0] == 230
    assert again.pages.currentIndex() == again.page_names.index("meetings")
    restored = [s for s in again.page("meetings").findChildren(QSplitter)
                if s is not again.page("meetings").splitter]
    assert restored[0].sizes() == wanted


def test_splitter_keys_stay_the_same(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    keys = list(page_splitters("stories", window.page("stories")))
    assert keys[0] == "stories_splitter" and keys[1:] == [
        f"stories_splitter_{n}" for n in range(1, len(keys))]
    assert len(keys) >= 2
