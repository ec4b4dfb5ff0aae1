"""The layers: ui -> desktop -> db, and no Qt or pyplot below the interface."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_BELOW_UI = ("PySide6", "matplotlib.pyplot", "ui")


def _imports(package: str, root: Path = ROOT) -> list[tuple[Path, str]]:
    found = []
    for path in sorted((root / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found += [(path, node.module)]
    return found


def _violations(package: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    return [f"{path.relative_to(root)} imports {name}"
            for path, name in _imports(package, root)
            if any(name == f or name.startswith(f + ".") for f in forbidden)]


@pytest.mark.parametrize("package,forbidden", [
    ("db", FORBIDDEN_BELOW_UI + ("desktop",)),
    ("desktop", FORBIDDEN_BELOW_UI),
])
def test_lower_layers_import_no_qt_pyplot_or_higher_layers(package: str,
                                                          forbidden: tuple[str, ...]) -> None:
    assert _violations(package, forbidden) == []


def test_the_check_itself_catches_violations(tmp_path: Path) -> None:
    (tmp_path / "desktop").mkdir()
    (tmp_path / "desktop" / "chart.py").write_text(
        "import matplotlib.pyplot as plt\nfrom PySide6.QtWidgets import QWidget\n")
    assert _violations("desktop", FORBIDDEN_BELOW_UI, tmp_path) == [
        "desktop/chart.py imports matplotlib.pyplot", "desktop/chart.py imports PySide6.QtWidgets"]


def test_interface_reaches_the_database_only_for_its_vocabulary() -> None:
    """Widgets talk to services; from db they may take only the enum vocabularies."""
    offending = [f"{path.relative_to(ROOT)} imports {name}" for path, name in _imports("ui")
                 if name.startswith("db") and name != "db.enums"]
    assert offending == []


def test_importing_every_service_loads_no_qt() -> None:
    modules = sorted(f"desktop.{p.stem}" for p in (ROOT / "desktop").glob("*.py")
                     if p.stem != "__init__")
    code = ("import sys, importlib\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "bad = [m for m in sys.modules if m.startswith('PySide6') or m == 'matplotlib.pyplot']\n"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""


AREAS = ("board", "events", "goals", "media", "meetings", "reports", "results", "stories")


def _area_imports() -> dict[str, set[str]]:
    """Which ui packages each ui package imports (module level and inside functions)."""
    edges: dict[str, set[str]] = {}
    for path, name in _imports("ui"):
        parts = path.relative_to(ROOT / "ui").parts
        here = parts[0] if len(parts) > 1 else path.stem
        if name.startswith("ui."):
            there = name.split(".")[1]
            if there != here:
                edges.setdefault(here, set()).add(there)
    return edges


def test_the_shell_knows_no_area_and_areas_stand_on_the_shell() -> None:
    """The house: shell beneath, one package per area above it, tools beside."""
    edges = _area_imports()
    assert edges.get("shell", set()) - {"app"} == set()
    for area in AREAS:
        assert edges.get(area, set()) <= {"shell", *AREAS}, area
    assert not any("app" in edges.get(package, set()) for package in edges), \
        "nothing imports the entry point back"


def test_areas_do_not_import_each_other_in_a_circle() -> None:
    edges = _area_imports()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in edges.get(start, set()) & set(AREAS):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert [area for area in AREAS if reaches(area, area, set())] == []


def test_ui_holds_only_the_entry_point_beside_its_packages() -> None:
    assert sorted(p.name for p in (ROOT / "ui").glob("*.py")) == ["__init__.py", "app.py"]


def _test_modules_importing_test_modules(root: Path = ROOT) -> list[str]:
    """What a test module takes from another (``test_*``): shared fixtures and helpers
    belong in ``tests/conftest.py`` or ``tests/helpers/``."""
    return [f"{path.relative_to(root)} imports {name}" for path, name in _imports("tests", root)
            if name.split(".")[-1].startswith("test_")]


def test_no_test_module_imports_another() -> None:
    assert _test_modules_importing_test_modules() == []


def test_the_test_modules_check_catches_an_import(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_b.py").write_text(
        "from test_a import page\nimport tests.test_c\nfrom helpers.board import named\n")
    assert _test_modules_importing_test_modules(tmp_path) == [
        "tests/test_b.py imports test_a", "tests/test_b.py imports tests.test_c"]


def test_one_chart_path_draws_every_chart() -> None:
    """matplotlib is reached through ``desktop/charts.py`` (the drawings) and
    ``desktop/chart_processes.py`` (where they are drawn) only: the Analytics page and the
    report draw the same way."""
    drawing = {str(path.relative_to(ROOT)) for package in ("db", "desktop", "ui")
               for path, name in _imports(package) if name.split(".")[0] == "matplotlib"}
    assert drawing == {"desktop/charts.py", "desktop/chart_processes.py"}
