"""The sections about the plan: goal progress, campaign lineage and the volunteer pilots."""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from db.enums import GoalLevel, GoalStatus
from desktop.charts import channel_label, plain_label
from desktop.goals import Goal, GoalNode
from desktop.lineage import LineageNode, Results, headline
from desktop.numbers import compact_number, counted, number
from desktop.report.flowables import Heading, ProgressBar, subheading
from desktop.report.fonts import as_markup
from desktop.report.report_data import ReportData
from desktop.report.styles import BAD, GOOD, INK, MUTED, markup, styles, text
from desktop.report.tables import data_table, nothing, per_piece, whole, with_currency
from desktop.report.tallies import PilotFindings

DEPARTMENTS = {"pr": "PR", "marketing": "Marketing", "sales": "Sales", "leadership": "Leadership"}
#: How much of a lineage tree the report prints: the source, two levels, this many per node.
LINEAGE_DEPTH = 2
LINEAGE_CHILDREN = (6, 3)  # pieces shown under the source, and under each of those
PILOT_ROWS = 12
#: Corporate goals on the summary page, so it stays one page whatever the team has.
SUMMARY_GOALS = 5
BAR_WIDTH = 42  # fits its column (57 points less the padding)


# --------------------------------------------------------------------------- goals


def goal_state(goal: Goal) -> tuple[str, str]:
    """The status word and its colour (hex) for a goal row."""
    if goal.met or goal.status is GoalStatus.MET:
        return "Met", GOOD.hexval()[2:]
    if goal.status is GoalStatus.MISSED:
        return "Missed", BAD.hexval()[2:]
    return {GoalStatus.RETIRED: "Retired", GoalStatus.CARRIED_OVER: "Carried over"}.get(
        goal.status, "Open"), MUTED.hexval()[2:]


#: Units short enough to print beside a figure; longer ones are in the goal's title.
SHORT_UNIT = 4


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    unit = unit.strip()
    figure = compact_number(value)
    if unit == "%":
        return f"{figure} %"
    return f"{figure} {unit}" if unit and len(unit) <= SHORT_UNIT else figure


def _goal_row(goal: Goal) -> list:
    s = styles()
    if goal.level is GoalLevel.CORPORATE:
        name = Paragraph(as_markup(goal.title), s["cell_bold"])
    else:
        department = DEPARTMENTS.get(goal.department.value if goal.department else "", "")
        name = Paragraph(f'<font color="#{MUTED.hexval()[2:]}">{as_markup(department)}</font>  '
                         f"{as_markup(goal.title)}",
                         ParagraphStyle("indented", s["cell"], leftIndent=10))
    state, colour = goal_state(goal)
    return [name, Paragraph(as_markup(goal.owner_name or "–"), s["cell"]),
            _amount(goal.target, goal.unit), _amount(goal.actual, goal.unit),
            ProgressBar(goal.progress, state == "Met", width=BAR_WIDTH),
            f"{goal.progress * 100:.0f} %" if goal.actual is not None else "–",
            Paragraph(f'<font color="#{colour}">{state}</font>', s["cell"])]


def natural_key(text: str) -> tuple:
    """Sorts "Goal 2" before "Goal 10": runs of digits compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", text) if part)


def _sorted_tree(tree: tuple[GoalNode, ...]) -> list[GoalNode]:
    """Corporate goals first, each kind by title with numbers read as numbers."""
    return sorted(tree, key=lambda n: (n.goal.level is not GoalLevel.CORPORATE,
                                       natural_key(n.goal.title)))


def goals_section(data: ReportData) -> list[Flowable]:
    story: list[Flowable] = [Heading("Goal progress"), text(
        "Each corporate goal with the PR, marketing and sales goals aligned under it: "
        "the target, the latest measurement, and how far it got from its baseline.", "small")]
    for quarter in data.goals:
        if len(data.goals) > 1:
            story += subheading(quarter.quarter)
        if not quarter.tree:
            story.append(nothing(f"No goals of this campaign were set for {quarter.quarter}."
                                 if data.campaign_names else
                                 f"No goals were set for {quarter.quarter}."))
            continue
        rows = []
        for node in _sorted_tree(quarter.tree):
            rows.append(_goal_row(node.goal))
            rows += [_goal_row(child.goal) for child in node.children]
        story.append(goal_table(rows))
    return story


def goal_table(rows: list[list]) -> Flowable:
    table = data_table(("Goal", "Owner", "Target", "Actual", "Progress", "", "Status"),
                       rows, (34, 16, 12, 12, 12, 7, 10), numbers_from=2)
    table.setStyle([("ALIGN", (4, 0), (4, -1), "LEFT"), ("LEFTPADDING", (4, 1), (4, -1), 8)])
    return table


def corporate_glance(data: ReportData) -> list[Flowable]:
    """The first corporate goals, for the summary page; the rest are counted."""
    corporate = [node.goal for quarter in data.goals for node in _sorted_tree(quarter.tree)
                 if node.goal.level is GoalLevel.CORPORATE]
    if not corporate:
        return []
    story: list[Flowable] = [goal_table([_goal_row(g) for g in corporate[:SUMMARY_GOALS]])]
    if len(corporate) > SUMMARY_GOALS:
        story.append(text(f"+{len(corporate) - SUMMARY_GOALS} more corporate goals "
                          "(see Goal progress).", "note"))
    return story


# --------------------------------------------------------------------------- lineage


def _result_cells(results: Results) -> list[str]:
    return [whole(results.reach), whole(results.clicks), whole(results.leads),
            number(round(results.cost)) if results.cost else "–"]


def _piece(title: str, depth: int, bold: bool = False, muted: bool = False) -> Paragraph:
    s = styles()
    style = ParagraphStyle(f"piece{depth}", s["cell_bold" if bold else "cell"],
                           leftIndent=12 * depth, textColor=MUTED if muted else INK)
    return Paragraph(("↳ " if depth else "") + as_markup(title), style)


def _has_results(node: LineageNode) -> bool:
    total = node.total
    return bool(total.reach or total.clicks or total.leads or total.cost)


def _label(key: str) -> Paragraph:
    return Paragraph(as_markup(plain_label(key)), styles()["cell"])


def lineage_rows(node: LineageNode, depth: int = 0) -> list[list]:
    """The piece's own results, then its derivatives with results; the deepest level shows
    whole branches, and the quiet or numerous rest is summed up in one row."""
    deepest = depth == LINEAGE_DEPTH
    results = node.total if deepest else node.own
    title = node.title + (f" (+{node.pieces} derived)" if deepest and node.pieces else "")
    rows = [[_piece(title, depth, bold=depth == 0), _label(node.kind.value),
             _label(node.stage.value), *_result_cells(results)]]
    if deepest:
        return rows
    active = [child for child in node.children if _has_results(child)]
    quiet = sum(1 + child.pieces for child in node.children if not _has_results(child))
    limit = LINEAGE_CHILDREN[min(depth, len(LINEAGE_CHILDREN) - 1)]
    for child in active[:limit]:
        rows += lineage_rows(child, depth + 1)
    rest = active[limit:]
    if rest:
        total = Results()
        for child in rest:
            total = total + child.total
        count = sum(1 + child.pieces for child in rest)
        rows.append([_piece(f"… and {counted(count, 'more piece')}", depth + 1), "", "",
                     *_result_cells(total)])
    if quiet:
        rows.append([_piece(f"… {quiet} more without results", depth + 1, muted=True), "", "",
                     "", "", "", ""])
    return rows


def lineage_section(data: ReportData) -> list[Flowable]:
    story: list[Flowable] = [Heading("Campaign lineage"), text(
        "The source assets whose derived pieces achieved most in this period, and what each "
        "became. Each row shows the piece's own results in the period; the last row of a "
        "source sums its whole branch.", "small")]
    if not data.lineage:
        story.append(nothing("No source asset and its derived pieces had results in this "
                             "period."))
        return story
    for node in data.lineage:
        story += subheading(headline(node).replace(" -> ", " → "))
        rows = lineage_rows(node)
        rows.append(["Whole branch", counted(node.pieces + 1, "piece"), "",
                     *_result_cells(node.total)])
        story.append(data_table(("Piece", "Kind", "Stage", "Reach", "Clicks", "Leads",
                                 with_currency("Cost", data.currency)), rows, (40, 14, 12, 9, 9, 8, 9),
                                 numbers_from=3,
                                bold_last=True))
    return story


# --------------------------------------------------------------------------- pilots


def _pilot_comparison(pilots: PilotFindings) -> list[list[str]]:
    rows = []
    for label, results, pieces in (("Pilots", pilots.pilot, pilots.pilot_pieces),
                                   ("Everything else", pilots.others, pilots.other_pieces)):
        rows.append([label, number(pieces), per_piece(results.reach, pieces),
                     per_piece(results.clicks, pieces), per_piece(results.leads, pieces),
                     whole(results.cost_per_lead)])
    return rows


def pilots_section(data: ReportData) -> list[Flowable]:
    pilots = data.pilots
    story: list[Flowable] = [Heading("Pilots"), text(
        "The cooperative pilots run by volunteers, on their own: the low-hanging fruit of "
        "PR and marketing working together. Per piece means per card with results in the "
        "period.", "small")]
    if not pilots.cards:
        story.append(nothing("No card in this campaign is marked as a pilot."
                             if data.campaign_names else
                             "No card on the board is marked as a pilot."))
        return story
    story.append(data_table(("", "Pieces with results", "Reach per piece", "Clicks per piece",
                             "Leads per piece", with_currency("Cost per lead", data.currency)),
                            _pilot_comparison(pilots), (22, 16, 15, 15, 15, 14),
                            numbers_from=1))
    story += subheading("The pilot pieces")
    s = styles()
    rows = [[Paragraph(as_markup(p.title), s["cell"]), Paragraph(as_markup(p.owner_name or "–"),
                                                              s["cell"]),
             channel_label(p.channel) if p.channel else "–", *_result_cells(p.results)[:3]]
            for p in pilots.cards[:PILOT_ROWS]]
    if len(pilots.cards) > PILOT_ROWS:
        rest = pilots.cards[PILOT_ROWS:]
        total = Results()
        for pilot in rest:
            total = total + pilot.results
        rows.append([_piece(f"… and {len(rest)} more pilot pieces", 0, muted=True), "", "",
                     *_result_cells(total)[:3]])
    story.append(data_table(("Piece", "Owner", "Channel", "Reach", "Clicks", "Leads"), rows,
                            (46, 18, 12, 8, 8, 8), numbers_from=3))
    if not pilots.pilot_pieces:
        story.append(markup(as_markup("None of the pilot pieces has results in this period yet."),
                            "note"))
    return story
