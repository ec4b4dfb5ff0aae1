"""Putting the business case together: figures, charts (drawn once), then the PDF.

``build_report(uow, request, path)`` is what the Reports page and ``commonground
report`` call. The charts are jobs of the same thread pool as the figures, each
started as soon as what it stands on is in (``add_charts``) and drawn in a chart
process (``desktop.chart_processes``), beside the figures still being computed. The PDF is
written next to its target and moved into place only when complete, so a
cancel or an error never leaves half a file behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from db.unit_of_work import UnitOfWork
from desktop import chart_processes
from desktop.chart_processes import PendingChart
from desktop.errors import Cancelled, ValidationError
from desktop.numbers import counted
from desktop.report.appendix import appendix_section
from desktop.report.document import ReportDocument
from desktop.report.figures import CHARTS, draw_chart
from desktop.report.gatherer import REPORT_CANCELLED, CancelRequested, Gatherer, Progress
from desktop.report.listening_section import listening_section
from desktop.report.media_section import media_section
from desktop.report.plan_sections import goals_section, lineage_section, pilots_section
from desktop.report.report_data import ReportData, add_figures, assemble
from desktop.report.request import ReportRequest, day_text
from desktop.report.results_sections import (
    channels_section,
    content_section,
    influence_section,
    messages_section,
    times_section,
)
from desktop.report.summary_section import cover, summary
from desktop.report.team_sections import collaboration_section, stories_section

#: Shares of the progress bar: the figures, the charts, the layout.
FIGURES_SHARE, CHARTS_SHARE = 0.55, 0.3

Section = Callable[[ReportData, dict[str, PendingChart]], list[Flowable]]
SECTION_BUILDERS: dict[str, Section] = {
    "summary": lambda data, _images: summary(data),
    "goals": lambda data, _images: goals_section(data),
    "lineage": lambda data, _images: lineage_section(data),
    "channels": channels_section,
    "times": times_section,
    "messages": messages_section,
    "content": content_section,
    "influence": influence_section,
    "stories": lambda data, _images: stories_section(data),
    "media": lambda data, _images: media_section(data),
    "collaboration": lambda data, _images: collaboration_section(data),
    "pilots": lambda data, _images: pilots_section(data),
    "listening": lambda data, _images: listening_section(data),
    "appendix": lambda data, _images: appendix_section(data),
}


@dataclass(frozen=True)
class BuiltReport:
    path: Path
    pages: int
    data: ReportData


def _document(data: ReportData, target: Path) -> ReportDocument:
    request = data.request
    scope = f" · {counted(len(data.campaign_names), 'campaign')}" if data.campaign_names else ""
    return ReportDocument(
        str(target), title=request.display_title,
        author=request.prepared_by.strip() or data.team_name,
        subject=f"{data.team_name}: {data.period_label}",
        header_right=f"{data.period_label}{scope}",
        footer_left=f"{data.team_name} · Common Ground, {day_text(request.today)}")


def make_story(data: ReportData, images: dict[str, PendingChart],
               document: ReportDocument) -> list[Flowable]:
    """The whole document's flowables, the chosen sections in report order."""
    story = cover(data, document.contents)
    chosen = [name for name in SECTION_BUILDERS if data.request.includes(name)]
    for number, name in enumerate(chosen):
        story += SECTION_BUILDERS[name](data, images)
        last = number == len(chosen) - 1
        if not last and (name == "summary"
                         or not data.is_empty and _starts_page(chosen[number + 1])):
            story.append(PageBreak())
    story.append(document.page_count)
    return story


def _starts_page(section: str) -> bool:
    """Sections that open a new page; the smaller ones follow on the same page (and in an
    empty report, where every section is one line, all of them do)."""
    return section in {"goals", "lineage", "channels", "messages", "stories", "pilots",
                       "listening", "appendix"}


def render_report(data: ReportData, images: dict[str, PendingChart], target: Path, *,
                  progress: Progress | None = None, cancelled: CancelRequested | None = None,
                  start: float = 0.0) -> int:
    """Lay out the PDF at ``target``; returns the number of pages. The charts are waited
    for only on the passes that know the page count, so the first runs while they are
    being drawn."""
    report = progress or (lambda _share, _text: None)
    stop = cancelled or (lambda: False)
    if stop():
        raise Cancelled(REPORT_CANCELLED)
    target = Path(target)
    partial = target.with_name(target.name + ".part")
    document = _document(data, partial)

    def laid_out(kind: str, value: int) -> None:
        if stop():
            raise Cancelled(REPORT_CANCELLED)
        if kind == "PAGE":
            report(min(0.99, start + 0.01 * value), "Laying out the pages")

    document.set_progress(laid_out)
    try:
        document.multiBuild(make_story(data, images, document))
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    report(1.0, "Done")
    return document.page_count.pages


def build_report(uow: UnitOfWork, request: ReportRequest, target: Path, *,
                 progress: Progress | None = None,
                 cancelled: CancelRequested | None = None) -> BuiltReport:
    """Compute the figures, draw the charts and write the PDF to ``target``."""
    folder = Path(target).parent
    if not folder.is_dir():
        raise ValidationError(f"The folder {folder} does not exist; choose another place for "
                              "the PDF.", field="path")
    gather = Gatherer(progress, cancelled)
    add_figures(gather, uow, request)
    add_charts(gather, request)
    try:
        found = gather.run(FIGURES_SHARE + CHARTS_SHARE)
        data = assemble(uow, request, found)
        pages = render_report(data, _charts(found), Path(target), progress=progress,
                              cancelled=cancelled, start=FIGURES_SHARE + CHARTS_SHARE)
    except BaseException:  # cancelled or failed: the charts not begun are not drawn
        for image in _charts(gather.found).values():
            image.cancel()
        raise
    return BuiltReport(Path(target), pages, data)


def _charts(found: dict[str, Any]) -> dict[str, PendingChart]:
    return {name: image for name in CHARTS if (image := found.get(f"chart:{name}"))}


def add_charts(gather: Gatherer, request: ReportRequest) -> None:
    """The chart jobs: each gives its chart to a chart process as soon as its figures are
    in, and the process draws it while this one goes on with the rest of the report."""
    chart_processes.start()
    for name, chart in CHARTS.items():
        if request.includes(name):
            gather.add(f"chart:{name}", partial(draw_chart, name, gather.found),
                       needs=chart.inputs, text="Drawing the charts")
