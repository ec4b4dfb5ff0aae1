"""A chart on screen: the image the chart process drew, drawn again on a resize.

Apart from the page because it needs only a ``Chart`` and ``draw``
(``ui.results.analytics_figures``): it knows nothing of selections, tabs or tables, and only
shows, stretches, pales and redraws one chart.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop import charts
from desktop.charts import Chart
from ui.results.analytics_figures import DPI, draw
from ui.shell.tasks import task_manager


class ChartView(QWidget):
    """A chart as the image the chart process drew; drawn again when the view resizes.

    Until then the old image is stretched, and while the page computes new figures the
    chart is paled, so nobody reads an old chart as the new one. Its drawings are reads
    of one key: a newer one replaces a drawing at a size the view no longer has.
    """

    RESIZE_DELAY_MS = 150

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self._image: QImage | None = None
        self._outdated = False
        # Made now, not in the first paint: a brush's first making sets up PySide's
        # gradient enums, slow while the reader thread computes beside it.
        self._pale = QBrush(QColor(255, 255, 255, 150))
        self._painted: list[threading.Event] = []  # see next_paint
        self._painted_timer = QTimer(self)
        self._painted_timer.setSingleShot(True)
        self._painted_timer.setInterval(0)
        self._painted_timer.timeout.connect(self._on_painted_timer_timeout)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumHeight(240)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(self.RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self._redraw)

    def render_size(self) -> tuple[int, int]:
        """The size to draw at: the view's on screen, else the charts' own (until shown)."""
        if not self.isVisible():
            return int(charts.SIZE[0] * DPI), int(charts.SIZE[1] * DPI)
        return self.width(), self.height()

    def show_chart(self, chart: Chart | None, image: QImage | None) -> None:
        self.chart, self._image = chart, image
        self.update()
        self._redraw_if_resized()

    def set_outdated(self, outdated: bool) -> None:
        if outdated != self._outdated:
            self._outdated = outdated
            self.update()

    @property
    def image(self) -> QImage | None:
        """What is on screen (stretched if the view changed size since it was drawn)."""
        return self._image

    def _fits(self) -> bool:
        return self._image is not None \
            and self._image.deviceIndependentSize().toSize() == self.size() \
            and self._image.devicePixelRatio() == self.devicePixelRatioF()

    def _redraw_if_resized(self) -> None:
        if self.chart is not None and self.isVisible() and not self._fits():
            self._resize_timer.start()

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self._redraw_if_resized()

    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        self._redraw_if_resized()

    def _redraw(self) -> None:
        if self.chart is None or not self.isVisible() or self._fits():
            return
        chart = self.chart
        size, ratio = (self.width(), self.height()), self.devicePixelRatioF()
        task_manager().read(lambda: draw(chart, size, ratio),
                            on_success=lambda image: self._redrawn(chart, image),
                            on_failure=lambda _error: None,  # the stretched image stays
                            owner=self, label=self.tr("Drawing the chart"), key="draw")

    def _redrawn(self, chart: Chart, image: QImage) -> None:
        """A drawing of a chart no longer on screen (the page showed new figures) is dropped."""
        if chart is self.chart:
            self._image = image
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(int(charts.SIZE[0] * DPI), int(charts.SIZE[1] * DPI))

    def paintEvent(self, _event) -> None:  # noqa: ANN001
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.white)
        if self._image is not None:
            if self._fits():
                painter.drawImage(0, 0, self._image)
            else:
                painter.setRenderHint(QPainter.SmoothPixmapTransform)
                painter.drawImage(QRectF(self.rect()), self._image)
        if self._outdated:
            painter.fillRect(self.rect(), self._pale)
        painter.end()
        if self._painted:
            self._painted_timer.start()  # once the rest of the window is painted too

    def _on_painted_timer_timeout(self) -> None:
        for waiting in self._painted:
            waiting.set()
        self._painted.clear()

    def next_paint(self) -> threading.Event:
        """Set once the window has painted this view next (at once when not on screen)."""
        painted = threading.Event()
        if self.isVisible():
            self._painted.append(painted)
            self.update()
        else:
            painted.set()
        return painted
