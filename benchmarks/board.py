"""The Board page on a 10,000-card team file: opening it, and applying a text filter.

Prints medians from one run, next to the floor measured in the same run: listing
the same cards from the database alone, that is the board's own SQL query (cards
with their owner, campaign and goal names, tags and derivative counts) fetched
with no objects and no widgets. A plain scan of the cards table is printed too.
Filter time is the work for one keystroke: filtering every card and refilling the
columns, then painting what is on screen; its floor is the filter alone (the
same cards matched in Python, no widgets).

    python benchmarks/board.py [--runs 7] [--cards 10000] [--json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _table import Figure, add_json_flag, print_json  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=int, default=10_000)
    add_json_flag(parser)
    args = parser.parse_args()
    from PySide6.QtGui import QUndoStack
    from sqlalchemy import select

    from db import models as m
    from desktop import board, people
    from desktop.card_filter import CardFilter
    from desktop.demo import write_demo
    from desktop.team_file import UnitOfWork, open_database
    from ui.board.board_page import BoardPage
    from ui.shell.application import create_application
    from ui.shell.context import TeamContext
    from ui.shell.tasks import task_manager

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        from desktop.self_test import keep_user_folders_inside

        keep_user_folders_inside(Path(folder))  # no backups or recent files in the person's folders
        path = Path(folder) / "bench.cgdb"
        write_demo(path, cards=args.cards).dispose()
        database = open_database(path)
        uow = UnitOfWork(database)
        context = TeamContext(database, people.list_people(uow)[0])

        def table_scan() -> None:
            with database.engine.connect() as connection:
                connection.execute(select(m.Card.__table__).where(
                    m.Card.deleted_at.is_(None)).order_by(m.Card.stage, m.Card.position)).fetchall()

        board_query = board.card_listing_query()

        def bare_listing() -> None:
            with database.engine.connect() as connection:
                connection.execute(board_query).fetchall()

        def open_page() -> BoardPage:
            page = BoardPage(QUndoStack())
            page.resize(1400, 860)
            page.set_context(context)
            page.show()
            task_manager().wait_idle(60_000)  # the cards load on the reader thread
            app.processEvents()
            return page

        bare_listing()
        open_page().deleteLater()
        scan = median_of(args.runs, table_scan)
        floor = median_of(args.runs, bare_listing)
        opened = median_of(args.runs, lambda: open_page().deleteLater())
        page = open_page()
        words = iter(["blog", "survey", "webinar", "coverage", "email", "launch", "trust",
                      "nordic", "clip", "ads", "press", "story"] * args.runs)

        def filter_once() -> None:
            page.search_edit.setText(next(words))
            page._on_filter_changed()  # what the search timer runs after typing stops
            page.repaint()

        filtered = median_of(args.runs, filter_once)
        floor_words = iter(["blog", "survey", "webinar", "coverage", "email", "launch", "trust",
                            "nordic", "clip", "ads", "press", "story"] * args.runs)
        filter_alone = median_of(args.runs, lambda: CardFilter(text=next(floor_words)).apply(
            page._cards))
        database.dispose()
    if args.json:
        size = f"{args.cards:,} cards"
        print_json([
            Figure("board", "open the page", opened, "the board's SQL query alone", floor,
                   args.runs, size),
            Figure("board", "text filter, one keystroke", filtered,
                   "the same filter on the same cards, no widgets", filter_alone, args.runs,
                   size)])
        return
    print(f"{args.cards:,} cards, {args.runs} runs, medians:")
    print(f"board.cards_table_scan     {scan * 1000:8.1f} ms")
    print(f"board.bare_listing_sql     {floor * 1000:8.1f} ms  (floor: the board's query alone)")
    print(f"board.open_page            {opened * 1000:8.1f} ms  {opened / floor:.2f}x the floor "
          "(aim: under 3x)")
    print(f"board.text_filter_alone    {filter_alone * 1000:8.1f} ms  (floor: no widgets)")
    print(f"board.text_filter          {filtered * 1000:8.1f} ms  (aim: under one 16.7 ms frame)")


if __name__ == "__main__":
    main()
