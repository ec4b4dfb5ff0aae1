"""Paints a board card: kind, title, owner and due date, goal, tags, pilot badge, pieces.

One delegate paints every card of a column, so a column of thousands of cards
costs only the few rows on screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from db.enums import CardKind, CommonGroundTag, Team
from desktop.board import Card
from ui.board.board_models import CardRole, TodayRole
from ui.shell.icons import icon
from ui.shell.labels import date_text
from ui.shell.palette import Tone, tone

TEAM_COLORS = {Team.PR: QColor("#3b6ea5"), Team.MARKETING: QColor("#d9822b"),
               Team.SALES: QColor("#2e8b57")}
KIND_ABBREVIATIONS = {
    CardKind.SURVEY_DATA: "SV", CardKind.PRESS_RELEASE: "PR", CardKind.MEDIA_COVERAGE: "MC",
    CardKind.BLOG_POST: "BL", CardKind.EBOOK: "EB", CardKind.SOCIAL_POST: "SO",
    CardKind.EMAIL: "EM", CardKind.PAID_AD: "AD", CardKind.LANDING_PAGE: "LP",
    CardKind.WEBINAR: "WB", CardKind.CASE_STUDY: "CS", CardKind.EVENT_TALK: "EV",
    CardKind.OTHER: "··",
}
#: The short names on a card: each tag its own word (not "#content" for two of them).
TAG_CHIPS = {
    CommonGroundTag.MESSAGING: "#messaging",
    CommonGroundTag.CONTENT_PLANNING: "#planning",
    CommonGroundTag.SOCIAL_MEDIA_RELATIONS: "#media",
    CommonGroundTag.SOCIAL_LISTENING: "#listening",
    CommonGroundTag.CONTENT_PLACEMENT: "#placement",
    CommonGroundTag.PERFORMANCE_OPTIMIZATION: "#optimizing",
}
CARD_HEIGHT = 96
MARGIN = 4


class CardDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        view = self.parent()
        width = view.viewport().width() if hasattr(view, "viewport") else 220
        return QSize(max(120, width), CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        card: Card | None = index.data(CardRole)
        if card is None:
            return
        today: date = index.data(TodayRole) or date.today()
        palette = option.palette
        selected = bool(option.state & QStyle.State_Selected)
        focused = bool(option.state & QStyle.State_HasFocus)
        box = QRectF(option.rect.adjusted(MARGIN, MARGIN // 2, -MARGIN, -MARGIN // 2))
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(palette.color(QPalette.Highlight) if selected or focused
                       else palette.color(QPalette.Mid))
        painter.setBrush(palette.color(QPalette.Base))
        painter.drawRoundedRect(box, 6, 6)
        if selected:
            tint = QColor(palette.color(QPalette.Highlight))
            tint.setAlpha(40)
            painter.setBrush(tint)
            painter.drawRoundedRect(box, 6, 6)
        stripe = QRectF(box.left(), box.top(), 5, box.height())
        painter.setPen(Qt.NoPen)
        painter.setBrush(TEAM_COLORS[card.team])
        painter.drawRoundedRect(stripe, 2, 2)
        self._paint_kind(painter, card, QRect(int(box.left()) + 10, int(box.top()) + 6, 22, 22))
        text_left = int(box.left()) + 38
        width = int(box.right()) - text_left - 6
        self._paint_text(painter, option, card, today, text_left, int(box.top()), width)
        painter.restore()

    def _paint_kind(self, painter: QPainter, card: Card, rect: QRect) -> None:
        kind_icon = icon(f"kind_{card.kind.value}")
        if not kind_icon.isNull():
            kind_icon.paint(painter, rect)
            return
        painter.setBrush(TEAM_COLORS[card.team].lighter(170))
        painter.drawEllipse(rect)
        painter.setPen(TEAM_COLORS[card.team].darker(150))
        font = QFont(painter.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.7))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignCenter, KIND_ABBREVIATIONS[card.kind])

    def _paint_text(self, painter: QPainter, option: QStyleOptionViewItem, card: Card,
                    today: date, left: int, top: int, width: int) -> None:
        palette = option.palette
        base_font = QFont(option.font)
        small = QFont(base_font)
        small.setPointSizeF(base_font.pointSizeF() * 0.85)
        bold = QFont(base_font)
        bold.setBold(True)
        text_color = palette.color(QPalette.Text)
        muted = palette.color(QPalette.PlaceholderText)

        # Line 1: the title, with room for the pieces count and pilot badge on the right.
        badges = []
        if card.derivative_count:
            badges.append((f"↳{card.derivative_count}", text_color))
        if card.pilot:
            badges.append(("PILOT", tone(Tone.SPECIAL, palette)))
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        right = left + width
        for text, color in badges:
            text_width = small_metrics.horizontalAdvance(text) + 8
            badge = QRect(right - text_width, top + 7, text_width, small_metrics.height() + 2)
            painter.setPen(color)
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(badge, 3, 3)
            painter.drawText(badge, Qt.AlignCenter, text)
            right -= text_width + 4
        painter.setFont(bold)
        painter.setPen(text_color)
        bold_metrics = QFontMetrics(bold)
        first, second = two_lines(card.title, bold_metrics, max(20, right - left - 4),
                                  max(20, left + width - left))
        painter.drawText(QRect(left, top + 6, right - left, 18), Qt.AlignLeft | Qt.AlignVCenter,
                         first)
        painter.drawText(QRect(left, top + 24, width, 18), Qt.AlignLeft | Qt.AlignVCenter, second)
        top += 18

        # Line 2: owner and due date (overdue in red).
        painter.setFont(small)
        line = QRect(left, top + 28, width, 16)
        owner = card.owner_name or "no owner"
        due_width = 0
        if card.due_on:
            overdue = card.overdue(today)
            # The date alone reads as the due date; "overdue" (in red) is worth its room.
            due = ("overdue " if overdue else "") + date_text(card.due_on)
            due_width = small_metrics.horizontalAdvance(due)
            painter.setPen(tone(Tone.ERROR, palette) if overdue else muted)
            painter.drawText(line, Qt.AlignRight | Qt.AlignVCenter, due)
        painter.setPen(muted)
        painter.drawText(line, Qt.AlignLeft | Qt.AlignVCenter,
                         small_metrics.elidedText(owner, Qt.ElideRight, width - due_width - 8))

        # Line 3: the goal (or its absence) and the common-ground tags.
        goal = f"◎ {card.goal_title}" if card.goal_title else "◎ no goal"
        tags = " ".join(TAG_CHIPS[t] for t in card.tags)
        painter.setPen(muted if card.goal_title else tone(Tone.ERROR, palette))
        painter.drawText(QRect(left, top + 46, width, 16), Qt.AlignLeft | Qt.AlignVCenter,
                         small_metrics.elidedText(f"{goal}   {tags}".rstrip(), Qt.ElideRight, width))


def two_lines(text: str, metrics: QFontMetrics, first_width: int, width: int) -> tuple[str, str]:
    """Break a title into two lines at a word, eliding what does not fit on the second."""
    if metrics.horizontalAdvance(text) <= first_width:
        return text, ""
    words = text.split()
    first = ""
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count])
        if metrics.horizontalAdvance(candidate) <= first_width:
            first = candidate
            rest = " ".join(words[count:])
            break
    else:
        return metrics.elidedText(text, Qt.ElideRight, first_width), ""
    return first, metrics.elidedText(rest, Qt.ElideRight, width)
