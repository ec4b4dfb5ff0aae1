"""The soak: the real main window on a team file, driven for thousands of actions.

The hidden command ``commonground soak --db FILE --person ID`` (benchmarks/soak.py
and tests/test_soak.py run it in a child process, so that an abort is observed, not
suffered) opens the window as ``commonground --db FILE`` does and then acts as a
person does, round after round: every page through its Ctrl+1…Ctrl+7 shortcut; on
the board, mouse-wheel steps on each column's viewport and forced repaints of every
column, a card dragged to the next column, words typed into the search field and
cleared, the card editor opened by a double-click; each page's dialog opened by its
toolbar button (the Help dialogs by their shortcuts or menu action) and closed with
Escape; the Analytics period box stepped with the arrow keys; now and then a report
made from the Reports page. Meanwhile another process edits the file, so the live
refresh fires. At the end it prints one JSON line: what was done, None's, True's and
False's reference counts and the resident memory at start and end.

The drag is synthesised as the drag-enter, drag-move and drop events Qt delivers to
the target column's viewport while a person drags (Qt's own drag loop, ``QDrag.exec``,
waits for a real pointer and cannot be driven offscreen); the drop then takes the
path a person's drop takes, through the view into the model. Keys and clicks go
through ``QTest``, which sends them the way the window system does (shortcuts
included).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QToolBar,
    QWidget,
)

from ui.tools.memory_trace import MemoryTrace

#: Words typed into the board's search field, one per round.
WORDS = ("survey", "blog", "press", "webinar", "launch", "email", "nordic", "story")
WAIT_S = 30.0  # the longest any one step may take before it counts as a problem
RESULTS_CSV = ("date,channel,page,clicks,impressions\n"
               "2026-03-02,Web,/blog/survey,120,4000\n"
               "2026-03-03,Web,/blog/survey,95,3100\n")


def resident_kb() -> int | None:
    """This process's resident memory (VmRSS) in kB; None where /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def reference_counts() -> dict[str, int]:
    """Immortal from Python 3.12 (PEP 683): these stay the same however busy the window."""
    return {"None": sys.getrefcount(None), "True": sys.getrefcount(True),
            "False": sys.getrefcount(False)}


@dataclass
class SoakReport:
    python: str
    qt_binding: str
    actions: int = 0
    board_repaints: int = 0
    column_paints: int = 0  # paint events the columns' viewports received
    wheel_steps: int = 0
    page_switches: int = 0
    drops: int = 0
    keystrokes: int = 0
    dialogs: dict[str, int] = field(default_factory=dict)
    period_changes: int = 0
    reports: int = 0
    live_refreshes: int = 0  # change batches the window's poll delivered
    rounds: int = 0
    seconds: float = 0.0
    refcounts_start: dict[str, int] = field(default_factory=dict)
    refcounts_end: dict[str, int] = field(default_factory=dict)
    rss_start_kb: int | None = None
    rss_warm_kb: int | None = None  # after the first round: every page, dialog, a report
    rss_end_kb: int | None = None
    rss_by_round_kb: list[int] = field(default_factory=list)  # every tenth round
    problems: list[str] = field(default_factory=list)
    seconds_by_page: dict[str, float] = field(default_factory=dict)  # where the time went
    stopped_early: bool = False  # the time given ran out first
    second_clicks: int = 0  # a dialog that did not open on the first click, opened on the next

    def json(self) -> str:
        return json.dumps(asdict(self))


def double_click(widget: QWidget, where: QPoint) -> None:
    """Press, release, press, release: Qt delivers the second press as the double-click
    (``QTest.mouseDClick`` alone sends only that second press)."""
    QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, where)
    QTest.mouseDClick(widget, Qt.LeftButton, Qt.NoModifier, where)
    QTest.mouseRelease(widget, Qt.LeftButton, Qt.NoModifier, where)


class PaintCounter(QObject):
    """Counts the paint events of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Paint:
            self.count += 1
        return False


class DialogCloser(QObject):
    """Closes every dialog that appears with Escape, as a person would, once it is drawn.

    Progress dialogs stay (Escape would cancel the report). A dialog the driver did not
    ask for (an error message, a conflict) is closed too, and reported as a problem.
    """

    def __init__(self, report: SoakReport) -> None:
        super().__init__()
        self.report = report
        self.expected = False
        self.closed: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(25)
        self._timer.timeout.connect(self._close_shown)
        self._timer.start()

    def _close_shown(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, QDialog) or isinstance(widget, QProgressDialog) \
                    or not widget.isVisible():
                continue
            name = type(widget).__name__
            if not self.expected:
                text = widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle()
                self.report.problems.append(f"unexpected {name}: {text}")
            widget.repaint()
            QTest.keyClick(widget.focusWidget() or widget, Qt.Key_Escape)
            if widget.isVisible():  # Escape did not close it: say so, and close it anyway
                self.report.problems.append(f"Escape did not close {name}")
                widget.reject()
            self.closed.append(name)
            self.report.dialogs[name] = self.report.dialogs.get(name, 0) + 1


class Driver:
    """Acts on the main window as a person does; counts what it did in ``report``."""

    def __init__(self, window, report: SoakReport, results_file: Path) -> None:  # noqa: ANN001
        self.window = window
        self.report = report
        self.closer = DialogCloser(report)
        self.paints = PaintCounter()
        self.results_file = results_file
        self._directions: dict[int, int] = {}
        self._drop_forward = True
        window.live.changed.connect(self._on_live_changed)

    def _on_live_changed(self, _batch: object) -> None:
        self.report.live_refreshes += 1

    # --- waiting ----------------------------------------------------------------------
    def wait_until(self, done: Callable[[], bool], what: str, timeout_s: float = WAIT_S,
                   complain: bool = True) -> bool:
        from ui.shell.tasks import task_manager

        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if done():
                return True
            task_manager().wait_idle(50)  # runs the event loop meanwhile
            QTest.qWait(5)
        if complain:
            self.report.problems.append(f"{what}: not done after {timeout_s:.0f} s"
                                        f" ({self._in_the_way()})")
        return False

    def _in_the_way(self) -> str:
        """What a person would see in the way: a modal window, the active one, the focus."""
        def name(widget: QObject | None) -> str:
            return type(widget).__name__ if widget is not None else "none"

        active = QApplication.activeWindow()
        return (f"modal {name(QApplication.activeModalWidget())}, active {name(active)}"
                f"{'' if active is None or active.isVisible() else ' (hidden)'}, focus "
                f"{name(QApplication.focusWidget())}, page {self.window.pages.currentIndex() + 1}")

    def settle(self) -> None:
        """Wait for the saves, and a moment for the loads: with a teammate changing a card
        every second, some page's refresh may always be under way (what must be shown
        before the next step is waited for by what it shows)."""
        from ui.shell.tasks import task_manager

        tasks = task_manager()
        self.wait_until(lambda: not tasks.pending_writes, "saving")
        tasks.wait_idle(250)

    # --- acting -----------------------------------------------------------------------
    def act(self) -> None:
        self.report.actions += 1

    def activate(self) -> None:
        """The window is active again once a dialog has closed, as a window manager makes it
        (the offscreen platform does not): its shortcuts work only then."""
        # Not isActiveWindow(): a style may share activation between a window and its
        # dialog, so the window says it is active while a closed dialog still is.
        if QApplication.activeWindow() is not self.window:
            self.window.activateWindow()
            self.wait_until(lambda: QApplication.activeWindow() is self.window,
                            "the window active again", 5)

    def switch_page(self, number: int) -> QWidget:
        self.activate()
        before = self._in_the_way()
        QTest.keyClick(self.window, Qt.Key(Qt.Key_0 + number), Qt.ControlModifier)
        self.report.page_switches += 1
        self.act()
        self.wait_until(lambda: self.window.pages.currentIndex() == number - 1,
                        f"Ctrl+{number} (pressed with {before})")
        return self.window.page(self.window.page_names[number - 1])

    def click_action(self, page: QWidget, action) -> None:  # noqa: ANN001
        """Click the action's toolbar button once it is enabled; an action without a visible
        button is triggered as its menu entry would be."""
        self.wait_until(action.isEnabled, f"{action.text()!r} enabled")
        for toolbar in page.findChildren(QToolBar):
            button = toolbar.widgetForAction(action)
            if button is not None and button.isVisible():
                QTest.mouseClick(button, Qt.LeftButton)
                return
        action.trigger()

    def open_and_close(self, open_it: Callable[[], None], what: str, dialog: str) -> None:
        """Open the ``dialog`` class as ``open_it`` does; the closer closes it with Escape.
        Nothing shown after 20 s: the person clicks again (counted), then it is a problem."""
        before = len(self.closer.closed)
        self.closer.expected = True
        try:
            for attempt in range(2):
                open_it()
                if self.wait_until(lambda: dialog in self.closer.closed[before:],
                                   f"{what} shown", 20 if attempt == 0 else 60,
                                   complain=attempt == 1):
                    break
                self.report.second_clicks += 1
            self.settle()
        finally:
            self.closer.expected = False
        self.act()

    # --- the board --------------------------------------------------------------------
    def columns(self, board) -> list[QAbstractItemView]:  # noqa: ANN001
        from ui.board.board_page import BoardListView

        views = [view for view in board.findChildren(BoardListView) if view.isVisible()]
        for view in views:
            view.viewport().installEventFilter(self.paints)  # once: Qt ignores repeats
        return views

    def card_under_pointer(self, view: QAbstractItemView, what: str):  # noqa: ANN201
        """The card in the middle of the column, once the column has laid it out (a long
        column is laid out in batches after its cards change)."""
        where = view.viewport().rect().center()
        if self.wait_until(lambda: view.indexAt(where).isValid(), f"a card {what}", 10):
            return view.indexAt(where)
        return None

    def wheel(self, view: QAbstractItemView) -> None:
        """One mouse-wheel step on the column, down until the end, then back up."""
        bar = view.verticalScrollBar()
        direction = self._directions.get(id(view), -1)
        if (direction < 0 and bar.value() >= bar.maximum()) or (direction > 0 and bar.value() <= 0):
            direction = -direction
        self._directions[id(view)] = direction
        viewport = view.viewport()
        where = QPointF(viewport.rect().center())
        event = QWheelEvent(where, QPointF(viewport.mapToGlobal(where.toPoint())), QPoint(),
                            QPoint(0, 120 * direction), Qt.NoButton, Qt.NoModifier,
                            Qt.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)
        self.report.wheel_steps += 1
        self.act()

    def repaint_board(self, views: list[QAbstractItemView]) -> None:
        for view in views:
            view.viewport().repaint()
        self.report.board_repaints += 1
        self.act()

    def drop_a_card(self, views: list[QAbstractItemView]) -> None:
        """Drag the first card shown in one column onto the top of the next, and back."""
        from ui.board.board_models import CardRole

        source, target = (views[0], views[1]) if self._drop_forward else (views[1], views[0])
        self._drop_forward = not self._drop_forward
        index = self.card_under_pointer(source, "to drag")
        if index is None:
            return
        card = index.data(CardRole)
        mime = source.model().mimeData([index])
        viewport = target.viewport()
        where = QPointF(viewport.rect().center().x(), 4)
        for kind in (QDragEnterEvent, QDragMoveEvent):
            event = kind(where.toPoint(), Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier)
            QApplication.sendEvent(viewport, event)
        # The model takes the drop without moving rows itself (it reports the card dropped),
        # so the event is not accepted: the card shown in its new column is the check.
        QApplication.sendEvent(viewport, QDropEvent(where, Qt.MoveAction, mime, Qt.LeftButton,
                                                    Qt.NoModifier))
        if self.wait_until(lambda: target.model().row_of(card.id) >= 0,
                           f"{card.title!r} shown where it was dropped"):
            self.report.drops += 1
        self.act()
        self.settle()

    def type_in_search(self, board, word: str) -> None:  # noqa: ANN001
        edit = board.search_edit
        QTest.mouseClick(edit, Qt.LeftButton)
        QTest.keyClicks(edit, word)
        self.report.keystrokes += len(word)
        self.wait_until(lambda: board.status_label.text().startswith("Showing"),
                        f"the board filtered by {word!r}")
        QTest.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
        QTest.keyClick(edit, Qt.Key_Backspace)
        self.report.keystrokes += 2
        self.wait_until(lambda: not board.status_label.text().startswith("Showing"),
                        "the board's filter cleared")
        self.act()

    def edit_a_card(self, views: list[QAbstractItemView]) -> None:
        view = views[0]
        index = self.card_under_pointer(view, "to double-click")
        if index is None:
            return
        center = view.visualRect(index).center()
        self.open_and_close(lambda: double_click(view.viewport(), center), "the card editor",
                            "CardDialog")

    def board_round(self, board, repaints: int, turn: int | None) -> None:  # noqa: ANN001
        """Scrolls, repaints and a drop; on a round with ``turn``, typing and the editor too."""
        self.settle()
        views = self.columns(board)
        if not views:
            self.report.problems.append("the board shows no columns")
            return
        self.wait_until(lambda: all(view.model().rowCount() for view in views[:2]),
                        "the board's cards shown")
        for step in range(repaints):
            self.wheel(views[step % len(views)])
            self.repaint_board(views)
            if step % 10 == 9:
                QApplication.processEvents()  # what the window does between wheel steps
        self.drop_a_card(views)
        if turn is not None:
            self.type_in_search(board, WORDS[turn % len(WORDS)])
            if turn % 2 == 0:
                self.edit_a_card(views)

    # --- the other pages ----------------------------------------------------------------
    def page_round(self, number: int, page: QWidget, turn: int) -> None:
        name = self.window.page_names[number - 1]
        self.settle()
        if name == "goals":
            self.open_and_close(lambda: self.click_action(page, page.new_action), "the goal dialog",
                                "GoalDialog")
        elif name == "meetings":
            self.next_meeting(page)
        elif name == "events":
            self.open_and_close(lambda: self.click_action(page, page.new_action),
                                "the event dialog", "EventDialog")
        elif name == "stories":
            self.open_and_close(lambda: self.click_action(page, page.new_action),
                                "the story dialog", "RequestDialog")
        elif name == "media":
            self.open_and_close(lambda: self.click_action(page, page.new_contact_action),
                                "the contact dialog", "ContactDialog")
        elif name == "analytics":
            self.next_period(page)
            if self.report.period_changes % 5 == 1:  # the first visit, then every fifth
                self.open_and_close(lambda: self.click_action(page, page.import_action),
                                    "the import dialog", "ImportDialog")

    def next_meeting(self, page: QWidget) -> None:
        """The meeting editor is part of the page: the next meeting in the list opens in it."""
        view = page.list_view if hasattr(page, "list_view") else next(
            (v for v in page.findChildren(QAbstractItemView) if v.isVisible()), None)
        if view is None or view.model() is None or not view.model().rowCount():
            return
        view.setFocus()
        QTest.keyClick(view, Qt.Key_Down if view.currentIndex().row() < view.model().rowCount() - 1
                       else Qt.Key_Home)
        self.settle()
        self.act()

    def next_period(self, page: QWidget) -> None:
        box = page.period_box
        QTest.keyClick(box, Qt.Key_Down if box.currentIndex() < box.count() - 1 else Qt.Key_Home)
        self.report.period_changes += 1
        self.settle()
        self.act()

    def make_report(self, page: QWidget) -> None:
        before = self.report.reports
        page.report_made.connect(self._on_report_made)
        try:
            self.click_action(page, page.generate_action)
            self.wait_until(lambda: self.report.reports > before, "the report", 120)
        finally:
            page.report_made.disconnect(self._on_report_made)
        self.act()

    def _on_report_made(self, _made: object) -> None:
        self.report.reports += 1

    def help_round(self, turn: int) -> None:
        window = self.window
        choices = (
            ("the shortcuts list", "ShortcutsDialog",
             lambda: QTest.keyClick(window, Qt.Key_Slash, Qt.ControlModifier)),
            ("Getting started", "WelcomeDialog", lambda: QTest.keyClick(window, Qt.Key_F1)),
            ("About", "AboutDialog", window.about_action.trigger),  # a menu entry, no shortcut
        )
        what, dialog, open_it = choices[turn % len(choices)]
        self.activate()
        self.open_and_close(open_it, what, dialog)
        for _ in range(2):
            self.activate()  # View > Activity, open and closed again
            QTest.keyClick(window, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
            self.settle()
            self.act()

    # --- the whole soak ----------------------------------------------------------------
    def spent(self, what: str, since: float) -> None:
        seconds = self.report.seconds_by_page
        seconds[what] = round(seconds.get(what, 0.0) + time.monotonic() - since, 1)

    def run(self, repaints: int, switches: int, report_every: int, dialogs_every: int,
            minutes: float = 0, trace: MemoryTrace | None = None, trace_every: int = 10) -> None:
        """Rounds through every page until ``switches`` and ``repaints`` are done; a page's
        dialogs (and the board's typing and editor, and Help's) every ``dialogs_every``
        rounds, the pages taking turns. After ``minutes`` (if given) it stops at the end of
        the round, and says so. With ``trace``, what the memory holds is written after the
        first round and every ``trace_every`` rounds."""
        pages = len(self.window.page_names)
        rounds = max(1, -(-switches // pages))
        per_round = max(1, -(-repaints // rounds))
        started = time.monotonic()
        for round_number in range(rounds):
            if minutes and time.monotonic() - started > minutes * 60:
                self.report.stopped_early = True
                break
            for number in range(1, pages + 1):
                if self.report.page_switches >= switches and round_number:
                    break
                step_started = time.monotonic()
                page = self.switch_page(number)
                name = self.window.page_names[number - 1]
                turn, due = divmod(round_number + number, dialogs_every)
                if name == "board":
                    left = repaints - self.report.board_repaints
                    self.board_round(page, max(0, min(per_round, left)), None if due else turn)
                elif name == "reports":
                    if report_every and round_number % report_every == 0:
                        self.make_report(page)
                elif not due:
                    self.page_round(number, page, turn)
                self.spent(name, step_started)
            turn, due = divmod(round_number, dialogs_every)
            if not due:
                step_started = time.monotonic()
                self.help_round(turn)
                self.spent("help and activity", step_started)
            self.report.rounds += 1
            if round_number == 0:
                self.settle()
                self.report.rss_warm_kb = resident_kb()
            if trace is not None and round_number % trace_every == 0:
                self.settle()
                trace.mark(round_number, resident_kb())
            if round_number % 10 == 0:
                self.report.rss_by_round_kb.append(resident_kb() or 0)
                r = self.report  # on stderr as it goes: an abort's last words say how far
                print(f"round {round_number}: {r.board_repaints} repaints, {r.page_switches} "
                      f"switches, {r.actions} actions, {r.rss_by_round_kb[-1] // 1024} MB",
                      file=sys.stderr, flush=True)
        self.settle()
        self.report.seconds = round(time.monotonic() - started, 1)
        self.report.column_paints = self.paints.count


def write_results_file(folder: Path) -> Path:
    path = folder / "web-results.csv"
    path.write_text(RESULTS_CSV, encoding="utf-8")
    return path


def _wait_until_open(window, timeout_s: float = 120.0) -> None:  # noqa: ANN001 - MainWindow
    """The file opens in the background (``MainWindow.open_target``): drive it once it is in."""
    from PySide6.QtCore import QEventLoop

    loop, deadline = QEventLoop(), time.monotonic() + timeout_s
    while window.live is None and time.monotonic() < deadline:
        loop.processEvents(QEventLoop.AllEvents, 50)
    if window.live is None:
        raise SystemExit("the team file did not open")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="commonground soak", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--person", type=int, required=True, help="who is using the window")
    parser.add_argument("--repaints", type=int, default=20_000)
    parser.add_argument("--switches", type=int, default=2_000)
    parser.add_argument("--report-every", type=int, default=20, metavar="ROUNDS",
                        help="make a report every so many rounds (0: never)")
    parser.add_argument("--dialogs-every", type=int, default=3, metavar="ROUNDS",
                        help="each page's dialogs every so many rounds")
    parser.add_argument("--minutes", type=float, default=0,
                        help="stop after so many minutes (at the end of a round), and say so")
    parser.add_argument("--trace-memory", type=Path, metavar="FILE",
                        help="write what the memory holds, round after round, to FILE")
    parser.add_argument("--trace-every", type=int, default=10, metavar="ROUNDS")
    parser.add_argument("--trace-python", action="store_true",
                        help="with --trace-memory: the Python heap by allocating line too")
    args = parser.parse_args(argv)
    import PySide6

    report = SoakReport(python=sys.version.split()[0], qt_binding=f"PySide6 {PySide6.__version__}")
    report.refcounts_start = reference_counts()
    from ui.shell.application import launch

    app, window = launch(["--db", str(args.db)], person_id=args.person)
    window.resize(1400, 900)
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    _wait_until_open(window)
    results_file = write_results_file(args.db.parent)
    original_chooser = QFileDialog.getOpenFileName
    # The file chooser is the platform's own dialog: here it answers with the results file.
    QFileDialog.getOpenFileName = staticmethod(lambda *_a, **_k: (str(results_file), ""))

    def unexpected(kind, error, trace) -> None:  # noqa: ANN001
        import traceback

        report.problems.append("".join(traceback.format_exception_only(kind, error)).strip())
        traceback.print_exception(kind, error, trace)

    sys.excepthook = unexpected
    try:
        driver = Driver(window, report, results_file)
        driver.settle()
        report.rss_start_kb = resident_kb()
        trace = MemoryTrace(args.trace_memory, args.trace_python) if args.trace_memory else None
        try:
            driver.run(args.repaints, args.switches, args.report_every,
                       max(1, args.dialogs_every), args.minutes, trace, max(1, args.trace_every))
        finally:
            if trace is not None:
                trace.close()
        import gc

        gc.collect()
        report.rss_end_kb = resident_kb()
        report.refcounts_end = reference_counts()
    finally:
        QFileDialog.getOpenFileName = original_chooser
    window.close()
    app.processEvents()
    counted = Counter(report.problems)
    report.problems = [f"{text} (x{n})" if n > 1 else text for text, n in counted.items()]
    print(report.json(), flush=True)
    return 0
