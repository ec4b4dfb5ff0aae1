"""Pausing the cycle collector: nested and on several threads, it runs again only after the
last pause, and only if it ran before."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from desktop.collector import collector_paused


@pytest.fixture
def collecting() -> Iterator[None]:
    """The collector running as Python starts it, whatever earlier tests left (a Qt
    application turns it over to ``ui.shell.gui_collector``)."""
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_runs_again_when_the_last_pause_ends(collecting) -> None:
    first_in, second_out = threading.Event(), threading.Event()

    def other_thread() -> None:
        with collector_paused():
            first_in.set()
            second_out.wait(5)

    thread = threading.Thread(target=other_thread)
    with collector_paused():
        thread.start()
        assert first_in.wait(5)
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread's work still runs
    second_out.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused(collecting) -> None:
    gc.disable()
    try:
        with collector_paused(), collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failure_inside_still_resumes_the_collector(collecting) -> None:
    try:
        with collector_paused():
            raise ValueError("the work failed")
    except ValueError:
        pass
    assert gc.isenabled()


def test_in_the_app_garbage_is_collected_on_the_gui_thread_only(qapp) -> None:
    """Garbage made on a worker (a Qt widget's wrapper, say) is freed where the collector
    runs: never on the worker, whose allocations no longer start a collection."""
    from ui.shell import gui_collector

    gui_collector.install(qapp)
    assert not gc.isenabled()
    freed_on: list[str] = []

    class Tracked:
        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    def make_garbage() -> None:
        cycle: dict[str, object] = {"tracked": Tracked()}
        cycle["self"] = cycle  # only the collector frees it
        del cycle
        for _ in range(50_000):  # past every threshold: automatic collection would run here
            _ = [[]]

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join(5)
    assert freed_on == []
    gc.collect()  # as collect_due does, on the GUI thread
    assert freed_on == [threading.current_thread().name]


def test_the_gui_collector_waits_for_work_that_paused_it(qapp) -> None:
    from ui.shell import gui_collector

    collector = gui_collector.install(qapp)
    with collector_paused():
        kept = [[] for _ in range(5_000)]  # past the youngest generation's threshold
        garbage: dict[str, object] = {}
        garbage["self"] = garbage
        del garbage
        assert collector.collect_due() == 0
    assert collector.collect_due() >= 1  # the cycle, once the work is done
    del kept
