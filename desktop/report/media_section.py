"""The business case's media relations: pitches and what they earned, who carried the
stories, what marketing's amplification of the coverage brought, and the speaking slots."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from desktop.media.figures import MediaFigures
from desktop.numbers import compact_number, number
from desktop.report.flowables import Heading, subheading
from desktop.report.fonts import as_markup
from desktop.report.report_data import ReportData
from desktop.report.request import day_text
from desktop.report.results_sections import NOT_MEASURED
from desktop.report.styles import styles, text
from desktop.report.summary_text import Tile
from desktop.report.tables import data_table, nothing, tile_grid

STATE_WORDS = {"draft": "draft", "submitted": "submitted", "accepted": "accepted",
               "rejected": "rejected", "confirmed": "confirmed", "delivered": "delivered",
               "withdrawn": "withdrawn"}


def _cell(value: str) -> Paragraph:
    return Paragraph(as_markup(value), styles()["cell"])


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _figure(value: float | None) -> str:
    return NOT_MEASURED if value is None else compact_number(value)


def media_section(data: ReportData) -> list[Flowable]:
    figures: MediaFigures | None = data.media
    story: list[Flowable] = [Heading("Media relations"), text(
        "Pitches sent in the period (each contact pitched counts once), the answers and the "
        "coverage confirmed as earned by them, and the talks at industry events that begin "
        "in the period.", "small")]
    if figures is None or not (figures.pitched or figures.talks):
        story.append(nothing("No pitch was sent and no talk was on an industry event's "
                             "programme in this period."))
        return story
    per_pitch = figures.coverage_per_pitch
    tiles = (Tile("pitched", "Contacts pitched", number(figures.pitched), "", "", None),
             Tile("replied", "Reply rate", _rate(figures.reply_rate), "", "", None),
             Tile("covered", "Coverage rate", _rate(figures.coverage_rate), "", "", None),
             Tile("won", "Articles won", number(figures.coverage), "", "", None),
             Tile("per_pitch", "Articles per pitch sent",
                  "–" if per_pitch is None else f"{per_pitch:.2f}", "", "", None),
             Tile("talks", "Speaking slots won / delivered",
                  f"{figures.slots_won} / {figures.delivered}", "", "", None))
    story.append(tile_grid(tiles, columns=3, with_change=False))
    story.append(text(
        f"{number(figures.pitches)} pitches reached {number(figures.pitched)} contacts; "
        f"{number(figures.replied)} answered and {number(figures.covered)} covered the story. "
        f"Customers on stage at delivered talks: {number(figures.customers_on_stage)}.", "note"))
    if figures.top_contacts:
        story += subheading("Who carried the most")
        rows = [[_cell(name), _cell(outlet or "–"), number(count)]
                for name, outlet, count in figures.top_contacts]
        story.append(data_table(("Contact", "Outlet", "Articles"), rows, (45, 40, 15),
                                numbers_from=2))
        rows = [[_cell(outlet or "–"), number(count)] for outlet, count in figures.top_outlets]
        story.append(data_table(("Outlet", "Articles"), rows, (85, 15), numbers_from=1))
    if figures.amplification:
        story += subheading("Amplification of the coverage")
        rows = [[_cell(a.article), _cell(a.outlet), number(a.pieces), _figure(a.reach),
                 _figure(a.clicks), _figure(a.leads)]
                for a in figures.amplification]
        story.append(data_table(("Article", "Outlet", "Pieces", "Reach", "Clicks", "Leads"),
                                rows, (40, 22, 9, 10, 10, 9), numbers_from=2))
        if any(None in (a.reach, a.clicks, a.leads) for a in figures.amplification):
            story.append(text(f"{NOT_MEASURED}: not measured, no amplification piece has "
                              "reported the figure yet.", "note"))
    if figures.talks:
        story += subheading("Speaking slots")
        rows = [[day_text(t.starts_on), _cell(t.event), _cell(t.title), _cell(t.speakers),
                 STATE_WORDS[t.state.value]] for t in figures.talks]
        story.append(data_table(("Date", "Event", "Talk", "Speakers", "State"), rows,
                                (13, 20, 32, 23, 12)))
    return story
