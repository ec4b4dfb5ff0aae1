"""The Customer stories page's fixtures and looks, shared by its test modules.

A plugin of ``tests/conftest.py`` (``pytest_plugins``), so the fixtures reach a test by
name without an import; the app's modules are imported inside, as conftest does, so
collecting the non-GUI tests imports no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from desktop import stories
    from desktop.people import Person
    from desktop.stories import RequestInput
    from ui.stories.stories_page import StoriesPage


@pytest.fixture
def rep(team) -> Person:
    """The sales rep who owns the customer, and so decides."""
    from db.enums import Department

    return team[Department.SALES]


@pytest.fixture
def pr(team) -> Person:
    """The PR person who asks for the stories."""
    from db.enums import Department

    return team[Department.PR]


@pytest.fixture
def customer(uow, rep) -> stories.Customer:
    from desktop import stories
    from desktop.stories import CustomerInput

    return stories.create_customer(uow, CustomerInput("Fjordlund Hospital", rep.id, "Hospital"))


@pytest.fixture
def open_page(qtbot, uow) -> Callable[[Person], StoriesPage]:
    """Build the page as ``person``, loaded; the undo stack is kept on it for the tests."""
    from person import follow_changes, settle
    from PySide6.QtGui import QUndoStack

    from ui.shell.context import TeamContext
    from ui.stories.stories_page import StoriesPage

    def build(person: Person) -> StoriesPage:
        stack = QUndoStack()
        page = StoriesPage(stack)
        page.undo_stack = stack
        qtbot.addWidget(page)
        page.set_context(TeamContext(uow.database, person))
        follow_changes(page)
        settle(qtbot)
        return page
    return build


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    """The error messages the stories page shows, in order."""
    from ui.shell import page as page_base
    from ui.stories import stories_page

    shown: list[str] = []
    for module in (stories_page, page_base):  # the page's own messages, and its base's
        monkeypatch.setattr(module, "show_error",
                            lambda _parent, error, _title="": shown.append(error.message))
    return shown


def request_input(customer: stories.Customer, title: str = "Case study: remote monitoring"
                  ) -> RequestInput:
    """A complete case-study request for ``customer``."""
    from db.enums import StoryKind
    from desktop.stories import RequestInput

    return RequestInput(customer.id, StoryKind.CASE_STUDY, title,
                        "A two-page case study with ward figures.",
                        "Their ward team presented as pioneers.",
                        "The launch's strongest proof point.")


def waiting_request(uow, pr: Person, customer: stories.Customer) -> stories.StoryRequest:
    """A request PR wrote and sent to the rep, waiting for the rep's decision."""
    from db.enums import StoryStatus
    from desktop import stories

    as_pr = uow.as_person(pr.id)
    request = stories.create_request(as_pr, request_input(customer))
    stories.move_request(as_pr, request.id, request.version, StoryStatus.AWAITING_REP)
    return stories.get_request(as_pr, request.id)


def rows_under(page: StoriesPage, title_start: str) -> list[str]:
    """The requests the pipeline lists under the group whose title starts so."""
    model = page.pipeline_model
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        if group.data().startswith(title_start):
            return [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
    raise AssertionError(f"no group {title_start}")
