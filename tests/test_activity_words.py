"""The activity feed says what people did: each kind of change made through the real
service on a real team file, then read back from the feed as the dock shows it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from window_opening import open_file

from db import models as m
from db.enums import (
    CardKind,
    CommonGroundTag,
    Department,
    EventKind,
    GoalLevel,
    GoalStatus,
    Stage,
    StoryKind,
    StoryStatus,
    Team,
)
from desktop import activity, board, events, goals, meetings, people, stories, team_settings
from desktop.importing import ColumnMapping, ImportRequest, run_import, save_profile
from desktop.importing.importer import delete_import
from desktop.numbers import counted

YESTERDAY = date.today() - timedelta(days=1)


def said(uow) -> str:
    """The newest entry of the feed, as its sentence."""
    return activity.list_activity(uow, limit=1)[0].sentence


def details(uow) -> tuple[str, ...]:
    return activity.list_activity(uow, limit=1)[0].details


@pytest.fixture
def priya(uow, team):
    return uow.as_person(team[Department.MARKETING].id)


@pytest.fixture
def oleg(uow, team):
    return uow.as_person(team[Department.SALES].id)


@pytest.fixture
def goal(uow, team) -> goals.Goal:
    return goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q3",
                                                  "Qualified leads", "leads", 400))


@pytest.fixture
def card(uow, team) -> board.Card:
    return board.get_card(uow, board.create_card(uow, board.CardInput(
        "Survey press release", Team.PR, CardKind.PRESS_RELEASE)))


@pytest.fixture
def customer(uow, team) -> stories.Customer:
    return stories.create_customer(uow, stories.CustomerInput("Acme", team[Department.SALES].id))


# --- the team ---------------------------------------------------------------------------


def test_people_joining_and_leaving_the_team(uow, team) -> None:
    first = activity.list_activity(uow)[-1]
    assert first.sentence == "Zoë Müller joined the team"  # nobody was there to add her
    lee = people.create_person(uow, people.PersonInput("Lee Chen", Department.PR))
    assert said(uow) == "Zoë Müller added Lee Chen to the team"
    people.update_person(uow, lee.id, lee.version, people.PersonInput(
        "Lee Chen", Department.PR, active=False))
    assert said(uow) == "Zoë Müller marked Lee Chen as no longer on the team"


def test_a_team_setting(uow, team) -> None:
    team_settings.set_setting(uow, "team_name", "Northwind comms")
    assert said(uow) == "Zoë Müller set the team name to 'Northwind comms'"
    team_settings.set_setting(uow, "team_name", "Northwind")
    assert said(uow) == "Zoë Müller set the team name to 'Northwind'"


# --- goals ------------------------------------------------------------------------------


def test_a_goal_added_changed_and_trashed(uow, team, goal, priya) -> None:
    assert said(uow) == "Zoë Müller added the goal 'Qualified leads'"
    saved = goals.update_goal(priya, goal.id, goal.version, replace(goal.as_input(), target=450))
    assert said(uow) == "Priya Nair set the target of the goal 'Qualified leads' to 450"
    assert details(uow) == ("target: 400 → 450",)
    saved = goals.update_goal(priya, goal.id, saved.version, replace(
        saved.as_input(), owner_id=team[Department.MARKETING].id, status=GoalStatus.MET))
    assert said(uow) == "Priya Nair changed the owner and status of the goal 'Qualified leads'"
    assert details(uow) == ("owner: none → Priya Nair", "status: Active → Met")
    goals.delete_goal(uow, goal.id, saved.version)
    assert said(uow) == "Zoë Müller moved the goal 'Qualified leads' to the trash"
    goals.restore_goals(uow, (goal.id,))
    assert said(uow) == "Zoë Müller restored the goal 'Qualified leads' from the trash"


def test_a_goal_renamed(uow, team, goal) -> None:
    goals.update_goal(uow, goal.id, goal.version, replace(goal.as_input(), title="450 leads"))
    assert said(uow) == "Zoë Müller renamed the goal 'Qualified leads' to '450 leads'"


def test_a_measurement_recorded_and_deleted(uow, team, goal, priya) -> None:
    measured = goals.record_measurement(priya, goal.id, YESTERDAY, 376)
    assert said(uow) == "Priya Nair recorded 376 for 'Qualified leads'"
    goals.delete_measurement(uow, measured.id)
    assert said(uow) == f"Zoë Müller deleted the measurement '376 on {YESTERDAY.isoformat()}'"


# --- the board --------------------------------------------------------------------------


def test_a_card_added_and_a_campaign_started(uow, team) -> None:
    board.create_campaign(uow, "Survey 2026")
    assert said(uow) == "Zoë Müller added the campaign 'Survey 2026'"
    board.create_card(uow, board.CardInput("Blog: what the survey found", Team.MARKETING))
    assert said(uow) == "Zoë Müller added the card 'Blog: what the survey found'"


def test_a_card_moved_to_another_stage_and_within_it(uow, team, card, priya) -> None:
    other = board.create_card(uow, board.CardInput("Blog post", Team.MARKETING))
    board.move_card(priya, card.id, Stage.REVIEW)
    assert said(uow) == "Priya Nair moved 'Survey press release' to Review"
    assert details(uow) == ("stage: Idea → Review",)  # no "position: 7.0 → 0.0"
    board.move_card(priya, other, Stage.REVIEW)
    board.move_card(priya, other, Stage.REVIEW, after_id=card.id)
    assert said(uow) == "Priya Nair moved 'Blog post' within Review"
    board.move_card(priya, other, Stage.IN_PROGRESS, team=Team.PR)
    assert said(uow) == "Priya Nair moved 'Blog post' to In progress (PR)"


def test_a_card_edited_names_what_it_refers_to(uow, team, card, goal, priya) -> None:
    campaign = board.create_campaign(uow, "Survey 2026")
    board.update_card(priya, card.id, card.version, replace(
        card.as_input(), due_on=date(2026, 9, 1), goal_id=goal.id, campaign_id=campaign.id,
        owner_id=team[Department.MARKETING].id, tags=(CommonGroundTag.MESSAGING,
                                                      CommonGroundTag.CONTENT_PLANNING)))
    assert said(uow) == ("Priya Nair changed the campaign, due date, goal, owner and "
                         "common-ground tags of the card 'Survey press release'")
    assert details(uow) == (
        "campaign: none → 'Survey 2026'", "due date: none → 2026-09-01",
        "goal: none → 'Qualified leads'", "owner: none → Priya Nair",
        "common-ground tags: added Content planning, Messaging and story")
    text = " ".join(details(uow))
    assert "_id" not in text and "due_on" not in text


def test_one_field_of_a_card_says_its_new_value(uow, team, card, priya) -> None:
    saved = board.update_card(priya, card.id, card.version, replace(
        card.as_input(), due_on=date(2026, 9, 1)))
    assert said(uow) == ("Priya Nair set the due date of the card 'Survey press release' "
                         "to 2026-09-01")
    saved = board.update_card(priya, card.id, saved.version, replace(
        saved.as_input(), due_on=None))
    assert said(uow) == "Priya Nair cleared the due date of the card 'Survey press release'"
    board.update_card(priya, card.id, saved.version, replace(
        saved.as_input(), kind=CardKind.BLOG_POST, notes="A long story about the survey"))
    assert details(uow) == ("kind: Press release → Blog post",
                            "notes: A long story about the survey")


def test_a_card_trashed_restored_and_deleted_for_good(uow, team, card) -> None:
    board.trash_card(uow, card.id, card.version)
    assert said(uow) == "Zoë Müller moved the card 'Survey press release' to the trash"
    board.restore_cards(uow, (card.id,))
    assert said(uow) == "Zoë Müller restored the card 'Survey press release' from the trash"
    assert [a.sentence for a in activity.record_history(uow, "cards", card.id)][:2] == [
        "Zoë Müller restored the card 'Survey press release' from the trash",
        "Zoë Müller moved the card 'Survey press release' to the trash"]  # its new place: no news
    current = board.get_card(uow, card.id)
    board.trash_card(uow, card.id, current.version)
    board.empty_trash(uow)
    assert said(uow) == "Zoë Müller deleted the card 'Survey press release'"


# --- meetings ---------------------------------------------------------------------------


def test_a_meeting_its_actions_and_their_ticks(uow, team, priya) -> None:
    meeting = meetings.create_meeting(uow, meetings.MeetingInput(
        datetime(2026, 7, 2, 10), "Weekly sync", (team[Department.LEADERSHIP].id,),
        actions=(meetings.ActionInput("Send the deck", team[Department.MARKETING].id),)))
    feed = [a.sentence for a in activity.list_activity(uow, limit=2)]
    assert feed == ["Zoë Müller added the action 'Send the deck' to 'Weekly sync'",
                    "Zoë Müller added the meeting 'Weekly sync'"]
    action = meeting.actions[0]
    ticked = meetings.set_action_done(priya, action.id, action.version, True)
    assert said(uow) == "Priya Nair ticked the action 'Send the deck' done"
    meetings.set_action_done(priya, action.id, ticked.version, False)
    assert said(uow) == "Priya Nair opened the action 'Send the deck' again"
    meeting = meetings.get_meeting(uow, meeting.id)
    meetings.update_meeting(uow, meeting.id, meeting.version, replace(
        meeting.as_input(), attendee_ids=(team[Department.LEADERSHIP].id,
                                          team[Department.PR].id)))
    assert said(uow) == ("Zoë Müller added José Álvarez to the attendees of the meeting "
                         "'Weekly sync'")
    meeting = meetings.get_meeting(uow, meeting.id)
    meetings.update_meeting(uow, meeting.id, meeting.version, replace(
        meeting.as_input(), attendee_ids=(team[Department.PR].id,
                                          team[Department.MARKETING].id)))
    assert details(uow) == ("attendees: added Priya Nair; removed Zoë Müller",)


# --- team events ------------------------------------------------------------------------


def test_a_team_event(uow, team) -> None:
    lunch = events.create_event(uow, events.EventInput(
        "Team lunch", datetime(2026, 7, 3, 12), datetime(2026, 7, 3, 13), EventKind.LUNCH))
    assert said(uow) == "Zoë Müller added the event 'Team lunch'"
    events.update_event(uow, lunch.id, lunch.version, events.EventInput(
        "Team lunch", datetime(2026, 7, 3, 12, 30), datetime(2026, 7, 3, 13, 30),
        EventKind.CELEBRATION))
    assert details(uow) == ("end: 2026-07-03 13:00 → 2026-07-03 13:30",
                            "kind: Lunch → Celebration",
                            "start: 2026-07-03 12:00 → 2026-07-03 12:30")
    current = events.get_event(uow, lunch.id)
    events.delete_event(uow, lunch.id, current.version)
    assert said(uow) == "Zoë Müller deleted the event 'Team lunch'"


# --- customer stories -------------------------------------------------------------------


def test_a_story_request_through_the_rep(uow, team, customer, oleg) -> None:
    assert said(uow) == "Zoë Müller added the customer 'Acme'"
    request = stories.create_request(uow, stories.RequestInput(
        customer.id, StoryKind.CASE_STUDY, "Acme case study", "A case study", "Reach",
        "Proof"))
    assert said(uow) == "Zoë Müller wrote the story request 'Acme case study' for Acme"
    stories.move_request(uow, request.id, request.version, StoryStatus.AWAITING_REP)
    assert said(uow) == "Zoë Müller sent the story request 'Acme case study' to the rep"
    assert details(uow) == ("status: a draft → awaiting the rep",)
    request = stories.get_request(uow, request.id)
    stories.decline(oleg, request.id, request.version, "Not this quarter")
    assert said(uow) == "Олег Петров declined the story request 'Acme case study'"
    assert "decision note: Not this quarter" in details(uow)


def test_an_approval(uow, team, customer, oleg) -> None:
    request = stories.create_request(uow, stories.RequestInput(
        customer.id, StoryKind.QUOTE, "Acme quote", "A quote", "Reach", "Proof"))
    stories.move_request(uow, request.id, request.version, StoryStatus.AWAITING_REP)
    request = stories.get_request(uow, request.id)
    stories.approve(oleg, request.id, request.version)
    assert said(uow) == "Олег Петров approved the story request 'Acme quote'"


def test_a_contact_logged_and_a_placement(uow, team, customer, oleg) -> None:
    stories.log_communication(oleg, stories.CommunicationInput(
        customer.id, YESTERDAY, "call", "Talked about the survey"))
    assert said(uow) == "Олег Петров logged a call with Acme"
    stories.log_communication(oleg, stories.CommunicationInput(
        customer.id, YESTERDAY, "email", "Sent the draft"))
    assert said(uow) == "Олег Петров logged an email with Acme"
    request = stories.create_request(uow, stories.RequestInput(
        customer.id, StoryKind.QUOTE, "Acme quote", "A quote", "Reach", "Proof"))
    stories.move_request(uow, request.id, request.version, StoryStatus.AWAITING_REP)
    request = stories.get_request(uow, request.id)
    change = stories.approve(oleg, request.id, request.version)
    for step in (StoryStatus.CUSTOMER_ASKED, StoryStatus.CUSTOMER_AGREED):
        change = stories.move_request(uow, request.id, change.version, step)
    assert said(uow) == "Zoë Müller noted that the customer agreed to 'Acme quote'"
    stories.add_placement(uow, request.id, stories.PlacementInput("Trade Weekly", YESTERDAY))
    assert said(uow) == "Zoë Müller recorded a placement in Trade Weekly for 'Acme quote'"


def test_a_customer_handed_to_another_rep_names_the_rep(uow, team, customer) -> None:
    lee = people.create_person(uow, people.PersonInput("Lee Chen", Department.SALES))
    stories.update_customer(uow, customer.id, customer.version, stories.CustomerInput(
        "Acme", lee.id, industry="Healthcare"))
    assert said(uow) == "Zoë Müller changed the industry and sales rep of the customer 'Acme'"
    assert details(uow) == ("industry: none → Healthcare", "sales rep: Олег Петров → Lee Chen")


def test_an_aligned_goal_names_its_parent(uow, team, goal) -> None:
    child = goals.create_goal(uow, goals.GoalInput(GoalLevel.DEPARTMENT, "2026-Q3", "PR leads",
                                                   "leads", 100, department=Department.PR))
    goals.update_goal(uow, child.id, child.version, replace(child.as_input(), parent_id=goal.id))
    assert said(uow) == "Zoë Müller set the parent goal of the goal 'PR leads' to 'Qualified leads'"


def test_event_attendees_added_and_taken_off(uow, team) -> None:
    zoe, jose = team[Department.LEADERSHIP].id, team[Department.PR].id
    lunch = events.create_event(uow, events.EventInput(
        "Team lunch", datetime(2026, 7, 3, 12), datetime(2026, 7, 3, 13), attendee_ids=(zoe,)))
    lunch = events.update_event(uow, lunch.id, lunch.version, replace(
        lunch.as_input(), attendee_ids=(zoe, jose)))
    assert said(uow) == "Zoë Müller added José Álvarez to the attendees of the event 'Team lunch'"
    events.update_event(uow, lunch.id, lunch.version, replace(lunch.as_input(),
                                                              attendee_ids=(jose,)))
    assert said(uow) == "Zoë Müller took Zoë Müller off the attendees of the event 'Team lunch'"


# --- results ----------------------------------------------------------------------------


def test_an_import_its_profile_and_its_removal(uow, team, tmp_path: Path) -> None:
    mapping = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                            metrics=(("Clicks", "clicks"),))
    save_profile(uow, "Our newsletter tool", mapping)
    assert said(uow) == "Zoë Müller saved the import profile 'Our newsletter tool'"
    path = tmp_path / "clicks.csv"
    path.write_text("Date,Channel,Title,Clicks\n2026-03-02 09:15,email,Survey,34\n",
                    encoding="utf-8")
    result = run_import(uow, ImportRequest(path, mapping, "Our newsletter tool"))
    assert said(uow) == "Zoë Müller imported 'clicks.csv' (1 row)"
    delete_import(uow, result.batch_id)
    assert said(uow) == "Zoë Müller deleted the import 'clicks.csv'"


def test_a_result_typed_in_names_its_card(uow, team, card) -> None:
    with uow.write() as session:  # as the demo writes them: one by one through the ORM
        session.add(m.MetricRecord(occurred_at=datetime(2026, 3, 2, 9), channel="web",
                                   card_id=card.id, metric="reach", value=1200.0))
    assert said(uow) == ("Zoë Müller entered the result 'reach 1200 on web' for "
                         "'Survey press release'")


# --- the feed as a whole ----------------------------------------------------------------


def test_no_entry_speaks_database(uow, team, card, goal, customer, oleg) -> None:
    board.move_card(uow, card.id, Stage.PLANNED)
    goals.record_measurement(uow, goal.id, YESTERDAY, 12)
    stories.log_communication(oleg, stories.CommunicationInput(
        customer.id, YESTERDAY, "meeting", "Coffee"))
    for entry in activity.list_activity(uow):
        text = " ".join((entry.sentence, *entry.details))
        for word in ("insert ", "update ", "_id", "_", ".0 ", "None"):
            assert word not in text, (word, text)
    assert activity.record_history(uow, "cards", card.id)[0].sentence == (
        "Zoë Müller moved 'Survey press release' to Planned")


def test_counts_with_their_noun() -> None:
    assert counted(1, "channel") == "1 channel"
    assert counted(16, "title") == "16 titles"
    assert counted(0, "change") == "0 changes"
    assert counted(1204, "row") == "1,204 rows"
    assert counted(1, "person", "people") == "1 person"
    assert counted(3, "person", "people") == "3 people"


# --- in the window ----------------------------------------------------------------------


def open_window(qtbot, db_path: Path, person_id: int):
    """The main window on the team file, as the person ``person_id``."""
    from ui.shell.main_window import MainWindow
    from ui.shell.tasks import task_manager

    widget = MainWindow()
    qtbot.addWidget(widget)
    assert open_file(qtbot, widget, db_path, person_id=person_id)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitUntil(task_manager().idle, timeout=15_000)
    return widget


def _dock_lines(window) -> list[str]:
    """What the dock's table shows, row by row, in the columns a person sees."""
    table, model = window.activity_dock.table, window.activity_dock.model
    return [" ".join(str(model.index(row, column).data()) for column in range(model.columnCount())
                     if not table.isColumnHidden(column)) for row in range(model.rowCount())]


def _click_row(qtbot, view, index) -> None:
    from PySide6.QtCore import Qt

    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


@pytest.mark.gui
def test_the_dock_says_what_was_done_in_the_window_and_by_someone_else(
        qtbot, uow, team, priya, db_path, monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.quarters import quarter_of
    from ui.goals.goal_dialog import MeasurementDialog

    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, quarter_of(date.today()),
                                                  "Qualified leads", "leads", 400))
    card = board.create_card(uow, board.CardInput("Survey press release", Team.PR))
    window = open_window(qtbot, db_path, team[Department.LEADERSHIP].id)
    if not window.activity_action.isChecked():  # View > Activity, unless remembered open
        window.activity_action.trigger()
    dock = window.activity_dock
    qtbot.waitUntil(lambda: bool(_dock_lines(window)), timeout=10_000)

    sidebar = window.sidebar  # to the Goals page, then a goal's measurement, as a person would
    _click_row(qtbot, sidebar, sidebar.model().index(window.page_names.index("goals"), 0))
    page = window.page("goals")
    qtbot.waitUntil(lambda: page.goal_model.index_of(goal.id).isValid(), timeout=10_000)
    _click_row(qtbot, page.tree, page.goal_model.index_of(goal.id))

    def type_the_value(dialog: MeasurementDialog) -> int:
        dialog.value_box.selectAll()
        qtbot.keyClicks(dialog.value_box, "376")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        qtbot.mouseClick(save, Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(MeasurementDialog, "exec", type_the_value)
    page.measure_action.trigger()  # Record measurement… (Ctrl+M)
    qtbot.waitUntil(lambda: "recorded" in _dock_lines(window)[0], timeout=10_000)
    assert _dock_lines(window)[0].endswith("Zoë Müller recorded 376 for 'Qualified leads'")
    assert dock.count_label.text() == f"{dock.model.rowCount()} changes"

    current = board.get_card(uow, card)  # someone else, in their own window
    board.update_card(priya, card, current.version, replace(current.as_input(),
                                                            due_on=date(2026, 9, 1)))
    board.move_card(priya, card, Stage.REVIEW)
    qtbot.waitUntil(lambda: "Priya Nair moved" in _dock_lines(window)[0], timeout=10_000)
    newest, before = _dock_lines(window)[:2]
    assert newest.endswith("Priya Nair moved 'Survey press release' to Review")
    assert before.endswith(
        "Priya Nair set the due date of the card 'Survey press release' to 2026-09-01")
    for line in (newest, before):
        assert "update" not in line and "position" not in line and "_" not in line
    window.close()
