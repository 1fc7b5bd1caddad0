"""The preview: blurred by default; the original only while the person holds the reveal
button (or presses and holds on the preview), re-blurred on release or after a few
seconds. Each reveal is logged by the controller before anything is shown. Decoded
pixels live only in memory; nothing goes to disk, the clipboard or another program.

Re-blur is unconditional: a mouse release anywhere (the pressed widget keeps the mouse
grab), focus loss, window deactivation, hiding and lock all end the hold. Key
auto-repeat is ignored, so one hold is one reveal (and one ``item_revealed`` event) and
the time cap holds. The preview's space is always reserved (also in text-only mode), so
the layout never moves the button away from the pointer while it is held."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHideEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
)
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
            scaled = self.image.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
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


HOLD_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Select)
# Some X servers send auto-repeat as plain release/press pairs: a press this soon after a
# key release is taken as repeat, never as a new reveal.
REPEAT_GAP = 0.15


class HoldButton(QPushButton):
    """A push button that reports "held" and "let go" without QPushButton's hit-testing:
    a release counts wherever the pointer is (if the button moved, QAbstractButton would
    drop the release silently), auto-repeated keys are ignored, and focus loss lets go."""

    held = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._down = False
        self._key_up_at = -1.0

    def _set(self, down: bool) -> None:
        if down == self._down:
            return
        self._down = down
        self.setDown(down)
        self.held.emit(down)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.isEnabled():
            event.accept()
            self._set(True)
        else:
            event.ignore()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._set(False)
        else:
            event.ignore()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()  # sliding off the button does not end (or restart) the hold

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in HOLD_KEYS:
            event.accept()
            if not event.isAutoRepeat() and time.monotonic() - self._key_up_at > REPEAT_GAP:
                self._set(True)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() in HOLD_KEYS:
            event.accept()
            if not event.isAutoRepeat():
                self._key_up_at = time.monotonic()
                self._set(False)
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._set(False)
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._set(False)
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.EnabledChange and not self.isEnabled():
            self._set(False)
        super().changeEvent(event)

    def let_go(self) -> None:
        """End a hold from outside (lock, deactivation), without a new reveal."""
        self._set(False)


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
        self.button = HoldButton(self)
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
        self.button.held.connect(self.hold)
        self.canvas.held.connect(self.hold)
        controller.hide_now.connect(self.let_go)
        controller.revealed.connect(self._on_revealed)
        controller.locked.connect(lambda reason: self.show_item(None, None, ""))
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Hold to reveal"))
        self.button.setAccessibleName(self.tr("Hold to reveal the original image"))
        self.button.setToolTip(self.tr("Shown only while held; each view is recorded."))
        self.canvas.setAccessibleName(self.tr("Blurred preview"))
        self.warning.setText(
            self.tr("The original is shown only while you hold, and each view is recorded.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        # Qt passes window (de)activation down to every visible child widget.
        if event.type() == QEvent.Type.WindowDeactivate:
            self.let_go()  # another window came to the front: blur at once
        return super().event(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.let_go()
        super().hideEvent(event)

    def let_go(self) -> None:
        """End any hold and re-blur now."""
        self.button.let_go()
        self.hold(False)

    def show_item(
        self, item_id: int | None, blurred_png: bytes | None, note: str, hide_blurred: bool = False
    ) -> None:
        if item_id is None or item_id != self.item_id:
            self.let_go()  # another item (or none, on lock): any hold ends here
        else:
            self.reblur()  # the same item refreshed (e.g. its reveal was just logged)
        self.item_id = item_id
        self.hide_blurred = hide_blurred
        image = QImage.fromData(blurred_png) if blurred_png else None
        self.blurred = image if image is not None and not image.isNull() else None
        # The canvas keeps its place in text-only mode (shown empty), so a reveal never
        # changes the layout under the pointer.
        self.canvas.set_image(None if hide_blurred else self.blurred)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.button.setEnabled(item_id is not None and self.blurred is not None)

    def hold(self, down: bool) -> None:
        if not down:
            self._holding = False
            self.reblur()
            return
        if self._holding:
            return  # already held: one hold is one reveal
        self._holding = True
        if self.item_id is None or self.blurred is None or not self.controller.is_unlocked:
            return
        self.controller.reveal(self.item_id)

    def _on_revealed(self, item_id: int, image: RevealImage | None) -> None:
        if item_id != self.item_id or not self._holding or image is None:
            return
        qimage = QImage(
            image.rgba, image.width, image.height, image.width * 4, QImage.Format.Format_RGBA8888
        ).copy()
        self.canvas.set_image(qimage)
        self.revealed = True
        self.timer.start()

    def reblur(self) -> None:
        self.timer.stop()
        if self.revealed:
            self.revealed = False
            self.canvas.set_image(None if self.hide_blurred else self.blurred)

    def _time_up(self) -> None:
        # Still held, but the cap is reached: blur. ``_holding`` stays set so that the
        # same hold (or its key auto-repeat) cannot reveal again; a new press can.
        self.reblur()

    def pixmap(self) -> QPixmap:
        return self.canvas.grab()
