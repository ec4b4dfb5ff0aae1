"""The Analytics page's figures, computed and drawn off the GUI thread.

Everything here runs on the task manager's reader thread (``ui.shell.tasks``): a tab's figures
are queried from ``desktop.analytics``, built as ``desktop.charts`` figures and drawn by
matplotlib's Agg to an image. It is apart from the page so that no widget is in its
reach: it imports no widget module, and from Qt takes only ``QImage`` (what ``draw``
returns). Nothing here touches a widget: the page reads its widgets into a ``Request`` on
the GUI thread, and shows the ``Computed`` that comes back there.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QImage

from db.enums import Team
from desktop import analytics, board, charts, goals
from desktop.collector import collector_paused
from desktop.quarters import quarter_of
from desktop.team_file import UnitOfWork
from ui.shell.labels import enum_label

DPI = 100  # of the charts on screen, at a device pixel ratio of 1


@dataclass(frozen=True)
class Selection:
    """The filters as the figures take them."""

    start: date
    end: date
    campaign_ids: tuple[int, ...] | None
    channels: tuple[str, ...] | None
    team: Team | None

    def scope(self) -> dict[str, object]:
        return {"campaign_ids": self.campaign_ids, "channels": self.channels, "team": self.team}


@dataclass(frozen=True)
class Filters:
    """What the filter lists offer: the span of the results, the campaigns, the channels."""

    span: tuple[date, date] | None
    campaigns: tuple[tuple[str, int], ...]
    channels: tuple[str, ...]


def load_filters(uow: UnitOfWork) -> Filters:
    return Filters(analytics.result_span(uow),
                   tuple((c.name, c.id) for c in board.list_campaigns(uow)),
                   tuple(analytics.list_channels(uow)))


@dataclass(frozen=True)
class Request:
    """What one tab's figures are computed from, read from the widgets on the GUI thread."""

    tab: str
    selection: Selection
    measure: str = "reach"
    min_uses: int = 3
    goal_id: int | None = None
    no_goals_text: str = "No goals in this quarter"
    size: tuple[int, int] = (800, 450)  # device-independent pixels
    ratio: float = 1.0  # device pixels per device-independent pixel


@dataclass(frozen=True)
class Chart:
    """A chart as what builds it: a ``desktop.charts`` function and the figures it shows.

    The page keeps this, not the matplotlib ``Figure``: a figure is built, drawn and
    let go on the reader thread, and built again there to draw at a new size or to save.
    """

    build: Callable[..., Figure]
    args: tuple[object, ...] = ()

    def figure(self) -> Figure:
        return self.build(*self.args)


@dataclass(frozen=True)
class Computed:
    """A tab's figures: the chart, drawn as an image, and the rows of its table."""

    chart: Chart
    rows: tuple[object, ...] = ()
    summary: tuple[analytics.ChannelPerformance, ...] | None = None  # the channels tab
    goals: tuple[goals.Goal, ...] = ()  # the goals tab: the quarter's goals ...
    goal_id: int | None = None  # ... and the one shown
    left_out: tuple[str, ...] = ()  # imports covering more than the period, not in it
    image: QImage | None = field(default=None, compare=False)


def _channels(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    rows = tuple(analytics.channel_performance(uow, s.start, s.end, **s.scope()))
    return Computed(Chart(charts.channel_chart, (rows,)), rows, summary=rows,
                    left_out=tuple(analytics.left_out(uow, s.start, s.end)))


def _trend(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    points = tuple(analytics.channel_trend(uow, s.start, s.end, measure=r.measure,
                                           **s.scope()))
    return Computed(Chart(charts.trend_chart, (points, r.measure)))


def _time_of_day(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    heatmap = analytics.activity_heatmap(uow, s.start, s.end, **s.scope())
    rows = tuple(analytics.best_hours(uow, s.start, s.end, **s.scope()))
    return Computed(Chart(charts.heatmap_chart, (heatmap,)), rows)


def _words(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    findings = analytics.word_lift(uow, s.start, s.end, min_uses=r.min_uses, **s.scope())
    return Computed(Chart(charts.word_chart, (findings,)), findings.words)


def _content(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    by_kind = tuple(analytics.content_by_kind(uow, s.start, s.end, **s.scope()))
    by_tag = tuple(analytics.content_by_tag(uow, s.start, s.end, **s.scope()))
    return Computed(Chart(charts.content_chart, (by_kind, by_tag, enum_label)),
                    by_kind + by_tag)


def _influence(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    rows = tuple(analytics.influencers(uow, s.start, s.end, **s.scope()))
    return Computed(Chart(charts.influence_chart, (rows,)), rows)


def _no_goals_chart(text: str) -> Figure:
    return charts._empty(Figure(figsize=charts.SIZE), text)


def _goal(uow: UnitOfWork, r: Request) -> Computed:
    """The quarter's goals, and the progress of the chosen one (the first if it is gone)."""
    found = tuple(goals.list_goals(uow, quarter_of(r.selection.start)))
    ids = [g.id for g in found]
    goal_id = r.goal_id if r.goal_id in ids else (ids[0] if ids else None)
    chart = Chart(_no_goals_chart, (r.no_goals_text,)) if goal_id is None else \
        Chart(charts.goal_progress_chart, (analytics.goal_progress(uow, goal_id),))
    return Computed(chart, goals=found, goal_id=goal_id)


FIGURES: dict[str, Callable[[UnitOfWork, Request], Computed]] = {
    "channels": _channels, "trend": _trend, "time": _time_of_day, "words": _words,
    "content": _content, "influence": _influence, "goals": _goal,
}


def compute(uow: UnitOfWork, request: Request,
            wanted: Callable[[], bool] = lambda: True) -> Computed | None:
    """A tab's figures, drawn; None once ``wanted()`` says a newer selection replaced them
    (a person clicking through periods queues requests that no one waits for any more)."""
    if not wanted():
        return None
    with background_computation():
        computed = FIGURES[request.tab](uow, request)
        if not wanted():
            return None
        return replace(computed, image=draw(computed.chart, request.size, request.ratio))


def draw(chart: Chart, size: tuple[int, int], ratio: float) -> QImage:
    """The chart drawn by matplotlib's Agg at ``size`` (device-independent pixels).

    Building and drawing a chart takes a tenth of a second or more, so both happen on
    the reader thread; the figure is let go once drawn.
    """
    with background_computation():
        figure = chart.figure()
        width, height = max(size[0], 100), max(size[1], 100)
        figure.set_dpi(DPI * ratio)
        figure.set_size_inches(width / DPI, height / DPI, forward=False)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        pixels = canvas.buffer_rgba()
        image = QImage(pixels, pixels.shape[1], pixels.shape[0],
                       QImage.Format_RGBA8888).copy()
        image.setDevicePixelRatio(ratio)
        return image


def save_chart_file(chart: Chart, path: Path) -> None:
    """The chart as a PNG or SVG file, at the charts' own size (not the window's)."""
    with background_computation():
        charts.save_figure(chart.figure(), path)


class _Switching:
    """The switch interval from before the first computation that runs now."""

    depth = 0
    interval = 0.005


_switching_lock = threading.Lock()
SWITCH_INTERVAL_S = 0.001  # while a chart is computed; Python's own is 5 ms


@contextmanager
def background_computation() -> Iterator[None]:
    """Tune the interpreter while a chart is computed and drawn beside the GUI thread.

    Both settings are measured answers to GUI-thread pauses on a million records:

    - The cycle collector is paused (``desktop.collector``). A pass holds a few hundred
      thousand small tuples and a figure tens of thousands of objects; a collector running
      meanwhile promotes them, and every few charts a full collection walked the whole
      heap of the application, holding the interpreter (so the GUI thread too) for a
      quarter of a second.
    - The switch interval is 1 ms instead of 5. Every table cell Qt paints is a call
      into Python, and while this thread computes the GUI thread waited up to a whole
      interval for each: showing a tab's table stood the window still for up to 170 ms.

    Nested, the interval in force when the first computation began is put back when the
    last one ends.
    """
    with collector_paused():
        with _switching_lock:
            _Switching.depth += 1
            if _Switching.depth == 1:
                _Switching.interval = sys.getswitchinterval()
                sys.setswitchinterval(min(SWITCH_INTERVAL_S, _Switching.interval))
        try:
            yield
        finally:
            with _switching_lock:
                _Switching.depth -= 1
                if _Switching.depth == 0:
                    sys.setswitchinterval(_Switching.interval)

