"""The report's typefaces: DejaVu Sans, and Droid Sans Fallback for what it lacks.

reportlab's built-in fonts know Latin-1 only; DejaVu Sans covers Latin with
accents, Greek, Cyrillic, Arabic and Hebrew, and Droid Sans Fallback Chinese,
Japanese and Korean (``glyphs`` chooses per character run). The files ship in
``resources/fonts`` with their licences, which allow embedding; reportlab
embeds a subset, the glyphs used. Registered once per process.
"""

from __future__ import annotations

import io
import threading
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from desktop.report import glyphs
from resources import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
FALLBACK = "DroidSansFallback"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf",
         FALLBACK: glyphs.FALLBACK_FILE}

_lock = threading.Lock()


def register_fonts() -> str:
    """Register the faces (idempotent, thread-safe); returns the regular face's name."""
    with _lock:
        if FALLBACK not in pdfmetrics.getRegisteredFontNames():
            for name, file_name in FILES.items():
                data = resource("fonts", file_name).read_bytes()
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                          boldItalic=BOLD)
            # One face for every style: bold or italic Chinese prints in the regular face.
            pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK,
                                          italic=FALLBACK, boldItalic=FALLBACK)
    return REGULAR


def covers(text: str) -> bool:
    """Whether the embedded faces draw every character of ``text`` (else it prints by name)."""
    return all(glyphs.covered(ch) for ch in text)


def as_markup(value: object) -> str:
    """Any text (a name, a title, an imported phrase) as paragraph markup that prints it
    as typed: escaped, never read as markup, in display order, each run in a face that
    has its glyphs."""
    register_fonts()
    return "".join(f'<font face="{FALLBACK}">{escape(part)}</font>' if fallback
                   else escape(part) for part, fallback in glyphs.runs(value))


def text_width(value: object, font: str, size: float) -> float:
    """How wide ``value`` prints on a canvas (see ``draw``)."""
    register_fonts()
    return sum(stringWidth(part, FALLBACK if fallback else font, size)
               for part, fallback in glyphs.runs(value))


def draw(canvas: object, x: float, y: float, value: object, font: str, size: float, *,
         right: bool = False) -> None:
    """Draw ``value`` on a canvas from ``x`` (or ending at ``x``, ``right``), run by run."""
    if right:
        x -= text_width(value, font, size)
    for part, fallback in glyphs.runs(value):
        face = FALLBACK if fallback else font
        canvas.setFont(face, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, face, size)
