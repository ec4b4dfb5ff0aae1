"""The charts of the analytics, as matplotlib ``Figure`` objects built without pyplot.

One function per chart, shared by the Analytics page and the PDF report: both hand a
``Chart`` (which drawing, from which figures) and a ``Canvas`` (its size and dots per
inch) to ``desktop.chart_processes``, which draws it to PNG with ``draw_png`` in a chart
process, or here where there is none. No pyplot: a figure here owns no window and no
global state.
Every chart says so in words when there is nothing to draw. Names, titles and
imported phrases are drawn as typed: never read as maths (``text.parse_math`` off,
so "Money $5M Talk $10M Weekly" keeps its dollars), Chinese, Japanese and Korean
from the report's fallback face, and a character no face has (most emoji) by its
name (``glyphs.printable``) rather than as a box with a warning.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.analytics import (
    DAYS,
    ChannelPerformance,
    ContentPerformance,
    GoalProgress,
    Heatmap,
    Influencer,
    TrendPoint,
    WordFindings,
)
from desktop.errors import ValidationError
from desktop.numbers import compact_number
from desktop.report.glyphs import FALLBACK_FILE, printable
from resources import resource

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SIZE = (8.0, 4.5)
PALETTE = ("#1f6fb2", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4a017",
           "#17a2b8", "#b5487f", "#5d6d7e")
ROLE_COLOURS = {"outlet": "#1f6fb2", "journalist": "#e07b39", "creator": "#3a9d5d"}
EMPTY_TEXT = "No results for this selection"

Label = Callable[[str], str]

#: Channels whose names are not written as a plain word with a capital.
CHANNEL_NAMES = {"linkedin": "LinkedIn", "x": "X", "youtube": "YouTube", "tiktok": "TikTok",
                 "github": "GitHub", "seo": "SEO", "sms": "SMS", "pr": "PR"}


@cache
def _set_up_matplotlib() -> None:
    """Once, on the first figure (so that importing this module costs no matplotlib): text
    is never read as maths, and CJK comes from the report's fallback face."""
    import matplotlib
    from matplotlib import font_manager

    matplotlib.rcParams["text.parse_math"] = False
    font_manager.fontManager.addfont(str(resource("fonts", FALLBACK_FILE)))
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", "Droid Sans Fallback"]


def plain_label(key: str) -> str:
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]


def channel_label(channel: str) -> str:
    """A channel as a reader writes it: "LinkedIn", "Paid search", "Email"."""
    named = CHANNEL_NAMES.get(channel.strip().casefold())
    if named:
        return named
    return plain_label(channel) if channel.islower() else channel


def _figure() -> Figure:
    _set_up_matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE, dpi=100, layout="constrained")
    return figure


def _empty(figure: Figure, title: str) -> Figure:
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(title)
    axes.text(0.5, 0.5, EMPTY_TEXT, ha="center", va="center", color="#666666",
              transform=axes.transAxes)
    return figure


def message_chart(title: str) -> Figure:
    """A chart with nothing to draw: its title, and that there are no results."""
    return _empty(_figure(), title)


def _thousands(axes, axis: str = "x") -> None:  # noqa: ANN001 - matplotlib Axes
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda value, _pos: compact_number(value))
    (axes.xaxis if axis == "x" else axes.yaxis).set_major_formatter(formatter)


def channel_chart(rows: Sequence[ChannelPerformance], currency: str = "",
                  label: Label = str) -> Figure:
    """Exposure and engagement per channel (left), leads and cost per lead (right);
    ``label`` names a channel (the report writes "LinkedIn" for "linkedin")."""
    figure = _figure()
    title = "Channel performance"
    if not rows:
        return _empty(figure, title)
    left, right = figure.subplots(1, 2, width_ratios=(3, 2), sharey=True)
    names = [printable(label(r.channel)) for r in rows][::-1]
    positions = range(len(names))
    exposure = [max(r.reach, r.impressions) for r in rows][::-1]
    engagement = [r.engagement for r in rows][::-1]
    left.barh([p + 0.2 for p in positions], exposure, height=0.4, color=PALETTE[0],
              label="Reach or impressions")
    left.barh([p - 0.2 for p in positions], engagement, height=0.4, color=PALETTE[1],
              label="Engagement")
    left.set_yticks(list(positions), names)
    left.set_title(title)
    left.legend(loc="lower right", fontsize="small")
    _thousands(left)
    leads = [r.leads for r in rows][::-1]
    bars = right.barh(list(positions), leads, color=PALETTE[2])
    right.set_title("Leads (cost per lead)")
    for bar, row in zip(bars, rows[::-1]):
        if row.cost_per_lead is not None:
            price = f"{row.cost_per_lead:,.0f}" + (f" {printable(currency)}" if currency else "")
            right.annotate(f" {price} per lead", (bar.get_width(), bar.get_y()
                           + bar.get_height() / 2), va="center", fontsize="small")
    right.margins(x=0.35)
    return figure


def trend_chart(points: Sequence[TrendPoint], measure: str = "reach") -> Figure:
    figure = _figure()
    title = f"{plain_label(measure)} over time"
    if not points:
        return _empty(figure, title)
    axes = figure.add_subplot()
    series: dict[str, dict] = defaultdict(dict)
    periods = sorted({p.period_start for p in points})
    for point in points:
        series[point.channel][point.period_start] = point.value
    for index, (channel, values) in enumerate(sorted(series.items())):
        axes.plot(periods, [values.get(p, 0.0) for p in periods], marker="o", markersize=3,
                  color=PALETTE[index % len(PALETTE)],
                  label=printable(channel))
    axes.set_title(title)
    axes.legend(fontsize="small", ncols=min(4, len(series)))
    _thousands(axes, "y")
    figure.autofmt_xdate()
    return figure


def heatmap_chart(heatmap: Heatmap) -> Figure:
    figure = _figure()
    title = "When the audience engages (team's time)"
    if not heatmap.total:
        return _empty(figure, title)
    axes = figure.add_subplot()
    image = axes.imshow(heatmap.values, aspect="auto", cmap="YlOrRd", interpolation="nearest")
    axes.set_yticks(range(7), DAYS)
    axes.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
    axes.set_xlabel("Hour of the day")
    axes.set_title(title)
    figure.colorbar(image, ax=axes, label="Engagement")
    return figure


def word_chart(findings: WordFindings) -> Figure:
    figure = _figure()
    title = "Words that lift engagement"
    if not findings.words:
        return _empty(figure, title)
    axes = figure.add_subplot()
    words = list(findings.words)[:15][::-1]
    colours = [PALETTE[2] if w.lift >= 0 else PALETTE[3] for w in words]
    axes.barh([printable(w.phrase) for w in words], [w.lift * 100 for w in words], color=colours)
    axes.axvline(0, color="#444444", linewidth=0.8)
    axes.set_xlabel("Engagement rate above (below) the average, %")
    axes.set_title(title)
    return figure


def content_chart(by_kind: Sequence[ContentPerformance], by_tag: Sequence[ContentPerformance],
                  label: Label = plain_label) -> Figure:
    figure = _figure()
    title = "What content customers want"
    if not by_kind and not by_tag:
        return _empty(figure, title)
    panels = [(rows, name) for rows, name in ((by_kind, "By kind of content"),
                                              (by_tag, "By common-ground tag")) if rows]
    for axes, (rows, name) in zip(figure.subplots(1, len(panels), squeeze=False)[0], panels):
        shown = list(rows)[:10][::-1]
        axes.barh([printable(label(r.key)) for r in shown], [r.engagement for r in shown],
                  color=PALETTE[1])
        axes.set_title(name)
        axes.set_xlabel("Engagement")
        _thousands(axes)
    figure.suptitle(title)
    return figure


def influence_chart(rows: Sequence[Influencer]) -> Figure:
    figure = _figure()
    title = "Who has influence: reach of the coverage given"
    if not rows:
        return _empty(figure, title)
    axes = figure.add_subplot()
    shown = list(rows)[:15][::-1]
    axes.barh([printable(r.name) for r in shown], [r.reach for r in shown],
              color=[ROLE_COLOURS.get(r.role, PALETTE[5]) for r in shown])
    from matplotlib.patches import Patch

    roles = sorted({r.role for r in shown})
    axes.legend(handles=[Patch(color=ROLE_COLOURS[r], label=r) for r in roles],
                fontsize="small", loc="lower right")
    axes.set_title(title)
    _thousands(axes)
    return figure


def goal_progress_chart(progress: GoalProgress) -> Figure:
    figure = _figure()
    axes = figure.add_subplot()
    axes.plot([progress.start, progress.end], [progress.baseline, progress.target],
              linestyle="--", color=PALETTE[5], label="Target line")
    if progress.points:
        days = [day for day, _ in progress.points]
        axes.plot(days, [value for _, value in progress.points], marker="o", color=PALETTE[0],
                  label="Measured")
    else:
        axes.text(0.5, 0.5, "No measurement yet", ha="center", va="center",
                  transform=axes.transAxes, color="#666666")
    axes.set_title(printable(progress.title))
    axes.set_ylabel(printable(progress.unit or "value"))
    axes.legend(fontsize="small")
    _thousands(axes, "y")
    figure.autofmt_xdate()
    return figure


def save_figure(figure: Figure, path: Path) -> None:
    """Save as PNG or SVG, chosen by the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValidationError("Save a chart as .png or .svg.", field="path")
    figure.savefig(path, format=suffix[1:], dpi=150 if suffix == ".png" else None)


#: The charts by name, as a ``Chart`` names its drawing.
DRAWINGS: dict[str, Callable[..., Figure]] = {
    "channels": channel_chart, "trend": trend_chart, "heatmap": heatmap_chart,
    "words": word_chart, "content": content_chart, "influence": influence_chart,
    "goal_progress": goal_progress_chart, "message": message_chart,
}


@dataclass(frozen=True)
class Chart:
    """A chart as what it shows: its drawing in ``DRAWINGS`` and the figures it is drawn
    from. Small and picklable, so a chart process can be handed it; the page keeps it,
    not a matplotlib figure, to draw it again at another size or to save it."""

    kind: str
    values: tuple[object, ...] = ()

    def figure(self) -> Figure:
        return DRAWINGS[self.kind](*self.values)


@dataclass(frozen=True)
class Canvas:
    """Where a chart is drawn: its size in inches and its dots per inch."""

    width_in: float
    height_in: float
    dpi: float


def draw_png(chart: Chart, canvas: Canvas) -> bytes:
    """The chart drawn by matplotlib's Agg onto ``canvas``, as PNG bytes.

    Printing from the canvas lays the figure out and paints it in one draw (``savefig``
    draws a figure with a layout engine twice). The pixels are hardly compressed:
    reportlab unpacks a PNG and compresses the pixels itself, and the screen shows them.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = chart.figure()
    figure.set_dpi(canvas.dpi)
    figure.set_size_inches(canvas.width_in, canvas.height_in, forward=False)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def save_chart(chart: Chart, path: Path) -> None:
    """The chart as a PNG or SVG file at the charts' own size, chosen by the file's suffix."""
    save_figure(chart.figure(), path)
