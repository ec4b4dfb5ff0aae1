"""Importing exports: every encoding and shape, with the exact records stored;
duplicates, bad rows with their line numbers, cancel, profiles, the command."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from db.enums import CardKind, Stage, Team
from desktop import board, importing
from desktop.cli import main as cli_main
from desktop.errors import Cancelled, ValidationError
from desktop.importing import ColumnMapping, ImportRequest, Period
from desktop.importing.importer import CANCEL_CHECK_ROWS
from desktop.team_settings import set_team_timezone

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
SIMPLE = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                       metrics=(("Impressions", "impressions"), ("Clicks", "clicks")))


def stored(uow) -> list[tuple]:
    """Every record as (time, channel, content, metric, value, line)."""
    r = m.MetricRecord
    with uow.read() as session:
        return [tuple(row) for row in session.execute(
            select(r.occurred_at, r.channel, r.content, r.metric, r.value, r.source_row)
            .order_by(r.source_row, r.id))]


def count(uow, model) -> int:
    with uow.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def import_file(uow, path: Path, mapping: ColumnMapping | None = None, **changes: object):
    preview = importing.preview_file(uow, path)
    profile = preview.profile
    request = ImportRequest(path, mapping or profile.mapping, profile.name if profile else "")
    return importing.run_import(uow, replace(request, **changes))


BASE_ROWS = [
    ("Date", "Channel", "Title", "Impressions", "Clicks"),
    ("2026-03-02 09:15", "LinkedIn", "Café survey: trust", "1200", "34"),
    ("2026-03-03 14:00", "email", "Two lines\nin one title", "800", "8"),
]
EXPECTED = [
    (datetime(2026, 3, 2, 9, 15), "linkedin", "Café survey: trust", "impressions", 1200.0, 2),
    (datetime(2026, 3, 2, 9, 15), "linkedin", "Café survey: trust", "clicks", 34.0, 2),
    (datetime(2026, 3, 3, 14, 0), "email", "Two lines in one title", "impressions", 800.0, 3),
    (datetime(2026, 3, 3, 14, 0), "email", "Two lines in one title", "clicks", 8.0, 3),
]


def _csv(delimiter: str, line_end: str = "\r\n") -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if any(c in text for c in f'{delimiter}\n"') else text
    return "".join(delimiter.join(cell(c) for c in row) + line_end for row in BASE_ROWS)


@pytest.mark.parametrize("encoding,delimiter", [
    ("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1252", ","), ("utf-8", "|"),
    ("utf-16-le", "\t"),
])
def test_each_encoding_and_delimiter_stores_the_same_records(uow, team, tmp_path, encoding,
                                                             delimiter) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(_csv(delimiter).encode(encoding))
    result = import_file(uow, path, SIMPLE)
    assert (result.rows_imported, result.records) == (2, 4)
    assert stored(uow) == EXPECTED


def test_ahrefs_shape_utf16_tab_separated_every_field_quoted(uow, team, tmp_path) -> None:
    rows = [("Keyword", "Country", "Volume", "Current organic traffic", "Current position",
             "Current URL", "Current date"),
            ("patient app trust", "DE", "600", "141", "1", "https://example.org/trust/",
             "2026-01-25 01:27:01"),
            ("lost keyword", "DE", "150", "", "", "", "")]
    text = "".join("\t".join(f'"{c}"' for c in row) + "\r\n" for row in rows)
    path = tmp_path / "example.org-organic-keywords_2026-01-26_17-06-19.csv"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    preview = importing.preview_file(uow, path)
    assert preview.profile.name == "Ahrefs: organic keywords"
    assert preview.proposed_period == Period(date(2026, 1, 26), date(2026, 1, 26))
    result = import_file(uow, path, period=preview.proposed_period)
    assert stored(uow) == [(datetime(2026, 1, 26), "organic search", "patient app trust",
                            "visits", 141.0, 2)]
    assert [str(s) for s in result.skipped] == ["line 3: no figures"]


def test_ga4_preamble_gives_the_period_and_rows_need_no_date(uow, team) -> None:
    path = FIXTURES / "ga4_pages.csv"
    preview = importing.preview_file(uow, path)
    assert preview.layout.header_line == 10
    assert preview.profile.name == "Google Analytics 4: pages and screens"
    assert preview.needs_period(preview.profile.mapping)
    assert preview.proposed_period == Period(date(2026, 1, 1), date(2026, 3, 31))
    result = import_file(uow, path)  # the file says its period: nothing to ask
    assert result.period == Period(date(2026, 1, 1), date(2026, 3, 31))
    records = stored(uow)
    assert records[:4] == [
        (datetime(2026, 1, 1), "web", "/blog/trust-survey/", "views", 1200.0, 11),
        (datetime(2026, 1, 1), "web", "/blog/trust-survey/", "users", 800.0, 11),
        (datetime(2026, 1, 1), "web", "/blog/trust-survey/", "time_on_page", 61.5, 11),
        (datetime(2026, 1, 1), "web", "/blog/trust-survey/", "conversions", 12.0, 11)]
    assert len(records) == 8
    with uow.read() as session:
        assert set(session.scalars(select(m.MetricRecord.timed))) == {False}
        # Each record covers the quarter, not its first day.
        assert set(session.scalars(select(m.MetricRecord.period_end))) == {date(2026, 3, 31)}


def test_search_console_file_without_trailing_newline(uow, team) -> None:
    period = Period(date(2026, 1, 1), date(2026, 1, 31))
    import_file(uow, FIXTURES / "gsc_queries.csv", period=period)
    assert stored(uow)[-4:-2] == [
        (datetime(2026, 1, 1), "organic search", "clinic software", "clicks", 0.0, 4),
        (datetime(2026, 1, 1), "organic search", "clinic software", "impressions", 40.0, 4)]
    r = m.MetricRecord
    with uow.read() as session:  # the average position, weighted by the row's impressions
        assert session.execute(select(r.value, r.weight).where(r.metric == "position")
                               .order_by(r.source_row)).first() == (8.5, 400.0)


def test_google_ads_title_lines_totals_thousands_and_percent(uow, team) -> None:
    path = FIXTURES / "google_ads_campaigns.csv"
    preview = importing.preview_file(uow, path)
    assert preview.proposed_period == Period(date(2026, 1, 1), date(2026, 1, 31))
    result = import_file(uow, path, period=preview.proposed_period)
    assert [s.line for s in result.skipped] == [6, 7]
    values = {(c, metric): v for _, _, c, metric, v, _ in stored(uow)}
    assert values[("Trust playbook search", "impressions")] == 31193.0
    assert values[("Trust playbook search", "cost")] == 1798.88
    assert values[("Brand", "conversions")] == 25.0
    assert len(values) == 8


def test_an_export_with_no_data_imports_nothing_and_says_so(uow, team) -> None:
    path = FIXTURES / "meta_ads_no_data.csv"
    with pytest.raises(ValidationError, match="holds no rows with figures"):
        import_file(uow, path, period=Period(date(2026, 1, 1), date(2026, 1, 31)))
    assert count(uow, m.ImportBatch) == 0


def test_tweet_times_with_offset_become_the_teams_wall_clock(uow, team) -> None:
    set_team_timezone(uow, "Europe/Berlin")
    import_file(uow, FIXTURES / "x_tweet_activity.csv")
    records = stored(uow)
    assert records[0] == (datetime(2026, 2, 2, 9, 30), "x",
                          "Our survey: 7 in 10 doubt patient apps https://t.co/abc",
                          "impressions", 2000.0, 2)
    assert [(r[3], r[4]) for r in records[3:]] == [("impressions", 1000.0),
                                                     ("engagements", 5.0), ("clicks", 1.0)]


def test_mailchimp_send_dates_and_subject_lines(uow, team) -> None:
    import_file(uow, FIXTURES / "mailchimp_campaigns.csv")
    records = stored(uow)
    assert records[:4] == [
        (datetime(2026, 3, 3, 9, 30), "email", "Your trust playbook is here", "reach", 1000.0, 2),
        (datetime(2026, 3, 3, 9, 30), "email", "Your trust playbook is here", "opens", 420.0, 2),
        (datetime(2026, 3, 3, 9, 30), "email", "Your trust playbook is here", "clicks", 55.0, 2),
        (datetime(2026, 3, 3, 9, 30), "email", "Your trust playbook is here", "unsubscribes",
         2.0, 2)]
    assert records[4][0] == datetime(2026, 3, 10, 16, 15)


def test_media_monitoring_keeps_outlet_and_journalist(uow, team) -> None:
    result = import_file(uow, FIXTURES / "meltwater_coverage.csv")
    assert result.rows_imported == 2
    with uow.read() as session:
        rows = session.execute(select(m.MetricRecord.occurred_at, m.MetricRecord.outlet,
                                      m.MetricRecord.author, m.MetricRecord.metric,
                                      m.MetricRecord.value, m.MetricRecord.source_row)
                               .order_by(m.MetricRecord.id)).all()
    assert [tuple(r) for r in rows] == [
        (datetime(2026, 1, 15, 10, 30), "Digital Care Review", "Maren Holt", "reach", 120000.0, 2),
        (datetime(2026, 1, 15, 10, 30), "Digital Care Review", "Maren Holt", "engagements", 340.0, 2),
        (datetime(2026, 1, 15, 10, 30), "Digital Care Review", "Maren Holt", "mentions", 1.0, 2),
        (datetime(2026, 1, 16, 14, 15), "Health IT Weekly", "Ade Bankole", "reach", 45500.0, 3),
        (datetime(2026, 1, 16, 14, 15), "Health IT Weekly", "Ade Bankole", "engagements", 80.0, 3),
        (datetime(2026, 1, 16, 14, 15), "Health IT Weekly", "Ade Bankole", "mentions", 1.0, 3)]


def test_windows_1252_semicolons_decimal_commas_day_first(uow, team) -> None:
    path = FIXTURES / "results_cp1252_semicolon.csv"
    preview = importing.preview_file(uow, path)
    assert preview.layout.encoding == "cp1252" and preview.layout.delimiter == ";"
    result = import_file(uow, path)
    assert result.profile_name == "Columns recognised by name"
    assert stored(uow) == [
        (datetime(2026, 2, 3, 9, 15), "linkedin", "Café-Studie: Vertrauen", "impressions", 1234.0, 2),
        (datetime(2026, 2, 3, 9, 15), "linkedin", "Café-Studie: Vertrauen", "clicks", 56.0, 2),
        (datetime(2026, 2, 3, 9, 15), "linkedin", "Café-Studie: Vertrauen", "cost", 12.5, 2),
        (datetime(2026, 2, 4, 14, 0), "linkedin", "Über uns – Team", "impressions", 800.0, 3),
        (datetime(2026, 2, 4, 14, 0), "linkedin", "Über uns – Team", "clicks", 8.0, 3),
        (datetime(2026, 2, 4, 14, 0), "linkedin", "Über uns – Team", "cost", 3.25, 3)]


def test_excel_workbook_picks_the_sheet_with_the_posts(uow, team, tmp_path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    metrics = workbook.active
    metrics.title = "Metrics"
    metrics.append(["Aggregated metrics for the page"])
    posts = workbook.create_sheet("All posts")
    posts.append(["Posts for the period 01/01/2026 - 03/31/2026"])
    posts.append(["Post title", "Post link", "Post type", "Created date", "Impressions",
                  "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts"])
    posts.append(["Trust playbook launch", "https://www.linkedin.com/feed/update/1", "Organic",
                  datetime(2026, 2, 10), 5000, 120, 0.024, 80, 6, 4])
    path = tmp_path / "page_content.xlsx"
    workbook.save(path)
    preview = importing.preview_file(uow, path)
    assert (preview.layout.sheet, preview.layout.header_line) == ("All posts", 2)
    assert preview.profile.name == "LinkedIn page analytics: all posts"
    import_file(uow, path)
    assert stored(uow) == [
        (datetime(2026, 2, 10), "linkedin", "Trust playbook launch", metric, value, 3)
        for metric, value in (("impressions", 5000.0), ("clicks", 120.0), ("engagements", 80.0),
                              ("engagements", 6.0), ("engagements", 4.0))]


def test_provenance_of_every_record(uow, team) -> None:
    result = import_file(uow, FIXTURES / "mailchimp_campaigns.csv")
    with uow.read() as session:
        batch = session.get(m.ImportBatch, result.batch_id)
        assert (batch.file_name, batch.profile_name, batch.row_count, batch.imported_by_id) == (
            "mailchimp_campaigns.csv", "Mailchimp: campaigns", 2, uow.person_id)
        assert (batch.period_start, batch.period_end) == (date(2026, 3, 3), date(2026, 3, 10))
        assert set(session.scalars(select(m.MetricRecord.import_id))) == {batch.id}
    assert importing.list_imports(uow)[0].file_name == "mailchimp_campaigns.csv"


def test_importing_the_same_file_twice_adds_nothing(uow, team, tmp_path) -> None:
    first = import_file(uow, FIXTURES / "mailchimp_campaigns.csv")
    copy = tmp_path / "renamed.csv"
    copy.write_bytes((FIXTURES / "mailchimp_campaigns.csv").read_bytes())
    second = import_file(uow, copy)
    assert second.duplicate_of is not None and second.duplicate_of.id == first.batch_id
    assert second.records == 0
    assert count(uow, m.ImportBatch) == 1 and count(uow, m.MetricRecord) == 8


def test_delete_import_takes_every_record_out(uow, team) -> None:
    result = import_file(uow, FIXTURES / "mailchimp_campaigns.csv")
    importing.delete_import(uow, result.batch_id)
    assert count(uow, m.ImportBatch) == 0 and count(uow, m.MetricRecord) == 0


BAD = (
    "Date,Channel,Title,Impressions,Clicks\n"
    "2026-03-02,web,Good one,100,5\n"
    '2026-03-03,web,"A title over\ntwo lines",abc,5\n'
    "2026-03-04,web,Negative,100,-3\n"
    "someday,web,No date,100,5\n"
    "2026-03-05,,No channel,100,5\n"
    "2026-03-06,web,Good two,\"1,000\",7\n"
)


def test_bad_rows_are_reported_with_their_lines_and_nothing_is_imported(uow, team,
                                                                       tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD)
    with pytest.raises(importing.ImportProblemsError) as caught:
        import_file(uow, path, SIMPLE)
    assert [str(p) for p in caught.value.problems] == [
        "line 3: Impressions is 'abc', which is not a number",
        "line 5: Clicks is -3; a result cannot be negative",
        "line 6: Date: 'someday' is not a date that can be read; write it like 2026-03-31",
        "line 7: Channel is empty: say which channel"]
    assert caught.value.good_rows == 2
    assert "Nothing was imported" in caught.value.message
    assert count(uow, m.ImportBatch) == 0 and count(uow, m.MetricRecord) == 0


def test_good_rows_only_imports_the_good_ones_and_lists_the_rest(uow, team, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD)
    result = import_file(uow, path, SIMPLE, good_rows_only=True)
    assert [r[2] for r in stored(uow)] == ["Good one", "Good one", "Good two", "Good two"]
    assert stored(uow)[2][4] == 1000.0
    assert [p.line for p in result.problems] == [3, 5, 6, 7]
    assert result.rows_imported == 2


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00\x10" * 20, "not a text export"),
    (b"just some words\nwith no table at all\n", "no table that can be read"),
])
def test_files_that_are_not_exports_get_a_plain_message(uow, team, tmp_path, content,
                                                        message) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        importing.preview_file(uow, path)


def test_a_header_with_no_recognisable_columns_proposes_no_profile(uow, team, tmp_path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Foo,Bar,Baz\n1,2,3\n")
    assert importing.preview_file(uow, path).profile is None
    assert cli_main(["import", "--db", str(uow.database.path), str(path)]) == 1


def test_an_xlsx_name_on_a_damaged_file(uow, team, tmp_path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ValidationError, match="cannot be read as an Excel workbook"):
        importing.preview_file(uow, path)


def test_cancel_leaves_nothing(uow, team, tmp_path) -> None:
    path = tmp_path / "big.csv"
    lines = ["Date,Channel,Title,Impressions,Clicks"]
    lines += [f"2026-03-02 10:00,web,Post {i},{i},1" for i in range(CANCEL_CHECK_ROWS * 3)]
    path.write_text("\n".join(lines))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(Cancelled):
        importing.run_import(uow, ImportRequest(path, SIMPLE), cancelled=cancelled)
    assert count(uow, m.ImportBatch) == 0 and count(uow, m.MetricRecord) == 0


def test_rows_are_matched_to_board_cards_by_title_or_link(uow, team, tmp_path) -> None:
    by_title = board.create_card(uow, board.CardInput(
        "Café survey: trust", Team.PR, CardKind.SOCIAL_POST, Stage.PUBLISHED))
    by_link = board.create_card(uow, board.CardInput(
        "Blog: trust", Team.MARKETING, CardKind.BLOG_POST, Stage.PUBLISHED,
        published_url="https://www.example-health.example/blog/trust-survey/"))
    path = tmp_path / "a.csv"
    path.write_text(_csv(","))
    result = import_file(uow, path, SIMPLE)
    assert result.matched_rows == 1 and result.unmatched == (("Two lines in one title", 1),)
    import_file(uow, FIXTURES / "ga4_pages.csv", period=Period(date(2026, 1, 1), date(2026, 3, 31)))
    with uow.read() as session:
        cards = {c: i for c, i in session.execute(
            select(m.MetricRecord.content, m.MetricRecord.card_id))}
    assert cards["Café survey: trust"] == by_title
    assert cards["/blog/trust-survey/"] == by_link
    assert cards["/resources/playbook/"] is None


def test_saved_profiles_are_proposed_for_the_next_file(uow, team, tmp_path) -> None:
    mapping = ColumnMapping(timestamp="When", content="Piece", fixed_channel="podcast",
                            metrics=(("Listens", "reach"),))
    saved = importing.save_profile(uow, "Podcast host", mapping)
    path = tmp_path / "episodes.csv"
    path.write_text("When,Piece,Listens\n2026-01-05,Episode 1,1500\n")
    preview = importing.preview_file(uow, path)
    assert preview.profile.name == "Podcast host" and preview.profile.id == saved.id
    with pytest.raises(ValidationError, match="exists already"):
        importing.save_profile(uow, "Podcast host", mapping)
    with pytest.raises(ValidationError, match="built-in profile"):
        importing.save_profile(uow, "Mailchimp: campaigns", mapping)
    replaced = importing.save_profile(uow, "Podcast host", replace(mapping, fixed_channel="audio"),
                                      seen_version=saved.version)
    assert replaced.mapping.fixed_channel == "audio"


def test_command_guesses_the_profile_and_names_the_options_it_needs(uow, team, capsys) -> None:
    db = str(uow.database.path)
    ga4 = str(FIXTURES / "ga4_pages.csv")
    assert cli_main(["import", "--db", db, "--dry-run", ga4]) == 0
    said = capsys.readouterr().out
    assert "Every row covers 2026-01-01..2026-03-31" in said and "Nothing was stored" in said
    assert count(uow, m.MetricRecord) == 0
    assert cli_main(["import", "--db", db, ga4]) == 0  # the file says its period
    assert "Imported 8 figures from 2 rows" in capsys.readouterr().out
    assert cli_main(["import", "--db", db, "--period", "2026-01-01..2026-03-31", ga4]) == 0
    assert "nothing was added" in capsys.readouterr().out
    assert count(uow, m.MetricRecord) == 8


def test_command_maps_a_column_and_picks_the_title(uow, team, tmp_path, capsys) -> None:
    path = tmp_path / "newsletter.csv"
    path.write_text("Sent on,Headline,Readers,Signups\n2026-02-03,February news,400,7\n")
    db = str(uow.database.path)
    assert cli_main(["import", "--db", db, "--map", "Nope=opens", str(path)]) == 1
    assert "no column 'Nope'" in capsys.readouterr().err
    assert cli_main(["import", "--db", db, "--channel", "email", "--date", "Sent on",
                     "--title", "Headline", "--map", "Readers=opens", "--map",
                     "Signups=leads", "--dry-run", str(path)]) == 0
    said = capsys.readouterr().out
    assert "Readers -> opens" in said and "Headline -> the title" in said
    assert cli_main(["import", "--db", db, "--channel", "email", "--date", "Sent on",
                     "--title", "Headline", "--map", "Readers=opens", "--map",
                     "Signups=leads", str(path)]) == 0
    assert sorted(r[2:5] for r in stored(uow)) == [("February news", "leads", 7.0),
                                                   ("February news", "opens", 400.0)]


def test_command_stops_on_bad_rows_unless_told_to_import_the_good_ones(uow, team, tmp_path,
                                                                      capsys) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD)
    db = str(uow.database.path)
    assert cli_main(["import", "--db", db, str(path)]) == 1
    assert "line 5: Clicks is -3" in capsys.readouterr().err
    assert count(uow, m.MetricRecord) == 0
    assert cli_main(["import", "--db", db, "--good-rows-only", str(path)]) == 0
    assert "Left out 3 bad rows" in capsys.readouterr().out  # a row without a channel takes the profile's
    assert count(uow, m.MetricRecord) == 6  # impressions and clicks of the 3 good rows


def test_command_asks_for_a_channel_when_the_file_has_none(uow, team, tmp_path, capsys) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("Date,Title,Clicks\n2026-01-02,Hello,3\n")
    db = str(uow.database.path)
    assert cli_main(["import", "--db", db, str(path)]) == 1
    assert "--channel" in capsys.readouterr().err
    assert cli_main(["import", "--db", db, "--channel", "web", str(path)]) == 0
    assert stored(uow) == [(datetime(2026, 1, 2), "web", "Hello", "clicks", 3.0, 2)]


@pytest.mark.parametrize("text,value", [
    ("1,234", 1234.0), ("1,234.5", 1234.5), ("12.5%", 0.125), ("$1,200.00", 1200.0),
    ("(12.50)", -12.5), ("1 234", 1234.0), ("--", None), ("", None), ("3,5", 3.5),
])
def test_numbers_as_tools_write_them(text: str, value: float | None) -> None:
    from desktop.importing.values import NumberReader

    assert NumberReader()(text) == value


def test_decimal_comma_numbers() -> None:
    from desktop.importing.values import NumberReader

    assert NumberReader(decimal_comma=True)("1.234,56") == 1234.56
