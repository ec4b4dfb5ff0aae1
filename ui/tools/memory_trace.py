"""Where a long session's memory goes: what grew between two points of the soak.

``commonground soak --trace-memory FILE`` writes, at the end of the first round and
then every so many rounds, what a leak would show: the resident memory; the C
allocator's own account (glibc's ``mallinfo2``: in use by the program, and free but
kept); the open file descriptors; the live Python objects by type and the live widgets
and QObjects by class (each compared with the first round); with ``--trace-python``
also the Python heap's blocks by the line that allocated them (tracemalloc, which
slows the window and costs memory of its own). A leak grows in one of them round after
round; resident memory that grows while the allocator's "in use" does not is memory
freed but kept (fragmentation between threads' arenas).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys
import tempfile
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

FRAMES = 6  # enough of each allocation's stack to tell whose it is
TOP = 25  # lines of each comparison written


class MallInfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2``, every field a size_t."""

    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def allocator_mb() -> dict[str, float] | None:
    """The C allocator's account in MB (all threads' arenas); None without glibc 2.33+."""
    name = ctypes.util.find_library("c")
    try:
        call = ctypes.CDLL(name).mallinfo2
    except (OSError, AttributeError, TypeError):
        return None
    call.restype = MallInfo2
    info = call()
    mb = 2.0 ** 20
    return {"from the system": (info.arena + info.hblkhd) / mb,
            "in use": (info.uordblks + info.hblkhd) / mb, "free but kept": info.fordblks / mb}


def resident_parts_mb() -> dict[str, float]:
    """Resident memory by kind: anonymous (the heaps), file-backed (libraries' pages read
    so far, not a leak), shared."""
    parts = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("RssAnon", "RssFile", "RssShmem"):
                parts[name.removeprefix("Rss").lower()] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return parts


def python_arenas_mb() -> dict[str, float]:
    """Python's small-object allocator (obmalloc, outside the C allocator): its arenas
    and how much of them live objects use, read from CPython's own report."""
    with tempfile.TemporaryFile() as report:
        saved = os.dup(2)
        os.dup2(report.fileno(), 2)  # the report is written to the C stderr
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        report.seek(0)
        lines = report.read().decode(errors="replace").splitlines()
    wanted = {"# bytes in allocated blocks": "in use", "Total": "arenas"}
    found: dict[str, float] = {}
    for line in lines:
        name, _, value = line.partition("=")
        label = wanted.get(name.strip())
        if label and label not in found and value.strip():
            found[label] = int(value.strip().replace(",", "")) / 2**20
    return found


def open_files() -> int | None:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None


def python_objects() -> Counter[str]:
    """Live objects the cycle collector tracks, by type name (after a full collection)."""
    gc.collect()
    return Counter(type(thing).__qualname__ for thing in gc.get_objects())


def widgets() -> Counter[str]:
    return Counter(type(widget).__name__ for widget in QApplication.allWidgets())


def qobjects() -> Counter[str]:
    """Every QObject under a top-level widget or the application, by class."""
    found: Counter[str] = Counter()
    roots: list[QObject] = [QApplication.instance(), *QApplication.topLevelWidgets()]
    for root in roots:
        found[type(root).__name__] += 1
        for child in root.findChildren(QObject):
            found[type(child).__name__] += 1
    return found


def grown(before: Counter[str], after: Counter[str]) -> list[tuple[str, int, int]]:
    """(name, now, change) for what changed most, largest growth first."""
    changes = [(name, after[name], after[name] - before[name])
               for name in set(before) | set(after) if after[name] != before[name]]
    return sorted(changes, key=lambda change: -abs(change[2]))[:TOP]


class MemoryTrace:
    """Started before the window's first round; ``mark`` after rounds writes what grew."""

    def __init__(self, path: Path, python_heap: bool = False) -> None:
        self._out: TextIO = path.open("w", encoding="utf-8")
        self._python_heap = python_heap
        if python_heap:
            tracemalloc.start(FRAMES)
        self._first: tuple[tracemalloc.Snapshot | None, Counter, Counter, Counter] | None = None

    def mark(self, round_number: int, resident_kb: int | None) -> None:
        snapshot = tracemalloc.take_snapshot().filter_traces(
            (tracemalloc.Filter(False, tracemalloc.__file__),)) if self._python_heap else None
        counts = (python_objects(), widgets(), qobjects())
        write = self._out.write
        allocator = allocator_mb() or {}
        write(f"=== after round {round_number}: resident {(resident_kb or 0) / 1024:.1f} MB ("
              + ", ".join(f"{name} {mb:.1f}" for name, mb in resident_parts_mb().items())
              + "); "
              + "".join(f"allocator {name} {mb:.1f} MB, " for name, mb in allocator.items())
              + "".join(f"Python's arenas {name} {mb:.1f} MB, "
                        for name, mb in python_arenas_mb().items())
              + f"Python's allocated blocks {sys.getallocatedblocks():,}, "
              + f"{open_files()} open files, {sum(counts[0].values()):,} Python objects, "
              f"{sum(counts[1].values()):,} widgets, {sum(counts[2].values()):,} QObjects\n")
        if snapshot is not None:
            traced, peak = tracemalloc.get_traced_memory()
            write(f"Python heap traced {traced / 2**20:.1f} MB (peak {peak / 2**20:.1f} MB)\n")
        if self._first is None:
            self._first = (snapshot, *counts)
        else:
            first_snapshot, *first_counts = self._first
            if snapshot is not None and first_snapshot is not None:
                self._heap_grown(first_snapshot, snapshot)
            for title, before, after in zip(("Python objects", "widgets", "QObjects"),
                                            first_counts, counts, strict=True):
                write(f"--- {title} by type: now, change since the first round\n")
                for name, now, change in grown(before, after):
                    write(f"{name:40} {now:10,} {change:+10,}\n")
        self._out.flush()

    def _heap_grown(self, first: tracemalloc.Snapshot, now: tracemalloc.Snapshot) -> None:
        write = self._out.write
        write("--- Python heap grown since the first round, by allocating line\n")
        for stat in now.compare_to(first, "lineno")[:TOP]:
            write(f"{stat}\n")
        write("--- the same, by allocating stack (largest three)\n")
        for stat in now.compare_to(first, "traceback")[:3]:
            write(f"{stat}\n")
            for line in stat.traceback.format():
                write(f"    {line}\n")

    def close(self) -> None:
        if self._python_heap:
            tracemalloc.stop()
        self._out.close()
