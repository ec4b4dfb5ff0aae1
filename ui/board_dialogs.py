"""The board's smaller dialogs: lineage, trash, deleting a source, campaign templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QAbstractItemView,
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

from desktop.board import Campaign, Card, Derivatives
from desktop.campaign_templates import CampaignTemplate
from desktop.lineage import LineageNode, headline
from ui.form_dialog import FormDialog
from ui.board_models import LineageTreeModel, TrashTableModel
from ui.labels import DATE_FORMAT


class LineageDialog(QDialog):
    """How far one source went: the tree with own and branch results."""

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
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        note = QLabel(self.tr("Each figure is the total of the card and everything derived "
                              "from it; \"own\" is the card's own share."))
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
    """Asked when a card others derive from goes to the trash."""

    def __init__(self, card: Card, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete '{0}'").format(card.title))
        text = QLabel(self.tr("{0} pieces derive from this card. What should happen to them?")
                      .format(count))
        text.setWordWrap(True)
        self.keep = QRadioButton(self.tr("Keep them, still linked to this card in the trash"))
        self.detach = QRadioButton(self.tr("Keep them, detached: they become original pieces"))
        self.delete = QRadioButton(self.tr("Move them to the trash too"))
        self.detach.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        buttons.addButton(self.tr("Delete"), QDialogButtonBox.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (text, self.keep, self.detach, self.delete, buttons):
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
    """New campaign from template: name, launch date, template."""

    def __init__(self, templates: list[CampaignTemplate], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New campaign from template"), parent)
        self._templates = templates
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Campaign name"))
        self.launch_edit = QDateEdit(QDate.currentDate().addDays(28))
        self.launch_edit.setCalendarPopup(True)
        self.launch_edit.setDisplayFormat(DATE_FORMAT)
        self.launch_edit.setAccessibleName(self.tr("Launch date"))
        self.template_box = QComboBox()
        self.template_box.setAccessibleName(self.tr("Template"))
        for template in templates:
            self.template_box.addItem(f"{template.name} ({len(template.pieces)} pieces)")
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Launch"), self.launch_edit)
        form.addRow(self.tr("&Template"), self.template_box)
        self.set_body(form)

    def restore(self, value: tuple[str, date, CampaignTemplate]) -> None:
        """Put back what was typed, when a save finished in the background was refused."""
        name, launch, template = value
        self.name_edit.setText(name)
        self.launch_edit.setDate(QDate(launch.year, launch.month, launch.day))
        names = [t.name for t in self._templates]
        if template.name in names:
            self.template_box.setCurrentIndex(names.index(template.name))

    def submit(self) -> None:
        self.saver((self.name_edit.text(), self.launch_edit.date().toPython(),
                    self._templates[self.template_box.currentIndex()]))


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
