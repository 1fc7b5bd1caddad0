"""The signing fingerprint, shown large and grouped so it can be read out by phone: on
export ("read this to the recipient") and on receive ("confirm this with the sender"
before anything is imported). Comparing it is the one check against a swapped bundle."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.bundle import holders

if TYPE_CHECKING:
    from app.ui.controller import Controller
    from app.ui.main_window import MainWindow


def grouped(fingerprint: str) -> str:
    """'AAAAA-BBBBB-…' (8 groups) as two lines of four groups, spaced for reading."""
    groups = [g for g in fingerprint.replace(" ", "-").split("-") if g]
    lines = [" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    return "\n".join(lines)


class FingerprintBox(QFrame):
    """A short instruction above the fingerprint in large monospace text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        layout = QVBoxLayout(self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.value = QLabel(self)
        self.value.setObjectName("fingerprint")
        self.value.setProperty("evidenceData", True)  # a hash-like code, not app text
        self.value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(font)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def show_fingerprint(self, caption: str, fingerprint: str) -> None:
        self.caption.setText(caption)
        self.value.setText(grouped(fingerprint))
        self.value.setAccessibleName(caption)
        self.value.setAccessibleDescription(fingerprint)


def own_fingerprint(controller: Controller) -> str:
    """This vault's signing fingerprint (what its bundles are signed with)."""
    from app.vault.identity import fingerprint_of

    return fingerprint_of(controller.require_vault().signing_key().public_key())


class ReceiveConfirmDialog(QDialog):
    """After the bundle verified, before anything is imported: who signed it."""

    def __init__(self, report: Any, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiveConfirmDialog")
        self.setWindowTitle(self.tr("Confirm the sender"))
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setWordWrap(True)
        count = len(getattr(report, "exhibits", []) or [])
        intro.setText(
            self.tr(
                "The bundle %1 checked out: %n item(s), signed and complete.", "", count
            ).replace("%1", path.name)
        )
        layout.addWidget(intro)
        self.box = FingerprintBox(self)
        self.box.show_fingerprint(
            self.tr(
                "Confirm this fingerprint with the sender before importing (by phone or in "
                "person, not by e-mail). If it is different, the bundle is not from them: "
                "cancel."
            ),
            str(getattr(report, "signer_fingerprint", "")),
        )
        layout.addWidget(self.box)
        self.unanchored: QLabel | None = None
        if getattr(report, "identity_warning", None):  # a re-signed forgery looks the same
            self.unanchored = QLabel(
                self.tr(
                    "Nothing time-stamped ties this signing key to the sender's vault (the bundle "
                    "has no verified timestamp over the sender's custody chain). A bundle re-signed "
                    "with someone else's key would look exactly like this one: you MUST confirm the "
                    "fingerprint above with the sender by phone or in person before importing."
                ),
                self,
            )
            self.unanchored.setObjectName("unanchoredWarning")
            self.unanchored.setWordWrap(True)
            self.unanchored.setStyleSheet("font-weight: bold; color: #a00000;")
            layout.addWidget(self.unanchored)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("It matches: import")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


def check_then_receive(window: MainWindow, path: Path, passphrase: str | None) -> None:
    """Verify the bundle, show who signed it, import only when the person confirms."""
    controller = window.controller
    if not controller.is_unlocked:
        return

    def checked(report: Any) -> None:
        if not controller.is_unlocked:
            return
        failed = [c for c in getattr(report, "checks", []) if not c.ok]
        # Unproven earlier holders alone do not stop here: after the fingerprint is
        # confirmed, receiving asks whether to accept them (controller.holders_unverified).
        only_holders = bool(failed) and all(c.name == holders.NAME for c in failed)
        if not getattr(report, "ok", False) and not only_holders:
            detail = failed[0].name if failed else ""
            controller.error.emit(
                QCoreApplication.translate(
                    "MainWindow", "The bundle does not verify (%1); nothing was imported."
                ).replace("%1", detail)
            )
            return
        dialog = ReceiveConfirmDialog(report, path, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: controller.receive_bundle(
                path, passphrase, QCoreApplication.translate("MainWindow", "Receiving a bundle…")
            )
        )
        controller.locked.connect(dialog.reject)
        dialog.open()

    controller.check_bundle(
        path, passphrase, checked, QCoreApplication.translate("MainWindow", "Checking the bundle…")
    )
