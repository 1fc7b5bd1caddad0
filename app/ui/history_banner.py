"""The line above the lists after unlocking: when the vault was last unlocked and how many
failed attempts there were on this device since (or that the vault is new)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.item_model import local_time

if TYPE_CHECKING:
    from app.ui.controller import UnlockInfo


class HistoryBanner(QFrame):
    """Shows an ``UnlockInfo``; the person can dismiss it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.info: UnlockInfo | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 8, 8)
        self.history_line = QLabel(self)
        self.history_line.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("small")
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.history_line, 1)
        row.addWidget(self.close_button)

    def show_info(self, info: UnlockInfo | None) -> None:
        """Show the history of ``info``; hidden when there is none (locked)."""
        self.info = info
        if info is None:
            self.hide()
            return
        self.show()
        self._show_text()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss the unlock history"))
        if self.info is None:
            self.hide()
        else:
            self._show_text()

    def _show_text(self) -> None:
        info = self.info
        if info is None:
            return
        if info.created:
            text = self.tr("New vault created. Nothing is ever deleted; items can be archived.")
        elif info.previous_unlock:
            text = self.tr("Last unlocked %1.").replace("%1", local_time(info.previous_unlock))
        else:
            text = self.tr("No earlier unlock is on record.")
        if info.failures.count:
            text += " " + self.tr(
                "%n failed attempt(s) on this device since the last unlock, the latest at %1.",
                "",
                info.failures.count,
            ).replace("%1", local_time(info.failures.last_at))
        elif not info.created:
            text += " " + self.tr("No failed attempts since then.")
        self.history_line.setText(text)
        self.history_line.setAccessibleName(text)
