"""The Customer stories page when the file is busy: every save waits on the writer thread,
the window stays usable, and what the person typed is never lost."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from helpers.stories import request_input, rows_under, waiting_request
from person import settle
from PySide6.QtWidgets import QDialog

from db.enums import StoryStatus
from desktop import stories
from ui.shell import form_dialog
from ui.shell.tasks import task_manager
from ui.stories import stories_page
from ui.stories.story_dialog import DecisionDialog, PlacementDialog, RequestDialog

pytestmark = pytest.mark.gui
S = StoryStatus


def _finish_in_the_background(qtbot, dialog: QDialog) -> None:
    """Save, then, while the save waits, let it finish with the form closed."""
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.background_button.isVisibleTo(dialog), timeout=5000)
    dialog.background_button.click()


def _worker_threads_only(calls: list[bool]):
    """Wrap a service so each call records whether it ran on the GUI thread."""
    def wrap(function):
        def recorded(*args, **kwargs):
            calls.append(threading.current_thread() is threading.main_thread())
            return function(*args, **kwargs)
        return recorded
    return wrap


@pytest.mark.slow
def test_the_rep_approves_while_someone_holds_the_lock(qtbot, open_page, uow, pr, rep,
                                                       customer, db_path, monkeypatch,
                                                       lock_holder) -> None:
    """The decision form closes, the page keeps loading, and the approval lands later."""
    monkeypatch.setattr(form_dialog, "BACKGROUND_OFFER_MS", 100)
    request = waiting_request(uow, pr, customer)
    page = open_page(rep)
    assert page.selected_request().id == request.id
    closed: list[int] = []

    def approve(dialog: DecisionDialog) -> int:
        dialog.note_edit.setPlainText("Journalists go through me first.")
        _finish_in_the_background(qtbot, dialog)
        closed.append(dialog.result())
        return dialog.result()

    monkeypatch.setattr(DecisionDialog, "exec", approve)
    stories.create_request(uow.as_person(pr.id), request_input(customer, "Webinar speaker"))
    holder = lock_holder(db_path)
    page.approve_action.trigger()
    qtbot.waitUntil(lambda: bool(closed), timeout=5000)
    assert closed == [QDialog.Accepted]  # the form closed; the save waits for the lock
    assert [op.label for op in task_manager().pending_writes] == ["Saving the decision"]
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP  # not yet
    page.refresh()  # loading is not held up by the waiting save
    qtbot.waitUntil(lambda: "Webinar speaker" in rows_under(page, "Draft"), timeout=2000)
    page.search_edit.setText("monitoring")  # the person keeps working meanwhile
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP  # still waiting
    holder.release()
    qtbot.waitUntil(lambda: stories.get_request(uow, request.id).status == S.APPROVED,
                    timeout=15_000)
    settle(qtbot)
    assert rows_under(page, "Approved by the rep") == [request.title]
    assert page.selected_request().id == request.id
    assert f"Approved by {rep.name}" in page.details.toPlainText()
    assert page.undo_stack.undoText() == f"'{request.title}': Approved by the rep"
    page.undo_stack.undo()
    settle(qtbot)
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP
    assert rows_under(page, "Waiting for my decision") == [request.title]


@pytest.mark.slow
def test_a_decision_refused_after_the_form_closed_reopens_it_with_the_typing(
        qtbot, open_page, uow, pr, rep, customer, db_path, errors, monkeypatch,
        lock_holder) -> None:
    monkeypatch.setattr(form_dialog, "BACKGROUND_OFFER_MS", 100)
    request = waiting_request(uow, pr, customer)
    page = open_page(rep)
    # PR takes the request back to rewrite it; this page has not seen that yet.
    stories.move_request(uow.as_person(pr.id), request.id, request.version, S.DRAFT)
    shown: list[tuple[str, str]] = []

    def decline(dialog: DecisionDialog) -> int:
        if shown:  # the form again, after the refusal: the person looks, then cancels
            shown.append((dialog.note_edit.toPlainText(), dialog.error_label.text()))
            return QDialog.Rejected
        dialog.note_edit.setPlainText("Renewal talks; ask in March.")
        _finish_in_the_background(qtbot, dialog)
        shown.append(("closed", str(dialog.result())))
        holder.release()  # the form closed while the save waited; now it is refused
        return dialog.result()

    monkeypatch.setattr(DecisionDialog, "exec", decline)
    holder = lock_holder(db_path)
    page.decline_action.trigger()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=15_000)
    settle(qtbot)
    assert shown[0] == ("closed", str(QDialog.Accepted))
    note, problem = shown[1]
    assert note == "Renewal talks; ask in March."
    assert problem == "A request that is a draft cannot become declined by the rep; next it " \
                      "can be awaiting the rep."
    assert stories.get_request(uow, request.id).status == S.DRAFT
    assert rows_under(page, "Draft") == [request.title]  # the page reloaded
    assert page.undo_stack.count() == 0 and errors == []


def test_a_step_someone_else_took_first_is_refused_in_words(qtbot, open_page, uow, pr,
                                                            customer, errors) -> None:
    request = stories.create_request(uow.as_person(pr.id), request_input(customer))
    page = open_page(pr)
    assert page.select_request(request.id) and page.submit_action.isEnabled()
    stories.move_request(uow, request.id, request.version, S.AWAITING_REP)  # the team lead
    page.submit_action.trigger()
    settle(qtbot)
    assert errors == ["This request is already awaiting the rep."]
    assert rows_under(page, "Awaiting the rep") == [request.title]  # the page reloaded
    assert page.selected_request().status == S.AWAITING_REP
    assert page.undo_stack.count() == 0


def test_no_service_runs_on_the_gui_thread(qtbot, open_page, uow, pr, rep, customer,
                                           monkeypatch) -> None:
    request = waiting_request(uow, pr, customer)
    on_gui: list[bool] = []
    wrap = _worker_threads_only(on_gui)
    for name in ("pipeline", "list_customers", "list_communications", "list_placements",
                 "request_history", "ensure_decider", "move_request", "undo_status_change",
                 "redo_status_change"):
        monkeypatch.setattr(stories, name, wrap(getattr(stories, name)))
    monkeypatch.setattr(DecisionDialog, "exec",
                        lambda dialog: dialog.accept() or dialog.result())
    page = open_page(rep)
    page.select_request(request.id)
    settle(qtbot)
    page.approve_action.trigger()
    settle(qtbot)
    page.undo_stack.undo()
    settle(qtbot)
    page.undo_stack.redo()
    settle(qtbot)
    assert stories.get_request(uow, request.id).status == S.APPROVED
    assert len(on_gui) > 10 and not any(on_gui)


def test_a_reload_leaves_an_open_form_alone(qtbot, open_page, uow, pr, customer,
                                            monkeypatch) -> None:
    page = open_page(pr)
    typed: list[str] = []

    def write(dialog: RequestDialog) -> int:
        dialog.title_edit.setText("Launch quote")
        dialog.what_edit.setPlainText("Two sentences for the release, half typ")
        stories.create_request(uow.as_person(pr.id), request_input(customer, "Webinar speaker"))
        page.refresh()
        qtbot.waitUntil(lambda: "Webinar speaker" in rows_under(page, "Draft"), timeout=3000)
        typed.append(dialog.what_edit.toPlainText())
        dialog.customer_benefit_edit.setPlainText("Visibility as an early adopter.")
        dialog.company_benefit_edit.setPlainText("A credible launch voice.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RequestDialog, "exec", write)
    page.new_action.trigger()
    settle(qtbot)
    assert typed == ["Two sentences for the release, half typ"]
    assert page.selected_request().title == "Launch quote"
    assert sorted(r.title for r in stories.list_requests(uow)) == ["Launch quote",
                                                                  "Webinar speaker"]


def test_a_placement_outside_the_approval_is_told_once_the_form_closed(qtbot, open_page, uow,
                                                                       pr, rep, customer,
                                                                       monkeypatch) -> None:
    request = waiting_request(uow, pr, customer)
    as_pr = uow.as_person(pr.id)
    change = stories.approve(uow.as_person(rep.id), request.id, request.version)
    change = stories.move_request(as_pr, request.id, change.version, S.CUSTOMER_ASKED)
    stories.move_request(as_pr, request.id, change.version, S.CUSTOMER_AGREED)
    page = open_page(pr)
    assert page.select_request(request.id)
    form_open: list[bool] = []
    told: list[tuple[bool, str]] = []

    def place(dialog: PlacementDialog) -> int:
        form_open.append(True)
        dialog.outlet_edit.setText("Nordic Health Tech")
        dialog.date_edit.setDate(date.today() - timedelta(days=10))
        dialog.accept()
        form_open[0] = False
        return dialog.result()

    monkeypatch.setattr(PlacementDialog, "exec", place)
    monkeypatch.setattr(stories_page, "tell",
                        lambda _parent, _title, text: told.append((form_open[0], text)))
    page.placement_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    settle(qtbot)
    assert told == [(False, f"The placement was recorded, but it falls outside {rep.name}'s "
                            "approval: Before the rep approved.")]
    assert page.placement_model.rowCount() == 1
    assert page.detail_tabs.currentWidget() is page.placements_view
