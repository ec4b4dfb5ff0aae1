"""Small builders shared by the sections: data tables, figure tiles, the "nothing here" line."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desktop.report.fonts import BOLD, as_markup
from desktop.report.styles import BAD, FRAME_WIDTH, GOOD, MUTED, TILE, markup, styles, table_style
from desktop.report.summary_text import Tile, whole

Cell = str | Flowable


def widths(*shares: float) -> list[float]:
    """Column widths as shares of the text width (they need not add up to exactly 1)."""
    total = sum(shares)
    return [FRAME_WIDTH * share / total for share in shares]


class DataTable(Table):
    """A table that never leaves a single row alone: not one row at the foot of a page
    with the rest on the next, nor one row carried over onto a page of its own."""

    def split(self, available_width: float, available_height: float) -> list[Table]:
        parts = super().split(available_width, available_height)
        if len(parts) != 2:
            return parts
        first, rest = parts
        kept = len(first._cellvalues) - self.repeatRows
        carried = len(rest._cellvalues) - self.repeatRows
        if kept < 2:
            return []  # the whole table starts on the next page
        if carried < 2 and kept >= 3:  # carry one more row over, so two go together
            return super().split(available_width,
                                 available_height - self._rowHeights[len(first._cellvalues) - 1])
        return parts


def data_table(header: Sequence[str], rows: Sequence[Sequence[Cell]], shares: Sequence[float],
               numbers_from: int | None = None, bold_last: bool = False) -> Table:
    """A quiet table that repeats its header on every page it spans."""
    s = styles()
    heads = [Paragraph(as_markup(name), s["head_right" if numbers_from is not None
                                         and column >= numbers_from else "head"])
             for column, name in enumerate(header)]
    table = DataTable([heads, *[list(row) for row in rows]], colWidths=widths(*shares),
                      repeatRows=1, hAlign="LEFT")
    style = table_style(numbers_from=numbers_from)
    if bold_last:
        style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
        style.add("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED)
    table.setStyle(style)
    return table


def with_currency(head: str, currency: str) -> str:
    """A cost column's header naming the team's currency: "Cost per lead (EUR)"."""
    return f"{head} ({currency})" if currency else head


def per_piece(value: float, pieces: int) -> str:
    """An average per piece: one decimal below ten, whole above."""
    if not pieces:
        return "–"
    average = value / pieces
    return f"{average:.1f}" if abs(average) < 10 else whole(average)


def nothing(sentence: str) -> Paragraph:
    """The line a section shows when the period holds nothing for it."""
    return markup(as_markup(sentence), "empty")


def _colour(good: bool | None) -> str:
    return GOOD.hexval()[2:] if good else BAD.hexval()[2:] if good is False else MUTED.hexval()[2:]


def change_markup(tile: Tile) -> str:
    arrow = ("▲ " if tile.change.startswith("+") or tile.change == "new"
             else "▼ " if tile.change.startswith("−") else "")
    change = (f'<font color="#{_colour(tile.good)}">{arrow}{as_markup(tile.change)}</font>'
              if tile.change else "")
    was = f'<font color="#{MUTED.hexval()[2:]}">was {as_markup(tile.previous)}</font>'
    return f"{change} · {was}" if change else was


def tile_grid(tiles: Sequence[Tile], columns: int = 3, with_change: bool = True) -> Table:
    """Figures as tiles: label, big value, and the change against the comparison period
    (or, ``with_change`` off, only what it was when a previous value is given)."""
    s = styles()
    cells = []
    for t in tiles:
        cell = [Paragraph(as_markup(t.label), s["tile_label"]),
                Paragraph(as_markup(t.value), s["tile_value" if columns <= 3 else "tile_value_small"])]
        if with_change or t.previous:
            cell.append(Paragraph(change_markup(t), s["tile_change"]))
        if t.note:
            cell.append(Paragraph(as_markup(t.note), s["tile_note"]))
        cells.append(cell)
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] += [""] * (columns - len(rows[-1]))
    gap = 6
    table = Table(rows, colWidths=[FRAME_WIDTH / columns] * columns, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), TILE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("LINEAFTER", (0, 0), (-2, -1), gap, "white"),
        ("LINEBELOW", (0, 0), (-1, -2), gap, "white"),
    ]))
    return table
