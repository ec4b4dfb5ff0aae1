"""Every real export in ../shared/realdata (beside the project) imports as it should.

The files are never copied into the project; these tests skip when the folder is absent.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from desktop import analytics, importing
from desktop.errors import ValidationError
from desktop.importing import ImportRequest, Period

REALDATA = next((folder / "shared" / "realdata" for folder in Path(__file__).resolve().parents
                 if (folder / "shared" / "realdata").is_dir()), Path("shared", "realdata"))
pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="no ../shared/realdata here")


def _import(uow, relative: str, period: Period | None = None):
    path = REALDATA / relative
    preview = importing.preview_file(uow, path)
    assert preview.profile is not None, f"no profile fits {relative}"
    needs = preview.needs_period(preview.profile.mapping)
    request = ImportRequest(path, preview.profile.mapping, preview.profile.name,
                            (period or preview.proposed_period) if needs else None)
    return preview, importing.run_import(uow, request)


def _totals(uow) -> dict[str, float]:
    with uow.read() as session:
        return {metric: total for metric, total in session.execute(
            select(m.MetricRecord.metric, func.sum(m.MetricRecord.value))
            .group_by(m.MetricRecord.metric))}


def _raw(relative: str, skip: int = 0, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    """The file's rows as the test reads them itself, ``skip`` lines above the header."""
    with (REALDATA / relative).open(encoding=encoding, newline="") as handle:
        for _ in range(skip):
            handle.readline()
        return list(csv.DictReader(handle))


def _contents(uow) -> set[tuple[str]]:
    with uow.read() as session:
        return set(session.execute(select(m.MetricRecord.content).distinct()))


def _span(uow) -> tuple[date, date]:
    """The first day and the last day the stored records cover."""
    with uow.read() as session:
        first, last, last_end = session.execute(
            select(func.min(m.MetricRecord.occurred_at), func.max(m.MetricRecord.occurred_at),
                   func.max(m.MetricRecord.period_end))).one()
    return first.date(), max(filter(None, (last.date(), last_end)))


def _count(uow) -> int:
    with uow.read() as session:
        return session.scalar(select(func.count()).select_from(m.MetricRecord))


def test_search_console_queries(uow, team) -> None:
    preview, result = _import(uow, "google_search_console/sanford_Queries.csv",
                              Period(date(2025, 1, 1), date(2025, 3, 31)))
    assert preview.profile.name == "Google Search Console: performance"
    assert preview.proposed_period is None
    assert result.rows_imported == 25
    rows = _raw("google_search_console/sanford_Queries.csv")
    totals = _totals(uow)
    assert (totals["clicks"], totals["impressions"]) == (
        sum(float(r["Clicks"]) for r in rows), sum(float(r["Impressions"]) for r in rows))
    # Position is an average: what the analytics show is weighted by impressions.
    weighted = sum(float(r["Position"]) * float(r["Impressions"]) for r in rows)
    start, end = date(2025, 1, 1), date(2025, 3, 31)
    assert analytics.metric_total(uow, "position", start, end) == pytest.approx(
        weighted / totals["impressions"])
    assert "Top queries" not in {c for c, in _contents(uow) if "\n" in c}


def test_analytics_4_pages_with_period_from_the_preamble(uow, team) -> None:
    preview, result = _import(
        uow, "google_analytics_4/Pages_and_screens_Page_path_and_screen_class.csv")
    assert result.period == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert result.rows_imported == 16
    totals = _totals(uow)
    assert (totals["views"], totals["users"], totals["conversions"]) == (951.0, 671.0, 62.0)


def test_analytics_4_events(uow, team) -> None:
    _preview, result = _import(uow, "google_analytics_4/Events_Event_name.csv")
    assert result.period == Period(date(2025, 10, 15), date(2026, 1, 12))
    assert result.rows_imported == 21
    assert _totals(uow)["events"] == 137_560.0


def test_google_ads_campaign_report(uow, team) -> None:
    _preview, result = _import(uow, "google_ads/Campaign report (1).csv")
    assert result.period == Period(date(2026, 1, 27), date(2026, 2, 23))
    assert result.rows_imported == 2 and len(result.skipped) == 5
    totals = _totals(uow)
    assert (totals["impressions"], totals["clicks"], totals["conversions"]) == (40585.0, 867.0,
                                                                               74.0)
    assert totals["cost"] == pytest.approx(1164.10)


def test_meta_ads_export_without_data(uow, team) -> None:
    path = REALDATA / "meta_ads/Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv"
    preview = importing.preview_file(uow, path)
    assert preview.profile.name == "Meta Ads Manager: campaigns"
    assert preview.proposed_period == Period(date(2024, 9, 1), date(2024, 9, 30))
    with pytest.raises(ValidationError, match="no rows with figures"):
        importing.run_import(uow, ImportRequest(path, preview.profile.mapping, "",
                                                preview.proposed_period))
    assert _count(uow) == 0


def test_twitter_tweet_activity(uow, team) -> None:
    _preview, result = _import(
        uow, "twitter_analytics/tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv")
    assert result.rows_imported == 37
    assert result.period == Period(date(2016, 12, 1), date(2016, 12, 23))
    with uow.read() as session:
        first = session.execute(select(m.MetricRecord.occurred_at, m.MetricRecord.metric,
                                       m.MetricRecord.value, m.MetricRecord.source_row)
                                .order_by(m.MetricRecord.id)).first()
    assert tuple(first) == (datetime(2016, 12, 23, 18, 50), "impressions", 1938.0, 2)


def test_mailchimp_campaign_list(uow, team) -> None:
    _preview, result = _import(uow, "mailchimp/phillybikeaction_campaigns.csv")
    assert result.rows_imported == 43
    assert result.period == Period(date(2023, 6, 1), date(2025, 2, 28))
    assert set(_totals(uow)) == {"reach"}


def test_ahrefs_utf16_keywords(uow, team) -> None:
    preview, result = _import(
        uow, "ahrefs/awningdepot.co.uk-organic-keywords-subdomai_2026-01-26_17-06-19.csv")
    assert preview.layout.encoding == "utf-16" and preview.layout.delimiter == "\t"
    assert result.period == Period(date(2026, 1, 26), date(2026, 1, 26))
    assert result.rows_imported + len(result.skipped) == 201
    assert _count(uow) == result.rows_imported
    with uow.read() as session:
        first = session.execute(select(m.MetricRecord.content, m.MetricRecord.value)
                                .order_by(m.MetricRecord.id)).first()
    assert tuple(first) == ("shop canopy", 141.0)


def test_every_real_export_is_covered() -> None:
    covered = {"google_search_console", "google_analytics_4", "google_ads", "meta_ads",
               "twitter_analytics", "mailchimp", "ahrefs"}
    # Tools whose exports are refused today; each leaves this set when it is covered.
    covered |= {"meta_business_suite", "linkedin_page", "youtube_studio", "google_trends"}
    not_yet: set[str] = set()
    folders = {p.parent.name for p in REALDATA.rglob("*") if p.is_file()
               and p.parent != REALDATA and p.parent.name != "ics"}
    assert folders <= covered | not_yet


def _number(text: str) -> float:
    return float(text.replace(",", "")) if text.strip() else 0.0


def test_meta_business_suite_posts(uow, team) -> None:
    relative = "meta_business_suite/Sep-01-2025_Sep-30-2025_2855862537940540.csv"
    preview, result = _import(uow, relative)
    assert preview.profile.name == "Meta Business Suite: posts"  # not Meltwater's press file
    rows = _raw(relative)
    assert result.rows_imported == len(rows) and not result.problems
    totals = _totals(uow)
    assert totals["views"] == sum(_number(r["Views"]) for r in rows)
    assert totals["reach"] == sum(_number(r["Reach"]) for r in rows)
    assert totals["engagements"] == sum(_number(r["Reactions, Comments and Shares"])
                                        for r in rows)
    # Dated by each post's Publish time (month first), never by the word "Lifetime".
    times = sorted(datetime.strptime(r["Publish time"], "%m/%d/%Y %H:%M") for r in rows)
    assert _span(uow) == (times[0].date(), times[-1].date())
    with uow.read() as session:
        channels = set(session.scalars(select(m.MetricRecord.channel).distinct()))
        captions = list(session.scalars(select(m.MetricRecord.content)))
    assert channels == {"facebook"} and not any("\n" in c for c in captions)


def test_linkedin_page_update_metrics_with_corrections(uow, team) -> None:
    preview, result = _import(uow, "linkedin_page/content.csv")
    assert preview.profile.name == "LinkedIn Page: update metrics by day"
    rows = _raw("linkedin_page/content.csv")
    assert result.rows_imported == len(rows) and not result.problems
    totals = _totals(uow)
    assert totals["impressions"] == sum(_number(r["Impressions (total)"]) for r in rows)
    assert totals["clicks"] == sum(_number(r["Clicks (total)"]) for r in rows)
    engagements = sum(_number(r[f"{k} (total)"]) for r in rows
                      for k in ("Reactions", "Comments", "Reposts"))
    assert any(_number(r["Reactions (total)"]) < 0 for r in rows)  # removed reactions
    assert totals["engagements"] == pytest.approx(engagements)
    days = sorted(datetime.strptime(r["Date"], "%m/%d/%Y").date() for r in rows)
    assert _span(uow) == (days[0], days[-1])


def test_youtube_studio_table_takes_the_title_not_the_video_id(uow, team) -> None:
    preview, result = _import(uow, "youtube_studio/Table data.csv")
    assert preview.profile.name == "YouTube Studio: table data"
    rows = [r for r in _raw("youtube_studio/Table data.csv") if r["Content"] != "Total"]
    assert result.rows_imported == len(rows)  # the Total row first is not counted again
    totals = _totals(uow)
    assert totals["views"] == sum(_number(r["Views"]) for r in rows)
    assert totals["watch_time"] == pytest.approx(
        sum(_number(r["Watch time (hours)"]) for r in rows) * 3600)
    contents = {c for c, in _contents(uow)}
    assert rows[0]["Video title"] in contents and rows[0]["Content"] not in contents
    days = sorted(datetime.strptime(r["Video publish time"], "%b %d, %Y").date() for r in rows)
    assert _span(uow) == (days[0], days[-1])


def test_google_trends_months_are_an_index_that_is_never_summed(uow, team) -> None:
    preview, result = _import(uow, "google_trends/multiTimeline.csv")
    assert preview.profile.name == "Google Trends: interest over time"
    rows = _raw("google_trends/multiTimeline.csv", skip=2)
    term = next(c for c in rows[0] if c != "Mois")
    assert result.rows_imported == len(rows)
    assert {c for c, in _contents(uow)} == {term}
    # Each month is a record of that whole month.
    assert _span(uow) == (date(2004, 1, 1), date(2025, 12, 31))
    months = {r["Mois"]: float(r[term]) for r in rows}
    assert analytics.metric_total(uow, "interest", date(2020, 3, 1), date(2020, 3, 31)) == \
        months["2020-03"]
    assert analytics.metric_total(uow, "interest", date(2020, 1, 1), date(2020, 12, 31)) is None
    assert analytics.metric_total(uow, "interest", date(2020, 3, 1), date(2020, 3, 15)) is None


def test_a_crlf_resave_of_an_export_adds_nothing(uow, team, tmp_path) -> None:
    original = REALDATA / "linkedin_page/content.csv"
    copy = tmp_path / "content (1).csv"
    copy.write_bytes(re.sub(rb"\r?\n", b"\r\n", original.read_bytes()))
    _import(uow, "linkedin_page/content.csv")
    before = _count(uow)
    preview = importing.preview_file(uow, copy)
    again = importing.run_import(uow, ImportRequest(copy, preview.profile.mapping,
                                                    preview.profile.name))
    assert _count(uow) == before and again.records == 0
    assert again.already_stored == before
