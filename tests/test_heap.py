"""The C allocator's settings for a long session (desktop/heap.py)."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from pathlib import Path

import pytest

from desktop import heap

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")


def _resident_mb() -> float:
    fields = Path("/proc/self/statm").read_text().split()
    return int(fields[1]) * 4096 / 2**20


def test_memory_freed_between_blocks_in_use_goes_back_to_the_system() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.argtypes, libc.malloc.restype = [ctypes.c_size_t], ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    size, count = 16 * 1024, 4000  # 64 MB in blocks below the allocator's mmap threshold
    blocks = [libc.malloc(size) for _ in range(count)]
    for block in blocks:
        ctypes.memset(block, 1, size)  # touched: resident
    kept = blocks[::40]  # a block in use every 640 KB: free() cannot shrink the heap
    for block in blocks:
        if block not in kept:
            libc.free(block)
    before = _resident_mb()
    assert heap.give_back()
    after = _resident_mb()
    for block in kept:
        libc.free(block)
    assert before - after > 40, (before, after)
