"""The report's look: page size, colours, paragraph and table styles, in one place."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, TableStyle

from desktop.report.fonts import BOLD, ITALIC, REGULAR, as_markup, register_fonts

PAGE = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#1f6fb2")  # the charts' first colour
GOOD = colors.HexColor("#2e7d4f")
BAD = colors.HexColor("#b3362b")
RULE = colors.HexColor("#d5dbe1")
TILE = colors.HexColor("#f2f5f8")
BAR_EMPTY = colors.HexColor("#e3e8ee")


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13.5, textColor=INK,
                          spaceAfter=5)
    return {
        "body": base,
        "lead": ParagraphStyle("lead", base, fontSize=11, leading=16, spaceAfter=8),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        "note": ParagraphStyle("note", base, fontName=ITALIC, fontSize=8.5, leading=11.5,
                               textColor=MUTED),
        "empty": ParagraphStyle("empty", base, fontName=ITALIC, textColor=MUTED,
                                spaceBefore=4, spaceAfter=10),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=BOLD, fontSize=8.5,
                                    leading=11, spaceAfter=0),
        "cell_small": ParagraphStyle("cell_small", base, fontSize=7.8, leading=9.8,
                                     spaceAfter=0),
        "cell_small_bold": ParagraphStyle("cell_small_bold", base, fontName=BOLD,
                                          fontSize=7.8, leading=9.8, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", base, fontSize=8.5, leading=11,
                                     spaceAfter=0, alignment=TA_RIGHT),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=17, leading=21,
                             textColor=INK, spaceBefore=20, spaceAfter=8, keepWithNext=1),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=11.5, leading=15,
                             textColor=ACCENT, spaceBefore=12, spaceAfter=5),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=8, leading=10,
                               textColor=MUTED, spaceAfter=0),
        "head_right": ParagraphStyle("head_right", base, fontName=BOLD, fontSize=8,
                                     leading=10, textColor=MUTED, spaceAfter=0,
                                     alignment=TA_RIGHT),
        "cover_title": ParagraphStyle("cover_title", base, fontName=BOLD, fontSize=28,
                                      leading=34, textColor=INK, spaceAfter=12),
        "cover_line": ParagraphStyle("cover_line", base, fontSize=13, leading=18,
                                     textColor=INK, spaceAfter=4),
        "cover_small": ParagraphStyle("cover_small", base, fontSize=10, leading=14,
                                      textColor=MUTED, spaceAfter=2),
        "toc_title": ParagraphStyle("toc_title", base, fontName=BOLD, fontSize=11,
                                    leading=14, textColor=MUTED, spaceBefore=6, spaceAfter=6),
        "toc1": ParagraphStyle("toc1", base, fontSize=10.5, leading=16, alignment=TA_LEFT),
        "tile_label": ParagraphStyle("tile_label", base, fontSize=8.5, leading=11,
                                     textColor=MUTED, spaceAfter=2),
        "tile_value": ParagraphStyle("tile_value", base, fontName=BOLD, fontSize=20,
                                     leading=24, spaceAfter=2),
        "tile_value_small": ParagraphStyle("tile_value_small", base, fontName=BOLD,
                                           fontSize=15, leading=19, spaceAfter=2),
        "tile_change": ParagraphStyle("tile_change", base, fontSize=8.5, leading=11,
                                      spaceAfter=0),
        "tile_note": ParagraphStyle("tile_note", base, fontSize=7.5, leading=9.5,
                                    textColor=MUTED, spaceAfter=0),
        "sentence": ParagraphStyle("sentence", base, fontSize=10.5, leading=15.5,
                                   leftIndent=10, bulletIndent=0, spaceAfter=6),
    }


def text(value: object, style: str = "body") -> Paragraph:
    """A paragraph of plain text: whatever a person typed is escaped, never read as markup."""
    return Paragraph(as_markup(str(value)), styles()[style])


def markup(value: str, style: str = "body") -> Paragraph:
    """A paragraph of our own markup; every piece of user text in it must be escaped already."""
    return Paragraph(value, styles()[style])


def table_style(header: bool = True, numbers_from: int | None = None) -> TableStyle:
    """Quiet tables: a rule under the header, hairlines between rows, figures aligned right."""
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
    if header:
        commands += [("FONTNAME", (0, 0), (-1, 0), BOLD), ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]
    if numbers_from is not None:
        commands.append(("ALIGN", (numbers_from, 0), (-1, -1), "RIGHT"))
    return TableStyle(commands)
