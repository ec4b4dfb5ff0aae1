"""Who are you? Asked once per file on this machine, so changes carry a name."""

from __future__ import annotations

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
from ui.enum_choice import chosen
from ui.labels import DEPARTMENT_LABELS
from ui.messages import show_error
from ui.tasks import task_manager


class IdentityDialog(QDialog):
    def __init__(self, uow: UnitOfWork, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._uow = uow
        self.person: people.Person | None = None
        self.setWindowTitle(self.tr("Who are you?"))
        self._people = people.list_people(uow, active_only=True)

        intro = QLabel(self.tr(
            "Changes you make in {0} are shown to the team with your name. "
            "Choose yourself, or add yourself to the team.").format(file_name))
        intro.setWordWrap(True)
        self.existing = QRadioButton(self.tr("I am"))
        self.person_box = QComboBox()
        self.person_box.setAccessibleName(self.tr("Person"))
        for person in self._people:
            self.person_box.addItem(
                f"{person.name} ({DEPARTMENT_LABELS[person.department]})", person.id)
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
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

        has_people = bool(self._people)
        self.existing.setEnabled(has_people)
        self.person_box.setEnabled(has_people)
        (self.existing if has_people else self.new).setChecked(True)
        self.name_edit.textEdited.connect(lambda _text: self.new.setChecked(True))

    def accept(self) -> None:
        """Save the choice on the writer thread; the dialog waits with the window alive
        (someone else may hold the file's lock) and stays open on a refusal."""
        uow = self._uow
        if self.existing.isChecked():
            person_id = self.person_box.currentData()
            work = lambda: people.get_person(uow, person_id)  # noqa: E731
        else:
            typed = people.PersonInput(self.name_edit.text(),
                                       chosen(self.department_box, Department),
                                       self.email_edit.text())
            work = lambda: people.create_person(uow, typed)  # noqa: E731
        self.setEnabled(False)
        manager = task_manager()
        op = manager.write(work, on_failure=lambda _error: None, owner=self,
                           label=self.tr("Saving who you are"))
        op.wait(int((manager.lock_deadline_s + 30) * 1000))
        self.setEnabled(True)
        if op.error is not None:
            show_error(self, op.error)
            return
        self.person = op.result
        super().accept()


def choose_person(uow: UnitOfWork, file_name: str, parent: QWidget | None) -> people.Person | None:
    """Ask who is using the file; None when the person cancels."""
    dialog = IdentityDialog(uow, file_name, parent)
    return dialog.person if dialog.exec() == QDialog.Accepted else None
