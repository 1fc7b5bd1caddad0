"""The preview: blurred by default; the original only while the person holds the reveal
button (or presses and holds on the preview), re-blurred on release or after a few
seconds. Each reveal is logged by the controller before anything is shown. Decoded
pixels live only in memory; nothing goes to disk, the clipboard or another program."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.ui.controller import Controller
from app.vault.images import RevealImage

REVEAL_SECONDS = 5


class PreviewCanvas(QWidget):
    """Paints the current image scaled to fit; press-and-hold asks for a reveal."""

    held = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.setMinimumSize(QSize(220, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 240)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#eef0f3"))
        if self.image is not None and not self.image.isNull():
            scaled = self.image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            x = (self.width() - scaled.width()) // 2
            y = (self.height() - scaled.height()) // 2
            painter.drawImage(x, y, scaled)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.held.emit(True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.held.emit(False)


class RevealView(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.item_id: int | None = None
        self.blurred: QImage | None = None
        self.revealed = False
        self.hide_blurred = False
        self._holding = False
        self.canvas = PreviewCanvas(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self)
        self.button.setAutoDefault(False)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setObjectName("quiet")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.canvas)
        layout.addWidget(self.note)
        layout.addWidget(self.button)
        layout.addWidget(self.warning)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REVEAL_SECONDS * 1000)
        self.timer.timeout.connect(self._time_up)
        self.button.pressed.connect(lambda: self.hold(True))
        self.button.released.connect(lambda: self.hold(False))
        self.canvas.held.connect(self.hold)
        controller.revealed.connect(self._on_revealed)
        controller.locked.connect(lambda reason: self.show_item(None, None, ""))
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Hold to reveal"))
        self.button.setAccessibleName(self.tr("Hold to reveal the original image"))
        self.button.setToolTip(self.tr("Shown only while held; each view is recorded."))
        self.canvas.setAccessibleName(self.tr("Blurred preview"))
        self.warning.setText(self.tr(
            "The original is shown only while you hold, and each view is recorded."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_item(self, item_id: int | None, blurred_png: bytes | None, note: str,
                  hide_blurred: bool = False) -> None:
        self.reblur()
        self.item_id = item_id
        self.hide_blurred = hide_blurred
        image = QImage.fromData(blurred_png) if blurred_png else None
        self.blurred = image if image is not None and not image.isNull() else None
        self.canvas.set_image(None if hide_blurred else self.blurred)
        self.canvas.setVisible(not hide_blurred)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.button.setEnabled(item_id is not None and self.blurred is not None)

    def hold(self, down: bool) -> None:
        self._holding = down
        if not down:
            self.reblur()
            return
        if self.item_id is None or self.blurred is None or not self.controller.is_unlocked:
            return
        self.controller.reveal(self.item_id)

    def _on_revealed(self, item_id: int, image: RevealImage | None) -> None:
        if item_id != self.item_id or not self._holding or image is None:
            return
        qimage = QImage(image.rgba, image.width, image.height, image.width * 4,
                        QImage.Format.Format_RGBA8888).copy()
        self.canvas.set_image(qimage)
        self.canvas.setVisible(True)
        self.revealed = True
        self.timer.start()

    def reblur(self) -> None:
        self.timer.stop()
        if self.revealed:
            self.revealed = False
            self.canvas.set_image(None if self.hide_blurred else self.blurred)
            self.canvas.setVisible(not self.hide_blurred)

    def _time_up(self) -> None:
        self._holding = False  # a new reveal needs a new press
        self.reblur()

    def pixmap(self) -> QPixmap:
        return self.canvas.grab()
