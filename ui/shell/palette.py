"""Light and dark: the colours that carry meaning, readable on either palette.

Qt follows the system's light or dark scheme by itself; what it cannot know
is the app's own meaning colours (a problem in red, a met goal in green, the
read-only banner). They come from here, picked for the palette in use at the
moment they are drawn, so every page stays readable in both. Labels styled
with ``style_label`` are restyled when the system switches while the app runs.
``use_palette("dark")`` forces a scheme (screenshots and tests check both).
"""

from __future__ import annotations

import weakref
from enum import StrEnum

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory


class Tone(StrEnum):
    """What a colour says; each has a light-palette and a dark-palette shade."""

    ERROR = "error"
    WARNING = "warning"
    SUCCESS = "success"
    INFO = "info"
    SPECIAL = "special"  # a badge that sets something apart, like a pilot


#: (on a light background, on a dark background): each at least 4.5:1 against it.
TONES: dict[Tone, tuple[str, str]] = {
    Tone.ERROR: ("#c62828", "#ff8a80"),
    Tone.WARNING: ("#8a5a00", "#ffcc66"),
    Tone.SUCCESS: ("#2a7430", "#81c784"),
    Tone.INFO: ("#1565c0", "#90caf9"),
    Tone.SPECIAL: ("#7b1fa2", "#ce93d8"),
}
#: The banner that says a file is read-only: (background, text) per scheme.
BANNER = {False: ("#fff3cd", "#5c4400"), True: ("#4a3b12", "#ffe8a3")}
SCHEMES = ("system", "light", "dark")


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette (the application's by default) shows light text on dark."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.Window).lightness() < palette.color(
        QPalette.WindowText).lightness()


def tone(which: Tone, palette: QPalette | None = None) -> QColor:
    light, dark = TONES[which]
    return QColor(dark if is_dark(palette) else light)


def tone_css(which: Tone) -> str:
    """The colour as ``#rrggbb``, for style sheets and rich text."""
    return tone(which).name()


def banner_style() -> str:
    background, text = BANNER[is_dark()]
    return f"background: {background}; color: {text}; padding: 6px;"


_styled: weakref.WeakKeyDictionary[QLabel, Tone | None] = weakref.WeakKeyDictionary()
_watching = False


def style_label(label: QLabel, which: Tone) -> None:
    """Colour a label's text by its meaning, now and whenever the palette changes."""
    _style(label, which)


def style_banner(label: QLabel) -> None:
    """The look of a notice across the page (a read-only file, a stale form), in either palette."""
    _style(label, None)


def _style(label: QLabel, which: Tone | None) -> None:
    _styled[label] = which
    _apply(label, which)
    _watch_palette()


def _apply(label: QLabel, which: Tone | None) -> None:
    label.setStyleSheet(banner_style() if which is None else f"color: {tone_css(which)};")


def _restyle() -> None:
    for label, which in list(_styled.items()):
        if shiboken6.isValid(label):
            _apply(label, which)
        else:  # the widget is gone, its Python side not yet
            _styled.pop(label, None)


def _watch_palette() -> None:
    """Restyle every styled label when the system scheme or the app's palette changes."""
    global _watching
    app = QGuiApplication.instance()
    if _watching or app is None:
        return
    _watching = True
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: _restyle())
    app.paletteChanged.connect(lambda _palette: _restyle())


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, with the roles Qt's widgets read."""
    colors = {  # fields a shade lighter than the window, as on Windows 11 in dark mode
        QPalette.Window: "#202124", QPalette.WindowText: "#e8e8e8",
        QPalette.Base: "#2b2c30", QPalette.AlternateBase: "#313237",
        QPalette.ToolTipBase: "#3a3d41", QPalette.ToolTipText: "#f0f0f0",
        QPalette.PlaceholderText: "#8c9096", QPalette.Text: "#e8e8e8",
        QPalette.Button: "#303236", QPalette.ButtonText: "#e8e8e8",
        QPalette.BrightText: "#ff8a80", QPalette.Light: "#4a4e53",
        QPalette.Midlight: "#3f4246", QPalette.Mid: "#55595f", QPalette.Dark: "#151618",
        QPalette.Shadow: "#0b0b0c", QPalette.Highlight: "#3d6fa8",
        QPalette.HighlightedText: "#ffffff", QPalette.Link: "#8ab4f8",
        QPalette.LinkVisited: "#c58af9", QPalette.Accent: "#3d6fa8",
    }
    palette = QPalette()
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role, color in ((QPalette.Text, "#7b7f85"), (QPalette.WindowText, "#7b7f85"),
                        (QPalette.ButtonText, "#7b7f85"), (QPalette.Base, "#25262a")):
        palette.setColor(QPalette.Disabled, role, QColor(color))
    return palette


def use_palette(scheme: str) -> None:
    """``dark`` or ``light`` regardless of the system (Fusion style); ``system`` leaves
    Qt to follow the system."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown colour scheme {scheme!r}; use one of {', '.join(SCHEMES)}")
    app = QApplication.instance()
    if scheme == "system" or app is None:
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)
    app.setPalette(dark_palette() if scheme == "dark" else app.style().standardPalette())
    _restyle()
