"""``commonground mentions``: a listening export imported from the command line, in one
plain line, and a bad file refused with its line number."""

from __future__ import annotations

from pathlib import Path

from desktop import cli

FIXTURES = Path(__file__).parent / "fixtures" / "listening"


def test_mentions_are_imported_and_said_in_one_line(uow, team, capsys) -> None:
    path = uow.database.path
    assert cli.main(["mentions", "--db", str(path), str(FIXTURES / "talkwalker_results.csv")]) == 0
    assert capsys.readouterr().out.strip() == (
        "2 mentions imported from talkwalker_results.csv; 0 new signals (0 routed to reps, "
        "0 for triage), 0 mentions folded into open signals.")
    assert cli.main(["mentions", "--db", str(path), str(FIXTURES / "talkwalker_results.csv")]) == 0
    assert "was imported before" in capsys.readouterr().out


def test_a_bad_row_is_refused_by_its_line(uow, team, capsys, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Text\n2026-11-02,fine\nnot a day,broken\n", encoding="utf-8")
    assert cli.main(["mentions", "--db", str(uow.database.path), str(bad)]) == 1
    assert "line 3" in capsys.readouterr().err
