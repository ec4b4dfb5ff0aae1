"""A layout that wraps its widgets onto the next line when the row is too narrow.

Qt has no such layout of its own (this follows Qt's Flow Layout example): a
page's filter bar lays out in one or two lines on a wide screen and in more on
a small laptop or beside the activity dock, instead of making the window wider.
Each widget keeps its size hint (within its minimum and maximum); on every
line but the last, widgets added with ``stretch`` share out what is left.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}  # id of an item -> its share of a line's room
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        self.addWidget(widget)
        if stretch:
            self._stretch[id(self._items[-1])] = stretch

    # --- QLayout ---------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.pop(id(item), None)
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._lay_out(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._lay_out(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + \
            self._spacing * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """One widget a line: as narrow as the widest widget."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # --- laying out ------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    @staticmethod
    def _wanted(item: QLayoutItem) -> int:
        return item.sizeHint().expandedTo(item.minimumSize()).boundedTo(
            item.maximumSize()).width()

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            wanted = self._wanted(item)
            if lines[-1] and used + self._spacing + wanted > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def _lay_out(self, rect: QRect, *, apply: bool) -> int:
        """Place the items line by line in ``rect``; return the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        y = area.y()
        lines = self._lines(area.width())
        for number, line in enumerate(lines):
            height = max(item.sizeHint().height() for item in line)
            if apply:
                justified = number < len(lines) - 1 or len(lines) == 1
                self._place_line(line, QPoint(area.x(), y), area.width(), height, justified)
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom() if y > area.y() else 0

    def _place_line(self, line: list[QLayoutItem], origin: QPoint, width: int,
                    height: int, justified: bool) -> None:
        """One line of items; a justified line gives its room to the stretching ones."""
        widths = [min(self._wanted(item), width) for item in line]
        room = width - sum(widths) - self._spacing * (len(line) - 1)
        shares = [self._stretch.get(id(item), 0) for item in line]
        limits = [item.maximumSize().width() for item in line]
        while justified and room > 0:  # share out the room; what a capped one refuses, again
            growing = [i for i, share in enumerate(shares) if share and widths[i] < limits[i]]
            total = sum(shares[i] for i in growing)
            if not total:
                break
            given = 0
            for i in growing:
                extra = min(room * shares[i] // total, limits[i] - widths[i])
                widths[i] += extra
                given += extra
            if not given:
                break
            room -= given
        x = origin.x()
        for item, item_width in zip(line, widths):
            item_height = height if item.expandingDirections() & Qt.Vertical else \
                min(height, item.sizeHint().height())
            top = origin.y() + (height - item_height) // 2
            item.setGeometry(QRect(x, top, item_width, item_height))
            x += item_width + self._spacing

