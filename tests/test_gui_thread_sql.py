"""The suite-wide guard against SQL on the window's thread finds what it should, and only that."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from helpers.gui_thread_sql import UI, GuiThreadSql
from sqlalchemy import create_engine, text


def _as_if_in(filename: str, engine):
    """A function whose code says it lives in ``filename``, as a slot of a page would."""
    namespace: dict[str, object] = {"engine": engine, "text": text}
    exec(compile("def slot():\n    with engine.connect() as c:\n        c.execute(text('SELECT 1'))\n",
                 filename, "exec"), namespace)
    return namespace["slot"]


@pytest.fixture
def guard():
    guard = GuiThreadSql()
    guard.install()
    yield guard
    guard.remove()


@pytest.fixture
def engine(tmp_path: Path):
    engine = create_engine(f"sqlite:///{tmp_path / 'team.db'}")
    yield engine
    engine.dispose()


@pytest.mark.gui_thread_sql
def test_a_query_from_a_page_on_the_main_thread_is_caught_with_its_place(guard, engine) -> None:
    _as_if_in(UI + "board/board_page.py", engine)()
    assert [place for place, _ in guard.seen] == ["ui.board.board_page:slot"]
    assert "SELECT 1" in guard.report() and "ui.board.board_page:slot" in guard.report()


def test_the_same_query_on_a_worker_thread_or_from_a_test_is_not(guard, engine) -> None:
    worker = threading.Thread(target=_as_if_in(UI + "board/board_page.py", engine))
    worker.start()
    worker.join()
    with engine.connect() as connection:  # a test's own set-up, on the main thread
        connection.execute(text("SELECT 1"))
    _as_if_in(UI + "tools/screenshot.py", engine)()  # a tool's work before any window

    def colleague_saves() -> None:  # a test's faked dialog, called from the page
        with engine.connect() as connection:
            connection.execute(text("SELECT 2"))

    namespace: dict[str, object] = {}
    exec(compile("def open(dialog):\n    dialog()\n", UI + "shell/form_save.py", "exec"),
         namespace)
    namespace["open"](colleague_saves)
    assert guard.seen == []
