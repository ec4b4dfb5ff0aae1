"""The Board page through pytest-qt: moves by keyboard and drop, undo, filters, lineage, trash.

The page loads and saves on the task manager's threads: tests wait with ``settle``.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers.board import click_card, click_tool, type_search
from person import finish_in_background, follow_changes, pick, settle, show, type_into, wait_for_save
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from db import models as m
from db.enums import CardKind, Department, Stage, Team
from desktop import board
from desktop.board import CardInput
from ui.board import board_page
from ui.board.board_dialogs import DerivativesDialog, LineageDialog, TemplateCampaignDialog
from ui.board.board_models import (
    CARD_MIME_TYPE,
    LineageTreeModel,
    StageCardsListModel,
    TrashTableModel,
    moved_cards,
    placed_card,
)
from ui.board.board_page import BoardPage
from ui.board.card_dialog import CardDialog
from ui.shell import form_dialog
from ui.shell.context import TeamContext
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui


@pytest.fixture
def cards(uow) -> dict[str, int]:
    def add(title: str, stage: Stage = Stage.IDEA, **kw) -> int:
        return board.create_card(uow, CardInput(title, kw.pop("team", Team.MARKETING),
                                                stage=stage, **kw))

    ids = {"survey": add("Survey data", Stage.PUBLISHED, kind=CardKind.SURVEY_DATA, team=Team.PR)}
    ids["release"] = add("Press release", Stage.PUBLISHED, kind=CardKind.PRESS_RELEASE,
                         team=Team.PR, derived_from_id=ids["survey"])
    ids["coverage"] = add("Coverage in Trade Weekly", Stage.MEASURED,
                          kind=CardKind.MEDIA_COVERAGE, team=Team.PR,
                          derived_from_id=ids["release"])
    ids["blog"] = add("Blog: findings", derived_from_id=ids["survey"], pilot=True)
    ids["ebook"] = add("E-book", derived_from_id=ids["survey"])
    ids["ads"] = add("Paid ads", derived_from_id=ids["ebook"], team=Team.SALES)
    with uow.write() as session:
        session.add_all([
            m.MetricRecord(occurred_at=datetime(2026, 10, 1, 9), channel="press",
                           card_id=ids["coverage"], metric="reach", value=120_000),
            m.MetricRecord(occurred_at=datetime(2026, 10, 2, 9), channel="paid social",
                           card_id=ids["ads"], metric="leads", value=12),
            m.MetricRecord(occurred_at=datetime(2026, 10, 2, 9), channel="paid social",
                           card_id=ids["ads"], metric="cost", value=480)])
    return ids


@pytest.fixture
def page(qtbot, uow, team, cards):
    stack = QUndoStack()
    widget = BoardPage(stack)
    widget.undo_stack = stack
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.MARKETING]))
    follow_changes(widget)
    widget.resize(1400, 800)
    widget.show()
    settle(qtbot)
    return widget



def _titles(page: BoardPage, stage: Stage) -> list[str]:
    return [c.title for (team, s), view in page._views.items() if s is stage
            for c in view.model().cards]


def _stored(uow, stage: Stage) -> list[str]:
    return [c.title for c in board.list_cards(uow) if c.stage is stage]


def test_the_board_shows_every_card_in_its_column(page) -> None:
    assert _titles(page, Stage.IDEA) == ["Blog: findings", "E-book", "Paid ads"]
    assert _titles(page, Stage.PUBLISHED) == ["Survey data", "Press release"]
    assert page._count_labels[Stage.IDEA].text() == "Idea (3)"
    survey = page._views[(None, Stage.PUBLISHED)].model().card_at(0)
    assert survey.derivative_count == 3


def test_keyboard_moves_change_the_stored_stage_and_order_and_undo(page, uow, cards, qtbot) -> None:
    click_card(qtbot, page, "E-book")
    qtbot.keyClick(page.focusWidget(), Qt.Key_Right, Qt.ControlModifier)
    assert _titles(page, Stage.PLANNED) == ["E-book"]  # shown at once, saved meanwhile
    settle(qtbot)
    assert _stored(uow, Stage.PLANNED) == ["E-book"]
    assert page.focused_card().id == cards["ebook"]  # the focus follows the card
    qtbot.keyClick(page.focusWidget(), Qt.Key_Left, Qt.ControlModifier)
    settle(qtbot)
    assert _stored(uow, Stage.IDEA) == ["E-book", "Blog: findings", "Paid ads"]
    click_card(qtbot, page, "Blog: findings")
    qtbot.keyClick(page.focusWidget(), Qt.Key_Down, Qt.ControlModifier)
    settle(qtbot)
    assert _stored(uow, Stage.IDEA) == ["E-book", "Paid ads", "Blog: findings"]
    assert page.undo_stack.undoText() == "Move card 'Blog: findings'"
    page.undo_stack.undo()
    settle(qtbot)
    assert _stored(uow, Stage.IDEA) == ["E-book", "Blog: findings", "Paid ads"]
    page.undo_stack.undo()
    page.undo_stack.undo()
    settle(qtbot)
    assert _stored(uow, Stage.IDEA) == ["Blog: findings", "E-book", "Paid ads"]
    assert _titles(page, Stage.IDEA) == ["Blog: findings", "E-book", "Paid ads"]


def test_ctrl_right_moves_the_card_in_one_write_and_one_reload(page, uow, qtbot,
                                                                monkeypatch) -> None:
    """The move saves in one write transaction (what undo needs read in it), and the board
    loads once afterwards: the change feed's reload, not one of the page's own as well."""
    from sqlalchemy import event

    commits: list[object] = []
    loads: list[object] = []
    listing = board.list_cards
    monkeypatch.setattr(board, "list_cards", lambda file: (loads.append(file), listing(file))[1])

    def committed(connection) -> None:
        commits.append(connection)

    engine = uow.database.engine
    event.listen(engine, "commit", committed)
    try:
        click_card(qtbot, page, "E-book")
        qtbot.keyClick(page.focusWidget(), Qt.Key_Right, Qt.ControlModifier)
        assert _titles(page, Stage.PLANNED) == ["E-book"]  # at once
        settle(qtbot)
    finally:
        event.remove(engine, "commit", committed)
    assert (len(commits), len(loads)) == (1, 1)
    assert _titles(page, Stage.PLANNED) == ["E-book"] and "E-book" not in _titles(page, Stage.IDEA)
    assert page.focused_card().title == "E-book"
    assert _stored(uow, Stage.PLANNED) == ["E-book"]
    assert page.undo_stack.undoText() == "Move card 'E-book'"


def test_a_drop_between_cards_moves_the_card_there(page, uow, cards, qtbot) -> None:
    review: StageCardsListModel = page._views[(None, Stage.PUBLISHED)].model()
    mime = QMimeData()
    mime.setData(CARD_MIME_TYPE, str(cards["blog"]).encode())
    assert review.dropMimeData(mime, Qt.MoveAction, 1, 0, QModelIndex()) is False
    qtbot.waitUntil(lambda: _titles(page, Stage.PUBLISHED) == [
        "Survey data", "Blog: findings", "Press release"])  # shown before it is saved
    settle(qtbot)
    assert _stored(uow, Stage.PUBLISHED) == ["Survey data", "Blog: findings", "Press release"]
    assert _titles(page, Stage.PUBLISHED) == ["Survey data", "Blog: findings", "Press release"]
    page.undo_stack.undo()
    settle(qtbot)
    assert _stored(uow, Stage.IDEA) == ["Blog: findings", "E-book", "Paid ads"]
    assert _titles(page, Stage.IDEA) == ["Blog: findings", "E-book", "Paid ads"]


def test_a_drop_into_another_lane_changes_the_owning_team(page, uow, cards, qtbot) -> None:
    click_tool(qtbot, page, page.lanes_action)
    sales_planned = page._views[(Team.SALES, Stage.PLANNED)].model()
    mime = QMimeData()
    mime.setData(CARD_MIME_TYPE, str(cards["blog"]).encode())
    sales_planned.dropMimeData(mime, Qt.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: board.get_card(uow, cards["blog"]).stage is Stage.PLANNED)
    settle(qtbot)
    assert board.get_card(uow, cards["blog"]).team is Team.SALES
    assert [c.title for c in page._views[(Team.SALES, Stage.PLANNED)].model().cards] == [
        "Blog: findings"]


def test_filters_combine_show_their_state_and_clear_in_one_step(page, qtbot) -> None:
    pick(qtbot, page.team_box, "PR")
    assert _titles(page, Stage.IDEA) == [] and _titles(page, Stage.PUBLISHED) == [
        "Survey data", "Press release"]
    type_search(qtbot, page, "release")
    qtbot.waitUntil(lambda: _titles(page, Stage.PUBLISHED) == ["Press release"])
    assert page.status_label.text() == 'Showing 1 of 6 cards, filtered by: text "release", team PR'
    qtbot.mouseClick(page.clear_button, Qt.LeftButton)
    assert page.search_edit.text() == "" and len(_titles(page, Stage.IDEA)) == 3
    assert page.status_label.text() == "6 cards"
    qtbot.mouseClick(page.pilots_check, Qt.LeftButton)
    assert _titles(page, Stage.IDEA) == ["Blog: findings"]


def test_lineage_view_shows_the_known_sums(page, cards, monkeypatch, qtbot) -> None:
    monkeypatch.setattr(LineageDialog, "exec", lambda self: QDialog.Accepted)
    view = click_card(qtbot, page, "Paid ads")
    qtbot.keyClick(view, Qt.Key_L, Qt.ControlModifier)
    settle(qtbot)
    dialog = page.lineage_dialog
    assert dialog.headline.text() == "Survey data -> 5 pieces -> 120 k reach -> 12 leads"
    model = dialog.model
    root = model.index(0, 0)
    assert root.data() == "Survey data"
    header = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert model.index(0, header.index("Leads")).data() == "12"
    assert model.index(0, header.index("Coverage")).data() == "1"
    ebook = next(model.index(r, 0, root) for r in range(model.rowCount(root))
                 if model.index(r, 0, root).data() == "E-book")
    assert model.index(ebook.row(), header.index("Cost"), root).data() == "480"
    assert dialog.tree.currentIndex().data() == "Paid ads"


def test_new_card_through_the_dialog_then_undo(page, uow, monkeypatch, qtbot) -> None:
    def exec_(dialog: CardDialog) -> int:
        show(qtbot, dialog)
        qtbot.keyClicks(dialog.title_edit, "Infographic: survey in numbers")
        pick(qtbot, dialog.kind_box, "Social post")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CardDialog, "exec", exec_)
    click_tool(qtbot, page, page.new_action)
    settle(qtbot)
    assert "Infographic: survey in numbers" in _stored(uow, Stage.IDEA)
    assert page.focused_card().title == "Infographic: survey in numbers"
    page.undo_stack.undo()
    settle(qtbot)
    assert "Infographic: survey in numbers" not in _titles(page, Stage.IDEA)
    assert "Infographic: survey in numbers" not in _stored(uow, Stage.IDEA)
    assert "Infographic: survey in numbers" in [c.title for c in board.list_trash(uow)]


def test_an_empty_title_keeps_the_dialog_open_and_saves_nothing(page, uow, monkeypatch,
                                                                qtbot) -> None:
    shown: list[str] = []

    def exec_(dialog: CardDialog) -> int:
        show(qtbot, dialog)
        qtbot.keyClicks(dialog.title_edit, "   ")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        wait_for_save(dialog)  # "Saving…" until the refusal comes back
        shown.append(dialog.error_label.text())
        return dialog.result()

    monkeypatch.setattr(CardDialog, "exec", exec_)
    click_tool(qtbot, page, page.new_action)
    settle(qtbot)
    assert shown == ["A card needs a title."] and len(board.list_cards(uow)) == 6
    assert page.undo_stack.count() == 0


def test_edit_and_undo(page, uow, cards, monkeypatch, qtbot) -> None:
    def exec_(dialog: CardDialog) -> int:
        show(qtbot, dialog)
        type_into(qtbot, dialog.title_edit, "Blog: five findings")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CardDialog, "exec", exec_)
    view = click_card(qtbot, page, "Blog: findings")
    qtbot.keyClick(view, Qt.Key_E, Qt.ControlModifier)
    settle(qtbot)
    assert board.get_card(uow, cards["blog"]).title == "Blog: five findings"
    assert page.focused_card().title == "Blog: five findings"
    page.undo_stack.undo()
    settle(qtbot)
    assert board.get_card(uow, cards["blog"]).title == "Blog: findings"
    assert _titles(page, Stage.IDEA)[0] == "Blog: findings"


def test_deleting_a_source_asks_about_derivatives_and_undo_restores(page, uow, cards,
                                                                    monkeypatch, qtbot) -> None:
    def exec_(dialog: DerivativesDialog) -> int:
        show(qtbot, dialog)
        qtbot.mouseClick(dialog.delete, Qt.LeftButton, pos=QPoint(8, dialog.delete.height() // 2))
        return QDialog.Accepted

    monkeypatch.setattr(DerivativesDialog, "exec", exec_)
    click_card(qtbot, page, "E-book")
    qtbot.keyClick(page.focusWidget(), Qt.Key_Delete)
    settle(qtbot)
    assert {c.title for c in board.list_trash(uow)} == {"E-book", "Paid ads"}
    assert _titles(page, Stage.IDEA) == ["Blog: findings"]
    page.undo_stack.undo()
    settle(qtbot)
    assert board.list_trash(uow) == []
    assert board.get_card(uow, cards["ads"]).derived_from_id == cards["ebook"]


def test_trash_restore_and_empty_asks_first(page, uow, cards, monkeypatch, qtbot) -> None:
    for key in ("blog", "ads"):
        card = board.get_card(uow, cards[key])
        board.trash_card(uow, card.id, card.version)
    page.refresh()
    settle(qtbot)
    asked: list[str] = []
    monkeypatch.setattr(board_page, "ask", lambda _p, _t, text, **_k: (asked.append(text),
                                                                      QMessageBox.No)[1])

    def exec_(dialog) -> int:
        show(qtbot, dialog)
        table = dialog.table
        qtbot.mouseClick(table.viewport(), Qt.LeftButton,
                         pos=table.visualRect(table.model().index(0, 0)).center())
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
        qtbot.mouseClick(dialog.empty_button, Qt.LeftButton)  # answered No: nothing removed
        return QDialog.Rejected

    monkeypatch.setattr(board_page.TrashDialog, "exec", exec_)
    click_tool(qtbot, page, page.trash_action)
    settle(qtbot)
    assert asked and "cannot be undone" in asked[0] and "Remove 1 card in the trash" in asked[0]
    assert len(board.list_trash(uow)) == 1
    assert len(_titles(page, Stage.IDEA)) == 2


def test_new_campaign_from_the_built_in_template(page, uow, monkeypatch, qtbot) -> None:
    def exec_(dialog: TemplateCampaignDialog) -> int:
        show(qtbot, dialog)
        qtbot.keyClicks(dialog.name_edit, "Patient Trust Survey")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(TemplateCampaignDialog, "exec", exec_)
    click_tool(qtbot, page, page.template_action)
    settle(qtbot)
    new = [c for c in board.list_cards(uow) if c.campaign_name == "Patient Trust Survey"]
    assert len(new) == 9
    assert page.campaign_box.findText("Patient Trust Survey") >= 0
    assert page.focused_card().campaign_name == "Patient Trust Survey"
    page.undo_stack.undo()
    settle(qtbot)
    assert [c for c in board.list_cards(uow) if c.campaign_name == "Patient Trust Survey"] == []


def test_read_only_disables_editing(page, uow, team, qtbot) -> None:
    uow.database.read_only_reason = "read-only"
    page.set_context(TeamContext(uow.database, team[Department.PR]))
    follow_changes(page)
    settle(qtbot)
    click_card(qtbot, page, "Survey data")
    assert not page.new_action.isEnabled() and not page.edit_action.isEnabled()
    assert page.lineage_action.isEnabled()


def test_models_pass_the_model_tester(qtmodeltester, page, uow, cards) -> None:
    from desktop.lineage import lineage

    qtmodeltester.check(page._views[(None, Stage.IDEA)].model())
    tree = LineageTreeModel()
    tree.set_root(lineage(uow, cards["survey"]))
    qtmodeltester.check(tree)
    trash = TrashTableModel()
    trash.set_rows(board.list_cards(uow))
    qtmodeltester.check(trash)


# --------------------------------------------------------------------------- conflicts


def _someone_else_renames(uow, team, card_id: int, title: str) -> None:
    from dataclasses import replace

    other = uow.as_person(team[Department.PR].id)
    card = board.get_card(other, card_id)
    board.update_card(other, card_id, card.version, replace(card.as_input(), title=title))


def test_taking_all_theirs_in_a_conflict_keeps_their_values(page, uow, team, cards,
        answer_conflicts, monkeypatch, qtbot) -> None:
    def edit(dialog: CardDialog) -> int:
        _someone_else_renames(uow, team, cards["blog"], "Blog: their title")
        show(qtbot, dialog)
        type_into(qtbot, dialog.title_edit, "Blog: my title")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CardDialog, "exec", edit)
    answer_conflicts("theirs")
    view = click_card(qtbot, page, "Blog: findings")
    qtbot.keyClick(view, Qt.Key_E, Qt.ControlModifier)
    settle(qtbot)
    assert board.get_card(uow, cards["blog"]).title == "Blog: their title"


def test_back_to_editing_keeps_the_card_dialog_open_with_the_typing(page, uow, team, cards,
        answer_conflicts, monkeypatch, qtbot) -> None:
    after_back: list[tuple[int, str, str]] = []

    def edit(dialog: CardDialog) -> int:
        _someone_else_renames(uow, team, cards["blog"], "Blog: their title")
        show(qtbot, dialog)
        type_into(qtbot, dialog.title_edit, "Blog: my title")
        save = dialog.buttons.button(QDialogButtonBox.Save)
        qtbot.mouseClick(save, Qt.LeftButton)  # the conflict dialog: back to editing
        wait_for_save(dialog)
        after_back.append((dialog.result(), dialog.title_edit.text(),
                           dialog.error_label.text()))
        qtbot.mouseClick(save, Qt.LeftButton)  # the conflict dialog again: keep mine
        wait_for_save(dialog)
        return dialog.result()

    monkeypatch.setattr(CardDialog, "exec", edit)
    answer_conflicts("back", "mine")
    view = click_card(qtbot, page, "Blog: findings")
    qtbot.keyClick(view, Qt.Key_E, Qt.ControlModifier)
    settle(qtbot)
    [(result, typed, problem)] = after_back
    assert result != QDialog.Accepted and typed == "Blog: my title"
    assert problem.startswith("Someone else saved this meanwhile.")
    assert board.get_card(uow, cards["blog"]).title == "Blog: my title"
    page.undo_stack.undo()  # undo brings theirs back, not the title before both edits
    settle(qtbot)
    assert board.get_card(uow, cards["blog"]).title == "Blog: their title"


# --------------------------------------------------------------------------- waiting and refusals


@pytest.mark.slow
def test_a_move_waiting_for_a_lock_shows_at_once_and_the_window_stays_usable(
        page, uow, cards, qtbot, db_path, lock_holder) -> None:
    holder = lock_holder(db_path)
    click_card(qtbot, page, "E-book")
    qtbot.keyClick(page.focusWidget(), Qt.Key_Right, Qt.ControlModifier)
    assert _titles(page, Stage.PLANNED) == ["E-book"]  # at once, while the save waits
    assert "E-book" in _stored(uow, Stage.IDEA)
    with qtbot.waitSignal(task_manager().op_finished, timeout=5000,
                          check_params_cb=lambda op: op.lane == "read"):
        page.refresh()  # a reload meanwhile (someone else saved) must not undo the move
    assert _titles(page, Stage.PLANNED) == ["E-book"]
    type_search(qtbot, page, "book")  # the person keeps working: the filter needs no file
    qtbot.waitUntil(lambda: _titles(page, Stage.IDEA) == [], timeout=1000)
    assert _titles(page, Stage.PLANNED) == ["E-book"] and task_manager().pending_writes
    page.clear_filters()
    assert "E-book" in _stored(uow, Stage.IDEA)  # the save still waits
    holder.release()
    qtbot.waitUntil(task_manager().idle, timeout=15_000)
    assert _stored(uow, Stage.PLANNED) == ["E-book"]
    assert _titles(page, Stage.PLANNED) == ["E-book"]
    assert page.focused_card().id == cards["ebook"]
    assert page.undo_stack.undoText() == "Move card 'E-book'"


@pytest.mark.slow
def test_an_edit_waiting_for_a_lock_lets_the_dialog_close_and_lands_later(
        page, uow, cards, qtbot, db_path, monkeypatch, lock_holder) -> None:
    results: list[int] = []

    def exec_(dialog: CardDialog) -> int:
        show(qtbot, dialog)
        type_into(qtbot, dialog.title_edit, "Blog: five findings")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        finish_in_background(dialog)  # offered while the save waits for the lock
        results.append(dialog.result())
        return dialog.result()

    monkeypatch.setattr(CardDialog, "exec", exec_)
    monkeypatch.setattr(form_dialog, "BACKGROUND_OFFER_MS", 50)
    holder = lock_holder(db_path)
    view = click_card(qtbot, page, "Blog: findings")
    qtbot.keyClick(view, Qt.Key_E, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [QDialog.Accepted]  # closed while the save waits for the lock
    assert board.get_card(uow, cards["blog"]).title == "Blog: findings"
    holder.release()
    qtbot.waitUntil(task_manager().idle, timeout=15_000)
    assert board.get_card(uow, cards["blog"]).title == "Blog: five findings"
    assert page.focused_card().title == "Blog: five findings"
    assert page.undo_stack.undoText() == "Edit card 'Blog: five findings'"


def test_a_refused_move_reloads_the_board_and_says_why(page, uow, team, cards, qtbot,
                                                       monkeypatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(board_page, "show_error",
                        lambda _parent, error, title="": shown.append((title, error.message)))
    other = uow.as_person(team[Department.PR].id)
    ebook = board.get_card(other, cards["ebook"])
    board.trash_card(other, ebook.id, ebook.version)  # the board has not reloaded yet
    click_card(qtbot, page, "E-book")
    qtbot.keyClick(page.focusWidget(), Qt.Key_Right, Qt.ControlModifier)
    assert _titles(page, Stage.PLANNED) == ["E-book"]
    settle(qtbot)
    assert shown == [("Could not move the card", "Someone else deleted this card meanwhile; "
                      "it was not moved. Look in the trash.")]
    assert _titles(page, Stage.PLANNED) == [] and _titles(page, Stage.IDEA) == [
        "Blog: findings", "Paid ads"]
    assert page.undo_stack.count() == 0


def test_the_board_shown_before_a_save_matches_what_the_save_stores(uow, cards) -> None:
    """What a move or a save shows at once is what the reload brings afterwards."""
    from dataclasses import replace

    def columns(listed: list[board.Card]) -> dict[Stage, list[tuple[int, Team, str]]]:
        return {stage: [(c.id, c.team, c.title) for c in listed if c.stage is stage]
                for stage in Stage}

    shown = board.list_cards(uow)
    blog = next(c for c in shown if c.id == cards["blog"])
    for stage, after in ((Stage.REVIEW, None), (Stage.PUBLISHED, cards["survey"]),
                         (Stage.PUBLISHED, None), (Stage.IDEA, cards["ads"])):
        shown = moved_cards(shown, blog, stage, Team.SALES, after)
        blog = board.move_card(uow, blog.id, stage, after, team=Team.SALES).card
        assert columns(shown) == columns(board.list_cards(uow))
    edited = board.update_card(uow, blog.id, blog.version,
                               replace(blog.as_input(), title="Blog", stage=Stage.PUBLISHED))
    shown = placed_card(shown, edited)
    assert columns(shown) == columns(board.list_cards(uow))
    assert columns(shown)[Stage.PUBLISHED][-1] == (blog.id, Team.SALES, "Blog")
