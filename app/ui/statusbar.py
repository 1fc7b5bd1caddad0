"""The status bar: running work (progress and cancel), timestamp queue, network state,
last verify result."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from app.ui.controller import Controller
from app.ui.item_model import local_time


def network_state() -> str:
    """ "online", "offline" or "unknown", from Qt's network information backend."""
    try:
        from PySide6.QtNetwork import QNetworkInformation

        info = QNetworkInformation.instance()
        if info is None and QNetworkInformation.loadDefaultBackend():
            info = QNetworkInformation.instance()
        if info is None:
            return "unknown"
        reach = info.reachability()
        if reach == QNetworkInformation.Reachability.Online:
            return "online"
        if reach == QNetworkInformation.Reachability.Unknown:
            return "unknown"
        return "offline"
    except (ImportError, RuntimeError):
        return "unknown"


class StatusBar(QStatusBar):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setSizeGripEnabled(False)
        self.task_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(180)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("small")
        self.stamps = QLabel(self)
        self.network = QLabel(self)
        self.verified = QLabel(self)
        self.addWidget(self.task_label)
        self.addWidget(self.progress)
        self.addWidget(self.cancel_button)
        for label in (self.stamps, self.network, self.verified):
            self.addPermanentWidget(label)
        self.current: int | None = None
        self.labels: dict[int, str] = {}
        self.cancel_button.clicked.connect(self._cancel)
        controller.task_started.connect(self._started)
        controller.task_progress.connect(self._progress)
        controller.task_finished.connect(lambda i, s: self._ended(i))
        controller.task_failed.connect(lambda i, m: self._ended(i))
        controller.status_changed.connect(self.refresh)
        self.retranslate()
        self._show_task(None)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.progress.setAccessibleName(self.tr("Progress"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        c = self.controller
        if c.pending_timestamps is None:
            self.stamps.setText(self.tr("Timestamps: checking…"))
        else:
            self.stamps.setText(self.tr("Timestamps: %n pending", "", c.pending_timestamps))
        state = network_state()
        if c.tsa_unreachable_since is not None and state != "offline":
            # "online" would not be true for what matters here: no server answered.
            self.network.setText(
                self.tr("Time-stamp servers unreachable since %1").replace(
                    "%1", local_time(c.tsa_unreachable_since)
                )
            )
        else:
            self.network.setText(
                {
                    "online": self.tr("Network: online"),
                    "offline": self.tr("Network: offline"),
                }.get(state, self.tr("Network: unknown"))
            )
        if c.last_verify is None:
            self.verified.setText(self.tr("Last verify: not run yet"))
        elif c.last_verify[0]:
            self.verified.setText(
                self.tr("Last verify: passed %1").replace("%1", local_time(c.last_verify[1]))
            )
        else:
            self.verified.setText(
                self.tr("Last verify: PROBLEMS FOUND %1").replace(
                    "%1", local_time(c.last_verify[1])
                )
            )

    def _started(self, task_id: int, label: str) -> None:
        self.labels[task_id] = label
        self._show_task(task_id)

    def _progress(self, task_id: int, done: int, total: int) -> None:
        if task_id != self.current:
            return
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(min(1000, int(done * 1000 / total)))
        else:
            self.progress.setRange(0, 0)

    def _ended(self, task_id: int) -> None:
        self.labels.pop(task_id, None)
        if task_id == self.current:
            self._show_task(next(iter(self.labels), None))

    def _show_task(self, task_id: int | None) -> None:
        self.current = task_id
        busy = task_id is not None
        for widget in (self.task_label, self.progress, self.cancel_button):
            widget.setVisible(busy)
        if busy:
            self.task_label.setText(self.labels.get(task_id or 0, ""))
            self.progress.setRange(0, 0)

    def _cancel(self) -> None:
        if self.current is not None:
            self.controller.cancel(self.current)
