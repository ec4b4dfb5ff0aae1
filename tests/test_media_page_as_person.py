"""The Media relations page in a PR person's hands: a pitch logged in its form warns that a
colleague pitched the same editor last week and goes to the others; a do-not-contact
contact is refused until overridden with a reason; an article is linked to the pitch that
earned it and amplified with marketing in one step; a talk goes through its steps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from person import (
    answer,
    answer_questions,
    click,
    click_check_box,
    click_dialog_button,
    click_row,
    page_in_window,
    pick,
    row_of,
    settle,
    show,
    texts,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from db import models as m
from db.enums import CardKind, ContactKind, Department, PitchState, SubmissionState, Team
from desktop import board, lineage
from desktop.board import CardInput
from desktop.media import contacts, pitches
from desktop.media.contacts import ContactInput, OutletInput
from desktop.people import Person
from ui.media.media_dialogs import AmplifyDialog, PitchDialog
from ui.media.media_page import MediaPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
TODAY = date.today()


@pytest.fixture
def media(uow, team):
    pr = uow.as_person(team[Department.PR].id)
    hitw = contacts.create_outlet(pr, OutletInput("Health IT Weekly", 1,
                                                  web_domain="hitw.example"))
    made = {name: contacts.create_contact(pr, ContactInput(name, hitw.id, ContactKind.EDITOR))
            for name in ("Maren Okafor", "Tobias Lindqvist", "Renée Duval")}
    renee = made["Renée Duval"]
    contacts.set_do_not_contact(pr, renee.id, renee.version, on=True,
                                reason="Asked to be taken off all lists")
    card = board.create_card(pr, CardInput("Survey press release", Team.PR,
                                           CardKind.PRESS_RELEASE))
    return made, card


@pytest.fixture
def page_of(qtbot, uow):
    def build(person: Person) -> MediaPage:
        return page_in_window(qtbot, MediaPage, uow.database, person)
    return build


def _tick(qtbot, dialog: PitchDialog, contact_id: int) -> None:
    model = dialog.contact_model
    click_check_box(qtbot, dialog.contact_list, model.index(model.row_of(contact_id), 0))


def _open_tab(qtbot, page: MediaPage, title: str) -> None:
    bar = page.tabs.tabBar()
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentIndex() == index


def _toolbar_button(page: MediaPage, action):
    from PySide6.QtWidgets import QToolBar

    for bar in page.findChildren(QToolBar):
        button = bar.widgetForAction(action)
        if button is not None and button.isVisible():
            return button
    raise AssertionError(f"{action.text()} is on no toolbar shown")


def test_a_colleague_pitched_the_editor_last_week_so_the_pitch_goes_to_the_others(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    made, card = media
    maren, tobias = made["Maren Okafor"], made["Tobias Lindqvist"]
    pitches.log_pitch(uow.as_person(team[Department.MARKETING].id), pitches.PitchInput(
        card, (maren.id,), "Survey: the first figures", TODAY - timedelta(days=6)))
    page = page_of(team[Department.PR])
    _open_tab(qtbot, page, "&Pitches")
    seen: list[str] = []

    def fill(dialog: PitchDialog) -> None:
        pick(qtbot, dialog.card_box, "Survey press release")
        _tick(qtbot, dialog, maren.id)
        _tick(qtbot, dialog, tobias.id)
        assert dialog.warning_label.isVisible()
        seen.append(dialog.warning_label.text())
        click(qtbot, dialog.others_button)
        assert dialog.contact_model.ticked() == (tobias.id,)
        assert not dialog.warning_label.isVisible()
        type_into(qtbot, dialog.subject_edit, "62% of hospital CIOs plan AI budgets")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, PitchDialog, fill)
    click(qtbot, _toolbar_button(page, page.pitch_action))
    settle(qtbot)
    assert seen == [f"Pitched in the last 14 days: Maren Okafor was pitched by Priya Nair on "
                    f"{(TODAY - timedelta(days=6)).isoformat()} ('Survey: the first figures')."]
    assert sorted(zip(texts(page.pitches_view, 1), texts(page.pitches_view, 4))) == [
        ("Maren Okafor", "Survey: the first figures"),
        ("Tobias Lindqvist", "62% of hospital CIOs plan AI budgets")]
    click_row(qtbot, page.pitches_view, row_of(page.pitches_view, "Tobias Lindqvist", 1))
    assert page.card_tally_label.text() == ("Survey press release: pitched 2, replied 0, "
                                            "covered 0")


def test_a_do_not_contact_contact_is_refused_in_the_form_until_overridden(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    made, _card = media
    renee = made["Renée Duval"]
    page = page_of(team[Department.PR])
    assert texts(page.contacts_view, 1) == ["", "Do not contact", ""]
    problems: list[str] = []

    def refused_then_overridden(dialog: PitchDialog) -> None:
        assert dialog.contact_model.ticked() == (renee.id,)  # the contact chosen in the list
        type_into(qtbot, dialog.subject_edit, "Your readers asked about AI budgets")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
        from person import wait_for_save
        wait_for_save(dialog)
        assert dialog.isVisible() and dialog.error_label.isVisible()
        problems.append(dialog.error_label.text())
        assert dialog.override_edit.isEnabled()
        type_into(qtbot, dialog.override_edit, "She asked for the data at the summit")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, PitchDialog, refused_then_overridden)
    click_row(qtbot, page.contacts_view, row_of(page.contacts_view, "Renée Duval"))
    assert "Do not contact: Asked to be taken off all lists" in page.details.toPlainText()
    qtbot.keyClick(page.contacts_view, Qt.Key_L, Qt.ControlModifier)
    settle(qtbot)
    assert problems == ["Marked do-not-contact: Renée Duval (Asked to be taken off all "
                        "lists). Leave them out, or override with a reason, which is kept "
                        "with the pitch."]
    [row] = pitches.list_pitches(uow)
    assert (row.contact_name, row.override_reason) == ("Renée Duval",
                                                       "She asked for the data at the summit")
    assert texts(page.pitches_view, 8) == ["override: She asked for the data at the summit"]


def test_an_article_is_linked_to_its_pitch_and_amplified_with_marketing(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    made, card = media
    maren = made["Maren Okafor"]
    pr = uow.as_person(team[Department.PR].id)
    pitches.log_pitch(pr, pitches.PitchInput(card, (maren.id,), "Survey results",
                                             TODAY - timedelta(days=10)))
    with uow.write() as session:
        session.add(m.MetricRecord(occurred_at=datetime.combine(TODAY - timedelta(days=4),
                                                                datetime.min.time()),
                                   channel="press", content="CIOs bet on AI", metric="reach",
                                   value=40_000, outlet="Health IT Weekly",
                                   author="Maren Okafor", timed=False))
    page = page_of(team[Department.PR])
    _open_tab(qtbot, page, "Co&verage")
    assert texts(page.suggestions_view) == ["CIOs bet on AI"]
    assert texts(page.suggestions_view, 6) == ["same author, same outlet, 6 days after the pitch"]
    click_row(qtbot, page.suggestions_view, row_of(page.suggestions_view, "CIOs bet on AI"))
    click(qtbot, _toolbar_button(page, page.confirm_action))
    settle(qtbot)
    assert texts(page.suggestions_view) == []
    assert texts(page.links_view) == ["CIOs bet on AI"]
    assert pitches.list_pitches(uow)[0].state == PitchState.COVERED

    def amplify(dialog: AmplifyDialog) -> None:
        click(qtbot, dialog.channel_checks["instagram"])
        click(qtbot, dialog.paid_check)
        pick(qtbot, dialog.owner_box, "Priya Nair")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, AmplifyDialog, amplify)
    click_row(qtbot, page.links_view, row_of(page.links_view, "CIOs bet on AI"))
    click(qtbot, _toolbar_button(page, page.amplify_action))
    settle(qtbot)
    assert texts(page.links_view, 5) == [4]
    tree = lineage.lineage(uow, card)
    [covered] = tree.children
    assert (covered.title, covered.total.reach) == ("Health IT Weekly: CIOs bet on AI", 40_000)
    derived = [board.get_card(uow, child.card_id) for child in covered.children]
    assert [(c.kind, c.channel, c.owner_name, c.team) for c in derived] == [
        (CardKind.SOCIAL_POST, "linkedin", "Priya Nair", Team.MARKETING),
        (CardKind.SOCIAL_POST, "x", "Priya Nair", Team.MARKETING),
        (CardKind.EMAIL, "email", "Priya Nair", Team.MARKETING),
        (CardKind.OTHER, "sales", "Priya Nair", Team.MARKETING)]

    qtbot.keyClick(page.links_view, Qt.Key_Z, Qt.ControlModifier)  # undo takes them back
    settle(qtbot)
    assert lineage.lineage(uow, card).children[0].children == ()


def test_marking_and_allowing_a_contact_keeps_the_reason_and_asks_first(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    from ui.media.media_dialogs import DoNotContactDialog

    page = page_of(team[Department.PR])
    click_row(qtbot, page.contacts_view, row_of(page.contacts_view, "Tobias Lindqvist"))

    def reason(dialog: DoNotContactDialog) -> None:
        type_into(qtbot, dialog.reason_edit, "On leave until March; his desk asked us to wait")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, DoNotContactDialog, reason)
    click(qtbot, _toolbar_button(page, page.dnc_action))
    settle(qtbot)
    tobias = next(c for c in contacts.list_contacts(uow) if c.name == "Tobias Lindqvist")
    assert (tobias.do_not_contact, tobias.do_not_contact_by) == (True, "José Álvarez")
    assert page.dnc_action.text() == "Allow contact"
    asked = answer_questions(monkeypatch, QMessageBox.Yes)
    click(qtbot, _toolbar_button(page, page.dnc_action))
    settle(qtbot)
    assert asked and "On leave until March" in asked[0]
    assert not next(c for c in contacts.list_contacts(uow)
                    if c.name == "Tobias Lindqvist").do_not_contact


def test_a_do_not_contact_reason_that_looks_like_html_shows_as_typed_in_the_tooltip(
        qtbot, uow, team, media, page_of) -> None:
    from PySide6.QtGui import QTextDocument

    made, _card = media
    maren = made["Maren Okafor"]
    contacts.set_do_not_contact(uow.as_person(team[Department.PR].id), maren.id,
                                maren.version, on=True, reason="Said <b>x</b> & left")
    page = page_of(team[Department.PR])
    view = page.contacts_view
    tip = row_of(view, "Maren Okafor").siblingAtColumn(1).data(Qt.ToolTipRole)
    shown = QTextDocument()
    shown.setHtml(tip)
    assert shown.toPlainText().startswith("Said <b>x</b> & left (set by José Álvarez on ")


def test_an_outlet_is_edited_and_its_tier_shows_beside_its_people(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    from person import double_click_row

    from ui.media.media_dialogs import OutletDialog

    page = page_of(team[Department.PR])
    _open_tab(qtbot, page, "&Outlets")

    def second_tier(dialog: OutletDialog) -> None:
        assert dialog.domain_edit.text() == "hitw.example"
        type_into(qtbot, dialog.tier_box, "2")
        type_into(qtbot, dialog.source_edit, "publisher's media kit")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, OutletDialog, second_tier)
    double_click_row(qtbot, page.outlets_view, row_of(page.outlets_view, "Health IT Weekly"))
    settle(qtbot)
    assert (texts(page.outlets_view, 1), texts(page.outlets_view, 3)) == (
        [2], ["publisher's media kit"])
    assert set(texts(page.contacts_view, 3)) == {2}


def test_who_has_influence_on_the_analytics_page_opens_the_contact(
        qtbot, uow, team, media, monkeypatch) -> None:
    from person import double_click_row
    from window_opening import open_file

    from ui.shell.main_window import MainWindow

    made, card = media
    pitches.log_pitch(uow.as_person(team[Department.PR].id), pitches.PitchInput(
        card, (made["Maren Okafor"].id,), "Survey results", TODAY))
    with uow.write() as session:
        session.add(m.MetricRecord(occurred_at=datetime.combine(TODAY, datetime.min.time()),
                                   channel="press", content="CIOs bet on AI", metric="reach",
                                   value=40_000, outlet="Health IT Weekly",
                                   author="Maren Okafor", timed=False))
        session.add(m.MetricRecord(occurred_at=datetime.combine(TODAY, datetime.min.time()),
                                   channel="press", content="Security and AI", metric="reach",
                                   value=9_000, outlet="Health IT Weekly",
                                   author="T. Lindqvist", timed=False))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert open_file(qtbot, window, uow.database.path, person_id=team[Department.PR].id)
    window.show_page("analytics")
    settle(qtbot)
    analytics = window.page("analytics")
    bar = analytics.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(
        analytics.tabs.indexOf(analytics.influence_tab)).center())
    settle(qtbot)
    table = analytics.influence_tab.table_view
    double_click_row(qtbot, table, row_of(table, "Maren Okafor"))
    settle(qtbot)
    media_page = window.page("media")
    assert window.pages.currentWidget() is media_page
    assert media_page.selected_contact().name == "Maren Okafor"
    assert "Survey results" in media_page.details.toPlainText()

    told = answer_questions(monkeypatch)
    window.show_page("analytics")
    double_click_row(qtbot, table, row_of(table, "Health IT Weekly"))
    settle(qtbot)
    assert told == [] and media_page.selected_contact().outlet_name == "Health IT Weekly"

    from ui.media.media_dialogs import LinkNameDialog

    def who(dialog: LinkNameDialog) -> None:
        pick(qtbot, dialog.contact_box, "Tobias Lindqvist · Health IT Weekly")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    asked = answer(monkeypatch, LinkNameDialog, who)
    window.show_page("analytics")
    double_click_row(qtbot, table, row_of(table, "T. Lindqvist"))
    settle(qtbot)
    assert len(asked) == 1 and media_page.selected_contact().name == "Tobias Lindqvist"
    window.show_page("analytics")
    double_click_row(qtbot, table, row_of(table, "T. Lindqvist"))  # known from now on
    settle(qtbot)
    assert len(asked) == 1 and window.pages.currentWidget() is media_page


def test_a_customer_speaker_without_the_reps_yes_is_refused_and_the_talk_takes_its_steps(
        qtbot, uow, team, page_of, monkeypatch) -> None:
    from person import double_click_row

    from desktop import stories
    from desktop.media import speaking
    from ui.media.media_dialogs import SubmissionDialog

    pr = uow.as_person(team[Department.PR].id)
    stories.create_customer(pr, stories.CustomerInput("Fjordlund Hospital",
                                                      team[Department.SALES].id))
    speaking.create_event(pr, speaking.EventInput(
        "HealthTech Summit", TODAY + timedelta(days=40), TODAY + timedelta(days=41), "Lyon",
        submission_deadline=TODAY + timedelta(days=5), owner_id=team[Department.PR].id))
    page = page_of(team[Department.PR])
    assert "Call for papers of HealthTech Summit closes on" in page.actions_label.text()
    _open_tab(qtbot, page, "&Speaking slots")
    problems: list[str] = []

    def propose(dialog: SubmissionDialog) -> None:
        type_into(qtbot, dialog.title_edit, "AI on the ward")
        pick(qtbot, dialog.speaker_box, "José Álvarez")
        pick(qtbot, dialog.customer_box, "Fjordlund Hospital")
        type_into(qtbot, dialog.customer_speaker_edit, "Dr. Ines Berg, CIO")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
        from person import wait_for_save
        wait_for_save(dialog)
        problems.append(dialog.error_label.text())
        pick(qtbot, dialog.customer_box, "(none)")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, SubmissionDialog, propose)
    click(qtbot, _toolbar_button(page, page.new_talk_action))
    settle(qtbot)
    assert problems == ["Fjordlund Hospital may be named only with Олег Петров's approval: "
                        "putting them on stage at HealthTech Summit needs an approved story "
                        "request for the use as event speaker. Ask Олег Петров on the Customer "
                        "stories page."]
    assert texts(page.submissions_view) == ["AI on the ward"]
    click_row(qtbot, page.submissions_view, row_of(page.submissions_view, "AI on the ward"))
    assert [a.text() for a in page.talk_steps.values() if a.isEnabled()] == [
        "Submitted", "Withdrawn"]
    page.talk_steps[SubmissionState.SUBMITTED].trigger()
    settle(qtbot)
    assert texts(page.submissions_view, 3) == ["Submitted"]

    from ui.media.media_dialogs import IndustryEventDialog

    def later(dialog: IndustryEventDialog) -> None:
        type_into(qtbot, dialog.place_edit, "Lyon, Centre de Congrès")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, IndustryEventDialog, later)
    click_row(qtbot, page.events_view, row_of(page.events_view, "HealthTech Summit"))
    click(qtbot, _toolbar_button(page, page.edit_event_action))
    settle(qtbot)
    assert texts(page.events_view, 2) == ["Lyon, Centre de Congrès"]

    def retitle(dialog: SubmissionDialog) -> None:
        assert dialog.speaker_box.currentText() == "José Álvarez"  # as saved
        type_into(qtbot, dialog.title_edit, "AI on the ward: a year on")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, SubmissionDialog, retitle)
    double_click_row(qtbot, page.submissions_view, row_of(page.submissions_view,
                                                          "AI on the ward"))
    settle(qtbot)
    assert texts(page.submissions_view) == ["AI on the ward: a year on"]
    assert texts(page.submissions_view, 2) == ["José Álvarez"]
    assert texts(page.submissions_view, 3) == ["Submitted"]


def test_a_media_list_file_is_imported_with_its_bad_rows_left_out(
        qtbot, uow, team, page_of, monkeypatch) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    fixture = Path(__file__).parent / "fixtures" / "media" / "media_database_export.csv"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(fixture), "")))
    page = page_of(team[Department.PR])
    asked = answer_questions(monkeypatch, QMessageBox.Yes, QMessageBox.Ok)
    click(qtbot, _toolbar_button(page, page.import_action))
    settle(qtbot)
    assert "line 10: no name; line 12: 'oren.schachar(at)mte.example' is not an email" in asked[0]
    assert asked[1] == ("From media_database_export.csv: 7 contacts added, 5 new outlets, 2 "
                        "rows with a problem left out.")
    assert len(texts(page.contacts_view)) == 7
    qtbot.keyClick(page.contacts_view, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert texts(page.contacts_view) == []


def test_my_actions_on_the_meetings_page_list_the_pitches_to_follow_up(
        qtbot, uow, team, media) -> None:
    from ui.meetings.meetings_page import MeetingsPage

    made, card = media
    pitches.log_pitch(uow.as_person(team[Department.PR].id), pitches.PitchInput(
        card, (made["Maren Okafor"].id,), "Survey results", TODAY - timedelta(days=3),
        follow_up_on=TODAY + timedelta(days=1)))
    page = MeetingsPage(QUndoStack())
    qtbot.addWidget(page)
    page.set_context(TeamContext(uow.database, team[Department.PR]))
    show(qtbot, page)
    settle(qtbot)
    assert page.media_actions_label.isVisible()
    assert page.media_actions_label.text() == (
        f"Follow up 'Survey results' by {(TODAY + timedelta(days=1)).isoformat()}: no answer "
        "yet from Maren Okafor")


def test_a_material_past_its_end_is_flagged_in_the_pitch_and_attached_to_a_card(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    from desktop.media import materials
    from ui.media.media_dialogs import AttachDialog

    made, card = media
    pr = uow.as_person(team[Department.PR].id)
    photos = materials.create_material(pr, materials.MaterialInput(
        "Conference photos 2025", "//share/press/photos/", team[Department.MARKETING].id,
        "press", TODAY - timedelta(days=3)))
    page = page_of(team[Department.PR])

    def pitch_with_photos(dialog: PitchDialog) -> None:
        model = dialog.material_model
        index = model.index(model.row_of(photos.id), 0)
        assert index.data() == (f"Conference photos 2025 — ended on "
                                f"{(TODAY - timedelta(days=3)).isoformat()}")
        click_check_box(qtbot, dialog.material_list, index)
        _tick(qtbot, dialog, made["Tobias Lindqvist"].id)
        type_into(qtbot, dialog.subject_edit, "Photos from the summit")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, PitchDialog, pitch_with_photos)
    _open_tab(qtbot, page, "&Pitches")
    click(qtbot, _toolbar_button(page, page.pitch_action))
    settle(qtbot)
    assert texts(page.pitches_view, 8) == [
        f"'Conference photos 2025' may no longer be used: it ended on "
        f"{(TODAY - timedelta(days=3)).isoformat()}."]

    def attach(dialog: AttachDialog) -> None:
        pick(qtbot, dialog.card_box, "Survey press release")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, AttachDialog, attach)
    _open_tab(qtbot, page, "&Materials")
    click_row(qtbot, page.materials_view, row_of(page.materials_view, "Conference photos 2025"))
    click(qtbot, _toolbar_button(page, page.attach_action))
    settle(qtbot)
    assert texts(page.materials_view, 5) == [
        "card 'Survey press release', pitch 'Photos from the summit'"]
    assert texts(page.materials_view, 6) == ["Past its end date"]
    assert materials.card_material_flags(uow, card) != ()
    qtbot.keyClick(page.materials_view, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert materials.card_material_flags(uow, card) == ()


def test_sending_a_draft_to_someone_pitched_this_week_asks_first(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    made, card = media
    maren = made["Maren Okafor"]
    pitches.log_pitch(uow.as_person(team[Department.MARKETING].id), pitches.PitchInput(
        card, (maren.id,), "Survey: the first figures", TODAY - timedelta(days=2)))
    pitches.log_pitch(uow.as_person(team[Department.PR].id), pitches.PitchInput(
        card, (maren.id,), "The full survey", TODAY - timedelta(days=1),
        state=PitchState.DRAFTED))
    page = page_of(team[Department.PR])
    _open_tab(qtbot, page, "&Pitches")
    click_row(qtbot, page.pitches_view, row_of(page.pitches_view, "The full survey", 4))
    asked = answer_questions(monkeypatch, QMessageBox.Yes)
    click(qtbot, _toolbar_button(page, page.send_action))
    settle(qtbot)
    assert asked and asked[0].startswith("Pitched in the last 14 days: Maren Okafor was "
                                         "pitched by Priya Nair")
    states = dict(zip(texts(page.pitches_view, 4), texts(page.pitches_view, 5)))
    assert states == {"The full survey": "Sent", "Survey: the first figures": "Sent"}
    qtbot.keyClick(page.pitches_view, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    states = dict(zip(texts(page.pitches_view, 4), texts(page.pitches_view, 5)))
    assert states["The full survey"] == "Drafted"


def test_sending_a_draft_to_someone_marked_do_not_contact_since_says_why_it_was_not_sent(
        qtbot, uow, team, media, page_of, monkeypatch) -> None:
    made, card = media
    pr = uow.as_person(team[Department.PR].id)
    maren = made["Maren Okafor"]
    pitches.log_pitch(pr, pitches.PitchInput(card, (maren.id,), "The full survey", TODAY,
                                             state=PitchState.DRAFTED))
    contacts.set_do_not_contact(pr, maren.id, maren.version, on=True, reason="On leave")
    page = page_of(team[Department.PR])
    _open_tab(qtbot, page, "&Pitches")
    click_row(qtbot, page.pitches_view, row_of(page.pitches_view, "The full survey", 4))
    told = answer_questions(monkeypatch)
    click(qtbot, _toolbar_button(page, page.send_action))
    settle(qtbot)
    assert told == ["The pitch was not sent: Maren Okafor is marked do-not-contact, and the "
                    "draft gives no reason to pitch them anyway. Log a new pitch without "
                    "them, or with a reason to override."]
    assert texts(page.pitches_view, 5) == ["Drafted"]


def test_the_team_events_calendar_shows_the_deadline_and_sends_its_editing_to_this_page(
        qtbot, uow, team) -> None:
    from person import click_day, double_click_row

    from desktop.media import speaking
    from ui.events.event_models import CalendarEntryTableModel
    from ui.events.events_page import EventsPage

    deadline = TODAY + timedelta(days=5)
    speaking.create_event(uow.as_person(team[Department.PR].id), speaking.EventInput(
        "HealthTech Summit", TODAY + timedelta(days=40), TODAY + timedelta(days=41), "Lyon",
        submission_deadline=deadline, owner_id=team[Department.PR].id))
    page = EventsPage(QUndoStack())
    qtbot.addWidget(page)
    page.set_context(TeamContext(uow.database, team[Department.PR]))
    show(qtbot, page)
    settle(qtbot)
    click_day(qtbot, page.calendar, deadline)
    settle(qtbot)
    title = "Call for papers closes: HealthTech Summit"
    index = row_of(page.list_view, title, CalendarEntryTableModel.TITLE)
    assert page.entry_model.index(index.row(), CalendarEntryTableModel.KIND).data() == \
        "Speaking slot"
    assert page.day_is_marked(deadline)
    double_click_row(qtbot, page.list_view, index)
    settle(qtbot)
    assert page.message_label.text() == (f"'{title}' is a speaking slot: edit it on the Media "
                                         "relations page.")
    assert not page.edit_action.isEnabled() and not page.delete_action.isEnabled()
