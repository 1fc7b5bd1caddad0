"""Takedowns of one case (issue 14): where the material was seen, the requests with their
status, deadline and next step (overdue ones marked), a re-check (page only, in the
background) and recording a request's new status. Text only: it never shows an image."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.controller import Controller
from app.ui.error_text import describe
from app.ui.item_model import local_time

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

MARKS = ("submitted", "acknowledged", "removed", "refused", "partial")


def state_words(state: str) -> str:
    words = {
        "drafted": QCoreApplication.translate("Takedowns", "drafted"),
        "submitted": QCoreApplication.translate("Takedowns", "submitted"),
        "acknowledged": QCoreApplication.translate("Takedowns", "acknowledged"),
        "removed": QCoreApplication.translate("Takedowns", "removed"),
        "refused": QCoreApplication.translate("Takedowns", "refused"),
        "partial": QCoreApplication.translate("Takedowns", "partly removed"),
        "reappeared": QCoreApplication.translate("Takedowns", "reappeared"),
        "up": QCoreApplication.translate("Takedowns", "still up"),
        "gone": QCoreApplication.translate("Takedowns", "gone (404/410)"),
        "soft_404": QCoreApplication.translate("Takedowns", "'not found' page"),
        "login_wall": QCoreApplication.translate("Takedowns", "behind a login"),
        "blocked": QCoreApplication.translate("Takedowns", "block page (not a removal)"),
        "error": QCoreApplication.translate("Takedowns", "could not be checked"),
        "not checked": QCoreApplication.translate("Takedowns", "not checked yet"),
        "seen": QCoreApplication.translate("Takedowns", "not checked yet"),
    }
    return words.get(state, state)


def next_step_words(status: str, overdue: bool) -> str:
    if overdue:
        return QCoreApplication.translate(
            "Takedowns",
            "Deadline passed: re-check, remind the platform, or call 1377 / 02-735-8994.",
        )
    return {
        "drafted": QCoreApplication.translate(
            "Takedowns", "Write the notice, send it yourself, then record 'submitted'."
        ),
        "submitted": QCoreApplication.translate(
            "Takedowns", "Wait for the platform; re-check the addresses."
        ),
        "acknowledged": QCoreApplication.translate(
            "Takedowns", "Wait for the platform; re-check the addresses."
        ),
        "removed": QCoreApplication.translate(
            "Takedowns", "Re-check now and then: a re-upload shows as reappeared."
        ),
        "partial": QCoreApplication.translate(
            "Takedowns", "Re-check; make a new request for the addresses still up."
        ),
        "refused": QCoreApplication.translate(
            "Takedowns", "Try another basis or a referral route (1377, 02-735-8994, 1366)."
        ),
        "reappeared": QCoreApplication.translate(
            "Takedowns", "Capture the re-upload, then make a new request."
        ),
    }.get(status, "")


def _cell(text: str, warn: bool = False) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if warn:
        cell.setForeground(QColor("#b00020"))
    return cell


class TakedownsDialog(QDialog):
    def __init__(
        self, controller: Controller, case: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("takedownsDialog")
        self.controller, self.case = controller, case
        self.requests: list[Any] = []
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.requests_heading = QLabel(self)
        self.requests_heading.setObjectName("subheading")
        layout.addWidget(self.requests_heading)
        self.request_table = self._table(7)
        layout.addWidget(self.request_table, 2)
        mark_row = QHBoxLayout()
        self.mark_status = QComboBox(self)
        self.reference = QLineEdit(self)
        self.note = QLineEdit(self)
        self.mark_button = QPushButton(self)
        self.mark_button.clicked.connect(self._mark)
        self.notice_lang = QComboBox(self)
        self.notice_lang.addItem("한국어", "ko")
        self.notice_lang.addItem("English", "en")
        self.notice_button = QPushButton(self)
        self.notice_button.clicked.connect(self._choose_notice_file)
        for widget, stretch in (
            (self.mark_status, 0),
            (self.reference, 1),
            (self.note, 2),
            (self.mark_button, 0),
            (self.notice_lang, 0),
            (self.notice_button, 0),
        ):
            mark_row.addWidget(widget, stretch)
        layout.addLayout(mark_row)
        self.locations_heading = QLabel(self)
        self.locations_heading.setObjectName("subheading")
        layout.addWidget(self.locations_heading)
        self.location_table = self._table(4)
        layout.addWidget(self.location_table, 3)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.recheck_button = QPushButton(self)
        self.recheck_button.clicked.connect(self._recheck)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.recheck_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.request_table.itemSelectionChanged.connect(self._update_buttons)
        controller.locked.connect(self.close)
        self.retranslate()
        self.reload()

    def _table(self, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns, self)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Takedowns"))
        self.requests_heading.setText(self.tr("Takedown requests"))
        self.locations_heading.setText(self.tr("Where the material was seen"))
        self.request_table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Platform"),
                self.tr("Basis"),
                self.tr("Status"),
                self.tr("Reference"),
                self.tr("Deadline"),
                self.tr("Next step"),
            ]
        )
        self.location_table.setHorizontalHeaderLabels(
            [self.tr("Address"), self.tr("Platform"), self.tr("Status"), self.tr("Last checked")]
        )
        self.request_table.setAccessibleName(self.tr("Takedown requests"))
        self.location_table.setAccessibleName(self.tr("Where the material was seen"))
        for table in (self.request_table, self.location_table):
            table.horizontalHeader().setAccessibleName(self.tr("Column headings"))
        current = self.mark_status.currentIndex()
        self.mark_status.clear()
        for mark in MARKS:
            self.mark_status.addItem(state_words(mark), mark)
        self.mark_status.setCurrentIndex(max(current, 0))
        self.mark_status.setAccessibleName(self.tr("New status of the selected request"))
        self.reference.setPlaceholderText(self.tr("Platform's reference number (optional)"))
        self.reference.setAccessibleName(self.tr("Platform's reference number"))
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.mark_button.setText(self.tr("Record status"))
        self.notice_lang.setAccessibleName(self.tr("Language of the notice"))
        self.notice_button.setText(self.tr("Write notice…"))
        self.notice_button.setToolTip(
            self.tr(
                "Write the selected request's notice to a file (.txt, .eml or .pdf); it is not sent"
            )
        )
        self.recheck_button.setText(self.tr("Re-check now (page only, no images)"))
        self.close_button.setText(self.tr("Close"))
        if self.controller.is_unlocked:
            self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        from app.takedown import model

        if not self.controller.is_unlocked:
            return
        vault = self.controller.require_vault()
        self.requests = model.list_requests(vault, self.case)
        locations = model.list_locations(vault, case=self.case)
        now = dt.datetime.now(dt.UTC)
        self.request_table.setRowCount(len(self.requests))
        for row, req in enumerate(self.requests):
            late = req.overdue(now)
            deadline = local_time(req.deadline) if req.deadline else "-"
            if late:
                deadline = self.tr("%1 (overdue)").replace("%1", deadline)
            values = [
                str(req.id),
                req.platform,
                req.basis.upper(),
                state_words(req.status),
                req.reference or "-",
                deadline,
                next_step_words(req.status, late),
            ]
            for col, text in enumerate(values):
                self.request_table.setItem(row, col, _cell(text, late and col in (5, 6)))
        self.location_table.setRowCount(len(locations))
        for row, loc in enumerate(locations):
            checked = local_time(loc.last_check["at"]) if loc.last_check else "-"
            values = [loc.url, loc.platform, state_words(loc.status), checked]
            for col, text in enumerate(values):
                self.location_table.setItem(row, col, _cell(text, loc.status == "reappeared"))
        overdue = sum(1 for r in self.requests if r.overdue(now))
        text = (
            self.tr("%1 address(es), %2 request(s).")
            .replace("%1", str(len(locations)))
            .replace("%2", str(len(self.requests)))
        )
        if overdue:
            text += " " + self.tr("%1 request(s) past their deadline.").replace("%1", str(overdue))
        text += " " + self.tr("Nothing is sent from here: you submit each notice yourself.")
        self.summary.setText(text)
        self.recheck_button.setEnabled(bool(locations))
        self._update_buttons()

    def _selected(self) -> Any | None:
        rows = self.request_table.selectionModel().selectedRows()
        return self.requests[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.mark_button.setEnabled(self._selected() is not None)
        self.notice_button.setEnabled(self._selected() is not None)

    def _mark(self) -> None:
        req = self._selected()
        if req is None:
            return
        self.mark_button.setEnabled(False)

        def done(_request: Any) -> None:
            if shiboken6.isValid(self):
                self.reference.clear()
                self.note.clear()
                self.status.setText(self.tr("Status recorded in the custody log."))
                self.reload()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.status.setText(describe(exc))
                self._update_buttons()

        self.controller.mark_takedown(
            str(req.id),
            str(self.mark_status.currentData()),
            self.reference.text(),
            self.note.text(),
            done,
            failed,
        )

    def _choose_notice_file(self) -> None:
        from app.ui.unlock_window import FILE_FILTER_OPTIONS

        if self._selected() is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Write notice"),
            "",
            self.tr("Text (*.txt);;Email draft (*.eml);;PDF (*.pdf)"),
            options=FILE_FILTER_OPTIONS,
        )
        if path:
            self.write_notice_to(path)

    def write_notice_to(self, path: str) -> None:
        """Write the selected request's notice (name, email and signature left blank to
        fill in) in the chosen language; logged in the custody log, never sent."""
        from pathlib import Path

        req = self._selected()
        if req is None:
            return
        target = Path(path)
        if target.suffix.lower() not in (".txt", ".eml", ".pdf"):
            target = target.with_name(target.name + ".txt")

        def done(final: Path) -> None:
            if shiboken6.isValid(self):
                self.status.setText(
                    self.tr(
                        "Notice written to %1. It was not sent: fill in the "
                        "blanks and submit it yourself."
                    ).replace("%1", str(final))
                )

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.status.setText(describe(exc))

        self.controller.write_takedown_notice(
            str(req.id), str(self.notice_lang.currentData()), target, done, failed
        )

    def _recheck(self) -> None:
        from app.takedown import model
        from app.takedown.recheck import recheck

        vault = self.controller.require_vault()
        items = (
            sorted({i for loc in model.list_locations(vault, case=self.case) for i in loc.item_ids})
            if self.case
            else []
        )
        self.recheck_button.setEnabled(False)
        self.status.setText(self.tr("Re-checking: only each page itself is fetched, no images."))

        def done(results: Any) -> None:
            if not self.isVisible():
                return
            gone = sum(1 for r in results if r["classification"] in ("gone", "soft_404"))
            self.status.setText(
                self.tr("%1 address(es) checked, %2 gone.")
                .replace("%1", str(len(results)))
                .replace("%2", str(gone))
            )
            self.reload()

        def failed(exc: BaseException) -> None:
            if self.isVisible():
                self.status.setText(describe(exc))
                self.recheck_button.setEnabled(True)

        self.controller.run(
            lambda _ctx: recheck(vault, items), self.tr("Re-check"), on_done=done, on_fail=failed
        )


def open_takedowns(window: MainWindow, case: str | None) -> TakedownsDialog | None:
    """From the main window: the takedowns of the selected case (all cases for None)."""
    if not window.controller.is_unlocked:
        return None
    dialog = TakedownsDialog(window.controller, case, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
