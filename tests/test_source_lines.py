"""PySide6's import hook reads each imported module's source into ``linecache``; the
application lets go of it (ui/shell/source_lines.py)."""

from __future__ import annotations

import linecache
import sys

import pytest

from ui.shell import source_lines

pytestmark = pytest.mark.gui


def test_the_lines_the_import_hook_read_are_let_go(qapp, tmp_path, monkeypatch) -> None:
    module = tmp_path / "freshly_imported.py"
    module.write_text("VALUE = 1\n" * 1000, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("freshly_imported")  # as an import statement does
    monkeypatch.delitem(sys.modules, "freshly_imported")
    assert str(module) in linecache.cache  # what the hook keeps, were it not let go
    generated = ["def wrapper(): pass\n"]  # a library's generated code, no file behind it
    monkeypatch.setitem(linecache.cache, "<generated wrapper>",
                        (len(generated[0]), None, generated, "<generated wrapper>"))
    timer = source_lines.install(qapp)
    assert source_lines.install(qapp) is timer and timer._timer.isActive()
    assert timer.let_go() > 0
    assert str(module) not in linecache.cache
    assert linecache.getline("<generated wrapper>", 1) == generated[0]  # kept: not in a file
    assert linecache.getline(str(module), 3) == "VALUE = 1\n"  # a traceback still reads it
