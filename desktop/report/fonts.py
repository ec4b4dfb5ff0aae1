"""The report's typeface: DejaVu Sans, embedded, so every name prints as itself.

reportlab's built-in fonts know Latin-1 only; DejaVu Sans covers Latin with
accents, Greek and Cyrillic (not Chinese, Japanese or Korean). The files ship
in ``resources/fonts`` with their licence, which allows embedding; reportlab
embeds the glyphs used. Registered once per process.
"""

from __future__ import annotations

import io
import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resources import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

_lock = threading.Lock()


def register_fonts() -> str:
    """Register the family (idempotent, thread-safe); returns the regular face's name."""
    with _lock:
        if REGULAR not in pdfmetrics.getRegisteredFontNames():
            for name, file_name in FILES.items():
                data = resource("fonts", file_name).read_bytes()
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                          boldItalic=BOLD)
    return REGULAR


def covers(text: str) -> bool:
    """Whether the embedded font has a glyph for every character of ``text``."""
    register_fonts()
    glyphs = pdfmetrics.getFont(REGULAR).face.charToGlyph
    return all(ord(ch) in glyphs or ch.isspace() for ch in text)
