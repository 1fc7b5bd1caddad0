"""The screenshot dialog: the whole desktop, one screen, one window (X11), a region drawn
over a still of the desktop, or a region typed in; an optional delay. Every window of the
app hides while the screen is read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import LockerError
from app.ui.error_text import describe

if TYPE_CHECKING:
    from PySide6.QtCore import QRect

    from app.capture.screenshot import Screenshot
    from app.ui.controller import Controller
    from app.ui.region_picker import RegionPicker

HIDE_SETTLE_MS = 400  # time for the desktop to repaint after our windows hide


class ScreenshotDialog(QDialog):
    """Choose the whole desktop, one screen, one window, a region drawn on the screen or
    typed in, and a delay. Every window of the app hides while the screen is read and
    comes back afterwards."""

    def __init__(
        self,
        parent: QWidget | None,
        controller: Controller,
        case: str,
        allow_offscreen: bool = False,
    ) -> None:
        super().__init__(parent)
        from app.capture.screenshot import describe_screens

        self.controller = controller
        self.case = case
        self.allow_offscreen = allow_offscreen
        self.mode_desktop = QRadioButton(self)
        self.mode_screen = QRadioButton(self)
        self.mode_window = QRadioButton(self)
        self.mode_draw = QRadioButton(self)
        self.mode_region = QRadioButton(self)
        self.mode_desktop.setChecked(True)
        self.modes = QButtonGroup(self)
        for button in (
            self.mode_desktop,
            self.mode_screen,
            self.mode_window,
            self.mode_draw,
            self.mode_region,
        ):
            self.modes.addButton(button)
        self.window_choice = QComboBox(self)
        self._fill_windows()
        self.screen_choice = QComboBox(self)
        for s in describe_screens():
            text = (
                self.tr("Screen %1: %2 × %3 (%4)")
                .replace("%1", str(s["number"] + 1))
                .replace("%2", str(s["width"]))
                .replace("%3", str(s["height"]))
                .replace("%4", s["name"])
            )
            self.screen_choice.addItem(text, s["number"])
        self.region = [QSpinBox(self) for _ in range(4)]
        for box in self.region:
            box.setRange(-100_000, 100_000)
        self.region[2].setValue(800)
        self.region[3].setValue(600)
        self.delay = QDoubleSpinBox(self)
        self.delay.setRange(0, 60)
        self.delay_label = QLabel(self)
        self.take_button = QPushButton(self)
        self.take_button.setDefault(True)
        self.take_button.clicked.connect(self.take)
        grid = QGridLayout()
        grid.addWidget(self.mode_desktop, 0, 0, 1, 5)
        grid.addWidget(self.mode_screen, 1, 0)
        grid.addWidget(self.screen_choice, 1, 1, 1, 4)
        grid.addWidget(self.mode_window, 2, 0)
        grid.addWidget(self.window_choice, 2, 1, 1, 4)
        grid.addWidget(self.mode_draw, 3, 0, 1, 5)
        grid.addWidget(self.mode_region, 4, 0)
        for i, box in enumerate(self.region):
            grid.addWidget(box, 4, i + 1)
        grid.addWidget(self.delay_label, 5, 0)
        grid.addWidget(self.delay, 5, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.take_button)
        self._hidden: list[QWidget] = []
        self.picker: RegionPicker | None = None
        self.retranslate()

    def _fill_windows(self) -> None:
        """Other programs' windows (X11); this app's own windows are left out."""
        from app.capture.windows import list_windows

        own = {int(w.winId()) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self.window_choice.clear()
        for info in list_windows():
            if info.id not in own:
                self.window_choice.addItem(
                    f"{info.title or info.id} ({info.width}×{info.height})", info.id
                )
        has = self.window_choice.count() > 0
        self.mode_window.setEnabled(has)
        self.window_choice.setEnabled(has)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Screenshot"))
        self.mode_desktop.setText(self.tr("Whole desktop"))
        self.mode_screen.setText(self.tr("One screen"))
        self.mode_window.setText(self.tr("One window"))
        self.mode_draw.setText(self.tr("A region I select on the screen"))
        self.mode_region.setText(self.tr("Region (x, y, width, height)"))
        self.delay_label.setText(self.tr("Delay"))
        self.delay.setSuffix(self.tr(" s", "seconds"))
        self.take_button.setText(self.tr("Take screenshot"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def request(self) -> dict[str, Any]:
        if self.mode_screen.isChecked():
            return {"screen": int(self.screen_choice.currentData() or 0)}
        if self.mode_window.isChecked() and self.window_choice.currentData() is not None:
            return {"window_id": int(self.window_choice.currentData())}
        if self.mode_region.isChecked():
            x, y, w, h = (box.value() for box in self.region)
            return {"region": (x, y, w, h)}
        return {}  # the whole desktop; for a drawn region, the still it is cut from

    def take(self) -> None:
        """Hide every app window, wait the delay, grab, show the windows, store."""
        self._hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowType() != Qt.WindowType.Desktop
        ]
        for widget in self._hidden:
            widget.hide()
        delay_ms = int(self.delay.value() * 1000) + HIDE_SETTLE_MS
        QTimer.singleShot(delay_ms, self._grab)

    def _grab(self) -> None:
        from app.capture.screenshot import take_screenshot

        try:
            shot = take_screenshot(allow_offscreen=self.allow_offscreen, **self.request())
        except LockerError as exc:
            self._show_again()
            QMessageBox.warning(self.parentWidget(), self.tr("No screenshot"), describe(exc))
            return
        if self.mode_draw.isChecked():
            self._pick_region(shot)
            return
        self._show_again()
        self._store(shot)

    def _pick_region(self, desktop: Screenshot) -> None:
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QImage

        from app.capture.screenshot import crop_screenshot
        from app.ui.region_picker import RegionPicker

        image = QImage.fromData(desktop.png)
        self.picker = RegionPicker(image, QPoint(desktop.area[0], desktop.area[1]))

        def picked(rect: QRect) -> None:
            self._show_again()
            try:
                shot = crop_screenshot(desktop, rect.x(), rect.y(), rect.width(), rect.height())
            except LockerError as exc:
                QMessageBox.warning(self.parentWidget(), self.tr("No screenshot"), describe(exc))
                return
            self._store(shot)

        self.picker.picked.connect(picked)
        self.picker.cancelled.connect(self._show_again)
        self.picker.show()
        self.picker.activateWindow()

    def _store(self, shot: Screenshot) -> None:
        if not self.controller.is_unlocked:
            return
        self.controller.store_screenshot(shot, self.case, self.tr("Storing the screenshot…"))
        self.accept()

    def _show_again(self) -> None:
        """Bring the windows back, unless the vault locked meanwhile (quick exit)."""
        hidden, self._hidden = self._hidden, []
        if self.controller.is_unlocked:
            for widget in hidden:
                widget.show()


def open_screenshot_dialog(
    parent: QWidget | None, controller: Controller, case: str
) -> ScreenshotDialog:
    dialog = ScreenshotDialog(parent, controller, case)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
