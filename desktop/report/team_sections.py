"""The sections about working together: customer stories with sales, and the team's
collaboration cadence (meetings, action items, events)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from desktop.charts import plain_label
from desktop.numbers import counted, number
from desktop.report.flowables import Heading, subheading
from desktop.report.fonts import as_markup
from desktop.report.report_data import ReportData
from desktop.report.request import day_text
from desktop.report.styles import styles, text
from desktop.report.summary_text import Tile
from desktop.report.tables import data_table, nothing, tile_grid


def _cell(value: str) -> Paragraph:
    return Paragraph(as_markup(value), styles()["cell"])


def stories_section(data: ReportData) -> list[Flowable]:
    figures = data.stories
    story: list[Flowable] = [Heading("Customer stories"), text(
        "PR asks, the customer's sales rep decides, and only then is the customer contacted. "
        "Requests and decisions counted here were made in the period; placements are the "
        "stories that appeared.", "small")]
    tiles = (Tile("requested", "Requests written", number(figures.requested), "", "", None),
             Tile("approved", "Approved by the rep", number(figures.approved), "", "", None),
             Tile("declined", "Declined by the rep", number(figures.declined), "", "", None),
             Tile("awaiting", "Waiting for a rep now" if figures.awaiting_on is None
                  else f"Waiting for a rep on {day_text(figures.awaiting_on)}",
                  number(figures.awaiting_rep), "", "", None),
             Tile("placed", "Stories placed", number(len(figures.placements)),
                  number(data.previous.placements), "", None))
    story.append(_figure_tiles(tiles))
    if not figures.placements:
        story.append(nothing("No customer story of this campaign was placed in this period."
                             if data.campaign_names else
                             "No customer story was placed in this period."))
        return story
    story += subheading("Where the stories appeared")
    rows = [[day_text(p.placed_on), _cell(p.outlet), _cell(p.customer_name),
             _cell(p.request_title)] for p in figures.placements]
    story.append(data_table(("Date", "Outlet", "Customer", "Story"), rows, (14, 24, 24, 38)))
    return story


def _figure_tiles(tiles: tuple[Tile, ...]) -> Flowable:
    """Tiles without a change line: the label and the figure."""
    return tile_grid([Tile(t.key, t.label, t.value, t.previous or "", "", None)
                      for t in tiles], columns=len(tiles) if len(tiles) <= 5 else 3,
                     with_change=False)


def collaboration_section(data: ReportData) -> list[Flowable]:
    c = data.collaboration
    story: list[Flowable] = [Heading("Collaboration"), text(
        "How often PR, marketing and sales met, whether they did what they agreed, and the "
        "time they spent together (the whole team's, whatever campaigns are chosen).",
        "small")]
    on_time = (f"{c.closed_on_time} of {c.actions_due}" if c.actions_due else "–")
    tiles = (Tile("meetings", "Meetings held", number(c.meetings), "", "", None),
             Tile("joint", "Joint meetings", number(c.joint_meetings), "", "", None),
             Tile("attendance", "People per meeting",
                  f"{c.average_attendance:.1f}" if c.average_attendance else "–", "", "", None),
             Tile("actions", "Action items closed on time", on_time, "", "", None),
             Tile("events", "Team events", number(len(c.events)), "", "", None))
    story.append(_figure_tiles(tiles))
    notes = [f"In {data.comparison.label}: {counted(c.previous_meetings, 'meeting')} and "
             f"{counted(c.previous_events, 'team event')}."]
    if c.actions_due:
        notes.append(f"Of {counted(c.actions_due, 'action item')} due: {c.closed_late} closed "
                     f"late, {c.open_overdue} still open.")
    story.append(text(" ".join(notes), "note"))
    if not c.meetings and not c.events:
        story.append(nothing("No meetings or team events took place in this period."))
        return story
    if c.events:
        story += subheading("Team events")
        rows = [[day_text(e.starts_at.date()), _cell(e.title), plain_label(e.kind.value),
                 _cell(e.place or "–"), number(len(e.attendees))] for e in c.events]
        story.append(data_table(("Date", "Event", "Kind", "Place", "People"), rows,
                                (14, 36, 14, 26, 10), numbers_from=4))
    return story
