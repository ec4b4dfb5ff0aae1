"""The cover (with the contents) and the one-page executive summary."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.lineage import headline
from desktop.report.flowables import Heading
from desktop.report.fonts import as_markup
from desktop.report.plan_sections import corporate_glance
from desktop.report.report_data import ReportData
from desktop.report.request import day_text
from desktop.report.styles import markup, text
from desktop.report.tables import nothing, tile_grid


def lineage_line(data: ReportData) -> str:
    """"Survey → 14 pieces → 1.2 M reach → 320 leads" for the top source, or ""."""
    return headline(data.lineage[0]).replace(" -> ", " → ") if data.lineage else ""


def cover(data: ReportData, contents: TableOfContents) -> list[Flowable]:
    request = data.request
    story: list[Flowable] = [Spacer(1, 14 * mm), text(request.display_title, "cover_title"),
                             text(data.period_label, "cover_line"),
                             text(data.team_name, "cover_line")]
    if data.campaign_names:
        story.append(text("Campaigns: " + ", ".join(data.campaign_names), "cover_small"))
    by = f"Prepared by {request.prepared_by} on " if request.prepared_by.strip() else "Made on "
    story += [text(by + day_text(request.today), "cover_small"), Spacer(1, 16 * mm),
              text("Contents", "toc_title"), contents,
              NextPageTemplate("body"), PageBreak()]
    return story


def summary(data: ReportData) -> list[Flowable]:
    comparison = data.comparison
    story: list[Flowable] = [Heading("Executive summary")]
    scope = (" for the campaigns " + ", ".join(f"“{as_markup(n)}”" for n in data.campaign_names)
             if data.campaign_names else "")
    story.append(markup(f"<b>{as_markup(data.period_label)}</b>{scope}. Changes are against "
                        f"{as_markup(comparison.label)}.", "small"))
    story.append(Spacer(1, 3 * mm))
    if data.is_empty:
        story.append(nothing("Nothing was recorded for this period: no results, goals, "
                             "customer stories, meetings or events. The sections below say "
                             "the same; choose another period or import the period's results."))
    story += [tile_grid(data.tiles), Spacer(1, 6 * mm), Heading("What it means", level=1)]
    story += [markup("<bullet>•</bullet>" + as_markup(sentence), "sentence")
              for sentence in data.sentences]
    line = lineage_line(data)
    if line:
        story += [Heading("How far one source went", level=1), text(line, "lead")]
    glance = corporate_glance(data)
    if glance:
        story += [Heading("Corporate goals", level=1), *glance]
    return story
