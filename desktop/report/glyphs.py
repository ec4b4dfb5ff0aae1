"""Text as it can print: which embedded font draws each character, and the rest by name.

The report and its charts use two faces from ``resources/fonts``: DejaVu Sans
(Latin, Greek, Cyrillic, Arabic, Hebrew, many symbols) and, for the characters
it lacks, Droid Sans Fallback (Chinese, Japanese, Korean). A character neither
has (most emoji) would print as an empty box; it prints as its Unicode name
instead (":rocket:"), so a reader still sees what was typed. Right-to-left
text is shaped (Arabic letters joined) and put in display order by the Unicode
bidirectional algorithm before it is laid out, because neither reportlab nor a
PDF reader's text drawing does that. No reportlab and no matplotlib here: both
the PDF and the charts use it.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import groupby

from resources import resource

PRIMARY_FILE = "DejaVuSans.ttf"
FALLBACK_FILE = "DroidSansFallback.ttf"

#: Characters that only shape their neighbours (emoji variation selectors, the joiner,
#: skin tones): dropped when the emoji they belong to prints by name.
_SHAPERS = {0xFE0E, 0xFE0F, 0x200D, *range(0x1F3FB, 0x1F400)}


@cache
def _cmap(file_name: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # matplotlib's own dependency

    with resource("fonts", file_name).open("rb") as stream:
        return frozenset(TTFont(stream, lazy=True).getBestCmap())


def primary_covers(ch: str) -> bool:
    return ch.isspace() or ord(ch) in _cmap(PRIMARY_FILE)


def fallback_covers(ch: str) -> bool:
    return ord(ch) in _cmap(FALLBACK_FILE)


def covered(ch: str) -> bool:
    """Whether one of the embedded faces draws ``ch``."""
    return primary_covers(ch) or fallback_covers(ch)


def _by_name(ch: str) -> str:
    if ord(ch) in _SHAPERS or unicodedata.category(ch) in ("Cc", "Cf", "Mn"):
        return ""
    name = unicodedata.name(ch, "")
    return f":{name.lower()}:" if name else "?"


def printable(value: object) -> str:
    """``value`` with every character no embedded face draws replaced by its name."""
    text = str(value)
    if all(covered(ch) for ch in text):
        return text
    return "".join(ch if covered(ch) else _by_name(ch) for ch in text)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def display(value: object) -> str:
    """``printable(value)`` in the order it is drawn left to right: Arabic shaped and
    right-to-left runs reversed (the Unicode bidirectional algorithm); other text as is."""
    text = printable(value)
    if not _has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="L")


def runs(value: object) -> list[tuple[str, bool]]:
    """``display(value)`` cut into runs of (text, drawn by the fallback face)."""
    text = display(value)
    return [("".join(chars), fallback) for fallback, chars in
            groupby(text, key=lambda ch: not primary_covers(ch))]
