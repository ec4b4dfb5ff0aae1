"""What a person does on the Board page: find a control by its name, see the cards on
screen, click a card, type into the search field, click a toolbar button."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ui.board.board_page import BoardListView, BoardPage


def named(parent: QWidget, kind: type, name: str):
    """The widget a screen reader announces as ``name`` (its accessible name or its text)."""
    [found] = [w for w in parent.findChildren(kind)
               if name in (w.accessibleName(), getattr(w, "text", str)().replace("&", ""))]
    return found


def columns(page: BoardPage) -> list[QAbstractItemView]:
    """The board's columns (and lanes) on screen."""
    return [view for view in page.findChildren(BoardListView) if view.isVisible()]


def shown(page: BoardPage) -> set[str]:
    """The titles of the cards the columns show."""
    return {view.model().index(row, 0).data() for view in columns(page)
            for row in range(view.model().rowCount())}


def card_at(page: BoardPage, title: str) -> tuple[QAbstractItemView, QPoint]:
    """The column showing the card, and the card's middle, scrolled into view."""
    for view in columns(page):
        model = view.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data() == title:
                view.scrollTo(index)
                return view, view.visualRect(index).center()
    raise AssertionError(f"no card '{title}' on the board")


def click_card(qtbot, page: BoardPage, title: str) -> QAbstractItemView:
    view, point = card_at(page, title)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=point)
    return view


def double_click(qtbot, view: QAbstractItemView, point: QPoint) -> None:
    """Two clicks in quick succession (QTest's double-click event alone lacks the first)."""
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=point)


def type_search(qtbot, page: BoardPage, text: str) -> None:
    field = named(page, QWidget, "Search titles and notes")
    qtbot.mouseClick(field, Qt.LeftButton)
    qtbot.keyClicks(field, text)


def click_tool(qtbot, page: BoardPage, action) -> None:
    """Click the board's toolbar button of ``action``."""
    qtbot.mouseClick(page.toolbar.widgetForAction(action), Qt.LeftButton)
