"""Settings and the verify report."""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.timestamp.config import config_path
from app.ui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.result_settings = copy.deepcopy(settings)
        self.tsa_changed = False
        self.enabled_tsas: set[str] = set()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        layout.addLayout(form)
        self.language = QComboBox(self)
        self.autolock = QSpinBox(self)
        self.autolock.setRange(0, 240)
        self.neutral = QCheckBox(self)
        self.tsas = QLabel(self)
        self.tsas.setWordWrap(True)
        self.tsas.setObjectName("quiet")
        self.tsas.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        from app.ui.tsa_settings import list_tsas

        self.tsa_entries = list_tsas()
        self.tsa_boxes: list[QCheckBox] = []
        tsa_box = QWidget(self)
        tsa_layout = QVBoxLayout(tsa_box)
        tsa_layout.setContentsMargins(0, 0, 0, 0)
        for entry in self.tsa_entries:
            box = QCheckBox(f"{entry.name}  ({entry.url})", tsa_box)
            box.setProperty("dataText", True)  # a name and an address, not app text
            box.setChecked(entry.enabled)
            tsa_layout.addWidget(box)
            self.tsa_boxes.append(box)
        tsa_layout.addWidget(self.tsas)
        self.safe_browsing = QCheckBox(self)
        self.remember = QCheckBox(self)
        self.remember_warning = QLabel(self)
        self.remember_warning.setWordWrap(True)
        self.remember_warning.setObjectName("quiet")
        self.recent = QCheckBox(self)
        self.labels = [QLabel(self) for _ in range(4)]
        form.addRow(self.labels[0], self.language)
        form.addRow(self.labels[1], self.autolock)
        form.addRow("", self.neutral)
        form.addRow(self.labels[2], tsa_box)
        form.addRow("", self.safe_browsing)
        form.addRow("", self.remember)
        form.addRow("", self.remember_warning)
        form.addRow("", self.recent)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()
        s = settings
        self.language.setCurrentIndex(("system", "en", "ko").index(s.language))
        self.autolock.setValue(s.autolock_minutes)
        self.neutral.setChecked(s.neutral_title)
        self.safe_browsing.setChecked(s.safe_browsing)
        self.remember.setChecked(s.remember_on_device)
        self.recent.setChecked(s.remember_recent)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        index = max(0, self.language.currentIndex())
        self.language.clear()
        self.language.addItems([self.tr("Follow the system"), "English", "한국어"])
        self.language.setCurrentIndex(index)
        self.labels[0].setText(self.tr("Language"))
        self.labels[1].setText(self.tr("Lock after idle"))
        self.autolock.setSuffix(self.tr(" min"))
        self.autolock.setSpecialValueText(self.tr("Never"))
        self.neutral.setText(self.tr("Neutral window title and icon"))
        self.labels[2].setText(self.tr("Time-stamp authorities"))
        path = str(config_path())
        text = "" if self.tsa_entries else self.tr("none configured") + "\n"
        self.tsas.setText(
            text + (self.tr("The list is kept in this file:") + "\n" + path if path else "")
        )
        self.safe_browsing.setText(self.tr("Blur images in the in-app browser"))
        self.remember.setText(self.tr("Remember this vault on this device"))
        self.remember_warning.setText(
            self.tr(
                "Anyone who can use this computer account could then open the vault without "
                "the passphrase. Do not turn this on for a shared computer."
            )
        )
        self.recent.setText(self.tr("Show recently opened vaults"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        for widget, name in (
            (self.language, self.tr("Language")),
            (self.autolock, self.tr("Lock after idle")),
            (self.tsas, self.tr("Time-stamp authorities")),
        ):
            widget.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _save(self) -> None:
        s = self.result_settings
        s.language = ("system", "en", "ko")[self.language.currentIndex()]
        s.autolock_minutes = self.autolock.value()
        s.neutral_title = self.neutral.isChecked()
        self.tsa_changed = any(
            box.isChecked() != entry.enabled
            for box, entry in zip(self.tsa_boxes, self.tsa_entries, strict=True)
        )
        self.enabled_tsas = {
            entry.url
            for box, entry in zip(self.tsa_boxes, self.tsa_entries, strict=True)
            if box.isChecked()
        }
        s.safe_browsing = self.safe_browsing.isChecked()
        s.remember_on_device = self.remember.isChecked()
        s.remember_recent = self.recent.isChecked()
        if not s.remember_recent:
            s.recent_vaults = []
        self.accept()


class VerifyDialog(QDialog):
    def __init__(self, ok: bool, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.ok = ok
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("heading")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)  # Tab moves on: no keyboard trap
        from app.ui.core_text import translate

        self.text.setPlainText(translate(report))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.summary)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Vault verification"))
        self.summary.setText(
            self.tr(
                "Everything holds: every file, the custody history and the vault "
                "structure were checked."
            )
            if self.ok
            else self.tr(
                "Problems were found. Nothing was changed; keep this report and a "
                "backup, and ask for help before doing anything else."
            )
        )
        self.text.setAccessibleName(self.tr("Verification report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def ask(
    parent: QWidget,
    name: str,
    title: str,
    label: str,
    on_ok: Callable[[str], None],
    *,
    ok_text: str = "",
    cancel_text: str = "",
    items: list[str] | None = None,
    password: bool = False,
    required: bool = False,
    required_hint: str = "",
) -> QInputDialog:
    """A small non-blocking question (text, password or a choice); ``on_ok`` gets the
    answer. Non-blocking, so quick exit and locking are never held up by an open prompt.
    ``required``: OK stays disabled while the answer is blank (no silent no-op), and
    ``required_hint`` then says why under the question."""
    dialog = QInputDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    if items is not None:
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(False)
    if password:
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    if ok_text:
        dialog.setOkButtonText(ok_text)
    if cancel_text:
        dialog.setCancelButtonText(cancel_text)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box = dialog.findChild(QDialogButtonBox)
    ok_button = box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None
    if required and ok_button is not None:
        ok_button.setEnabled(False)

        def changed(text: str) -> None:
            ok_button.setEnabled(bool(text.strip()))
            if required_hint:  # say why OK is disabled while the answer is blank
                dialog.setLabelText(label if text.strip() else f"{label}\n{required_hint}")

        dialog.textValueChanged.connect(changed)
        changed("")
    dialog.textValueSelected.connect(on_ok)
    dialog.open()
    return dialog
