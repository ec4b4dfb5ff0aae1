"""The report's charts: the Analytics page's own (``desktop.charts``), drawn once each.

Each chart is handed to a chart process (``desktop.chart_processes``) as soon as its
figures are in, and drawn to PNG once while the PDF's first layout pass runs: reportlab
lays a document out more than once (for the table of contents and "page N of M") and
must not draw a chart again on every pass. A section with nothing to show gets no
chart: the report says so in words instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop import charts
from desktop.chart_processes import PendingChart
from desktop.charts import Canvas, Chart

DPI = 175  # about 200 dots per inch at the printed size, sharp in print

#: Where the report's charts are drawn: the charts' own size, sharp in print.
CANVAS = Canvas(*charts.SIZE, DPI)

#: Height over width of every chart (``charts.SIZE``): the space the layout keeps for one
#: before it is drawn.
ASPECT = charts.SIZE[1] / charts.SIZE[0]


@dataclass(frozen=True)
class SectionChart:
    """A section's chart: the findings it is drawn from, and when it has something to show."""

    inputs: tuple[str, ...]  # ``Findings`` fields, named as report_data's figure jobs
    shows: Callable[..., bool]
    chart: Callable[..., Chart]


#: The report's charts by section, in report order: the Analytics page's drawings.
CHARTS: dict[str, SectionChart] = {
    "channels": SectionChart(("channels", "currency"), lambda rows, _currency: bool(rows),
                             lambda rows, currency: Chart("channels", (
                                 tuple(rows), currency, charts.channel_label))),
    "times": SectionChart(("heatmap",),
                          lambda heatmap: heatmap is not None and bool(heatmap.total),
                          lambda heatmap: Chart("heatmap", (heatmap,))),
    "messages": SectionChart(("words",), lambda words: words is not None and bool(words.words),
                             lambda words: Chart("words", (words,))),
    "content": SectionChart(("by_kind", "by_tag"), lambda kinds, tags: bool(kinds or tags),
                            lambda kinds, tags: Chart("content", (tuple(kinds), tuple(tags)))),
    "influence": SectionChart(("influencers",), bool,
                              lambda rows: Chart("influence", (tuple(rows),))),
}


def draw_chart(name: str, found: Mapping[str, Any]) -> PendingChart | None:
    """Section ``name``'s chart from the figures in ``found``, given to a chart process;
    None when it has nothing to show (the report then says so in words)."""
    section = CHARTS[name]
    values = tuple(found[key] for key in section.inputs)
    if not section.shows(*values):
        return None
    return PendingChart(section.chart(*values), CANVAS)

