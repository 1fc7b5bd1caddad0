"""A calm, readable look: soft neutral colours, generous spacing, clear focus outlines,
and window icons drawn in memory (the normal one and a neutral one)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

STYLE = """
QWidget { font-size: 10.5pt; color: #1f2933; }
QMainWindow, #unlockWindow { background: #f7f8fa; }
QLabel#title { font-size: 20pt; font-weight: 600; color: #243b53; }
QLabel#heading { font-size: 13pt; font-weight: 600; color: #243b53; }
QLabel#subheading { font-size: 10.5pt; font-weight: 600; color: #486581; margin-top: 6px; }
QLabel#quiet { color: #627d98; }
QLabel#mono { font-family: monospace; font-size: 9pt; }
QLabel#status { color: #8d2b0b; }
QFrame#notice { background: #fff8e6; border: 1px solid #f0d9a0; border-radius: 8px; }
QFrame#banner { background: #eaf2fb; border-bottom: 1px solid #cddcee; }
QToolBar { background: #ffffff; border-bottom: 1px solid #e1e5ea; spacing: 4px; padding: 4px; }
QToolBar QToolButton { padding: 6px 10px; border-radius: 6px; }
QToolBar QToolButton:hover { background: #eef2f6; }
QToolBar QToolButton:checked { background: #dbe7f3; }
QToolBar QToolButton[popupMode="1"], QToolBar QToolButton[popupMode="2"] { padding-right: 20px; }
QToolBar QToolButton::menu-button { border: none; width: 16px; }
QToolBar QToolButton::menu-indicator { subcontrol-position: right center; right: 4px; }
QToolButton#viewToggle { padding: 4px 10px; border: 1px solid #d9e2ec; border-radius: 6px; background: #ffffff; }
QToolButton#viewToggle:checked { background: #dbe7f3; border-color: #829ab1; }
QToolButton#viewToggle:disabled { color: #9fb3c8; }
QToolButton#quickExit { background: #8d2b0b; color: white; font-weight: 600; padding: 6px 14px; }
QToolButton#quickExit:hover { background: #a8350f; }
QPushButton { padding: 6px 14px; border: 1px solid #bcccdc; border-radius: 6px; background: #ffffff; }
QPushButton:hover { background: #f0f4f8; }
QPushButton:checked { background: #dbe7f3; border-color: #829ab1; }
QPushButton:default { background: #2f5d8a; color: white; border-color: #2f5d8a; }
QPushButton:disabled { color: #9fb3c8; }
QPushButton#small { padding: 2px 8px; }
QLineEdit, QPlainTextEdit { padding: 5px; border: 1px solid #bcccdc;
    border-radius: 6px; background: #ffffff; }
*:focus { outline: none; }
QLineEdit:focus, QPlainTextEdit:focus, QListView:focus, QTableView:focus, QListWidget:focus {
    border: 2px solid #2f5d8a; }
QPushButton:focus, QToolButton:focus { border: 2px solid #2f5d8a; }
QListView, QTableView, QListWidget { background: #ffffff; border: 1px solid #e1e5ea; border-radius: 6px; }
QListWidget#cases::item { padding: 6px; }
QListWidget#cases::item:selected, QListView::item:selected { background: #dbe7f3; color: #102a43; }
QProgressBar { border: 1px solid #bcccdc; border-radius: 4px; background: #ffffff; }
QProgressBar::chunk { background: #4f8a8b; border-radius: 3px; }
QStatusBar QLabel { color: #486581; padding: 0 8px; }
"""


def app_icon(neutral: bool) -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if neutral:  # a plain note pad
        painter.setBrush(QColor("#f4f1e8"))
        painter.setPen(QPen(QColor("#9a958a"), 2))
        painter.drawRoundedRect(QRectF(10, 6, 44, 52), 4, 4)
        painter.setPen(QPen(QColor("#b8b2a5"), 2))
        for y in (20, 30, 40):
            painter.drawLine(18, y, 46, y)
    else:  # a rounded box with a keyhole
        painter.setBrush(QColor("#2f5d8a"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(6, 6, 52, 52), 12, 12)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(25, 18, 14, 14))
        painter.drawRect(QRectF(29.5, 28, 5, 16))
    painter.end()
    return QIcon(pixmap)


# Room for the window's own title bar and frame, which availableGeometry() does not count.
FRAME_ALLOWANCE = 40


def fit_on_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a top-level window to width x height, but never taller than the screen's
    free area: on a 1366x768 laptop an 850 px window hides its status bar (where capture
    results are reported) below the screen edge. (Widths asked for fit such screens.)"""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        height = min(height, max(200, free.height() - FRAME_ALLOWANCE))
    window.resize(width, height)
