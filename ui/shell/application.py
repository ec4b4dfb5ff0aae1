"""The QApplication and the main window, made once for the app, its tools and its tests.

Kept apart from the entry point (``ui.app``) so that the tools it starts
(``ui.tools``) can build the application without importing it back.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desktop.cli import COMMANDS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.shell.main_window import MainWindow

ORGANIZATION = "CommonGround"
APPLICATION = "Common Ground"


def create_application(argv: Sequence[str] = ()) -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    from ui.shell import gui_collector, source_lines

    gui_collector.install(app)  # Qt objects in garbage are freed on the GUI thread
    source_lines.install(app)  # what PySide6's import hook reads is not kept all day
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="commonground",
        description="Open a team database (the demo team when none is given). "
                    f"Commands without a window: {', '.join(sorted(COMMANDS))}, screenshot.")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="a team file, or a database URL such as postgresql://host/team")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation in a temporary folder and exit "
                             "(0: it works)")
    return parser.parse_args(list(argv))


def launch(argv: Sequence[str], *, person_id: int | None = None,
           on_shown: Callable[[], None] | None = None) -> tuple[QApplication, MainWindow]:
    """Create the application and show the main window; the chosen (or demo) file opens
    in it in the background, and the window's ``opened`` says when.

    ``on_shown`` is called once the (still empty) window is on screen.
    """
    args = _parse(argv)
    app = create_application()
    from ui.shell.main_window import MainWindow

    window = MainWindow()
    window.restore_layout()
    window.show()
    window.status.tell(window.tr("Opening the team file…"), 0)
    app.processEvents()  # the window is on screen before the database layer loads
    if on_shown is not None:
        on_shown()
    if args.db:
        window.open_target(args.db, person_id=person_id)
    else:
        _open_demo(window, person_id)
    return app, window


def _open_demo(window: MainWindow, person_id: int | None) -> None:
    """Make the demo team on first start (on the writer lane: it is a new file), then open it."""
    from desktop.team_file import demo_path, open_or_create_demo
    from ui.shell.messages import show_error
    from ui.shell.tasks import task_manager

    def refused(error: BaseException) -> None:
        window.status.clear()
        show_error(window, error, window.tr("Could not open the demo team"))
        window.opened.emit(False)

    task_manager().write(lambda: open_or_create_demo().dispose(), owner=window,
                         on_success=lambda _none: window.open_target(demo_path(),
                                                                     person_id=person_id),
                         on_failure=refused, label=window.tr("Making the demo team"))


def run_gui(argv: Sequence[str]) -> int:
    app, window = launch(argv)
    from ui.shell import excepthook
    from ui.shell.welcome_dialog import welcome_if_first_run

    excepthook.install()  # from here on, an unexpected error is a message, not a traceback
    welcome_if_first_run(window)
    # What start-up made (modules, Qt wrappers) lives as long as the app: kept out of
    # the cycle collector's full passes, which otherwise walk it all and hold the
    # interpreter, the window's thread included, for a tenth of a second or more.
    gc.freeze()
    return app.exec()


def qt_unsafe_python() -> str | None:
    """Why this interpreter cannot run the window, or None.

    Before Python 3.12 (PEP 683) ``None``, ``True`` and ``False`` are reference-counted,
    and PySide6 6.12 takes a reference from them on every call that returns nothing: a
    busy window aborts the interpreter within the hour ("deallocating None").
    """
    if sys.version_info >= (3, 12):  # noqa: UP036 - the one sentence for a Python too old
        return None
    return (f"Common Ground's window needs Python 3.12 or newer; this is Python "
            f"{sys.version_info.major}.{sys.version_info.minor}. Install Python 3.12+ "
            f"and set the app up again with it (make run does).")
