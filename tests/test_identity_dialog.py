"""Who are you: no one is chosen for you, and File > Switch person hands the window over."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from window_opening import open_file

from db.enums import Department, StoryKind, StoryStatus
from desktop import activity, meetings, people, stories
from desktop.meetings import ActionInput, MeetingInput
from desktop.stories import CustomerInput, RequestInput
from desktop.team_file import UnitOfWork
from ui.shell import settings
from ui.shell.identity_dialog import IdentityDialog
from ui.shell.main_window import MainWindow
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, uow, team) -> IdentityDialog:
    widget = IdentityDialog(UnitOfWork(uow.database), "team.cgdb",
                            people.list_people(uow, active_only=True))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _pick(qtbot, box, text: str) -> None:
    """Open the combo box's list and click the entry."""
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=2_000)
    row = box.findText(text)
    assert row >= 0, text
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2_000)


def _ok(dialog: IdentityDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)


def test_no_one_is_chosen_in_advance_and_ok_waits_for_a_choice(qtbot, dialog) -> None:
    assert dialog.person_box.currentText() == ""
    assert not dialog.existing.isChecked() and not dialog.new.isChecked()
    assert not _ok(dialog).isEnabled()
    qtbot.keyClick(dialog, Qt.Key_Return)  # Return does not make you anyone either
    assert dialog.isVisible() and dialog.person is None
    _pick(qtbot, dialog.person_box, "Priya Nair (Marketing)")
    assert dialog.existing.isChecked() and _ok(dialog).isEnabled()
    qtbot.mouseClick(_ok(dialog), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)  # saved in the background
    assert dialog.person is not None and dialog.person.name == "Priya Nair"


def test_a_new_person_types_her_name(qtbot, dialog, uow) -> None:
    qtbot.mouseClick(dialog.new, Qt.LeftButton)
    assert not _ok(dialog).isEnabled()  # no name yet
    qtbot.keyClicks(dialog.name_edit, "Amara Okafor")
    _pick(qtbot, dialog.department_box, "PR")
    assert _ok(dialog).isEnabled()
    qtbot.mouseClick(_ok(dialog), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.person.name == "Amara Okafor" and dialog.person.department is Department.PR
    assert "Amara Okafor" in [p.name for p in people.list_people(uow)]


@pytest.fixture
def window(qtbot, database, uow, team, db_path) -> MainWindow:
    """The leader has the file open; Priya has an open action and the leader one too."""
    lead, priya = team[Department.LEADERSHIP], team[Department.MARKETING]
    meetings.create_meeting(uow, MeetingInput(
        datetime(2026, 11, 30, 10), "Joint weekly", attendee_ids=(lead.id, priya.id),
        actions=(ActionInput("Draft the survey press release", priya.id,
                             date.today() + timedelta(days=3)),
                 ActionInput("Book the venue", lead.id, date.today() + timedelta(days=5)))))
    database.dispose()
    widget = MainWindow()
    qtbot.addWidget(widget)
    widget.show()
    assert open_file(qtbot, widget, db_path, person_id=lead.id)
    widget.show_page("meetings")
    qtbot.waitUntil(task_manager().idle, timeout=10_000)
    return widget


def _my_actions(window: MainWindow) -> list[str]:
    model = window.page("meetings").my_actions_model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def _switch_to(qtbot, window: MainWindow, entry: str) -> None:
    """File > Switch person…, pick the entry, OK (the dialog opens once the team is read)."""
    answered: list[IdentityDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, IdentityDialog):
            QTimer.singleShot(20, answer)
            return
        assert dialog.windowTitle() == "Switch person"
        assert not _ok(dialog).isEnabled()
        _pick(qtbot, dialog.person_box, entry)
        qtbot.mouseClick(_ok(dialog), Qt.LeftButton)
        answered.append(dialog)

    QTimer.singleShot(0, answer)
    window.switch_person_action.trigger()
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    qtbot.waitUntil(task_manager().idle, timeout=10_000)


def test_switch_person_hands_the_window_over_and_says_so_in_the_log(
        qtbot, window, team, db_path, uow) -> None:
    lead, priya = team[Department.LEADERSHIP], team[Department.MARKETING]
    assert window.person_label.text() == f"You: {lead.name}"
    assert _my_actions(window) == ["Book the venue"]
    _switch_to(qtbot, window, "Priya Nair (Marketing)")
    assert window.person_label.text() == "You: Priya Nair"
    qtbot.waitUntil(lambda: _my_actions(window) == ["Draft the survey press release"],
                    timeout=10_000)
    logged = activity.list_activity(UnitOfWork(window.context.database), limit=1)[0]
    assert logged.person_id == priya.id and logged.table == "people"
    assert logged.summary == f"Priya Nair took over from {lead.name}"
    assert settings.remembered_person(str(db_path.resolve())) == priya.id
    assert not window.undo_action.isEnabled()


def test_the_rep_sees_the_request_waiting_for_him_after_the_switch(
        qtbot, window, team) -> None:
    """PR asked Oleg's customer for a case study: the leader sees it waiting for Oleg; once
    Oleg has the window, it waits for his decision."""
    rep = team[Department.SALES]
    uow = window.context.uow
    customer = stories.create_customer(uow, CustomerInput("Fjordlund Clinic", rep.id))
    request = stories.create_request(uow, RequestInput(
        customer.id, StoryKind.CASE_STUDY, "Fjordlund case study", "A two-page case study",
        "Visibility with peers", "A reference in healthcare"))
    stories.move_request(uow, request.id, request.version, StoryStatus.AWAITING_REP)
    window.show_page("stories")
    page = window.page("stories")
    page.refresh()
    qtbot.waitUntil(task_manager().idle, timeout=10_000)
    page.select_request(request.id)
    assert "waiting for your decision" not in page.summary_label.text()
    assert "Waiting for Олег Петров's decision." in page.details.toPlainText()
    _switch_to(qtbot, window, "Олег Петров (Sales)")
    qtbot.waitUntil(lambda: "1 waiting for your decision" in page.summary_label.text(),
                    timeout=10_000)
    page.select_request(request.id)
    assert "Waiting for your decision." in page.details.toPlainText()
