"""One of a thing is said in the singular where a count is shown: "1 channel", "1 team
event", "1 title matched none" (once "1 channels", "1 team events", "16 titles none")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from helpers.results import accept_import_dialog, add_records
from person import settle
from PySide6.QtCore import QDate

from db.enums import CardKind, Department, Stage
from desktop.cli import main as cli_main
from desktop.lineage import LineageNode, Results, headline
from desktop.report.request import quarter_period
from desktop.report.summary_text import summary_sentences
from desktop.report.tallies import Headline

ONE_ROW = "Date,Channel,Title,Clicks\n2026-03-02 09:15,web,A title on no card,34\n"


@pytest.fixture
def page(qtbot, uow, team):
    from PySide6.QtGui import QUndoStack

    from ui.results.analytics_page import AnalyticsPage
    from ui.shell.context import TeamContext

    add_records(uow, "email", datetime(2026, 5, 4, 10), "may news", reach=300, opens=30)
    stack = QUndoStack()
    widget = AnalyticsPage(stack)
    widget.undo_stack = stack
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    settle(qtbot)
    return widget


@pytest.mark.gui
def test_the_analytics_page_says_one_channel_and_one_title(page, uow, qtbot, monkeypatch,
                                                           tmp_path: Path) -> None:
    page.period_box.setCurrentIndex(page.period_box.findData("custom"))
    page.start_edit.setDate(QDate(2026, 5, 1))
    page.end_edit.setDate(QDate(2026, 5, 31))
    settle(qtbot)
    assert page.status_label.text().startswith("1 channel; email engages most")

    path = tmp_path / "one.csv"
    path.write_text(ONE_ROW, encoding="utf-8")
    accept_import_dialog(monkeypatch)
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.import_results(path)
    assert page.status_label.text() == (
        "Imported 1 figure from 1 row of one.csv. 0 rows matched a board card; 1 title "
        "matched none (hover for the list).")


def test_the_import_command_says_one_row_and_one_title(uow, team, tmp_path: Path,
                                                       capsys) -> None:
    path = tmp_path / "one.csv"
    path.write_text(ONE_ROW, encoding="utf-8")
    assert cli_main(["import", "--db", str(uow.database.path), str(path)]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 figure from 1 row of one.csv" in out
    assert "0 rows matched a board card; 1 title matched none" in out


def test_the_report_says_one_goal_and_one_piece() -> None:
    from desktop.report.report_data import Findings
    from desktop.report.tallies import PilotFindings

    one = Headline(1, 1, leads=10, reach=100, coverage=0, cost=0, placements=0)
    pilots = PilotFindings((), Results(), 0, Results(), 0)
    sentences = summary_sentences(one, one, [], Findings(), pilots, quarter_period("2026-Q1"),
                                  running=False)
    assert sentences[0] == "1 of 1 goal is met."
    blog = LineageNode(2, "Blog", CardKind.BLOG_POST, Stage.PUBLISHED, Results(), Results())
    survey = LineageNode(1, "Survey", CardKind.SURVEY_DATA, Stage.PUBLISHED, Results(),
                         Results(), (blog,))
    assert " -> 1 piece -> " in headline(survey)
