"""The Customer stories page: the pipeline of story requests (for a sales rep, what waits
for their decision first), the customers and how often they were asked, the contacts
logged with them and where the stories were placed.

It reads and writes through its page base (``ui.shell.page``), so a slow share or someone
else's lock never freezes the window: the page and the chosen request's details load in
the background, keeping the selection; every edit and workflow step is saved on the
writer thread, and its forms save through ``FormSave``. What a save changed comes back by
the window's change feed, like anyone else's change.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.enums import Department, StoryKind, StoryStatus
from desktop import people, stories
from desktop.errors import ExplainedError
from desktop.numbers import counted
from desktop.stories import (
    APPROVED_ONWARDS,
    EDITABLE,
    PLACEABLE,
    WEAR_OUT_FROM,
    RequestInput,
    StoryRequest,
)
from desktop.team_file import UnitOfWork
from ui.shell.form_save import EditSave, FormSave
from ui.shell.labels import date_text
from ui.shell.messages import ask, show_error, tell
from ui.shell.page import Page
from ui.shell.palette import Tone, tone_css
from ui.stories.story_commands import (
    AddPlacementCommand,
    CreateCustomerCommand,
    CreateRequestCommand,
    EditCustomerCommand,
    EditRequestCommand,
    LogCommunicationCommand,
    StatusChangeCommand,
)
from ui.stories.story_dialog import (
    CommunicationDialog,
    CustomerDialog,
    DecisionDialog,
    PlacementDialog,
    RequestDialog,
)
from ui.stories.story_labels import STORY_KIND_LABELS, STORY_STATUS_LABELS, STORY_STEP_LABELS
from ui.stories.story_models import (
    CommunicationTableModel,
    CustomerTableModel,
    PipelineTreeModel,
    PlacementTableModel,
)

S = StoryStatus
#: The steps offered under "Next step" (the rep's decisions and sending have their own buttons).
MENU_STEPS = (S.CUSTOMER_ASKED, S.CUSTOMER_AGREED, S.CUSTOMER_DECLINED, S.IN_PRODUCTION,
              S.PUBLISHED, S.DRAFT)


def _table(name: str, model: object, stretch_column: int) -> QTableView:
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
    header.setSectionResizeMode(stretch_column, QHeaderView.Stretch)
    header.setStretchLastSection(False)
    return view


def _esc(text: object) -> str:
    return html.escape(str(text)).replace("\n", "<br>")


def _decision(uow: UnitOfWork, request: StoryRequest, approving: bool,
              values: tuple[str, frozenset, date | None]) -> stories.StatusChange:
    """The rep's yes, no, or changed approval, as typed in the decision form."""
    note, uses, ends_on = values
    if not approving:
        return stories.decline(uow, request.id, request.version, note)
    if request.status in APPROVED_ONWARDS:
        return stories.renew_approval(uow, request.id, request.version, note=note, uses=uses,
                                      ends_on=ends_on)
    return stories.approve(uow, request.id, request.version, note=note, uses=uses,
                           ends_on=ends_on)


class StoriesPage(Page):
    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._groups: list[stories.PipelineGroup] = []
        self._customers: list[stories.Customer] = []
        self._reps: list[people.Person] = []  # for the conflict dialog's names
        self._wanted_request: int | None = None  # to select once the next load is shown
        self._wanted_customer: int | None = None
        self._quiet = False  # True while a load is shown: one details load at its end
        self._shown_ids: tuple[int | None, int | None] = (None, None)  # customer, request
        self._history: tuple[int, list[stories.HistoryEntry]] | None = None
        self._details_html = ""

        self._build_actions()
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("Pipeline summary"))

        self.pipeline_model = PipelineTreeModel(self)
        self.tree = QTreeView()
        self.tree.setAccessibleName(self.tr("Story requests by status"))
        self.tree.setModel(self.pipeline_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectRows)
        tree_header = self.tree.header()
        tree_header.setMinimumSectionSize(50)
        tree_header.setSectionResizeMode(QHeaderView.Interactive)
        tree_header.setSectionResizeMode(0, QHeaderView.Stretch)
        tree_header.setStretchLastSection(False)
        for column, width in enumerate((0, 190, 105, 135, 70, 60)):
            if width:
                tree_header.resizeSection(column, width)

        self.customer_model = CustomerTableModel(self)
        self.customers_view = _table(self.tr("Customers"), self.customer_model, 0)
        customers_tab = QWidget()
        customers_layout = QVBoxLayout(customers_tab)
        customers_layout.setContentsMargins(0, 0, 0, 0)
        customer_bar = QToolBar()
        customer_bar.setAccessibleName(self.tr("Customer actions"))
        customer_bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        customer_bar.addAction(self.new_customer_action)
        customer_bar.addAction(self.edit_customer_action)
        customers_layout.addWidget(customer_bar)
        customers_layout.addWidget(self.customers_view)

        self.left_tabs = QTabWidget()
        self.left_tabs.setAccessibleName(self.tr("Pipeline or customers"))
        self.left_tabs.addTab(self.tree, self.tr("&Pipeline"))
        self.left_tabs.addTab(customers_tab, self.tr("C&ustomers"))

        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Request details"))
        self.details.setOpenLinks(False)
        self.communication_model = CommunicationTableModel(self)
        self.communications_view = _table(self.tr("Contacts with the customer"),
                                          self.communication_model, 2)
        contact_header = self.communications_view.horizontalHeader()
        contact_header.setSectionResizeMode(CommunicationTableModel.REP_COLUMN,
                                            QHeaderView.Interactive)
        contact_header.resizeSection(CommunicationTableModel.REP_COLUMN, 150)
        self.placement_model = PlacementTableModel(self)
        self.placements_view = _table(self.tr("Placements"), self.placement_model, 2)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setAccessibleName(self.tr("Contacts and placements"))
        self.detail_tabs.addTab(self.communications_view, self.tr("Contacts"))
        self.detail_tabs.addTab(self.placements_view, self.tr("Placements"))
        self.top_splitter = QSplitter(Qt.Horizontal)
        self.top_splitter.addWidget(self.left_tabs)
        self.top_splitter.addWidget(self.details)
        self.top_splitter.setStretchFactor(0, 2)
        self.top_splitter.setStretchFactor(1, 1)
        self.top_splitter.setSizes([800, 400])
        self.splitter = QSplitter(Qt.Vertical)  # remembered by the main window
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(self.detail_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 220])

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)

        self.tree.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.tree.activated.connect(self._on_tree_activated)
        self.customers_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.customers_view.activated.connect(self.edit_customer)
        self.left_tabs.currentChanged.connect(self._on_selection_changed)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.update_actions()

    # --- building ---------------------------------------------------------------
    def _build_actions(self) -> None:
        self.new_action = self.page_action(self.tr("&New request…"), self.new_request,
                                           QKeySequence.New)
        self.edit_action = self.page_action(self.tr("&Edit…"), self.edit_request)
        self.delete_action = self.page_action(self.tr("&Delete draft"), self.delete_request,
                                              QKeySequence.Delete)
        self.submit_action = self.page_action(STORY_STEP_LABELS[S.AWAITING_REP],
                                              lambda: self.move_to(S.AWAITING_REP))
        self.approve_action = self.page_action(STORY_STEP_LABELS[S.APPROVED], self.approve)
        self.decline_action = self.page_action(STORY_STEP_LABELS[S.DECLINED_BY_REP],
                                               self.decline)
        self.step_actions = {status: self.page_action(
            STORY_STEP_LABELS[status], lambda _checked=False, s=status: self.move_to(s))
            for status in MENU_STEPS}
        self.log_action = self.page_action(self.tr("&Log contact…"), self.log_communication,
                                           "Ctrl+L")
        self.placement_action = self.page_action(self.tr("Record &placement…"),
                                                 self.add_placement)
        self.new_customer_action = self.page_action(self.tr("New &customer…"),
                                                    self.new_customer)
        self.edit_customer_action = self.page_action(self.tr("Edit c&ustomer…"),
                                                     self.edit_customer)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Search requests"))
        self.search_edit.setPlaceholderText(self.tr("Search requests, customers, reps"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(260)
        self.page_action(self.tr("Find"), lambda: self.search_edit.setFocus(), QKeySequence.Find,
                         edits=False)

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setAccessibleName(self.tr("Story request actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in (self.new_action, self.edit_action, self.delete_action, None,
                       self.submit_action, self.approve_action, self.decline_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self.step_menu = QMenu(self.tr("Next step"), self)
        self.step_menu.addActions(list(self.step_actions.values()))
        self.step_button = QToolButton()
        self.step_button.setText(self.tr("Next &step"))
        self.step_button.setAccessibleName(self.tr("Next step"))
        self.step_button.setMenu(self.step_menu)
        self.step_button.setPopupMode(QToolButton.InstantPopup)
        toolbar.addWidget(self.step_button)
        toolbar.addSeparator()
        toolbar.addAction(self.log_action)
        toolbar.addAction(self.placement_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search_edit)
        return toolbar

    # --- state ------------------------------------------------------------------
    def context_changed(self) -> None:
        self._wanted_request = self._wanted_customer = None
        self._shown_ids, self._history = (None, None), None  # another file's ids mean nothing

    def refresh(self) -> None:
        """Reload from the file in the background; the selected request and customer stay
        selected."""
        if self.context is None:
            self._show(([], []))
            return
        person_id = self.context.person.id

        def load(uow: UnitOfWork) -> tuple[list[stories.PipelineGroup], list[stories.Customer]]:
            return stories.pipeline(uow, person_id), stories.list_customers(uow)

        self.read(load, self._show, label=self.tr("Loading the story requests"))

    def _show(self, loaded: tuple[list[stories.PipelineGroup], list[stories.Customer]]) -> None:
        request, customer = self.selected_request(), self.selected_customer()
        wanted_request = self._wanted_request or (request.id if request else None)
        wanted_customer = self._wanted_customer or (customer.id if customer else None)
        self._wanted_request = self._wanted_customer = None
        self._groups, self._customers = loaded
        with self._quietly():
            self.customer_model.set_rows(self._customers)
            self._fill_pipeline()
            if wanted_request is None or not self.select_request(wanted_request):
                self._select_first_request()
            if wanted_customer is not None:
                self.select_customer(wanted_customer)
        self._show_selection()

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Selection changes made meanwhile load the details once, at the end, not each."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _on_search_changed(self) -> None:
        with self._quietly():
            self._fill_pipeline()
        self._show_selection()

    def _fill_pipeline(self) -> None:
        """The groups as loaded, narrowed to the search words; groups stay open."""
        selected = self.selected_request()
        words = self.search_edit.text().casefold().split()
        groups = self._groups
        if words:
            groups = [stories.PipelineGroup(g.status, tuple(r for r in g.requests
                                                            if self._matches(r, words)))
                      for g in groups]
        self.pipeline_model.set_groups(groups)
        for row in range(len(groups)):  # a group's title spans the row
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        if selected is not None:
            self.select_request(selected.id)
        self._summarise()

    @staticmethod
    def _matches(request: StoryRequest, words: list[str]) -> bool:
        text = " ".join((request.title, request.customer_name, request.rep_name,
                         request.requested_by_name, STORY_KIND_LABELS[request.kind])).casefold()
        return all(word in text for word in words)

    def _summarise(self) -> None:
        everything = {r.id for g in self._groups if g.status is not None for r in g.requests}
        mine = next((g for g in self._groups if g.status is None), None)
        text = counted(len(everything), self.tr("story request"), self.tr("story requests"))
        if mine is not None:
            text += " · " + self.tr("{0} waiting for your decision").format(len(mine.requests))
        self.summary_label.setText(text)

    def select_request(self, request_id: int) -> bool:
        index = self.pipeline_model.index_of(request_id)
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        return True

    def _select_first_request(self) -> None:
        """Start where the work is: the first request waiting for this person, or any."""
        for group in self._groups:
            if group.requests:
                self.select_request(group.requests[0].id)
                return

    def select_customer(self, customer_id: int) -> None:
        index = self.customer_model.index_of(customer_id)
        if index.isValid():
            self.customers_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def selected_request(self) -> StoryRequest | None:
        if not self.tree.selectionModel().hasSelection():
            return None
        return self.pipeline_model.request_at(self.tree.currentIndex())

    def selected_customer(self) -> stories.Customer | None:
        index = self.customers_view.currentIndex()
        if not index.isValid() or not self.customers_view.selectionModel().hasSelection():
            return None
        return self.customer_model.row_at(index.row())

    def _customer_in_view(self) -> stories.Customer | None:
        """The customer the right-hand side is about: the chosen one, or the request's."""
        if self.left_tabs.currentIndex() == 1:
            return self.selected_customer()
        request = self.selected_request()
        if request is None:
            return None
        return next((c for c in self._customers if c.id == request.customer_id), None)

    def _on_selection_changed(self, *_args: object) -> None:
        self._show_selection()

    def _on_tree_activated(self, index: QModelIndex) -> None:
        request = self.pipeline_model.request_at(index)
        if request is not None and request.status in EDITABLE:
            self.edit_request()

    def _show_selection(self) -> None:
        """Show the chosen request or customer at once; its contacts, placements and
        history follow from a load in the background."""
        if self._quiet:
            return
        self.update_actions()
        customer = self._customer_in_view()
        request = self.selected_request() if self.left_tabs.currentIndex() == 0 else None
        customer_id, request_id = (customer.id if customer else None,
                                   request.id if request else None)
        if customer_id != self._shown_ids[0]:
            self.communication_model.set_rows([])
        if request_id != self._shown_ids[1]:
            self.placement_model.set_rows([])
        self._shown_ids = (customer_id, request_id)
        known = self._history[1] if self._history and self._history[0] == request_id else []
        self._show_details(request, customer, known)
        if customer is None and request is None:
            return

        def load(uow: UnitOfWork) -> tuple[list[stories.Communication], list[stories.Placement],
                                           list[stories.HistoryEntry]]:
            return (stories.list_communications(uow, customer_id=customer_id)
                    if customer_id else [],
                    stories.list_placements(uow, request_id=request_id) if request_id else [],
                    stories.request_history(uow, request_id) if request_id else [])

        self.read(load, lambda loaded: self._show_loaded_details(request, customer, loaded),
                  key="details", label=self.tr("Loading the request's details"))

    def _show_loaded_details(self, request: StoryRequest | None,
                             customer: stories.Customer | None,
                             loaded: tuple[list, list, list]) -> None:
        if (customer.id if customer else None, request.id if request else None) \
                != self._shown_ids:
            return  # chosen before the search or a click moved on: not what is shown now
        communications, placements, history = loaded
        self.communication_model.set_rows(communications)
        self.placement_model.set_rows(placements)
        if request is not None:
            self._history = (request.id, history)
        self._show_details(request, customer, history)

    def _show_details(self, request: StoryRequest | None, customer: stories.Customer | None,
                      history: list[stories.HistoryEntry]) -> None:
        if request is not None:
            text = self._request_html(request, history)
        elif customer is not None:
            text = self._customer_html(customer)
        else:
            text = self._empty_html()
        if text != self._details_html:  # the same text again would scroll back to the top
            self._details_html = text
            self.details.setHtml(text)

    # --- the details pane (every piece of people's text escaped) ------------------
    def _empty_html(self) -> str:
        if self.context is not None and not self._customers:
            return "<p>" + _esc(self.tr("No customers yet. Add a customer with its owning "
                                        "sales rep, then write the first story request.")) + "</p>"
        return "<p>" + _esc(self.tr("Choose a request to see what PR wants, the rep's "
                                    "decision and its history.")) + "</p>"

    def _wear_html(self, name: str, count: int) -> str:
        text = (self.tr("{0} had 1 story request in the last twelve months.").format(name)
                if count == 1 else
                self.tr("{0} had {1} story requests in the last twelve months.").format(name, count))
        if count >= WEAR_OUT_FROM:
            text += " " + self.tr("Asking this often wears the relationship out.")
            return f"<p style='color:{tone_css(Tone.ERROR)}'><b>{_esc(text)}</b></p>"
        return f"<p>{_esc(text)}</p>"

    def _customer_html(self, customer: stories.Customer) -> str:
        parts = [f"<h3>{_esc(customer.name)}</h3>",
                 f"<p>{_esc(self.tr('Owning rep: {0}').format(customer.rep_name))}"
                 + (f"<br>{_esc(customer.industry)}" if customer.industry else "") + "</p>",
                 self._wear_html(customer.name, customer.recent_requests)]
        if customer.notes:
            parts.append(f"<p>{_esc(customer.notes)}</p>")
        return "".join(parts)

    def _decision_html(self, request: StoryRequest) -> str:
        you = self.context is not None and self.context.person.id == request.rep_id
        if request.status == S.AWAITING_REP:
            text = (self.tr("Waiting for your decision.") if you else
                    self.tr("Waiting for {0}'s decision.").format(request.rep_name))
            return f"<p><b>{_esc(text)}</b></p>"
        if request.decided_at is None:
            return ""
        verb = (self.tr("Declined by {0} on {1}") if request.status == S.DECLINED_BY_REP
                else self.tr("Approved by {0} on {1}"))
        lines = [verb.format(request.decided_by_name, date_text(request.decided_at))]
        if request.status in APPROVED_ONWARDS:
            uses = (", ".join(STORY_KIND_LABELS[k] for k in STORY_KIND_LABELS
                              if k in request.allowed_uses) or self.tr("any use"))
            lines.append(self.tr("May be used as: {0}").format(uses))
            if request.use_conditions:
                lines.append(self.tr("Conditions: {0}").format(request.use_conditions))
            if request.approval_ends_on:
                lines.append(self.tr("Until {0}").format(date_text(request.approval_ends_on)))
        if request.decision_note:
            lines.append(f"“{request.decision_note}”")
        return "<p>" + "<br>".join(_esc(line) for line in lines) + "</p>"

    def _request_html(self, request: StoryRequest,
                      history: list[stories.HistoryEntry]) -> str:
        facts = self.tr("{0} · {1} · for {2} (rep: {3}) · requested by {4}").format(
            STORY_STATUS_LABELS[request.status], STORY_KIND_LABELS[request.kind],
            request.customer_name, request.rep_name, request.requested_by_name or "–")
        parts = [f"<h3>{_esc(request.title)}</h3>", f"<p>{_esc(facts)}</p>",
                 self._decision_html(request)]
        if request.flags:
            parts.append(f"<ul style='color:{tone_css(Tone.ERROR)}'>" + "".join(
                f"<li>{_esc(flag)}</li>" for flag in request.flags) + "</ul>")
        parts.append(self._wear_html(request.customer_name, request.customer_recent_requests))
        for title, text in ((self.tr("What PR wants"), request.what_pr_wants),
                            (self.tr("How the customer benefits"), request.benefit_to_customer),
                            (self.tr("How the company benefits"), request.benefit_to_company)):
            parts.append(f"<p><b>{_esc(title)}</b><br>{_esc(text)}</p>")
        if history:
            parts.append(f"<p><b>{_esc(self.tr('History'))}</b><br>" + "<br>".join(
                _esc(f"{h.changed_at:%Y-%m-%d %H:%M} UTC · {STORY_STATUS_LABELS[h.status]} · "
                     f"{h.person_name or '–'}") for h in history) + "</p>")
        return "".join(parts)

    def update_actions(self) -> None:
        super().update_actions()
        editable = self.editable
        request = self.selected_request() if self.left_tabs.currentIndex() == 0 else None
        status = request.status if request else None
        following = request.next_statuses if request else frozenset()
        self.log_action.setEnabled(editable and bool(self._customers))
        self.edit_customer_action.setEnabled(editable and self._customer_in_view() is not None)
        self.edit_action.setEnabled(editable and status in EDITABLE)
        self.delete_action.setEnabled(editable and status == S.DRAFT)
        self.submit_action.setEnabled(editable and S.AWAITING_REP in following)
        renew = status in APPROVED_ONWARDS
        self.approve_action.setText(self.tr("Change approval…") if renew
                                    else STORY_STEP_LABELS[S.APPROVED])
        self.approve_action.setEnabled(editable and (status == S.AWAITING_REP or renew))
        self.decline_action.setEnabled(editable and S.DECLINED_BY_REP in following)
        for target, action in self.step_actions.items():
            action.setEnabled(editable and target in following)
        self.step_button.setEnabled(any(a.isEnabled() for a in self.step_actions.values()))
        self.placement_action.setEnabled(editable and status in PLACEABLE)
        if request is not None:
            tip = self.tr("Only {0}, who owns {1}, can decide.").format(request.rep_name,
                                                                         request.customer_name)
            self.approve_action.setToolTip(tip)
            self.decline_action.setToolTip(tip)


    # --- requests ----------------------------------------------------------------
    def new_request(self) -> None:
        if not self.editable:
            return
        if not self._customers:
            tell(self, self.tr("New story request"), self.tr(
                "There are no customers yet. Add the customer with its owning sales rep first "
                "(Customers tab, New customer)."))
            return
        uow, customers, customer = self.uow, self._customers, self._customer_in_view()

        def make() -> RequestDialog:
            dialog = RequestDialog(customers, None, self)
            if customer is not None:
                dialog.select_customer(customer.id)
            return dialog

        def saved(created: StoryRequest) -> None:
            self.push(CreateRequestCommand(created, self.uow, self))
            self.search_edit.clear()
            self.left_tabs.setCurrentIndex(0)
            self._wanted_request = created.id  # selected once the change feed reloads

        FormSave(self, make, lambda data: lambda: stories.create_request(uow, data), saved,
                 label=self.tr("Saving the story request"), refused=self.refresh).open()

    def edit_request(self) -> None:
        request = self.selected_request()
        if request is None or not self.editable:
            return
        uow, customers = self.uow, self._customers

        def make() -> RequestDialog:
            dialog = RequestDialog(customers, request, self)
            dialog.watch_record(uow, "story_requests", request.id)
            return dialog

        def saved(result: tuple[StoryRequest, StoryRequest]) -> None:
            self.push(EditRequestCommand(*result, self.uow, self))

        def edit(version: int, data: RequestInput) -> tuple[StoryRequest, StoryRequest]:
            return stories.edit_request(uow, request.id, version, data)

        FormSave(self, make, EditSave(request, edit), saved,
                 label=self.tr("Saving the story request"), refused=self.refresh,
                 labels=self._field_labels(), render=self._render_value).open()

    def delete_request(self) -> None:
        request = self.selected_request()
        if request is None or not self.editable or request.status != S.DRAFT:
            return
        if ask(self, self.tr("Delete draft"), self.tr(
                "Delete the draft '{0}'? This cannot be undone.").format(request.title)) \
                != QMessageBox.Yes:
            return
        self.write(lambda uow: stories.delete_request(uow, request.id, request.version),
                   label=self.tr("Deleting the draft"))

    # --- the workflow --------------------------------------------------------------
    def move_to(self, status: StoryStatus) -> None:
        """One step that needs no form: sending, the customer's answer, production."""
        request = self.selected_request()
        if request is None or not self.editable:
            return
        self.write(lambda uow: stories.move_request(uow, request.id, request.version, status),
                   self._stepped, label=self.tr("Moving the request on"),
                   failed=self._step_refused)

    def _stepped(self, change: stories.StatusChange) -> None:
        self.push(StatusChangeCommand(change, self.uow, self))
        self._wanted_request = change.request_id

    def _step_refused(self, error: BaseException) -> None:
        """Someone moved the request first: say so in words, and show where it stands."""
        show_error(self, error, self.tr("The request stays as it is")
                   if isinstance(error, ExplainedError) else "")
        self.refresh()

    def _decide(self, approving: bool) -> None:
        """The rep's decision; anyone else is told who decides before any form opens."""
        request = self.selected_request()
        if request is None or not self.editable:
            return

        def open_form(_none: None) -> None:
            if not self.editable:
                return
            uow = self.uow
            FormSave(self, lambda: DecisionDialog(request, approving, self),
                     lambda values: lambda: _decision(uow, request, approving, values),
                     self._stepped, label=self.tr("Saving the decision"),
                     refused=self.refresh).open()

        def not_the_rep(error: BaseException) -> None:
            show_error(self, error, self.tr("Only the owning rep decides"))

        self.read(lambda uow: stories.ensure_decider(uow, request.id), open_form,
                  key="decider", failed=not_the_rep)

    def approve(self) -> None:
        self._decide(True)

    def decline(self) -> None:
        self._decide(False)

    # --- contacts and placements ------------------------------------------------------
    def log_communication(self) -> None:
        if not self.editable or not self._customers:
            return
        customer = self._customer_in_view()
        request = self.selected_request() if self.left_tabs.currentIndex() == 0 else None
        all_requests = [r for g in self._groups if g.status is not None for r in g.requests]
        uow, customers = self.uow, self._customers

        def saved(logged: stories.Communication) -> None:
            self.push(LogCommunicationCommand(logged, self.uow, self))
            shown = self._customer_in_view()
            if shown is None or shown.id != logged.customer_id:  # show where it went
                self.left_tabs.setCurrentIndex(1)
                self.select_customer(logged.customer_id)
            self.detail_tabs.setCurrentWidget(self.communications_view)

        FormSave(self, lambda: CommunicationDialog(customers, all_requests,
                                                   customer.id if customer else None,
                                                   request.id if request else None, self),
                 lambda data: lambda: stories.log_communication(uow, data), saved,
                 label=self.tr("Logging the contact"), refused=self.refresh).open()

    def add_placement(self) -> None:
        request = self.selected_request()
        if request is None or not self.editable:
            return
        uow = self.uow

        def saved(added: stories.Placement) -> None:
            self.push(AddPlacementCommand(added, self.uow, self))
            self.detail_tabs.setCurrentWidget(self.placements_view)
            if added.flag:  # told once the form has closed
                QTimer.singleShot(0, self, lambda: tell(self, self.tr("Outside the approval"),
                                                        self.tr(
                    "The placement was recorded, but it falls outside {0}'s approval: {1}.")
                    .format(request.rep_name, added.flag)))

        FormSave(self, lambda: PlacementDialog(request, self),
                 lambda data: lambda: stories.add_placement(uow, request.id, data), saved,
                 label=self.tr("Recording the placement"), refused=self.refresh).open()

    # --- customers -------------------------------------------------------------------
    def _with_reps(self, then: Callable[[list[people.Person]], None]) -> None:
        """Load the sales reps a customer can belong to, then open the form."""
        def load(uow: UnitOfWork) -> list[people.Person]:
            return [p for p in people.list_people(uow, active_only=True)
                    if p.department == Department.SALES]

        def loaded(reps: list[people.Person]) -> None:
            self._reps = reps
            if self.editable:
                then(reps)

        self.read(load, loaded, key="reps")

    def new_customer(self) -> None:
        if not self.editable:
            return

        def saved(created: stories.Customer) -> None:
            self.push(CreateCustomerCommand(created, self.uow, self))
            self.left_tabs.setCurrentIndex(1)
            self._wanted_customer = created.id  # selected once the change feed reloads

        def open_form(reps: list[people.Person]) -> None:
            uow = self.uow
            FormSave(self, lambda: CustomerDialog(reps, None, self),
                     lambda data: lambda: stories.create_customer(uow, data), saved,
                     label=self.tr("Saving the customer"), refused=self.refresh).open()

        self._with_reps(open_form)

    def edit_customer(self) -> None:
        customer = self._customer_in_view()
        if customer is None or not self.editable:
            return

        def saved(result: tuple[stories.Customer, stories.Customer]) -> None:
            self.push(EditCustomerCommand(*result, self.uow, self))

        def open_form(reps: list[people.Person]) -> None:
            uow = self.uow

            def make() -> CustomerDialog:
                dialog = CustomerDialog(reps, customer, self)
                dialog.watch_record(uow, "customers", customer.id)
                return dialog

            def edit(version: int, data: stories.CustomerInput
                     ) -> tuple[stories.Customer, stories.Customer]:
                return stories.edit_customer(uow, customer.id, version, data)

            FormSave(self, make, EditSave(customer, edit), saved,
                     label=self.tr("Saving the customer"), refused=self.refresh,
                     labels=self._field_labels(), render=self._render_value).open()

        self._with_reps(open_form)

    # --- the conflict dialog's words ----------------------------------------------------
    def _field_labels(self) -> dict[str, str]:
        return {"customer_id": self.tr("Customer"), "kind": self.tr("Kind"),
                "title": self.tr("Title"), "what_pr_wants": self.tr("What PR wants"),
                "benefit_to_customer": self.tr("Benefit to the customer"),
                "benefit_to_company": self.tr("Benefit to the company"),
                "card_id": self.tr("Board card"), "name": self.tr("Name"),
                "rep_id": self.tr("Owning rep"), "industry": self.tr("Industry"),
                "notes": self.tr("Notes")}

    def _render_value(self, name: str, value: object) -> str:
        """Names instead of ids, labels instead of codes, in the conflict dialog."""
        if value is None or value == "":
            return self.tr("(none)")
        if name == "customer_id":
            return next((c.name for c in self._customers if c.id == value), str(value))
        if name == "rep_id":
            names = {c.rep_id: c.rep_name for c in self._customers} | {
                p.id: p.name for p in self._reps}
            return names.get(value, str(value))
        if name == "kind":
            return STORY_KIND_LABELS.get(StoryKind(value), str(value))
        return str(value)
