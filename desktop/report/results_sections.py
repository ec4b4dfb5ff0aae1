"""The Analytics findings as the report shows them: channels, the best times of day,
the messages that worked, the content customers want, and who has influence."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from desktop.analytics import DAYS
from desktop.chart_processes import PendingChart
from desktop.charts import channel_label, plain_label
from desktop.numbers import counted, number
from desktop.report.flowables import Chart, Heading, subheading
from desktop.report.fonts import as_markup
from desktop.report.report_data import ReportData
from desktop.report.styles import FRAME_WIDTH, styles, text
from desktop.report.tables import data_table, nothing, whole, with_currency

NO_RESULTS = "No results were recorded for this period, so there is nothing to show here."
TABLE_ROWS = 8
CHART_SHARE = 0.86  # of the text width: two charts with their tables fit a page


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f} %"


def _chart_block(title: str, intro: str, image: PendingChart | None) -> list[Flowable]:
    """The heading, its explanation and its chart, never split across pages."""
    block: list[Flowable] = [Heading(title), text(intro, "small")]
    if image is not None:
        block += [Chart(image.png, FRAME_WIDTH * CHART_SHARE), Spacer(1, 4)]
    return [KeepTogether(block)]


def _cell(value: str) -> Paragraph:
    return Paragraph(as_markup(value), styles()["cell"])


NOT_MEASURED = "–"


def measured(value: float) -> str:
    """A channel's total, or the mark for a figure it does not report (a zero total)."""
    return whole(value) if value else NOT_MEASURED


def channels_section(data: ReportData, images: dict[str, PendingChart]) -> list[Flowable]:
    title, rows = "Channels", data.findings.channels
    if not rows:
        return [Heading(title), nothing(NO_RESULTS)]
    story = _chart_block(title, "Which channels reach people and which bring leads, most "
                         "engagement first. The engagement rate is engagement over impressions "
                         "(or reach where a channel has no impressions).",
                         images.get("channels"))
    table = [[_cell(channel_label(r.channel)), measured(r.reach), measured(r.impressions),
              measured(r.engagement), percent(r.engagement_rate), whole(r.leads),
              number(round(r.cost)) if r.cost else "–", whole(r.cost_per_lead)]
             for r in rows[:TABLE_ROWS]]
    currency = data.currency
    story.append(data_table(("Channel", "Reach", "Impressions", "Engagement", "Rate", "Leads",
                             with_currency("Cost", currency),
                             with_currency("Cost per lead", currency)), table,
                            (15, 10, 13, 14, 9, 9, 12, 13), numbers_from=1))
    notes = []
    if len(rows) > TABLE_ROWS:
        notes.append(f"+{counted(len(rows) - TABLE_ROWS, 'more channel')}, not shown.")
    if any(not (r.reach and r.impressions and r.engagement) for r in rows[:TABLE_ROWS]):
        notes.append(f"{NOT_MEASURED}: not measured, the channel reports no such figure.")
    if notes:
        story.append(text(" ".join(notes), "note"))
    return story


def times_section(data: ReportData, images: dict[str, PendingChart]) -> list[Flowable]:
    title, heatmap = "Best times of day", data.findings.heatmap
    if heatmap is None or not heatmap.total:
        return [Heading(title),
                nothing("No results with a time of day were recorded for this period.")]
    peak = heatmap.peak()
    intro = "When the audience engages, by weekday and hour of the team's day."
    if peak is not None:
        intro += f" The busiest hour is {DAYS[peak[0]]} {peak[1]:02d}:00."
    story = _chart_block(title, intro, images.get("times"))
    best = data.findings.best_hours
    if best:
        story += subheading("The best hours of each channel")
        table = [[_cell(channel_label(b.channel)), ", ".join(f"{h:02d}:00" for h in b.hours),
                  percent(b.share), whole(b.engagement)] for b in best[:TABLE_ROWS]]
        story.append(data_table(("Channel", "Best hours", "Share of its engagement",
                                 "Engagement"), table, (25, 35, 22, 18), numbers_from=2))
    return story


def messages_section(data: ReportData, images: dict[str, PendingChart]) -> list[Flowable]:
    title, words = "Messages that worked", data.findings.words
    if words is None or not words.words:
        return [Heading(title), nothing("Too few titles and subject lines with results in "
                                        "this period to tell which words work.")]
    story = _chart_block(
        title, "Words and two-word phrases of titles and subject lines, by how far the "
        "engagement rate of the pieces using them is above the average of "
        f"{percent(words.average_rate)} ({counted(words.pieces, 'piece')}).",
        images.get("messages"))
    table = [[_cell(w.phrase), number(w.uses), percent(w.engagement_rate),
              ("+" if w.lift >= 0 else "−") + f"{abs(w.lift) * 100:.0f} %"]
             for w in words.words[:TABLE_ROWS]]
    story.append(data_table(("Words", "Pieces", "Engagement rate", "Above average"), table,
                            (46, 14, 20, 20), numbers_from=1))
    return story


def content_section(data: ReportData, images: dict[str, PendingChart]) -> list[Flowable]:
    title, found = "Content customers want", data.findings
    if not found.by_kind and not found.by_tag:
        return [Heading(title), nothing("No results in this period are matched to board "
                                        "cards, so the kinds of content cannot be compared.")]
    story = _chart_block(title, "Engagement by kind of content and by the common-ground tag "
                         "of the pieces (results matched to board cards only).",
                         images.get("content"))
    table = [[plain_label(c.key), number(c.pieces), whole(c.reach), whole(c.engagement),
              whole(c.leads), percent(c.engagement_rate)] for c in found.by_kind[:TABLE_ROWS]]
    if table:
        story.append(data_table(("Kind of content", "Pieces", "Reach", "Engagement", "Leads",
                                 "Rate"), table, (30, 12, 14, 16, 12, 14), numbers_from=1))
    return story


def influence_section(data: ReportData, images: dict[str, PendingChart]) -> list[Flowable]:
    title, people = "Who has influence", data.findings.influencers
    if not people:
        return [Heading(title), nothing("No coverage in this period names its outlet, "
                                        "journalist or creator.")]
    story = _chart_block(title, "Outlets, journalists and creators by the reach of the "
                         "coverage they gave in this period.", images.get("influence"))
    table = [[_cell(p.name), p.role, number(p.pieces), whole(p.reach), whole(p.engagement)]
             for p in people[:10]]
    story.append(data_table(("Name", "Role", "Pieces", "Reach", "Engagement"), table,
                            (40, 16, 12, 16, 16), numbers_from=2))
    return story
