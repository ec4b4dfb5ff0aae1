"""What a person does with a page, for the ``test_*_as_person.py`` tests.

Each helper acts through the widget a person uses: a mouse click on the button,
on the row of a view or on the entry of a combo box's list; typing into a field;
a dialog answered through its own fields and buttons. A modal dialog's ``exec``
is the one seam: ``answer`` replaces it with showing the dialog and acting in it,
so the page's code runs exactly as after a real answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.shell.change_feed import ChangeFeed
from ui.shell.tasks import task_manager


def settle(qtbot) -> None:
    """Wait until the page's background loads and saves, and what they started, are done."""
    qtbot.waitUntil(task_manager().idle, timeout=10_000)


def follow_changes(page: QWidget) -> ChangeFeed:
    """What the window does for its pages: the change feed refreshes the page after every
    write (its own, the undo stack's, anyone's). A page tested alone needs it to see
    what it saved."""
    context = getattr(page, "context", None) or getattr(page, "_context", None)
    feed = ChangeFeed(context, page)
    feed.changed.connect(lambda _batch: page.refresh())
    feed.start()
    return feed


def page_in_window(qtbot, page_class: type, database: Any, person: Any) -> QWidget:
    """The page as ``person``'s own window shows it: its undo stack on Ctrl+Z, following
    the file's changes, shown at 1280x720 and loaded."""
    from PySide6.QtGui import QKeySequence, QUndoStack

    from ui.shell.context import TeamContext

    stack = QUndoStack()
    page = page_class(stack)
    undo = stack.createUndoAction(page)
    undo.setShortcut(QKeySequence.Undo)
    undo.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    page.addAction(undo)
    qtbot.addWidget(page)
    page.set_context(TeamContext(database, person))
    follow_changes(page)
    show(qtbot, page)
    settle(qtbot)
    return page


def finish_in_background(dialog: QWidget, timeout_s: float = 10.0) -> None:
    """After Save, while the save waits (someone else's lock): the person clicks "Finish
    in the background" once it is offered, and the form closes."""
    import time

    from PySide6.QtCore import QEventLoop

    loop, deadline = QEventLoop(), time.monotonic() + timeout_s
    while dialog.saving and not dialog.background_button.isVisible() \
            and time.monotonic() < deadline:
        loop.processEvents(QEventLoop.AllEvents, 20)
    if dialog.saving:
        dialog.background_button.click()
    loop.processEvents()


def wait_for_save(dialog: QWidget, timeout_s: float = 10.0) -> None:
    """After Save: the form waits for its save on the writer thread (Save says "Saving…"),
    then closes or shows why not."""
    import time

    from PySide6.QtCore import QEventLoop

    loop, deadline = QEventLoop(), time.monotonic() + timeout_s
    while getattr(dialog, "saving", False) and time.monotonic() < deadline:
        loop.processEvents(QEventLoop.AllEvents, 20)
    loop.processEvents()
    assert not getattr(dialog, "saving", False), "the save did not finish"


def show(qtbot, widget: QWidget, width: int = 1280, height: int = 720) -> QWidget:
    """Put the page on screen at a laptop's size, as a person sees it."""
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, button: QAbstractButton | QWidget) -> None:
    assert button.isVisible(), f"{button.text() if hasattr(button, 'text') else button} is not shown"
    assert button.isEnabled(), f"{button.text() if hasattr(button, 'text') else button} is greyed out"
    qtbot.mouseClick(button, Qt.LeftButton)


def choose_from_menu(qtbot, window: QWidget, menu: str, entry: str) -> None:
    """Click the menu bar's ``menu`` ("File"), then its ``entry`` ("Save a copy…")."""
    bar = window.menuBar()
    [title] = [a for a in bar.actions() if a.text().replace("&", "") == menu]
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.actionGeometry(title).center())
    popup = title.menu()
    qtbot.waitUntil(popup.isVisible, timeout=2_000)
    [action] = [a for a in popup.actions() if a.text().replace("&", "") == entry]
    assert action.isEnabled(), f"{menu} > {entry} is greyed out"
    qtbot.mouseClick(popup, Qt.LeftButton, pos=popup.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2_000)


def click_dialog_button(qtbot, buttons: QDialogButtonBox,
                        which: QDialogButtonBox.StandardButton) -> None:
    click(qtbot, buttons.button(which))


def click_row(qtbot, view: QAbstractItemView, index: QModelIndex,
              modifier: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    """Click the row where it is drawn (scrolling it into view first, as a person would)."""
    assert index.isValid(), "no such row"
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, modifier, view.visualRect(index).center())


def double_click_row(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:
    assert index.isValid(), "no such row"
    view.scrollTo(index)
    point = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point)


def tick(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Tick (or untick) a row's check box: click the row, press Space."""
    click_row(qtbot, view, index)
    assert view.currentIndex() == index, "the click did not reach the row"
    qtbot.keyClick(view, Qt.Key_Space)


def click_check_box(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Click right on the row's check box, where the style draws it."""
    view.scrollTo(index)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    box = view.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, view)
    assert box.isValid() and not box.isEmpty(), "the row shows no check box"
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, box.center())


def open_cell_editor(qtbot, view: QAbstractItemView, index: QModelIndex) -> QWidget:
    """Click the cell and press F2, as a person starts editing one; returns its editor."""
    editor = view.indexWidget(index)
    if editor is None:
        click_row(qtbot, view, index)
        qtbot.keyClick(view, Qt.Key_F2)
        editor = view.indexWidget(index)
    assert editor is not None, "the cell opens no editor"
    return editor


def edit_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Type ``text`` into the cell's editor and press Enter."""
    editor = open_cell_editor(qtbot, view, index)
    if isinstance(editor, QDateEdit):
        raise TypeError("use edit_date_cell for a date")
    type_into(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2_000)


def edit_date_cell(qtbot, view: QAbstractItemView, index: QModelIndex, day: date) -> None:
    editor = open_cell_editor(qtbot, view, index)
    assert isinstance(editor, QDateEdit), f"the cell's editor is a {type(editor).__name__}"
    type_date(qtbot, editor, day)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2_000)


def pick_in_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Open the cell's drop-down, click the entry, press Enter to keep it."""
    editor = open_cell_editor(qtbot, view, index)
    assert isinstance(editor, QComboBox), f"the cell's editor is a {type(editor).__name__}"
    pick(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2_000)


def row_of(view: QAbstractItemView, text: str, column: int = 0,
           parent: QModelIndex = QModelIndex()) -> QModelIndex:
    """The index of the row whose cell in ``column`` reads ``text`` (as shown)."""
    model = view.model()
    for row in range(model.rowCount(parent)):
        index = model.index(row, column, parent)
        if index.data() == text:
            return index
    shown = [model.index(r, column, parent).data() for r in range(model.rowCount(parent))]
    raise AssertionError(f"no row reads {text!r}; shown: {shown}")


def texts(view_or_model: Any, column: int = 0) -> list[str]:
    """The texts shown in one column, top-level rows in order."""
    model = view_or_model.model() if hasattr(view_or_model, "model") else view_or_model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def pick(qtbot, combo: QComboBox, text: str) -> None:
    """Open the combo box's list and click the entry that reads ``text``."""
    assert combo.isEnabled(), f"{combo.accessibleName()} is greyed out"
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert text in offered, f"{text!r} is not offered in {combo.accessibleName()}: {offered}"
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2_000)
    index = view.model().index(combo.findText(text, Qt.MatchExactly), combo.modelColumn(),
                               view.rootIndex())
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2_000)
    assert combo.currentText() == text, f"picked {text!r}, the box shows {combo.currentText()!r}"


def type_into(qtbot, field: QWidget, text: str, *, replace: bool = True) -> None:
    """Click into the field, select what it holds (when replacing), and type."""
    field.setFocus()
    if replace:
        qtbot.keyClick(field, Qt.Key_A, Qt.ControlModifier)
        if text == "":
            qtbot.keyClick(field, Qt.Key_Delete)
    if text:
        type_text(qtbot, field, text)


def type_text(qtbot, field: QWidget, text: str) -> None:
    """Key presses for ``text``. QTest knows keys for ASCII only (it aborts on "ë"), so
    any other character arrives as a keyboard layout delivers it: a key event with text."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(field, char)
            continue
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.NoModifier, char))


def type_date(qtbot, field: QDateTimeEdit, when: date | datetime) -> None:
    """Type the date (and time) section by section, as the field shows them: each section
    is selected (as by clicking into it) and its number typed, whatever the format."""
    moment = when if isinstance(when, datetime) else datetime.combine(when, datetime.min.time())
    numbers = {QDateTimeEdit.YearSection: f"{moment.year:04d}",
               QDateTimeEdit.MonthSection: f"{moment.month:02d}",
               QDateTimeEdit.DaySection: f"{moment.day:02d}",
               QDateTimeEdit.HourSection: f"{moment.hour:02d}",
               QDateTimeEdit.MinuteSection: f"{moment.minute:02d}"}
    field.setFocus()
    for _turn in range(2):  # twice: a day the month typed first did not have is typed again
        for index in range(field.sectionCount()):
            section = field.sectionAt(index)
            if section in numbers:
                field.setCurrentSectionIndex(index)
                field.setSelectedSection(section)
                type_text(qtbot, field, numbers[section])
    if isinstance(when, datetime):
        held = field.dateTime().toPython().replace(second=0, microsecond=0)
        assert held == when, f"typed {when}, the field holds {held} ({field.text()})"
    else:
        assert field.date() == QDate(when), f"typed {when}, the field holds {field.text()}"


def click_day(qtbot, calendar: QCalendarWidget, day: date, *, double: bool = False) -> None:
    """Click (or double-click) a day of the month the calendar shows, in its grid."""
    assert (calendar.yearShown(), calendar.monthShown()) == (day.year, day.month), \
        "turn the calendar to the month first"
    grid = calendar.findChild(QTableView, "qt_calendar_calendarview")
    model = grid.model()
    cells = [model.index(row, column) for row in range(model.rowCount())
             for column in range(model.columnCount())]
    matching = [c for c in cells if c.row() > 0 and str(c.data()) == str(day.day)]
    # Days of the month before come first, days of the month after last.
    cell = matching[0] if day.day <= 14 else matching[-1]
    point = grid.visualRect(cell).center()
    qtbot.mouseClick(grid.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    if double:
        qtbot.mouseDClick(grid.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    assert calendar.selectedDate() == QDate(day), f"clicked {day}, {calendar.selectedDate()} selected"


def _back_to(window: QWidget | None) -> None:
    """As when a modal dialog closes: the window it came from is active again."""
    if window is not None and window.isVisible():
        window.activateWindow()
        QApplication.processEvents()


Act = Callable[[Any], None]


def answer(monkeypatch, dialog_class: type[QDialog], *acts: Act) -> list[QDialog]:
    """The next dialogs of ``dialog_class`` are shown and answered by ``acts`` in turn.

    An act types and clicks in the dialog like a person; if it leaves the dialog open
    (a refusal shown in it, say), the dialog is cancelled. Returns the dialogs seen.
    """
    seen: list[QDialog] = []
    pending = list(acts)

    def exec_(dialog: QDialog) -> int:
        seen.append(dialog)
        assert pending, f"an unexpected {type(dialog).__name__} opened"
        dialog.setResult(QDialog.Rejected)
        before = QApplication.activeWindow()
        dialog.show()
        pending.pop(0)(dialog)
        wait_for_save(dialog)
        if dialog.isVisible():
            dialog.reject()
        _back_to(before)
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


def answer_questions(monkeypatch, *buttons: QMessageBox.StandardButton) -> list[str]:
    """The next message boxes are answered by clicking ``buttons`` in turn (OK when none
    is left); returns the texts they showed."""
    shown: list[str] = []
    pending = list(buttons)

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        wanted = pending.pop(0) if pending else QMessageBox.Ok
        button = box.button(wanted)
        assert button is not None, f"{box.text()!r} offers no {wanted}"
        before = QApplication.activeWindow()
        box.show()
        button.click()
        box.hide()
        _back_to(before)
        return int(box.standardButton(box.clickedButton()).value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown
