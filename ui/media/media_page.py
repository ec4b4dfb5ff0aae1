"""The Media relations page: the media list (contacts and outlets, with their reply and
coverage rates and the do-not-contact mark), the pitch log, coverage linked to the pitch
that earned it and amplified with marketing, the materials library, and speaking slots
at industry events.

Like every page it reads and writes through its page base (``ui.shell.page``): the whole
page loads in one read on the reader thread, every change is saved on the writer thread
through the services (``desktop.media``), forms save through ``FormSave``, and what a
save changed comes back by the window's change feed.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.enums import Department, PitchState, SubmissionState
from desktop.errors import ExplainedError
from desktop.media import contacts, coverage, materials, media_list, overview, pitches, speaking
from desktop.numbers import counted
from ui.media.media_commands import (
    AmplifyCommand,
    AttachMaterialCommand,
    CreateContactCommand,
    CreateEventCommand,
    CreateMaterialCommand,
    CreateOutletCommand,
    CreateSubmissionCommand,
    DoNotContactCommand,
    EditContactCommand,
    EditEventCommand,
    EditOutletCommand,
    EditTalkCommand,
    ImportListCommand,
    LinkCoverageCommand,
    LogPitchCommand,
    PitchStepCommand,
    SendDraftCommand,
    SubmissionStepCommand,
)
from ui.media.media_dialogs import (
    AmplifyDialog,
    AttachDialog,
    ContactDialog,
    DoNotContactDialog,
    IndustryEventDialog,
    MaterialDialog,
    OutletDialog,
    PitchDialog,
    PlacementDialog,
    SubmissionDialog,
)
from ui.media.media_labels import PITCH_STATE_LABELS, SUBMISSION_STATE_LABELS
from ui.media.media_models import (
    ContactTableModel,
    IndustryEventTableModel,
    LinkTableModel,
    MaterialTableModel,
    OutletTableModel,
    PitchTableModel,
    SubmissionTableModel,
    SuggestionTableModel,
    rate_text,
)
from ui.shell import settings
from ui.shell.form_save import EditSave, FormSave
from ui.shell.labels import date_text
from ui.shell.messages import ask, show_error, tell
from ui.shell.page import Page
from ui.shell.palette import Tone, tone_css

CSV_FILTER = "Media lists (*.csv *.tsv *.txt *.xlsx);;All files (*)"
#: The steps a pitch takes from the menu (sending a draft has its own action).
PITCH_STEPS = (PitchState.REPLIED, PitchState.INTERESTED, PitchState.DECLINED,
               PitchState.NO_REPLY)
TALK_STEPS = (SubmissionState.SUBMITTED, SubmissionState.ACCEPTED, SubmissionState.REJECTED,
              SubmissionState.CONFIRMED, SubmissionState.DELIVERED, SubmissionState.WITHDRAWN)


def _esc(text: object) -> str:
    return html.escape(str(text)).replace("\n", "<br>")


def _table(name: str, model: object, stretch: int | None) -> QTableView:
    """A table of rows; ``stretch``: the column that takes the room left (None: the last,
    which then never shrinks below its contents)."""
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    header.setStretchLastSection(stretch is None)
    return view


def _bar(name: str, *items: object) -> QToolBar:
    bar = QToolBar()
    bar.setAccessibleName(name)
    bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
    for item in items:
        if item is None:
            bar.addSeparator()
        elif isinstance(item, QWidget):
            bar.addWidget(item)
        else:
            bar.addAction(item)
    return bar


def _tab(*parts: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        layout.addWidget(part, 1 if not isinstance(part, (QToolBar, QLabel)) else 0)
    return holder


def _menu_button(name: str, text: str, menu: QMenu) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.InstantPopup)
    return button


class MediaPage(Page):
    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self.view: overview.MediaOverview | None = None
        self._wanted_contact: int | None = None
        self._details_html = ""
        self._build_actions()

        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("Media relations summary"))
        self.actions_label = QLabel()
        self.actions_label.setAccessibleName(self.tr("My media actions"))
        self.actions_label.setTextFormat(Qt.RichText)
        self.actions_label.setWordWrap(True)

        self.contact_model = ContactTableModel(self)
        self.contacts_view = _table(self.tr("Media contacts"), self.contact_model, None)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Contact details"))
        self.details.setOpenLinks(False)
        self.splitter = QSplitter(Qt.Horizontal)  # remembered by the main window
        self.splitter.addWidget(self.contacts_view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 260])
        self.outlet_model = OutletTableModel(self)
        self.outlets_view = _table(self.tr("Outlets"), self.outlet_model, 4)
        self.outlets_view.activated.connect(self.edit_outlet)
        self.pitch_model = PitchTableModel(self)
        self.pitches_view = _table(self.tr("Pitches"), self.pitch_model, 4)
        self.card_tally_label = QLabel()
        self.card_tally_label.setAccessibleName(self.tr("The card's pitches"))
        self.card_tally_label.setTextFormat(Qt.PlainText)  # a card's title as typed
        self.suggestion_model = SuggestionTableModel(self)
        self.suggestions_view = _table(self.tr("Suggested links"), self.suggestion_model, 0)
        self.link_model = LinkTableModel(self)
        self.links_view = _table(self.tr("Linked coverage"), self.link_model, 0)
        self.material_model = MaterialTableModel(self)
        self.materials_view = _table(self.tr("Materials"), self.material_model, 1)
        self.event_model = IndustryEventTableModel(self)
        self.events_view = _table(self.tr("Industry events"), self.event_model, 0)
        self.events_view.activated.connect(self.edit_event)
        self.submission_model = SubmissionTableModel(self)
        self.submissions_view = _table(self.tr("Talks"), self.submission_model, 0)
        self.submissions_view.activated.connect(self.edit_talk)

        coverage_split = QSplitter(Qt.Vertical)
        coverage_split.addWidget(_tab(QLabel(self.tr("Suggested: articles and the pitches "
                                                      "that may have earned them")),
                                      self.suggestions_view))
        coverage_split.addWidget(_tab(QLabel(self.tr("Linked coverage")), self.links_view))
        speaking_split = QSplitter(Qt.Vertical)
        speaking_split.addWidget(self.events_view)
        speaking_split.addWidget(self.submissions_view)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Media relations"))
        self.tabs.addTab(_tab(_bar(self.tr("Contact actions"), self.new_contact_action,
                                   self.new_outlet_action, self.edit_contact_action,
                                   self.dnc_action, None, self.import_action,
                                   self.export_action), self.splitter), self.tr("&Contacts"))
        self.tabs.addTab(_tab(_bar(self.tr("Outlet actions"), self.edit_outlet_action),
                              self.outlets_view), self.tr("&Outlets"))
        self.tabs.addTab(_tab(_bar(self.tr("Pitch actions"), self.pitch_action,
                                   self.send_action, self.pitch_step_button,
                                   self.placement_action), self.card_tally_label,
                              self.pitches_view),
                         self.tr("&Pitches"))
        self.tabs.addTab(_tab(_bar(self.tr("Coverage actions"), self.confirm_action,
                                   self.amplify_action), coverage_split), self.tr("Co&verage"))
        self.tabs.addTab(_tab(_bar(self.tr("Material actions"), self.new_material_action,
                                   self.attach_action),
                              self.materials_view), self.tr("&Materials"))
        self.tabs.addTab(_tab(_bar(self.tr("Speaking slot actions"), self.new_event_action,
                                   self.edit_event_action, None, self.new_talk_action,
                                   self.edit_talk_action, self.talk_step_button),
                              speaking_split), self.tr("&Speaking slots"))

        top = QToolBar()
        top.setAccessibleName(self.tr("Media relations search"))
        top.addWidget(self.summary_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        top.addWidget(spacer)
        top.addWidget(self.search_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.actions_label)
        layout.addWidget(self.tabs, 1)

        for view in (self.contacts_view, self.pitches_view, self.suggestions_view,
                     self.links_view, self.submissions_view, self.materials_view,
                     self.events_view, self.outlets_view):
            view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.contacts_view.activated.connect(self.edit_contact)
        self.tabs.currentChanged.connect(self._on_selection_changed)
        self.search_edit.textChanged.connect(self._fill)
        self.update_actions()

    # --- building ---------------------------------------------------------------
    def _build_actions(self) -> None:
        action = self.page_action
        self.new_contact_action = action(self.tr("&New contact…"), self.new_contact,
                                         QKeySequence.New)
        self.new_outlet_action = action(self.tr("New &outlet…"), self.new_outlet)
        self.edit_outlet_action = action(self.tr("Edit o&utlet…"), self.edit_outlet)
        self.edit_contact_action = action(self.tr("&Edit…"), self.edit_contact)
        self.dnc_action = action(self.tr("&Do not contact…"), self.toggle_do_not_contact)
        self.import_action = action(self.tr("&Import list…"), self.import_list)
        self.export_action = action(self.tr("E&xport list…"), self.export_list, edits=False)
        self.pitch_action = action(self.tr("&Log pitch…"), self.log_pitch, "Ctrl+L")
        self.send_action = action(self.tr("Send &draft"), self.send_draft)
        self.pitch_steps = {state: action(PITCH_STATE_LABELS[state],
                                          lambda _c=False, s=state: self.move_pitch(s))
                            for state in PITCH_STEPS}
        self.pitch_step_menu = QMenu(self.tr("Answer"), self)
        self.pitch_step_menu.addActions(list(self.pitch_steps.values()))
        self.pitch_step_button = _menu_button(self.tr("Answer"), self.tr("&Answer"),
                                              self.pitch_step_menu)
        self.placement_action = action(self.tr("Link &placement…"), self.link_placement)
        self.confirm_action = action(self.tr("Confirm &link"), self.confirm_link)
        self.amplify_action = action(self.tr("&Amplify…"), self.amplify)
        self.new_material_action = action(self.tr("New &material…"), self.new_material)
        self.attach_action = action(self.tr("A&ttach to card…"), self.attach_material)
        self.new_event_action = action(self.tr("New &event…"), self.new_event)
        self.edit_event_action = action(self.tr("Edit e&vent…"), self.edit_event)
        self.new_talk_action = action(self.tr("New &talk…"), self.new_talk)
        self.edit_talk_action = action(self.tr("Edit t&alk…"), self.edit_talk)
        self.talk_steps = {state: action(SUBMISSION_STATE_LABELS[state],
                                         lambda _c=False, s=state: self.move_talk(s))
                           for state in TALK_STEPS}
        self.talk_step_menu = QMenu(self.tr("Talk step"), self)
        self.talk_step_menu.addActions(list(self.talk_steps.values()))
        self.talk_step_button = _menu_button(self.tr("Talk step"), self.tr("Talk &step"),
                                             self.talk_step_menu)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Search the media list"))
        self.search_edit.setPlaceholderText(self.tr("Search contacts, outlets, pitches"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(260)
        action(self.tr("Find"), lambda: self.search_edit.setFocus(), QKeySequence.Find,
               edits=False)

    # --- loading ----------------------------------------------------------------
    def context_changed(self) -> None:
        self.view, self._wanted_contact = None, None

    def refresh(self) -> None:
        if self.context is None:
            return
        person_id = self.context.person.id
        self.read(lambda uow: overview.load(uow, person_id), self._show,
                  label=self.tr("Loading the media list"))

    def _show(self, view: overview.MediaOverview) -> None:
        wanted = self._wanted_contact or (c.id if (c := self.selected_contact()) else None)
        self._wanted_contact = None
        self.view = view
        self._fill()
        if wanted is not None:
            self.select_contact(wanted)
        self._show_actions(view)
        self._on_selection_changed()

    def _matches(self, *texts: str) -> bool:
        words = self.search_edit.text().casefold().split()
        text = " ".join(texts).casefold()
        return all(word in text for word in words)

    def _fill(self) -> None:
        view = self.view
        if view is None:
            return
        kept = self.selected_contact()
        self.contact_model.set_rows([c for c in view.contacts if self._matches(
            c.name, c.outlet_name, c.beat, c.email, c.x_handle)])
        self.outlet_model.set_rows([o for o in view.outlets if self._matches(o.name, o.topics)])
        self.pitch_model.set_rows([p for p in view.pitches if self._matches(
            p.contact_name, p.outlet_name, p.card_title, p.subject)])
        self.suggestion_model.set_rows(view.suggestions)
        self.link_model.set_rows(view.links)
        self.material_model.set_rows(view.materials)
        self.event_model.set_rows(view.events)
        self.submission_model.set_rows(view.submissions)
        if kept is not None:
            self.select_contact(kept.id)
        sent = sum(t.pitched for t in view.tallies.values())
        covered = sum(t.covered for t in view.tallies.values())
        self.summary_label.setText(self.tr("{0} · {1} · {2} pitched, {3} covered").format(
            counted(len(view.contacts), self.tr("contact"), self.tr("contacts")),
            counted(len(view.outlets), self.tr("outlet"), self.tr("outlets")), sent, covered))

    def _show_actions(self, view: overview.MediaOverview) -> None:
        """The person's follow-ups and call-for-papers deadlines, as under My actions."""
        self.actions_label.setText("<br>".join(
            f"<span style='color:{tone_css(Tone.ERROR if a.overdue else Tone.WARNING)}'>"
            f"{_esc(a.text)}</span>" for a in view.actions))
        self.actions_label.setVisible(bool(view.actions))

    # --- selection --------------------------------------------------------------
    @staticmethod
    def _selected(view: QTableView, model: object) -> object | None:
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().hasSelection():
            return None
        return model.row_at(index.row())

    def selected_contact(self) -> contacts.Contact | None:
        return self._selected(self.contacts_view, self.contact_model)

    def selected_pitch(self) -> pitches.PitchRow | None:
        return self._selected(self.pitches_view, self.pitch_model)

    def selected_suggestion(self) -> coverage.Suggestion | None:
        return self._selected(self.suggestions_view, self.suggestion_model)

    def selected_link(self) -> coverage.CoverageLink | None:
        return self._selected(self.links_view, self.link_model)

    def selected_material(self) -> materials.Material | None:
        return self._selected(self.materials_view, self.material_model)

    def selected_outlet(self) -> contacts.Outlet | None:
        return self._selected(self.outlets_view, self.outlet_model)

    def selected_event(self) -> speaking.IndustryEvent | None:
        return self._selected(self.events_view, self.event_model)

    def selected_talk(self) -> speaking.Submission | None:
        return self._selected(self.submissions_view, self.submission_model)

    def select_contact(self, contact_id: int) -> bool:
        row = self.contact_model.find_row(lambda c: c.id == contact_id)
        if row < 0:
            return False
        self.contacts_view.selectionModel().setCurrentIndex(
            self.contact_model.index(row, 0),
            QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        return True

    def open_contact(self, contact_id: int) -> None:
        """Show a contact and its history (from "who has influence" on the Analytics page)."""
        self.tabs.setCurrentIndex(0)
        self.search_edit.clear()
        if not self.select_contact(contact_id):
            self._wanted_contact = contact_id
            self.refresh()

    def _on_selection_changed(self, *_args: object) -> None:
        self.update_actions()
        self._show_details(self.selected_contact())
        pitch = self.selected_pitch()
        tally = self.view.tallies.get(pitch.card_id) if pitch and self.view else None
        self.card_tally_label.setText(self.tr("{0}: {1}").format(pitch.card_title, tally.text())
                                      if tally is not None else self.tr(
                                          "Choose a pitch to see how its card's pitches went."))

    def _show_details(self, contact: contacts.Contact | None) -> None:
        if contact is None or self.view is None:
            text = "<p>" + _esc(self.tr("Choose a contact to see their pitches and coverage."
                                        if self.view and self.view.contacts else
                                        "No media contacts yet: add one, or import a media "
                                        "list (a CSV export of your media database).")) + "</p>"
        else:
            text = self._contact_html(contact)
        if text != self._details_html:
            self._details_html = text
            self.details.setHtml(text)

    def _contact_html(self, contact: contacts.Contact) -> str:
        facts = [contact.outlet_name, contact.beat, contact.email, contact.x_handle,
                 contact.linkedin, contact.preferred_channel and self.tr(
                     "prefers {0}").format(contact.preferred_channel)]
        parts = [f"<h3>{_esc(contact.name)}</h3>",
                 "<p>" + "<br>".join(_esc(f) for f in facts if f) + "</p>"]
        if contact.do_not_contact:
            parts.append(f"<p style='color:{tone_css(Tone.ERROR)}'><b>" + _esc(self.tr(
                "Do not contact: {0} (set by {1} on {2})").format(
                contact.do_not_contact_reason, contact.do_not_contact_by or "–",
                date_text(contact.do_not_contact_on) if contact.do_not_contact_on else "–"))
                + "</b></p>")
        parts.append("<p>" + _esc(self.tr("Pitched {0} times; replied {1}, covered {2} "
                                          "(reply rate {3}, coverage rate {4})").format(
            contact.pitched, contact.replied, contact.covered, rate_text(contact.reply_rate),
            rate_text(contact.coverage_rate))) + "</p>")
        history = [p for p in self.view.pitches if p.contact_id == contact.id]
        if history:
            parts.append(f"<p><b>{_esc(self.tr('Pitches'))}</b><br>" + "<br>".join(
                _esc(f"{date_text(p.pitched_on)} · {p.subject} · "
                     f"{PITCH_STATE_LABELS[p.state]} · {p.owner_name or '–'}")
                for p in history) + "</p>")
        links = [link for link in self.view.links if link.contact_name == contact.name]
        if links:
            parts.append(f"<p><b>{_esc(self.tr('Coverage'))}</b><br>" + "<br>".join(
                _esc(f"{date_text(link.published_on)} · {link.outlet}: {link.title}")
                for link in links) + "</p>")
        if contact.notes:
            parts.append(f"<p>{_esc(contact.notes)}</p>")
        return "".join(parts)

    def update_actions(self) -> None:
        super().update_actions()
        editable = self.editable
        contact, pitch = self.selected_contact(), self.selected_pitch()
        link, talk = self.selected_link(), self.selected_talk()
        has_view = self.view is not None
        self.edit_contact_action.setEnabled(editable and contact is not None)
        self.edit_outlet_action.setEnabled(editable and self.selected_outlet() is not None)
        self.dnc_action.setEnabled(editable and contact is not None)
        if contact is not None:
            self.dnc_action.setText(self.tr("Allow contact") if contact.do_not_contact
                                    else self.tr("&Do not contact…"))
        self.pitch_action.setEnabled(editable and has_view and bool(self.view.contacts)
                                     and bool(self.view.cards))
        following = pitch.next_states if pitch else frozenset()
        self.send_action.setEnabled(editable and pitch is not None
                                    and pitch.state == PitchState.DRAFTED)
        for state, step in self.pitch_steps.items():
            step.setEnabled(editable and state in following and pitch.state != PitchState.DRAFTED)
        self.pitch_step_button.setEnabled(any(a.isEnabled() for a in self.pitch_steps.values()))
        self.placement_action.setEnabled(editable and pitch is not None and pitch.state not in (
            PitchState.DRAFTED, PitchState.DECLINED))
        self.confirm_action.setEnabled(editable and self.selected_suggestion() is not None)
        self.amplify_action.setEnabled(editable and link is not None and link.card_id is not None)
        self.new_talk_action.setEnabled(editable and has_view and bool(self.view.events))
        self.edit_event_action.setEnabled(editable and has_view
                                          and self.selected_event() is not None)
        self.attach_action.setEnabled(editable and has_view and self.selected_material() is not None
                                      and bool(self.view.cards))
        self.edit_talk_action.setEnabled(editable and has_view and talk is not None)
        talk_next = talk.next_states if talk else frozenset()
        for state, step in self.talk_steps.items():
            step.setEnabled(editable and state in talk_next)
        self.talk_step_button.setEnabled(any(a.isEnabled() for a in self.talk_steps.values()))

    # --- contacts -----------------------------------------------------------------
    def new_contact(self) -> None:
        if not self.editable or self.view is None:
            return
        uow, outlets = self.uow, self.view.outlets

        def saved(created: contacts.Contact) -> None:
            self.push(CreateContactCommand(created, self.uow, self))
            self._wanted_contact = created.id

        FormSave(self, lambda: ContactDialog(outlets, None, self),
                 lambda data: lambda: contacts.create_contact(uow, data), saved,
                 label=self.tr("Saving the contact"), refused=self.refresh).open()

    def new_outlet(self) -> None:
        if not self.editable:
            return
        uow = self.uow
        FormSave(self, lambda: OutletDialog(None, self),
                 lambda data: lambda: contacts.create_outlet(uow, data),
                 lambda created: self.push(CreateOutletCommand(created, self.uow, self)),
                 label=self.tr("Saving the outlet"), refused=self.refresh).open()

    def edit_outlet(self) -> None:
        outlet = self.selected_outlet()
        if outlet is None or not self.editable:
            return
        uow = self.uow

        def make() -> OutletDialog:
            dialog = OutletDialog(outlet, self)
            dialog.watch_record(uow, "outlets", outlet.id)
            return dialog

        FormSave(self, make, EditSave(outlet, lambda version, data: contacts.update_outlet(
            uow, outlet.id, version, data)),
            lambda result: self.push(EditOutletCommand(*result, self.uow, self)),
            label=self.tr("Saving the outlet"), refused=self.refresh).open()

    def edit_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None or not self.editable or self.view is None:
            return
        uow, outlets = self.uow, self.view.outlets

        def make() -> ContactDialog:
            dialog = ContactDialog(outlets, contact, self)
            dialog.watch_record(uow, "media_contacts", contact.id)
            return dialog

        FormSave(self, make, EditSave(contact, lambda version, data: contacts.update_contact(
            uow, contact.id, version, data)),
            lambda result: self.push(EditContactCommand(*result, self.uow, self)),
            label=self.tr("Saving the contact"), refused=self.refresh).open()

    def toggle_do_not_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None or not self.editable:
            return
        uow = self.uow

        def saved(result: tuple[contacts.Contact, contacts.Contact]) -> None:
            self.push(DoNotContactCommand(*result, self.uow, self))

        if contact.do_not_contact:
            if ask(self, self.tr("Allow contact"), self.tr(
                    "{0} was marked do-not-contact: {1}. Allow pitches to them again?").format(
                    contact.name, contact.do_not_contact_reason)) != QMessageBox.Yes:
                return
            self.write(lambda uow: contacts.set_do_not_contact(uow, contact.id, contact.version,
                                                               on=False),
                       saved, label=self.tr("Allowing contact"))
            return
        FormSave(self, lambda: DoNotContactDialog(contact, self),
                 lambda reason: lambda: contacts.set_do_not_contact(
                     uow, contact.id, contact.version, on=True, reason=reason), saved,
                 label=self.tr("Marking do-not-contact"), refused=self.refresh).open()

    # --- the media list in and out -------------------------------------------------
    def import_list(self) -> None:
        if not self.editable:
            return
        title = self.tr("Import a media list")
        path, _ = QFileDialog.getOpenFileName(self, title, settings.last_folder(), CSV_FILTER)
        if not path:
            return
        source = Path(path)
        settings.remember_folder(str(source.parent))
        self.read(lambda _uow: media_list.read_media_list(source),
                  lambda parsed: self._import_parsed(parsed, title), key="file",
                  failed=lambda error: show_error(self, error, title),
                  label=self.tr("Reading {0}").format(source.name))

    def _import_parsed(self, parsed: media_list.ParsedList, title: str) -> None:
        if parsed.problems:
            if ask(self, title, self.tr(
                    "{0} has rows that cannot be imported: {1}. Import the {2} good rows "
                    "and leave these out?").format(parsed.file_name, parsed.problem_text(),
                                                   len(parsed.rows))) != QMessageBox.Yes:
                return
        self.write(lambda uow: media_list.import_media_list(uow, parsed, good_rows_only=True),
                   lambda done: self._imported(done, parsed, title),
                   label=self.tr("Importing {0}").format(parsed.file_name))

    def _imported(self, done: media_list.ImportedList, parsed: media_list.ParsedList,
                  title: str) -> None:
        self.push(ImportListCommand(done, parsed, self.uow, self))
        tell(self, title, self.tr("From {0}: {1}").format(parsed.file_name, done.sentence()))

    def export_list(self) -> None:
        if self.context is None:
            return
        title = self.tr("Export the media list")
        suggested = str(Path(settings.last_folder()) / "media-list.csv")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, CSV_FILTER)
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".csv")
        settings.remember_folder(str(target.parent))
        self.read(lambda uow: media_list.export_media_list(uow, target),
                  lambda rows: tell(self, title, self.tr("Wrote {0} to {1}.").format(
                      counted(rows, self.tr("contact"), self.tr("contacts")), target.name)),
                  key="export", failed=lambda error: show_error(self, error, title))

    # --- pitches --------------------------------------------------------------------
    def log_pitch(self) -> None:
        view = self.view
        if not self.editable or view is None or not view.contacts or not view.cards:
            return
        uow = self.uow
        chosen = self.selected_contact() if self.tabs.currentIndex() == 0 else None

        def make() -> PitchDialog:
            dialog = PitchDialog(view.cards, view.contacts, view.customers, view.recent,
                                 view.recent_days, view.materials, self)
            if chosen is not None:
                dialog.contact_model.set_ticked({chosen.id})
            return dialog

        def work(data: pitches.PitchInput):  # noqa: ANN202 - the work FormSave runs
            return lambda: (pitches.log_pitch(uow, data), data)

        def saved(result: tuple[pitches.Logged, pitches.PitchInput]) -> None:
            self.push(LogPitchCommand(*result, self.uow, self))
            self.tabs.setCurrentIndex(2)

        FormSave(self, make, work, saved, label=self.tr("Logging the pitch"),
                 refused=self.refresh).open()

    def send_draft(self, anyway: bool = False) -> None:
        """Send the chosen draft today; a contact pitched recently asks first."""
        pitch = self.selected_pitch()
        if pitch is None or not self.editable:
            return

        def failed(error: BaseException) -> None:
            if isinstance(error, pitches.PitchedRecently) and ask(
                    self, self.tr("Pitched recently"),
                    error.message + " " + self.tr("Send anyway?")) == QMessageBox.Yes:
                self.send_draft(anyway=True)
                return
            if isinstance(error, pitches.DoNotContact):
                names = ", ".join(name for _id, name, _reason in error.contacts)
                tell(self, self.tr("Not sent"), self.tr(
                    "The pitch was not sent: {0} is marked do-not-contact, and the draft "
                    "gives no reason to pitch them anyway. Log a new pitch without them, or "
                    "with a reason to override.").format(names))
                self.refresh()
                return
            self._refused(error)

        self.write(lambda uow: pitches.send_draft(uow, pitch.pitch_id, date.today(),
                                                  send_anyway=anyway),
                   lambda sent: self.push(SendDraftCommand(sent, self.uow, self)),
                   label=self.tr("Sending the pitch"), failed=failed)

    def move_pitch(self, state: PitchState) -> None:
        pitch = self.selected_pitch()
        if pitch is None or not self.editable:
            return
        self.write(lambda uow: pitches.move_recipient(uow, pitch.recipient_id,
                                                      pitch.recipient_version, state),
                   lambda change: self.push(PitchStepCommand(change, pitch.contact_name,
                                                             self.uow, self)),
                   label=self.tr("Saving the answer"), failed=self._refused)

    def _refused(self, error: BaseException) -> None:
        show_error(self, error, self.tr("Nothing was changed")
                   if isinstance(error, ExplainedError) else "")
        self.refresh()

    # --- coverage -------------------------------------------------------------------
    def link_placement(self) -> None:
        pitch = self.selected_pitch()
        if pitch is None or not self.editable:
            return
        uow = self.uow

        def work(data: coverage.PlacementInput):  # noqa: ANN202 - the work FormSave runs
            return lambda: (coverage.confirm_link(uow, pitch.recipient_id, placement=data), data)

        def saved(result: tuple[coverage.Linked, coverage.PlacementInput]) -> None:
            linked, data = result
            self.push(LinkCoverageCommand(linked, None, data, self.uow, self))

        FormSave(self, lambda: PlacementDialog(pitch.contact_name, pitch.subject, self), work,
                 saved, label=self.tr("Linking the coverage"), refused=self.refresh).open()

    def confirm_link(self) -> None:
        suggestion = self.selected_suggestion()
        if suggestion is None or not self.editable:
            return
        record = suggestion.piece.record_id
        self.write(lambda uow: coverage.confirm_link(uow, suggestion.recipient_id,
                                                     record_id=record),
                   lambda linked: self.push(LinkCoverageCommand(linked, record, None,
                                                                self.uow, self)),
                   label=self.tr("Linking the coverage"), failed=self._refused)

    def amplify(self) -> None:
        link = self.selected_link()
        if link is None or link.card_id is None or not self.editable or self.view is None:
            return
        uow, card_id = self.uow, link.card_id
        marketers = [p for p in self.view.people if p.department == Department.MARKETING] \
            or self.view.people

        def work(values: dict[str, object]):  # noqa: ANN202 - the work FormSave runs
            return lambda: coverage.amplify(uow, card_id, **values)

        FormSave(self, lambda: AmplifyDialog(f"{link.outlet}: {link.title}", marketers, self),
                 work, lambda done: self.push(AmplifyCommand(done, self.uow, self)),
                 label=self.tr("Amplifying the coverage"), refused=self.refresh).open()

    # --- materials and speaking slots ------------------------------------------------
    def new_material(self) -> None:
        if not self.editable or self.view is None:
            return
        uow, team = self.uow, self.view.people
        FormSave(self, lambda: MaterialDialog(team, self),
                 lambda data: lambda: materials.create_material(uow, data),
                 lambda created: self.push(CreateMaterialCommand(created, self.uow, self)),
                 label=self.tr("Saving the material"), refused=self.refresh).open()

    def attach_material(self) -> None:
        item = self.selected_material()
        if item is None or not self.editable or self.view is None:
            return
        uow, cards = self.uow, self.view.cards

        def work(card_id: int):  # noqa: ANN202 - the work FormSave runs
            return lambda: (materials.attach_to_card(uow, item.id, card_id), card_id)[1]

        FormSave(self, lambda: AttachDialog(item, cards, self), work,
                 lambda card_id: self.push(AttachMaterialCommand(item, card_id, self.uow, self)),
                 label=self.tr("Attaching the material"), refused=self.refresh).open()

    def new_event(self) -> None:
        if not self.editable or self.view is None:
            return
        uow, team = self.uow, self.view.people
        FormSave(self, lambda: IndustryEventDialog(team, None, self),
                 lambda data: lambda: speaking.create_event(uow, data),
                 lambda created: self.push(CreateEventCommand(created, self.uow, self)),
                 label=self.tr("Saving the industry event"), refused=self.refresh).open()

    def edit_event(self) -> None:
        event = self.selected_event()
        if event is None or not self.editable or self.view is None:
            return
        uow, team = self.uow, self.view.people

        def make() -> IndustryEventDialog:
            dialog = IndustryEventDialog(team, event, self)
            dialog.watch_record(uow, "industry_events", event.id)
            return dialog

        FormSave(self, make, EditSave(event, lambda version, data: speaking.update_event(
            uow, event.id, version, data)),
            lambda result: self.push(EditEventCommand(*result, self.uow, self)),
            label=self.tr("Saving the industry event"), refused=self.refresh).open()

    def new_talk(self) -> None:
        view = self.view
        if not self.editable or view is None or not view.events:
            return
        uow = self.uow

        def work(data: speaking.SubmissionInput):  # noqa: ANN202 - the work FormSave runs
            return lambda: (speaking.create_submission(uow, data), data)

        def saved(result: tuple[speaking.Submission, speaking.SubmissionInput]) -> None:
            self.push(CreateSubmissionCommand(*result, self.uow, self))

        FormSave(self, lambda: SubmissionDialog(view.events, view.people, view.customers,
                                                None, self),
                 work, saved, label=self.tr("Saving the talk"), refused=self.refresh).open()

    def edit_talk(self) -> None:
        talk, view = self.selected_talk(), self.view
        if talk is None or not self.editable or view is None:
            return
        uow = self.uow

        def make() -> SubmissionDialog:
            dialog = SubmissionDialog(view.events, view.people, view.customers,
                                      talk.as_input(), self)
            dialog.watch_record(uow, "submissions", talk.id)
            return dialog

        FormSave(self, make, EditSave(talk, lambda version, data: speaking.update_submission(
            uow, talk.id, version, data)),
            lambda result: self.push(EditTalkCommand(*result, self.uow, self)),
            label=self.tr("Saving the talk"), refused=self.refresh).open()

    def move_talk(self, state: SubmissionState) -> None:
        talk = self.selected_talk()
        if talk is None or not self.editable:
            return
        self.write(lambda uow: speaking.move_submission(uow, talk.id, talk.version, state),
                   lambda change: self.push(SubmissionStepCommand(change, talk.title,
                                                                  self.uow, self)),
                   label=self.tr("Moving the talk on"), failed=self._refused)
