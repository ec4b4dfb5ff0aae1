"""Putting the keyboard focus into a page the person has just gone to.

A page's shortcuts (Ctrl+N, Delete, Ctrl+F, Ctrl+M…) act only while the focus is
inside the page, and a click in the sidebar leaves it in the sidebar, where they
did nothing. The focus goes where Tab would take it first, preferring the page's
main list or table, so the arrow keys move through its rows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


def _takes_focus(page: QWidget, widget: QWidget) -> bool:
    return (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.TabFocus))


def focus_into(page: QWidget) -> None:
    """Focus the page's first list or table in Tab order (else its first field), unless
    the focus is in the page already."""
    focused = QApplication.focusWidget()
    if focused is not None and (focused is page or page.isAncestorOf(focused)):
        return
    candidates: list[QWidget] = []
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page and len(candidates) < 500:
        if _takes_focus(page, widget):
            candidates.append(widget)
        widget = widget.nextInFocusChain()
    views = [w for w in candidates if isinstance(w, QAbstractItemView)]
    target = views[0] if views else candidates[0] if candidates else page
    target.setFocus(Qt.OtherFocusReason)
