"""The report's charts, drawn in processes of their own.

matplotlib draws in Python: on one of the report's threads it holds the
interpreter, so the figures, the layout and (in the app) the window wait behind
it, however many cores the machine has. Here the charts are drawn by worker
processes, which send back PNG bytes, while the report's own process goes on with
its figures and lays the PDF out (``PendingChart``).

The processes start as the first report begins, or earlier (the Reports page
starts them when first shown), and stay for the session. Where they cannot be
started, die, or do not answer, the charts are drawn in the report's own process
(``figures.paint``) from then on: slower, never missing; ``failure()`` says why
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
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from desktop.report import figures
from desktop.report.figures import ChartImage

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
    import desktop.report.figures  # noqa: F401


def _paint(name: str, values: tuple[Any, ...]) -> ChartImage:
    """Run in a chart process: the chart as that process's ``figures`` draws it."""
    return figures.paint(name, values)


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
            log.warning("The chart processes failed (%s); charts are drawn in the report's "
                        "own process from now on.", _failure)
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
    """A chart on its way from a chart process; ``image()`` waits for it (once).

    The layout asks for the pixels only on the passes that know the page count (the
    second and any after it), so the first pass runs while the charts are drawn."""

    def __init__(self, name: str, values: tuple[Any, ...]) -> None:
        self.name, self._values = name, values
        self._drawing = _submit(name, values)
        self._image: ChartImage | None = None
        self._lock = threading.Lock()

    def image(self) -> ChartImage:
        with self._lock:
            if self._image is None:
                self._image = self._wait()
            return self._image

    def cancel(self) -> None:
        """Not wanted any more (the report was cancelled or failed): not drawn if not begun."""
        if self._drawing is not None:
            self._drawing.cancel()

    def _wait(self) -> ChartImage:
        if self._drawing is not None:
            try:
                return self._drawing.result(timeout=ANSWER_TIMEOUT_S)
            except (BrokenProcessPool, FutureTimeout) as error:  # died, or never answered
                _give_up(error)
        return figures.paint(self.name, self._values)


def draw_chart(name: str, found: Mapping[str, Any]) -> PendingChart | None:
    """Section ``name``'s chart from the figures in ``found``, given to a chart process;
    None when it has nothing to show (the report then says so in words)."""
    chart = figures.CHARTS[name]
    values = tuple(found[key] for key in chart.inputs)
    if not chart.shows(*values):
        return None
    return PendingChart(name, values)


def _submit(name: str, values: tuple[Any, ...]) -> Future | None:
    """The chart's drawing in a chart process; None where it is to be drawn here."""
    if not _in_use():
        return None
    try:
        return _executor().submit(_paint, name, values)
    except _PROCESS_FAULTS as error:  # could not start a process, or the pool is broken
        _give_up(error)
        return None
