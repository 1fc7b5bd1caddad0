"""Choosing a screenshot region by dragging over a still of the desktop.

The desktop is grabbed first (with the app hidden); this full-screen overlay shows that
still, the person drags a rectangle, and the region is cut from the same still, so what
is stored is exactly what was on the screen at that moment.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class RegionPicker(QWidget):
    """``picked(QRect)`` in desktop coordinates, or ``cancelled()`` (Esc)."""

    picked = Signal(QRect)
    cancelled = Signal()

    def __init__(self, image: QImage, origin: QPoint) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.image = image
        self.origin = origin
        self._start: QPoint | None = None
        self._end: QPoint | None = None
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setGeometry(QRect(origin, image.size()))
        self.setToolTip(self.tr("Drag to choose the region; Esc cancels."))

    def selection(self) -> QRect:
        if self._start is None or self._end is None:
            return QRect()
        a, b = self._start, self._end
        return QRect(min(a.x(), b.x()), min(a.y(), b.y()), abs(a.x() - b.x()), abs(a.y() - b.y()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 110))
        chosen = self.selection()
        if not chosen.isEmpty():
            painter.drawImage(chosen.topLeft(), self.image, chosen)
            painter.setPen(QPen(QColor("#ffcc00"), 2))
            painter.drawRect(chosen)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start = self._end = event.position().toPoint()
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._start is not None:
            self._end = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._start is None:
            return
        self._end = event.position().toPoint()
        chosen = self.selection()
        self.hide()
        if chosen.width() < 2 or chosen.height() < 2:
            self.cancelled.emit()
        else:
            self.picked.emit(chosen.translated(self.origin))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)
