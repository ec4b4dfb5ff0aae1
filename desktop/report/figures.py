"""The report's charts: the Analytics page's own figures (``desktop.charts``), drawn once each.

Each figure is rendered to PNG bytes before the PDF is laid out, because
reportlab lays a document out more than once (for the table of contents and
"page N of M") and must not draw a chart again on every pass. A section with
nothing to show gets no chart: the report says so in words instead.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop import charts
from desktop.report.report_data import ReportData

DPI = 130  # about 150 dots per inch at the printed size


@dataclass(frozen=True)
class ChartImage:
    png: bytes
    width_in: float
    height_in: float

    @property
    def aspect(self) -> float:
        return self.height_in / self.width_in


def render_png(figure: Figure, dpi: int = DPI) -> ChartImage:
    """The figure as PNG bytes, drawn once.

    ``savefig`` draws a figure that has a layout engine twice (first without
    painting, to lay it out); printing from the canvas lays it out and paints it
    in one draw, to the same pixels.
    """
    canvas = FigureCanvasAgg(figure)  # drawn by Agg, whatever backend a GUI may have chosen
    figure.dpi = dpi
    buffer = io.BytesIO()
    # reportlab unpacks the PNG and compresses the pixels itself, so compressing them
    # hard here would be time wasted: the PDF comes out the same byte for byte.
    canvas.print_png(buffer, pil_kwargs={"compress_level": 1})
    width, height = figure.get_size_inches()
    return ChartImage(buffer.getvalue(), float(width), float(height))


def chart_builders(data: ReportData) -> dict[str, Callable[[], Figure]]:
    """The charts this report needs, by section, each as a figure to build."""
    found = data.findings
    wants = data.request.includes
    builders: dict[str, Callable[[], Figure]] = {}
    if wants("channels") and found.channels:
        builders["channels"] = lambda: charts.channel_chart(found.channels)
    if wants("times") and found.heatmap is not None and found.heatmap.total:
        builders["times"] = lambda: charts.heatmap_chart(found.heatmap)
    if wants("messages") and found.words is not None and found.words.words:
        builders["messages"] = lambda: charts.word_chart(found.words)
    if wants("content") and (found.by_kind or found.by_tag):
        builders["content"] = lambda: charts.content_chart(found.by_kind, found.by_tag)
    if wants("influence") and found.influencers:
        builders["influence"] = lambda: charts.influence_chart(found.influencers)
    return builders


def draw_charts(data: ReportData, step: Callable[[str], None] | None = None
                ) -> dict[str, ChartImage]:
    """Every chart of the report as a PNG; ``step(name)`` after each (for progress and cancel)."""
    images = {}
    for name, build in chart_builders(data).items():
        images[name] = render_png(build())
        if step is not None:
            step(name)
    return images
