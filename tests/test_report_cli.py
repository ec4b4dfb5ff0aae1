"""``commonground report``: a PDF on success, one plain line and an exit code otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop import board, cli


@pytest.fixture
def team_file(uow, team, db_path: Path) -> Path:
    board.create_campaign(uow, "Spring launch")
    return db_path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["report", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_writes_the_report_for_a_quarter(team_file: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "case.pdf"
    code, out, err = _run(capsys, "--db", str(team_file), "--quarter", "2026-Q3",
                          "--campaign", "spring launch", "--title", "Q3 <case>", "-o",
                          str(target))
    assert (code, err) == (0, "")
    reader = PdfReader(target)
    assert out == f"Wrote {len(reader.pages)} pages to {target}.\n"
    assert reader.metadata.title == "Q3 <case>"


def test_writes_the_report_for_a_range_of_days(team_file: Path, tmp_path: Path,
                                               capsys) -> None:
    target = tmp_path / "range.pdf"
    code, _, _ = _run(capsys, "--db", str(team_file), "--from", "2026-03-01", "--to",
                      "2026-04-15", "--sections", "summary,appendix", "-o", str(target))
    assert code == 0
    outline = [e.title for e in PdfReader(target).outline if not isinstance(e, list)]
    assert outline == ["Executive summary", "Where the figures come from"]


@pytest.mark.parametrize("arguments,code,message", [
    (("--quarter", "2026-Q5"), 2, "'2026-Q5' is not a quarter; write it like 2026-Q3."),
    (("--quarter", "2026-Q3", "--campaign", "Autumn"), 2,
     "No campaign is called 'Autumn'. The campaigns are: Spring launch."),
    (("--from", "2026-13-01", "--to", "2026-12-31"), 2,
     "--from '2026-13-01' is not a date; write it like 2026-03-31."),
    (("--from", "2026-05-01", "--to", "2026-04-01"), 2,
     "The report ends (2026-04-01) before it starts (2026-05-01). Swap the two days."),
    (("--from", "2026-05-01"), 2, "Give both the first and the last day of the report."),
    (("--quarter", "2026-Q3", "--sections", "summary,gossip"), 2,
     "Unknown sections: gossip."),
])
def test_a_bad_request_exits_2_with_one_line(team_file: Path, tmp_path: Path, capsys,
                                             arguments: tuple[str, ...], code: int,
                                             message: str) -> None:
    target = tmp_path / "case.pdf"
    result, out, err = _run(capsys, "--db", str(team_file), *arguments, "-o", str(target))
    assert result == code
    assert out == ""
    assert err.startswith(f"error: {message}") and err.count("\n") == 1
    assert not target.exists()


def test_a_missing_team_file_exits_1(tmp_path: Path, capsys) -> None:
    code, out, err = _run(capsys, "--db", str(tmp_path / "nowhere.cgdb"), "--quarter",
                          "2026-Q3", "-o", str(tmp_path / "case.pdf"))
    assert (code, out) == (1, "")
    assert err.startswith("error: ") and "nowhere.cgdb" in err and err.count("\n") == 1


def test_a_folder_that_does_not_exist_exits_1(team_file: Path, tmp_path: Path,
                                              capsys) -> None:
    target = tmp_path / "missing" / "case.pdf"
    code, _, err = _run(capsys, "--db", str(team_file), "--quarter", "2026-Q3", "-o",
                        str(target))
    assert code == 1
    assert err == f"error: The folder {target.parent} does not exist; choose another place " \
                  "for the PDF.\n"


def test_quarter_or_range_is_required(team_file: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["report", "--db", str(team_file), "-o", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2
