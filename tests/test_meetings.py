"""Meetings: attendees by department, action items, merges with others' edits, "My actions",
the PR campaigns on the agenda, and ideas turned into board cards."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from db.enums import CardKind, Department, Stage, Team
from desktop import board, meetings
from desktop.errors import ConflictError, NotFoundError, ValidationError
from desktop.meetings import ActionInput, MeetingInput

TODAY = date.today()
MONDAY = datetime.combine(TODAY - timedelta(days=7), datetime.min.time()).replace(hour=10)


@pytest.fixture
def joint(uow, team):
    """A joint meeting of PR and sales with two action items."""
    return meetings.create_meeting(uow, MeetingInput(
        MONDAY, "Joint weekly: launch", (team[Department.PR].id, team[Department.SALES].id),
        agenda="1. Launch date", notes="Webinar with two CIOs\nA podcast on patient trust",
        actions=(ActionInput("Draft the press release", team[Department.PR].id,
                             TODAY + timedelta(days=3)),
                 ActionInput("Ask the rep about Fjordlund", team[Department.SALES].id))))


def test_a_meeting_is_saved_with_its_attendees_departments_and_actions(uow, team, joint) -> None:
    stored = meetings.get_meeting(uow, joint.id)
    assert [a.name for a in stored.attendees] == ["José Álvarez", "Олег Петров"]
    assert stored.departments == (Department.PR, Department.SALES)
    assert stored.joint
    assert [(a.text, a.owner_name, a.done) for a in stored.actions] == [
        ("Draft the press release", "José Álvarez", False),
        ("Ask the rep about Fjordlund", "Олег Петров", False)]
    assert stored.uid == meetings.meeting_uid(joint.id, _created_at(uow, joint.id))


def _created_at(uow, meeting_id: int) -> datetime:
    from db import models as m

    with uow.read() as session:
        return session.get(m.Meeting, meeting_id).created_at


def test_one_department_alone_is_not_a_joint_meeting(uow, team) -> None:
    pr_only = meetings.create_meeting(uow, MeetingInput(
        MONDAY, "PR stand-up", (team[Department.PR].id, team[Department.LEADERSHIP].id)))
    assert not pr_only.joint


def test_the_list_is_newest_first_and_searchable_text_covers_notes(uow, team, joint) -> None:
    older = meetings.create_meeting(uow, MeetingInput(MONDAY - timedelta(days=7), "Kick-off"))
    listed = meetings.list_meetings(uow)
    assert [m.id for m in listed] == [joint.id, older.id]
    assert "podcast on patient trust" in listed[0].search_text
    assert "Олег Петров" in listed[0].search_text
    assert (listed[0].open_actions, listed[0].action_count) == (2, 2)


@pytest.mark.parametrize("changes,message", [
    ({"title": "  "}, "A meeting needs a title."),
    ({"title": "x" * 201}, "Shorten the title to 200 characters."),
    ({"attendee_ids": (999,)}, "no longer in the team file"),
    ({"actions": (ActionInput("   "),)}, "An action item needs a text"),
    ({"actions": (ActionInput("Late", due_on=MONDAY.date() - timedelta(days=1)),)},
     "is due on .* before the meeting"),
    ({"actions": (ActionInput("Ghost", owner_id=999),)}, "owner of 'Ghost' is no longer"),
])
def test_bad_meetings_are_refused_in_plain_words(uow, team, changes, message) -> None:
    with pytest.raises(ValidationError, match=message):
        meetings.create_meeting(uow, replace(MeetingInput(MONDAY, "Weekly"), **changes))
    assert meetings.list_meetings(uow) == []


def test_an_edit_adds_changes_and_removes_action_items(uow, team, joint) -> None:
    first, second = joint.actions
    data = replace(joint.as_input(), notes="Updated notes", actions=(
        replace(first.as_input(), done=True), ActionInput("Book the room")))
    saved = meetings.update_meeting(uow, joint.id, joint.version, data, joint)
    assert saved.notes == "Updated notes"
    assert [(a.text, a.done) for a in saved.actions] == [
        ("Draft the press release", True), ("Book the room", False)]
    assert saved.actions[0].done_on == TODAY
    assert second.id not in {a.id for a in saved.actions}


def test_a_tick_from_my_actions_survives_an_open_editor_saving_its_notes(uow, team, joint) -> None:
    first = joint.actions[0]
    meetings.set_action_done(uow, first.id, first.version, True)
    data = replace(joint.as_input(), notes="Typed while the other person ticked")
    saved = meetings.update_meeting(uow, joint.id, joint.version, data, joint)
    assert saved.notes == "Typed while the other person ticked"
    assert saved.actions[0].done  # not reverted by the editor's stale copy


def test_an_action_item_added_by_someone_else_is_kept(uow, team, joint) -> None:
    theirs = replace(joint.as_input(), actions=(*joint.as_input().actions,
                                                ActionInput("Their new item")))
    meetings.update_meeting(uow, joint.id, joint.version, theirs, joint)
    mine = replace(joint.as_input(), decisions="Launch on the 12th")
    saved = meetings.update_meeting(uow, joint.id, joint.version, mine, joint)
    assert "Their new item" in [a.text for a in saved.actions]
    assert saved.decisions == "Launch on the 12th"


def test_both_changing_the_same_action_item_is_a_conflict(uow, team, joint) -> None:
    first = joint.actions[0]
    theirs = replace(joint.as_input(), actions=(replace(first.as_input(), text="Theirs"),
                                                joint.actions[1].as_input()))
    meetings.update_meeting(uow, joint.id, joint.version, theirs, joint)
    mine = replace(joint.as_input(), actions=(replace(first.as_input(), text="Mine"),
                                              joint.actions[1].as_input()))
    with pytest.raises(ConflictError) as raised:
        meetings.update_meeting(uow, joint.id, joint.version, mine, joint)
    assert raised.value.table == "action_items"
    assert meetings.get_meeting(uow, joint.id).actions[0].text == "Theirs"


def test_an_item_removed_by_someone_else_goes_unless_this_person_changed_it(uow, team, joint) -> None:
    first, second = joint.actions
    meetings.update_meeting(uow, joint.id, joint.version,
                            replace(joint.as_input(), actions=(first.as_input(),)), joint)
    untouched = replace(joint.as_input(), notes="Still typing")
    current = meetings.get_meeting(uow, joint.id)
    saved = meetings.update_meeting(uow, joint.id, current.version, untouched, joint)
    assert [a.text for a in saved.actions] == ["Draft the press release"]
    changed = replace(joint.as_input(), actions=(
        first.as_input(), replace(second.as_input(), text="Ask the rep today")))
    with pytest.raises(ValidationError, match="Someone else removed the action item"):
        meetings.update_meeting(uow, joint.id, saved.version, changed, joint)


def test_an_edit_returns_the_meeting_just_before_it_as_stored_with_theirs(uow, team, joint) -> None:
    theirs = meetings.update_meeting(uow, joint.id, joint.version,
                                     replace(joint.as_input(), agenda="Their agenda"), joint)
    mine = replace(joint.as_input(), decisions="Launch on the 12th")
    before, after = meetings.edit_meeting(uow, joint.id, joint.version, mine, joint)
    assert before == theirs  # what the save replaced, not what the person had loaded
    assert (after.agenda, after.decisions) == ("Their agenda", "Launch on the 12th")
    assert after == meetings.get_meeting(uow, joint.id)


def test_undoing_an_edit_keeps_what_others_saved_since_and_brings_removed_items_back(
        uow, team, joint) -> None:
    first, second = joint.actions
    before, after = meetings.edit_meeting(uow, joint.id, joint.version, replace(
        joint.as_input(), title="Renamed", actions=(first.as_input(),)), joint)
    meetings.update_meeting(uow, joint.id, after.version,
                            replace(after.as_input(), notes="Their notes"), after)
    undone = meetings.reapply_meeting(uow, after, before)
    assert (undone.title, undone.notes) == ("Joint weekly: launch", "Their notes")
    assert [a.text for a in undone.actions] == [first.text, second.text]
    redone = meetings.reapply_meeting(uow, undone, after)
    assert (redone.title, [a.text for a in redone.actions]) == ("Renamed", [first.text])


def test_a_meeting_can_go_as_stored_now_but_not_once_deleted(uow, team, joint) -> None:
    meetings.update_meeting(uow, joint.id, joint.version, replace(joint.as_input(), title="New"))
    assert meetings.delete_meeting(uow, joint.id).title == "New"  # an undo of adding it
    with pytest.raises(ConflictError) as raised:
        meetings.delete_meeting(uow, joint.id)
    assert raised.value.deleted


def test_attendee_changes_of_two_people_are_merged(uow, team, joint) -> None:
    pr, sales = team[Department.PR].id, team[Department.SALES].id
    marketing, lead = team[Department.MARKETING].id, team[Department.LEADERSHIP].id
    meetings.update_meeting(uow, joint.id, joint.version,
                            replace(joint.as_input(), attendee_ids=(pr, sales, marketing)), joint)
    current = meetings.get_meeting(uow, joint.id)
    mine = replace(joint.as_input(), attendee_ids=(pr, lead))  # dropped sales, added the lead
    saved = meetings.update_meeting(uow, joint.id, current.version, mine, joint)
    assert {a.person_id for a in saved.attendees} == {pr, marketing, lead}


def test_my_actions_are_open_ones_overdue_first_then_by_due_date(uow, team) -> None:
    me, other = team[Department.PR].id, team[Department.SALES].id
    day = datetime.combine(TODAY - timedelta(days=20), datetime.min.time())
    meetings.create_meeting(uow, MeetingInput(day, "Old weekly", actions=(
        ActionInput("No due date", me), ActionInput("Next week", me, TODAY + timedelta(days=7)),
        ActionInput("Overdue", me, TODAY - timedelta(days=2)),
        ActionInput("Done already", me, TODAY - timedelta(days=5), done=True),
        ActionInput("Someone else's", other, TODAY - timedelta(days=9)))))
    meetings.create_meeting(uow, MeetingInput(day + timedelta(days=7), "Newer weekly", actions=(
        ActionInput("Very overdue", me, TODAY - timedelta(days=10)),
        ActionInput("Tomorrow", me, TODAY + timedelta(days=1)))))
    mine = meetings.my_actions(uow, me)
    assert [a.item.text for a in mine] == [
        "Very overdue", "Overdue", "Tomorrow", "Next week", "No due date"]
    assert mine[0].meeting_title == "Newer weekly"
    assert mine[0].item.overdue(TODAY) and not mine[2].item.overdue(TODAY)


def test_ticking_done_saves_at_once(uow, team, joint) -> None:
    item = joint.actions[0]
    done = meetings.set_action_done(uow, item.id, item.version, True)
    assert (done.done, done.done_on) == (True, TODAY)
    assert [a.item.id for a in meetings.my_actions(uow, team[Department.PR].id)] == []
    reopened = meetings.set_action_done(uow, item.id, done.version, False)
    assert (reopened.done, reopened.done_on) == (False, None)
    assert [a.item.id for a in meetings.my_actions(uow, team[Department.PR].id)] == [item.id]


def test_a_tick_based_on_an_old_version_never_leaves_a_half_state(uow, team, joint) -> None:
    """Someone ticked it done; a stale "still open" from another window changes nothing."""
    item = joint.actions[0]
    meetings.set_action_done(uow, item.id, item.version, True, TODAY - timedelta(days=1))
    try:
        meetings.set_action_done(uow, item.id, item.version, False)
    except ConflictError:
        pass  # refused outright is as good as merged into nothing
    stored = meetings.get_meeting(uow, joint.id).actions[0]
    assert (stored.done, stored.done_on) == (True, TODAY - timedelta(days=1))


def test_a_deleted_meeting_comes_back_whole(uow, team, joint) -> None:
    meetings.set_action_done(uow, joint.actions[0].id, joint.actions[0].version, True)
    current = meetings.get_meeting(uow, joint.id)
    snapshot = meetings.delete_meeting(uow, joint.id, current.version)
    with pytest.raises(NotFoundError):
        meetings.get_meeting(uow, joint.id)
    back = meetings.restore_meeting(uow, snapshot)
    assert back.as_input().attendee_ids == current.as_input().attendee_ids
    assert [(a.text, a.done, a.done_on) for a in back.actions] == [
        (a.text, a.done, a.done_on) for a in current.actions]


def test_deleting_a_meeting_someone_changed_meanwhile_is_a_conflict(uow, team, joint) -> None:
    meetings.update_meeting(uow, joint.id, joint.version, replace(joint.as_input(), title="New"))
    with pytest.raises(ConflictError):
        meetings.delete_meeting(uow, joint.id, joint.version)


def _card(uow, title: str, team: Team, due_in: int | None,
          stage: Stage = Stage.PLANNED) -> int:
    return board.create_card(uow, board.CardInput(
        title, team, CardKind.PRESS_RELEASE, stage,
        due_on=TODAY + timedelta(days=due_in) if due_in is not None else None))


def test_upcoming_pr_cards_are_the_pr_ones_due_in_the_next_weeks(uow, team) -> None:
    _card(uow, "Launch press release", Team.PR, 10)
    _card(uow, "Briefing list", Team.PR, 2)
    _card(uow, "Marketing email", Team.MARKETING, 3)
    _card(uow, "Already out", Team.PR, 4, Stage.PUBLISHED)
    _card(uow, "Far away", Team.PR, 40)
    _card(uow, "Overdue pitch", Team.PR, -3)
    _card(uow, "Some day", Team.PR, None)
    cards = meetings.upcoming_pr_cards(uow)
    assert [c.title for c in cards] == ["Briefing list", "Launch press release"]


def test_sharing_campaigns_into_the_agenda_does_not_repeat_them(uow, team) -> None:
    _card(uow, "Launch press release", Team.PR, 10)
    cards = meetings.upcoming_pr_cards(uow)
    agenda = meetings.agenda_with_campaigns("1. Coverage so far", cards)
    due = (TODAY + timedelta(days=10)).isoformat()
    assert agenda == ("1. Coverage so far\n\nUpcoming PR campaigns:\n"
                      f"- Launch press release (due {due})")
    assert meetings.agenda_with_campaigns(agenda, cards) == agenda
    assert meetings.agenda_with_campaigns("", []) == ""


def test_an_idea_from_the_notes_becomes_an_idea_card_linked_to_the_meeting(uow, team, joint) -> None:
    me = team[Department.PR].id
    idea = meetings.make_idea_card(uow, joint.id, "- A podcast on patient trust  ", Team.PR, me)
    card = board.get_card(uow, idea.card_id)
    assert (card.title, card.stage, card.team) == ("A podcast on patient trust", Stage.IDEA,
                                                   Team.PR)
    assert "Joint weekly: launch" in card.notes
    linked = [a for a in meetings.get_meeting(uow, joint.id).actions if a.card_id == card.id]
    assert [(a.text, a.owner_id, a.done) for a in linked] == [
        ("Idea card: A podcast on patient trust", me, False)]

    meetings.remove_idea_card(uow, idea)
    with pytest.raises(NotFoundError):
        board.get_card(uow, idea.card_id)
    assert all(a.card_id != card.id for a in meetings.get_meeting(uow, joint.id).actions)
    again = meetings.restore_idea_card(uow, idea)
    assert board.get_card(uow, idea.card_id).title == "A podcast on patient trust"
    assert again.action.id in {a.id for a in meetings.get_meeting(uow, joint.id).actions}


def test_an_empty_note_line_makes_no_card(uow, team, joint) -> None:
    with pytest.raises(ValidationError, match="Put the cursor on the note line"):
        meetings.make_idea_card(uow, joint.id, "  - ", Team.PR)
    assert board.cards_without_goal(uow) == []


def test_rebased_turns_items_that_are_gone_into_new_ones(uow, team, joint) -> None:
    first, second = joint.actions
    meetings.update_meeting(uow, joint.id, joint.version,
                            replace(joint.as_input(), actions=(first.as_input(),)), joint)
    current = meetings.get_meeting(uow, joint.id)
    data = meetings.rebased(joint.as_input(), current)
    assert [(a.id, a.text) for a in data.actions] == [
        (first.id, first.text), (None, second.text)]
    assert meetings.default_team(Department.LEADERSHIP) is Team.PR
    assert meetings.default_team(Department.SALES) is Team.SALES


@pytest.fixture
def failing(uow):
    """Make the next write of a given model fail, as a full disk or a lost drive would."""
    from sqlalchemy import event

    listening: list[tuple[type, str, object]] = []

    def fail_on(model: type, when: str) -> None:
        def boom(*_args: object) -> None:
            raise RuntimeError("the network drive went away")
        event.listen(model, when, boom)
        listening.append((model, when, boom))

    yield fail_on
    for model, when, boom in listening:
        event.remove(model, when, boom)


def test_a_failure_while_linking_an_idea_card_leaves_no_orphan_card(uow, team, joint,
                                                                     failing) -> None:
    from db import models as m

    failing(m.ActionItem, "before_insert")
    with pytest.raises(RuntimeError):
        meetings.make_idea_card(uow, joint.id, "A podcast on patient trust", Team.PR)
    assert board.list_cards(uow) == [] and board.list_trash(uow) == []
    assert len(meetings.get_meeting(uow, joint.id).actions) == 2


def test_an_idea_card_for_a_meeting_deleted_meanwhile_is_not_made(uow, team, joint) -> None:
    meetings.delete_meeting(uow, joint.id, joint.version)
    with pytest.raises(NotFoundError, match="no idea card was made"):
        meetings.make_idea_card(uow, joint.id, "A podcast on patient trust", Team.PR)
    assert board.list_cards(uow) == [] and board.list_trash(uow) == []


def test_undoing_an_idea_card_is_all_or_nothing(uow, team, joint, failing) -> None:
    from db import models as m

    idea = meetings.make_idea_card(uow, joint.id, "A podcast on patient trust", Team.PR)
    failing(m.Card, "before_update")  # trashing the card fails
    with pytest.raises(RuntimeError):
        meetings.remove_idea_card(uow, idea)
    assert board.get_card(uow, idea.card_id).title == "A podcast on patient trust"  # not trashed
    assert idea.action.id in {a.id for a in meetings.get_meeting(uow, joint.id).actions}


def test_redoing_an_idea_card_is_all_or_nothing(uow, team, joint, failing) -> None:
    from db import models as m

    idea = meetings.make_idea_card(uow, joint.id, "A podcast on patient trust", Team.PR)
    meetings.remove_idea_card(uow, idea)
    failing(m.ActionItem, "before_insert")  # linking it again fails
    with pytest.raises(RuntimeError):
        meetings.restore_idea_card(uow, idea)
    assert [c.id for c in board.list_trash(uow)] == [idea.card_id]  # still in the trash


def test_a_settled_meeting_conflict_keeps_their_other_changes(uow, team, joint) -> None:
    from desktop.merge import take_theirs

    marketing = team[Department.MARKETING].id
    first, second = joint.actions
    theirs = replace(joint.as_input(), title="Joint weekly: launch (moved)",
                     attendee_ids=(*joint.as_input().attendee_ids, marketing),
                     actions=(first.as_input(),
                              replace(second.as_input(), text="Ask the rep today")))
    meetings.update_meeting(uow, joint.id, joint.version, theirs, joint)
    data = replace(joint.as_input(), title="Weekly: launch", decisions="Launch on the 12th")
    with pytest.raises(ConflictError) as raised:
        meetings.update_meeting(uow, joint.id, joint.version, data, joint)
    conflict = raised.value
    assert meetings.conflicting_input(data, conflict) is data
    chosen = take_theirs(data, conflict.stored, ["title"])
    base, values = meetings.settle_conflict(joint, data, conflict, chosen)
    saved = meetings.update_meeting(uow, joint.id, base.version, values, base)
    assert (saved.title, saved.decisions) == ("Joint weekly: launch (moved)", "Launch on the 12th")
    assert marketing in {a.person_id for a in saved.attendees}  # their attendee stays
    assert [a.text for a in saved.actions] == ["Draft the press release", "Ask the rep today"]


def test_a_settled_action_item_conflict_saves_the_picks_for_that_item(uow, team, joint) -> None:
    from desktop.merge import take_theirs

    first, second = joint.actions
    later = TODAY + timedelta(days=9)
    theirs = replace(joint.as_input(), actions=(
        replace(first.as_input(), text="Theirs", due_on=later), second.as_input()))
    meetings.update_meeting(uow, joint.id, joint.version, theirs, joint)
    data = replace(joint.as_input(), notes="New notes", actions=(
        replace(first.as_input(), text="Mine"), second.as_input()))
    with pytest.raises(ConflictError) as raised:
        meetings.update_meeting(uow, joint.id, joint.version, data, joint)
    conflict = raised.value
    part = meetings.conflicting_input(data, conflict)
    assert part.id == first.id and part.text == "Mine"
    chosen = take_theirs(part, conflict.stored, ["text", "due_on"])
    base, values = meetings.settle_conflict(joint, data, conflict, chosen)
    saved = meetings.update_meeting(uow, joint.id, base.version, values, base)
    assert (saved.actions[0].text, saved.actions[0].due_on) == ("Theirs", later)
    assert saved.notes == "New notes"


def test_a_change_of_attendees_alone_moves_the_meetings_version(uow, team) -> None:
    from datetime import datetime as _datetime

    from desktop.meetings import MeetingInput as _Input
    from desktop.meetings import create_meeting, update_meeting

    people_ids = [person.id for person in team.values()]
    made = create_meeting(uow, _Input(_datetime(2026, 11, 2, 10), "Joint weekly",
                                      tuple(people_ids[:2])))
    data = _Input(made.starts_at, made.title, tuple(people_ids[:3]))
    saved = update_meeting(uow, made.id, made.version, data)
    assert saved.version == made.version + 1
    assert len(saved.attendees) == 3
