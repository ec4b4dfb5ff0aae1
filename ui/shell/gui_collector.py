"""Python's cycle collector, run on the GUI thread only.

Python collects cyclic garbage in whichever thread crosses a threshold by allocating,
which here is often the reader or writer thread (``ui.shell.tasks``). Garbage can hold Qt
widgets (a dialog closed, a page's view replaced), and their C++ destructors must run on
the GUI thread: run on a worker they crash the program (seen: an item view's destructor
disconnecting its signals from the reader thread). So once the application exists,
automatic collection is off for the whole process and a timer on the GUI thread collects
what Python would have collected, generation by generation, by Python's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer


class GuiCollector(QObject):
    INTERVAL_MS = 200

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold is crossed; the objects freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0


def install(app: QCoreApplication) -> GuiCollector:
    """The application's collector, made on its first call (on the GUI thread)."""
    found = app.findChild(GuiCollector)
    return found if found is not None else GuiCollector(app)
