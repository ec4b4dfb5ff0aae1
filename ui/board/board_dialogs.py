"""The board's smaller dialogs: lineage, trash, deleting a source, campaign templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.enums import Team
from desktop.board import Campaign, Card, Derivatives, Derived
from desktop.campaign_templates import CampaignPlan, CampaignTemplate, planned_pieces
from desktop.goals import Goal
from desktop.lineage import LineageNode, headline
from desktop.numbers import counted
from desktop.people import Person
from ui.board.board_models import LineageTreeModel, PlannedPiecesTableModel, TrashTableModel
from ui.shell.form_dialog import FormDialog
from ui.shell.labels import DATE_FORMAT, DEPARTMENT_LABELS, TEAM_LABELS
from ui.shell.palette import Tone, style_label


class LineageDialog(QDialog):
    """How far one source went: the tree with own and branch results.

    Double-clicking a row (or Enter on it) asks for that card's editor: ``card_opened``.
    """

    card_opened = Signal(int)  # a card id

    def __init__(self, root: LineageNode, focus_card_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lineage of '{0}'").format(root.title))
        self.headline = QLabel(headline(root))
        self.headline.setTextFormat(Qt.PlainText)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.model = LineageTreeModel(self)
        self.model.set_root(root)
        self.tree = QTreeView()
        self.tree.setAccessibleName(self.tr("Lineage"))
        self.tree.setModel(self.model)
        self.tree.expandAll()
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(False)  # a double-click opens the card
        self.tree.doubleClicked.connect(self._open_card)
        self.tree.installEventFilter(self)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        note = QLabel(self.tr("Each figure is the total of the card and everything derived "
                              "from it; \"own\" is the card's own share. Double-click a card "
                              "to open it."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(1050, 560)
        self._select(focus_card_id)

    def set_root(self, root: LineageNode) -> None:
        """Show the tree again (after a card in it was saved), keeping the chosen card."""
        chosen = self.model.node_at(self.tree.currentIndex())
        self.model.set_root(root)
        self.tree.expandAll()
        self.headline.setText(headline(root))
        if chosen is not None:
            self._select(chosen.card_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row of the tree opens that card (and does not close the dialog)."""
        if watched is self.tree and event.type() == QEvent.KeyPress \
                and event.key() in (Qt.Key_Return, Qt.Key_Enter) \
                and self.tree.currentIndex().isValid():
            self._open_card(self.tree.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _open_card(self, index: QModelIndex) -> None:
        node = self.model.node_at(index)
        if node is not None:
            self.card_opened.emit(node.card_id)

    def _select(self, card_id: int) -> None:
        stack = [self.model.index(0, 0)]
        while stack:
            index = stack.pop()
            node = self.model.node_at(index)
            if node is not None and node.card_id == card_id:
                self.tree.setCurrentIndex(index)
                return
            stack += [self.model.index(r, 0, index) for r in range(self.model.rowCount(index))]


class DerivativesDialog(QDialog):
    """Asked when a card others derive from goes to the trash.

    It counts as the card does: the pieces derived directly (its ↳ badge), and,
    when some of those have pieces of their own, how many there are in all.
    """

    def __init__(self, card: Card, derived: Derived, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete '{0}'").format(card.title))
        direct, every = len(derived.direct), len(derived.all)
        if every == 1:
            question = self.tr("1 piece derives from this card. What should happen to it?")
            keep = self.tr("Keep it, still linked to this card in the trash")
            detached = self.tr("Keep it, detached: it becomes an original piece")
            delete = self.tr("Move it to the trash too")
        else:
            if direct == every:
                question = self.tr("{0} pieces derive from this card.").format(every)
            elif direct == 1:
                question = self.tr("1 piece derives directly from this card, {0} in all with "
                                  "the pieces derived from it.").format(every)
            else:
                question = self.tr("{0} pieces derive directly from this card, {1} in all with "
                                  "the pieces derived from those.").format(direct, every)
            question += " " + self.tr("What should happen to them?")
            keep = self.tr("Keep them, still linked to this card in the trash")
            detached = (self.tr("Keep them, detached: they become original pieces")
                        if direct == every else
                        self.tr("Keep them; the one derived directly becomes an original piece")
                        if direct == 1 else
                        self.tr("Keep them; the {0} derived directly become original pieces"
                                ).format(counted(direct, 'piece')))
            delete = self.tr("Move all {0} to the trash too").format(every)
        self.text = QLabel(question)
        self.text.setWordWrap(True)
        self.keep = QRadioButton(keep)
        self.detach = QRadioButton(detached)
        self.delete = QRadioButton(delete)
        self.detach.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        buttons.addButton(self.tr("Delete"), QDialogButtonBox.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.text, self.keep, self.detach, self.delete, buttons):
            layout.addWidget(widget)

    def choice(self) -> Derivatives:
        if self.keep.isChecked():
            return Derivatives.KEEP
        return Derivatives.DELETE if self.delete.isChecked() else Derivatives.DETACH


class TrashDialog(QDialog):
    """The team's trash: restore a card, or empty the trash after a question.

    The buttons only ask: the page does the work in the background and hands
    the trash back through ``set_cards`` when it is done.
    """

    def __init__(self, cards: list[Card], restore: Callable[[list[Card]], None],
                 empty: Callable[[], None], parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trash"))
        self._restore = restore
        self._empty = empty
        self._read_only = read_only
        self.model = TrashTableModel(self)
        self.model.set_rows(cards)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Cards in the trash"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.empty_button = QPushButton(self.tr("&Empty trash…"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.empty_button.clicked.connect(self._on_empty_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self._update()

    def set_cards(self, cards: list[Card]) -> None:
        self.model.set_rows(cards)
        self._update()

    def _update(self) -> None:
        usable = self.model.rowCount() > 0 and not self._read_only
        self.restore_button.setEnabled(usable)
        self.empty_button.setEnabled(usable)

    def _on_restore_button_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if rows:
            self._restore([self.model.row_at(row) for row in rows])

    def _on_empty_button_clicked(self) -> None:
        self._empty()


class TemplateCampaignDialog(FormDialog):
    """New campaign from template: name, launch and template; the goal and owners its
    pieces get; and the pieces it will create, shown before anything is created."""

    def __init__(self, templates: list[CampaignTemplate], parent: QWidget | None = None, *,
                 people: Sequence[Person] = (), goals: Sequence[Goal] = (),
                 goal_id: int | None = None,
                 owners: tuple[tuple[Team, int], ...] = ()) -> None:
        super().__init__(self.tr("New campaign from template"), parent)
        self._templates = templates
        self._names = {person.id: person.name for person in people}
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Campaign name"))
        self.launch_edit = QDateEdit(QDate.currentDate().addDays(28))
        self.launch_edit.setCalendarPopup(True)
        self.launch_edit.setDisplayFormat(DATE_FORMAT)
        self.launch_edit.setAccessibleName(self.tr("Launch date"))
        self.template_box = QComboBox()
        self.template_box.setAccessibleName(self.tr("Template"))
        for template in templates:
            self.template_box.addItem(f"{template.name} ({counted(len(template.pieces), 'piece')})")
        self.goal_box = QComboBox()
        self.goal_box.setAccessibleName(self.tr("Goal the pieces support"))
        self.goal_box.addItem(self.tr("(supports no goal)"), None)
        for goal in goals:
            self.goal_box.addItem(f"{goal.quarter} · {goal.title}", goal.id)
        self.goal_box.setCurrentIndex(max(0, self.goal_box.findData(goal_id)))
        self.owner_boxes: dict[Team, QComboBox] = {}
        chosen_owners = dict(owners)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Launch"), self.launch_edit)
        form.addRow(self.tr("&Template"), self.template_box)
        form.addRow(self.tr("&Goal"), self.goal_box)
        for team in Team:
            box = QComboBox()
            box.setAccessibleName(self.tr("Owner of the {0} pieces").format(TEAM_LABELS[team]))
            box.addItem(self.tr("(nobody)"), None)
            for person in people:
                box.addItem(f"{person.name} ({DEPARTMENT_LABELS[person.department]})", person.id)
            box.setCurrentIndex(max(0, box.findData(chosen_owners.get(team))))
            box.currentIndexChanged.connect(self._show_pieces)
            self.owner_boxes[team] = box
            form.addRow(self.tr("Owner of the {0} pieces").format(TEAM_LABELS[team]), box)
        self.pieces_label = QLabel()
        self.pieces_model = PlannedPiecesTableModel(self)
        self.pieces_view = QTableView()
        self.pieces_view.setAccessibleName(self.tr("The pieces it will create"))
        self.pieces_view.setModel(self.pieces_model)
        self.pieces_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.pieces_view.verticalHeader().hide()
        header = self.pieces_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        self.pieces_label.setBuddy(self.pieces_view)
        self.purpose_label = QLabel()
        self.purpose_label.setWordWrap(True)
        style_label(self.purpose_label, Tone.WARNING)
        self.name_edit.textChanged.connect(self._show_pieces)
        self.launch_edit.dateChanged.connect(self._show_pieces)
        self.template_box.currentIndexChanged.connect(self._show_pieces)
        self.goal_box.currentIndexChanged.connect(self._show_pieces)
        self.set_body(form, self.pieces_label, self.pieces_view, self.purpose_label)
        self.resize(880, 640)
        self._show_pieces()

    def plan(self) -> CampaignPlan:
        template = self._templates[self.template_box.currentIndex()]
        teams = {piece.team for piece in template.pieces}
        owners = tuple((team, box.currentData()) for team, box in self.owner_boxes.items()
                       if team in teams and box.currentData() is not None)
        return CampaignPlan(template, self.name_edit.text(), self.launch_edit.date().toPython(),
                            self.goal_box.currentData(), owners)

    def _show_pieces(self) -> None:
        """The pieces as they will be made, and what they will lack."""
        plan = self.plan()
        teams = {piece.team for piece in plan.template.pieces}
        for team, box in self.owner_boxes.items():
            box.setEnabled(team in teams)
        planned = planned_pieces(replace(plan, name=plan.name.strip() or "…"))
        self.pieces_model.set_pieces(planned, self._names)
        count = len(planned)
        self.pieces_label.setText(
            self.tr("It creates this piece in the Idea column:") if count == 1 else
            self.tr("It creates these {0} pieces in the Idea column:").format(count))
        lacking = []
        if plan.goal_id is None:
            lacking.append(self.tr("No goal chosen: the pieces will count as \"content without "
                                   "a purpose\" until each is given one."))
        unowned = [TEAM_LABELS[team] for team in Team if team in teams
                   and plan.owner_of(team) is None]
        if unowned:
            lacking.append(self.tr("Nobody owns the {0} pieces yet.").format(
                self.tr(" and ").join(unowned)))
        self.purpose_label.setText(" ".join(lacking))
        self.purpose_label.setVisible(bool(lacking))

    def restore(self, plan: CampaignPlan) -> None:
        """Put back what was typed, when a save finished in the background was refused."""
        self.name_edit.setText(plan.name)
        launch = plan.launch_on
        self.launch_edit.setDate(QDate(launch.year, launch.month, launch.day))
        names = [t.name for t in self._templates]
        if plan.template.name in names:
            self.template_box.setCurrentIndex(names.index(plan.template.name))
        self.goal_box.setCurrentIndex(max(0, self.goal_box.findData(plan.goal_id)))
        for team, box in self.owner_boxes.items():
            box.setCurrentIndex(max(0, box.findData(plan.owner_of(team))))

    def submit(self) -> None:
        self.saver(self.plan())


class SaveTemplateDialog(FormDialog):
    def __init__(self, campaigns: list[Campaign], current_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Save campaign as template"), parent)
        self.campaign_box = QComboBox()
        self.campaign_box.setAccessibleName(self.tr("Campaign"))
        for campaign in campaigns:
            self.campaign_box.addItem(campaign.name, campaign.id)
        self.campaign_box.setCurrentIndex(max(0, self.campaign_box.findData(current_id)))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Template name"))
        self.replace_check = QCheckBox(self.tr("&Replace a template of the same name"))
        form = QFormLayout()
        form.addRow(self.tr("&Campaign"), self.campaign_box)
        form.addRow(self.tr("Template &name"), self.name_edit)
        form.addRow("", self.replace_check)
        hint = QLabel(self.tr("The template keeps the campaign's structure (kinds, teams, links "
                              "and timing from the launch), not its titles or content."))
        hint.setWordWrap(True)
        self.set_body(form, hint)

    def restore(self, value: tuple[int, str, bool]) -> None:
        """Put back what was typed, when a save finished in the background was refused."""
        campaign_id, name, replace = value
        self.campaign_box.setCurrentIndex(max(0, self.campaign_box.findData(campaign_id)))
        self.name_edit.setText(name)
        self.replace_check.setChecked(replace)

    def submit(self) -> None:
        self.saver((self.campaign_box.currentData(), self.name_edit.text(),
                    self.replace_check.isChecked()))
