"""The Team events page as its test modules open it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.people import Person
    from ui.events.events_page import EventsPage


def open_events_page(qtbot, uow, person: Person) -> EventsPage:
    """The page as ``person`` uses it, loaded, following the file's changes; the undo
    stack is kept on it for the tests."""
    from person import follow_changes, settle
    from PySide6.QtGui import QUndoStack

    from ui.events.events_page import EventsPage
    from ui.shell.context import TeamContext

    stack = QUndoStack()
    widget = EventsPage(stack)
    widget.undo_stack = stack
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, person))
    follow_changes(widget)
    settle(qtbot)
    return widget
