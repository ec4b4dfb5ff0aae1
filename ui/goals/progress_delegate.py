"""Paints a goal's progress as a slim bar with its figures beside it, in palette colours."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.goals.goal_models import ProgressRole
from ui.shell.palette import Tone, tone

BAR_SHARE = 0.4


class ProgressBarDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 220), hint.height() + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        progress = index.data(ProgressRole)
        if progress is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.State_Selected)
        palette = option.palette
        rect = option.rect.adjusted(4, 0, -4, 0)
        bar_width = rect.width() * BAR_SHARE
        bar = QRectF(rect.left(), rect.center().y() - 4, bar_width, 8)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        painter.setBrush(palette.color(QPalette.Mid))
        painter.drawRoundedRect(bar, 4, 4)
        filled = QRectF(bar)
        filled.setWidth(bar_width * min(progress, 1.0))
        painter.setBrush(tone(Tone.SUCCESS, palette) if progress >= 1.0
                         else palette.color(QPalette.Highlight))
        if filled.width() > 0:
            painter.drawRoundedRect(filled, 4, 4)
        text_rect = rect.adjusted(int(bar_width) + 8, 0, 0, 0)
        role = QPalette.HighlightedText if selected else QPalette.Text
        painter.setPen(palette.color(role))
        painter.drawText(text_rect, Qt.AlignVCenter | Qt.AlignLeft,
                         str(index.data(Qt.DisplayRole)))
        painter.restore()
