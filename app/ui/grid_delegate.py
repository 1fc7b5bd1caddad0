"""Paints one grid cell: the blurred thumbnail centred in a fixed box, the title
elided below and, under it, the site and time (so captures of pages with the same long
title can be told apart). Text-only mode paints no image at all."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

CELL = QSize(172, 206)
IMAGE_BOX = QSize(148, 132)


def file_type_label(title: str) -> str:
    """The file extension in capitals ("PDF"), or "" when the title has none."""
    stem, dot, ext = title.rpartition(".")
    if not dot or not stem or not ext.isalnum() or len(ext) > 5:
        return ""
    return ext.upper()


def fit_subtitle(subtitle: str, metrics: QFontMetrics, width: int) -> str:
    """ "host · time" in ``width``: the time stays whole, the host is shortened first."""
    if metrics.horizontalAdvance(subtitle) <= width or " · " not in subtitle:
        return metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, width)
    host, when = subtitle.split(" · ", 1)
    room = width - metrics.horizontalAdvance(" · " + when)
    if room < metrics.horizontalAdvance("ab…"):
        return metrics.elidedText(when, Qt.TextElideMode.ElideLeft, width)
    return metrics.elidedText(host, Qt.TextElideMode.ElideRight, room) + " · " + when


class GridDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return CELL

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        cell = rect.adjusted(4, 4, -4, -4)
        painter.setPen(QColor("#2f5d8a") if focused else QColor("#e1e5ea"))
        painter.setBrush(QColor("#dbe7f3") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(cell, 8, 8)
        box = QRect(
            cell.x() + (cell.width() - IMAGE_BOX.width()) // 2,
            cell.y() + 6,
            IMAGE_BOX.width(),
            IMAGE_BOX.height(),
        )
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(image, QImage) and not image.isNull():
            scaled = image.scaled(
                box.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(
                box.x() + (box.width() - scaled.width()) // 2,
                box.y() + (box.height() - scaled.height()) // 2,
                scaled,
            )
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eef0f3"))
            painter.drawRoundedRect(box, 6, 6)
            # No picture (yet, or ever: PDFs, videos, undecodable files): show the file
            # type so tiles can still be told apart.
            kind = file_type_label(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
            if kind:
                painter.setPen(QColor("#6b7785"))
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), kind)
        text_rect = QRect(
            cell.x() + 8, box.bottom() + 6, cell.width() - 16, cell.bottom() - box.bottom() - 10
        )
        palette: QPalette = option.palette
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        metrics = painter.fontMetrics()
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            metrics.elidedText(title, Qt.TextElideMode.ElideMiddle, text_rect.width()),
        )
        from app.ui.item_model import SubtitleRole

        subtitle = str(index.data(SubtitleRole) or "")
        if subtitle:
            painter.setPen(QColor("#5b6673"))
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                fit_subtitle(subtitle, metrics, text_rect.width()),
            )
        painter.restore()


class TitleDelegate(QStyledItemDelegate):
    """The table's title cell: a small blurred thumbnail (unless text only) and the title."""

    ICON = QSize(28, 28)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#dbe7f3"))
        x = rect.x() + 6
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(image, QImage) and not image.isNull():
            scaled = image.scaled(
                self.ICON,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(
                x + (self.ICON.width() - scaled.width()) // 2,
                rect.y() + (rect.height() - scaled.height()) // 2,
                scaled,
            )
            x += self.ICON.width() + 8
        text_rect = QRect(x, rect.y(), rect.right() - x - 4, rect.height())
        palette: QPalette = option.palette
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            painter.fontMetrics().elidedText(
                title, Qt.TextElideMode.ElideMiddle, text_rect.width()
            ),
        )
        painter.restore()
