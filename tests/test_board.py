"""Board services: order within columns, moves, cycles, trash and restore, validation."""

from __future__ import annotations

from datetime import date

import pytest

from db.enums import CardKind, CommonGroundTag, Stage, Team
from desktop import board
from desktop.board import CardInput, Derivatives
from desktop.errors import ConflictError, NotFoundError, ValidationError


def _card(uow, title: str, stage: Stage = Stage.IDEA, **kw) -> int:
    return board.create_card(uow, CardInput(title, Team.MARKETING, stage=stage, **kw))


def _column(uow, stage: Stage) -> list[str]:
    return [c.title for c in board.list_cards(uow) if c.stage is stage]


def test_new_cards_go_to_the_end_of_their_column(uow) -> None:
    for title in ("a", "b", "c"):
        _card(uow, title)
    _card(uow, "x", Stage.REVIEW)
    assert _column(uow, Stage.IDEA) == ["a", "b", "c"]
    assert _column(uow, Stage.REVIEW) == ["x"]


def test_moves_within_and_across_columns_keep_a_total_order(uow) -> None:
    ids = {title: _card(uow, title) for title in ("a", "b", "c", "d")}
    board.move_card(uow, ids["d"], Stage.IDEA, None)          # to the top
    assert _column(uow, Stage.IDEA) == ["d", "a", "b", "c"]
    board.move_card(uow, ids["d"], Stage.IDEA, ids["b"])      # between b and c
    assert _column(uow, Stage.IDEA) == ["a", "b", "d", "c"]
    board.move_card(uow, ids["a"], Stage.PLANNED, None)       # to another column
    board.move_card(uow, ids["c"], Stage.PLANNED, ids["a"])
    assert _column(uow, Stage.IDEA) == ["b", "d"]
    assert _column(uow, Stage.PLANNED) == ["a", "c"]
    for stage in Stage:
        column = [c.position for c in board.list_cards(uow) if c.stage is stage]
        assert column == sorted(column) and len(set(column)) == len(column)


def test_many_moves_into_the_same_gap_renumber_without_losing_order(uow) -> None:
    first = _card(uow, "first")
    last = _card(uow, "last")
    moved = [_card(uow, f"m{i}", Stage.PLANNED) for i in range(60)]
    for card_id in moved:  # each lands right after "first": the gap halves every time
        board.move_card(uow, card_id, Stage.IDEA, first)
    column = _column(uow, Stage.IDEA)
    assert column[0] == "first" and column[-1] == "last"
    assert column[1:-1] == [f"m{i}" for i in reversed(range(60))]
    assert last in {c.id for c in board.list_cards(uow)}


def test_moving_next_to_a_card_that_is_gone_is_explained(uow) -> None:
    a, b = _card(uow, "a"), _card(uow, "b")
    board.trash_card(uow, b, board.get_card(uow, b).version)
    with pytest.raises(NotFoundError, match="moved or been deleted"):
        board.move_card(uow, a, Stage.PLANNED, b)
    assert _column(uow, Stage.IDEA) == ["a"]


def test_moving_a_card_someone_deleted_is_explained(uow) -> None:
    a = _card(uow, "a")
    board.trash_card(uow, a, board.get_card(uow, a).version)
    with pytest.raises(NotFoundError, match="Someone else deleted this card"):
        board.move_card(uow, a, Stage.REVIEW)


def test_cycles_in_derived_from_are_refused(uow) -> None:
    survey = _card(uow, "survey")
    release = _card(uow, "release", derived_from_id=survey)
    blog = _card(uow, "blog", derived_from_id=release)
    card = board.get_card(uow, survey)
    with pytest.raises(ValidationError, match="would make a circle"):
        board.update_card(uow, survey, card.version,
                          CardInput("survey", Team.MARKETING, derived_from_id=blog))
    with pytest.raises(ValidationError, match="cannot derive from itself"):
        board.update_card(uow, survey, card.version,
                          CardInput("survey", Team.MARKETING, derived_from_id=survey))
    assert board.get_card(uow, survey).derived_from_id is None
    candidates = {c.title for c in board.derivation_candidates(uow, survey)}
    assert candidates == set()  # everything else derives from the survey
    assert {c.title for c in board.derivation_candidates(uow, blog)} == {"survey", "release"}


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_title_is_refused_and_nothing_saved(uow, title: str) -> None:
    with pytest.raises(ValidationError, match="needs a title"):
        _card(uow, title)
    assert board.list_cards(uow) == []


def test_a_due_date_far_in_the_past_warns_but_saves(uow) -> None:
    saved = board.add_card(uow, CardInput("Old news", Team.PR, due_on=date(2026, 1, 2)),
                           today=date(2026, 11, 22))
    assert saved.warnings and "more than a month in the past" in saved.warnings[0]
    assert board.get_card(uow, saved.card.id).due_on == date(2026, 1, 2)
    fresh = board.add_card(uow, CardInput("Fresh", Team.PR, due_on=date(2026, 11, 20)),
                           today=date(2026, 11, 22))
    assert fresh.warnings == ()


def test_edit_keeps_every_field_and_tags(uow, team) -> None:
    campaign = board.create_campaign(uow, "Survey 2026", launch_on=date(2026, 10, 1))
    card_id = _card(uow, "Blog", campaign_id=campaign.id)
    card = board.get_card(uow, card_id)
    data = CardInput("Blog: findings", Team.PR, CardKind.BLOG_POST, Stage.REVIEW, campaign.id,
                     team[next(iter(team))].id, date(2026, 12, 1), None, "web", None,
                     "https://example.org/blog", True, "draft in the shared folder",
                     (CommonGroundTag.CONTENT_PLANNING, CommonGroundTag.MESSAGING))
    saved = board.update_card(uow, card_id, card.version, data)
    assert saved.as_input() == data
    assert saved.campaign_name == "Survey 2026" and saved.stage is Stage.REVIEW
    with pytest.raises(ConflictError) as caught:
        board.update_card(uow, card_id, card.version, CardInput("Other", Team.PR))
    assert caught.value.stored["title"] == "Blog: findings"


def test_bad_link_is_refused(uow) -> None:
    with pytest.raises(ValidationError, match="http"):
        _card(uow, "x", published_url="javascript:alert(1)")


def test_trash_keep_detach_or_delete_derivatives_and_restore(uow) -> None:
    survey = _card(uow, "survey")
    release = _card(uow, "release", derived_from_id=survey)
    blog = _card(uow, "blog", derived_from_id=release)
    assert board.get_card(uow, survey).derivative_count == 1

    done = board.trash_card(uow, release, board.get_card(uow, release).version, Derivatives.DETACH)
    assert board.get_card(uow, blog).derived_from_id is None
    assert [c.title for c in board.list_trash(uow)] == ["release"]
    board.restore_cards(uow, done.card_ids, done.detached)
    assert board.get_card(uow, blog).derived_from_id == release

    done = board.trash_card(uow, survey, board.get_card(uow, survey).version, Derivatives.DELETE)
    assert set(done.card_ids) == {survey, release, blog}
    assert board.list_cards(uow) == []
    board.restore_cards(uow, done.card_ids)
    assert {c.title for c in board.list_cards(uow)} == {"survey", "release", "blog"}

    board.trash_card(uow, survey, board.get_card(uow, survey).version, Derivatives.KEEP)
    assert board.get_card(uow, release).derived_from_id == survey  # still linked, in the trash
    assert board.empty_trash(uow) == 1
    assert board.list_trash(uow) == []
    assert board.get_card(uow, release).derived_from_id is None
    with pytest.raises(NotFoundError, match="emptied"):
        board.restore_cards(uow, (survey,))


def test_a_move_tells_where_the_card_stood_which_is_what_undo_needs(uow) -> None:
    a, b, c = (_card(uow, t) for t in "abc")
    seen = board.get_card(uow, a)
    first = board.move_card(uow, a, Stage.PLANNED)
    assert first.origin == board.Place(Stage.IDEA, Team.MARKETING, None)
    assert first.place == board.Place(Stage.PLANNED, Team.MARKETING, None)
    assert (first.card.stage, first.card.version) == (Stage.PLANNED, seen.version + 1)
    moved = board.move_card(uow, c, Stage.REVIEW, team=Team.PR)
    assert moved.origin == board.Place(Stage.IDEA, Team.MARKETING, b)
    assert moved.place == board.Place(Stage.REVIEW, Team.PR, None)
    assert moved.card == board.get_card(uow, c)  # read in the move's own transaction
    origin = moved.origin  # undo: back after its old neighbour
    board.move_card(uow, c, origin.stage, origin.after_id, team=origin.team)
    assert _column(uow, Stage.IDEA) == ["b", "c"]
    assert board.get_card(uow, c).team is Team.MARKETING


def test_an_edit_tells_the_card_before_and_after_from_one_transaction(uow, team) -> None:
    from dataclasses import replace

    from db.enums import Department

    card_id = _card(uow, "Blog")
    seen = board.get_card(uow, card_id)
    other = uow.as_person(team[Department.PR].id)
    theirs = board.update_card(other, card_id, seen.version,
                               replace(seen.as_input(), notes="their notes"))
    before, after = board.edit_card(uow, card_id, seen.version,
                                    replace(seen.as_input(), title="Blog: findings"))
    assert before == theirs  # what the save replaced: the colleague's version, merged over
    assert (after.title, after.notes, after.version) == (
        "Blog: findings", "their notes", theirs.version + 1)
    assert after == board.get_card(uow, card_id)


def test_a_colleagues_tag_is_never_lost_to_an_older_edit(uow) -> None:
    card_id = _card(uow, "Blog")
    seen = board.get_card(uow, card_id)
    tagged = board.update_card(uow, card_id, seen.version, CardInput(
        "Blog", Team.MARKETING, tags=(CommonGroundTag.MESSAGING,)))
    assert tagged.version == seen.version + 1  # tags alone move the version
    with pytest.raises(ConflictError) as caught:
        board.update_card(uow, card_id, seen.version, CardInput("Blog: findings", Team.MARKETING))
    assert caught.value.stored["tags"] == ["messaging"] and caught.value.attempted["tags"] == []
    assert board.get_card(uow, card_id).tags == (CommonGroundTag.MESSAGING,)
    # with the same tags, an edit of another field merges without asking
    merged = board.update_card(uow, card_id, seen.version, CardInput(
        "Blog: findings", Team.MARKETING, tags=(CommonGroundTag.MESSAGING,)))
    assert merged.title == "Blog: findings" and merged.tags == (CommonGroundTag.MESSAGING,)


def test_a_merged_save_leaves_a_card_a_colleague_moved_in_its_place(uow) -> None:
    for title in ("a", "b", "c"):
        _card(uow, title, Stage.PLANNED)
    target = _card(uow, "moved")
    seen = board.get_card(uow, target)
    board.move_card(uow, target, Stage.PLANNED, None)  # a colleague drags it to the top
    board.update_card(uow, target, seen.version, CardInput("moved, renamed", Team.MARKETING))
    assert _column(uow, Stage.PLANNED) == ["moved, renamed", "a", "b", "c"]
