"""SVG icons from ``resources/icons``, coloured for the palette in use.

The icons draw in ``currentColor`` (see ``resources/icons/README.md``); the
engine here puts in the colour when the icon is painted: the accent of the
light or dark palette, the highlighted-text colour when selected (so a selected
sidebar entry keeps its icon), the disabled-text colour when disabled. Drawn
from the SVG at the painted size and screen density, so sharp on HiDPI
screens; each size and colour is drawn once and kept.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from resources import resource
from ui.shell.palette import is_dark

#: The accent of the areas and actions, (light palette, dark palette).
ACCENT = ("#3b6ea5", "#8ab4f8")
#: The quieter shade of the card kinds.
MUTED = ("#5a6b7d", "#a9b4c0")
PLACEHOLDER = b"currentColor"


def icon_color(name: str, mode: QIcon.Mode, palette: QPalette | None = None) -> QColor:
    """The colour an icon is drawn in, for its kind of icon and the mode it is shown in."""
    palette = palette or QGuiApplication.palette()
    if mode == QIcon.Selected:
        return palette.color(QPalette.HighlightedText)
    if mode == QIcon.Disabled:
        return palette.color(QPalette.Disabled, QPalette.Text)
    light, dark = MUTED if name.startswith("kind_") else ACCENT
    return QColor(dark if is_dark(palette) else light)


class SvgIconEngine(QIconEngine):
    """Draws one SVG in the colour of the moment, keeping each drawn pixmap."""

    def __init__(self, name: str, svg: bytes) -> None:
        super().__init__()
        self._name = name
        self._svg = svg
        self._pixmaps: dict[tuple[int, int, int, str], QPixmap] = {}

    def _render(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        color = icon_color(self._name, mode).name()
        key = (size.width(), size.height(), round(scale * 100), color)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = QPixmap(size * scale)
            pixmap.fill(Qt.transparent)
            renderer = QSvgRenderer(QByteArray(self._svg.replace(PLACEHOLDER, color.encode())))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.Antialiasing)
            renderer.render(painter)
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            self._pixmaps[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, _state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self._render(QSize(side, side), mode, scale)
        corner = rect.center() - QPoint(side // 2, side // 2)
        painter.drawPixmap(QRect(corner, QSize(side, side)), pixmap)

    def pixmap(self, size: QSize, mode: QIcon.Mode, _state: QIcon.State) -> QPixmap:
        return self._render(size, mode, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, _state: QIcon.State,
                     scale: float) -> QPixmap:
        return self._render(size, mode, scale)

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._svg)

    def key(self) -> str:
        return "commonground-svg"


@cache
def icon(name: str) -> QIcon:
    """The named icon (``goals``, ``kind_email``, ``action_new`` ...); empty when unknown."""
    path = resource("icons", f"{name}.svg")
    if not path.is_file():
        return QIcon()
    svg = path.read_bytes()
    if PLACEHOLDER not in svg:  # drawn in its own colours, like the app icon
        return QIcon(str(path))
    return QIcon(SvgIconEngine(name, svg))
