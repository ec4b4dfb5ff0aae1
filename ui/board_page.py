"""The Board page: the repurposing board with its columns, lanes, filters and moves.

Every column (and lane) is a QListView over a ``StageCardsListModel`` painted by
one ``CardDelegate``: only the cards on screen cost anything, so a board of
10,000 cards opens, scrolls and filters without stutter.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.enums import CardKind, CommonGroundTag, Stage, Team
from desktop import board, campaign_templates, goals, lineage, people
from desktop.board import Card, CardInput, Derivatives
from desktop.card_filter import CardFilter, DueWindow
from desktop.errors import ConflictError, DatabaseError, ValidationError
from ui.board_commands import (
    CreateCardCommand,
    EditCardCommand,
    MoveCardCommand,
    TemplateCampaignCommand,
    TrashCardCommand,
)
from ui.board_dialogs import (
    DerivativesDialog,
    LineageDialog,
    SaveTemplateDialog,
    TemplateCampaignDialog,
    TrashDialog,
)
from ui.board_models import CardRole, StageCardsListModel
from ui.card_delegate import CARD_HEIGHT, CardDelegate
from ui.card_dialog import TAG_LABELS, CardDialog
from ui.conflict_dialog import resolve_conflict
from ui.context import TeamContext
from ui.labels import TEAM_LABELS, enum_label
from ui.messages import ask, show_error, tell

DUE_LABELS = {DueWindow.ANY: "Any due date", DueWindow.OVERDUE: "Overdue",
              DueWindow.THIS_WEEK: "Due this week", DueWindow.NEXT_30_DAYS: "Due in 30 days",
              DueWindow.NO_DATE: "No due date"}


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
        self.setMinimumWidth(190)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        lane = f", {TEAM_LABELS[model.team]}" if model.team else ""
        self.setAccessibleName(f"{enum_label(model.stage)}{lane}")


class BoardPage(QWidget):
    cards_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._context: TeamContext | None = None
        self._cards: list[Card] = []
        self._filter = CardFilter()
        self._lanes = False
        self._views: dict[tuple[Team | None, Stage], BoardListView] = {}
        self._count_labels: dict[Stage, QLabel] = {}

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
        layout.addLayout(self.filter_row)
        layout.addLayout(self.filter_row_2)
        layout.addWidget(self.status_label)
        layout.addWidget(self.grid_host, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self._on_filter_changed)
        self._build_grid()
        self._update_actions()

    # --- construction -------------------------------------------------------------
    def _page_action(self, text: str, slot: object, shortcut: object = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._page_action(self.tr("&New card…"), self.new_card, QKeySequence.New)
        self.edit_action = self._page_action(self.tr("&Edit…"), self.edit_card,
                                             QKeySequence("Ctrl+E"))
        self.delete_action = self._page_action(self.tr("&Delete"), self.delete_card,
                                               QKeySequence.Delete)
        self.lineage_action = self._page_action(self.tr("&Lineage…"), self.show_lineage,
                                                QKeySequence("Ctrl+L"))
        self.trash_action = self._page_action(self.tr("&Trash…"), self.open_trash)
        self.template_action = self._page_action(self.tr("New campaign from &template…"),
                                                 self.new_campaign_from_template)
        self.save_template_action = self._page_action(self.tr("&Save campaign as template…"),
                                                      self.save_campaign_as_template)
        self.lanes_action = self._page_action(self.tr("Swim&lanes by team"), self.toggle_lanes)
        self.lanes_action.setCheckable(True)
        self.find_action = self._page_action(self.tr("&Find"), self._focus_search, QKeySequence.Find)
        moves = (("Move card left", "Ctrl+Left", -1, 0), ("Move card right", "Ctrl+Right", 1, 0),
                 ("Move card up", "Ctrl+Up", 0, -1), ("Move card down", "Ctrl+Down", 0, 1))
        self.move_actions = [self._page_action(self.tr(text), lambda _=False, c=dc, r=dr:
                                               self.move_focused(c, r), QKeySequence(key))
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

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(9)
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
        self.filter_row = QHBoxLayout()
        self.filter_row.addWidget(self.search_edit, 2)
        for widget in (self.campaign_box, self.team_box, self.owner_box, self.goal_box):
            self.filter_row.addWidget(widget, 1)
        self.filter_row_2 = QHBoxLayout()
        for widget in (self.tag_box, self.kind_box, self.due_box):
            self.filter_row_2.addWidget(widget, 1)
        self.filter_row_2.addWidget(self.pilots_check)
        self.filter_row_2.addWidget(self.no_goal_check)
        self.filter_row_2.addStretch(1)
        self.filter_row_2.addWidget(self.clear_button)

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
                view.selectionModel().currentChanged.connect(
                    lambda current, _previous, v=view: self._on_view_current_changed(v, current))
                self._views[(team, stage)] = view
                self.grid.addWidget(view, row, column + offset)
            self.grid.setRowStretch(row, 1)
        self._show_cards()

    # --- context and data -----------------------------------------------------------
    def set_context(self, context: TeamContext | None) -> None:
        self._context = context
        self.refresh()

    def refresh(self) -> None:
        """Reload every card from the file; keep the filters and the focused card."""
        focused = self.focused_card()
        self._cards = board.list_cards(self._context.uow) if self._context else []
        self._fill_reference_filters()
        self._show_cards()
        if focused is not None:
            self.focus_card(focused.id)
        self._update_actions()

    def _fill_reference_filters(self) -> None:
        if self._context is None:
            return
        uow = self._context.uow
        self._refill(self.campaign_box, self.tr("All campaigns"),
                     [(c.name, c.id) for c in board.list_campaigns(uow)])
        self._refill(self.owner_box, self.tr("All owners"),
                     [(p.name, p.id) for p in people.list_people(uow)])
        goal_items = {card.goal_id: card.goal_title for card in self._cards if card.goal_id}
        self._refill(self.goal_box, self.tr("All goals"),
                     sorted(((title, goal_id) for goal_id, title in goal_items.items()),
                            key=lambda item: item[0].lower()))

    def current_filter(self) -> CardFilter:
        return CardFilter(
            text=self.search_edit.text(), campaign_id=self.campaign_box.currentData(),
            team=self.team_box.currentData(), owner_id=self.owner_box.currentData(),
            goal_id=self.goal_box.currentData(), tag=self.tag_box.currentData(),
            kind=self.kind_box.currentData(),
            due=self.due_box.currentData() or DueWindow.ANY,
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
        """Put the cards that pass the filter into their columns (and lanes)."""
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

    def _show_filter_state(self, shown: int) -> None:
        total = len(self._cards)
        if not self._filter.active:
            self.status_label.setText(self.tr("{0} cards").format(f"{total:,}"))
        else:
            names = ", ".join(name.replace("_", " ") for name in self._filter.active_fields())
            self.status_label.setText(self.tr("Showing {0} of {1} cards, filtered by: {2}").format(
                f"{shown:,}", f"{total:,}", names))
        self.clear_button.setEnabled(self._filter.active)

    # --- focus ----------------------------------------------------------------------
    def _on_view_current_changed(self, view: BoardListView, current) -> None:  # noqa: ANN001
        if current.isValid():
            for other in self._views.values():
                if other is not view:
                    other.selectionModel().clearSelection()
        self._update_actions()

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

    def focus_card(self, card_id: int) -> bool:
        found = self.view_of(card_id)
        if found is None:
            return False
        view, row = found
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
        view.scrollTo(index)
        view.setFocus()
        return True

    def _update_actions(self) -> None:
        editable = self._context is not None and not self._context.read_only
        has_card = self.focused_card() is not None
        for action in (self.new_action, self.template_action, self.save_template_action):
            action.setEnabled(editable)
        for action in (self.edit_action, self.delete_action, *self.move_actions):
            action.setEnabled(editable and has_card)
        self.lineage_action.setEnabled(self._context is not None and has_card)
        self.trash_action.setEnabled(self._context is not None)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def toggle_lanes(self) -> None:
        self._lanes = self.lanes_action.isChecked()
        focused = self.focused_card()
        self._build_grid()
        if focused is not None:
            self.focus_card(focused.id)

    # --- commands -------------------------------------------------------------------
    def _push(self, command) -> None:  # noqa: ANN001 - a ServiceCommand
        self._undo_stack.push(command)
        self.cards_changed.emit()

    def _command_args(self) -> tuple:
        return (self._context.uow, self.refresh, self._on_command_failed)

    def _on_command_failed(self, error: DatabaseError) -> None:
        show_error(self, error, self.tr("Could not undo or redo"))

    def _dialog(self, card: Card | None, defaults: CardInput | None = None) -> CardDialog:
        uow = self._context.uow
        all_goals = [g for quarter in goals.list_quarters(uow) for g in goals.list_goals(uow, quarter)]
        return CardDialog(campaigns=board.list_campaigns(uow),
                          people=people.list_people(uow, active_only=True), goals=all_goals,
                          sources=board.derivation_candidates(uow, card.id if card else None),
                          card=card, defaults=defaults, parent=self)

    def new_card(self) -> None:
        if self._context is None or self._context.read_only:
            return
        focused = self.focused_card()
        defaults = CardInput("", focused.team if focused else Team.MARKETING,
                             stage=focused.stage if focused else Stage.IDEA,
                             campaign_id=self._filter.campaign_id or (
                                 focused.campaign_id if focused else None),
                             owner_id=self._context.person.id)
        dialog = self._dialog(None, defaults)
        saved: list[board.Saved] = []
        dialog.saver = lambda data: saved.append(board.add_card(self._context.uow, data))
        if dialog.exec() != QDialog.Accepted or not saved:
            return
        self._push(CreateCardCommand(saved[0].card, *self._command_args()))
        self.refresh()
        if not self.focus_card(saved[0].card.id):
            tell(self, self.tr("New card"), self.tr(
                "The card was added; the filters hide it. Clear the filters to see it."))
        for warning in saved[0].warnings:
            tell(self, self.tr("Check the due date"), warning)

    def edit_card(self) -> None:
        card = self.focused_card()
        if card is None or self._context is None or self._context.read_only:
            return
        dialog = self._dialog(card)
        saved: list[tuple[Card, Card]] = []
        dialog.saver = lambda data: self._save_edit(card, data, saved)
        if dialog.exec() == QDialog.Accepted and saved:
            self._push(EditCardCommand(*saved[0], *self._command_args()))
        self.refresh()

    def _save_edit(self, card: Card, data: CardInput, saved: list[tuple[Card, Card]]) -> None:
        """Save the card dialog; keeps (the card as it was before, as saved) for undo.

        When someone else saved the same fields first, the person picks per field;
        "Back to editing" keeps the dialog open with their typing (a ValidationError).
        """
        uow = self._context.uow
        before, version = card, card.version
        while True:
            try:
                saved.append((before, board.update_card(uow, card.id, version, data)))
                return
            except ConflictError as conflict:
                if conflict.deleted:
                    show_error(self, conflict)
                    return
                chosen = resolve_conflict(self, conflict, data)
                if chosen is None:
                    raise ValidationError(self.tr(
                        "Someone else saved this card meanwhile. Save again to choose field by "
                        "field, or cancel to see their version.")) from conflict
                data, version = chosen, conflict.stored_version
                before = self._stored_card(card.id, before)  # undo brings theirs back
            except ValidationError:
                raise
            except DatabaseError as error:
                show_error(self, error)
                return

    def _stored_card(self, card_id: int, fallback: Card) -> Card:
        try:
            return board.get_card(self._context.uow, card_id)
        except DatabaseError:
            return fallback

    def delete_card(self) -> None:
        card = self.focused_card()
        if card is None or self._context is None or self._context.read_only:
            return
        uow = self._context.uow
        derived = board.derivative_ids(uow, card.id)
        choice = Derivatives.KEEP
        if derived:
            dialog = DerivativesDialog(card, len(derived), self)
            if dialog.exec() != QDialog.Accepted:
                return
            choice = dialog.choice()
        try:
            trashed = board.trash_card(uow, card.id, card.version, choice)
        except DatabaseError as error:
            show_error(self, error)
            self.refresh()
            return
        self._push(TrashCardCommand(card, choice, trashed, *self._command_args()))
        self.refresh()

    def _on_model_card_dropped(self, card_id: int, stage: Stage, team: Team | None,
                               after_id: int | None) -> None:
        card = next((c for c in self._cards if c.id == card_id), None)
        if card is None:
            return
        # Qt is still inside the drag: move once it has finished.
        QTimer.singleShot(0, lambda: self.move_card(card, stage, team or card.team, after_id))

    def move_card(self, card: Card, stage: Stage, team: Team, after_id: int | None) -> None:
        if self._context is None or self._context.read_only:
            return
        if after_id == card.id or (stage == card.stage and team == card.team
                                   and after_id == self._visible_predecessor(card)):
            return
        uow = self._context.uow
        old_after = board.neighbour_before(uow, card.id)
        try:
            board.move_card(uow, card.id, stage, after_id, team=team)
        except DatabaseError as error:
            show_error(self, error, self.tr("Could not move the card"))
            self.refresh()
            return
        self._push(MoveCardCommand(card, old_after, stage, team, after_id, *self._command_args()))
        self.refresh()
        self.focus_card(card.id)

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

    def show_lineage(self) -> None:
        card = self.focused_card()
        if card is None or self._context is None:
            return
        try:
            root = lineage.lineage(self._context.uow, card.id)
        except DatabaseError as error:
            show_error(self, error)
            return
        dialog = LineageDialog(root, card.id, self)
        self.lineage_dialog = dialog
        dialog.exec()

    def open_trash(self) -> None:
        if self._context is None:
            return
        uow = self._context.uow
        dialog: TrashDialog

        def restore(cards: list[Card]) -> None:
            try:
                board.restore_cards(uow, tuple(card.id for card in cards))
            except DatabaseError as error:
                show_error(dialog, error)
            dialog.set_cards(board.list_trash(uow))
            self.refresh()

        def empty() -> bool:
            count = dialog.model.rowCount()
            if ask(dialog, self.tr("Empty the trash"), self.tr(
                    "Remove the {0} cards in the trash for good? This cannot be undone, and "
                    "it empties the trash for the whole team.").format(count)) != QMessageBox.Yes:
                return False
            try:
                board.empty_trash(uow)
            except DatabaseError as error:
                show_error(dialog, error)
                return False
            self._undo_stack.clear()  # earlier steps may refer to cards that are gone
            return True

        dialog = TrashDialog(board.list_trash(uow), restore, empty, self)
        if self._context.read_only:
            dialog.restore_button.setEnabled(False)
            dialog.empty_button.setEnabled(False)
        self.trash_dialog = dialog
        dialog.exec()
        self.refresh()

    def new_campaign_from_template(self) -> None:
        if self._context is None or self._context.read_only:
            return
        uow = self._context.uow
        dialog = TemplateCampaignDialog(campaign_templates.list_templates(uow), self)
        created: list[campaign_templates.CreatedCampaign] = []
        dialog.saver = lambda name, launch, template: created.append(
            campaign_templates.create_from_template(uow, template, name, launch))
        if dialog.exec() == QDialog.Accepted and created:
            self._push(TemplateCampaignCommand(created[0], *self._command_args()))
            self.refresh()
            self.focus_card(created[0].card_ids[0])

    def save_campaign_as_template(self) -> None:
        if self._context is None or self._context.read_only:
            return
        uow = self._context.uow
        campaigns = board.list_campaigns(uow)
        if not campaigns:
            tell(self, self.tr("Save campaign as template"), self.tr("There are no campaigns yet."))
            return
        focused = self.focused_card()
        dialog = SaveTemplateDialog(campaigns, focused.campaign_id if focused else None, self)
        dialog.saver = lambda campaign_id, name, replace: \
            campaign_templates.save_campaign_as_template(uow, campaign_id, name, replace=replace)
        dialog.exec()

    def sizeHint(self) -> QSize:
        return QSize(1200, CARD_HEIGHT * 8)
