"""Every chart, the Analytics page's and the report's, drawn in processes of their own.

matplotlib draws in Python: on one of this process's threads it holds the
interpreter, so the report's figures, its layout and the window wait behind it,
however many cores the machine has. Here a ``charts.Chart`` is drawn by a worker
process onto its ``charts.Canvas`` and comes back as PNG bytes (``PendingChart``),
while this process goes on: the report with its figures and layout, the window with
whatever the person does while the Analytics page's reader thread waits.

The processes start with the first chart, or earlier (the Reports and Analytics pages
start them when first shown), and stay for the session. Where they cannot be
started, die, or do not answer, the charts are drawn in this process
(``charts.draw_png``) from then on: slower, never missing; ``failure()`` says why
(the self-test fails on it). A one-off report in a process of its own (the
command line) draws its charts itself: starting a process would cost it more
than it saves (``draw_in_this_process``).

They are started by "spawn", which imports the ``__main__`` module of the program
again in each: a script that makes reports must keep its work under
``if __name__ == "__main__":``, as multiprocessing asks of every program.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from desktop import charts
from desktop.charts import Canvas, Chart

log = logging.getLogger(__name__)

#: How many charts are drawn at a time: a core is left to the report's own process and the
#: window (measured on two cores, a second chart process made the report no faster);
#: with one core they are drawn in this process.
PROCESSES = max(0, min(2, (os.cpu_count() or 1) - 1))

#: A chart takes a fifth of a second; a process silent for this long is given up on.
ANSWER_TIMEOUT_S = 60.0

#: What went wrong with the chart processes, if anything: they are not used again.
_PROCESS_FAULTS = (BrokenProcessPool, OSError, RuntimeError, FutureTimeout)

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_failure: str | None = None


def _ready() -> None:
    """A worker's start: what drawing needs is imported once, before the first chart."""
    import matplotlib.backends.backend_agg  # noqa: F401


def _paint(chart: Chart, canvas: Canvas) -> bytes:
    """Run in a chart process: the chart as that process's ``charts`` draws it."""
    return charts.draw_png(chart, canvas)


def _in_use() -> bool:
    return bool(PROCESSES) and _failure is None


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # "spawn" everywhere: a fork would copy this process's threads' locks half-held.
            _pool = ProcessPoolExecutor(PROCESSES, initializer=_ready,
                                        mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _give_up(error: BaseException) -> None:
    """Draw every chart here from now on; shut the processes down without waiting."""
    global _pool, _failure
    with _lock:
        pool, _pool = _pool, None
        if _failure is None:
            _failure = f"{type(error).__name__}: {error}"
            log.warning("The chart processes failed (%s); charts are drawn in this "
                        "process from now on.", _failure)
    if pool is not None:
        pool.shutdown(wait=False)


def failure() -> str | None:
    """Why the chart processes are no longer used (None: they work, or were never needed)."""
    return _failure


def draw_in_this_process() -> None:
    """For a report alone in its process (the command line): no chart process is started."""
    global PROCESSES
    PROCESSES = 0


def start() -> None:
    """Start the chart processes now, so that they have imported what they need by the
    time the first chart is ready to be drawn."""
    if not _in_use():
        return
    try:
        pool = _executor()
        for _ in range(PROCESSES):  # each job no idle process takes starts one more
            pool.submit(_ready)
    except _PROCESS_FAULTS as error:
        _give_up(error)


class PendingChart:
    """A chart on its way from a chart process; ``png()`` waits for it (once).

    The report's layout asks for the pixels only on the passes that know the page count
    (the second and any after it), so the first pass runs while the charts are drawn."""

    def __init__(self, chart: Chart, canvas: Canvas) -> None:
        self.chart, self.canvas = chart, canvas
        self._drawing = _submit(chart, canvas)
        self._png: bytes | None = None
        self._lock = threading.Lock()

    def png(self) -> bytes:
        with self._lock:
            if self._png is None:
                self._png = self._wait()
            return self._png

    def cancel(self) -> None:
        """Not wanted any more (the report was cancelled or failed): not drawn if not begun."""
        if self._drawing is not None:
            self._drawing.cancel()

    def _wait(self) -> bytes:
        if self._drawing is not None:
            try:
                return self._drawing.result(timeout=ANSWER_TIMEOUT_S)
            except (BrokenProcessPool, FutureTimeout) as error:  # died, or never answered
                _give_up(error)
        return charts.draw_png(self.chart, self.canvas)


def draw(chart: Chart, canvas: Canvas) -> bytes:
    """The chart as PNG bytes, drawn in a chart process (here where there is none); the
    calling thread waits without holding the interpreter."""
    return PendingChart(chart, canvas).png()


def _submit(chart: Chart, canvas: Canvas) -> Future | None:
    """The chart's drawing in a chart process; None where it is to be drawn here."""
    if not _in_use():
        return None
    try:
        return _executor().submit(_paint, chart, canvas)
    except _PROCESS_FAULTS as error:  # could not start a process, or the pool is broken
        _give_up(error)
        return None
