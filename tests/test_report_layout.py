"""The report's pages as a reader turns them: a summary of one page whatever the team
has, goals in the order their numbers say, and no page left blank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from db.enums import GoalLevel
from desktop import goals
from desktop.report.builder import build_report
from desktop.report.request import ReportRequest, quarter_period

TODAY = date(2026, 4, 15)


def _pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_the_summary_stays_one_page_with_thirteen_corporate_goals(uow, team,
                                                                  tmp_path: Path) -> None:
    for number in range(1, 14):
        goal = goals.create_goal(uow, goals.GoalInput(
            GoalLevel.CORPORATE, "2026-Q1", f"Goal {number}: qualified leads from the "
            "healthcare vertical in the Nordic countries", "leads", 100 * number))
        goals.record_measurement(uow, goal.id, date(2026, 3, 20), 40 * number)
    request = ReportRequest(quarter_period("2026-Q1"), sections=frozenset({"summary", "goals"}),
                            today=TODAY)
    pages = _pages(build_report(uow, request, tmp_path / "goals.pdf").path)
    summary = next(page for page in pages[1:] if "Executive summary" in page)
    assert "Goal 1:" in summary and "Goal 5:" in summary and "Goal 6:" not in summary
    assert "+8 more corporate goals (see Goal progress)." in summary
    assert "Goal progress" in pages[pages.index(summary) + 1]  # the summary took one page
    progress = " ".join(pages[pages.index(summary) + 1:])
    order = [progress.index(f"Goal {n}:") for n in range(1, 14)]
    assert order == sorted(order)  # 1, 2, …, 10, not 1, 10, 11, …
    assert all(page.strip() for page in pages)


def test_a_past_quarter_shows_the_stories_as_they_stood_at_its_end(uow, team,
                                                                   tmp_path: Path) -> None:
    """A request written after the quarter and waiting for its rep today was not waiting
    then; one waiting now that was written in the quarter was, and so was one the rep
    approved only after the quarter (the change log says when)."""
    from datetime import datetime

    from db import models as m
    from db.enums import Department, StoryKind, StoryStatus

    with uow.write() as session:
        customer = m.Customer(name="Fjordlund Hospital", rep_id=team[Department.SALES].id)
        session.add(customer)
        session.flush()
        for title, written in (("Written in the quarter", datetime(2026, 2, 3, 9)),
                               ("Written after it", datetime(2026, 4, 10, 9)),
                               ("Approved after it", datetime(2026, 3, 3, 9))):
            session.add(m.StoryRequest(
                customer_id=customer.id, kind=StoryKind.QUOTE, title=title,
                what_pr_wants="a quote", benefit_to_customer="visibility",
                benefit_to_company="proof", status=StoryStatus.AWAITING_REP,
                created_at=written))
    with uow.write() as session:
        late = session.query(m.StoryRequest).filter_by(title="Approved after it").one()
        late.status = StoryStatus.APPROVED  # logged now, after the quarter
    request = ReportRequest(quarter_period("2026-Q1"), sections=frozenset({"stories"}),
                            today=TODAY)
    text = " ".join(_pages(build_report(uow, request, tmp_path / "past.pdf").path))
    assert "Waiting for a rep on 31 Mar 2026 2" in text
    assert "Waiting for a rep now" not in text


def test_a_table_never_leaves_one_row_alone_on_a_page() -> None:
    from desktop.report.tables import data_table

    table = data_table(("Piece", "Leads"), [[f"Piece {n}", str(n)] for n in range(10)], (4, 1))
    _width, height = table.wrap(400, 10_000)
    row = height / 11  # the header and ten rows, all one line high
    # Room for the header and one row at the foot of a page: the table starts on the next.
    assert table.split(400, row * 2.5) == []
    # Room for all but one row: two rows go over, so the last page holds more than one.
    first, rest = table.split(400, row * 10.5)
    assert (len(first._cellvalues), len(rest._cellvalues)) == (1 + 8, 1 + 2)


def test_a_goal_carried_over_within_the_period_counts_once(uow, team) -> None:
    from desktop.report.report_data import compute_report
    from desktop.report.request import range_period

    for title in ("Pipeline for the Nordics", "Launch awareness"):
        goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q1", title,
                                               "leads", 100))
    goals.carry_over(uow, "2026-Q1")  # both into Q2
    half_year = ReportRequest(range_period(date(2026, 1, 1), date(2026, 6, 30)),
                              sections=frozenset({"summary"}), today=date(2026, 7, 15))
    assert compute_report(uow, half_year).tiles[0].value == "0 of 2"
    first_quarter = ReportRequest(quarter_period("2026-Q1"), sections=frozenset({"summary"}),
                                  today=date(2026, 7, 15))
    assert compute_report(uow, first_quarter).tiles[0].value == "0 of 2"
