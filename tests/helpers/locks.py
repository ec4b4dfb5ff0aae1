"""Another process that holds a team file's write lock until the test lets it go.

The holder waits on its standard input, not on a clock: the test releases it at the
moment its assertions about the wait are made, so no test sleeps a fixed time and none
depends on the machine being fast enough to look before a timer runs out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


class LockHolder:
    """``BEGIN IMMEDIATE`` held in another OS process; ``release()`` lets it go."""

    def __init__(self, path: Path) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._process.stdout is not None
        if self._process.stdout.readline().strip() != "held":
            self._process.kill()
            raise RuntimeError(f"the lock holder could not lock {path}")

    @property
    def holding(self) -> bool:
        return self._process.poll() is None

    def release(self) -> None:
        """Roll back and end; waits until the lock is free."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            try:
                self._process.stdin.write("\n")
                self._process.stdin.close()
            except BrokenPipeError:
                pass
        self._process.wait(timeout=10)
        if self._process.stdout is not None:
            self._process.stdout.close()
