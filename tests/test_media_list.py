"""A media database's export in (its common columns found by name, bad rows reported by
line, the good rows or nothing, people already listed left alone) and the list out again."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from db.enums import ContactKind
from desktop.errors import ValidationError
from desktop.media import contacts, media_list

FIXTURE = Path(__file__).parent / "fixtures" / "media" / "media_database_export.csv"


@pytest.fixture
def parsed() -> media_list.ParsedList:
    return media_list.read_media_list(FIXTURE)


def test_the_columns_are_found_by_their_names_and_bad_rows_by_their_line(parsed) -> None:
    assert parsed.columns == {
        "first_name": "First Name", "last_name": "Last Name", "outlet": "Outlet",
        "beat": "Title/Beat", "email": "Email", "x_handle": "Twitter/X", "linkedin": "LinkedIn",
        "kind": "Media Type", "domain": "Outlet Website"}
    assert parsed.problems == ((10, "no name"),
                               (12, "'oren.schachar(at)mte.example' is not an email address"))
    assert [(r.line, r.name, r.kind) for r in parsed.rows] == [
        (4, "Maren Okafor", ContactKind.EDITOR), (5, "Tobias Lindqvist", ContactKind.JOURNALIST),
        (6, "Aiyana Brightwater", ContactKind.PODCASTER), (7, "Renée Duval", ContactKind.JOURNALIST),
        (8, "Kwame Asante", ContactKind.JOURNALIST), (9, "Sung-min Park", ContactKind.CREATOR),
        (11, "Lena Vogt", ContactKind.EDITOR)]


def test_bad_rows_refuse_the_whole_file_unless_the_good_rows_are_chosen(uow, team, parsed) -> None:
    with pytest.raises(ValidationError, match="line 10: no name; line 12: "):
        media_list.import_media_list(uow, parsed)
    assert contacts.list_contacts(uow) == []

    done = media_list.import_media_list(uow, parsed, good_rows_only=True)
    assert done.sentence() == ("7 contacts added, 5 new outlets, 2 rows with a problem left "
                               "out.")
    listed = {c.name: c for c in contacts.list_contacts(uow)}
    maren = listed["Maren Okafor"]
    assert (maren.outlet_name, maren.beat, maren.email, maren.x_handle, maren.linkedin) == (
        "Health IT Weekly", "Senior Editor - hospitals & digital health",
        "maren.okafor@hitw.example", "@marenokafor",
        "https://www.linkedin.example/in/marenokafor")
    assert listed["Tobias Lindqvist"].x_handle == "@tlindqvist"
    assert listed["Kwame Asante"].outlet_name == ""
    outlets = {o.name: o for o in contacts.list_outlets(uow)}
    assert (outlets["Health IT Weekly"].web_domain, outlets["Health IT Weekly"].contact_count) == (
        "hitw.example", 2)

    again = media_list.import_media_list(uow, parsed, good_rows_only=True)
    assert (again.contact_ids, again.already_listed) == ((), 7)
    media_list.take_back(uow, done)
    assert contacts.list_contacts(uow) == [] and contacts.list_outlets(uow) == []


def test_a_file_without_names_is_not_a_media_list(tmp_path) -> None:
    path = tmp_path / "clicks.csv"
    path.write_text("Date,Clicks,Impressions\n2026-09-01,4,100\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="clicks.csv has no column of names"):
        media_list.read_media_list(path)


def test_the_export_reads_back_and_neutralises_formulas(uow, team, parsed, tmp_path) -> None:
    media_list.import_media_list(uow, parsed, good_rows_only=True)
    sneaky = contacts.create_contact(uow, contacts.ContactInput("=HYPERLINK(\"x\")", beat="+1"))
    contacts.set_do_not_contact(uow, sneaky.id, sneaky.version, on=True, reason="Not a person")
    out = tmp_path / "list.csv"
    assert media_list.export_media_list(uow, out) == 8
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(media_list.EXPORT_HEADER)
    assert rows[1][:3] == ["'=HYPERLINK(\"x\")", "", "'+1"] and rows[1][10:] == [
        "yes", "Not a person"]

    read_back = media_list.read_media_list(out)
    assert read_back.problems == ()
    assert {r.name for r in read_back.rows} >= {"Maren Okafor", "Lena Vogt"}
    maren = next(r for r in read_back.rows if r.name == "Maren Okafor")
    assert (maren.outlet, maren.kind, maren.domain, maren.tier) == (
        "Health IT Weekly", ContactKind.EDITOR, "hitw.example", 2)


def test_the_list_moves_to_another_team_file_with_its_marks_and_handles(
        uow, team, tmp_path, new_team_file) -> None:
    from db.unit_of_work import UnitOfWork

    jane = contacts.create_contact(uow, contacts.ContactInput("Jane Roe", x_handle="@jane"))
    contacts.set_do_not_contact(uow, jane.id, jane.version, on=True,
                                reason="Asked to be taken off all lists")
    contacts.create_contact(uow, contacts.ContactInput("Tom Poe", x_handle="tompoe"))
    out = tmp_path / "list.csv"
    media_list.export_media_list(uow, out)

    other = new_team_file(tmp_path / "other.cgdb")
    try:
        there = UnitOfWork(other)
        done = media_list.import_media_list(there, media_list.read_media_list(out))
        assert done.sentence() == "2 contacts added."
        moved = {c.name: (c.x_handle, c.do_not_contact, c.do_not_contact_reason)
                 for c in contacts.list_contacts(there)}
        assert moved == {"Jane Roe": ("@jane", True, "Asked to be taken off all lists"),
                         "Tom Poe": ("@tompoe", False, "")}
    finally:
        other.dispose()


def test_a_do_not_contact_mark_without_a_reason_says_where_it_came_from(
        uow, team, tmp_path) -> None:
    path = tmp_path / "opt-outs.csv"
    path.write_text("Name,Email,DNC\nJane Roe,jane@paper.example,Yes\n", encoding="utf-8")
    media_list.import_media_list(uow, media_list.read_media_list(path))
    [jane] = contacts.list_contacts(uow)
    assert (jane.do_not_contact, jane.do_not_contact_reason) == (
        True, "Marked do-not-contact in opt-outs.csv")
