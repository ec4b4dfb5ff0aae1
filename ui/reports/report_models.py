"""The Reports page's item models: a checklist (campaigns, sections) and the page previews."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QImage, QPixmap


class ChecklistModel(QAbstractListModel):
    """Items a person ticks; ``set_items`` keeps the ticks of the items that remain."""

    def __init__(self, parent: QObject | None = None, *, checked_by_default: bool = False) -> None:
        super().__init__(parent)
        self._items: list[tuple[Hashable, str]] = []
        self._checked: set[Hashable] = set()
        self._default = checked_by_default

    def set_items(self, items: Sequence[tuple[Hashable, str]]) -> None:
        known = {key for key, _ in self._items}
        self.beginResetModel()
        self._items = list(items)
        self._checked = {key for key, _ in self._items
                         if key in self._checked or (self._default and key not in known)}
        self.endResetModel()

    def checked_keys(self) -> list[Hashable]:
        return [key for key, _ in self._items if key in self._checked]

    def set_checked(self, keys: Sequence[Hashable]) -> None:
        self._checked = set(keys) & {key for key, _ in self._items}
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1),
                                  [Qt.CheckStateRole])

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        key, label = self._items[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return label
        if role == Qt.CheckStateRole:
            return Qt.Checked if key in self._checked else Qt.Unchecked
        return None

    def setData(self, index: QModelIndex, value: object, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.CheckStateRole:
            return False
        key = self._items[index.row()][0]
        checked = Qt.CheckState(value) == Qt.Checked if not isinstance(value, bool) else value
        if checked:
            self._checked.add(key)
        else:
            self._checked.discard(key)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable


class PagePreviewListModel(QAbstractListModel):
    """The first pages of the made report, as pictures with "Page N" under each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pixmaps: list[QPixmap] = []

    def set_images(self, images: Sequence[QImage]) -> None:
        self.beginResetModel()
        self._pixmaps = [QPixmap.fromImage(image) for image in images]
        self.endResetModel()

    def image_size(self) -> QSize:
        return self._pixmaps[0].size() if self._pixmaps else QSize()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._pixmaps)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.DecorationRole:
            return self._pixmaps[index.row()]
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return self.tr("Page {0}").format(index.row() + 1)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags
