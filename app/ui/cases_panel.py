"""The left column of the main window: all evidence, the vault's cases, cases started in
this session but still empty, archived items; buttons for a new case and takedowns. The
case names are read off the GUI thread (the controller's pool)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.item_model import case_label
from app.vault.store import DEFAULT_CASE

if TYPE_CHECKING:
    from app.ui.controller import Controller
    from app.ui.workers import TaskContext

ALL, ARCHIVED = "\x00all", "\x00archived"  # sidebar entries that are not case names


class CasesPanel(QWidget):
    """``case_changed()`` when the person picks another entry."""

    case_changed = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.names: list[str] = []  # the vault's cases, as last read
        self.extra_cases: list[str] = []  # started here, nothing stored in them yet
        self._generation = 0  # bumped when the vault locks: a late read is dropped
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 6, 12)
        self.heading = QLabel(self)
        self.heading.setObjectName("subheading")
        self.cases = QListWidget(self)
        self.cases.setObjectName("cases")
        self.new_case_button = QPushButton(self)
        self.takedowns_button = QPushButton(self)  # issue 14: locations, requests, re-checks
        layout.addWidget(self.heading)
        layout.addWidget(self.cases, 1)
        layout.addWidget(self.new_case_button)
        layout.addWidget(self.takedowns_button)
        self.cases.currentItemChanged.connect(lambda cur, prev: self.case_changed.emit())

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Cases"))
        self.cases.setAccessibleName(self.tr("Cases"))
        self.new_case_button.setText(self.tr("New case"))
        self.takedowns_button.setText(self.tr("Takedowns"))
        self.takedowns_button.setToolTip(
            self.tr(
                "Where the material was seen, takedown requests and re-checks of the selected case"
            )
        )
        self.fill()

    def show_cases(self, names: list[str]) -> None:
        """A new vault is open: its cases (read with the unlock, off the GUI thread)."""
        self.names = list(names)
        self.extra_cases = []
        self.fill()

    def clear(self) -> None:
        self._generation += 1
        self.names, self.extra_cases = [], []
        self.cases.clear()

    def refresh(self) -> None:
        """Re-read the case names in the background; refill the list if they changed."""
        if not self.controller.is_unlocked:
            return
        vault = self.controller.require_vault()
        generation = self._generation

        def work(_ctx: TaskContext) -> list[str]:
            return [c.name for c in vault.list_cases()]

        def done(names: list[str]) -> None:
            if generation != self._generation or not self.controller.is_unlocked:
                return
            if names != self.names:
                self.names = names
                self.fill()

        self.controller.run(work, quiet=True, on_done=done)

    def fill(self) -> None:
        current = self.current_key()
        self.cases.blockSignals(True)
        self.cases.clear()
        entries = [(ALL, self.tr("All evidence"))]
        if self.controller.is_unlocked:
            entries += [(n, case_label(n)) for n in self.names]
            entries += [(n, case_label(n)) for n in self.extra_cases if n not in self.names]
        entries.append((ARCHIVED, self.tr("Archived")))
        for key, text in entries:
            entry = QListWidgetItem(text, self.cases)
            entry.setData(Qt.ItemDataRole.UserRole, key)
        keys = [k for k, _ in entries]
        self.cases.setCurrentRow(keys.index(current) if current in keys else 0)
        self.cases.blockSignals(False)

    def add_case(self, name: str) -> None:
        """A case started by the person: listed (and selected) before anything is in it."""
        if name not in self.extra_cases:
            self.extra_cases.append(name)
        self.fill()
        for i in range(self.cases.count()):
            if self.cases.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.cases.setCurrentRow(i)

    def current_key(self) -> str:
        entry = self.cases.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else ALL

    def current_text(self) -> str:
        entry = self.cases.currentItem()
        return entry.text() if entry is not None else ""

    def filter_case(self) -> str | None:
        """The case the lists show (None: every case)."""
        key = self.current_key()
        return None if key in (ALL, ARCHIVED) else key

    def archived(self) -> bool:
        return self.current_key() == ARCHIVED

    def target_case(self) -> str:
        """Where new evidence goes."""
        return self.filter_case() or DEFAULT_CASE

    def stored_case(self) -> str | None:
        """The selected case if the vault has it (not one started here and still empty)."""
        case = self.filter_case()
        return None if case is None or case in self.extra_cases else case
