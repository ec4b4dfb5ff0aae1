"""The Board page as a person uses it: pick a filter, type, click a card, press a key.

Every test acts through the widgets (combo boxes picked from their pop-up list,
``keyClicks`` into the search field, mouse clicks on the cards, shortcuts) and
asserts what the person sees: the cards in each column, the filter line, which
actions are enabled, what a dialog says.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from helpers.board import card_at, click_card, double_click, named, shown, type_search
from person import follow_changes, pick, settle, show, type_into
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QWidget

from db.enums import CardKind, CommonGroundTag, Department, GoalLevel, Stage, Team
from desktop import board, goals
from desktop.board import CardInput
from ui.board.board_page import BoardPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui

TODAY = date.today()


@pytest.fixture
def goal_ids(uow) -> dict[str, int]:
    quarter = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"
    return {key: goals.create_goal(uow, goals.GoalInput(
        GoalLevel.CORPORATE, quarter, title, "leads", 100)).id
        for key, title in (("leads", "400 healthcare leads"), ("awareness", "Launch awareness"))}


@pytest.fixture
def cards(uow, team, goal_ids) -> dict[str, int]:
    """Each filter matches a card with a due date and one without."""
    campaign = board.create_campaign(uow, "Trust Survey").id
    pr, marketing = team[Department.PR].id, team[Department.MARKETING].id
    tag = CommonGroundTag

    def add(key: str, title: str, team_: Team, kind: CardKind, due: int | None,
            **kw) -> tuple[str, int]:
        data = CardInput(title, team_, kind, kw.pop("stage", Stage.IDEA),
                         due_on=None if due is None else TODAY + timedelta(days=due), **kw)
        return key, board.create_card(uow, data)

    return dict((
        add("release", "Survey press release", Team.PR, CardKind.PRESS_RELEASE, -3,
            stage=Stage.REVIEW, campaign_id=campaign, owner_id=pr, goal_id=goal_ids["leads"],
            tags=(tag.MESSAGING,), notes="embargo until Tuesday"),
        add("follow_up", "Press release follow-up", Team.PR, CardKind.PRESS_RELEASE, None,
            stage=Stage.REVIEW, campaign_id=campaign, owner_id=pr, goal_id=goal_ids["leads"],
            tags=(tag.MESSAGING,)),
        add("blog", "Blog: findings", Team.MARKETING, CardKind.BLOG_POST, 0,
            campaign_id=campaign, owner_id=marketing, pilot=True,
            tags=(tag.CONTENT_PLANNING,)),
        add("pilot_notes", "Blog: pilot notes", Team.MARKETING, CardKind.BLOG_POST, None,
            campaign_id=campaign, owner_id=marketing, pilot=True,
            tags=(tag.CONTENT_PLANNING,)),
        add("clip", "Webinar clip", Team.MARKETING, CardKind.SOCIAL_POST, 20,
            stage=Stage.PUBLISHED, owner_id=marketing, goal_id=goal_ids["awareness"],
            tags=(tag.SOCIAL_LISTENING,)),
        add("recap", "Webinar recap", Team.MARKETING, CardKind.SOCIAL_POST, None,
            stage=Stage.PUBLISHED, goal_id=goal_ids["awareness"],
            tags=(tag.SOCIAL_LISTENING,)),
        add("one_pager", "Sales one-pager", Team.SALES, CardKind.OTHER, 60),
    ))


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
    qtbot.waitExposed(widget)
    settle(qtbot)
    return widget



# --------------------------------------------------------------------------- filters


ALL = {"Survey press release", "Press release follow-up", "Blog: findings", "Blog: pilot notes",
       "Webinar clip", "Webinar recap", "Sales one-pager"}
FILTERS = {
    "text": (lambda qtbot, page: type_search(qtbot, page, "press release"),
             {"Survey press release", "Press release follow-up"}, 'text "press release"'),
    "campaign": (lambda qtbot, page: pick(qtbot, named(page, QComboBox, "Campaign filter"),
                                          "Trust Survey"),
                 {"Survey press release", "Press release follow-up", "Blog: findings",
                  "Blog: pilot notes"}, "campaign Trust Survey"),
    "team": (lambda qtbot, page: pick(qtbot, named(page, QComboBox, "Team filter"), "PR"),
             {"Survey press release", "Press release follow-up"}, "team PR"),
    "owner": (lambda qtbot, page: pick(qtbot, named(page, QComboBox, "Owner filter"),
                                       "Priya Nair"),
              {"Blog: findings", "Blog: pilot notes", "Webinar clip"}, "owner Priya Nair"),
    "goal": (lambda qtbot, page: pick(qtbot, named(page, QComboBox, "Goal filter"),
                                      "400 healthcare leads"),
             {"Survey press release", "Press release follow-up"},
             "goal 400 healthcare leads"),
    "tag": (lambda qtbot, page: pick(qtbot, named(page, QComboBox, "Common-ground filter"),
                                     "Social listening for buying signals"),
            {"Webinar clip", "Webinar recap"},
            "common ground Social listening for buying signals"),
    "kind": (lambda qtbot, page: pick(qtbot, named(page, QComboBox, "Kind filter"), "Blog post"),
             {"Blog: findings", "Blog: pilot notes"}, "kind Blog post"),
    "pilots": (lambda qtbot, page: qtbot.mouseClick(named(page, QCheckBox, "Pilots only"),
                                                    Qt.LeftButton),
               {"Blog: findings", "Blog: pilot notes"}, "pilots only"),
    "no goal": (lambda qtbot, page: qtbot.mouseClick(named(page, QCheckBox, "Without a goal"),
                                                     Qt.LeftButton),
                {"Blog: findings", "Blog: pilot notes", "Sales one-pager"}, "without a goal"),
}
DUE = {
    "Overdue": {"Survey press release"},
    "Due this week": {"Blog: findings"},
    "Due in 30 days": {"Blog: findings", "Webinar clip"},
    "No due date": {"Press release follow-up", "Blog: pilot notes", "Webinar recap"},
}


def dated(uow) -> dict[str, bool]:
    return {card.title: card.due_on is not None for card in board.list_cards(uow)}


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_shows_its_cards_with_and_without_a_due_date(page, uow, qtbot,
                                                                 name) -> None:
    act, expected, described = FILTERS[name]
    assert {dated(uow)[title] for title in expected} == {True, False}
    assert shown(page) == ALL
    act(qtbot, page)
    qtbot.waitUntil(lambda: shown(page) == expected, timeout=2000)
    assert named(page, QWidget, "Filter state").text() == (
        f"Showing {len(expected)} of 7 cards, filtered by: {described}")
    qtbot.mouseClick(page.clear_button, Qt.LeftButton)
    assert shown(page) == ALL
    assert named(page, QWidget, "Filter state").text() == "7 cards"


def test_each_due_window_shows_what_it_says_alone_and_with_another_filter(page, qtbot) -> None:
    due_box = named(page, QComboBox, "Due filter")
    for window, expected in DUE.items():
        pick(qtbot, due_box, window)
        assert shown(page) == expected, window
        assert named(page, QWidget, "Filter state").text() == (
            f"Showing {len(expected)} of 7 cards, filtered by: {window.lower()}")
    pick(qtbot, named(page, QComboBox, "Campaign filter"), "Trust Survey")
    for window, expected in DUE.items():
        pick(qtbot, due_box, window)
        assert shown(page) == expected & FILTERS["campaign"][1], window
    pick(qtbot, due_box, "Any due date")
    assert shown(page) == FILTERS["campaign"][1]


def test_filters_combine_and_typing_narrows_them(page, qtbot) -> None:
    pick(qtbot, named(page, QComboBox, "Campaign filter"), "Trust Survey")
    pick(qtbot, named(page, QComboBox, "Team filter"), "Marketing")
    assert shown(page) == {"Blog: findings", "Blog: pilot notes"}
    type_search(qtbot, page, "findings")
    qtbot.waitUntil(lambda: shown(page) == {"Blog: findings"}, timeout=2000)
    assert named(page, QWidget, "Filter state").text() == (
        'Showing 1 of 7 cards, filtered by: text "findings", campaign Trust Survey, '
        "team Marketing")


# --------------------------------------------------------------------------- choosing a card


def test_a_card_clicked_with_the_mouse_can_be_edited_and_deleted_at_once(page, uow, cards,
                                                                         monkeypatch, qtbot) -> None:
    from ui.board.card_dialog import CardDialog

    assert not page.edit_action.isEnabled() and not page.delete_action.isEnabled()
    view = click_card(qtbot, page, "Webinar clip")
    assert page.edit_action.isEnabled() and page.delete_action.isEnabled()
    assert page.lineage_action.isEnabled()
    opened: list[str] = []
    monkeypatch.setattr(CardDialog, "exec",
                        lambda dialog: (opened.append(dialog.title_edit.text()), 0)[1])
    qtbot.keyClick(view, Qt.Key_E, Qt.ControlModifier)
    settle(qtbot)
    assert opened == ["Webinar clip"]
    view, point = card_at(page, "Webinar recap")
    double_click(qtbot, view, point)
    settle(qtbot)
    assert opened == ["Webinar clip", "Webinar recap"]
    click_card(qtbot, page, "Sales one-pager")  # another column: only that card is chosen
    assert page.focused_card().title == "Sales one-pager"
    qtbot.keyClick(page.focusWidget(), Qt.Key_Delete)
    settle(qtbot)
    assert "Sales one-pager" not in shown(page)
    assert [c.title for c in board.list_trash(uow)] == ["Sales one-pager"]


@pytest.mark.parametrize("name", ["text", "team"])
def test_a_filter_that_hides_the_chosen_card_leaves_nothing_to_edit(page, name, monkeypatch,
                                                                    qtbot) -> None:
    from ui.board.card_dialog import CardDialog

    opened: list[str] = []
    monkeypatch.setattr(CardDialog, "exec",
                        lambda dialog: (opened.append(dialog.title_edit.text()), 0)[1])
    click_card(qtbot, page, "Webinar clip")
    assert page.edit_action.isEnabled() and page.lineage_action.isEnabled()
    FILTERS[name][0](qtbot, page)  # shows PR's press releases only
    qtbot.waitUntil(lambda: shown(page) == FILTERS[name][1], timeout=2000)
    assert not page.edit_action.isEnabled() and not page.delete_action.isEnabled()
    assert not page.lineage_action.isEnabled()
    assert not any(action.isEnabled() for action in page.move_actions)
    page.edit_action.trigger()  # Ctrl+E, were it let through
    settle(qtbot)
    assert opened == []

    click_card(qtbot, page, "Survey press release")
    qtbot.mouseClick(page.clear_button, Qt.LeftButton)
    assert "Webinar clip" in shown(page)
    assert page.focused_card().title == "Survey press release"  # still shown: still chosen
    assert page.edit_action.isEnabled()


# --------------------------------------------------------------------------- what a card shows


@pytest.fixture
def painted(monkeypatch):
    """Every text the card painter draws from now on (what a person reads on the cards)."""
    from PySide6.QtGui import QPainter

    texts: list[str] = []
    draw = QPainter.drawText

    def recording(painter, *args):
        texts.extend(a for a in args if isinstance(a, str))
        return draw(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", recording)
    return texts


def test_two_tags_that_share_a_first_word_show_two_chips(page, uow, cards, painted,
                                                         qtbot) -> None:
    from dataclasses import replace

    tag = CommonGroundTag
    for key, tags in (("one_pager", (tag.CONTENT_PLANNING, tag.CONTENT_PLACEMENT)),
                      ("pilot_notes", (tag.SOCIAL_MEDIA_RELATIONS, tag.SOCIAL_LISTENING))):
        card = board.get_card(uow, cards[key])
        board.update_card(uow, card.id, card.version, replace(card.as_input(), tags=tags))
    page.resize(2000, 800)  # columns wide enough for the whole line
    page.refresh()
    settle(qtbot)
    for title in ("Sales one-pager", "Blog: pilot notes"):
        card_at(page, title)[0].grab()
    assert "◎ no goal   #placement #planning" in painted
    assert "◎ no goal   #listening #media" in painted


def test_every_tag_has_a_chip_of_its_own() -> None:
    from ui.board.card_delegate import TAG_CHIPS

    assert set(TAG_CHIPS) == set(CommonGroundTag)
    assert len(set(TAG_CHIPS.values())) == len(CommonGroundTag)


@pytest.fixture
def survey(uow, page, qtbot) -> dict[str, int]:
    """Survey data -> press release -> coverage -> clip; -> blog; -> e-book -> paid ads
    (3 derived directly, 6 in all)."""
    def add(title: str, source: int | None = None) -> int:
        return board.create_card(uow, CardInput(title, Team.PR, derived_from_id=source))

    ids = {"survey": add("Survey data")}
    ids["release"] = add("Press release", ids["survey"])
    ids["coverage"] = add("Coverage in Trade Weekly", ids["release"])
    ids["clip"] = add("Coverage clip", ids["coverage"])
    ids["blog"] = add("Blog post", ids["survey"])
    ids["ebook"] = add("E-book", ids["survey"])
    ids["ads"] = add("Paid ads", ids["ebook"])
    page.refresh()
    settle(qtbot)
    return ids


def test_the_delete_question_counts_as_the_card_does(page, uow, survey, painted, monkeypatch,
                                                     qtbot) -> None:
    from ui.board.board_dialogs import DerivativesDialog

    view, point = card_at(page, "Survey data")
    index = view.indexAt(point)
    view.grab()
    assert "↳3" in painted
    assert "3 pieces derive directly from it" in index.data(Qt.ToolTipRole)
    asked: list[tuple[str, str, str]] = []

    def answer(dialog: DerivativesDialog) -> int:
        asked.append((dialog.text.text(), dialog.detach.text(), dialog.delete.text()))
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.mouseClick(dialog.delete, Qt.LeftButton,  # on its circle
                         pos=QPoint(8, dialog.delete.height() // 2))
        assert dialog.delete.isChecked()
        return QDialog.Accepted

    monkeypatch.setattr(DerivativesDialog, "exec", answer)
    click_card(qtbot, page, "Survey data")
    qtbot.keyClick(view, Qt.Key_Delete)
    settle(qtbot)
    assert asked == [("3 pieces derive directly from this card, 6 in all with the pieces derived "
                      "from those. What should happen to them?",
                      "Keep them; the 3 pieces derived directly become original pieces",
                      "Move all 6 to the trash too")]
    assert len(board.list_trash(uow)) == 7
    assert not {"Survey data", "Paid ads", "Coverage in Trade Weekly"} & shown(page)


def test_the_delete_question_for_one_piece_and_for_one_with_pieces_of_its_own(page, uow, survey, monkeypatch,
                                                              qtbot) -> None:
    from ui.board.board_dialogs import DerivativesDialog

    asked: list[str] = []
    monkeypatch.setattr(DerivativesDialog, "exec",
                        lambda dialog: (asked.append(dialog.text.text()), QDialog.Accepted)[1])
    view = click_card(qtbot, page, "E-book")
    qtbot.keyClick(view, Qt.Key_Delete)
    settle(qtbot)
    assert asked == ["1 piece derives from this card. What should happen to it?"]
    assert board.get_card(uow, survey["ads"]).derived_from_id is None  # detached, as chosen
    asked.clear()
    view = click_card(qtbot, page, "Press release")
    qtbot.keyClick(view, Qt.Key_Delete)
    settle(qtbot)
    assert asked == ["1 piece derives directly from this card, 2 in all with the pieces derived "
                     "from it. What should happen to them?"]


def test_double_clicking_a_lineage_row_opens_that_card(page, uow, survey, monkeypatch,
                                                       qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.board.board_dialogs import LineageDialog
    from ui.board.card_dialog import CardDialog

    edited: list[str] = []

    def edit(dialog: CardDialog) -> int:
        edited.append(dialog.title_edit.text())
        if edited[-1] != "E-book":
            return QDialog.Rejected
        show(qtbot, dialog)
        type_into(qtbot, dialog.title_edit, "E-book: the full report")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        return dialog.result()

    def look(dialog: LineageDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        tree = dialog.tree
        model = tree.model()
        root = model.index(0, 0)
        [row] = [model.index(r, 0, root) for r in range(model.rowCount(root))
                 if model.index(r, 0, root).data() == "E-book"]
        rect = tree.visualRect(row)
        double_click(qtbot, tree, rect.center())
        qtbot.waitUntil(lambda: bool(edited), timeout=5000)
        qtbot.waitUntil(lambda: model.index(row.row(), 0, model.index(0, 0)).data()
                        == "E-book: the full report", timeout=5000)
        qtbot.mouseClick(tree.viewport(), Qt.LeftButton,
                         pos=tree.visualRect(model.index(0, 0)).center())
        qtbot.keyClick(tree, Qt.Key_Return)  # the keyboard's way to open a row
        qtbot.waitUntil(lambda: len(edited) == 2, timeout=5000)
        dialog.reject()
        return QDialog.Rejected

    monkeypatch.setattr(CardDialog, "exec", edit)
    monkeypatch.setattr(LineageDialog, "exec", look)
    view = click_card(qtbot, page, "Paid ads")
    qtbot.keyClick(view, Qt.Key_L, Qt.ControlModifier)
    settle(qtbot)
    assert edited == ["E-book", "Survey data"]
    assert board.get_card(uow, survey["ebook"]).title == "E-book: the full report"


# --------------------------------------------------------------------------- campaign templates


def test_a_campaign_from_a_template_asks_for_its_goal_and_owners_and_shows_its_pieces(
        page, uow, team, monkeypatch, qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QTableView

    from ui.board.board_dialogs import TemplateCampaignDialog

    seen: dict[str, object] = {}

    def fill(dialog: TemplateCampaignDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        table = named(dialog, QTableView, "The pieces it will create")
        model = table.model()

        def column(name: str) -> list[str]:
            header = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
            return [model.index(r, header.index(name)).data() for r in range(model.rowCount())]

        warning = [w for w in dialog.findChildren(QWidget) if hasattr(w, "text")
                   and "content without a purpose" in w.text()]
        seen["warned"] = [(w.isVisible(), w.text()) for w in warning]
        qtbot.keyClicks(named(dialog, QLineEdit, "Campaign name"), "Patient Trust")
        seen["titles"] = column("Piece")
        seen["owners before"] = set(zip(column("Team"), column("Owner")))
        pick(qtbot, named(dialog, QComboBox, "Goal the pieces support"),
             f"{goals.list_quarters(uow)[0]} · 400 healthcare leads")
        pick(qtbot, named(dialog, QComboBox, "Owner of the Sales pieces"),
             "Олег Петров (Sales)")
        seen["owners"] = set(zip(column("Team"), column("Owner")))
        seen["still warned"] = [(w.isVisible(), w.text()) for w in warning]
        seen["derived"] = column("Derived from")[:3]
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(TemplateCampaignDialog, "exec", fill)
    qtbot.mouseClick(page.toolbar.widgetForAction(page.template_action), Qt.LeftButton)
    settle(qtbot)
    assert seen["warned"] == [(True, 'No goal chosen: the pieces will count as "content without a '
                                      'purpose" until each is given one. Nobody owns the PR and '
                                      'Sales pieces yet.')]
    assert seen["still warned"] == [(True, "Nobody owns the PR pieces yet.")]
    assert len(seen["titles"]) == 9 and seen["titles"][0] == "Survey data: Patient Trust"
    assert seen["owners before"] == {("PR", "nobody"), ("Marketing", "Priya Nair"),
                                     ("Sales", "nobody")}
    assert seen["owners"] == {("PR", "nobody"), ("Marketing", "Priya Nair"),
                              ("Sales", "Олег Петров")}
    assert seen["derived"] == ["(original)", "Survey data: Patient Trust",
                               "Press release: Patient Trust"]
    made = [c for c in board.list_cards(uow) if c.campaign_name == "Patient Trust"]
    assert [c.title for c in made] == seen["titles"]
    assert {c.goal_title for c in made} == {"400 healthcare leads"}
    assert not {c.id for c in made} & {c.id for c in board.cards_without_goal(uow)}
    assert {(c.team, c.owner_name) for c in made} == {
        (Team.PR, ""), (Team.MARKETING, "Priya Nair"), (Team.SALES, "Олег Петров")}
    assert "Survey data: Patient Trust" in shown(page)



def test_a_card_s_due_date_is_written_as_every_other_date(page, painted, qtbot) -> None:
    """One date format across the app: the card says "2026-…", not "due 23 Dec"."""
    page.resize(2000, 800)
    card_at(page, "Blog: findings")[0].grab()
    assert f"{TODAY:%Y-%m-%d}" in painted and not any(t.startswith("due ") for t in painted)


def test_one_card_left_by_a_filter_or_on_the_board_is_counted_as_one(page, uow, cards,
                                                                     qtbot) -> None:
    for key in list(cards)[1:]:
        board.trash_card(uow, cards[key], board.get_card(uow, cards[key]).version)
    page.refresh()
    settle(qtbot)
    assert named(page, QWidget, "Filter state").text() == "1 card"
