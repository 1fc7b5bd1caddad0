"""Capture dialogs the main window opens: batch URL capture and screenshots.

``open_capture_dialog(parent, controller, case)`` and
``open_screenshot_dialog(parent, controller, case)`` are the entry points.
Both use the same service functions as the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
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
from app.ui.error_text import describe
from app.ui.item_model import case_label
from app.ui.screenshot_dialog import ScreenshotDialog, open_screenshot_dialog

if TYPE_CHECKING:
    from app.ui.controller import Controller


def controller_store_runner(controller: Controller) -> StoreRunner:
    """Store captures as the controller's background tasks: locking the vault cancels a
    store in progress (its transaction rolls back) and waits for it before closing."""

    def run(
        work: StoreWork, on_done: Callable[[Any], None], on_fail: Callable[[str], None]
    ) -> None:
        controller.run(
            lambda ctx: work(ctx.cancelled),
            quiet=True,
            on_done=on_done,
            on_fail=lambda exc: on_fail(describe(exc)),
        )

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

    def __init__(self, parent: QWidget | None, controller: Controller, case: str) -> None:
        super().__init__(parent)
        self.controller = controller
        self.case = case
        self.batch: BatchCapture | None = None
        self.urls = QPlainTextEdit(self)
        self.urls.setTabChangesFocus(True)  # Tab moves on: no keyboard trap
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
        self.case_label.setText(self.tr("Case: {0}").format(case_label(self.case)))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Address"), self.tr("Result"), self.tr("Item / reason")]
        )
        self.start_button.setText(self.tr("Capture"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Retry failed"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _load_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Load a list of addresses"),
            "",
            self.tr("Text files (*.txt);;All files (*)"),
        )
        if not path:
            return
        try:
            urls = read_url_file(Path(path))
        except LockerError as exc:
            QMessageBox.warning(self, self.tr("Cannot read the list"), describe(exc))
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
            QMessageBox.warning(self, self.tr("Cannot capture"), describe(exc))
            return
        if self.batch is not None:
            self.batch.shutdown()
            self.batch.deleteLater()
        self.batch = BatchCapture(
            vault, self.case, parent=self, store_runner=controller_store_runner(self.controller)
        )
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
        if entry.state == DONE and entry.partial:
            detail = self.tr("Item {0}; not the whole page: {1}").format(
                entry.item_id, "; ".join(entry.partial)
            )
            self.controller.items_changed.emit()
        elif entry.state == DONE:
            detail = self.tr("Item {0}").format(entry.item_id)
            self.controller.items_changed.emit()
        elif entry.state in (FAILED, CANCELLED):
            from app.ui.core_text import translate

            detail = translate(entry.error)
        self._cell(entry.index, 2).setText(detail)
        self._cell(entry.index, 2).setToolTip(detail)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        assert self.batch is not None
        counts = self.batch.counts()
        self.summary.setText(
            self.tr("{0} saved, {1} failed, {2} cancelled").format(
                counts.get(DONE, 0), counts.get(FAILED, 0), counts.get(CANCELLED, 0)
            )
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.batch is not None and self.batch.running
        failures = self.batch is not None and any(
            e.state in (FAILED, CANCELLED) for e in self.batch.entries
        )
        self.start_button.setEnabled(not running and self.batch is None)
        self.cancel_button.setEnabled(running)
        self.retry_button.setEnabled(not running and failures)

    def _locked(self, _reason: str) -> None:
        self.close()

    def closeEvent(self, event: Any) -> None:
        if self.batch is not None:
            # Pages already captured are still stored (in list order) after the window
            # closes; the main list learns of each one.
            batch, self.batch = self.batch, None
            batch.entryChanged.disconnect(self._entry_changed)
            batch.progress.disconnect(self._progress)
            batch.finished.disconnect(self._finished)
            changed = self.controller.items_changed
            batch.entryChanged.connect(
                lambda entry: changed.emit() if entry.state == DONE else None
            )
            batch.finish_in_background(self.controller)
        super().closeEvent(event)


def open_capture_dialog(parent: QWidget | None, controller: Controller, case: str) -> CaptureDialog:
    dialog = CaptureDialog(parent, controller, case)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


__all__ = [
    "CaptureDialog",
    "ScreenshotDialog",
    "controller_store_runner",
    "open_capture_dialog",
    "open_screenshot_dialog",
]
