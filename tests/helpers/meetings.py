"""The Meetings page's fixtures and looks, shared by its test modules.

A plugin of ``tests/conftest.py`` (``pytest_plugins``), so the fixtures reach a test by
name without an import; the app's modules are imported inside, as conftest does, so
collecting the non-GUI tests imports no Qt.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from desktop.meetings import Meeting
    from desktop.people import Person
    from ui.meetings.meetings_page import MeetingsPage

TODAY = date.today()
LAST_WEEK = datetime.combine(TODAY - timedelta(days=7), datetime.min.time()).replace(hour=10)


@pytest.fixture
def me(team) -> Person:
    """The person using the app on the Meetings page: someone from PR."""
    from db.enums import Department

    return team[Department.PR]


@pytest.fixture
def weekly(uow, team, me) -> Meeting:
    """Last week's joint weekly with sales, three lines of notes and one open action of mine."""
    from db.enums import Department
    from desktop import meetings
    from desktop.meetings import ActionInput, MeetingInput

    return meetings.create_meeting(uow, MeetingInput(
        LAST_WEEK, "Joint weekly: launch", (me.id, team[Department.SALES].id),
        notes="Coverage is up\nA podcast on patient trust\nSales wants a one-pager",
        actions=(ActionInput("Draft the press release", me.id, TODAY + timedelta(days=2)),)))


def open_meetings_page(qtbot, uow, person: Person) -> MeetingsPage:
    """The page as ``person`` uses it, loaded, following the file's changes."""
    from person import follow_changes, settle
    from PySide6.QtGui import QUndoStack

    from ui.meetings.meetings_page import MeetingsPage
    from ui.shell.context import TeamContext

    widget = MeetingsPage(QUndoStack())
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, person))
    follow_changes(widget)
    settle(qtbot)
    return widget


def open_meeting(qtbot, page: MeetingsPage, meeting_id: int) -> None:
    """Show a meeting written after the page was built, as the change poll would."""
    from person import settle

    page.refresh()
    settle(qtbot)
    page.select_meeting(meeting_id)
    settle(qtbot)
    assert page.editor.meeting is not None and page.editor.meeting.id == meeting_id


def my_action_texts(page: MeetingsPage) -> list[str]:
    """What "My actions" lists, top to bottom."""
    from ui.meetings.meeting_models import MyActionsTableModel

    model = page.my_actions_model
    return [model.index(r, MyActionsTableModel.TEXT).data() for r in range(model.rowCount())]


def listed_titles(page: MeetingsPage) -> list[str]:
    """The meetings' titles as the list shows them (after the search)."""
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]
