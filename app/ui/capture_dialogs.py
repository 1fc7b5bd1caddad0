"""Capture dialogs the main window opens: batch URL capture and screenshots.

``open_capture_dialog(parent, controller, case)`` and
``open_screenshot_dialog(parent, controller, case)`` are the entry points
(see app/ui/integrations.py). Both use the same service functions as the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.capture.batch import (
    CANCELLED,
    CAPTURING,
    DONE,
    FAILED,
    PENDING,
    STORING,
    BatchCapture,
    BatchEntry,
    StoreRunner,
    StoreWork,
    parse_url_list,
    read_url_file,
)
from app.errors import LockerError

HIDE_SETTLE_MS = 400  # time for the desktop to repaint after our windows hide


def controller_store_runner(controller: Any) -> StoreRunner:
    """Store captures as the controller's background tasks: locking the vault cancels a
    store in progress (its transaction rolls back) and waits for it before closing."""
    def run(work: StoreWork, on_done: Callable[[Any], None],
            on_fail: Callable[[str], None]) -> None:
        controller.run(lambda ctx: work(ctx.cancelled), quiet=True, on_done=on_done,
                       on_fail=on_fail)
    return run


def _state_label(state: str) -> str:
    labels = {
        PENDING: QCoreApplication.translate("CaptureDialog", "Waiting"),
        CAPTURING: QCoreApplication.translate("CaptureDialog", "Capturing…"),
        STORING: QCoreApplication.translate("CaptureDialog", "Saving…"),
        DONE: QCoreApplication.translate("CaptureDialog", "Saved"),
        FAILED: QCoreApplication.translate("CaptureDialog", "Failed"),
        CANCELLED: QCoreApplication.translate("CaptureDialog", "Cancelled"),
    }
    return labels.get(state, state)


class CaptureDialog(QDialog):
    """Paste or load URLs; they are captured in the background with progress, one
    result per URL, retry of the failures and cancel."""

    def __init__(self, parent: QWidget | None, controller: Any, case: str) -> None:
        super().__init__(parent)
        self.controller = controller
        self.case = case
        self.batch: BatchCapture | None = None
        self.urls = QPlainTextEdit(self)
        self.load_button = QPushButton(self)
        self.load_button.clicked.connect(self._load_list)
        self.case_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setFormat("%v / %m")
        self.table = QTableWidget(0, 3, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.start_button = QPushButton(self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.retry)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.case_label, 1)
        top.addWidget(self.load_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.start_button, self.cancel_button, self.retry_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.urls, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        self.resize(900, 620)
        controller.locked.connect(self._locked)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Capture web pages"))
        self.urls.setPlaceholderText(self.tr("Paste web addresses, one per line"))
        self.load_button.setText(self.tr("Load a list…"))
        self.case_label.setText(self.tr("Case: {0}").format(self.case))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Address"), self.tr("Result"), self.tr("Item / reason")])
        self.start_button.setText(self.tr("Capture"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Retry failed"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _load_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load a list of addresses"), "",
                                              self.tr("Text files (*.txt);;All files (*)"))
        if not path:
            return
        try:
            urls = read_url_file(Path(path))
        except LockerError as exc:
            QMessageBox.warning(self, self.tr("Cannot read the list"), str(exc))
            return
        existing = self.urls.toPlainText().rstrip()
        self.urls.setPlainText((existing + "\n" if existing else "") + "\n".join(urls))

    def start(self) -> None:
        try:
            urls = parse_url_list(self.urls.toPlainText())
            if not urls:
                return
            vault = self.controller.require_vault()
        except LockerError as exc:
            QMessageBox.warning(self, self.tr("Cannot capture"), str(exc))
            return
        if self.batch is not None:
            self.batch.shutdown()
            self.batch.deleteLater()
        self.batch = BatchCapture(vault, self.case, parent=self,
                                  store_runner=controller_store_runner(self.controller))
        self.batch.entryChanged.connect(self._entry_changed)
        self.batch.progress.connect(self._progress)
        self.batch.finished.connect(self._finished)
        self.table.setRowCount(len(urls))
        for row, url in enumerate(urls):
            self.table.setItem(row, 0, QTableWidgetItem(url))
            self.table.setItem(row, 1, QTableWidgetItem(_state_label(PENDING)))
            self.table.setItem(row, 2, QTableWidgetItem(""))
        self.urls.setReadOnly(True)
        self.batch.start(urls)
        self._update_buttons()

    def cancel(self) -> None:
        if self.batch is not None:
            self.batch.cancel()

    def retry(self) -> None:
        if self.batch is not None and not self.batch.running:
            self.batch.retry_failed()
            self._update_buttons()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        cell = self.table.item(row, column)
        if cell is None:
            cell = QTableWidgetItem("")
            self.table.setItem(row, column, cell)
        return cell

    def _entry_changed(self, entry: BatchEntry) -> None:
        self._cell(entry.index, 1).setText(_state_label(entry.state))
        detail = ""
        if entry.state == DONE:
            detail = self.tr("Item {0}").format(entry.item_id)
            self.controller.items_changed.emit()
        elif entry.state in (FAILED, CANCELLED):
            detail = entry.error
        self._cell(entry.index, 2).setText(detail)
        self._cell(entry.index, 2).setToolTip(detail)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        assert self.batch is not None
        counts = self.batch.counts()
        self.summary.setText(self.tr("{0} saved, {1} failed, {2} cancelled").format(
            counts.get(DONE, 0), counts.get(FAILED, 0), counts.get(CANCELLED, 0)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.batch is not None and self.batch.running
        failures = self.batch is not None and any(
            e.state in (FAILED, CANCELLED) for e in self.batch.entries)
        self.start_button.setEnabled(not running and self.batch is None)
        self.cancel_button.setEnabled(running)
        self.retry_button.setEnabled(not running and failures)

    def _locked(self, _reason: str) -> None:
        self.close()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if self.batch is not None:
            self.batch.shutdown()
        super().closeEvent(event)


class ScreenshotDialog(QDialog):
    """Choose the whole desktop, one screen, one window, a region drawn on the screen or
    typed in, and a delay. Every window of the app hides while the screen is read and
    comes back afterwards."""

    def __init__(self, parent: QWidget | None, controller: Any, case: str,
                 allow_offscreen: bool = False) -> None:
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
        for button in (self.mode_desktop, self.mode_screen, self.mode_window, self.mode_draw,
                       self.mode_region):
            self.modes.addButton(button)
        self.window_choice = QComboBox(self)
        self._fill_windows()
        self.screen_choice = QComboBox(self)
        for s in describe_screens():
            self.screen_choice.addItem(f"{s['number']}: {s['name']} ({s['width']}×{s['height']})",
                                       s["number"])
        self.region = [QSpinBox(self) for _ in range(4)]
        for box in self.region:
            box.setRange(-100_000, 100_000)
        self.region[2].setValue(800)
        self.region[3].setValue(600)
        self.delay = QDoubleSpinBox(self)
        self.delay.setRange(0, 60)
        self.delay.setSuffix(" s")
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
        self.picker: Any = None
        self.retranslate()

    def _fill_windows(self) -> None:
        """Other programs' windows (X11); this app's own windows are left out."""
        from app.capture.windows import list_windows

        own = {int(w.winId()) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self.window_choice.clear()
        for info in list_windows():
            if info.id not in own:
                self.window_choice.addItem(f"{info.title or info.id} ({info.width}×{info.height})",
                                           info.id)
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
        self.take_button.setText(self.tr("Take screenshot"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
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
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w.windowType() != Qt.WindowType.Desktop]
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
            QMessageBox.warning(self.parentWidget(), self.tr("No screenshot"), str(exc))
            return
        if self.mode_draw.isChecked():
            self._pick_region(shot)
            return
        self._show_again()
        self._store(shot)

    def _pick_region(self, desktop: Any) -> None:
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QImage

        from app.capture.screenshot import crop_screenshot
        from app.ui.region_picker import RegionPicker

        image = QImage.fromData(desktop.png)
        self.picker = RegionPicker(image, QPoint(desktop.area[0], desktop.area[1]))

        def picked(rect: Any) -> None:
            self._show_again()
            try:
                shot = crop_screenshot(desktop, rect.x(), rect.y(), rect.width(), rect.height())
            except LockerError as exc:
                QMessageBox.warning(self.parentWidget(), self.tr("No screenshot"), str(exc))
                return
            self._store(shot)

        self.picker.picked.connect(picked)
        self.picker.cancelled.connect(self._show_again)
        self.picker.show()
        self.picker.activateWindow()

    def _store(self, shot: Any) -> None:
        from app.capture.screenshot import store_screenshot

        if not self.controller.is_unlocked:
            return
        vault = self.controller.require_vault()
        case = self.case
        self.controller.run(lambda _ctx: store_screenshot(vault, shot, case),
                            self.tr("Storing the screenshot…"),
                            on_done=lambda _item: self.controller.items_changed.emit())
        self.accept()

    def _show_again(self) -> None:
        """Bring the windows back, unless the vault locked meanwhile (quick exit)."""
        hidden, self._hidden = self._hidden, []
        if self.controller.is_unlocked:
            for widget in hidden:
                widget.show()


def open_capture_dialog(parent: QWidget | None, controller: Any, case: str) -> CaptureDialog:
    dialog = CaptureDialog(parent, controller, case)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_screenshot_dialog(parent: QWidget | None, controller: Any, case: str) -> ScreenshotDialog:
    dialog = ScreenshotDialog(parent, controller, case)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
