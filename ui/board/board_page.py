"""The Board page: the repurposing board with its columns, lanes, filters and moves.

Every column (and lane) is a QListView over a ``StageCardsListModel`` painted by
one ``CardDelegate``: only the cards on screen cost anything, so a board of
10,000 cards opens, scrolls and filters without stutter.

It reads and writes through its page base (``ui.shell.page``): the board loads in
the background and keeps the focused card, and the filters work on the cards
already loaded. A move shows the card in its new place at once and saves it in one
write; the change feed's reload follows (a refusal reloads the board and says why).
Dialogs get their choices in the background and save through ``FormSave``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.enums import CardKind, CommonGroundTag, Stage, Team
from desktop import board, campaign_templates, goals, lineage, people
from desktop.board import Campaign, Card, CardInput, Derivatives
from desktop.card_filter import CardFilter, DueWindow
from desktop.numbers import counted
from desktop.team_file import Database, UnitOfWork
from ui.board.board_commands import (
    CreateCardCommand,
    EditCardCommand,
    MoveCardCommand,
    TemplateCampaignCommand,
    TrashCardCommand,
)
from ui.board.board_dialogs import (
    DerivativesDialog,
    LineageDialog,
    SaveTemplateDialog,
    TemplateCampaignDialog,
    TrashDialog,
)
from ui.board.board_models import CardRole, StageCardsListModel, moved_cards, placed_card
from ui.board.card_delegate import CARD_HEIGHT, CardDelegate
from ui.board.card_dialog import TAG_LABELS, CardChoices, CardDialog
from ui.shell.commands import ServiceCommand
from ui.shell.enum_choice import chosen
from ui.shell.flow_layout import FlowLayout
from ui.shell.form_save import EditSave, FormSave
from ui.shell.labels import TEAM_LABELS, enum_label
from ui.shell.messages import ask, show_error, tell
from ui.shell.page import Page

DUE_LABELS = {DueWindow.ANY: "Any due date", DueWindow.OVERDUE: "Overdue",
              DueWindow.THIS_WEEK: "Due this week", DueWindow.NEXT_30_DAYS: "Due in 30 days",
              DueWindow.NO_DATE: "No due date"}
#: Six columns of this width fit a 1280 px window beside the sidebar; narrower, they scroll.
COLUMN_MIN_WIDTH = 160


def all_goals(uow: UnitOfWork) -> list[goals.Goal]:
    """Every quarter's goals, as a card (or a campaign's pieces) may support any of them."""
    return [g for quarter in goals.list_quarters(uow) for g in goals.list_goals(uow, quarter)]


def load_board(uow: UnitOfWork) -> tuple[list[Card], list[Campaign], list[people.Person]]:
    """What the board shows: every card, and the names its filters offer."""
    return board.list_cards(uow), board.list_campaigns(uow), people.list_people(uow)


class BoardListView(QListView):
    """One column of cards: drag and drop, uniform rows for fast scrolling."""

    def __init__(self, model: StageCardsListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setDropIndicatorShown(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.Adjust)
        self.setLayoutMode(QListView.Batched)  # lay out a long column in steps, not at once
        self.setBatchSize(200)
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        lane = f", {TEAM_LABELS[model.team]}" if model.team else ""
        self.setAccessibleName(f"{enum_label(model.stage)}{lane}")


class BoardPage(Page):
    cards_changed = Signal()  # the page put an action on the undo stack: an open lineage follows

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._file: Database | None = None  # the file ``_cards`` come from
        self._cards: list[Card] = []
        self._filter = CardFilter()
        self._lanes = False
        self._views: dict[tuple[Team | None, Stage], BoardListView] = {}
        self._count_labels: dict[Stage, QLabel] = {}
        self._pending_focus: int | None = None  # a card to focus once the next load is in
        self._moves_pending = 0  # shown at once, not saved yet
        self._load_behind = False  # the newest load may lack a move the board shows

        self._build_actions()
        self._build_filter_bar()
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Filter state"))
        self.status_label.setTextFormat(Qt.PlainText)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self._board_scroller(), 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self._on_filter_changed)
        self._build_grid()
        self.update_actions()

    # --- construction -------------------------------------------------------------
    def _build_actions(self) -> None:
        self.new_action = self.page_action(self.tr("&New card…"), self.new_card, QKeySequence.New)
        self.edit_action = self.page_action(self.tr("&Edit…"), self.edit_card, "Ctrl+E")
        self.delete_action = self.page_action(self.tr("&Delete"), self.delete_card,
                                              QKeySequence.Delete)
        self.lineage_action = self.page_action(self.tr("&Lineage…"), self.show_lineage, "Ctrl+L",
                                               edits=False)
        self.trash_action = self.page_action(self.tr("&Trash…"), self.open_trash, edits=False)
        self.template_action = self.page_action(self.tr("New campaign from &template…"),
                                                self.new_campaign_from_template)
        self.save_template_action = self.page_action(self.tr("&Save campaign as template…"),
                                                     self.save_campaign_as_template)
        self.lanes_action = self.page_action(self.tr("Swim&lanes by team"), self.toggle_lanes,
                                             edits=False)
        self.lanes_action.setCheckable(True)
        self.find_action = self.page_action(self.tr("&Find"), self._focus_search,
                                            QKeySequence.Find, edits=False)
        moves = (("Move card left", "Ctrl+Left", -1, 0), ("Move card right", "Ctrl+Right", 1, 0),
                 ("Move card up", "Ctrl+Up", 0, -1), ("Move card down", "Ctrl+Down", 0, 1))
        self.move_actions = [self.page_action(self.tr(text), lambda _=False, c=dc, r=dr:
                                              self.move_focused(c, r), key)
                             for text, key, dc, dr in moves]
        self.toolbar = QToolBar()
        self.toolbar.setAccessibleName(self.tr("Board actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in (self.new_action, self.edit_action, self.delete_action, self.lineage_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.template_action, self.save_template_action, self.trash_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.lanes_action)

    def _board_scroller(self) -> QScrollArea:
        """The columns scroll sideways when the window is narrower than all of them (a small
        laptop, the activity dock open); each column scrolls its cards up and down."""
        scroller = QScrollArea()
        scroller.setAccessibleName(self.tr("Board columns"))
        scroller.setFocusPolicy(Qt.NoFocus)  # the columns take the focus, not their frame
        scroller.setFrameShape(QFrame.NoFrame)
        scroller.setWidgetResizable(True)
        scroller.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroller.setWidget(self.grid_host)
        return scroller

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.AdjustToContents)  # its longest entry, up to:
        box.setMaximumWidth(240)
        box.currentIndexChanged.connect(self._on_filter_changed)
        return box

    def _build_filter_bar(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Search titles and notes"))
        self.search_edit.setPlaceholderText(self.tr("Search titles and notes (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.campaign_box = self._combo(self.tr("Campaign filter"))
        self.team_box = self._combo(self.tr("Team filter"))
        self.owner_box = self._combo(self.tr("Owner filter"))
        self.goal_box = self._combo(self.tr("Goal filter"))
        self.tag_box = self._combo(self.tr("Common-ground filter"))
        self.kind_box = self._combo(self.tr("Kind filter"))
        self.due_box = self._combo(self.tr("Due filter"))
        self.pilots_check = QCheckBox(self.tr("Pilots only"))
        self.pilots_check.toggled.connect(self._on_filter_changed)
        self.no_goal_check = QCheckBox(self.tr("Without a goal"))
        self.no_goal_check.toggled.connect(self._on_filter_changed)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        self._fill_static_filters()
        self.search_edit.setMinimumWidth(220)
        self.filter_bar = FlowLayout()  # as many lines as the page's width needs
        self.filter_bar.add_widget(self.search_edit, 2)
        for widget in (self.campaign_box, self.team_box, self.owner_box, self.goal_box,
                       self.tag_box, self.kind_box, self.due_box):
            self.filter_bar.add_widget(widget, 1)
        for widget in (self.pilots_check, self.no_goal_check, self.clear_button):
            self.filter_bar.add_widget(widget)

    def _fill_static_filters(self) -> None:
        self._refill(self.team_box, self.tr("All teams"), [(TEAM_LABELS[t], t) for t in Team])
        self._refill(self.tag_box, self.tr("Any common ground"),
                     [(self.tr(TAG_LABELS[t]), t) for t in CommonGroundTag])
        self._refill(self.kind_box, self.tr("All kinds"), [(enum_label(k), k) for k in CardKind])
        self.due_box.blockSignals(True)
        self.due_box.clear()
        for window in DueWindow:
            self.due_box.addItem(self.tr(DUE_LABELS[window]), window)
        self.due_box.blockSignals(False)

    def _refill(self, box: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for text, value in items:
            box.addItem(text, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _build_grid(self) -> None:
        """(Re)build the columns; with swimlanes, one row of columns per owning team."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._views.clear()
        self._count_labels.clear()
        lanes: list[Team | None] = list(Team) if self._lanes else [None]
        offset = 1 if self._lanes else 0
        for column, stage in enumerate(Stage):
            label = QLabel()
            label.setAlignment(Qt.AlignCenter)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self._count_labels[stage] = label
            self.grid.addWidget(label, 0, column + offset)
            self.grid.setColumnStretch(column + offset, 1)
        for row, team in enumerate(lanes, start=1):
            if team is not None:
                lane_label = QLabel(TEAM_LABELS[team])
                lane_label.setStyleSheet("font-weight: bold;")
                self.grid.addWidget(lane_label, row, 0)
            for column, stage in enumerate(Stage):
                model = StageCardsListModel(stage, team, self)
                model.card_dropped.connect(self._on_model_card_dropped)
                view = BoardListView(model)
                view.doubleClicked.connect(lambda _index: self.edit_card())
                # A click makes the card current before it selects it: the actions follow both.
                view.selectionModel().currentChanged.connect(lambda *_: self.update_actions())
                view.selectionModel().selectionChanged.connect(
                    lambda *_, v=view: self._on_view_selection_changed(v))
                self._views[(team, stage)] = view
                self.grid.addWidget(view, row, column + offset)
            self.grid.setRowStretch(row, 1)
        self._show_cards()

    # --- context and data -----------------------------------------------------------
    def context_changed(self) -> None:
        """Another file: never offer the old file's cards meanwhile, nor wait for its moves."""
        database = self.context.database if self.context else None
        if database is not self._file:
            self._file = database
            self._cards, self._moves_pending = [], 0
            self._show_cards()

    def refresh(self) -> None:
        """Reload every card in the background; keep the filters and the focused card."""
        self._load_behind = self._moves_pending > 0  # read before a move is saved
        if self.context is None:
            self._show(([], [], []))
            return
        self.read(load_board, self._show, label=self.tr("Loading the board"))

    def _show(self, loaded: tuple[list[Card], list[Campaign], list[people.Person]]) -> None:
        if self._load_behind:
            return  # it would put a moved card back; the move's save brings a newer load
        cards, campaigns, team = loaded
        focused = self.focused_card()
        wanted = self._pending_focus or (focused.id if focused else None)
        take_focus = self._pending_focus is not None or self._board_has_focus()
        self._pending_focus = None
        self._cards = cards
        self._fill_reference_filters(campaigns, team)
        self._filter = self.current_filter()
        self._show_cards()
        if wanted is not None:
            self.focus_card(wanted, take_focus=take_focus)
        self.update_actions()

    def _fill_reference_filters(self, campaigns: list[Campaign],
                                team: list[people.Person]) -> None:
        self._refill(self.campaign_box, self.tr("All campaigns"),
                     [(c.name, c.id) for c in campaigns])
        self._refill(self.owner_box, self.tr("All owners"), [(p.name, p.id) for p in team])
        goal_items = {card.goal_id: card.goal_title for card in self._cards if card.goal_id}
        self._refill(self.goal_box, self.tr("All goals"),
                     sorted(((title, goal_id) for goal_id, title in goal_items.items()),
                            key=lambda item: item[0].lower()))

    def current_filter(self) -> CardFilter:
        return CardFilter(
            text=self.search_edit.text(), campaign_id=self.campaign_box.currentData(),
            team=chosen(self.team_box, Team), owner_id=self.owner_box.currentData(),
            goal_id=self.goal_box.currentData(), tag=chosen(self.tag_box, CommonGroundTag),
            kind=chosen(self.kind_box, CardKind),
            due=chosen(self.due_box, DueWindow) or DueWindow.ANY,
            pilots_only=self.pilots_check.isChecked(), without_goal=self.no_goal_check.isChecked())

    def _on_filter_changed(self) -> None:
        self._filter = self.current_filter()
        self._show_cards()

    def clear_filters(self) -> None:
        widgets = (self.search_edit, self.campaign_box, self.team_box, self.owner_box,
                   self.goal_box, self.tag_box, self.kind_box, self.due_box, self.pilots_check,
                   self.no_goal_check)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        for box in (self.campaign_box, self.team_box, self.owner_box, self.goal_box,
                    self.tag_box, self.kind_box, self.due_box):
            box.setCurrentIndex(0)
        self.pilots_check.setChecked(False)
        self.no_goal_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._on_filter_changed()

    def _show_cards(self) -> None:
        """Put the cards that pass the filter into their columns (and lanes); the focused
        card stays selected if it still shows."""
        focused = self.focused_card()
        today = date.today()
        visible = self._filter.apply(self._cards, today)
        buckets: dict[tuple[Team | None, Stage], list[Card]] = {key: [] for key in self._views}
        for card in visible:
            buckets[(card.team if self._lanes else None, card.stage)].append(card)
        for key, view in self._views.items():
            view.model().set_cards(buckets[key], today)
        for stage, label in self._count_labels.items():
            shown = sum(len(cards) for (_, s), cards in buckets.items() if s == stage)
            label.setText(f"{enum_label(stage)} ({shown})")
        self._show_filter_state(len(visible))
        if focused is not None:
            self.focus_card(focused.id, take_focus=False)
        self.update_actions()  # a reset column forgets its selection without a signal

    def _show_filter_state(self, shown: int) -> None:
        total = len(self._cards)
        if not self._filter.active:
            self.status_label.setText(counted(total, self.tr("card"), self.tr("cards")))
        else:
            names = ", ".join(self._describe_filter(name) for name in self._filter.active_fields())
            self.status_label.setText(self.tr("Showing {0} of {1} cards, filtered by: {2}").format(
                f"{shown:,}", f"{total:,}", names))
        self.clear_button.setEnabled(self._filter.active)

    def _describe_filter(self, name: str) -> str:
        """One set filter as the person chose it: the campaign's name, not "campaign id"."""
        boxes = {"campaign_id": (self.tr("campaign {0}"), self.campaign_box),
                 "team": (self.tr("team {0}"), self.team_box),
                 "owner_id": (self.tr("owner {0}"), self.owner_box),
                 "goal_id": (self.tr("goal {0}"), self.goal_box),
                 "tag": (self.tr("common ground {0}"), self.tag_box),
                 "kind": (self.tr("kind {0}"), self.kind_box)}
        if name in boxes:
            text, box = boxes[name]
            return text.format(box.currentText())
        if name == "due":
            label = self.due_box.currentText()
            return label[:1].lower() + label[1:]
        if name == "text":
            return self.tr('text "{0}"').format(self._filter.text.strip())
        return {"pilots_only": self.tr("pilots only"),
                "without_goal": self.tr("without a goal")}[name]

    # --- focus ----------------------------------------------------------------------
    def _on_view_selection_changed(self, view: BoardListView) -> None:
        """One card is selected on the whole board: a card chosen in one column
        leaves no other column's card selected."""
        if view.selectionModel().hasSelection():
            for other in self._views.values():
                if other is not view:
                    other.selectionModel().clearSelection()
        self.update_actions()

    def focused_card(self) -> Card | None:
        for view in self._views.values():
            index = view.currentIndex()
            if index.isValid() and view.selectionModel().isSelected(index):
                return index.data(CardRole)
        return None

    def view_of(self, card_id: int) -> tuple[BoardListView, int] | None:
        for view in self._views.values():
            row = view.model().row_of(card_id)
            if row >= 0:
                return view, row
        return None

    def focus_card(self, card_id: int, *, take_focus: bool = True) -> bool:
        """Select a card and scroll to it; ``take_focus`` also gives its column the keyboard."""
        found = self.view_of(card_id)
        if found is None:
            return False
        view, row = found
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
        view.scrollTo(index)
        if take_focus and self.isVisible():  # never from a page the person has left
            view.setFocus()
        return True

    def _board_has_focus(self) -> bool:
        """Whether the keyboard is in a column now (not in the search field, not on another
        page: a hidden page's ``focusWidget()`` still names its last column)."""
        focused = QApplication.focusWidget()
        return any(view is focused for view in self._views.values())

    def update_actions(self) -> None:
        super().update_actions()
        has_card = self.focused_card() is not None
        for action in (self.edit_action, self.delete_action, *self.move_actions):
            action.setEnabled(self.editable and has_card)
        self.lineage_action.setEnabled(self.context is not None and has_card)
        self.trash_action.setEnabled(self.context is not None)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def toggle_lanes(self) -> None:
        self._lanes = self.lanes_action.isChecked()
        focused = self.focused_card()
        self._build_grid()
        if focused is not None:
            self.focus_card(focused.id)

    # --- running work -----------------------------------------------------------------
    def _push(self, command: ServiceCommand) -> None:
        self.push(command)
        self.cards_changed.emit()

    def _show_saved(self, card: Card) -> bool:
        """Put a saved card in its place and focus it before the change feed's reload
        comes in; False when the filters hide it."""
        self._cards = placed_card(self._cards, card)
        self._show_cards()
        return self.focus_card(card.id)

    def _with_choices(self, card_id: int | None, then: Callable[[CardChoices], None]) -> None:
        """Load what the card editor offers (campaigns, people, goals, sources), then open it."""
        def load(uow: UnitOfWork) -> CardChoices:
            return CardChoices(board.list_campaigns(uow), people.list_people(uow, active_only=True),
                               all_goals(uow), board.derivation_candidates(uow, card_id))

        self.read(load, then, key="choices", label=self.tr("Loading the card's choices"))

    # --- new card -----------------------------------------------------------------------
    def new_card(self) -> None:
        if not self.editable:
            return
        focused = self.focused_card()
        defaults = CardInput("", focused.team if focused else Team.MARKETING,
                             stage=focused.stage if focused else Stage.IDEA,
                             campaign_id=self._filter.campaign_id or (
                                 focused.campaign_id if focused else None),
                             owner_id=self.context.person.id)
        self._with_choices(None, lambda choices: self._open_new(choices, defaults))

    def _open_new(self, choices: CardChoices, defaults: CardInput) -> None:
        if not self.editable:
            return
        uow = self.uow
        FormSave(self, lambda: CardDialog.offering(choices, defaults=defaults, parent=self),
                 lambda data: lambda: board.add_card(uow, data),
                 lambda saved: self._after_add(uow, saved), label=self.tr("Saving the card"),
                 refused=self.refresh).open()

    def _after_add(self, uow: UnitOfWork, saved: board.Saved) -> None:
        self._push(CreateCardCommand(saved.card, uow, self))
        if not self._show_saved(saved.card):
            tell(self, self.tr("New card"), self.tr(
                "The card was added; the filters hide it. Clear the filters to see it."))
        for warning in saved.warnings:
            tell(self, self.tr("Check the due date"), warning)

    # --- edit ---------------------------------------------------------------------------
    def edit_card(self) -> None:
        card = self.focused_card()
        if card is None or not self.editable:
            return
        self._with_choices(card.id, lambda choices: self._open_edit(card, choices))

    def edit_card_by_id(self, card_id: int) -> None:
        """Open the editor of a card that need not be on the board (a lineage row, say)."""
        if not self.editable:
            return
        self.read(lambda uow: board.get_card(uow, card_id),
                  lambda card: self._with_choices(
                      card.id, lambda choices: self._open_edit(card, choices)),
                  key="card", label=self.tr("Loading the card"))

    def _open_edit(self, card: Card, choices: CardChoices) -> None:
        """The card editor; it saves on top of the version shown. Should someone else have
        saved the same fields first, the person picks field by field (``EditSave``), and
        undo brings back what the save replaced: theirs, after such a merge."""
        if not self.editable:
            return
        uow = self.uow

        def make_dialog() -> CardDialog:
            dialog = CardDialog.offering(choices, card=card, parent=self)
            dialog.watch_record(uow, "cards", card.id)
            return dialog

        def edit(version: int, data: CardInput) -> tuple[Card, Card]:
            return board.edit_card(uow, card.id, version, data)

        def saved(result: tuple[Card, Card]) -> None:
            self._push(EditCardCommand(*result, uow, self))
            self._show_saved(result[1])

        FormSave(self, make_dialog, EditSave(card, edit), saved,
                 label=self.tr("Saving the card"), refused=self.refresh).open()

    # --- delete -------------------------------------------------------------------------
    def delete_card(self) -> None:
        card = self.focused_card()
        if card is None or not self.editable:
            return
        self.read(lambda uow: board.derived_pieces(uow, card.id),
                  lambda derived: self._trash(card, derived),
                  key="derived", label=self.tr("Looking for derivatives"))

    def _trash(self, card: Card, derived: board.Derived) -> None:
        if not self.editable:
            return
        choice = Derivatives.KEEP
        if derived.all:
            dialog = DerivativesDialog(card, derived, self)
            if dialog.exec() != QDialog.Accepted:
                return
            choice = dialog.choice()
        uow = self.uow
        self.write(lambda file: board.trash_card(file, card.id, card.version, choice),
                   lambda trashed: self._push(TrashCardCommand(card, choice, trashed, uow, self)),
                   label=self.tr("Deleting the card"))

    # --- moves --------------------------------------------------------------------------
    def _on_model_card_dropped(self, card_id: int, stage: Stage, team: Team | None,
                               after_id: int | None) -> None:
        card = next((c for c in self._cards if c.id == card_id), None)
        if card is None:
            return
        # Qt is still inside the drag: move once it has finished.
        QTimer.singleShot(0, lambda: self.move_card(card, stage, team or card.team, after_id))

    def move_card(self, card: Card, stage: Stage, team: Team, after_id: int | None) -> None:
        """Show the card in its new place at once, and save the move in one write.

        Until the move is saved, no load is shown (it could put the card back): the
        save's change reaches the board through the change feed, a refusal reloads it.
        """
        if not self.editable:
            return
        if after_id == card.id or (stage == card.stage and team == card.team
                                   and after_id == self._visible_predecessor(card)):
            return
        uow = self.uow
        self._cards = moved_cards(self._cards, card, stage, team, after_id)
        self._show_cards()
        self.focus_card(card.id)
        self.update_actions()
        self._moves_pending += 1
        self._load_behind = True  # a load on its way was read before this move

        def moved(result: board.Moved) -> None:
            self._move_settled(uow)
            self._push(MoveCardCommand(result, uow, self))

        def refused(error: BaseException) -> None:
            if self._move_settled(uow):
                self.refresh()
            show_error(self, error, self.tr("Could not move the card"))

        self.write(lambda file: board.move_card(file, card.id, stage, after_id, team=team),
                   moved, label=self.tr("Moving the card"), failed=refused)

    def _move_settled(self, uow: UnitOfWork) -> bool:
        """A move is saved or refused; True when no other move of this file still waits."""
        if uow.database is self._file:
            self._moves_pending -= 1
        return not self._moves_pending

    def _visible_predecessor(self, card: Card) -> int | None:
        found = self.view_of(card.id)
        if found is None:
            return None
        view, row = found
        return view.model().card_at(row - 1).id if row > 0 else None

    def move_focused(self, columns: int, rows: int) -> None:
        """Keyboard moves: Ctrl+Left/Right to the next stage, Ctrl+Up/Down within the column."""
        card = self.focused_card()
        if card is None:
            return
        view, row = self.view_of(card.id)
        cards = view.model().cards
        if columns:
            stages = list(Stage)
            target = stages.index(card.stage) + columns
            if 0 <= target < len(stages):
                self.move_card(card, stages[target], card.team, None)
            return
        target_row = row + rows
        if not 0 <= target_row < len(cards):
            return
        after = cards[target_row].id if rows > 0 else (cards[target_row - 1].id if target_row else None)
        self.move_card(card, card.stage, card.team, after)

    # --- lineage and trash -------------------------------------------------------------
    def show_lineage(self) -> None:
        card = self.focused_card()
        if card is None or self.context is None:
            return
        self.read(lambda uow: lineage.lineage(uow, card.id),
                  lambda root: self._open_lineage(root, card.id),
                  key="lineage", label=self.tr("Tracing the lineage"))

    def _open_lineage(self, root: lineage.LineageNode, card_id: int) -> None:
        """The lineage; double-clicking a row opens that card, and a save shows in the tree."""
        dialog = LineageDialog(root, card_id, self)
        self.lineage_dialog = dialog

        def reload() -> None:
            self.read(lambda uow: lineage.lineage(uow, root.card_id, from_source=False),
                      dialog.set_root, key="lineage", failed=lambda _error: None,
                      label=self.tr("Tracing the lineage"))

        dialog.card_opened.connect(self.edit_card_by_id)
        self.cards_changed.connect(reload)
        try:
            dialog.exec()
        finally:
            self.cards_changed.disconnect(reload)

    def open_trash(self) -> None:
        if self.context is None:
            return
        self.read(board.list_trash, self._open_trash, key="trash",
                  label=self.tr("Loading the trash"))

    def _open_trash(self, cards: list[Card]) -> None:
        """The trash dialog; restoring and emptying run on the writer thread meanwhile."""
        if self.context is None:
            return
        dialog: TrashDialog

        def reload_trash(_result: object = None) -> None:
            self.read(board.list_trash, dialog.set_cards, key="trash",
                      label=self.tr("Loading the trash"))

        def refused(error: BaseException) -> None:
            reload_trash()
            self.refresh()
            show_error(dialog, error)

        def restore(chosen: list[Card]) -> None:
            ids = tuple(card.id for card in chosen)
            self.write(lambda uow: board.restore_cards(uow, ids), reload_trash, failed=refused,
                       label=self.tr("Restoring cards"))

        def emptied(_count: int) -> None:
            self.undo_stack.clear()  # earlier steps may refer to cards that are gone
            dialog.set_cards([])

        def empty() -> None:
            count = dialog.model.rowCount()
            if ask(dialog, self.tr("Empty the trash"), self.tr(
                    "Remove {0} in the trash for good? This cannot be undone, and it empties "
                    "the trash for the whole team.").format(
                        counted(count, self.tr("card"), self.tr("cards")))) != QMessageBox.Yes:
                return
            self.write(board.empty_trash, emptied, failed=lambda error: show_error(dialog, error),
                       label=self.tr("Emptying the trash"))

        dialog = TrashDialog(cards, restore, empty, self, read_only=self.context.read_only)
        self.trash_dialog = dialog
        dialog.exec()

    # --- campaign templates ---------------------------------------------------------------
    def new_campaign_from_template(self) -> None:
        if not self.editable:
            return

        def load(uow: UnitOfWork) -> tuple[list[campaign_templates.CampaignTemplate],
                                           list[people.Person], list[goals.Goal]]:
            return (campaign_templates.list_templates(uow),
                    people.list_people(uow, active_only=True), all_goals(uow))

        self.read(load, lambda loaded: self._open_template_campaign(*loaded), key="templates",
                  label=self.tr("Loading the templates"))

    def _open_template_campaign(self, templates: list[campaign_templates.CampaignTemplate],
                                team: list[people.Person], goal_list: list[goals.Goal]) -> None:
        """Offers the goal the board is filtered by, and the person for their own team."""
        if not self.editable:
            return
        uow = self.uow
        me = self.context.person
        owners = tuple((t, me.id) for t in Team if t.value == me.department.value)

        def created(made: campaign_templates.CreatedCampaign) -> None:
            self._push(TemplateCampaignCommand(made, uow, self))
            self._pending_focus = made.card_ids[0] if made.card_ids else None

        FormSave(self, lambda: TemplateCampaignDialog(templates, self, people=team,
                                                      goals=goal_list,
                                                      goal_id=self._filter.goal_id,
                                                      owners=owners),
                 lambda plan: lambda: campaign_templates.create_from_template(uow, plan),
                 created, label=self.tr("Creating the campaign"), refused=self.refresh).open()

    def save_campaign_as_template(self) -> None:
        if not self.editable:
            return
        focused = self.focused_card()
        current_id = focused.campaign_id if focused else None
        self.read(board.list_campaigns,
                  lambda campaigns: self._open_save_template(campaigns, current_id),
                  key="campaigns", label=self.tr("Loading the campaigns"))

    def _open_save_template(self, campaigns: list[Campaign], current_id: int | None) -> None:
        if not self.editable:
            return
        if not campaigns:
            tell(self, self.tr("Save campaign as template"), self.tr("There are no campaigns yet."))
            return
        uow = self.uow
        FormSave(self, lambda: SaveTemplateDialog(campaigns, current_id, self),
                 lambda typed: lambda: campaign_templates.save_campaign_as_template(
                     uow, typed[0], typed[1], replace=typed[2]),
                 lambda _template: None, label=self.tr("Saving the template")).open()

    def sizeHint(self) -> QSize:
        return QSize(1200, CARD_HEIGHT * 8)
