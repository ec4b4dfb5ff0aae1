"""The Meetings page: the meetings (newest first, searchable), "My actions", and the editor."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import meetings, people
from desktop.attendees import Attendee
from desktop.errors import ConflictError, DatabaseError, NotFoundError, ValidationError
from ui.conflict_dialog import resolve_conflict
from ui.context import TeamContext
from ui.idea_card_dialog import IdeaCardDialog
from ui.meeting_commands import (
    CreateMeetingCommand,
    DeleteMeetingCommand,
    EditMeetingCommand,
    MakeIdeaCardCommand,
    SetActionDoneCommand,
)
from ui.meeting_editor import MeetingEditor
from ui.meeting_models import MeetingFilterProxyModel, MeetingTableModel, MyActionsTableModel
from ui.messages import ask, show_error, tell


def _attendee(person: people.Person) -> Attendee:
    return Attendee(person.id, person.name, person.department, person.email)


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    return view


class MeetingsPage(QWidget):
    meetings_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._context: TeamContext | None = None
        self._people: list[Attendee] = []
        self._former: list[Attendee] = []

        self.new_action = self._page_action(self.tr("&New meeting"), self.new_meeting,
                                            QKeySequence.New)
        self.save_action = self._page_action(self.tr("&Save"), self.save, QKeySequence.Save)
        self.revert_action = self._page_action(self.tr("Re&vert"), self.revert)
        self.revert_action.setToolTip(self.tr("Throw away your unsaved changes to this meeting"))
        self.delete_action = self._page_action(self.tr("&Delete meeting"), self.delete_meeting)
        self.share_action = self._page_action(self.tr("Share upcoming &PR campaigns"),
                                              self.share_pr_campaigns)
        self.share_action.setToolTip(self.tr(
            "Add the board's PR cards due in the next {0} weeks to the agenda")
            .format(meetings.UPCOMING_WEEKS))
        self.idea_action = self._page_action(self.tr("Make an &idea card"), self.make_idea_card)
        self.idea_action.setToolTip(self.tr(
            "Put the notes line under the cursor on the board as an idea card"))
        self.find_action = self._page_action(self.tr("&Find"), self._focus_search,
                                             QKeySequence.Find)

        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Search meetings"))
        self.search_edit.setPlaceholderText(self.tr("Search meetings…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(280)
        toolbar = QToolBar()
        toolbar.setAccessibleName(self.tr("Meeting actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in (self.new_action, self.save_action, self.revert_action,
                       self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.share_action)
        toolbar.addAction(self.idea_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search_edit)
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.PlainText)  # it quotes titles people typed
        self.message_label.setAccessibleName(self.tr("Last action"))
        self.message_label.hide()

        self.meeting_model = MeetingTableModel(self)
        self.proxy = MeetingFilterProxyModel(self)
        self.proxy.setSourceModel(self.meeting_model)
        self.list_view = _table(self.tr("Meetings"))
        self.list_view.setModel(self.proxy)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(MeetingTableModel.TITLE, QHeaderView.Stretch)
        self.delete_action.setShortcut(QKeySequence.Delete)
        self.delete_action.setShortcutContext(Qt.WidgetShortcut)
        self.removeAction(self.delete_action)
        self.list_view.addAction(self.delete_action)  # Delete acts on the list, not in texts

        self.my_actions_model = MyActionsTableModel(self)
        self.my_actions_view = _table(self.tr("My actions"))
        self.my_actions_view.setModel(self.my_actions_model)
        my_header = self.my_actions_view.horizontalHeader()
        my_header.setSectionResizeMode(QHeaderView.ResizeToContents)
        my_header.setSectionResizeMode(MyActionsTableModel.TEXT, QHeaderView.Stretch)
        my_header.setSectionResizeMode(MyActionsTableModel.MEETING, QHeaderView.Interactive)
        my_header.resizeSection(MyActionsTableModel.MEETING, 170)
        self.my_actions_view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.my_actions_box = QGroupBox(self.tr("My actions"))
        box_layout = QVBoxLayout(self.my_actions_box)
        box_layout.addWidget(self.my_actions_view)

        self.editor = MeetingEditor()
        left = QSplitter(Qt.Vertical)
        left.addWidget(self.list_view)
        left.addWidget(self.my_actions_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([560, 740])

        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.splitter, 1)

        self.search_edit.textChanged.connect(self.proxy.set_search)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.my_actions_model.done_requested.connect(self._on_my_actions_done_requested)
        self.my_actions_view.activated.connect(self._on_my_actions_activated)
        self.editor.dirty_changed.connect(self._update_actions)
        self._update_actions()

    def _page_action(self, text: str, slot: object,
                     shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- state ------------------------------------------------------------------
    @property
    def _editable(self) -> bool:
        return self._context is not None and not self._context.read_only

    def set_context(self, context: TeamContext | None) -> None:
        self._context = context
        self.editor.load(None, [])
        self.refresh()
        if context is None:
            return
        if self.proxy.rowCount():
            self.select_meeting(self._most_recent_id())
        else:
            self.editor.load(None, self._people, **self._new_meeting_defaults())

    def _most_recent_id(self) -> int:
        """The latest meeting that has started (else the newest), where a session starts."""
        now = datetime.now()
        rows = [self.meeting_model.meeting_at(r) for r in range(self.meeting_model.rowCount())]
        started = [m for m in rows if m.starts_at <= now]
        return (started[0] if started else rows[0]).id

    def refresh(self) -> None:
        """Reload from the file; the editor is reloaded only when it holds no unsaved typing."""
        if self._context is None:
            self.meeting_model.set_meetings([])
            self.my_actions_model.set_actions([])
            self._update_actions()
            return
        uow = self._context.uow
        team = people.list_people(uow)
        self._people = [_attendee(p) for p in team if p.active]
        self._former = [_attendee(p) for p in team if not p.active]
        current_id = self.editor.meeting.id if self.editor.meeting else None
        self.list_view.selectionModel().blockSignals(True)
        self.meeting_model.set_meetings(meetings.list_meetings(uow))
        self.list_view.selectionModel().blockSignals(False)
        self._refresh_my_actions()
        self.editor.set_read_only(not self._editable)
        self.my_actions_model.set_editable(self._editable)
        if current_id is not None:
            self._select_row_quietly(current_id)
            self._reload_editor(current_id)
        self._update_actions()

    def _refresh_my_actions(self) -> None:
        assert self._context is not None
        mine = meetings.my_actions(self._context.uow, self._context.person.id)
        self.my_actions_model.set_actions(mine)
        self.my_actions_box.setTitle(self.tr("My actions ({0} open)").format(len(mine)))

    def _reload_editor(self, meeting_id: int, *, keep_typing: bool = True) -> None:
        assert self._context is not None
        keep = keep_typing and self.editor.is_dirty()
        try:
            stored = meetings.get_meeting(self._context.uow, meeting_id)
        except NotFoundError:
            if not keep:
                self.editor.load(None, self._people, **self._new_meeting_defaults())
            return
        if not keep:
            if stored != self.editor.meeting or not keep_typing:  # else keep the cursor where it is
                self.editor.load(stored, self._people, former=self._former,
                                 owner_id=self._context.person.id)
        else:
            self.editor.show_stale(stored.version != self.editor.meeting.version)

    def _new_meeting_defaults(self) -> dict[str, object]:
        assert self._context is not None
        start = (datetime.now() + timedelta(hours=1)).replace(minute=0, second=0,
                                                              microsecond=0)
        return {"former": self._former, "attendee_ids": (self._context.person.id,),
                "starts_at": start, "owner_id": self._context.person.id}

    def _select_row_quietly(self, meeting_id: int) -> None:
        index = self._proxy_index(meeting_id)
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        if index.isValid():
            selection.setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    def _proxy_index(self, meeting_id: int) -> QModelIndex:
        row = self.meeting_model.row_of(meeting_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.meeting_model.index(row, 0))

    def select_meeting(self, meeting_id: int) -> None:
        """Open a meeting in the editor (asking about unsaved changes first)."""
        index = self._proxy_index(meeting_id)
        if index.isValid():
            self.list_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def _update_actions(self) -> None:
        editable = self._editable
        dirty = self.editor.is_dirty()
        has_meeting = self.editor.meeting is not None
        self.new_action.setEnabled(editable)
        self.save_action.setEnabled(editable and dirty)
        self.revert_action.setEnabled(editable and dirty)
        self.delete_action.setEnabled(editable and has_meeting)
        self.share_action.setEnabled(editable)
        self.idea_action.setEnabled(editable and has_meeting)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # --- leaving unsaved changes --------------------------------------------------
    def _settle_unsaved(self) -> bool:
        """Before the editor shows another meeting: save, discard, or stay. True to go on."""
        if not self.editor.is_dirty():
            return True
        answer = ask(self, self.tr("Unsaved changes"), self.tr(
            "Save your changes to '{0}' first?").format(
                self.editor.title_edit.text() or self.tr("the new meeting")),
            buttons=QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
            default=QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def _on_list_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._context is None or not current.isValid():
            return
        summary = self.meeting_model.meeting_at(self.proxy.mapToSource(current).row())
        if self.editor.meeting is not None and self.editor.meeting.id == summary.id:
            return
        if not self._settle_unsaved():
            back = self.editor.meeting.id if self.editor.meeting else None
            if back is not None:
                self._select_row_quietly(back)
            else:
                self.list_view.selectionModel().blockSignals(True)
                self.list_view.selectionModel().clearSelection()
                self.list_view.selectionModel().blockSignals(False)
            return
        self._open(summary.id)

    def _open(self, meeting_id: int) -> None:
        assert self._context is not None
        try:
            meeting = meetings.get_meeting(self._context.uow, meeting_id)
        except DatabaseError as error:
            show_error(self, error)
            self.refresh()
            return
        self.editor.load(meeting, self._people, former=self._former,
                         owner_id=self._context.person.id)
        self._say("")
        self._update_actions()

    # --- actions ----------------------------------------------------------------
    def _push(self, command_class: type, *args: object) -> None:
        assert self._context is not None
        self._undo_stack.push(command_class(*args, self._context.uow, self._on_command_done,
                                            self._on_command_failed))
        self.meetings_changed.emit()

    def _on_command_done(self) -> None:
        self.refresh()

    def _on_command_failed(self, error: DatabaseError) -> None:
        show_error(self, error, self.tr("Could not undo or redo"))

    def new_meeting(self) -> None:
        if not self._editable or not self._settle_unsaved():
            return
        self.list_view.selectionModel().clearSelection()
        self.editor.load(None, self._people, **self._new_meeting_defaults())
        self.editor.title_edit.setFocus()
        self._update_actions()

    def revert(self) -> None:
        """Throw away the unsaved typing and show the meeting as stored."""
        if self._context is None:
            return
        if self.editor.meeting is None:
            self.editor.load(None, self._people, **self._new_meeting_defaults())
        else:
            self._reload_editor(self.editor.meeting.id, keep_typing=False)
        self._say("")
        self._update_actions()

    def save(self) -> bool:
        """Save the editor; a refusal is shown in the editor, which keeps the typing."""
        if not self._editable:
            return False
        assert self._context is not None
        uow = self._context.uow
        data = self.editor.meeting_input()
        seen = self.editor.meeting
        try:
            if seen is None:
                saved = meetings.create_meeting(uow, data)
                self._push(CreateMeetingCommand, saved)
            else:
                result = self._save_edit(seen, data)
                if result is None:
                    return False
                before, saved = result
                self._push(EditMeetingCommand, before, saved)
        except ValidationError as error:
            self.editor.show_problem(error.message)
            return False
        except DatabaseError as error:
            show_error(self, error)
            return False
        self.editor.load(saved, self._people, former=self._former,
                         owner_id=self._context.person.id)
        self.refresh()
        self._select_row_quietly(saved.id)
        self._say(self.tr("Saved '{0}'.").format(saved.title))
        return True

    def _save_edit(self, seen: meetings.Meeting, data: meetings.MeetingInput
                   ) -> tuple[meetings.Meeting, meetings.Meeting] | None:
        """Save the editor on top of ``seen``: (the meeting before, as saved) for undo.

        When someone else changed the same field or action item first, the person
        picks per field; "Back to editing" saves nothing and keeps the typing.
        """
        assert self._context is not None
        uow = self._context.uow
        before, base = seen, seen
        while True:
            try:
                return before, meetings.update_meeting(uow, seen.id, base.version, data, base)
            except ConflictError as conflict:
                if conflict.deleted:
                    show_error(self, conflict)
                    return None
                chosen = resolve_conflict(self, conflict,
                                          meetings.conflicting_input(data, conflict),
                                          labels=self._field_labels(), render=self._render_value)
                if chosen is None:
                    self.editor.show_problem(self.tr(
                        "Someone else saved this meeting meanwhile; your typing is kept. Save "
                        "again to choose field by field, or Revert to see their version."))
                    return None
                base, data = meetings.settle_conflict(base, data, conflict, chosen)
                before = meetings.get_meeting(uow, seen.id)  # undo brings theirs back

    def _field_labels(self) -> dict[str, str]:
        return {"title": self.tr("Title"), "starts_at": self.tr("Starts"),
                "agenda": self.tr("Agenda"), "notes": self.tr("Notes"),
                "decisions": self.tr("Decisions"), "text": self.tr("Action item"),
                "owner_id": self.tr("Owner"), "due_on": self.tr("Due"),
                "done": self.tr("Done"), "done_on": self.tr("Done on")}

    def _render_value(self, name: str, value: object) -> str:
        """Names instead of ids in the conflict dialog."""
        if value is None or value == "":
            return self.tr("(none)")
        if name == "owner_id":
            return next((p.name for p in self._people if p.person_id == value), str(value))
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        return str(value)

    def delete_meeting(self) -> None:
        meeting = self.editor.meeting
        if meeting is None or not self._editable:
            return
        text = self.tr("Delete the meeting '{0}' of {1}?").format(
            meeting.title, meeting.starts_at.strftime("%Y-%m-%d"))
        if meeting.actions:
            text += " " + self.tr("Its {0} action items are deleted too.").format(
                len(meeting.actions))
        text += " " + self.tr("You can undo this.")
        if ask(self, self.tr("Delete meeting"), text) != QMessageBox.Yes:
            return
        try:
            deleted = meetings.delete_meeting(self._context.uow, meeting.id, meeting.version)
        except DatabaseError as error:
            show_error(self, error)
            self.refresh()
            return
        self.editor.load(None, [])  # nothing open: the refresh below must not reload it
        self._push(DeleteMeetingCommand, deleted)
        self.refresh()
        if self.proxy.rowCount():
            self.select_meeting(self._most_recent_id())
        else:
            self.editor.load(None, self._people, **self._new_meeting_defaults())
        self._update_actions()

    def share_pr_campaigns(self) -> None:
        if not self._editable:
            return
        assert self._context is not None
        cards = meetings.upcoming_pr_cards(self._context.uow)
        title = self.tr("Share upcoming PR campaigns")
        if not cards:
            tell(self, title, self.tr("No PR cards on the board are due in the next {0} "
                                      "weeks.").format(meetings.UPCOMING_WEEKS))
            return
        agenda = self.editor.agenda_edit.toPlainText()
        shared = meetings.agenda_with_campaigns(agenda, cards)
        if shared == agenda:
            tell(self, title, self.tr("The upcoming PR campaigns are already on the agenda."))
            return
        self.editor.set_agenda(shared)
        self._say(self.tr("Added {0} upcoming PR cards to the agenda; save to keep them.")
                  .format(len(cards)))

    def make_idea_card(self) -> None:
        if not self._editable or self.editor.meeting is None:
            return
        assert self._context is not None
        line = self.editor.current_note_line()
        title = self.tr("Make an idea card")
        if not line:
            tell(self, title, self.tr("Put the cursor on the line of the notes that holds the "
                                      "idea (or select its words), then try again."))
            return
        if self.editor.is_dirty() and not self.save():
            return
        meeting = self.editor.meeting
        person = self._context.person
        dialog = IdeaCardDialog(line, meetings.default_team(person.department), meeting.title,
                                self)
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            idea = meetings.make_idea_card(self._context.uow, meeting.id, dialog.card_title(),
                                           dialog.team(), owner_id=person.id)
        except DatabaseError as error:
            show_error(self, error, title)
            return
        self._push(MakeIdeaCardCommand, idea)
        self.refresh()
        self._say(self.tr("'{0}' is on the board as an idea card.").format(idea.card_title))

    def _on_my_actions_done_requested(self, action: meetings.OpenAction, done: bool) -> None:
        """A tick in "My actions" is saved at once (and can be undone)."""
        if not self._editable:
            return
        assert self._context is not None
        item = action.item
        try:
            saved = meetings.set_action_done(self._context.uow, item.id, item.version, done)
        except DatabaseError as error:
            show_error(self, error)
            self.refresh()
            return
        self._push(SetActionDoneCommand, saved)
        self.refresh()
        self._say(self.tr("Done: {0}").format(saved.text) if done else "")

    def _on_my_actions_activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != MyActionsTableModel.DONE:
            self.search_edit.clear()
            self.select_meeting(self.my_actions_model.action_at(index.row()).item.meeting_id)
