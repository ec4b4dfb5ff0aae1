"""The Meetings page: the meetings (newest first, searchable), "My actions", and the editor.

It reads and writes through its page base (``ui.shell.page``), so a slow share or
someone else's lock never freezes the window: the page loads in the background and
shows the result, keeping the selection and never touching unsaved typing; the
editor's save (with its three-way merge) waits on the writer thread while the person
types on, and what they typed meanwhile stays when it lands. The page does not reload
after its own writes: the window's change feed does, as for anyone's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoStack
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

from desktop import board, meetings, people
from desktop.attendees import Attendee
from desktop.errors import ConflictError, NotFoundError, ValidationError
from desktop.media import overview as media_overview
from desktop.numbers import counted
from desktop.team_file import UnitOfWork
from ui.board.idea_card_dialog import IdeaCardDialog
from ui.meetings.meeting_commands import (
    CreateMeetingCommand,
    DeleteMeetingCommand,
    EditMeetingCommand,
    MakeIdeaCardCommand,
    SetActionDoneCommand,
)
from ui.meetings.meeting_editor import MeetingEditor
from ui.meetings.meeting_models import (
    MeetingFilterProxyModel,
    MeetingTableModel,
    MyActionsTableModel,
)
from ui.shell.conflict_dialog import resolve_conflict, who_saved
from ui.shell.labels import date_text
from ui.shell.message_line import message_line
from ui.shell.messages import ask, show_error, tell
from ui.shell.page import Page

Then = Callable[[], None]


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


def _stored_or_none(uow: UnitOfWork, meeting_id: int | None) -> meetings.Meeting | None:
    if meeting_id is None:
        return None
    try:
        return meetings.get_meeting(uow, meeting_id)
    except NotFoundError:
        return None


@dataclass(frozen=True)
class _Loaded:
    """What one refresh read from the file."""

    team: list[people.Person]
    listed: list[meetings.MeetingSummary]
    mine: list[meetings.OpenAction]
    shown_id: int | None  # the meeting the editor showed when the load began
    stored: meetings.Meeting | None  # that meeting as stored (None: deleted)
    media: list[media_overview.MediaAction] = field(default_factory=list)  # follow-ups, deadlines


@dataclass(eq=False)
class _EditorSave:
    """One press of Save: what was sent, from which load of the editor, and what waits on it.

    ``waiting`` holds (then, refused) pairs: work that must wait for this save,
    such as opening another meeting, and what to do should the save be refused.
    """

    sent: meetings.MeetingInput
    seen: meetings.Meeting | None
    load_count: int
    waiting: list[tuple[Then, Then | None]] = field(default_factory=list)


class MeetingsPage(Page):
    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._people: list[Attendee] = []
        self._former: list[Attendee] = []
        self._select_recent = False  # after the next load: open the most recent meeting
        self._opening = False  # a meeting is on its way to the editor (``_open``)
        self._saving: _EditorSave | None = None
        self._deleting: int | None = None  # the meeting whose delete is on its way

        self.new_action = self.page_action(self.tr("&New meeting"), self.new_meeting,
                                           QKeySequence.New)
        self.save_action = self.page_action(self.tr("&Save"), self.save, QKeySequence.Save)
        self.revert_action = self.page_action(
            self.tr("Re&vert"), self.revert,
            tip=self.tr("Throw away your unsaved changes to this meeting"))
        self.delete_action = self.page_action(self.tr("&Delete meeting"), self.delete_meeting)
        self.share_action = self.page_action(
            self.tr("Share upcoming &PR campaigns"), self.share_pr_campaigns,
            tip=self.tr("Add the board's PR cards due in the next {0} weeks to the agenda")
            .format(meetings.UPCOMING_WEEKS))
        self.idea_action = self.page_action(
            self.tr("Make an &idea card"), self.make_idea_card,
            tip=self.tr("Put the notes line under the cursor on the board as an idea card"))
        self.find_action = self.page_action(self.tr("&Find"), self._focus_search,
                                            QKeySequence.Find, edits=False)

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
        self.message_label = message_line(self.tr("Last action"))

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
        self.media_actions_label = QLabel()
        self.media_actions_label.setAccessibleName(self.tr("My media relations actions"))
        self.media_actions_label.setTextFormat(Qt.PlainText)  # quotes pitch subjects
        self.media_actions_label.setWordWrap(True)
        self.media_actions_label.hide()
        box_layout.addWidget(self.media_actions_label)

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

        self.search_edit.textChanged.connect(self._on_search_changed)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.my_actions_model.done_requested.connect(self._on_my_actions_done_requested)
        self.my_actions_view.activated.connect(self._on_my_actions_activated)
        self.editor.dirty_changed.connect(self.update_actions)
        self.update_actions()

    # --- state ------------------------------------------------------------------
    def context_changed(self) -> None:
        """Another file: nothing of the last one in the editor, nor on its way there."""
        self._opening = False
        self.editor.load(None, [])
        self._select_recent = self.context is not None

    def _most_recent_id(self) -> int:
        """The latest meeting that has started (else the newest), where a session starts."""
        now = datetime.now()
        rows = [self.meeting_model.row_at(r) for r in range(self.meeting_model.rowCount())]
        started = [m for m in rows if m.starts_at <= now]
        return (started[0] if started else rows[0]).id

    def refresh(self) -> None:
        """Reload from the file in the background; the editor is reloaded only when it
        holds no unsaved typing, and the selected meeting stays selected."""
        if self.context is None:
            self._show(_Loaded([], [], [], None, None))
            return
        me = self.context.person.id
        shown_id = self.editor.meeting.id if self.editor.meeting else None

        def load(uow: UnitOfWork) -> _Loaded:
            return _Loaded(people.list_people(uow), meetings.list_meetings(uow),
                           meetings.my_actions(uow, me), shown_id,
                           _stored_or_none(uow, shown_id), media_overview.media_actions(uow, me))

        self.read(load, self._show, label=self.tr("Loading meetings"))

    def _show(self, loaded: _Loaded) -> None:
        self._people = [_attendee(p) for p in loaded.team if p.active]
        self._former = [_attendee(p) for p in loaded.team if not p.active]
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        self.meeting_model.set_rows(loaded.listed)
        selection.blockSignals(False)
        self.my_actions_model.set_actions(loaded.mine)
        self.my_actions_model.set_editable(self.editable)
        self.my_actions_box.setTitle(self.tr("My actions ({0} open)").format(len(loaded.mine)))
        self.media_actions_label.setText("\n".join(a.text for a in loaded.media))
        self.media_actions_label.setVisible(bool(loaded.media))
        self._apply_read_only()
        shown = self.editor.meeting
        if self._select_recent and self.context is not None:
            self._select_recent = False
            if self.proxy.rowCount():
                self.select_meeting(self._most_recent_id())
            else:
                self._load_editor(None)
        elif shown is not None:
            self._select_row_quietly(shown.id)
            if shown.id == loaded.shown_id:
                self._show_stored(loaded.stored)
        self.update_actions()

    def _show_stored(self, stored: meetings.Meeting | None) -> None:
        """Bring the open meeting up to date, unless the person is typing in it."""
        editor = self.editor
        if self._saving is not None or self._deleting is not None or editor.meeting is None:
            return  # the save's or delete's own result comes next
        if editor.is_dirty():
            if stored is not None:  # an older load may land after the save: no news then
                editor.show_stale(stored.version > editor.meeting.version)
        elif stored is None:
            self._load_editor(None)  # someone else deleted it
        elif stored != editor.meeting and stored.version >= editor.meeting.version:
            self._load_editor(stored)  # else keep the cursor where it is

    def _load_editor(self, meeting: meetings.Meeting | None) -> None:
        """Show ``meeting`` in the editor (None: a new meeting starting in the next hour)."""
        assert self.context is not None
        if meeting is None:
            self.editor.load(None, self._people, **self._new_meeting_defaults())
        else:
            self.editor.load(meeting, self._people, former=self._former,
                             owner_id=self.context.person.id)
        self._apply_read_only()
        self.update_actions()

    def _apply_read_only(self) -> None:
        """Read-only files, and a meeting whose delete is on its way, take no typing."""
        meeting = self.editor.meeting
        deleting = meeting is not None and meeting.id == self._deleting
        self.editor.set_read_only(not self.editable or deleting)

    def _new_meeting_defaults(self) -> dict[str, object]:
        assert self.context is not None
        start = (datetime.now() + timedelta(hours=1)).replace(minute=0, second=0,
                                                              microsecond=0)
        return {"former": self._former, "attendee_ids": (self.context.person.id,),
                "starts_at": start, "owner_id": self.context.person.id}

    def _select_row_quietly(self, meeting_id: int | None) -> None:
        index = self._proxy_index(meeting_id) if meeting_id is not None else QModelIndex()
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        if index.isValid():
            selection.setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    def _select_editor_row(self) -> None:
        """Put the list's selection back on the meeting the editor shows."""
        self._select_row_quietly(self.editor.meeting.id if self.editor.meeting else None)

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

    def update_actions(self) -> None:
        super().update_actions()
        editable = self.editable
        dirty = self.editor.is_dirty()
        busy = self._saving is not None or self._deleting is not None
        has_meeting = self.editor.meeting is not None
        self.save_action.setEnabled(editable and dirty and not busy)
        self.revert_action.setEnabled(editable and dirty and not busy)
        self.delete_action.setEnabled(editable and has_meeting and not busy)
        self.idea_action.setEnabled(editable and has_meeting)

    def _on_search_changed(self, text: str) -> None:
        """The editor follows what the list shows: a search that hides the open meeting
        moves to the row Qt makes current, or, with none left, closes it (a new meeting,
        as on a file without meetings) unless it holds typing, which a search never
        throws away."""
        self.proxy.set_search(text)
        shown = self.editor.meeting
        if shown is None or self._proxy_index(shown.id).isValid() \
                or self.list_view.currentIndex().isValid():  # the row it follows is opening
            return
        if self.editor.is_dirty() or self._saving is not None or self._deleting is not None:
            return
        self._opening = False  # a meeting still loading must not come back meanwhile
        self._load_editor(None)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    # --- opening a meeting, and leaving unsaved changes -----------------------------
    def _settle_unsaved(self, then: Then, refused: Then | None = None) -> None:
        """Before the editor shows another meeting: save, discard, or stay.

        ``then`` runs once the typing is saved or thrown away; ``refused`` when the
        person stays, or the save is refused. A save still on its way is waited for.
        """
        if self._saving is not None:
            self._saving.waiting.append((lambda: self._settle_unsaved(then, refused), refused))
            return
        if not self.editor.is_dirty():
            then()
            return
        answer = ask(self, self.tr("Unsaved changes"), self.tr(
            "Save your changes to '{0}' first?").format(
                self.editor.title_edit.text() or self.tr("the new meeting")),
            buttons=QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
            default=QMessageBox.Save)
        if answer == QMessageBox.Save:
            self._save(then, refused)
        elif answer == QMessageBox.Discard:
            then()
        elif refused is not None:
            refused()

    def _on_list_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.context is None or not current.isValid():
            return
        summary = self.meeting_model.row_at(self.proxy.mapToSource(current).row())
        if self.editor.meeting is not None and self.editor.meeting.id == summary.id:
            return
        self._settle_unsaved(lambda: self._open(summary.id), self._select_editor_row)

    def _open(self, meeting_id: int, *, reverting: bool = False) -> None:
        """Load a meeting in the background and show it, unless the person typed meanwhile,
        started a new meeting or opened another file; a newer opening replaces this one."""
        self._opening = True
        typed = self.editor.meeting_input()

        def opened(meeting: meetings.Meeting) -> None:
            if not self._opening:
                return  # called off: a new meeting, or another file
            self._opening = False
            if self.editor.is_dirty() and self.editor.meeting_input() != typed:
                self._select_editor_row()  # typed while it loaded: that typing stays
                return
            self._load_editor(meeting)
            self._select_row_quietly(meeting.id)
            self._say("")

        def failed(error: BaseException) -> None:
            if not self._opening:
                return
            self._opening = False
            if reverting and isinstance(error, NotFoundError):
                self._load_editor(None)  # someone else deleted it meanwhile
            else:
                show_error(self, error)
                self.refresh()

        self.read(lambda uow: meetings.get_meeting(uow, meeting_id), opened, key="meeting",
                  failed=failed, label=self.tr("Opening the meeting"))

    def _push(self, command_class: type, *args: object) -> None:
        self.push(command_class(*args, self.uow, self))

    # --- new, revert, save ----------------------------------------------------------
    def new_meeting(self) -> None:
        if not self.editable:
            return
        self._settle_unsaved(self._start_new_meeting)

    def _start_new_meeting(self) -> None:
        if not self.editable:
            return
        self._opening = False  # a meeting still loading must not replace it
        self.list_view.selectionModel().clearSelection()
        self._load_editor(None)
        self.editor.title_edit.setFocus()

    def revert(self) -> None:
        """Throw away the unsaved typing and show the meeting as stored."""
        if self.context is None or self._saving is not None:
            return
        self._say("")
        if self.editor.meeting is None:
            self._load_editor(None)
        else:
            self._open(self.editor.meeting.id, reverting=True)

    def save(self) -> None:
        """Save the editor on the writer thread; a refusal is shown in the editor,
        which keeps the typing."""
        self._save()

    def _save(self, then: Then | None = None, refused: Then | None = None) -> None:
        """Save what the editor holds, then run ``then``; ``refused`` if it is refused."""
        if not self.editable:
            return
        if self._saving is not None:  # one save at a time: the next builds on its result
            self._saving.waiting.append((lambda: self._save(then, refused), refused))
            return
        if not self.editor.is_dirty():
            if then is not None:
                then()
            return
        job = _EditorSave(self.editor.meeting_input(), self.editor.meeting,
                          self.editor.load_count)
        if then is not None or refused is not None:
            job.waiting.append((then or (lambda: None), refused))
        self._send(job, job.seen, job.sent)

    def _send(self, job: _EditorSave, base: meetings.Meeting | None,
              data: meetings.MeetingInput) -> None:
        """Save ``data`` as an edit of ``base`` (None: a new meeting) on the writer thread."""
        self._saving = job
        self.update_actions()

        def work(uow: UnitOfWork) -> tuple[meetings.Meeting | None, meetings.Meeting]:
            if base is None:
                return None, meetings.create_meeting(uow, data)
            return meetings.edit_meeting(uow, base.id, base.version, data, base)

        self.write(work, lambda result: self._on_saved(job, *result),
                   label=self.tr("Saving the meeting"),
                   failed=lambda error: self._on_save_refused(job, base, data, error))

    def _on_saved(self, job: _EditorSave, before: meetings.Meeting | None,
                  saved: meetings.Meeting) -> None:
        self._saving = None
        if before is None:
            self._push(CreateMeetingCommand, saved)
        else:
            self._push(EditMeetingCommand, before, saved)
        if self.editor.load_count == job.load_count:
            self.editor.take_saved(saved, job.sent, self._people, former=self._former)
        self._say(self.tr("Saved '{0}'.").format(saved.title))
        self.update_actions()
        for then, _refused in job.waiting:
            then()

    def _on_save_refused(self, job: _EditorSave, base: meetings.Meeting | None,
                         data: meetings.MeetingInput, error: BaseException) -> None:
        if isinstance(error, ConflictError) and not error.deleted and base is not None:
            # The conflict dialog opens once the task manager has delivered this save.
            QTimer.singleShot(0, self, lambda: self._settle(job, base, data, error))
            return
        self._refused(job, error, error.message if isinstance(error, ValidationError) else "")

    def _settle(self, job: _EditorSave, base: meetings.Meeting, data: meetings.MeetingInput,
                conflict: ConflictError) -> None:
        """Someone else changed the same thing: the person picks per field, and that is
        saved on top of their version; "Back to editing" saves nothing, keeping the typing."""
        chosen = resolve_conflict(self, conflict, meetings.conflicting_input(data, conflict),
                                  labels=self._field_labels(), render=self._render_value)
        if chosen is not None:
            self._send(job, *meetings.settle_conflict(base, data, conflict, chosen))
            return
        who = who_saved(conflict)  # "Priya Nair saved this record at 14:02"
        self._refused(job, conflict, self.tr(
            "{0} while you were editing; your typing is kept. Save again to choose field "
            "by field, or Revert to see their version.").format(who[:1].upper() + who[1:]))

    def _refused(self, job: _EditorSave, error: BaseException, problem: str) -> None:
        """The save is over, nothing saved: ``problem`` under the editor if it still shows
        what was sent, else ``error`` in a message."""
        self._saving = None
        self.update_actions()
        if problem and self.editor.load_count == job.load_count:
            self.editor.show_problem(problem)
        else:
            show_error(self, error)
        for _then, refused in job.waiting:
            if refused is not None:
                refused()

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

    # --- delete, share, idea cards, ticks ---------------------------------------------
    def delete_meeting(self) -> None:
        meeting = self.editor.meeting
        if meeting is None or not self.editable or self._saving is not None \
                or self._deleting is not None:
            return
        text = self.tr("Delete the meeting '{0}' of {1}?").format(
            meeting.title, date_text(meeting.starts_at))
        if meeting.actions:
            text += " " + self.tr("Deleted with it: its {0}.").format(
                counted(len(meeting.actions), self.tr("action item"), self.tr("action items")))
        text += " " + self.tr("You can undo this.")
        if ask(self, self.tr("Delete meeting"), text) != QMessageBox.Yes:
            return
        self._deleting = meeting.id  # the editor takes no typing meanwhile
        self._apply_read_only()
        self.update_actions()

        def deleted(snapshot: meetings.Meeting) -> None:
            self._deleting = None
            if self.editor.meeting is not None and self.editor.meeting.id == meeting.id:
                self.editor.load(None, [])  # nothing open: the next load must not reload it
                self._select_recent = True
            self._apply_read_only()
            self.update_actions()
            self._push(DeleteMeetingCommand, snapshot)

        def failed(error: BaseException) -> None:
            self._deleting = None
            self._apply_read_only()
            self.update_actions()
            self.write_failed(error)

        self.write(lambda uow: meetings.delete_meeting(uow, meeting.id, meeting.version),
                   deleted, label=self.tr("Deleting the meeting"), failed=failed)

    def share_pr_campaigns(self) -> None:
        if not self.editable:
            return
        load_count = self.editor.load_count
        self.read(meetings.upcoming_pr_cards, lambda cards: self._share(cards, load_count),
                  key="campaigns", label=self.tr("Finding upcoming PR campaigns"))

    def _share(self, cards: list[board.CardSummary], load_count: int) -> None:
        """Add the cards to the agenda of the meeting that was open when asked."""
        if load_count != self.editor.load_count or self.editor.agenda_edit.isReadOnly():
            return
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
        if not self.editable or self.editor.meeting is None:
            return
        line = self.editor.current_note_line()
        if not line:
            tell(self, self.tr("Make an idea card"), self.tr(
                "Put the cursor on the line of the notes that holds the idea (or select its "
                "words), then try again."))
            return
        meeting_id = self.editor.meeting.id
        self._save(lambda: self._offer_idea_card(line, meeting_id))  # the typing first

    def _offer_idea_card(self, line: str, meeting_id: int) -> None:
        meeting = self.editor.meeting
        if not self.editable or meeting is None or meeting.id != meeting_id:
            return
        assert self.context is not None
        person = self.context.person
        title = self.tr("Make an idea card")
        dialog = IdeaCardDialog(line, meetings.default_team(person.department), meeting.title,
                                self)
        if dialog.exec() != QDialog.Accepted:
            return
        card_title, team = dialog.card_title(), dialog.team()

        def made(idea: meetings.IdeaCard) -> None:
            self._push(MakeIdeaCardCommand, idea)
            self._say(self.tr("'{0}' is on the board as an idea card.").format(idea.card_title))

        self.write(lambda uow: meetings.make_idea_card(uow, meeting_id, card_title, team,
                                                       owner_id=person.id),
                   made, label=self.tr("Making the idea card"),
                   failed=lambda error: show_error(self, error, title))

    def _on_my_actions_done_requested(self, action: meetings.OpenAction, done: bool) -> None:
        """A tick in "My actions" is saved at once (and can be undone); it shows meanwhile,
        until the change feed's reload shows it saved."""
        if not self.editable:
            return
        item = action.item
        self.my_actions_model.set_pending(item.id, done)

        def saved(ticked: meetings.ActionItem) -> None:
            self._push(SetActionDoneCommand, ticked)
            self._say(self.tr("Done: {0}").format(ticked.text) if done else "")

        def failed(error: BaseException) -> None:
            self.my_actions_model.set_pending(item.id, None)
            self.write_failed(error)

        self.write(lambda uow: meetings.set_action_done(uow, item.id, item.version, done),
                   saved, label=self.tr("Saving the action item"), failed=failed)

    def _on_my_actions_activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != MyActionsTableModel.DONE:
            self.search_edit.clear()
            self.select_meeting(self.my_actions_model.row_at(index.row()).item.meeting_id)
