"""Meaning colours readable on the light and the dark palette; screenshots in either."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from ui.shell.palette import (
    TONES,
    Tone,
    banner_style,
    dark_palette,
    is_dark,
    style_banner,
    style_label,
    tone,
    use_palette,
)

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[QApplication]:
    """Whatever a test does to the palette is undone afterwards."""
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("which", list(Tone))
def test_every_meaning_colour_is_readable_on_both_palettes(app_palette, which: Tone) -> None:
    light = app_palette.style().standardPalette()
    dark = dark_palette()
    for palette in (light, dark):
        for role in (QPalette.Base, QPalette.Window):
            assert contrast(tone(which, palette), palette.color(role)) >= 4.5, (which, role)
    assert tone(which, light).name() == TONES[which][0]
    assert tone(which, dark).name() == TONES[which][1]


def test_the_dark_palette_keeps_text_readable() -> None:
    palette = dark_palette()
    assert is_dark(palette)
    for text, ground in ((QPalette.Text, QPalette.Base), (QPalette.WindowText, QPalette.Window),
                         (QPalette.ButtonText, QPalette.Button),
                         (QPalette.HighlightedText, QPalette.Highlight)):
        assert contrast(palette.color(text), palette.color(ground)) >= 4.5


def test_styled_labels_follow_a_change_of_palette(qtbot, app_palette) -> None:
    use_palette("light")
    error, banner = QLabel("The title is missing."), QLabel("This file is read-only.")
    qtbot.addWidget(error)
    qtbot.addWidget(banner)
    style_label(error, Tone.ERROR)
    style_banner(banner)
    assert error.styleSheet() == f"color: {TONES[Tone.ERROR][0]};"
    assert "#fff3cd" in banner.styleSheet()
    use_palette("dark")
    assert error.styleSheet() == f"color: {TONES[Tone.ERROR][1]};"
    assert banner.styleSheet() == banner_style() and "#fff3cd" not in banner.styleSheet()


def test_a_gone_label_is_no_trouble(qtbot, app_palette) -> None:
    label = QLabel("gone")
    style_label(label, Tone.WARNING)
    label.deleteLater()
    qtbot.wait(1)  # deferred delete done; its Python side lives on
    use_palette("dark")  # would raise on the deleted widget


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="light"):
        use_palette("sepia")


@pytest.mark.slow
def test_a_screenshot_in_the_dark_palette(tmp_path: Path) -> None:
    from desktop.demo import write_demo

    write_demo(tmp_path / "team.cgdb").dispose()
    shots = {}
    for scheme in ("light", "dark"):
        target = tmp_path / f"{scheme}.png"
        subprocess.run([sys.executable, "-c", "import sys; from ui.app import main; "
                        "sys.exit(main())", "screenshot", "--db", str(tmp_path / "team.cgdb"),
                        "--page", "goals", "--palette", scheme, "-o", str(target),
                        "--size", "800x500"], cwd=ROOT, check=True, capture_output=True)
        shots[scheme] = QImage(str(target))
    # a pixel of the window's status bar, bottom left: light on light, dark on dark
    assert shots["light"].pixelColor(4, 495).lightness() > 180
    assert shots["dark"].pixelColor(4, 495).lightness() < 80
