"""Listening: importing each tool's export of mentions with its quirks, what is stored of
each mention, its provenance, duplicates, bad rows, and the signals the import raises."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from db import models as m
from db.enums import Department, IdentifierKind, SignalStatus
from desktop import stories
from desktop.importing import ImportProblemsError
from desktop.listening import accounts, rules, signals
from desktop.listening.mention_import import import_mentions, recognise
from desktop.listening.rules import CATEGORY_KEY, COMPETITORS_KEY, OUR_NAMES_KEY
from desktop.stories import CustomerInput
from desktop.team_settings import set_setting, set_team_timezone

FIXTURES = Path(__file__).parent / "fixtures" / "listening"
K = IdentifierKind


@pytest.fixture
def known(uow, team):
    """Two accounts with identifiers, the team's vocabulary, the starter rules, Berlin time."""
    rep = team[Department.SALES]
    acme = stories.create_customer(uow, CustomerInput("Acme Robotics", rep.id))
    bright = stories.create_customer(uow, CustomerInput("Brightwater Clinics", rep.id))
    for customer, kind, value, platform in (
            (acme, K.DOMAIN, "acme-robotics.com", ""), (acme, K.HANDLE, "acmerobotics", "x"),
            (acme, K.ALIAS, "AcmeBot", ""), (bright, K.DOMAIN, "brightwater.health", ""),
            (bright, K.HANDLE, "@BrightwaterHQ", "twitter")):
        accounts.add_identifier(uow, customer.id, kind, value, platform)
    accounts.add_contact(uow, acme.id, "Inés Ortega", "CIO", handles=(("linkedin", "ines-ortega"),))
    for key, value in ((OUR_NAMES_KEY, "Northwind"), (CATEGORY_KEY, "analytics, dashboards"),
                       (COMPETITORS_KEY, "Contoso Cloud")):
        set_setting(uow, key, value)
    set_team_timezone(uow, "Europe/Berlin")
    rules.add_starter_rules(uow)
    return {"acme": acme, "bright": bright, "rep": rep}


def _stored(uow, batch_id: int) -> list[m.Mention]:
    with uow.read() as session:
        return list(session.scalars(select(m.Mention).where(m.Mention.import_id == batch_id)
                                    .order_by(m.Mention.source_row)))


def test_brandwatch_below_its_metadata_block(uow, known) -> None:
    result = import_mentions(uow, FIXTURES / "brandwatch_mentions.csv")
    assert result.profile_name == "Brandwatch: mentions" and result.mentions == 4
    first, *_ = rows = _stored(uow, result.batch_id)
    assert first.source_row == 8  # the line a person sees, below the report's metadata
    assert (first.platform, first.author_handle, first.query) == (
        "x", "acmerobotics", "Northwind brand + category")
    assert first.occurred_at == datetime(2026, 11, 2, 9, 14)
    assert first.reach == 8400 and first.sentiment == "neutral"
    assert "https://careers.acme-robotics.com/rfp-analytics" in first.links
    assert [r.tool for r in rows] == ["Brandwatch"] * 4
    batch_period = (result.period.start.isoformat(), result.period.end.isoformat())
    assert batch_period == ("2026-11-02", "2026-11-06")


def test_brandwatch_signals_go_to_the_reps_and_the_job_post_raises_none(uow, known) -> None:
    result = import_mentions(uow, FIXTURES / "brandwatch_mentions.csv")
    views = signals.list_signals(uow)
    by_account = {(v.account_name, v.intent.value) for v in views}
    assert ("Acme Robotics", "evaluating") in by_account
    assert ("Brightwater Clinics", "expansion") in by_account
    acme = next(v for v in views if v.account_name == "Acme Robotics")
    assert acme.status == SignalStatus.ROUTED and acme.rep_id == known["rep"].id
    assert "any recommendations" in acme.quote
    # the job post on Acme's LinkedIn page is excluded; the switcher is about no known account
    assert sum(v.account_name == "Acme Robotics" for v in views) == 1
    switcher = next(v for v in views if v.intent.value == "switching")
    assert switcher.status == SignalStatus.TRIAGE and switcher.customer_id is None
    assert result.signals.signals_new == len(views)


def test_meltwater_current_export_with_time_and_handles(uow, known) -> None:
    result = import_mentions(uow, FIXTURES / "meltwater_mentions.csv")
    assert result.profile_name == "Meltwater: mentions" and result.mentions == 3
    tender, funding, reddit = _stored(uow, result.batch_id)
    assert tender.occurred_at == datetime(2026, 11, 2, 9, 5)
    assert (tender.author_handle, tender.platform, tender.reach) == ("BrightwaterHQ", "x", 14200)
    assert tender.excerpt == "Our RFP for a clinical analytics platform is out today"
    assert funding.reach == 2_100_000 and funding.domain == "reuters.com"
    assert reddit.platform == "reddit"
    views = {(v.account_name, v.intent.value): v for v in signals.list_signals(uow)}
    assert views[("Brightwater Clinics", "buying")].match_kind in ("handle", "domain")
    # Reuters is a news outlet and names no account; a domain written without a link is
    # no link either, so Acme's funding news is a weak intent about nobody known: no signal.
    assert ("Acme Robotics", "trigger_event") not in views


def test_meltwater_older_columns(uow, known) -> None:
    result = import_mentions(uow, FIXTURES / "meltwater_mentions_older.csv")
    assert result.profile_name == "Meltwater: mentions (older export)"
    praise, article = _stored(uow, result.batch_id)
    assert (praise.author, praise.author_handle, praise.platform) == (
        "Acme Robotics", "acmerobotics", "x")
    assert praise.occurred_at == datetime(2026, 11, 9, 11, 20)
    assert article.title == "Clinics weigh new tools"
    advocacy = [v for v in signals.list_signals(uow) if v.intent.value == "advocacy"]
    assert [v.account_name for v in advocacy] == ["Acme Robotics"]


def test_talkwalker_epoch_milliseconds_in_the_teams_time(uow, known) -> None:
    result = import_mentions(uow, FIXTURES / "talkwalker_results.csv")
    assert result.profile_name == "Talkwalker: results"
    churn, cio = _stored(uow, result.batch_id)
    assert churn.occurred_at == datetime(2026, 11, 2, 11, 0)  # 10:00 UTC is 11:00 in Berlin
    assert (churn.sentiment, cio.sentiment) == ("negative", "positive")
    assert churn.author_handle == "BrightwaterHQ" and churn.platform == "x"
    intents = {(v.account_name, v.intent.value) for v in signals.list_signals(uow)}
    assert {("Brightwater Clinics", "churn_risk"), ("Acme Robotics", "trigger_event")} <= intents


def test_a_plain_csv_of_mentions_and_a_contacts_handle(uow, known) -> None:
    result = import_mentions(uow, FIXTURES / "plain_mentions.csv")
    assert result.profile_name == "Mentions: plain CSV" and result.mentions == 2
    views = signals.list_signals(uow)
    ines = next(v for v in views if v.intent.value == "evaluating")
    assert ines.account_name == "Acme Robotics" and "Inés Ortega, a contact" in ines.explanation


def test_the_same_file_twice_and_the_same_post_from_another_file_add_nothing(uow, known,
                                                                           tmp_path) -> None:
    first = import_mentions(uow, FIXTURES / "plain_mentions.csv")
    again = import_mentions(uow, FIXTURES / "plain_mentions.csv")
    assert again.duplicate_of and again.batch_id is None
    copy = tmp_path / "renamed.csv"
    copy.write_bytes((FIXTURES / "plain_mentions.csv").read_bytes().replace(b"\n", b"\r\n"))
    moved = import_mentions(uow, copy)
    assert (moved.mentions, moved.already_stored) == (0, 2)
    assert len(_stored(uow, first.batch_id)) == 2


def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported(uow, known,
                                                                    tmp_path) -> None:
    bad = tmp_path / "mentions.csv"
    bad.write_text("Date,Link,Author,Text\n2026-11-02,https://a.example/1,Ann,RFP out\n"
                   "yesterday,https://a.example/2,Bo,Hello\n", encoding="utf-8")
    with pytest.raises(ImportProblemsError, match="line 3") as raised:
        import_mentions(uow, bad)
    assert raised.value.good_rows == 1
    with uow.read() as session:
        assert session.scalars(select(m.Mention)).all() == []
    assert import_mentions(uow, bad, good_rows_only=True).mentions == 1


def test_a_file_that_is_not_mentions_is_refused_in_words(uow, known) -> None:
    with pytest.raises(Exception, match="not an export of mentions"):
        import_mentions(uow, Path(__file__).parent / "fixtures" / "imports" / "ga4_pages.csv")


def test_profiles_are_recognised_by_their_columns_whatever_the_case() -> None:
    assert recognise(("QUERY NAME", "date", "page_type", "Snippet")).tool == "Brandwatch"
    assert recognise(("Date", "Clicks")) is None


def test_an_import_expires_the_signals_nobody_acknowledged_in_14_days(uow, known) -> None:
    import_mentions(uow, FIXTURES / "plain_mentions.csv", now=datetime(2026, 11, 3))
    routed = [v for v in signals.list_signals(uow) if v.status == SignalStatus.ROUTED]
    assert routed
    later = import_mentions(uow, FIXTURES / "talkwalker_results.csv", now=datetime(2026, 11, 20))
    assert later.expired == len(routed) and "expired" in later.summary
    assert signals.get_signal(uow, routed[0].id).status == SignalStatus.EXPIRED


def test_brandwatch_as_an_excel_workbook_with_real_dates(uow, known, tmp_path) -> None:
    import csv

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    with (FIXTURES / "brandwatch_mentions.csv").open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            if number > 6 and row[2]:
                row[2] = datetime.fromisoformat(row[2].removesuffix(".0"))
            sheet.append(row)
    path = tmp_path / "Brandwatch mentions.xlsx"
    book.save(path)
    result = import_mentions(uow, path)
    assert (result.profile_name, result.mentions) == ("Brandwatch: mentions", 4)
    first = _stored(uow, result.batch_id)[0]
    assert first.occurred_at == datetime(2026, 11, 2, 9, 14) and first.source_row == 8
