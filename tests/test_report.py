"""The business case PDF, read back: pages, metadata, contents, figures, text, drawability."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from db import models as m
from db.database import Database
from db.enums import CardKind, Department, GoalLevel, GoalStatus, Stage, Team
from db.unit_of_work import UnitOfWork
from desktop import analytics, board, chart_processes, charts, goals, people, stories
from desktop.demo import write_demo
from desktop.errors import Cancelled
from desktop.report import figures
from desktop.report.builder import BuiltReport, build_report
from desktop.report.fonts import covers
from desktop.report.report_data import compute_report
from desktop.report.request import (
    SECTIONS,
    ReportRequest,
    campaign_ids_named,
    quarter_period,
    range_period,
)
from desktop.report.summary_text import summary_sentences, summary_tiles, whole
from desktop.report.tallies import Headline

TODAY = date(2026, 5, 12)
QUARTER = "2026-Q2"
TITLE = 'R&D <beta> "launch"'
NAMES = ("Zoë Müller", "Łukasz Nowak", "Σοφία Πάνου", "Алексей Иванов")


def _text(reader: PdfReader, pages: slice = slice(None)) -> str:
    """The extracted text with runs of whitespace made single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages[pages]).split())


# --------------------------------------------------------------------------- the demo team


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = write_demo(tmp_path_factory.mktemp("report") / "demo.cgdb", today=TODAY)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def built(demo: Database, tmp_path_factory: pytest.TempPathFactory) -> BuiltReport:
    request = ReportRequest(quarter_period(QUARTER), title=TITLE, prepared_by="Ingrid Halvorsen",
                            today=TODAY)
    path = tmp_path_factory.mktemp("pdf") / "case.pdf"
    return build_report(UnitOfWork(demo), request, path)


def test_the_pdf_has_its_pages_metadata_contents_and_bookmarks(built: BuiltReport) -> None:
    reader = PdfReader(built.path)
    assert len(reader.pages) == built.pages >= 10
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == "Ingrid Halvorsen"
    top_level = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert top_level == list(SECTIONS.values())
    cover = _text(reader, slice(0, 1))
    assert "Contents" in cover
    for title in SECTIONS.values():
        assert title in cover
    second = _text(reader, slice(1, 2))
    assert f"Page 2 of {built.pages}" in second
    assert "Executive summary" in second


def test_the_contents_point_at_the_pages_the_sections_start_on(built: BuiltReport) -> None:
    reader = PdfReader(built.path)
    for entry in reader.outline:
        if isinstance(entry, list):
            continue
        page = reader.get_destination_page_number(entry)
        assert entry.title in _text(reader, slice(page, page + 1))


def test_the_summary_figures_are_the_services_figures(demo: Database,
                                                      built: BuiltReport) -> None:
    uow, data = UnitOfWork(demo), built.data
    period = quarter_period(QUARTER)
    channels = analytics.channel_performance(uow, period.start, period.end)
    assert channels
    assert data.headline.leads == sum(c.leads for c in channels)
    assert data.headline.reach == sum(c.reach for c in channels)
    cost = sum(c.cost for c in channels)
    assert data.headline.cost_per_lead == pytest.approx(cost / data.headline.leads)
    assert data.headline.placements == stories.count_placements(uow, period.start,
                                                                period.until(TODAY))
    counted = [g for g in goals.list_goals(uow, QUARTER) if g.status is not GoalStatus.RETIRED]
    assert data.headline.goals_set == len(counted) > 0
    assert data.headline.goals_met == sum(1 for g in counted
                                          if g.met or g.status is GoalStatus.MET)
    coverage = [c for c in board.list_cards(uow) if c.kind is CardKind.MEDIA_COVERAGE
                and c.stage in (Stage.PUBLISHED, Stage.MEASURED) and c.due_on
                and period.start <= c.due_on <= TODAY]
    assert data.headline.coverage == len(coverage)
    before = data.comparison
    earlier = analytics.channel_performance(uow, before.start, before.end)
    assert data.previous.leads == sum(c.leads for c in earlier)


def test_the_summary_page_shows_those_figures(built: BuiltReport) -> None:
    summary = _text(PdfReader(built.path), slice(1, 2))
    headline = built.data.headline
    for figure in (whole(headline.leads), whole(headline.reach),
                   whole(headline.cost_per_lead), f"{headline.goals_met} of {headline.goals_set}"):
        assert figure in summary
    for sentence in built.data.sentences:
        assert " ".join(sentence.split()) in summary
    assert 3 <= len(built.data.sentences) <= 4


def test_every_page_is_drawable(built: BuiltReport) -> None:
    document = pdfium.PdfDocument(str(built.path))
    try:
        assert len(document) == built.pages
        for page in document:
            image = page.render(scale=0.4).to_pil().convert("L")
            darkest, _ = image.getextrema()
            assert darkest < 128  # something is printed on every page
    finally:
        document.close()


def test_the_charts_are_the_analytics_figures_drawn_once_each(demo: Database, tmp_path: Path,
                                                              monkeypatch) -> None:
    """Counted in this process: where the charts are drawn here (one core)."""
    monkeypatch.setattr(chart_processes, "PROCESSES", 0)
    calls: list[str] = []
    original = charts.channel_chart
    monkeypatch.setitem(charts.DRAWINGS, "channels",
                        lambda rows, *args: calls.append("channel_chart") or original(rows, *args))
    rendered: list[int] = []
    draw_png = charts.draw_png
    monkeypatch.setattr(charts, "draw_png", lambda chart, canvas: rendered.append(1) or draw_png(
        chart, charts.Canvas(canvas.width_in, canvas.height_in, 60)))
    request = ReportRequest(quarter_period(QUARTER), today=TODAY)
    result = build_report(UnitOfWork(demo), request, tmp_path / "charts.pdf")
    assert calls == ["channel_chart"]
    assert len(rendered) == len(figures.CHARTS) == 5  # every chart, each drawn once
    images = sum(len(page.images) for page in PdfReader(result.path).pages)
    assert images == 5


def _pdf_images(path: Path) -> list[bytes]:
    return [image.data for page in PdfReader(path).pages for image in page.images]


def test_the_charts_are_drawn_in_processes_of_their_own_to_the_same_pixels(
        demo: Database, built: BuiltReport, tmp_path: Path, monkeypatch) -> None:
    if not chart_processes.PROCESSES:
        pytest.skip("one core: the charts are drawn in the report's own process")
    workers = {child.pid for child in multiprocessing.active_children()}
    assert len(workers) == chart_processes.PROCESSES  # started by the report, still there
    here = build_report(UnitOfWork(demo), built.data.request, tmp_path / "here.pdf")

    def not_here(_chart: object, _canvas: object) -> None:
        raise AssertionError("a chart was drawn in the report's own process")

    monkeypatch.setattr(charts, "draw_png", not_here)  # the chart process has its own
    elsewhere = build_report(UnitOfWork(demo), built.data.request, tmp_path / "elsewhere.pdf")
    assert len(_pdf_images(elsewhere.path)) == 5
    monkeypatch.undo()
    monkeypatch.setattr(chart_processes, "PROCESSES", 0)  # drawn here: the same pixels
    local = build_report(UnitOfWork(demo), built.data.request, tmp_path / "local.pdf")
    assert _pdf_images(here.path) == _pdf_images(elsewhere.path) == _pdf_images(local.path)


def test_a_chart_process_that_dies_costs_no_chart(demo: Database, built: BuiltReport,
                                                  tmp_path: Path, caplog,
                                                  monkeypatch) -> None:
    if not chart_processes.PROCESSES:
        pytest.skip("one core: the charts are drawn in the report's own process")
    chart_processes.start()
    monkeypatch.setattr(chart_processes, "_failure", None)  # used again after this test
    for child in multiprocessing.active_children():
        child.kill()
        child.join(5)
    rebuilt = build_report(UnitOfWork(demo), built.data.request, tmp_path / "again.pdf")
    assert _pdf_images(rebuilt.path) == _pdf_images(built.path)
    assert "The chart processes failed" in caplog.text
    assert chart_processes.failure()  # what the self-test reports
    again = build_report(UnitOfWork(demo), built.data.request, tmp_path / "new.pdf")
    assert _pdf_images(again.path) == _pdf_images(built.path)
    assert multiprocessing.active_children() == []  # drawn here from then on: none started


def test_a_process_that_cannot_start_costs_no_chart(demo: Database, built: BuiltReport,
                                                    tmp_path: Path, monkeypatch) -> None:
    if not chart_processes.PROCESSES:
        pytest.skip("one core: the charts are drawn in the report's own process")
    monkeypatch.setattr(chart_processes, "_failure", None)
    monkeypatch.setattr(chart_processes, "_pool", None)

    def no_processes(*_args: object, **_kwargs: object) -> None:
        raise OSError(38, "Function not implemented")  # no semaphores in a sandbox, say

    monkeypatch.setattr(chart_processes, "ProcessPoolExecutor", no_processes)
    rebuilt = build_report(UnitOfWork(demo), built.data.request, tmp_path / "again.pdf")
    assert _pdf_images(rebuilt.path) == _pdf_images(built.path)
    assert "Function not implemented" in chart_processes.failure()


# --------------------------------------------------------------------------- names and text


@pytest.fixture
def small_team(uow, team):
    """Goals owned by people whose names are in several scripts, a pilot, an event."""
    owners = [team[Department.LEADERSHIP]] + [
        people.create_person(uow, people.PersonInput(name, department))
        for name, department in ((NAMES[1], Department.PR), (NAMES[2], Department.MARKETING),
                                 (NAMES[3], Department.SALES), ("李雷", Department.SALES))]
    corporate = goals.create_goal(uow, goals.GoalInput(
        GoalLevel.CORPORATE, "2026-Q1", "Leads & <more> from “trust”", "leads", 100,
        owner_id=owners[0].id))
    for owner in owners[1:4]:
        child = goals.create_goal(uow, goals.GoalInput(
            GoalLevel.DEPARTMENT, "2026-Q1", f"Goal of {owner.name}", "pieces", 10,
            department=owner.department, parent_id=corporate.id, owner_id=owner.id))
        goals.record_measurement(uow, child.id, date(2026, 3, 20), 10)
    campaign = board.create_campaign(uow, "Trust & <Co>")
    card_id = board.create_card(uow, board.CardInput(
        "Tips & <tricks> for “AI”", Team.MARKETING, CardKind.BLOG_POST, Stage.PUBLISHED,
        campaign_id=campaign.id, owner_id=owners[2].id, pilot=True, channel="linkedin"))
    with uow.write() as session:
        for day, metric, value in ((2, "reach", 1000), (2, "leads", 4), (3, "cost", 200),
                                   (3, "engagements", 70)):
            session.add(m.MetricRecord(occurred_at=datetime.combine(date(2026, 3, day),
                                                                    time(10)),
                                       channel="linkedin", card_id=card_id,
                                       content="Tips & <tricks> for “AI”", metric=metric,
                                       value=value, author=NAMES[3]))
    return {"campaign": campaign, "owners": owners}


def test_markup_and_names_in_several_scripts_come_out_exactly(uow, small_team,
                                                              tmp_path: Path) -> None:
    request = ReportRequest(quarter_period("2026-Q1"), title=TITLE, prepared_by=NAMES[1],
                            today=date(2026, 4, 15))
    result = build_report(uow, request, tmp_path / "names.pdf")
    text = _text(PdfReader(result.path))
    for exact in (TITLE, *NAMES, "Leads & <more> from “trust”", "Tips & <tricks> for “AI”",
                  f"Prepared by {NAMES[1]}"):
        assert exact in text
    assert "&amp;" not in text and "&lt;" not in text


def test_the_fonts_cover_european_and_east_asian_scripts() -> None:
    assert covers("".join(NAMES))
    assert covers("李雷")


def test_a_period_without_data_gives_a_valid_report_that_says_so(uow, team,
                                                                  tmp_path: Path) -> None:
    request = ReportRequest(range_period(date(2020, 1, 1), date(2020, 3, 31)),
                            title="Nothing yet", today=TODAY)
    result = build_report(uow, request, tmp_path / "empty.pdf")
    reader = PdfReader(result.path)
    assert result.data.is_empty
    assert len(reader.pages) == result.pages >= 3
    text = _text(reader)
    assert "Nothing was recorded for this period" in text
    assert "No results and no goals were recorded for this period." in text
    assert sum(len(page.images) for page in reader.pages) == 0
    document = pdfium.PdfDocument(str(result.path))
    assert len(document) == result.pages
    document.close()


def test_a_campaign_report_keeps_to_its_campaign(uow, small_team, tmp_path: Path) -> None:
    ids = campaign_ids_named(uow, ["trust & <co>"])
    assert ids == (small_team["campaign"].id,)
    request = ReportRequest(quarter_period("2026-Q1"), campaign_ids=ids, today=TODAY)
    data = compute_report(uow, request)
    assert data.campaign_names == ("Trust & <Co>",)
    assert (data.headline.leads, data.headline.reach, data.headline.cost_per_lead) == (4, 1000,
                                                                                        50)
    assert [p.title for p in data.pilots.cards] == ["Tips & <tricks> for “AI”"]
    with pytest.raises(Exception, match="No campaign is called 'Nope'"):
        campaign_ids_named(uow, ["Nope"])


@pytest.mark.parametrize("checks_before_cancel", [0, 30])
def test_cancelling_leaves_no_file(uow, small_team, tmp_path: Path,
                                   checks_before_cancel: int) -> None:
    """Cancelled while computing (at once) or while drawing and laying out (later)."""
    folder = tmp_path / "out"
    folder.mkdir()
    checks = iter(range(checks_before_cancel, -1, -1))
    with pytest.raises(Cancelled):
        build_report(uow, ReportRequest(quarter_period("2026-Q1"), today=TODAY),
                     folder / "cancelled.pdf", cancelled=lambda: next(checks, 0) == 0)
    assert list(folder.iterdir()) == []


def test_only_the_chosen_sections_are_in_the_report(uow, small_team, tmp_path: Path) -> None:
    request = ReportRequest(quarter_period("2026-Q1"), sections=frozenset({"goals", "pilots"}),
                            today=TODAY)
    result = build_report(uow, request, tmp_path / "two.pdf")
    outline = [e.title for e in PdfReader(result.path).outline if not isinstance(e, list)]
    assert outline == ["Goal progress", "Pilots"]


# --------------------------------------------------------------------------- periods and words


def test_a_running_quarter_is_compared_with_as_many_days_of_the_one_before() -> None:
    running = quarter_period("2026-Q2").comparison(date(2026, 5, 12))
    assert (running.start, running.end, running.first_days_of) == (
        date(2026, 1, 1), date(2026, 2, 11), "2026-Q1")
    assert running.label == "2026-Q1 to the same day (1 Jan – 11 Feb 2026)"
    assert running.whole() == quarter_period("2026-Q1")
    assert quarter_period("2026-Q2").label_on(date(2026, 5, 12)) == (
        "2026-Q2 to date (1 Apr – 12 May 2026)")
    finished = quarter_period("2026-Q1").comparison(date(2026, 5, 12))
    assert (finished.start, finished.end) == (date(2025, 10, 1), date(2025, 12, 31))
    days = range_period(date(2026, 3, 1), date(2026, 3, 10)).comparison(date(2026, 5, 12))
    assert (days.start, days.end) == (date(2026, 2, 19), date(2026, 2, 28))
    assert quarter_period("2026-Q4").quarters() == ("2026-Q4",)
    assert range_period(date(2026, 3, 30), date(2026, 7, 1)).quarters() == (
        "2026-Q1", "2026-Q2", "2026-Q3")
    with pytest.raises(Exception, match="before it starts"):
        range_period(date(2026, 3, 2), date(2026, 3, 1))


def test_the_sentences_say_what_went_well_what_did_not_and_what_to_do() -> None:
    from desktop.lineage import Results
    from desktop.report.report_data import Findings
    from desktop.report.tallies import PilotFindings

    now = Headline(4, 3, leads=150, reach=2_000_000, coverage=2, cost=3000, placements=1)
    before = Headline(4, 2, leads=100, reach=2_500_000, coverage=2, cost=1000, placements=1)
    cheap = analytics.ChannelPerformance("linkedin", 0, 0, 500, 0, 100, 1000, 1, None, 10.0,
                                         0.6, None)
    dear = analytics.ChannelPerformance("paid search", 0, 0, 300, 0, 50, 2000, 1, None, 40.0,
                                        0.4, None)
    pilots = PilotFindings((), Results(), 0, Results(), 0)
    sentences = summary_sentences(now, before, [], Findings(channels=(cheap, dear)), pilots,
                                  quarter_period("2026-Q1"), running=False)
    assert sentences[0] == "3 of 4 goals are met."
    assert sentences[1] == ("Leads rose 50 % to 150 against 2026-Q1 (1 Jan – 31 Mar 2026); "
                            "LinkedIn drew the most engagement (60 % of it).")
    assert sentences[2] == "Cost per lead rose 100 % to 20 against 2026-Q1 (1 Jan – 31 Mar 2026)."
    assert sentences[3].startswith("We propose to shift paid budget towards LinkedIn, where 100 "
                                   "leads cost 10 each against 40 on Paid search (50 leads)")
    tiles = {t.key: t for t in summary_tiles(now, before)}
    assert (tiles["leads"].value, tiles["leads"].change, tiles["leads"].good) == (
        "150", "+50 %", True)
    assert (tiles["cost_per_lead"].change, tiles["cost_per_lead"].good) == ("+100 %", False)
    assert tiles["goals"].change == "+25 pts"
