"""The window's status line: what the person asked for is not covered by the background.

Two kinds of message reach it. ``tell`` is the answer to something the person did
("Saved a copy to …", "Opening team.cgdb…"): it shows at once and keeps the line for its
display time (or, without one, until ``clear``). ``notice`` comes from work the person
did not ask for just now (the daily backup, a file that cannot be read for a moment): it
shows at once on a free line, and otherwise waits for the person's message to end, so
both are seen, one after the other.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow


class StatusLine(QObject):
    """Every message of the window's status bar goes through here.

    It asks the window for its bar each time: a wrapper of the bar kept from the start
    was found invalidated by PySide6 6.12 while the bar itself lived on.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._waiting: deque[tuple[str, int]] = deque()
        self._held = False  # a message the person asked for is on the line
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._release)

    def tell(self, text: str, timeout_ms: int = 5000) -> None:
        """What the person's own action did; 0 keeps it until ``clear``."""
        self._held = True
        self._hold.stop()
        self._window.statusBar().showMessage(text, timeout_ms)
        if timeout_ms:
            self._hold.start(timeout_ms)

    def notice(self, text: str, timeout_ms: int = 5000) -> None:
        """News from the background: now if the line is free, else after what holds it."""
        if self._held:
            self._waiting.append((text, timeout_ms))
        else:
            self._window.statusBar().showMessage(text, timeout_ms)

    def clear(self) -> None:
        """The person's message has done its work ("Opening…" once open): the line is free."""
        self._hold.stop()
        self._window.statusBar().clearMessage()
        self._release()

    def _release(self) -> None:
        """The person's message has had its time: the notices that waited, in turn."""
        self._held = False
        if self._waiting:
            text, timeout_ms = self._waiting.popleft()
            self._window.statusBar().showMessage(text, timeout_ms)
            if self._waiting:  # the next waits for this one's time as well
                self._held = True
                self._hold.start(timeout_ms or 5000)
