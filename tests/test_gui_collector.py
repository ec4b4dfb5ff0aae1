"""The cycle collector in the app: on the GUI thread only."""

from __future__ import annotations

import gc
import threading


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
