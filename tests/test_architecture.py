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
