"""The report's charts: the Analytics page's own figures (``desktop.charts``), drawn once each.

Each figure is rendered to PNG bytes once, in a chart process
(``chart_processes``), while the PDF's first layout pass runs: reportlab lays a
document out more than once (for the table of contents and "page N of M") and
must not draw a chart again on every pass. A section with nothing to show gets
no chart: the report says so in words instead.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop import charts
from desktop.collector import collector_paused

if TYPE_CHECKING:  # matplotlib is imported where a chart is drawn, in a chart process
    from matplotlib.figure import Figure

DPI = 175  # about 200 dots per inch at the printed size, sharp in print


#: Height over width of every chart (``charts.SIZE``): the space the layout keeps for one
#: before it is drawn.
ASPECT = charts.SIZE[1] / charts.SIZE[0]


@dataclass(frozen=True)
class ChartImage:
    png: bytes  # of a ``charts.SIZE`` figure, so ``ASPECT`` high


def render_png(figure: Figure, dpi: int = DPI) -> ChartImage:
    """The figure as PNG bytes, drawn once.

    ``savefig`` draws a figure that has a layout engine twice (first without
    painting, to lay it out); printing from the canvas lays it out and paints it
    in one draw, to the same pixels.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)  # drawn by Agg, whatever backend a GUI may have chosen
    figure.dpi = dpi
    buffer = io.BytesIO()
    # reportlab unpacks the PNG and compresses the pixels itself, so compressing them
    # hard here would be time wasted: the PDF comes out the same byte for byte.
    canvas.print_png(buffer, pil_kwargs={"compress_level": 1})
    return ChartImage(buffer.getvalue())


@dataclass(frozen=True)
class Chart:
    """A chart of the report: the findings it is drawn from, and when it has something to show."""

    inputs: tuple[str, ...]  # ``Findings`` fields, named as report_data's figure jobs
    shows: Callable[..., bool]
    draw: Callable[..., Figure]


#: The report's charts by section, in report order. ``draw`` looks ``charts`` up
#: when called, so the same functions as the Analytics page's are used.
CHARTS: dict[str, Chart] = {
    "channels": Chart(("channels", "currency"), lambda rows, _currency: bool(rows),
                      lambda rows, currency: charts.channel_chart(rows, currency,
                                                                  charts.channel_label)),
    "times": Chart(("heatmap",), lambda heatmap: heatmap is not None and bool(heatmap.total),
                   lambda heatmap: charts.heatmap_chart(heatmap)),
    "messages": Chart(("words",), lambda words: words is not None and bool(words.words),
                      lambda words: charts.word_chart(words)),
    "content": Chart(("by_kind", "by_tag"), lambda kinds, tags: bool(kinds or tags),
                     lambda kinds, tags: charts.content_chart(kinds, tags)),
    "influence": Chart(("influencers",), bool, lambda rows: charts.influence_chart(rows)),
}


def paint(name: str, values: Sequence[Any]) -> ChartImage:
    """Section ``name``'s chart from its figures (``Chart.inputs``, in order).
    ``chart_processes`` calls it in a process of its own."""
    with collector_paused():  # a figure's tens of thousands of objects die young
        return render_png(CHARTS[name].draw(*values))
