"""Hand evidence over: export a case or one item as a sealed bundle (app.bundle.export),
sealed with a passphrase, to the recipient's age key, or (with a warning) not encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.controller import Controller
from app.ui.dialogs import ask
from app.ui.fingerprint import FingerprintBox, own_fingerprint
from app.ui.item_model import case_label
from app.ui.passphrase import MIN_STRENGTH, strength
from app.ui.unlock_window import FILE_FILTER_OPTIONS

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class ExportDialog(QDialog):
    def __init__(
        self,
        controller: Controller,
        case: str | None,
        item_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.controller, self.case, self.item_id = controller, case, item_id
        layout = QVBoxLayout(self)
        self.what_case, self.what_item = QRadioButton(self), QRadioButton(self)
        # With no case selected ("All evidence"), a case is chosen here.
        self.case_combo = QComboBox(self)
        self.case_combo.setProperty("evidenceData", True)  # case names are the person's
        names = [c.name for c in controller.require_vault().list_cases() if c.item_count]
        for name in names:
            self.case_combo.addItem(case_label(name), name)
        if case is not None and case in names:
            self.case_combo.setCurrentIndex(names.index(case))
        self.case_combo.setVisible(case is None)
        self.what_case.setEnabled(bool(names))
        self.what_item.setEnabled(item_id is not None)
        (self.what_case if case is not None or item_id is None else self.what_item).setChecked(True)
        case_row = QHBoxLayout()
        case_row.addWidget(self.what_case)
        case_row.addWidget(self.case_combo, 1)
        layout.addLayout(case_row)
        layout.addWidget(self.what_item)
        self.left_out = QLabel(self)  # archived items of the case are not exported
        self.left_out.setWordWrap(True)
        self.left_out.setObjectName("quiet")
        layout.addWidget(self.left_out)
        self.seal_pass, self.seal_key, self.seal_none = (QRadioButton(self) for _ in range(3))
        group = QButtonGroup(self)
        for button in (self.seal_pass, self.seal_key, self.seal_none):
            group.addButton(button)
        self.seal_pass.setChecked(True)
        form = QFormLayout()
        self.pass1, self.pass2 = QLineEdit(self), QLineEdit(self)
        for edit in (self.pass1, self.pass2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.recipient = QLineEdit(self)
        self.plain_warning = QLabel(self)
        self.plain_warning.setWordWrap(True)
        self.plain_warning.setObjectName("quiet")
        self.out_edit = QLineEdit(self)
        self.out_button = QPushButton(self)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.out_button)
        self.labels = [QLabel(self) for _ in range(4)]
        form.addRow(self.seal_pass)
        form.addRow(self.labels[0], self.pass1)
        form.addRow(self.labels[1], self.pass2)
        form.addRow(self.seal_key)
        form.addRow(self.labels[2], self.recipient)
        form.addRow(self.seal_none)
        form.addRow("", self.plain_warning)
        form.addRow(self.labels[3], out_row)
        layout.addLayout(form)
        self.fingerprint = FingerprintBox(self)
        self.fingerprint_value = own_fingerprint(controller)
        layout.addWidget(self.fingerprint)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._export)
        self.buttons.rejected.connect(self.reject)
        self.out_button.clicked.connect(self._choose)
        group.buttonToggled.connect(lambda *_: self._update())
        self.case_combo.currentIndexChanged.connect(lambda *_: self._update())
        self.what_case.toggled.connect(lambda *_: self._update())
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export a sealed bundle"))
        self.what_case.setText(
            self.tr("A case:")
            if self.case is None
            else self.tr("The whole case: %1").replace("%1", case_label(self.case))
        )
        self.case_combo.setAccessibleName(self.tr("Case to export"))
        self.fingerprint.show_fingerprint(
            self.tr(
                "The bundle is signed by this vault. Read this fingerprint to the recipient (by "
                "phone or in person) so they can confirm the bundle is from you:"
            ),
            self.fingerprint_value,
        )
        self.what_item.setText(self.tr("Only the selected item"))
        self.seal_pass.setText(
            self.tr("Seal with a passphrase (tell it to the recipient separately)")
        )
        self.seal_key.setText(self.tr("Seal to the recipient's key"))
        self.seal_none.setText(self.tr("Do not encrypt (signed only)"))
        self.plain_warning.setText(
            self.tr(
                "Anyone who gets the file can see the evidence. Use this only for a secure channel."
            )
        )
        self.labels[0].setText(self.tr("Passphrase"))
        self.labels[1].setText(self.tr("Repeat"))
        self.labels[2].setText(self.tr("Recipient key (age1…)"))
        self.labels[3].setText(self.tr("Bundle file"))
        self.out_button.setText(self.tr("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        for edit, label in zip(
            (self.pass1, self.pass2, self.recipient, self.out_edit), self.labels, strict=True
        ):
            edit.setAccessibleName(label.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update(self) -> None:
        for widget in (self.pass1, self.pass2):
            widget.setEnabled(self.seal_pass.isChecked())
        self.recipient.setEnabled(self.seal_key.isChecked())
        self.plain_warning.setVisible(self.seal_none.isChecked())
        self._show_left_out()

    def chosen_case(self) -> str | None:
        if not self.what_case.isChecked():
            return None
        if self.case is not None:
            return self.case
        data = self.case_combo.currentData()
        return str(data) if data is not None else None

    def _show_left_out(self) -> None:
        case = self.chosen_case()
        hidden = (
            []
            if case is None
            else self.controller.require_vault().list_items(case=case, archived=True)
        )
        if not hidden:
            self.left_out.setVisible(False)
            return
        names = ", ".join(f"#{i.id} {i.title or self.tr('(untitled)')}" for i in hidden[:8])
        more = len(hidden) - 8
        text = self.tr("Not exported (archived, %n item(s)):", "", len(hidden)) + " " + names
        if more > 0:
            text += " " + self.tr("and %n more", "", more)
        self.left_out.setText(text)
        self.left_out.setVisible(True)

    def _choose(self) -> None:
        # A sealed (encrypted) bundle is not a zip to open: it is named .bundle.
        name = "evidence-bundle.zip" if self.seal_none.isChecked() else "evidence-bundle.bundle"
        start = self.out_edit.text().strip()
        folder = Path(start).expanduser().parent if start else None
        if folder is not None and folder.is_dir():
            name = str(folder / name)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Bundle file"), name, "", options=FILE_FILTER_OPTIONS
        )
        if path:
            self.out_edit.setText(path)

    def _export(self) -> None:
        out = self.out_edit.text().strip()
        secret = None
        if not out:
            self.status.setText(self.tr("Choose where to write the bundle."))
            return
        # Checked here, not only in the export job: the dialog stays open, so the
        # passphrases the person typed are not lost to a fixable mistake.
        target = Path(out).expanduser()
        if target.exists() or target.is_symlink():
            self.status.setText(self.tr("That file already exists. Choose a new file name."))
            return
        if not target.parent.is_dir():
            self.status.setText(self.tr("That folder does not exist. Choose another place."))
            return
        if self.seal_pass.isChecked():
            secret = self.pass1.text()
            if strength(secret) < MIN_STRENGTH:
                self.status.setText(
                    self.tr("This passphrase is too easy to guess. Add more words.")
                )
                return
            if secret != self.pass2.text():
                self.status.setText(self.tr("The two passphrases are not the same."))
                return
        elif self.seal_key.isChecked():
            secret = self.recipient.text().strip()
            if not secret.startswith("age1"):
                self.status.setText(self.tr("A recipient key starts with age1."))
                return
        kind = (
            "passphrase"
            if self.seal_pass.isChecked()
            else ("recipient" if self.seal_key.isChecked() else "none")
        )
        case = self.chosen_case()
        item = self.item_id if self.what_item.isChecked() else None
        if case is None and item is None:
            self.status.setText(self.tr("Choose a case to export."))
            return
        self.controller.export_bundle(
            target, case, item, kind, secret, self.tr("Exporting a sealed bundle…")
        )
        self.accept()


def open_export_dialog(window: MainWindow, case: str | None, item_id: int | None) -> None:
    """From the main window: export the selected case (or the selected item)."""
    if not window.controller.is_unlocked:
        return
    if not any(c.item_count for c in window.controller.require_vault().list_cases()):
        window._show_error(
            QCoreApplication.translate("MainWindow", "There is nothing to export yet.")
        )
        return
    dialog = ExportDialog(window.controller, case, item_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def ask_receive_bundle(window: MainWindow) -> None:
    """From the main window: choose a bundle, ask for its passphrase, import it."""
    title = QCoreApplication.translate("MainWindow", "Receive a bundle")
    path, _ = QFileDialog.getOpenFileName(window, title, "", "", options=FILE_FILTER_OPTIONS)
    if not path:
        return
    ask(
        window,
        "bundlePassphraseDialog",
        title,
        QCoreApplication.translate(
            "MainWindow", "Bundle passphrase (leave empty if it was sealed to this vault):"
        ),
        lambda secret: window.receive_bundle(Path(path), secret or None),
        cancel_text=QCoreApplication.translate("MainWindow", "Cancel"),
        password=True,
    )
