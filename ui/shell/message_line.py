"""A page's line for what just happened ("Saved 3 events to team.ics").

It keeps its one line of room while empty, so the page below it does not jump
down when a message appears and back up when it goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def message_line(accessible_name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.PlainText)  # messages quote titles people typed
    label.setAccessibleName(accessible_name)
    label.setWordWrap(wrap)
    label.setMinimumHeight(label.fontMetrics().lineSpacing())
    return label
