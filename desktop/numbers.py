"""Figures the way people read them, shared by the pages and the PDF report."""

from __future__ import annotations


def number(value: float | None) -> str:
    """Whole numbers with separators, others with two decimals; a dash for none."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def compact_number(value: float | None) -> str:
    """Large figures the way a slide shows them: 1.5 M, 540 k."""
    if value is None:
        return "–"
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:.1f} M".replace(".0 M", " M")
    if size >= 10_000:
        return f"{value / 1000:.0f} k"
    return number(round(value) if size >= 100 else value)


def counted(count: int, singular: str, plural: str = "") -> str:
    """A count with its noun in the right number: "1 channel", "16 channels", "1,204 rows".

    ``plural`` only where adding an "s" is wrong ("1 person", "3 people").
    """
    noun = singular if count == 1 else (plural or singular + "s")
    return f"{number(count)} {noun}"
