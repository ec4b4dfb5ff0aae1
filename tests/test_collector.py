"""Pausing the cycle collector: nested and on several threads, it runs again only after the
last pause, and only if it ran before."""

from __future__ import annotations

import gc
import threading

from desktop.collector import collector_paused


def test_the_collector_runs_again_when_the_last_pause_ends() -> None:
    assert gc.isenabled()
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


def test_a_collector_paused_before_stays_paused() -> None:
    gc.disable()
    try:
        with collector_paused(), collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failure_inside_still_resumes_the_collector() -> None:
    try:
        with collector_paused():
            raise ValueError("the work failed")
    except ValueError:
        pass
    assert gc.isenabled()
