"""The Analytics page's figures, computed and drawn off the GUI thread.

Everything here runs on the task manager's reader thread (``ui.shell.tasks``): a tab's figures
are queried from ``desktop.analytics`` and drawn as a ``desktop.charts.Chart`` by a chart
process (``desktop.chart_processes``, as the report's are), which hands back PNG bytes
while the reader thread waits without holding the interpreter. It is apart from the
page so that no widget is in its reach: it imports no widget module, and from Qt takes
only ``QImage`` (what ``draw`` returns). Nothing here touches a widget: the page reads
its widgets into a ``Request`` on the GUI thread, and shows the ``Computed`` that comes
back there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from PySide6.QtGui import QImage

from db.enums import Team
from desktop import analytics, board, chart_processes, charts, goals
from desktop.charts import Canvas, Chart
from desktop.quarters import quarter_of
from desktop.team_file import UnitOfWork

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
    return Computed(Chart("channels", (rows,)), rows, summary=rows,
                    left_out=tuple(analytics.left_out(uow, s.start, s.end)))


def _trend(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    points = tuple(analytics.channel_trend(uow, s.start, s.end, measure=r.measure,
                                           **s.scope()))
    return Computed(Chart("trend", (points, r.measure)))


def _time_of_day(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    heatmap = analytics.activity_heatmap(uow, s.start, s.end, **s.scope())
    rows = tuple(analytics.best_hours(uow, s.start, s.end, **s.scope()))
    return Computed(Chart("heatmap", (heatmap,)), rows)


def _words(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    findings = analytics.word_lift(uow, s.start, s.end, min_uses=r.min_uses, **s.scope())
    return Computed(Chart("words", (findings,)), findings.words)


def _content(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    by_kind = tuple(analytics.content_by_kind(uow, s.start, s.end, **s.scope()))
    by_tag = tuple(analytics.content_by_tag(uow, s.start, s.end, **s.scope()))
    return Computed(Chart("content", (by_kind, by_tag)), by_kind + by_tag)


def _influence(uow: UnitOfWork, r: Request) -> Computed:
    s = r.selection
    rows = tuple(analytics.influencers(uow, s.start, s.end, **s.scope()))
    return Computed(Chart("influence", (rows,)), rows)


def _goal(uow: UnitOfWork, r: Request) -> Computed:
    """The quarter's goals, and the progress of the chosen one (the first if it is gone)."""
    found = tuple(goals.list_goals(uow, quarter_of(r.selection.start)))
    ids = [g.id for g in found]
    goal_id = r.goal_id if r.goal_id in ids else (ids[0] if ids else None)
    chart = Chart("message", (r.no_goals_text,)) if goal_id is None else \
        Chart("goal_progress", (analytics.goal_progress(uow, goal_id),))
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
    computed = FIGURES[request.tab](uow, request)
    if not wanted():
        return None
    return replace(computed, image=draw(computed.chart, request.size, request.ratio))


def draw(chart: Chart, size: tuple[int, int], ratio: float) -> QImage:
    """The chart at ``size`` (device-independent pixels), drawn by a chart process."""
    width, height = max(size[0], 100), max(size[1], 100)
    png = chart_processes.draw(chart, Canvas(width / DPI, height / DPI, DPI * ratio))
    image = QImage.fromData(png, "PNG")
    image.setDevicePixelRatio(ratio)
    return image


def save_chart_file(chart: Chart, path: Path) -> None:
    """The chart as a PNG or SVG file, at the charts' own size (not the window's)."""
    charts.save_chart(chart, path)
