"""The editor of one meeting: when, what, who (with departments), the texts, the actions.

It holds what the person types until the page saves it; ``is_dirty()`` tells
whether anything differs from the meeting as loaded, so that a refresh from
the file never throws away unsaved typing. A save runs in the background, so
the person may type on while it waits; ``take_saved`` then keeps that typing
on top of the meeting as saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.attendees import Attendee, departments_of, is_joint
from desktop.meetings import ActionInput, Meeting, MeetingInput
from ui.meetings.action_delegates import DueDateDelegate, OwnerDelegate
from ui.meetings.meeting_models import ActionItemsTableModel
from ui.shell.attendee_model import AttendeeListModel
from ui.shell.labels import DATE_TIME_FORMAT, DEPARTMENT_LABELS, date_text
from ui.shell.palette import Tone, style_banner, style_label


def _text_edit(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


def as_loaded(meeting: Meeting) -> MeetingInput:
    """What the editor's ``meeting_input()`` gives right after loading ``meeting``."""
    data = meeting.as_input()
    return replace(data, starts_at=data.starts_at.replace(second=0, microsecond=0),
                   attendee_ids=tuple(sorted(data.attendee_ids)))


def typed_on_top(saved: Meeting, sent: MeetingInput, typed: MeetingInput) -> MeetingInput:
    """What the editor should hold once a save of ``sent`` landed as ``saved`` while the
    person went on typing (``typed``): what they changed since stays, the rest is as saved."""
    stored = as_loaded(saved)
    kept = {name: getattr(typed if getattr(typed, name) != getattr(sent, name) else stored, name)
            for name in ("starts_at", "title", "attendee_ids", "agenda", "notes", "decisions")}
    return MeetingInput(**kept, actions=_actions_on_top(saved, sent.actions, typed.actions))


def _actions_on_top(saved: Meeting, sent: tuple[ActionInput, ...],
                    typed: tuple[ActionInput, ...]) -> tuple[ActionInput, ...]:
    """The action items as saved, with the person's changes since the save on top.

    The save gave the new rows it sent the highest new ids, in order; a new row the
    person left alone since takes its id, so that the next save does not add it twice.
    A row changed or removed since stays as the editor shows it. Rows that others
    added meanwhile are kept, so that the next save does not remove them.
    """
    stored = {a.id: a.as_input() for a in saved.actions}
    sent_by_id = {a.id: a for a in sent if a.id is not None}
    sent_new = [a for a in sent if a.id is None]
    unknown = sorted(i for i in stored if i not in sent_by_id)
    made = unknown[len(unknown) - len(sent_new):] if sent_new else []
    rows: list[ActionInput] = []
    new_rows = 0  # the editor's new rows so far
    matching = True  # each of them so far is one the save made, left alone since
    for row in typed:
        if row.id is None:
            matching = matching and new_rows < len(made) and row == sent_new[new_rows]
            rows.append(stored[made[new_rows]] if matching else row)
            new_rows += 1
        elif row == sent_by_id.get(row.id):
            if row.id in stored:  # else someone else removed it, and it was left alone
                rows.append(stored[row.id])
        else:
            rows.append(replace(row, version=stored[row.id].version) if row.id in stored else row)
    others = [i for i in unknown if i not in made]
    return tuple(rows + [stored[i] for i in others])


class MeetingEditor(QWidget):
    dirty_changed = Signal(bool)

    AGENDA_TAB, NOTES_TAB, DECISIONS_TAB = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting: Meeting | None = None
        self.load_count = 0  # tells late results whether the editor still shows their meeting
        self._baseline: MeetingInput | None = None
        self._dirty = False
        self._loading = False
        self._owner_id: int | None = None

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setAccessibleName(self.tr("Meeting being edited"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        style_banner(self.stale_label)
        self.stale_label.hide()

        self.starts_edit = QDateTimeEdit()
        self.starts_edit.setAccessibleName(self.tr("Starts"))
        self.starts_edit.setCalendarPopup(True)
        self.starts_edit.setDisplayFormat(DATE_TIME_FORMAT)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Joint weekly: launch planning"))

        self.attendee_model = AttendeeListModel(self)
        self.attendee_view = QListView()
        self.attendee_view.setAccessibleName(self.tr("Attendees"))
        self.attendee_view.setModel(self.attendee_model)
        self.attendee_view.setMinimumWidth(230)
        self.joint_label = QLabel()
        self.joint_label.setTextFormat(Qt.PlainText)
        self.joint_label.setAccessibleName(self.tr("Departments present"))
        self.joint_label.setWordWrap(True)

        self.agenda_edit = _text_edit(self.tr("Agenda"), self.tr("One point per line"))
        self.notes_edit = _text_edit(self.tr("Notes"), self.tr(
            "What was said. Put the cursor on a line with an idea and choose "
            "\"Make an idea card\" to put it on the board."))
        self.decisions_edit = _text_edit(self.tr("Decisions"), self.tr("What was agreed"))
        self.text_tabs = QTabWidget()
        self.text_tabs.setAccessibleName(self.tr("Agenda, notes and decisions"))
        self.text_tabs.addTab(self.agenda_edit, self.tr("&Agenda"))
        self.text_tabs.addTab(self.notes_edit, self.tr("N&otes"))
        self.text_tabs.addTab(self.decisions_edit, self.tr("De&cisions"))

        self.action_model = ActionItemsTableModel(self)
        self.action_view = QTableView()
        self.action_view.setAccessibleName(self.tr("Action items"))
        self.action_view.setModel(self.action_model)
        self.action_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.action_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.action_view.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.action_view.verticalHeader().hide()
        self.action_view.setItemDelegateForColumn(
            ActionItemsTableModel.OWNER, OwnerDelegate(self.action_model.people, self.action_view))
        self.action_view.setItemDelegateForColumn(ActionItemsTableModel.DUE,
                                                  DueDateDelegate(self.action_view))
        header = self.action_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(ActionItemsTableModel.TEXT, QHeaderView.Stretch)
        header.setMinimumSectionSize(70)
        self.add_action_button = QPushButton(self.tr("Add action &item"))
        self.add_action_button.setAccessibleName(self.tr("Add action item"))
        self.remove_action_button = QPushButton(self.tr("Remove action item"))
        self.remove_action_button.setAccessibleName(self.tr("Remove action item"))

        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.PlainText)
        self.error_label.setAccessibleName(self.tr("Problem"))
        style_label(self.error_label, Tone.ERROR)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self._build_layout()
        self._connect()
        self.load(None, [])

    def _build_layout(self) -> None:
        form = QFormLayout()
        starts_label = QLabel(self.tr("&Starts"))
        starts_label.setBuddy(self.starts_edit)
        title_label = QLabel(self.tr("&Title"))
        title_label.setBuddy(self.title_edit)
        form.addRow(starts_label, self.starts_edit)
        form.addRow(title_label, self.title_edit)
        attendees = QVBoxLayout()
        attendees_label = QLabel(self.tr("Atte&ndees"))
        attendees_label.setBuddy(self.attendee_view)
        attendees.addWidget(attendees_label)
        attendees.addWidget(self.attendee_view, 1)
        attendees.addWidget(self.joint_label)
        middle = QHBoxLayout()
        middle.addLayout(attendees)
        middle.addWidget(self.text_tabs, 1)
        buttons = QHBoxLayout()
        actions_label = QLabel(self.tr("Action items"))
        actions_label.setBuddy(self.action_view)
        buttons.addWidget(actions_label)
        buttons.addStretch(1)
        buttons.addWidget(self.add_action_button)
        buttons.addWidget(self.remove_action_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stale_label)
        layout.addLayout(form)
        layout.addLayout(middle, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.action_view, 2)
        layout.addWidget(self.error_label)

    def _connect(self) -> None:
        for edit in (self.agenda_edit, self.notes_edit, self.decisions_edit):
            edit.textChanged.connect(self._on_edited)
        self.title_edit.textChanged.connect(self._on_edited)
        self.starts_edit.dateTimeChanged.connect(self._on_edited)
        self.attendee_model.checked_changed.connect(self._on_attendees_changed)
        self.action_model.actions_changed.connect(self._on_edited)
        self.add_action_button.clicked.connect(self.add_action)
        self.remove_action_button.clicked.connect(self.remove_action)

    # --- loading ------------------------------------------------------------------
    def load(self, meeting: Meeting | None, people: Iterable[Attendee], *,
             former: Iterable[Attendee] = (), attendee_ids: Iterable[int] = (),
             starts_at: datetime | None = None, owner_id: int | None = None) -> None:
        """Show ``meeting`` (None: a new one with ``attendee_ids`` at ``starts_at``).

        ``people`` are the team to choose from; ``former`` members are offered
        only where they already attend, and named where they own an action.
        """
        self.load_count += 1
        self._show_meeting(meeting, people, former=former, attendee_ids=attendee_ids,
                           starts_at=starts_at, owner_id=owner_id)

    def _show_meeting(self, meeting: Meeting | None, people: Iterable[Attendee], *,
                      former: Iterable[Attendee] = (), attendee_ids: Iterable[int] = (),
                      starts_at: datetime | None = None, owner_id: int | None = None) -> None:
        self._loading = True
        self.meeting = meeting
        self._owner_id = owner_id
        people, former = list(people), list(former)
        attending = {a.person_id for a in meeting.attendees} if meeting else set(attendee_ids)
        choices = people + [p for p in former if p.person_id in attending]
        self.attendee_model.set_people(choices + list(meeting.attendees if meeting else ()),
                                       attending)
        if meeting is None:
            start = starts_at or datetime.now().replace(minute=0, second=0, microsecond=0)
            self.heading.setText(self.tr("New meeting"))
            self.starts_edit.setDateTime(QDateTime(start))
            self.title_edit.clear()
            for edit in (self.agenda_edit, self.notes_edit, self.decisions_edit):
                edit.clear()
            self.action_model.set_actions([], people + former)
        else:
            self._show_heading(meeting)
            self.starts_edit.setDateTime(QDateTime(meeting.starts_at))
            self.title_edit.setText(meeting.title)
            self.agenda_edit.setPlainText(meeting.agenda)
            self.notes_edit.setPlainText(meeting.notes)
            self.decisions_edit.setPlainText(meeting.decisions)
            self.action_model.set_actions([a.as_input() for a in meeting.actions],
                                          people + former)
        self.stale_label.hide()
        self.clear_problem()
        self._update_joint_label()
        self._loading = False
        self._baseline = self.meeting_input()
        self._set_dirty(False)

    def _show_heading(self, meeting: Meeting) -> None:
        self.heading.setText(self.tr("{0} · {1}").format(
            date_text(meeting.starts_at), meeting.title))

    def take_saved(self, saved: Meeting, sent: MeetingInput, people: Iterable[Attendee], *,
                   former: Iterable[Attendee] = ()) -> None:
        """The save of ``sent`` landed as ``saved``: edit on top of it from now on.

        What the person typed while the save was on its way stays where it is (and
        unsaved); only fields they left alone show what was saved, so the cursor of
        the field they are typing in does not move.
        """
        typed = self.meeting_input()
        people, former = list(people), list(former)
        if typed == sent:
            self._show_meeting(saved, people, former=former, owner_id=self._owner_id)
            return
        kept = typed_on_top(saved, sent, typed)
        self._loading = True
        self.meeting = saved
        self._show_heading(saved)
        if kept.starts_at != typed.starts_at:
            self.starts_edit.setDateTime(QDateTime(kept.starts_at))
        if kept.title != typed.title:
            self.title_edit.setText(kept.title)
        for edit, name in ((self.agenda_edit, "agenda"), (self.notes_edit, "notes"),
                           (self.decisions_edit, "decisions")):
            if getattr(kept, name) != getattr(typed, name):
                edit.setPlainText(getattr(kept, name))
        if kept.attendee_ids != typed.attendee_ids:
            attending = set(kept.attendee_ids)
            self.attendee_model.set_people(
                people + [p for p in former if p.person_id in attending] + list(saved.attendees),
                attending)
        if kept.actions != typed.actions:
            self.action_model.set_actions(list(kept.actions), people + former)
        self.stale_label.hide()
        self.clear_problem()
        self._update_joint_label()
        self._loading = False
        self._baseline = as_loaded(saved)
        self._set_dirty(self.meeting_input() != self._baseline)

    def meeting_input(self) -> MeetingInput:
        starts = self.starts_edit.dateTime().toPython().replace(second=0, microsecond=0)
        return MeetingInput(
            starts_at=starts, title=self.title_edit.text(),
            attendee_ids=self.attendee_model.checked_ids(),
            agenda=self.agenda_edit.toPlainText(), notes=self.notes_edit.toPlainText(),
            decisions=self.decisions_edit.toPlainText(), actions=self.action_model.actions())

    # --- state ------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _on_edited(self) -> None:
        if not self._loading:
            self._set_dirty(self.meeting_input() != self._baseline)

    def _on_attendees_changed(self) -> None:
        self._update_joint_label()
        self._on_edited()

    def _update_joint_label(self) -> None:
        departments = departments_of(self.attendee_model.checked_people())
        names = " · ".join(DEPARTMENT_LABELS[d] for d in departments) or self.tr("nobody yet")
        if is_joint(departments):
            self.joint_label.setText(self.tr("Joint meeting: {0}").format(names))
        else:
            self.joint_label.setText(self.tr("Departments: {0}").format(names))

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.agenda_edit, self.notes_edit, self.decisions_edit):
            edit.setReadOnly(read_only)
        self.title_edit.setReadOnly(read_only)
        self.starts_edit.setReadOnly(read_only)
        self.attendee_model.set_editable(not read_only)
        self.action_model.set_editable(not read_only)
        self.add_action_button.setEnabled(not read_only)
        self.remove_action_button.setEnabled(not read_only)

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def clear_problem(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def show_stale(self, stale: bool) -> None:
        """Tell the person someone else saved this meeting while they type."""
        self.stale_label.setText(self.tr(
            "Someone else saved this meeting since you opened it. Save to merge your changes "
            "with theirs (you will be asked where both changed the same thing), or revert "
            "to see theirs."))
        self.stale_label.setVisible(stale)

    # --- editing helpers ------------------------------------------------------
    def add_action(self) -> None:
        row = self.action_model.add_action(self._owner_id)
        index = self.action_model.index(row, ActionItemsTableModel.TEXT)
        self.action_view.setCurrentIndex(index)
        self.action_view.edit(index)

    def remove_action(self) -> None:
        index = self.action_view.currentIndex()
        if index.isValid():
            self.action_model.remove_action(index.row())

    def set_agenda(self, text: str) -> None:
        """Replace the agenda as one editing step, so Ctrl+Z in the field takes it back."""
        cursor = self.agenda_edit.textCursor()
        cursor.select(QTextCursor.Document)
        cursor.insertText(text)
        self.text_tabs.setCurrentIndex(self.AGENDA_TAB)

    def current_note_line(self) -> str:
        """The selected text of the notes, or else the line the cursor is on."""
        cursor = self.notes_edit.textCursor()
        if cursor.hasSelection():
            return cursor.selectedText().replace("\u2029", " ").strip()
        return cursor.block().text().strip()
