"""Pausing Python's cycle collector while a big piece of work makes many objects.

A report, an import or an Analytics chart makes hundreds of thousands of small
objects that live as long as the work. The collector, running meanwhile,
promotes them from generation to generation, and every so often a full
collection walks the whole heap while holding the interpreter: measured, a
quarter of a second of a two-second report, and pauses of as long in the window.
Paused, they die young; one young collection afterwards frees what is left.

Nested, or on several threads at once, the collector runs again when the last
pause ends, and only if it was running when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_collecting = True


@contextmanager
def collector_paused() -> Iterator[None]:
    global _pauses, _was_collecting
    with _lock:
        _pauses += 1
        if _pauses == 1:
            _was_collecting = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            resume = _pauses == 0 and _was_collecting
            if resume:
                gc.enable()
        if resume:
            gc.collect(0)


def paused() -> bool:
    """Whether some work has the collector paused now (the GUI's collector waits for it)."""
    return _pauses > 0
