"""How long the window's thread went without running its event loop."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QTimer


class GuiGaps:
    """Measures how long the GUI thread went without running its event loop.

    What the test process made before (hundreds of thousands of objects by the end of
    the suite) is frozen out of the cycle collector meanwhile, as the app freezes what
    start-up made (ui/app.py): otherwise a full collection walking all of it would be
    measured, not the page.
    """

    def __init__(self) -> None:
        gc.freeze()  # no collection first: it would take seconds off a lock being held
        self.longest = 0.0
        self._last = time.monotonic()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        gc.unfreeze()
        return self.longest
