"""The one editing dialog: Save hands the form to a saver; a refusal shows in the form.

A ``ValidationError`` raised by the saver keeps the dialog open with its message
above the buttons, so nothing the person typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QVBoxLayout, QWidget

from desktop.errors import ValidationError
from ui.palette import Tone, style_label


def grow_to_fit(dialog: QWidget) -> None:
    """Make an open dialog tall enough for what it shows now (a problem line that just
    appeared): a shown window keeps its size, and wrapped lines would be clipped or drawn
    over the fields."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = dialog.width()
    wanted = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if wanted > dialog.height():
        dialog.resize(width, wanted)


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.saver: Callable[..., object] | None = None
        self.error_label = QLabel()
        style_label(self.error_label, Tone.ERROR)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Problem"))
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def set_body(self, *parts: QLayout | QWidget) -> None:
        """Lay out the form parts, then the problem line, then the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        """Hand the form's values to ``self.saver``; subclasses say which values."""

    def accept(self) -> None:
        if self.saver is not None:
            try:
                self.submit()
            except ValidationError as error:
                self.show_problem(error.message)
                return
        super().accept()

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        grow_to_fit(self)
