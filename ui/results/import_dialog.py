"""Choosing how to read an export: the profile, the column mapping and the period.

Import accepts the dialog; "Save mapping as profile" hands the name and the mapping
to ``saver``, which the page's ``FormSave`` (``ui.shell.form_save``) sets: the dialog
waits for that save on the writer thread with the button saying "Saving…", and shows
a refusal in place, so the mapping is not lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import ValidationError
from desktop.importing import ColumnMapping, ImportRequest, Period, Preview, Profile
from ui.results.analytics_models import MappingTableModel, PreviewTableModel, role_choices
from ui.shell.form_dialog import grow_to_fit
from ui.shell.labels import DATE_FORMAT, date_text
from ui.shell.palette import Tone, style_label

ProfileInput = tuple[str, ColumnMapping]  # what a profile is saved from: its name, the mapping


class RoleDelegate(QStyledItemDelegate):
    """A drop-down of the roles a column can play."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,
                     _index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.setAccessibleName(parent.tr("Use as"))
        for role, label in role_choices():
            box.addItem(label, role)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole))))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001
        model.setData(index, editor.currentData(), Qt.EditRole)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ImportDialog(QDialog):
    """Shows the first rows and the mapping; ``request()`` is what the page imports."""

    def __init__(self, preview: Preview, channels: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import results from {0}").format(preview.layout.path.name))
        self._preview = preview
        self._row_metric = ""
        self.saver: Callable[[ProfileInput], None] | None = None  # saves a profile
        self.saving = False  # a profile's save is on the writer thread

        info = self.tr("{0}; column names on line {1}.").format(
            preview.layout.describe, preview.layout.header_line)
        if preview.duplicate_of is not None:
            info += " " + self.tr("This file was imported already on {0}: importing it again "
                                  "adds nothing.").format(
                date_text(preview.duplicate_of.imported_at))
        self.info_label = QLabel(info)
        self.info_label.setWordWrap(True)

        self.profile_box = QComboBox()
        self.profile_box.setAccessibleName(self.tr("Profile"))
        self.profile_box.addItem(self.tr("(my own mapping)"), None)
        profiles = list(preview.profiles)
        if preview.profile is not None and preview.profile not in profiles:
            profiles.insert(0, preview.profile)
        for profile in profiles:
            suffix = "" if profile.builtin or profile.id is None else self.tr(" (saved)")
            self.profile_box.addItem(profile.name + suffix, profile)

        self.preview_model = PreviewTableModel(self)
        self.preview_model.set_preview(preview.columns, preview.rows[:10])
        self.preview_view = QTableView()
        self.preview_view.setAccessibleName(self.tr("First rows of the file"))
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setWordWrap(False)
        preview_header = self.preview_view.horizontalHeader()
        preview_header.setMaximumSectionSize(280)  # a long text column stays within reach
        self.preview_view.resizeColumnsToContents()  # a column is as wide as its name, at least

        self.mapping_model = MappingTableModel(self)
        firsts = preview.rows[0][1] if preview.rows else ()
        self.mapping_model.set_columns(preview.columns, firsts)
        self.mapping_view = QTableView()
        self.mapping_view.setAccessibleName(self.tr("Column mapping"))
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.setItemDelegateForColumn(MappingTableModel.USE_COLUMN,
                                                   RoleDelegate(self.mapping_view))
        self.mapping_view.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.mapping_view.verticalHeader().hide()
        header = self.mapping_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)

        self.channel_box = QComboBox()
        self.channel_box.setEditable(True)
        self.channel_box.setAccessibleName(self.tr("Channel"))
        self.channel_box.addItems(channels)
        self.channel_box.setEditText("")

        self.period_box = QGroupBox(self.tr("Period the file covers"))
        self.period_start = QDateEdit()
        self.period_start.setCalendarPopup(True)
        self.period_start.setDisplayFormat(DATE_FORMAT)
        self.period_start.setAccessibleName(self.tr("Period start"))
        self.period_end = QDateEdit()
        self.period_end.setCalendarPopup(True)
        self.period_end.setDisplayFormat(DATE_FORMAT)
        self.period_end.setAccessibleName(self.tr("Period end"))
        proposed = preview.proposed_period or Period(date.today() - timedelta(days=30),
                                                     date.today())
        self.period_start.setDate(_qdate(proposed.start))
        self.period_end.setDate(_qdate(proposed.end))
        self.period_note = QLabel()
        self.period_note.setWordWrap(True)
        period_layout = QHBoxLayout(self.period_box)
        period_layout.addWidget(QLabel(self.tr("From")))
        period_layout.addWidget(self.period_start)
        period_layout.addWidget(QLabel(self.tr("to")))
        period_layout.addWidget(self.period_end)
        period_layout.addWidget(self.period_note, 1)

        self.profile_name_edit = QLineEdit()
        self.profile_name_edit.setAccessibleName(self.tr("Profile name"))
        self.profile_name_edit.setPlaceholderText(self.tr("Name, to reuse this mapping"))
        self._save_profile_text = self.tr("Save &mapping as profile")
        self.save_profile_button = QPushButton(self._save_profile_text)
        self.save_profile_button.clicked.connect(self._on_save_profile_button_clicked)
        save_row = QHBoxLayout()
        save_row.addWidget(self.profile_name_edit, 1)
        save_row.addWidget(self.save_profile_button)

        self.error_label = QLabel()
        style_label(self.error_label, Tone.ERROR)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Profile"), self.profile_box)
        form.addRow(self.tr("C&hannel"), self.channel_box)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.preview_view)
        splitter.addWidget(self.mapping_view)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.AcceptRole)
        self.cancel_button = buttons.button(QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.period_box)
        layout.addLayout(save_row)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(900, 700)

        self.profile_box.currentIndexChanged.connect(self._on_profile_box_changed)
        self.mapping_model.dataChanged.connect(self._update_period)
        index = self.profile_box.findData(preview.profile) if preview.profile else 0
        self.profile_box.setCurrentIndex(max(0, index))
        self._on_profile_box_changed()

    def _on_profile_box_changed(self) -> None:
        profile: Profile | None = self.profile_box.currentData()
        if profile is not None:
            self._show_mapping(profile.mapping)

    def _show_mapping(self, mapping: ColumnMapping) -> None:
        try:
            shown = mapping.resolve(self._preview.columns)
        except ValidationError:
            shown = mapping
        self.mapping_model.set_mapping(shown)
        self._row_metric = mapping.row_metric
        self.channel_box.setEditText(mapping.fixed_channel)
        self._update_period()

    def _update_period(self) -> None:
        needed = not self.mapping().timestamp
        self.period_box.setEnabled(needed)
        if not needed:
            self.period_note.setText(self.tr("Each row has its own date."))
        elif self._preview.proposed_period:
            self.period_note.setText(self.tr("Proposed from the file; check it."))
        else:
            self.period_note.setText(self.tr("The file does not say: enter the period."))

    def mapping(self) -> ColumnMapping:
        return self.mapping_model.mapping(self.channel_box.currentText().strip(),
                                          self._row_metric)

    def period(self) -> Period | None:
        if self.mapping().timestamp:
            return None
        return Period(self.period_start.date().toPython(), self.period_end.date().toPython())

    def request(self) -> ImportRequest:
        profile: Profile | None = self.profile_box.currentData()
        mapping = self.mapping()
        try:
            same = profile is not None and (profile.mapping.resolve(self._preview.columns)
                                            == mapping.resolve(self._preview.columns))
        except ValidationError:
            same = False
        return ImportRequest(Path(self._preview.layout.path), mapping,
                             profile.name if same else self.tr("Mapped by hand"), self.period())

    def _validated(self) -> None:
        self.mapping().resolve(self._preview.columns)
        period = self.period()
        if period is not None and period.end < period.start:
            raise ValidationError(self.tr("The period ends before it starts."))

    def accept(self) -> None:
        """Import only a mapping that fits the file; a refusal is shown here."""
        if self.saving:
            return  # the profile's save comes first
        try:
            self._validated()
        except ValidationError as error:
            self.show_problem(error.message)
            return
        super().accept()

    def reject(self) -> None:
        if not self.saving:  # a save cannot be called back
            super().reject()

    def _on_save_profile_button_clicked(self) -> None:
        if self.saver is None or self.saving:
            return
        try:
            self._validated()
        except ValidationError as error:
            self.show_problem(error.message)
            return
        self.saver((self.profile_name_edit.text(), self.mapping()))

    # --- the profile's save on the writer thread (``FormSave``) ---------------------
    def begin_saving(self) -> None:
        self.saving = True
        self.error_label.hide()
        self.save_profile_button.setText(self.tr("Saving…"))
        for button in (self.save_profile_button, self.import_button, self.cancel_button):
            button.setEnabled(False)

    def end_saving(self, problem: str = "") -> None:
        """The save is over; the dialog stays open, with the reason it was refused."""
        self.saving = False
        self.save_profile_button.setText(self._save_profile_text)
        for button in (self.save_profile_button, self.import_button, self.cancel_button):
            button.setEnabled(True)
        if problem:
            self.show_problem(problem)

    def saved(self) -> None:
        """The profile is saved; the dialog stays open to import (``add_saved_profile``)."""
        self.end_saving()

    def restore(self, typed: ProfileInput) -> None:
        """Put back the name and mapping of a profile whose save was refused late."""
        name, mapping = typed
        self.profile_name_edit.setText(name)
        self._show_mapping(mapping)

    def add_saved_profile(self, saved: Profile) -> None:
        """Offer a profile just saved, and choose it (the mapping on screen is its own)."""
        self.profile_box.blockSignals(True)
        self.profile_box.insertItem(1, saved.name + self.tr(" (saved)"), saved)
        self.profile_box.setCurrentIndex(1)
        self.profile_box.blockSignals(False)
        self.error_label.hide()

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        grow_to_fit(self)
