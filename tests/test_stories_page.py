"""The Customer stories page, driven like a person would: as the rep and as someone else."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from helpers.stories import request_input, rows_under, waiting_request
from person import settle, wait_for_save
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from db.enums import StoryKind, StoryStatus
from desktop import stories
from ui.stories import stories_page
from ui.stories.stories_page import StoriesPage
from ui.stories.story_dialog import (
    CommunicationDialog,
    CustomerDialog,
    DecisionDialog,
    PlacementDialog,
    RequestDialog,
)
from ui.stories.story_models import (
    WARNING,
    CommunicationTableModel,
    CustomerTableModel,
    PipelineTreeModel,
    PlacementTableModel,
)

pytestmark = pytest.mark.gui
S = StoryStatus


def _group_titles(page: StoriesPage) -> list[str]:
    model = page.pipeline_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _fill(monkeypatch, dialog_class: type, fill, problems: list[str] | None = None) -> None:
    """Replace the modal exec() with a person filling the form and pressing Save."""
    def exec_(dialog: QDialog) -> int:
        fill(dialog)
        dialog.accept()
        wait_for_save(dialog)
        if problems is not None and dialog.error_label.isVisibleTo(dialog):
            problems.append(dialog.error_label.text())
        return dialog.result()
    monkeypatch.setattr(dialog_class, "exec", exec_)


# --------------------------------------------------------------------------- the rep decides


def test_the_rep_sees_their_decision_first_and_approves(qtbot, open_page, uow, pr, rep,
                                                        customer,
                                                        monkeypatch) -> None:
    request = waiting_request(uow, pr, customer)
    page = open_page(rep)
    assert _group_titles(page)[0] == "Waiting for my decision (1)"
    assert rows_under(page, "Waiting for my decision") == [request.title]
    assert page.selected_request().id == request.id  # the work waiting for them is selected
    assert "Waiting for your decision." in page.details.toPlainText()
    ends = date.today() + timedelta(days=90)

    def decide(dialog: DecisionDialog) -> None:
        dialog.use_checks[StoryKind.QUOTE].setChecked(True)
        dialog.ends_check.setChecked(True)
        dialog.ends_edit.setDate(ends)
        dialog.note_edit.setPlainText("Journalists go through me first.")

    _fill(monkeypatch, DecisionDialog, decide)
    page.approve_action.trigger()
    settle(qtbot)
    stored = stories.get_request(uow, request.id)
    assert (stored.status, stored.decided_by_name, stored.approval_ends_on) == (
        S.APPROVED, rep.name, ends)
    assert stored.allowed_uses == {StoryKind.CASE_STUDY, StoryKind.QUOTE}
    assert _group_titles(page)[0] == "Waiting for my decision (0)"
    assert rows_under(page, "Approved by the rep") == [request.title]
    text = page.details.toPlainText()
    assert f"Approved by {rep.name}" in text and f"Until {ends.isoformat()}" in text
    assert "May be used as: Case study, Quote" in text

    page.undo_stack.undo()
    settle(qtbot)
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP
    assert rows_under(page, "Waiting for my decision") == [request.title]
    page.undo_stack.redo()
    settle(qtbot)
    assert stories.get_request(uow, request.id).status == S.APPROVED


def test_someone_else_cannot_approve_and_is_told_who_can(qtbot, open_page, uow, pr, customer,
                                                         errors,
                                                         monkeypatch) -> None:
    request = waiting_request(uow, pr, customer)
    page = open_page(pr)
    assert not any(t.startswith("Waiting for my decision") for t in _group_titles(page))
    page.select_request(request.id)
    assert "Waiting for Олег Петров's decision." in page.details.toPlainText()
    monkeypatch.setattr(DecisionDialog, "exec", lambda _d: pytest.fail("the form opened"))
    page.approve_action.trigger()
    settle(qtbot)
    page.decline_action.trigger()
    settle(qtbot)
    refusal = "Only Олег Петров, who owns Fjordlund Hospital, can approve or decline this request."
    assert errors == [refusal, refusal]
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP
    assert page.undo_stack.count() == 0
    assert rows_under(page, "Awaiting the rep") == [request.title]


def test_a_decline_without_a_reason_keeps_the_form_open(qtbot, open_page, uow, pr, rep, customer,
                                                        monkeypatch) -> None:
    request = waiting_request(uow, pr, customer)
    page = open_page(rep)
    problems: list[str] = []
    _fill(monkeypatch, DecisionDialog, lambda dialog: None, problems)
    page.decline_action.trigger()
    settle(qtbot)
    assert problems == ["Say why you decline, so PR knows what to change or when to ask again."]
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP
    _fill(monkeypatch, DecisionDialog,
          lambda dialog: dialog.note_edit.setPlainText("Renewal talks; ask in March."))
    page.decline_action.trigger()
    settle(qtbot)
    assert stories.get_request(uow, request.id).decision_note == "Renewal talks; ask in March."
    assert rows_under(page, "Declined by the rep") == [request.title]


# --------------------------------------------------------------------------- asking too often


def test_the_fifth_request_in_twelve_months_is_warned_about(qtbot, open_page, uow, pr, customer,
                                                            monkeypatch) -> None:
    for number in range(3):
        stories.create_request(uow.as_person(pr.id), request_input(customer, f"Request {number}"))
    page = open_page(pr)
    seen: list[tuple[bool, str]] = []

    def write(dialog: RequestDialog) -> None:
        seen.append((dialog.warning_label.isVisibleTo(dialog), dialog.warning_label.text()))
        dialog.title_edit.setText(f"Request {len(seen) + 2}")
        dialog.what_edit.setPlainText("A quote for the launch release.")
        dialog.customer_benefit_edit.setPlainText("Visibility as an early adopter.")
        dialog.company_benefit_edit.setPlainText("A credible launch voice.")

    _fill(monkeypatch, RequestDialog, write)
    page.new_action.trigger()  # the fourth: no warning yet
    settle(qtbot)
    page.new_action.trigger()  # the fifth
    settle(qtbot)
    assert [visible for visible, _ in seen] == [False, True]
    assert seen[1][1].startswith("This is request number 5 for Fjordlund Hospital in twelve "
                                 "months. Asking a customer too often wears the relationship out")
    assert page.selected_request().title == "Request 4"
    count = page.pipeline_model.index_of(page.selected_request().id).siblingAtColumn(
        PipelineTreeModel.COUNT_COLUMN)
    assert count.data() == "5" and count.data(Qt.ForegroundRole).color() == WARNING
    assert "Asking this often wears the relationship out." in page.details.toPlainText()
    row = page.customer_model.index(0, CustomerTableModel.COUNT_COLUMN)
    assert row.data() == "5" and row.data(Qt.ForegroundRole).color() == WARNING
    assert page.undo_stack.undoText() == "Add story request 'Request 4'"
    page.undo_stack.undo()
    settle(qtbot)
    assert stories.requests_in_last_year(uow, customer.id) == 4


def test_an_incomplete_request_keeps_what_was_typed(qtbot, open_page, uow, pr, customer,
                                                    monkeypatch) -> None:
    page = open_page(pr)
    problems: list[str] = []
    typed: list[str] = []

    def write(dialog: RequestDialog) -> None:
        dialog.title_edit.setText("Launch quote")
        dialog.what_edit.setPlainText("Two sentences for the release.")

    def exec_(dialog: RequestDialog) -> int:
        write(dialog)
        dialog.accept()
        wait_for_save(dialog)
        problems.append(dialog.error_label.text())
        typed.append(dialog.what_edit.toPlainText())
        return dialog.result()

    monkeypatch.setattr(RequestDialog, "exec", exec_)
    page.new_action.trigger()
    settle(qtbot)
    assert problems == ["Say how the customer benefits; that is what the rep weighs first."]
    assert typed == ["Two sentences for the release."]
    assert stories.list_requests(uow) == []


# --------------------------------------------------------------------------- after the approval


def test_steps_contacts_and_placements_with_undo(qtbot, open_page, uow, pr, rep, customer,
                                                 monkeypatch) -> None:
    request = waiting_request(uow, pr, customer)
    stories.approve(uow.as_person(rep.id), request.id, request.version)
    page = open_page(pr)
    page.select_request(request.id)
    assert not page.placement_action.isEnabled()
    for status in (S.CUSTOMER_ASKED, S.CUSTOMER_AGREED):
        page.step_actions[status].trigger()
        settle(qtbot)
    assert stories.get_request(uow, request.id).status == S.CUSTOMER_AGREED
    assert page.placement_action.isEnabled()

    def place(dialog: PlacementDialog) -> None:
        dialog.outlet_edit.setText("Nordic Health Tech")
        dialog.url_edit.setText("https://example.org/fjordlund")

    _fill(monkeypatch, PlacementDialog, place)
    page.placement_action.trigger()
    settle(qtbot)
    assert page.placement_model.index(0, 1).data() == "Nordic Health Tech"
    assert stories.count_placements(uow, date.today(), date.today()) == 1
    page.undo_stack.undo()
    settle(qtbot)
    assert page.placement_model.rowCount() == 0
    page.undo_stack.undo()
    settle(qtbot)
    assert stories.get_request(uow, request.id).status == S.CUSTOMER_ASKED


def test_a_contact_without_the_rep_asks_for_the_reason(qtbot, open_page, uow, pr, customer,
                                                       monkeypatch) -> None:
    page = open_page(pr)
    problems: list[str] = []

    def contact(dialog: CommunicationDialog) -> None:
        dialog.channel_box.setCurrentText("call")
        dialog.summary_edit.setPlainText("The CIO called back about the interview.")
        dialog.rep_check.setChecked(False)

    _fill(monkeypatch, CommunicationDialog, contact, problems)
    page.log_action.trigger()
    settle(qtbot)
    assert problems == ["Олег Петров was not included: say why. The reason is kept with the log."]
    assert stories.list_communications(uow) == []

    def with_reason(dialog: CommunicationDialog) -> None:
        contact(dialog)
        dialog.reason_edit.setPlainText("The customer called PR directly.")

    _fill(monkeypatch, CommunicationDialog, with_reason)
    page.log_action.trigger()
    settle(qtbot)
    shown = page.communication_model.index(0, CommunicationTableModel.REP_COLUMN).data()
    assert shown == "No: The customer called PR directly."
    page.undo_stack.undo()
    settle(qtbot)
    assert stories.list_communications(uow) == []


# --------------------------------------------------------------------------- the rest


def test_a_new_customer_through_the_form_and_undo(qtbot, open_page, uow, pr, rep,
                                                  monkeypatch) -> None:
    page = open_page(pr)
    assert "No customers yet." in page.details.toPlainText()

    def fill(dialog: CustomerDialog) -> None:
        dialog.name_edit.setText("Cedar Ridge Medical Center")
        dialog.rep_box.setCurrentIndex(dialog.rep_box.findData(rep.id))

    _fill(monkeypatch, CustomerDialog, fill)
    page.new_customer_action.trigger()
    settle(qtbot)
    assert page.customer_model.index(0, 2).data() == rep.name
    assert page.left_tabs.currentIndex() == 1 and page.selected_customer().name == (
        "Cedar Ridge Medical Center")
    page.undo_stack.undo()
    settle(qtbot)
    assert stories.list_customers(uow) == [] and page.customer_model.rowCount() == 0


def test_people_s_text_is_shown_as_typed(open_page, uow, pr, customer) -> None:
    title = "<b>Bold</b> & <a href='x'>co</a>"
    stories.create_request(uow.as_person(pr.id), request_input(customer, title))
    page = open_page(pr)
    assert title in page.details.toPlainText()
    assert "<a href" not in page.details.toHtml()


def test_refresh_keeps_the_selection_and_search_narrows(qtbot, open_page, uow, pr,
                                                        customer) -> None:
    as_pr = uow.as_person(pr.id)
    first = stories.create_request(as_pr, request_input(customer, "Launch quote"))
    stories.create_request(as_pr, request_input(customer, "Webinar speaker"))
    page = open_page(pr)
    page.select_request(first.id)
    stories.move_request(as_pr, first.id, first.version, S.AWAITING_REP)  # someone else's change
    page.refresh()
    settle(qtbot)
    assert page.selected_request().id == first.id
    assert page.selected_request().status == S.AWAITING_REP
    page.search_edit.setText("webinar")
    assert rows_under(page, "Draft") == ["Webinar speaker"]
    assert rows_under(page, "Awaiting the rep") == []


def test_a_read_only_file_disables_every_edit(open_page, uow, pr, customer) -> None:
    stories.create_request(uow.as_person(pr.id), request_input(customer))
    uow.database.read_only_reason = "read-only for the test"
    page = open_page(pr)
    assert page.selected_request() is not None
    actions = [page.new_action, page.edit_action, page.delete_action, page.submit_action,
               page.approve_action, page.decline_action, page.log_action, page.placement_action,
               page.new_customer_action, page.edit_customer_action,
               *page.step_actions.values()]
    assert [a.text() for a in actions if a.isEnabled()] == []


def test_models_pass_the_model_tester(qtbot, qtmodeltester, open_page, uow, pr, rep,
                                      customer) -> None:
    request = waiting_request(uow, pr, customer)
    stories.log_communication(uow.as_person(pr.id), stories.CommunicationInput(
        customer.id, date.today(), "email", "Sent the request; Олег in copy."))
    page = open_page(rep)
    page.select_request(request.id)
    settle(qtbot)
    qtmodeltester.check(page.pipeline_model)
    qtmodeltester.check(page.customer_model)
    qtmodeltester.check(page.communication_model)
    assert page.communication_model.rowCount() == 1
    qtmodeltester.check(PlacementTableModel())
    group = page.pipeline_model.index(0, 0)
    assert page.pipeline_model.flags(group) & Qt.ItemIsSelectable == Qt.NoItemFlags
    assert page.pipeline_model.parent(page.pipeline_model.index(0, 0, group)) == group
    assert page.pipeline_model.request_at(QModelIndex()) is None


# --------------------------------------------------------------------------- conflicts


def _draft_open_in_the_page(open_page, uow, pr, customer):
    request = stories.create_request(uow.as_person(pr.id), request_input(customer))
    page = open_page(pr)
    assert page.select_request(request.id)
    return page, request


def _someone_else_retitles(uow, request: stories.StoryRequest, title: str) -> None:
    from dataclasses import replace

    current = stories.get_request(uow, request.id)  # the team lead
    stories.update_request(uow, request.id, current.version,
                           replace(current.as_input(), title=title))


def test_taking_all_theirs_in_a_conflict_keeps_their_values(qtbot, open_page, uow, pr,
                                                            customer,
                                                            answer_conflicts, monkeypatch) -> None:
    page, request = _draft_open_in_the_page(open_page, uow, pr, customer)

    def edit(dialog: RequestDialog) -> int:
        _someone_else_retitles(uow, request, "Their title")
        dialog.title_edit.setText("My title")
        dialog.accept()
        wait_for_save(dialog)
        return dialog.result()

    monkeypatch.setattr(RequestDialog, "exec", edit)
    answer_conflicts("theirs")
    page.edit_action.trigger()
    settle(qtbot)
    assert stories.get_request(uow, request.id).title == "Their title"


def test_back_to_editing_keeps_the_request_form_open_with_the_typing(qtbot, open_page, uow,
                                                                     pr,
                                                                     customer,
        answer_conflicts, monkeypatch) -> None:
    page, request = _draft_open_in_the_page(open_page, uow, pr, customer)
    after_back: list[tuple[int, str, str]] = []

    def edit(dialog: RequestDialog) -> int:
        _someone_else_retitles(uow, request, "Their title")
        dialog.title_edit.setText("My title")
        dialog.accept()  # the conflict dialog: back to editing
        wait_for_save(dialog)
        after_back.append((dialog.result(), dialog.title_edit.text(),
                           dialog.error_label.text()))
        dialog.accept()  # the conflict dialog again: keep mine
        wait_for_save(dialog)
        return dialog.result()

    monkeypatch.setattr(RequestDialog, "exec", edit)
    answer_conflicts("back", "mine")
    page.edit_action.trigger()
    settle(qtbot)
    [(result, typed, problem)] = after_back
    assert result != QDialog.Accepted and typed == "My title"
    assert problem.startswith("Someone else saved this meanwhile.")
    assert stories.get_request(uow, request.id).title == "My title"
    page.undo_stack.undo()  # undo brings theirs back
    settle(qtbot)
    assert stories.get_request(uow, request.id).title == "Their title"


def test_deleting_a_draft_with_contacts_on_record_says_why_it_stays(qtbot, open_page, uow, pr,
                                                                    rep,
                                                                    customer, errors,
                                                                    monkeypatch) -> None:
    from desktop.stories import CommunicationInput

    request = waiting_request(uow, pr, customer)
    as_pr, as_rep = uow.as_person(pr.id), uow.as_person(rep.id)
    approved = stories.approve(as_rep, request.id, request.version)
    stories.log_communication(as_pr, CommunicationInput(
        customer.id, date.today(), "email", "Asked about a case study.", request_id=request.id))
    declined = stories.decline(as_rep, request.id, approved.version, "Not this quarter.")
    stories.move_request(as_pr, request.id, declined.version, S.DRAFT)
    page = open_page(pr)
    assert page.select_request(request.id)
    monkeypatch.setattr(stories_page, "ask", lambda *_a, **_kw: QMessageBox.Yes)
    page.delete_action.trigger()
    settle(qtbot)
    assert errors == ["'Case study: remote monitoring' has a logged contact with Fjordlund "
                      "Hospital on record, so it stays; leave it as a draft instead of deleting "
                      "it."]
    assert stories.get_request(uow, request.id).status == S.DRAFT
