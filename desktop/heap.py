"""The C allocator's settings for a long session with several threads (glibc only).

glibc gives every thread that allocates its own arena (up to eight per core), and memory
freed in one stays kept there for that thread. The window's reader, writer and job
threads, Qt's threads and the GUI thread each fill and drain their own, so a long session
keeps far more freed memory than it uses: in the hour's soak (benchmarks/soak.py) 31 MB
were free but kept after the first round and 41 MB at the end. With two arenas the same
soak kept 15 MB free after the first round (its growth over the next 80 rounds stayed
about the same, 24 MB against 25). Set before any thread starts; elsewhere than glibc
nothing is done.

What is freed between blocks still in use stays in the process too: ``free`` gives back
only the top of a heap. ``give_back`` hands every whole free page of every arena back to
the system (``malloc_trim``), so a long session's resident memory is what it uses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


@functools.cache  # loaded once: give_back runs all day
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c"))
    except (OSError, TypeError):
        return None


def limit_arenas(arenas: int = ARENAS) -> bool:
    """At most ``arenas`` arenas for the process's threads; whether the allocator agreed."""
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:
        return False  # not glibc (musl has no mallopt)
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(M_ARENA_MAX, arenas) == 1


def give_back() -> bool:
    """Free pages back to the system; whether any were (False where not glibc)."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is None:
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim(0) == 1
