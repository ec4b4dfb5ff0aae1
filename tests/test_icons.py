"""One icon set: drawn alike, coloured for the palette, sharp at any size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette

from db.enums import CardKind
from ui.shell.icons import ACCENT, MUTED, icon, icon_color
from ui.shell.pages import PAGES
from ui.shell.palette import dark_palette

pytestmark = pytest.mark.gui
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ACTIONS = ("new", "open", "save_copy", "restore", "quit", "undo", "redo", "find", "delete",
           "edit", "history", "activity", "import", "export", "refresh", "filter_clear", "help",
           "about", "keyboard")


def _svgs() -> list[Path]:
    return sorted(p for p in ICONS.glob("*.svg") if p.name != "app.svg")


@pytest.mark.parametrize("path", _svgs(), ids=lambda p: p.stem)
def test_every_icon_is_drawn_alike(path: Path) -> None:
    svg = path.read_text()
    assert 'viewBox="0 0 24 24"' in svg
    assert 'stroke="currentColor"' in svg and 'stroke-width="1.8"' in svg
    assert 'fill="none"' in svg and 'stroke-linecap="round"' in svg
    assert re.findall(r"#[0-9a-fA-F]{3,6}\b", svg) == []  # the colour comes from the palette


def test_the_set_is_complete() -> None:
    names = {p.stem for p in ICONS.glob("*.svg")}
    assert {spec.name for spec in PAGES} <= names
    assert {f"kind_{kind.value}" for kind in CardKind} <= names
    assert {f"action_{name}" for name in ACTIONS} <= names
    assert "app" in names
    for name in names:
        assert not icon(name).isNull(), name


def _colours(image: QImage) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}


def test_icons_take_the_colour_of_the_palette_and_the_selection(qapp) -> None:
    light = qapp.palette()
    assert icon_color("board", QIcon.Normal, light).name() == ACCENT[0]
    assert icon_color("board", QIcon.Normal, dark_palette()).name() == ACCENT[1]
    assert icon_color("kind_email", QIcon.Normal, dark_palette()).name() == MUTED[1]
    selected = icon("board").pixmap(48, 48, QIcon.Selected).toImage()
    assert _colours(selected) == {light.color(QPalette.HighlightedText).name()}
    normal = icon("board").pixmap(48, 48, QIcon.Normal).toImage()
    assert ACCENT[0] in _colours(normal)


def _edge_pixels(image: QImage) -> int:
    """Half-covered pixels along the middle row: the blur of the edges crossed."""
    row = image.height() // 2
    return sum(1 for x in range(image.width()) if 0 < image.pixelColor(x, row).alpha() < 255)


def test_icons_are_sharp_on_a_hidpi_screen() -> None:
    pixmap = icon("goals").pixmap(QSize(48, 48), 2.0)
    assert pixmap.size() == QSize(96, 96) and pixmap.devicePixelRatio() == 2.0
    image = QImage(96, 96, QImage.Format_ARGB32)
    image.setDevicePixelRatio(2.0)
    image.fill(0)
    painter = QPainter(image)
    icon("goals").paint(painter, QRect(0, 0, 48, 48))
    painter.end()
    # drawn at 96 device pixels, not drawn at 48 and scaled up
    upscaled = icon("goals").pixmap(48, 48).toImage().scaled(96, 96, mode=Qt.SmoothTransformation)
    assert _edge_pixels(image) < _edge_pixels(upscaled) * 0.7
    assert image.pixelColor(48, 48).alpha() == 255  # the centre dot
