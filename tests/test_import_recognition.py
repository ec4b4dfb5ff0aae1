"""Recognition that generalises: hand-made exports of the same tools from other accounts,
months, languages and column orders are read as the real ones are, and numbers are
numbers (a cell that is not one is refused with its line and column)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from desktop import analytics, importing
from desktop.importing import ColumnMapping, ImportRequest, Period


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _import(uow, path: Path, **changes: object):
    preview = importing.preview_file(uow, path)
    assert preview.profile is not None, f"no profile fits {path.name}"
    request = ImportRequest(path, preview.profile.mapping, preview.profile.name)
    return preview, importing.run_import(uow, replace(request, **changes))


def _records(uow) -> list[tuple]:
    r = m.MetricRecord
    with uow.read() as session:
        return [tuple(row) for row in session.execute(
            select(r.occurred_at, r.period_end, r.content, r.metric, r.value)
            .order_by(r.source_row, r.id))]


def _totals(uow) -> dict[str, float]:
    r = m.MetricRecord
    with uow.read() as session:
        return {metric: total for metric, total in session.execute(
            select(r.metric, func.sum(r.value)).group_by(r.metric))}


def test_mailchimp_with_underscores_keeps_opens_and_dates(uow, team, tmp_path) -> None:
    path = _write(tmp_path, "campaigns.csv",
                  "Campaign_Title,Subject_Line,Send_Date,Successful_Deliveries,Unique_Opens,"
                  "Unique_Clicks,Unsubscribes\n"
                  "Spring,Our spring news,2026-04-02 10:00,1200,480,61,3\n"
                  "May,Events in May,2026-05-07 09:30,1250,510,70,2\n")
    preview, result = _import(uow, path)
    assert preview.profile.name == "Mailchimp: campaigns"
    assert _totals(uow) == {"reach": 2450.0, "opens": 990.0, "clicks": 131.0,
                            "unsubscribes": 5.0}
    assert result.period == Period(date(2026, 4, 2), date(2026, 5, 7))


def test_meta_business_suite_of_another_page_and_month(uow, team, tmp_path) -> None:
    path = _write(tmp_path, "Mar-1-2026_Mar-31-2026_1234567.csv", "\ufeff"
                  '"Post ID","Page name",Title,"Publish time",Permalink,Date,Reach,Views,'
                  '"Reactions, Comments and Shares",Reactions\n'
                  '1,"Bakery Ltd","Fresh bread &amp; more\nevery day","03/14/2026 08:05",'
                  'https://fb.example/1,Lifetime,900,1500,40,30\n'
                  '2,"Bakery Ltd","Easter hours","03/02/2026 17:40",https://fb.example/2,'
                  'Lifetime,300,410,12,9\n')
    preview, result = _import(uow, path)
    assert preview.profile.name == "Meta Business Suite: posts"
    records = _records(uow)
    assert records[0][:3] == (datetime(2026, 3, 14, 8, 5), None, "Fresh bread & more every day")
    assert records[-1][0] == datetime(2026, 3, 2, 17, 40)
    assert _totals(uow) == {"reach": 1200.0, "views": 1910.0, "engagements": 52.0}


def test_linkedin_page_in_another_column_order_with_a_correction(uow, team, tmp_path) -> None:
    path = _write(tmp_path, "updates.csv",
                  "Date,Clicks (total),Reactions (total),Impressions (total),Comments (total),"
                  "Reposts (total),Engagement rate (total)\n"
                  "01/30/2026,5,-4,100,0,0,0.01\n"
                  "01/31/2026,10,12,300,1,2,0.0833\n")
    _preview, result = _import(uow, path)
    assert not result.problems
    assert _totals(uow)["engagements"] == 11.0  # the removed reactions net out
    rate = analytics.metric_total(uow, "engagement_rate", date(2026, 1, 1), date(2026, 1, 31))
    assert rate == pytest.approx((0.01 * 100 + 0.0833 * 300) / 400)  # weighted by impressions


def test_youtube_studio_of_another_channel(uow, team, tmp_path) -> None:
    path = _write(tmp_path, "Table data.csv",
                  "Content,Video title,Video publish time,Views,Watch time (hours),Impressions,"
                  "Impressions click-through rate (%)\n"
                  "Total,,,300,2,1000,3\n"
                  "abcDEF12345,How we bake,\"Jan 5, 2026\",200,1.5,600,4\n"
                  "xyzXYZ98765,Our team,\"Feb 11, 2026\",100,0.5,400,1.5\n")
    _import(uow, path)
    records = _records(uow)
    assert {r[2] for r in records} == {"How we bake", "Our team"}
    assert _totals(uow)["views"] == 300.0 and _totals(uow)["watch_time"] == 7200.0
    ctr = analytics.metric_total(uow, "ctr", date(2026, 1, 1), date(2026, 2, 28))
    assert ctr == pytest.approx((0.04 * 600 + 0.015 * 400) / 1000)


def test_google_trends_in_english_weeks_two_terms(uow, team, tmp_path) -> None:
    path = _write(tmp_path, "multiTimeline.csv",
                  "Category: All categories\n\nMonth,bread: (Worldwide),cake: (Worldwide)\n"
                  "2025-01,40,<1\n2025-02,55,12\n")
    _preview, result = _import(uow, path)
    records = _records(uow)
    assert records[:2] == [(datetime(2025, 1, 1), date(2025, 1, 31), "bread: (Worldwide)",
                            "interest", 40.0),
                           (datetime(2025, 1, 1), date(2025, 1, 31), "cake: (Worldwide)",
                            "interest", 0.0)]
    assert result.period == Period(date(2025, 1, 1), date(2025, 2, 28))
    q1 = date(2025, 1, 1), date(2025, 3, 31)
    assert analytics.metric_total(uow, "interest", *q1) is None  # never summed


def test_meta_ads_reporting_starts_and_ends_make_one_record_of_the_period(uow, team,
                                                                          tmp_path) -> None:
    path = _write(tmp_path, "Acme-Campaigns-1-Feb-2026-28-Feb-2026.csv",
                  "Reporting starts,Reporting ends,Campaign name,Reach,Impressions,Link clicks,"
                  "Amount spent (EUR)\n"
                  "2026-02-01,2026-02-28,Spring sale,5000,9000,120,310.50\n")
    _import(uow, path)
    assert _records(uow)[0][:2] == (datetime(2026, 2, 1), date(2026, 2, 28))
    assert analytics.metric_total(uow, "clicks", date(2026, 2, 1), date(2026, 2, 14)) is None
    assert analytics.metric_total(uow, "clicks", date(2026, 2, 1), date(2026, 2, 28)) == 120


def test_tweets_lose_their_entities(uow, team, tmp_path) -> None:
    path = _write(tmp_path, "tweet_activity_metrics_acme_20260101_20260201_en.csv",
                  "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,url clicks\n"
                  "1,https://x.example/1,Bread &amp; butter &gt; toast,2026-01-05 10:00 +0000,"
                  "100,5,1\n")
    _import(uow, path)
    assert _records(uow)[0][2] == "Bread & butter > toast"


@pytest.mark.parametrize("cell,why", [
    ("x12y", "'x12y', which is not a number"), ("abc1", "'abc1', which is not a number"),
    ("=cmd|'/c calc'!A1", "a spreadsheet formula"), ("inf", "which is not a figure"),
    ("1e999", "which is not a figure"), ("NaN", "which is not a figure"),
    ("9" * 400, "which is not a figure"),
])
def test_a_cell_that_is_not_a_number_is_refused_with_its_line(uow, team, tmp_path, cell: str,
                                                              why: str) -> None:
    path = _write(tmp_path, "export.csv",
                  f"Date,Channel,Title,Clicks\n2026-03-02,web,Good,5\n2026-03-03,web,Bad,\"{cell}\"\n")
    mapping = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                            metrics=(("Clicks", "clicks"),))
    with pytest.raises(importing.ImportProblemsError) as caught:
        importing.run_import(uow, ImportRequest(path, mapping))
    assert str(caught.value.problems[0]).startswith("line 3: Clicks is ")
    assert why in str(caught.value.problems[0])
    with uow.read() as session:
        assert session.scalar(select(func.count()).select_from(m.MetricRecord)) == 0


def test_a_crlf_resave_under_another_name_adds_nothing(uow, team, tmp_path) -> None:
    text = "Date,Channel,Title,Clicks\n2026-03-02,web,One,5\n2026-03-03,web,Two,7\n"
    first = _write(tmp_path, "export.csv", text)
    second = _write(tmp_path, "export (copy).csv", text.replace("\n", "\r\n"))
    mapping = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                            metrics=(("Clicks", "clicks"),))
    importing.run_import(uow, ImportRequest(first, mapping))
    again = importing.run_import(uow, ImportRequest(second, mapping))
    assert again.already_stored == 2 and again.records == 0 and again.batch_id is None
    assert _totals(uow) == {"clicks": 12.0}
    assert len(importing.list_imports(uow)) == 1


def test_a_description_row_and_an_unlabelled_total_are_skipped_and_counted(uow, team,
                                                                           tmp_path) -> None:
    path = _write(tmp_path, "pages.csv",
                  "Date,Channel,Page title,Views,Clicks\n"
                  ",,,The number of views,Clicks on links\n"
                  "2026-03-02,web,Home,100,5\n2026-03-03,web,About,50,2\n"
                  ",,,150,7\n")
    mapping = ColumnMapping(timestamp="Date", channel="Channel", content="Page title",
                            metrics=(("Views", "views"), ("Clicks", "clicks")))
    result = importing.run_import(uow, ImportRequest(path, mapping))
    assert [(p.line, p.message) for p in result.skipped] == [
        (2, "a description of the columns"), (5, "a total without a label, not a result")]
    assert _totals(uow) == {"views": 150.0, "clicks": 7.0}


def test_the_period_in_a_file_name_padded_or_not() -> None:
    from desktop.importing.period import propose_period

    for name in ("Sep-01-2025_Sep-30-2025_1.csv", "Sep-1-2025_Sep-30-2025_1.csv",
                 "Acme-Campaigns-1-Sep-202530-Sep-2025.csv"):
        assert propose_period(name, []) == Period(date(2025, 9, 1), date(2025, 9, 30)), name


def test_search_console_tabs_store_each_click_once(uow, team, tmp_path) -> None:
    """Chart, Countries and Devices of one export repeat the same clicks: the breakdowns
    are kept, and the figures count the clicks once."""
    chart = _write(tmp_path, "Chart.csv", "Date,Clicks,Impressions,CTR,Position\n"
                   "2026-01-02,30,1000,3%,7.5\n2026-01-03,20,1000,2%,8.5\n")
    countries = _write(tmp_path, "Countries.csv", "Country,Clicks,Impressions,CTR,Position\n"
                       "France,35,1200,2.92%,7.9\nBelgium,15,800,1.88%,8.2\n")
    devices = _write(tmp_path, "Devices.csv", "Device,Clicks,Impressions,CTR,Position\n"
                     "Mobile,40,1500,2.67%,7.7\nDesktop,10,500,2%,8.7\n")
    period = Period(date(2026, 1, 2), date(2026, 1, 3))
    names = [_import(uow, path, period=period)[0].profile.name
             for path in (chart, countries, devices)]
    assert names == ["Google Search Console: chart (by date)",
                     "Google Search Console: Countries (breakdown)",
                     "Google Search Console: Devices (breakdown)"]
    assert _totals(uow)["clicks"] == 150.0  # all three tabs are kept ...
    start, end = period.start, period.end
    assert analytics.metric_total(uow, "clicks", start, end) == 50.0  # ... and counted once
    assert analytics.metric_total(uow, "position", start, end) == pytest.approx(8.0)


def test_a_search_console_zip_imported_whole_stores_each_click_once(uow, team,
                                                                     tmp_path) -> None:
    import zipfile

    from desktop.importing.bundle import import_bundle, is_bundle

    export = tmp_path / "example.org-Performance-on-Search-2026-01-05.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Chart.csv", "Date,Clicks,Impressions,CTR,Position\n"
                                      "2026-01-02,30,1000,3%,7.5\n2026-01-03,20,1000,2%,8.5\n")
        archive.writestr("Queries.csv", "Top queries,Clicks,Impressions,CTR,Position\n"
                                        "bread,45,1500,3%,7\nsourdough\nrecipe,5,500,1%,11\n")
        archive.writestr("Countries.csv", "Country,Clicks,Impressions,CTR,Position\n"
                                          "France,50,2000,2.5%,8\n")
        archive.writestr("Filters.csv", "Filter,Value\nSearch type,Web\nDate,Last 3 days\n")
    assert is_bundle(export)
    found = import_bundle(uow, export)
    assert len(found.results) == 3 and found.left_out[0].startswith("Filters.csv")
    assert {r.period for r in found.results} == {Period(date(2026, 1, 2), date(2026, 1, 3))}
    start, end = date(2026, 1, 2), date(2026, 1, 3)
    assert analytics.metric_total(uow, "clicks", start, end) == 50.0
    assert analytics.metric_total(uow, "impressions", start, end) == 2000.0


def test_the_command_imports_an_export_folder_whole(uow, team, tmp_path, capsys) -> None:
    from desktop.cli import main as cli_main

    folder = tmp_path / "Performance-on-Search"
    folder.mkdir()
    _write(folder, "Chart.csv", "Date,Clicks,Impressions\n2026-01-02,30,1000\n")
    _write(folder, "Devices.csv", "Device,Clicks,Impressions\nMobile,30,1000\n")
    assert cli_main(["import", "--db", str(uow.database.path), str(folder)]) == 0
    said = capsys.readouterr().out
    assert "Chart.csv" in said and "Devices.csv" in said
    assert analytics.metric_total(uow, "clicks", date(2026, 1, 2), date(2026, 1, 2)) == 30.0
