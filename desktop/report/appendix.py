"""The appendix: where each figure of the report comes from and how it is calculated."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from db.enums import MeasurementSource
from desktop.numbers import counted, number
from desktop.report.flowables import Heading, subheading
from desktop.report.fonts import as_markup
from desktop.report.report_data import ReportData
from desktop.report.request import day_text
from desktop.report.styles import styles, text
from desktop.report.tables import data_table, nothing

SOURCES: tuple[tuple[str, str, str], ...] = (
    ("Goals met", "The goals of the period's quarters and their measurements, typed in, "
     "imported or calculated from results.",
     "A goal is met when its latest measurement reaches the target (for goals that should go "
     "down, falls to it) or the team marked it met. Retired goals are not counted."),
    ("Leads, reach, cost", "The results imported from the team's tools and those typed in "
     "(see the files below).",
     "Sums of the 'leads', 'reach' and 'cost' records dated in the period."),
    ("Cost per lead", "The same records.", "All cost divided by all leads of the period."),
    ("Media coverage pieces", "The board.",
     "Cards of the kind 'media coverage', published or measured, dated in the period."),
    ("Customer stories placed", "The placements recorded on customer-story requests.",
     "Placements dated in the period."),
    ("Engagement and its rate", "The results.",
     "Engagements where a channel reports them, else clicks plus opens; the rate is "
     "engagement over impressions, or over reach where there are no impressions."),
    ("Best times of day", "Results with a time of day (the team's clock).",
     "Engagement summed by weekday and hour; results given by date only are left out."),
    ("Messages that worked", "Titles and subject lines of the results.",
     "Each word or two-word phrase used by at least three pieces, ranked by how far the "
     "engagement rate of those pieces is above the average."),
    ("Lineage and pilots", "The board's derived-from links and pilot marks.",
     "Each piece's own results in the period; a branch sums every piece derived from it."),
    ("Collaboration", "Meeting notes, their action items, and the team calendar.",
     "Meetings and events up to the period's last day that has passed; an action item is on "
     "time when closed by its due date."),
    ("Change against the previous period", "The same sources.",
     "The previous quarter (for a quarter still running, its same number of days), or the "
     "same number of days just before a range of days."),
)

MEASUREMENT_WORDS = {MeasurementSource.MANUAL: "typed in",
                     MeasurementSource.IMPORTED: "imported",
                     MeasurementSource.CALCULATED: "calculated from results"}


def _cell(value: str, style: str = "cell") -> Paragraph:
    return Paragraph(as_markup(value), styles()[style])


def appendix_section(data: ReportData) -> list[Flowable]:
    provenance = data.provenance
    story: list[Flowable] = [Heading("Where the figures come from")]
    story.append(data_table(("Figure", "Source", "How it is calculated"),
                            [[_cell(a, "cell_small_bold"), _cell(b, "cell_small"),
                              _cell(c, "cell_small")] for a, b, c in SOURCES],
                            (20, 32, 48)))
    story += subheading("The period's results")
    story.append(_measurement_line(data))
    if not provenance.records:
        story.append(nothing("No results are dated in this period."))
        return story
    story.append(text(
        f"Result records dated in the period: {number(provenance.records)}, "
        f"{number(provenance.records - provenance.typed_in)} imported from "
        f"{counted(len(provenance.files), 'file')} and {number(provenance.typed_in)} typed in.",
        "body"))
    rows = [[_cell(f.file_name), _cell(f.profile_name or "–"),
             day_text(f.imported_at.date()) if f.imported_at else "–",
             _cell(f.imported_by or "–"), number(f.records)] for f in provenance.files]
    if rows:
        story.append(data_table(("File", "Column mapping", "Imported", "By",
                                 "Records in the period"), rows, (30, 27, 13, 17, 13),
                                numbers_from=4))
    return story


def _measurement_line(data: ReportData) -> Paragraph:
    measurements = data.provenance.measurements
    if not measurements:
        return text("The period's goals have no measurements yet.", "body")
    parts = [f"{number(count)} {MEASUREMENT_WORDS[source]}" for source, count in measurements]
    return text("Goal measurements up to the period's end: " + ", ".join(parts) + ".", "body")
