"""The demo team file: realistic, complete, deterministic and quick to write."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from db.database import Database, row_counts
from db.enums import CardKind, Department, GoalLevel, Stage, StoryStatus
from db.unit_of_work import UnitOfWork
from desktop import board, cli, goals, people
from desktop.check import run_check
from desktop.demo import write_demo
from desktop.quarters import previous_quarter, quarter_of

TODAY = date(2026, 5, 12)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = write_demo(tmp_path_factory.mktemp("demo") / "demo.cgdb", today=TODAY)
    yield database
    database.dispose()


def _content(database: Database) -> tuple[object, ...]:
    """What a person would see, without the write-time timestamps."""
    with database.read_session() as session:
        cards = sorted(session.execute(select(
            m.Card.title, m.Card.stage, m.Card.due_on, m.Card.goal_id, m.Card.derived_from_id,
            m.Card.position)).all(), key=repr)
        metrics = session.execute(select(
            func.count(), func.sum(m.MetricRecord.value),
            func.min(m.MetricRecord.occurred_at), func.max(m.MetricRecord.occurred_at))).one()
        measurements = session.execute(select(
            m.GoalMeasurement.goal_id, m.GoalMeasurement.measured_on,
            m.GoalMeasurement.value).order_by(m.GoalMeasurement.id)).all()
        stories = session.execute(select(
            m.StoryRequest.title, m.StoryRequest.status, m.StoryRequest.decided_at)
            .order_by(m.StoryRequest.id)).all()
        events = session.execute(select(m.TeamEvent.uid, m.TeamEvent.starts_at)).all()
    counts = {k: v for k, v in row_counts(database).items() if k != "change_log"}
    return cards, tuple(metrics), measurements, stories, events, counts


def test_people_span_the_departments(demo: Database) -> None:
    team = people.list_people(UnitOfWork(demo))
    assert len(team) == 10
    departments = Counter(person.department for person in team)
    for department in (Department.PR, Department.MARKETING, Department.SALES):
        assert departments[department] >= 2
    assert departments[Department.LEADERSHIP] >= 1
    assert sum(not person.active for person in team) == 1
    assert all("@" in person.email for person in team)
    assert any(name in {p.name for p in team} for name in ("Zoë Müller", "José Álvarez"))


def test_both_quarters_have_aligned_measured_goals(demo: Database) -> None:
    uow = UnitOfWork(demo)
    current = quarter_of(TODAY)
    for quarter in (previous_quarter(current), current):
        tree = goals.goal_tree(goals.list_goals(uow, quarter))
        corporate = [node for node in tree if node.goal.level is GoalLevel.CORPORATE]
        assert 2 <= len(corporate) <= 3
        for node in corporate:
            assert 2 <= len(node.children) <= 3
            for goal in (node.goal, *(child.goal for child in node.children)):
                assert goal.measurement_count > 0
                assert goal.owner_id is not None
    carried = [g for g in goals.list_goals(uow, current) if g.carried_from_id]
    assert carried
    with demo.read_session() as session:
        latest = session.scalar(select(func.max(m.GoalMeasurement.measured_on)))
    assert latest <= TODAY


def test_the_survey_reaches_far(demo: Database) -> None:
    with demo.read_session() as session:
        rows = session.execute(select(m.Card.id, m.Card.kind, m.Card.derived_from_id)).all()
    children: dict[int, list[int]] = defaultdict(list)
    kinds = {card_id: kind for card_id, kind, _ in rows}
    for card_id, _, parent in rows:
        if parent is not None:
            children[parent].append(card_id)
    survey = next(card_id for card_id, kind, _ in rows if kind is CardKind.SURVEY_DATA)
    found, todo = set(), [survey]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    assert len(found) >= 10
    assert {CardKind.MEDIA_COVERAGE, CardKind.BLOG_POST, CardKind.EBOOK, CardKind.SOCIAL_POST,
            CardKind.EMAIL, CardKind.PAID_AD} <= {kinds[card_id] for card_id in found}


def test_board_covers_every_stage_with_ordered_columns(demo: Database) -> None:
    with demo.read_session() as session:
        cards = session.scalars(select(m.Card)).all()
    by_stage: dict[Stage, list[float]] = defaultdict(list)
    for card in cards:
        by_stage[Stage(card.stage)].append(card.position)
        if card.stage in (Stage.PUBLISHED, Stage.MEASURED):
            assert card.published_url.startswith("https://")
    assert set(by_stage) == set(Stage)
    for positions in by_stage.values():
        assert sorted(positions) == [float(n) for n in range(1, len(positions) + 1)]
    assert any(card.pilot for card in cards)
    assert sum(bool(card.tags) for card in cards) > len(cards) / 2
    assert any(card.due_on and card.due_on < TODAY and card.stage in (Stage.PLANNED,
               Stage.IN_PROGRESS, Stage.REVIEW) for card in cards)


def test_every_story_status_occurs(demo: Database) -> None:
    with demo.read_session() as session:
        requests = session.scalars(select(m.StoryRequest)).all()
        customers = {c.id: c for c in session.scalars(select(m.Customer))}
        communications = session.scalars(select(m.Communication)).all()
        placements = session.scalar(select(func.count()).select_from(m.Placement))
    assert {r.status for r in requests} == set(StoryStatus)
    for request in requests:
        if request.decided_at is not None:
            assert request.decided_by_id == customers[request.customer_id].rep_id
    assert [c for c in communications if not c.rep_included and c.without_rep_reason]
    assert placements > 0


def test_some_cards_serve_no_goal(demo: Database) -> None:
    assert board.cards_without_goal(UnitOfWork(demo))


def test_metric_records_follow_a_working_day(demo: Database) -> None:
    with demo.read_session() as session:
        count = session.scalar(select(func.count()).select_from(m.MetricRecord))
        hours = Counter(at.hour for at in session.scalars(select(m.MetricRecord.occurred_at)))
        imported = session.scalar(select(func.count()).where(m.MetricRecord.import_id.is_not(None)))
        typed = session.scalar(select(func.count()).where(
            m.MetricRecord.import_id.is_(None), m.MetricRecord.entered_by_id.is_not(None)))
        latest = session.scalar(select(func.max(m.MetricRecord.occurred_at)))
    assert 1_000 <= count <= 10_000
    assert len(hours) >= 12
    assert hours.most_common(1)[0][0] in range(8, 13)
    assert imported > typed > 0
    assert latest.date() < TODAY


def test_same_day_same_content(demo: Database, tmp_path: Path) -> None:
    again = write_demo(tmp_path / "again.cgdb", today=TODAY)
    try:
        assert _content(again) == _content(demo)
    finally:
        again.dispose()


def test_grows_to_the_requested_board_size(tmp_path: Path) -> None:
    database = write_demo(tmp_path / "big.cgdb", cards=2000, today=TODAY)
    try:
        with database.read_session() as session:
            live = session.scalar(select(func.count()).where(m.Card.deleted_at.is_(None)))
            stages = session.execute(select(m.Card.stage, func.count(), func.count(
                m.Card.position.distinct())).group_by(m.Card.stage)).all()
        assert live == 2000
        assert all(count == distinct for _, count, distinct in stages)
    finally:
        database.dispose()


def test_quarter_start_still_has_current_measurements(tmp_path: Path) -> None:
    database = write_demo(tmp_path / "q.cgdb", today=date(2026, 7, 1))
    try:
        current = goals.list_goals(UnitOfWork(database), "2026-Q3")
        assert current and all(goal.measured_on == date(2026, 7, 1) for goal in current)
    finally:
        database.dispose()


def test_command_writes_a_healthy_file_once(tmp_path: Path) -> None:
    path = tmp_path / "cli.cgdb"
    assert cli.main(["demo", str(path)]) == 0
    assert run_check(path).ok
    assert cli.main(["demo", str(path)]) != 0


def test_media_relations_cover_every_step(demo: Database) -> None:
    from db.enums import PitchState, SubmissionState
    from desktop.media import materials, overview

    uow = UnitOfWork(demo)
    view = overview.load(uow, None, TODAY)
    assert 40 <= len(view.contacts) <= 60 and {o.tier for o in view.outlets} == {1, 2, 3}
    assert 2 <= sum(c.do_not_contact for c in view.contacts) <= 5
    assert {p.state for p in view.pitches} == set(PitchState)
    launch = [p for p in view.pitches if p.card_title.startswith("Press release: 7 in 10")]
    assert sum(p.state == PitchState.COVERED for p in launch) == 5 == len(
        [link for link in view.links if link.pitch_subject == launch[0].subject])
    assert [s.contact_name for s in view.suggestions][:1] == ["Jonas Wehrle"]  # to confirm
    amplified = [link for link in view.links if link.amplified]
    assert len(amplified) >= 2
    assert any(item.flags for item in materials.list_materials(uow, TODAY))
    assert len(view.events) == 3
    assert {s.state for s in view.submissions} >= {
        SubmissionState.DRAFT, SubmissionState.SUBMITTED, SubmissionState.CONFIRMED,
        SubmissionState.DELIVERED, SubmissionState.REJECTED, SubmissionState.WITHDRAWN}
    [on_stage] = [s for s in view.submissions if s.customers_on_stage]
    with demo.read_session() as session:
        request = session.get(m.StoryRequest, on_stage.speakers[1].story_request_id)
        customer = session.get(m.Customer, request.customer_id)
        assert request.kind.value == "event_speaker" and request.decided_by_id == customer.rep_id


def test_a_command_runs_without_the_cycle_collector_and_gives_it_back(tmp_path: Path,
                                                                     monkeypatch) -> None:
    """One piece of work in a process of its own: nothing walks its heap meanwhile, and
    the collector runs again after (the tests' process goes on)."""
    import gc

    from desktop import demo

    collecting: list[bool] = []
    write = demo.write_demo

    def write_demo(*args, **kwargs) -> Database:
        collecting.append(gc.isenabled())
        return write(*args, **kwargs)

    monkeypatch.setattr(demo, "write_demo", write_demo)
    was = gc.isenabled()
    gc.enable()
    try:
        assert cli.main(["demo", str(tmp_path / "gc.cgdb")]) == 0
        assert collecting == [False]  # while the demo team was written
        assert gc.isenabled()
        assert cli.main(["demo", str(tmp_path / "gc.cgdb")]) != 0  # refused: written already
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
