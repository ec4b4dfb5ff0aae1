"""The activity feed on a busy team file: its 500 newest entries, each with its sentence.

Prints medians from one run, next to the floor measured in the same run: the
feed's own query alone (the change-log rows with their authors' names, no
sentences and no look-ups of the names they mention). The difference is what
saying it in words costs: a few queries for the names per feed, and the sentences.

    python benchmarks/activity.py [--runs 7] [--cards 10000] [--json]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _table import Figure, add_json_flag, median_time, print_json  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=int, default=10_000)
    add_json_flag(parser)
    args = parser.parse_args()
    from db.enums import Stage
    from desktop import activity, board, people
    from desktop.demo import write_demo
    from desktop.self_test import keep_user_folders_inside
    from desktop.team_file import UnitOfWork, open_database

    with tempfile.TemporaryDirectory() as folder:
        keep_user_folders_inside(Path(folder))
        path = Path(folder) / "bench.cgdb"
        write_demo(path, cards=args.cards).dispose()
        database = open_database(path)
        uow = UnitOfWork(database)
        uow = uow.as_person(people.list_people(uow)[0].id)
        cards = board.list_cards(uow)[:200]  # a day's moves, so the feed is not all inserts
        for card, stage in zip(cards, [*Stage] * 40):
            board.move_card(uow, card.id, stage)
        query = activity._query().limit(activity.FEED_LIMIT)  # the feed reads twice that

        def bare_feed() -> None:
            with uow.read() as session:
                session.execute(query).all()

        bare_feed()
        feed = activity.list_activity(uow)
        floor = median_time(args.runs, bare_feed)
        worded = median_time(args.runs, lambda: activity.list_activity(uow))
        database.dispose()
    size = f"{len(feed)} entries, {args.cards:,} cards"
    if args.json:
        print_json([Figure("activity", "the feed in words", worded,
                           "the feed's query alone", floor, args.runs, size)])
        return
    print(f"{size}, {args.runs} runs, medians:")
    print(f"activity.bare_feed_sql   {floor * 1000:8.1f} ms  (floor: the feed's query alone)")
    print(f"activity.feed_in_words   {worded * 1000:8.1f} ms  {worded / floor:.2f}x the floor")
    print("newest:", feed[0].sentence)


if __name__ == "__main__":
    main()
