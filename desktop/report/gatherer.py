"""The report's jobs and the threads that run them, in the order their needs allow.

``report_data`` adds the figure jobs and ``builder`` the chart jobs to one ``Gatherer``;
it runs them on a small thread pool, says how far it got and stops when the person
cancels.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from desktop.errors import Cancelled

#: Threads for the report's jobs: the two passes over the results, each one long call
#: into SQLite (which reads in parallel, each thread on its own connection, and leaves the
#: interpreter to the others while it scans), and one for the rest.
QUERY_WORKERS = max(3, min(4, os.cpu_count() or 2))

Progress = Callable[[float, str], None]
CancelRequested = Callable[[], bool]
REPORT_CANCELLED = "The report was cancelled; no file was written."


@dataclass(frozen=True)
class Job:
    run: Callable[[], Any]
    needs: frozenset[str]
    text: str
    computes: bool


class Gatherer:
    """Runs the report's jobs on a thread pool, reporting progress and honouring cancel.

    A job with ``needs`` starts once the jobs of those names are done (their
    results are then in ``found``), so work that stands on figures (the charts)
    joins the pool while the longest query is still running. Jobs that
    ``compute`` in Python run one at a time on a thread of their own: side by side
    they would only take turns with the interpreter, and each turn would hold up
    the SQLite calls of the others for up to a switch interval.
    """

    def __init__(self, progress: Progress | None, cancelled: CancelRequested | None) -> None:
        self._progress = progress or (lambda _share, _text: None)
        self._cancelled = cancelled or (lambda: False)
        self.jobs: dict[str, Job] = {}
        self.found: dict[str, Any] = {}

    def add(self, name: str, job: Callable[[], Any], *, needs: Iterable[str] = (),
            text: str = "Computing the figures", computes: bool = False) -> None:
        self.jobs[name] = Job(job, frozenset(needs), text, computes)

    def run(self, share: float) -> dict[str, Any]:
        """Every job's result by name; progress runs from 0 to ``share``."""
        waiting = dict(self.jobs)
        running: dict[Future, str] = {}
        pool = ThreadPoolExecutor(max_workers=QUERY_WORKERS, thread_name_prefix="cg-report")
        computing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cg-report-compute")

        def start_ready() -> None:
            for name, job in list(waiting.items()):
                if job.needs <= self.found.keys():
                    running[(computing if job.computes else pool).submit(job.run)] = name
                    del waiting[name]

        try:
            start_ready()
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                if self._cancelled():
                    raise Cancelled(REPORT_CANCELLED)
                for future in done:
                    name = running.pop(future)
                    self.found[name] = future.result()
                    self._progress(share * len(self.found) / len(self.jobs),
                                   self.jobs[name].text)
                start_ready()
        finally:
            for executor in (pool, computing):
                executor.shutdown(wait=True, cancel_futures=True)
        if waiting:
            raise ValueError(f"report jobs waiting for jobs that do not exist: {sorted(waiting)}")
        return self.found
