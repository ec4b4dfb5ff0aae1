"""Letting go of the source lines PySide6's import hook keeps.

shiboken replaces ``__import__``: for every module imported from a ``.py`` file it reads
the whole source (``inspect.getsource``) to see whether the module uses PySide6, and the
lines stay in ``linecache`` for the rest of the session. With every page built that is
915 files, half a million lines, 37 MB of the window's Python heap, and each module
imported later adds its own. Nothing needs them kept (a traceback reads its lines again),
so the cache is emptied a while after start and now and then after. The memory freed
then, and by the rest of the session, is handed back to the system on the same beat
(``desktop.heap.give_back``), so the window's resident memory is what it uses.
"""

from __future__ import annotations

import linecache

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from desktop import heap


class SourceLines(QObject):
    INTERVAL_MS = 30_000

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tidy)
        self._timer.start()

    def _tidy(self) -> None:
        self.let_go()
        heap.give_back()

    @staticmethod
    def let_go() -> int:
        """Drop the lines read from files (they can be read again); keep what has no file
        (code a library generated, registered with its lines). The files dropped."""
        files = [name for name, entry in linecache.cache.items()
                 if len(entry) == 4 and entry[1] is not None]  # (size, mtime, lines, path)
        for name in files:
            linecache.cache.pop(name, None)
        return len(files)


def install(app: QCoreApplication) -> SourceLines:
    """The application's one timer for it, made on the first call."""
    found = app.findChild(SourceLines)
    return found if found is not None else SourceLines(app)
