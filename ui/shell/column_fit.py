"""A view's first column (the name) takes the room the other columns leave, but never less
than a readable minimum: in a narrow window the view scrolls sideways instead of cutting
"400 qualified leads from the healthcare vertical" down to "40…".

Qt's Stretch mode shrinks that column to the header's minimum section size as soon as
the columns sized to their contents fill the width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView
from shiboken6 import isValid


class FirstColumnFit(QObject):
    """Owned by the header: it goes with it, so a view being torn down (its header first)
    sends it no more resizes."""

    def __init__(self, view: QAbstractItemView, header: QHeaderView, minimum: int) -> None:
        super().__init__(header)
        self._view, self._header, self._minimum = view, header, minimum
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._on_header_section_resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Resize:
            self.fit()
        return False

    def _on_header_section_resized(self, logical: int, _old: int, _new: int) -> None:
        if logical != 0:  # a column sized to its contents changed: the name column follows
            self.fit()

    def fit(self) -> None:
        header = self._header
        if not (isValid(header) and isValid(self._view)):
            return  # the window is closing
        others = sum(header.sectionSize(column) for column in range(1, header.count())
                     if not header.isSectionHidden(column))
        header.resizeSection(0, max(self._minimum, self._view.viewport().width() - others))
