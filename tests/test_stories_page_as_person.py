"""The Customer stories page in two people's hands, each in their own window on the same
file: PR writes a request in the form and sends it, the owning rep approves or declines it
with a reason typed in the decision form, contacts and placements are logged through their
forms, the pipeline is searched, and a customer is added from the Customers tab."""

from __future__ import annotations

from datetime import date

import pytest
from person import (
    answer,
    answer_questions,
    click,
    click_dialog_button,
    click_row,
    page_in_window,
    pick,
    row_of,
    settle,
    texts,
    type_into,
    wait_for_save,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from db.enums import Department, StoryKind, StoryStatus
from desktop import stories
from desktop.people import Person
from desktop.stories import CustomerInput, RequestInput
from ui.stories.stories_page import StoriesPage
from ui.stories.story_dialog import (
    CommunicationDialog,
    CustomerDialog,
    DecisionDialog,
    PlacementDialog,
    RequestDialog,
)
from ui.stories.story_models import CommunicationTableModel, CustomerTableModel, PlacementTableModel

pytestmark = pytest.mark.gui
S = StoryStatus
TITLE = "Case study: remote monitoring"


@pytest.fixture
def window_of(qtbot, uow):
    """The page in ``person``'s own window on the same team file."""
    def build(person: Person) -> StoriesPage:
        return page_in_window(qtbot, StoriesPage, uow.database, person)
    return build


def _see_changes(qtbot, page: StoriesPage) -> None:
    """What the change poll does once someone else saved: the page reloads."""
    page.activateWindow()
    page.refresh()
    settle(qtbot)


def _request_row(page: StoriesPage, group: str, title: str = TITLE):
    """The row of ``title`` under the group whose heading starts with ``group``."""
    model = page.tree.model()
    headings = [model.index(r, 0).data() for r in range(model.rowCount())]
    for row, heading in enumerate(headings):
        if heading.startswith(group):
            return row_of(page.tree, title, parent=model.index(row, 0))
    raise AssertionError(f"no group {group!r}; shown: {headings}")


def _rows_in(page: StoriesPage, group: str) -> list[str]:
    model = page.tree.model()
    for row in range(model.rowCount()):
        heading = model.index(row, 0)
        if heading.data().startswith(group):
            return [model.index(r, 0, heading).data() for r in range(model.rowCount(heading))]
    return []


def _write_request(qtbot, title: str = TITLE):
    def act(dialog: RequestDialog) -> None:
        pick(qtbot, dialog.customer_box, "Fjordlund Hospital (rep: Олег Петров)")
        pick(qtbot, dialog.kind_box, "Case study")
        type_into(qtbot, dialog.title_edit, title)
        type_into(qtbot, dialog.what_edit, "A two-page case study with ward figures.")
        type_into(qtbot, dialog.customer_benefit_edit, "Their ward team shown as pioneers.")
        type_into(qtbot, dialog.company_benefit_edit, "The launch's strongest proof point.")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
    return act


def _decide(qtbot, why: str, *, untick: str | None = None):
    def act(dialog: DecisionDialog) -> None:
        if untick is not None:
            click(qtbot, next(c for c in dialog.use_checks.values() if c.text() == untick))
        type_into(qtbot, dialog.note_edit, why)
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
    return act


def _sent(uow, pr: Person, customer) -> stories.StoryRequest:
    """A request PR wrote and sent to the rep (in PR's own window, earlier)."""
    as_pr = uow.as_person(pr.id)
    request = stories.create_request(as_pr, RequestInput(
        customer.id, StoryKind.CASE_STUDY, TITLE, "A two-page case study with ward figures.",
        "Their ward team shown as pioneers.", "The launch's strongest proof point."))
    stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    return stories.get_request(as_pr, request.id)


def test_pr_writes_and_sends_a_request_and_the_rep_approves_it(qtbot, window_of, uow, pr, rep, customer, monkeypatch) -> None:
    pr_page = window_of(pr)
    answer(monkeypatch, RequestDialog, _write_request(qtbot))
    qtbot.keyClick(pr_page.tree, Qt.Key_N, Qt.ControlModifier)
    settle(qtbot)
    assert _rows_in(pr_page, "Draft") == [TITLE]
    click_row(qtbot, pr_page.tree, _request_row(pr_page, "Draft"))
    assert pr_page.submit_action.isEnabled() and not pr_page.approve_action.isEnabled()
    pr_page.submit_action.trigger()
    settle(qtbot)
    assert _rows_in(pr_page, "Awaiting the rep") == [TITLE]
    request, = stories.list_requests(uow)
    assert (request.status, request.requested_by_name) == (S.AWAITING_REP, pr.name)

    rep_page = window_of(rep)
    assert _rows_in(rep_page, "Waiting for my decision") == [TITLE]
    assert "1 waiting for your decision" in rep_page.summary_label.text()
    click_row(qtbot, rep_page.tree, _request_row(rep_page, "Waiting for my decision"))
    assert rep_page.approve_action.isEnabled() and rep_page.decline_action.isEnabled()
    answer(monkeypatch, DecisionDialog, _decide(qtbot, "Talk to the ward manager first.",
                                                untick="Case study"))
    rep_page.approve_action.trigger()
    settle(qtbot)
    assert _rows_in(rep_page, "Approved by the rep") == [TITLE]
    assert _rows_in(rep_page, "Waiting for my decision") == []
    stored = stories.get_request(uow, request.id)
    assert stored.status == S.APPROVED
    assert stored.decision_note == "Talk to the ward manager first."
    assert StoryKind.CASE_STUDY not in stored.allowed_uses

    _see_changes(qtbot, pr_page)
    assert _rows_in(pr_page, "Approved by the rep") == [TITLE]


def test_the_rep_declines_only_with_a_reason_and_pr_reads_it(qtbot, window_of, uow, pr, rep, customer, monkeypatch) -> None:
    request = _sent(uow, pr, customer)
    rep_page = window_of(rep)
    click_row(qtbot, rep_page.tree, _request_row(rep_page, "Waiting for my decision"))
    dialogs = answer(monkeypatch, DecisionDialog, _decide(qtbot, ""),
                     _decide(qtbot, "They are mid-tender; ask again in June."))
    rep_page.decline_action.trigger()
    settle(qtbot)
    refused = dialogs[0]
    assert refused.error_label.isVisibleTo(refused) and refused.error_label.text()
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP
    rep_page.decline_action.trigger()
    settle(qtbot)
    assert stories.get_request(uow, request.id).status == S.DECLINED_BY_REP
    assert _rows_in(rep_page, "Declined by the rep") == [TITLE]

    pr_page = window_of(pr)
    click_row(qtbot, pr_page.tree, _request_row(pr_page, "Declined by the rep"))
    settle(qtbot)
    assert "They are mid-tender; ask again in June." in pr_page.details.toPlainText()
    assert not pr_page.step_actions[S.CUSTOMER_ASKED].isEnabled()  # nothing goes out


def test_only_the_owning_rep_decides(qtbot, window_of, uow, pr, customer, monkeypatch) -> None:
    request = _sent(uow, pr, customer)
    pr_page = window_of(pr)
    click_row(qtbot, pr_page.tree, _request_row(pr_page, "Awaiting the rep"))
    told = answer_questions(monkeypatch, QMessageBox.Ok)
    answer(monkeypatch, DecisionDialog)  # no form may open
    pr_page.approve_action.trigger()
    settle(qtbot)
    assert len(told) == 1 and "Олег Петров" in told[0]
    assert stories.get_request(uow, request.id).status == S.AWAITING_REP


def test_log_a_contact_without_the_rep_needs_a_reason(qtbot, window_of, uow, pr, customer, monkeypatch) -> None:
    _sent(uow, pr, customer)
    pr_page = window_of(pr)

    def contact(dialog: CommunicationDialog) -> None:
        type_into(qtbot, dialog.channel_box.lineEdit(), "Phone")
        type_into(qtbot, dialog.summary_edit, "Asked about the ward's visiting hours.")
        click(qtbot, dialog.rep_check)
        assert dialog.reason_edit.isEnabled()
        type_into(qtbot, dialog.reason_edit, "Олег was on leave; he knows.")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, CommunicationDialog, contact)
    qtbot.keyClick(pr_page.tree, Qt.Key_L, Qt.ControlModifier)
    settle(qtbot)
    view = pr_page.communications_view
    assert pr_page.detail_tabs.currentWidget() is view
    assert texts(view, CommunicationTableModel.COLUMNS.index("Summary")) == [
        "Asked about the ward's visiting hours."]
    logged, = stories.list_communications(uow, customer.id)
    assert (logged.channel, logged.rep_included, logged.without_rep_reason) == (
        "Phone", False, "Олег was on leave; he knows.")


def test_record_a_placement_of_an_approved_story(qtbot, window_of, uow, pr, rep, customer, monkeypatch) -> None:
    request = _sent(uow, pr, customer)
    stories.approve(uow.as_person(rep.id), request.id, request.version)
    pr_page = window_of(pr)
    click_row(qtbot, pr_page.tree, _request_row(pr_page, "Approved by the rep"))
    assert not pr_page.placement_action.isEnabled()  # not before the customer agreed
    pr_page.step_actions[S.CUSTOMER_ASKED].trigger()  # Next step > Customer asked
    settle(qtbot)
    assert _rows_in(pr_page, "Customer asked") == [TITLE]
    pr_page.step_actions[S.CUSTOMER_AGREED].trigger()
    settle(qtbot)
    assert _rows_in(pr_page, "Customer agreed") == [TITLE]
    assert pr_page.placement_action.isEnabled()

    def placement(dialog: PlacementDialog) -> None:
        type_into(qtbot, dialog.outlet_edit, "Health Tech Weekly")
        type_into(qtbot, dialog.url_edit, "https://example.org/fjordlund")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, PlacementDialog, placement)
    pr_page.placement_action.trigger()
    settle(qtbot)
    view = pr_page.placements_view
    assert pr_page.detail_tabs.currentWidget() is view
    assert texts(view, PlacementTableModel.COLUMNS.index("Outlet or event")) == [
        "Health Tech Weekly"]
    placed, = stories.list_placements(uow, request.id)
    assert (placed.outlet, placed.placed_on, placed.url) == (
        "Health Tech Weekly", date.today(), "https://example.org/fjordlund")


def test_the_search_field_narrows_the_pipeline(qtbot, window_of, uow, pr, rep, customer) -> None:
    other = stories.create_customer(uow, CustomerInput("Nordic Clinics", rep.id, "Clinics"))
    as_pr = uow.as_person(pr.id)
    stories.create_request(as_pr, RequestInput(customer.id, StoryKind.CASE_STUDY, TITLE,
                                               "w", "c", "b"))
    stories.create_request(as_pr, RequestInput(other.id, StoryKind.PRESS_REFERENCE,
                                               "Quote for the launch", "w", "c", "b"))
    pr_page = window_of(pr)
    assert sorted(_rows_in(pr_page, "Draft")) == [TITLE, "Quote for the launch"]
    qtbot.keyClick(pr_page.tree, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(pr_page.search_edit, "nordic")
    assert _rows_in(pr_page, "Draft") == ["Quote for the launch"]
    type_into(qtbot, pr_page.search_edit, "case study fjordlund")
    assert _rows_in(pr_page, "Draft") == [TITLE]
    type_into(qtbot, pr_page.search_edit, "ОЛЕГ")  # the rep's name, in any case
    assert len(_rows_in(pr_page, "Draft")) == 2
    type_into(qtbot, pr_page.search_edit, "")
    assert len(_rows_in(pr_page, "Draft")) == 2


def test_a_new_customer_from_the_customers_tab(qtbot, window_of, uow, pr, rep, monkeypatch) -> None:
    page = window_of(pr)
    tabs = page.left_tabs.tabBar()
    qtbot.mouseClick(tabs, Qt.LeftButton, Qt.NoModifier, tabs.tabRect(1).center())
    assert page.left_tabs.currentIndex() == 1

    def new_customer(dialog: CustomerDialog) -> None:
        type_into(qtbot, dialog.name_edit, "Aurora Care")
        type_into(qtbot, dialog.industry_edit, "Elderly care")
        pick(qtbot, dialog.rep_box, "Олег Петров")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, CustomerDialog, new_customer)
    page.new_customer_action.trigger()
    settle(qtbot)
    assert texts(page.customers_view, 0) == ["Aurora Care"]
    assert page.customers_view.currentIndex().siblingAtColumn(
        CustomerTableModel.COLUMNS.index("Rep")).data() == "Олег Петров"
    stored, = stories.list_customers(uow)
    assert (stored.name, stored.rep_id, stored.industry) == ("Aurora Care", rep.id,
                                                             "Elderly care")


def test_delete_in_the_search_field_deletes_a_letter_not_the_draft(qtbot, window_of, uow, pr, customer, monkeypatch) -> None:
    stories.create_request(uow.as_person(pr.id), RequestInput(
        customer.id, StoryKind.CASE_STUDY, TITLE, "w", "c", "b"))
    page = window_of(pr)
    click_row(qtbot, page.tree, _request_row(page, "Draft"))
    questions = answer_questions(monkeypatch)
    qtbot.mouseClick(page.search_edit, Qt.LeftButton)
    qtbot.keyClicks(page.search_edit, "casex")
    qtbot.keyClick(page.search_edit, Qt.Key_Left)
    qtbot.keyClick(page.search_edit, Qt.Key_Delete)
    settle(qtbot)
    assert page.search_edit.text() == "case"
    assert questions == [] and len(stories.list_requests(uow)) == 1


def test_double_clicking_a_draft_opens_it_and_the_change_is_saved(qtbot, window_of, uow, pr, customer, monkeypatch) -> None:
    from person import double_click_row

    request = stories.create_request(uow.as_person(pr.id), RequestInput(
        customer.id, StoryKind.CASE_STUDY, TITLE, "w", "c", "b"))
    page = window_of(pr)

    def retitle(dialog: RequestDialog) -> None:
        type_into(qtbot, dialog.title_edit, "Case study: ward figures")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    dialogs = answer(monkeypatch, RequestDialog, retitle)
    double_click_row(qtbot, page.tree, _request_row(page, "Draft"))
    settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["Edit story request"]
    assert _rows_in(page, "Draft") == ["Case study: ward figures"]
    assert stories.get_request(uow, request.id).title == "Case study: ward figures"
    qtbot.keyClick(page.tree, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert stories.get_request(uow, request.id).title == TITLE


def test_only_the_rep_or_the_lead_hands_a_customer_to_another_rep(qtbot, window_of, uow, pr, team, customer, monkeypatch) -> None:
    from person import double_click_row

    from desktop.people import PersonInput, create_person

    other = create_person(uow, PersonInput("Ana Silva", Department.SALES, "ana@example.org"))
    refusals: list[str] = []

    def hand_over(dialog: CustomerDialog) -> None:
        pick(qtbot, dialog.rep_box, "Ana Silva")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
        wait_for_save(dialog)
        if dialog.isVisible():
            refusals.append(dialog.error_label.text())

    dialogs = answer(monkeypatch, CustomerDialog, hand_over, hand_over)
    for person in (pr, team[Department.LEADERSHIP]):
        page = window_of(person)
        tabs = page.left_tabs.tabBar()
        qtbot.mouseClick(tabs, Qt.LeftButton, Qt.NoModifier, tabs.tabRect(1).center())
        double_click_row(qtbot, page.customers_view, row_of(page.customers_view,
                                                            "Fjordlund Hospital"))
        settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["Edit customer", "Edit customer"]
    assert refusals == ["Only Олег Петров, who owns Fjordlund Hospital, or the team lead can "
                        "hand this customer to another rep."]
    assert row_of(page.customers_view, "Fjordlund Hospital").siblingAtColumn(
        CustomerTableModel.COLUMNS.index("Rep")).data() == "Ana Silva"
    assert stories.get_customer(uow, customer.id).rep_id == other.id


def test_the_fifth_request_for_a_customer_warns_in_the_form(qtbot, window_of, uow, pr, customer, monkeypatch) -> None:
    as_pr = uow.as_person(pr.id)
    for number in range(4):
        stories.create_request(as_pr, RequestInput(customer.id, StoryKind.QUOTE,
                                                   f"Quote {number}", "w", "c", "b"))
    page = window_of(pr)
    warnings: list[str] = []

    def look(dialog: RequestDialog) -> None:
        pick(qtbot, dialog.customer_box, "Fjordlund Hospital (rep: Олег Петров)")
        warnings.append(dialog.warning_label.text() if dialog.warning_label.isVisibleTo(dialog)
                        else "")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Cancel)

    answer(monkeypatch, RequestDialog, look)
    page.new_action.trigger()
    settle(qtbot)
    assert warnings and warnings[0].startswith("This is request number 5 for Fjordlund Hospital")
    assert len(stories.list_requests(uow)) == 4


def test_the_rep_changes_an_approval_and_pr_logs_a_contact_from_the_customers_tab(qtbot, window_of, uow, pr, rep, customer, monkeypatch) -> None:
    request = _sent(uow, pr, customer)
    stories.approve(uow.as_person(rep.id), request.id, request.version, note="Fine by me.")
    rep_page = window_of(rep)
    click_row(qtbot, rep_page.tree, _request_row(rep_page, "Approved by the rep"))
    assert rep_page.approve_action.text() == "Change approval…"
    notes: list[str] = []

    def narrower(dialog: DecisionDialog) -> None:
        notes.append(dialog.note_edit.toPlainText())
        click(qtbot, dialog.use_checks[StoryKind.PRESS_REFERENCE])
        click(qtbot, dialog.ends_check)
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, DecisionDialog, narrower)
    rep_page.approve_action.trigger()
    settle(qtbot)
    assert notes == ["Fine by me."]
    stored = stories.get_request(uow, request.id)
    assert StoryKind.PRESS_REFERENCE in stored.allowed_uses
    assert stored.approval_ends_on is not None

    pr_page = window_of(pr)
    tabs = pr_page.left_tabs.tabBar()
    qtbot.mouseClick(tabs, Qt.LeftButton, Qt.NoModifier, tabs.tabRect(1).center())
    click_row(qtbot, pr_page.customers_view, row_of(pr_page.customers_view,
                                                    "Fjordlund Hospital"))
    offered: list[tuple[str, list[str]]] = []

    def contact(dialog: CommunicationDialog) -> None:
        offered.append((dialog.customer_box.currentText(),
                        [dialog.request_box.itemText(i) for i in range(dialog.request_box.count())]))
        pick(qtbot, dialog.request_box, TITLE)
        type_into(qtbot, dialog.summary_edit, "Sent the interview questions.")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, CommunicationDialog, contact)
    pr_page.log_action.trigger()
    settle(qtbot)
    assert offered == [("Fjordlund Hospital", ["(no particular request)", TITLE])]
    logged, = stories.list_communications(uow, customer.id)
    assert (logged.request_id, logged.rep_included) == (request.id, True)
    assert texts(pr_page.communications_view,
                 CommunicationTableModel.COLUMNS.index("Summary")) == [
        "Sent the interview questions."]


def test_delete_on_a_draft_asks_and_removes_it(qtbot, window_of, uow, pr, customer, monkeypatch) -> None:
    stories.create_request(uow.as_person(pr.id), RequestInput(
        customer.id, StoryKind.CASE_STUDY, TITLE, "w", "c", "b"))
    page = window_of(pr)
    click_row(qtbot, page.tree, _request_row(page, "Draft"))
    questions = answer_questions(monkeypatch, QMessageBox.No, QMessageBox.Yes)
    qtbot.keyClick(page.tree, Qt.Key_Delete)
    settle(qtbot)
    assert len(stories.list_requests(uow)) == 1  # "No" keeps it
    qtbot.keyClick(page.tree, Qt.Key_Delete)
    settle(qtbot)
    assert questions == [f"Delete the draft '{TITLE}'? This cannot be undone."] * 2
    assert stories.list_requests(uow) == [] and _rows_in(page, "Draft") == []


def test_the_details_follow_what_the_search_leaves_shown(qtbot, window_of, uow, pr, rep,
                                                         customer) -> None:
    other = stories.create_customer(uow, CustomerInput("Nordic Clinics", rep.id, "Clinics"))
    as_pr = uow.as_person(pr.id)
    stories.create_request(as_pr, RequestInput(customer.id, StoryKind.CASE_STUDY, TITLE,
                                               "w", "c", "b"))
    stories.create_request(as_pr, RequestInput(other.id, StoryKind.PRESS_REFERENCE,
                                               "Quote for the launch", "w", "c", "b"))
    page = window_of(pr)
    click_row(qtbot, page.tree, _request_row(page, "Draft"))
    settle(qtbot)
    assert TITLE in page.details.toPlainText()
    assert page.edit_action.isEnabled()

    qtbot.mouseClick(page.search_edit, Qt.LeftButton)
    qtbot.keyClicks(page.search_edit, "nordic")  # hides the request shown
    settle(qtbot)
    assert _rows_in(page, "Draft") == ["Quote for the launch"]
    assert TITLE not in page.details.toPlainText()
    assert "Choose a request" in page.details.toPlainText()
    assert not page.edit_action.isEnabled() and not page.delete_action.isEnabled()

    click_row(qtbot, page.tree, _request_row(page, "Draft", "Quote for the launch"))
    settle(qtbot)
    assert "Quote for the launch" in page.details.toPlainText()
    type_into(qtbot, page.search_edit, "zzz")  # hides every request
    settle(qtbot)
    assert "Quote for the launch" not in page.details.toPlainText()
    assert not page.edit_action.isEnabled()
