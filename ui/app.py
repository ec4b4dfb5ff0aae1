"""Entry point and composition root of Common Ground.

Screenless commands (``demo``, ``check`` ...) go to ``desktop.cli`` before Qt
is even imported; otherwise the QApplication and the main window are built.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence

from desktop import heap
from desktop.cli import COMMANDS
from ui.shell.application import qt_unsafe_python, run_gui


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        from desktop.cli import main as cli_main

        return cli_main(args)
    heap.limit_arenas()  # before the window's threads start (desktop/heap.py says why)
    if (refusal := qt_unsafe_python()) is not None:
        print(refusal, file=sys.stderr)
        return 1
    if args and args[0] == "--self-test":
        from ui.tools.self_test import main as self_test_main

        return self_test_main(args[1:])
    if args and args[0] == "soak":  # not listed: benchmarks/soak.py drives the window with it
        from ui.tools.soak import main as soak_main

        return soak_main(args[1:])
    if args and args[0] == "screenshot":
        from ui.tools.screenshot import main as screenshot_main

        return screenshot_main(args[1:])
    return run_gui(args)


if __name__ == "__main__":
    # In the installed program a chart process (desktop/chart_processes.py) is this
    # program started again: it draws charts and never reaches main().
    multiprocessing.freeze_support()
    sys.exit(main())
