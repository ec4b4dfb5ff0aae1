"""The "Listening to pipeline" section: what social listening brought in the period, from
the mentions imported to the opportunities won with the account's rep."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from desktop.listening.pipeline import ListeningFigures
from desktop.listening.rules import INTENT_TEXT
from desktop.numbers import number
from desktop.report.flowables import Heading, subheading
from desktop.report.fonts import as_markup
from desktop.report.report_data import ReportData
from desktop.report.styles import styles, text
from desktop.report.summary_text import Tile, money
from desktop.report.tables import data_table, nothing, tile_grid


def _cell(value: str) -> Paragraph:
    return Paragraph(as_markup(value), styles()["cell"])


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def listening_section(data: ReportData) -> list[Flowable]:
    figures: ListeningFigures | None = data.listening
    story: list[Flowable] = [Heading("Listening to pipeline"), text(
        "Mentions from the listening tools, matched to the team's accounts, became signals "
        "for the account's own rep; the rep acknowledged, called and opened opportunities. "
        "Signals first seen in the period are followed to today.", "small")]
    if figures is None or not (figures.mentions or figures.signals):
        story.append(nothing("No mentions were imported for this period."))
        return story
    f = figures
    funnel = (("mentions", "Mentions imported", f.mentions),
              ("matched", "Matched to an account", f.matched),
              ("signals", "Signals", f.signals), ("routed", "Routed to the rep", f.routed),
              ("in_time", "Acknowledged in time", f.acknowledged_in_time),
              ("contacted", "Contacted with the rep", f.contacted),
              ("opportunities", "Opportunities", f.opportunities), ("won", "Won", f.won))
    story.append(tile_grid([Tile(key, label, number(value), "", "", None)
                            for key, label, value in funnel], columns=4, with_change=False))
    hours = (f"{f.median_hours_to_contact:.1f} hours" if f.median_hours_to_contact is not None
             else "no contact yet")
    story.append(text(
        f"Acknowledged in time: {_share(f.acknowledged_in_time, f.due)} of the routed "
        f"signals that were due. Median time from routing to the first contact: {hours}. "
        f"Pipeline "
        f"{money(f.pipeline_amount, data.currency)}, won {money(f.won_amount, data.currency)}: "
        "influenced by listening, not caused by it.", "body"))
    story += subheading("Signals by intent")
    story.append(data_table(("Intent", "Signals"),
                            [[_cell(INTENT_TEXT[intent].capitalize()), number(count)]
                             for intent, count in f.by_intent], (70, 30), numbers_from=1))
    story += subheading("Each rule's precision")
    story.append(text("Of the signals a rep or PR judged, the share not set aside as not "
                      "relevant; signals still waiting, expired or duplicates are not judged.",
                      "small"))
    rows = [[_cell(r.rule), number(r.signals), number(r.judged), number(r.not_relevant),
             f"{r.precision:.0%}" if r.precision is not None else "–"] for r in f.rules]
    story.append(data_table(("Rule", "Signals", "Judged", "Not relevant", "Precision"), rows,
                            (40, 15, 15, 15, 15), numbers_from=1))
    story += subheading("Share of voice and sentiment")
    voice = [[_cell(query), number(count), _share(count, f.mentions)]
             for query, count in f.share_of_voice]
    story.append(data_table(("Query", "Mentions", "Share"), voice, (60, 20, 20),
                            numbers_from=1))
    moods = ", ".join(f"{name} {_share(count, f.mentions)}" for name, count in f.sentiment)
    story.append(text(f"Sentiment of the mentions: {moods}.", "note"))
    return story
