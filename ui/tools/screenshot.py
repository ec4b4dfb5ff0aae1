"""``commonground screenshot``: one page of the main window, drawn offscreen into a PNG.

It leaves the person's own settings, recent files and backups alone (they are
kept in a temporary folder meanwhile), and the picture names no folder of the
machine it was made on: the status bar shows the file's name only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ui.shell.pages import PAGES as PAGE_SPECS
from ui.shell.palette import SCHEMES, use_palette

PAGES = tuple(spec.name for spec in PAGE_SPECS)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1400x900") from None
    if width < 200 or height < 200:
        raise argparse.ArgumentTypeError("the size must be at least 200x200")
    return width, height


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="commonground screenshot")
    parser.add_argument("--db", required=True, help="the team file to show")
    parser.add_argument("--page", required=True, choices=PAGES)
    parser.add_argument("-o", "--output", required=True, help="the PNG file to write")
    parser.add_argument("--size", type=_size, default=(1400, 900), help="WIDTHxHEIGHT")
    parser.add_argument("--palette", choices=SCHEMES, default="system",
                        help="draw in the light or dark palette (default: the system's)")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str]) -> int:
    args = _parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="commonground-screenshot-",
                                     ignore_cleanup_errors=True) as folder:
        from desktop.self_test import keep_user_folders_inside
        from ui.shell import settings

        keep_user_folders_inside(Path(folder))
        settings.keep_in(str(Path(folder) / "settings"))
        return _draw(args)


def _draw(args: argparse.Namespace) -> int:
    from ui.shell.application import create_application

    app = create_application()
    use_palette(args.palette)
    from desktop import people
    from desktop.errors import ExplainedError
    from desktop.team_file import UnitOfWork, open_database
    from ui.shell.main_window import MainWindow

    try:
        database = open_database(args.db)
        team = people.list_people(UnitOfWork(database), active_only=True)
        database.dispose()
    except ExplainedError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    if not team:
        print("error: the team file has no people to show it as.", file=sys.stderr)
        return 1
    viewer = next((p for p in team if p.department.value == "leadership"), team[0])
    window = MainWindow()
    if args.page not in window.page_names:
        print(f"error: the {args.page} page is not part of this version yet.", file=sys.stderr)
        return 2
    window.resize(*args.size)
    from ui.tools.self_test import settle

    window.open_target(args.db, person_id=viewer.id)
    settle(60_000)  # the file opens in the background
    if window.context is None:
        return 1
    window.show_page(args.page)
    window.show()
    settle(60_000)  # pages load in the background
    window.status.clear()
    window.file_label.setText(window.tr("File: {0}").format(Path(args.db).name))
    app.processEvents()
    output = Path(args.output)
    if not window.grab().save(str(output), "PNG"):
        print(f"error: could not write {output}.", file=sys.stderr)
        return 1
    window.close()
    print(f"Wrote {output}.")
    return 0
