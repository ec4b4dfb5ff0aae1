"""The report's charts, drawn in processes of their own.

matplotlib draws in Python: on one of the report's threads it holds the
interpreter, so the figures, the layout and (in the app) the window wait behind
it, however many cores the machine has. Here the charts are drawn by worker
processes, which send back PNG bytes, while the report's own process goes on with
its figures and lays the PDF out (``PendingChart``).

The processes start as the first report begins (their imports overlap its
queries) and stay for the session. Where they cannot be started, or one dies, the chart is drawn in
this process instead (``figures.paint``): slower, never missing.

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
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from desktop.report import figures
from desktop.report.figures import ChartImage

log = logging.getLogger(__name__)

#: How many charts are drawn at a time: a core is left to the report's own process and the
#: window (measured on two cores, a second chart process made the report no faster);
#: with one core they are drawn in this process.
PROCESSES = max(0, min(2, (os.cpu_count() or 1) - 1))

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _ready() -> None:
    """A worker's start: what drawing needs is imported once, before the first chart."""
    import desktop.report.figures  # noqa: F401


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # "spawn" everywhere: a fork would copy this process's threads' locks half-held.
            _pool = ProcessPoolExecutor(PROCESSES, initializer=_ready,
                                        mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    """Forget a pool that failed, so that the next chart starts new processes."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def start() -> None:
    """Start the chart processes now, so that they have imported what they need by the
    time the first chart is ready to be drawn."""
    if not PROCESSES:
        return
    try:
        pool = _executor()
        for _ in range(PROCESSES):  # each job no idle process takes starts one more
            pool.submit(_ready)
    except (BrokenProcessPool, OSError) as error:
        log.warning("The chart processes could not be started (%s); charts are drawn in "
                    "the report's own process.", error)


class PendingChart:
    """A chart on its way from a chart process; ``image()`` waits for it (once).

    The layout asks for the pixels only on its last pass, so the first pass runs
    while the charts are still being drawn."""

    def __init__(self, name: str, values: tuple[Any, ...]) -> None:
        self.name, self._values = name, values
        self._pool, self._drawing = _submit(name, values)
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
                return self._drawing.result()
            except (BrokenProcessPool, OSError) as error:  # a process died, or failed to start
                _discard(self._pool)
                log.warning("The chart processes failed (%s); the %s chart is drawn here.",
                            error, self.name)
        return figures.paint(self.name, self._values)


def draw_chart(name: str, found: Mapping[str, Any]) -> PendingChart | None:
    """Section ``name``'s chart from the figures in ``found``, given to a chart process;
    None when it has nothing to show (the report then says so in words)."""
    chart = figures.CHARTS[name]
    values = tuple(found[key] for key in chart.inputs)
    if not chart.shows(*values):
        return None
    return PendingChart(name, values)


def _submit(name: str, values: tuple[Any, ...]
            ) -> tuple[ProcessPoolExecutor | None, Future | None]:
    """The pool and the chart's drawing in one of its processes; no drawing where the
    chart is to be drawn here."""
    if not PROCESSES:
        return None, None
    pool = _executor()
    try:
        return pool, pool.submit(figures.paint, name, values)
    except (BrokenProcessPool, OSError) as error:
        _discard(pool)
        log.warning("The chart processes failed (%s); the %s chart is drawn here.", error, name)
        return None, None
