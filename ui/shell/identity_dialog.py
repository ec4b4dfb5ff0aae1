"""Who are you? Asked once per file on this machine, so changes carry a name.

No one is chosen in advance: OK waits until the person picks herself or types
her name (pressing OK on a pre-selected stranger made you her). File > Switch
person asks again and logs the change of hands in the team file. The team is
read before the dialog opens; the choice is saved on the writer thread while
the window goes on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.enums import Department
from desktop import people
from desktop.team_file import UnitOfWork
from ui.shell.enum_choice import chosen
from ui.shell.labels import DEPARTMENT_LABELS
from ui.shell.messages import show_error
from ui.shell.tasks import task_manager

Chosen = Callable[[people.Person | None], None]


class IdentityDialog(QDialog):
    def __init__(self, uow: UnitOfWork, file_name: str, team: list[people.Person],
                 parent: QWidget | None = None, *,
                 switching_from: people.Person | None = None) -> None:
        super().__init__(parent)
        self._uow = uow
        self._switching_from = switching_from
        self.person: people.Person | None = None
        self._people = team
        if switching_from is None:
            self.setWindowTitle(self.tr("Who are you?"))
            intro = QLabel(self.tr(
                "Changes you make in {0} are shown to the team with your name. "
                "Choose yourself, or add yourself to the team.").format(file_name))
        else:
            self.setWindowTitle(self.tr("Switch person"))
            intro = QLabel(self.tr(
                "{0} is using {1} now. Who takes over? Changes from now on carry that "
                "name, and the team's activity shows the switch.").format(
                    switching_from.name, file_name))
        intro.setTextFormat(Qt.PlainText)
        intro.setWordWrap(True)
        self.existing = QRadioButton(self.tr("I am"))
        self.person_box = QComboBox()
        self.person_box.setAccessibleName(self.tr("Person"))
        self.person_box.setPlaceholderText(self.tr("Choose yourself"))
        for person in self._people:
            self.person_box.addItem(
                f"{person.name} ({DEPARTMENT_LABELS[person.department]})", person.id)
        self.person_box.setCurrentIndex(-1)  # no one in advance: OK would make you them
        self.new = QRadioButton(self.tr("I am new to the team:"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("Your name"))
        self.department_box = QComboBox()
        self.department_box.setAccessibleName(self.tr("Your department"))
        for department in Department:
            self.department_box.addItem(DEPARTMENT_LABELS[department], department)
        self.email_edit = QLineEdit()
        self.email_edit.setAccessibleName(self.tr("Your email"))
        self.email_edit.setPlaceholderText(self.tr("Email (optional)"))

        form = QFormLayout()
        form.addRow(self.existing, self.person_box)
        form.addRow(self.new, self.name_edit)
        form.addRow(self.tr("Department"), self.department_box)
        form.addRow(self.tr("Email"), self.email_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

        has_people = bool(self._people)
        self.existing.setEnabled(has_people)
        self.person_box.setEnabled(has_people)
        if not has_people:
            self.new.setChecked(True)
        self.person_box.activated.connect(lambda _row: self.existing.setChecked(True))
        self.name_edit.textEdited.connect(lambda _text: self.new.setChecked(True))
        for changed in (self.existing.toggled, self.new.toggled, self.name_edit.textChanged,
                        self.person_box.currentIndexChanged):
            changed.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        """OK once the person has said who she is: picked herself, or typed her name."""
        picked = self.existing.isChecked() and self.person_box.currentIndex() >= 0
        typed = self.new.isChecked() and bool(self.name_edit.text().strip())
        self.ok_button.setEnabled(picked or typed)

    def accept(self) -> None:
        """Save the choice on the writer thread (someone else may hold the file's lock);
        the dialog closes once it is saved and stays open on a refusal."""
        if not self.ok_button.isEnabled():
            return  # Return in a field with no one chosen yet
        uow, previous = self._uow, self._switching_from
        if self.existing.isChecked():
            person_id = self.person_box.currentData()
            person_of = lambda: people.get_person(uow, person_id)  # noqa: E731
        else:
            typed = people.PersonInput(self.name_edit.text(),
                                       chosen(self.department_box, Department),
                                       self.email_edit.text())
            person_of = lambda: people.create_person(uow, typed)  # noqa: E731

        def work() -> people.Person:
            person = person_of()
            if previous is not None and person.id != previous.id \
                    and not uow.database.read_only:  # a read-only file gets no changes to sign
                people.record_switch(uow, previous, person)
            return person

        self.setEnabled(False)
        task_manager().write(work, on_success=self._on_saved, on_failure=self._on_refused,
                             owner=self, label=self.tr("Saving who you are"))

    def _on_saved(self, person: people.Person) -> None:
        self.setEnabled(True)
        if self.isVisible():  # not closed by the window manager meanwhile
            self.person = person
            super().accept()

    def _on_refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, error)


def _ask(dialog: IdentityDialog, then: Chosen) -> None:
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.finished.connect(
        lambda result: then(dialog.person if result == QDialog.Accepted else None))
    dialog.open()


def choose_person(uow: UnitOfWork, file_name: str, team: list[people.Person],
                  parent: QWidget | None, then: Chosen) -> None:
    """Ask who is using the file; ``then`` hears whom, or None when the person cancels."""
    _ask(IdentityDialog(uow, file_name, team, parent), then)


def switch_person(uow: UnitOfWork, file_name: str, team: list[people.Person],
                  current: people.Person, parent: QWidget | None, then: Chosen) -> None:
    """Ask who takes over from ``current``; the switch is logged. ``then`` hears whom, or
    None when cancelled."""
    _ask(IdentityDialog(uow, file_name, team, parent, switching_from=current), then)
