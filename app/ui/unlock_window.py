"""First run and unlock: open a vault, create one (with a strength meter and an honest
note that a forgotten passphrase cannot be recovered), or receive a bundle; a short,
skippable safety note; throttling after failed attempts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import LockerError
from app.ui.controller import Controller
from app.ui.passphrase import MIN_STRENGTH, strength

FILE_FILTER_OPTIONS = QFileDialog.Option.DontUseNativeDialog  # no OS "recent files" entries


def default_vault_folder() -> Path:
    """The person's Documents folder (or home), where new vaults are suggested."""
    try:
        import platformdirs

        folder = Path(platformdirs.user_documents_dir())
    except Exception:  # noqa: BLE001 - any trouble: the home folder
        folder = Path.home()
    if not folder.is_dir():
        folder = Path.home()
    return folder


def existing_default_vault() -> Path | None:
    """The vault at the suggested place (made here before), if there is one."""
    candidate = default_vault_folder() / "evidence.locker"
    return candidate if candidate.is_file() else None


def suggested_new_path() -> Path:
    """A free file name in the person's Documents folder (or home)."""
    folder = default_vault_folder()
    for n in range(1, 100):
        candidate = folder / ("evidence.locker" if n == 1 else f"evidence-{n}.locker")
        if not candidate.exists():
            return candidate
    return folder / "evidence.locker"


class UnlockWindow(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("unlockWindow")
        self.pending_bundle: Path | None = None
        self.pending_bundle_passphrase: str | None = None
        self._wait_left = 0
        # After a lock: the vault that was open, offered alone (kept in memory only).
        self.locked_path: Path | None = None
        self._lock_reason = ""
        self._bundle_for_new_vault: Path | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        outer.setSpacing(16)
        self.heading = QLabel(self)
        self.heading.setObjectName("title")
        self.quick_exit_row = QHBoxLayout()  # the red button goes here (app.ui.quick_exit)
        self.quick_exit_row.addWidget(self.heading)
        self.quick_exit_row.addStretch(1)
        outer.addLayout(self.quick_exit_row)
        self.safety = QFrame(self)
        self.safety.setObjectName("notice")
        safety_layout = QVBoxLayout(self.safety)
        self.safety_text = QLabel(self.safety)
        self.safety_text.setWordWrap(True)
        self.safety_skip = QPushButton(self.safety)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.safety_skip)
        safety_layout.addWidget(self.safety_text)
        safety_layout.addLayout(row)
        outer.addWidget(self.safety)
        # "Got it" hides the note but keeps its space (this session), so the buttons
        # under the pointer do not jump up; the next start shows no note at all.
        policy = self.safety.sizePolicy()
        policy.setRetainSizeWhenHidden(not controller.settings.safety_note_seen)
        self.safety.setSizePolicy(policy)
        self.safety.setVisible(not controller.settings.safety_note_seen)
        self.lock_note = QLabel(self)
        self.lock_note.setObjectName("notice")
        self.lock_note.setWordWrap(True)
        self.lock_note.setVisible(False)
        outer.addWidget(self.lock_note)
        choose = QHBoxLayout()
        self.open_tab = QPushButton(self)
        self.create_tab = QPushButton(self)
        self.bundle_tab = QPushButton(self)
        for button in (self.open_tab, self.create_tab, self.bundle_tab):
            button.setCheckable(True)
            button.setAutoExclusive(True)
            choose.addWidget(button)
        choose.addStretch(1)
        self._tabs = (self.open_tab, self.create_tab, self.bundle_tab)
        outer.addLayout(choose)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)
        self._build_open_page()
        self._build_create_page()
        outer.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("status")
        outer.addWidget(self.status)
        self.open_tab.setChecked(True)
        self.open_tab.toggled.connect(lambda on: self._tab_toggled(on, 0, False))
        self.create_tab.toggled.connect(lambda on: self._tab_toggled(on, 1, False))
        self.bundle_tab.toggled.connect(lambda on: self._tab_toggled(on, 0, True))
        self.safety_skip.clicked.connect(self._dismiss_safety)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        controller.unlock_failed.connect(self._failed)
        controller.unlocked.connect(lambda info: self._busy(False))
        recent = controller.settings.recent_vaults
        existing = None if recent else existing_default_vault()
        if recent:
            self.path_edit.setText(recent[0])
        elif existing is not None:
            # A vault was already made at the suggested place: she comes back to open it,
            # not to be offered "evidence-2.locker" as if her evidence were gone.
            self.path_edit.setText(str(existing))
        self.new_path_edit.setText(str(suggested_new_path()))
        if not recent and existing is None and not controller.settings.safety_note_seen:
            # First run on this computer: most people start by making a vault.
            self.create_tab.setChecked(True)
        self.retranslate()

    # -- layout --------------------------------------------------------------------

    def _path_row(self, edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    def _build_open_page(self) -> None:
        page = QWidget(self.pages)
        form = QFormLayout(page)
        form.setVerticalSpacing(10)
        self.path_edit = QLineEdit(page)
        self.path_button = QPushButton(page)
        self.pass_edit = QLineEdit(page)
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = QPushButton(page)
        self.unlock_button.setDefault(True)
        self.path_label, self.pass_label = QLabel(page), QLabel(page)
        self.bundle_edit = QLineEdit(page)
        self.bundle_button = QPushButton(page)
        self.bundle_label = QLabel(page)
        self.bundle_row = self._path_row(self.bundle_edit, self.bundle_button)
        self.bundle_pass_edit = QLineEdit(page)
        self.bundle_pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.bundle_pass_label = QLabel(page)
        form.addRow(self.path_label, self._path_row(self.path_edit, self.path_button))
        form.addRow(self.pass_label, self.pass_edit)
        form.addRow(self.bundle_label, self.bundle_row)
        form.addRow(self.bundle_pass_label, self.bundle_pass_edit)
        form.addRow("", self.unlock_button)
        # Receiving needs a vault of one's own to receive into: say so, offer to make one.
        self.bundle_note = QLabel(page)
        self.bundle_note.setWordWrap(True)
        self.bundle_note.setObjectName("quiet")
        self.bundle_create_button = QPushButton(page)
        form.addRow("", self.bundle_note)
        form.addRow("", self.bundle_create_button)
        self.other_vault_button = QPushButton(page)
        self.other_vault_button.setVisible(False)
        form.addRow("", self.other_vault_button)
        self._bundle_widgets = (
            self.bundle_edit,
            self.bundle_button,
            self.bundle_label,
            self.bundle_pass_edit,
            self.bundle_pass_label,
            self.bundle_note,
            self.bundle_create_button,
        )
        for w in self._bundle_widgets:
            w.setVisible(False)
        self.path_button.clicked.connect(self._choose_open)
        self.bundle_button.clicked.connect(self._choose_bundle)
        self.bundle_create_button.clicked.connect(self._create_for_bundle)
        self.other_vault_button.clicked.connect(self._other_vault)
        self.pass_edit.returnPressed.connect(self._unlock)
        self.unlock_button.clicked.connect(self._unlock)
        self.pages.addWidget(page)

    def _build_create_page(self) -> None:
        page = QWidget(self.pages)
        form = QFormLayout(page)
        form.setVerticalSpacing(10)
        self.new_path_edit = QLineEdit(page)
        self.new_path_button = QPushButton(page)
        self.new_pass_edit = QLineEdit(page)
        self.new_pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(page)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar(page)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter_label = QLabel(page)
        self.forget_note = QLabel(page)
        self.forget_note.setWordWrap(True)
        self.forget_note.setObjectName("quiet")
        self.create_button = QPushButton(page)
        self.new_path_label, self.new_pass_label, self.repeat_label = (
            QLabel(page),
            QLabel(page),
            QLabel(page),
        )
        form.addRow(self.new_path_label, self._path_row(self.new_path_edit, self.new_path_button))
        form.addRow(self.new_pass_label, self.new_pass_edit)
        form.addRow("", self.meter)
        form.addRow("", self.meter_label)
        form.addRow(self.repeat_label, self.repeat_edit)
        form.addRow("", self.forget_note)
        form.addRow("", self.create_button)
        self.new_path_button.clicked.connect(self._choose_new)
        self.new_pass_edit.textChanged.connect(self._update_meter)
        self.repeat_edit.returnPressed.connect(self._create)
        self.create_button.clicked.connect(self._create)
        self.pages.addWidget(page)

    def retranslate(self) -> None:
        neutral = self.controller.settings.neutral_title
        self.setWindowTitle(self.tr("Notes") if neutral else self.tr("Evidence Locker"))
        self.heading.setText(self.tr("Notes") if neutral else self.tr("Evidence Locker"))
        self.safety_text.setText(
            self.tr(
                "Before you start: if this computer is shared, monitored or may have "
                "stalkerware on it, someone may see what you do here. If you can, use a device "
                "only you control. The app locks itself when idle; F12 hides it at once."
            )
        )
        self.safety_skip.setText(self.tr("Got it"))
        self.open_tab.setText(self.tr("Open a vault"))
        self.create_tab.setText(self.tr("Create a vault"))
        self.bundle_tab.setText(self.tr("Receive a bundle"))
        self.path_label.setText(self.tr("Vault file"))
        self.path_button.setText(self.tr("Choose…"))
        self.pass_label.setText(self.tr("Passphrase"))
        self.bundle_label.setText(self.tr("Bundle"))
        self.bundle_button.setText(self.tr("Choose…"))
        self.bundle_pass_label.setText(self.tr("Bundle passphrase"))
        self.bundle_pass_edit.setPlaceholderText(self.tr("Only if it was sealed with a passphrase"))
        self.bundle_pass_edit.setAccessibleName(self.tr("Bundle passphrase"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.bundle_note.setText(
            self.tr(
                "A bundle is received into a vault you already have: choose that vault and "
                "enter its passphrase. No vault yet? Create one first; the bundle is received "
                "into it right after."
            )
        )
        self.bundle_create_button.setText(self.tr("Create a vault first"))
        self.other_vault_button.setText(self.tr("Open another vault…"))
        self._show_lock_note()
        self.new_path_label.setText(self.tr("New vault file"))
        self.new_path_button.setText(self.tr("Choose…"))
        self.new_pass_label.setText(self.tr("Passphrase"))
        self.repeat_label.setText(self.tr("Repeat"))
        self.forget_note.setText(
            self.tr(
                "Nobody can recover a forgotten passphrase, not even us: without it the "
                "evidence cannot be opened. Write it down somewhere safe."
            )
        )
        self.create_button.setText(self.tr("Create vault"))
        for edit, name in (
            (self.path_edit, self.tr("Vault file")),
            (self.pass_edit, self.tr("Passphrase")),
            (self.bundle_edit, self.tr("Bundle")),
            (self.new_path_edit, self.tr("New vault file")),
            (self.new_pass_edit, self.tr("New passphrase")),
            (self.repeat_edit, self.tr("Repeat passphrase")),
        ):
            edit.setAccessibleName(name)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.status.setAccessibleName(self.tr("Status"))
        self.safety.setAccessibleName(self.tr("Safety note"))
        self._update_meter()
        if self._wait_left:
            self._show_wait()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _tab_toggled(self, on: bool, index: int, bundle: bool) -> None:
        if on:
            self._show_page(index, bundle)

    def _show_page(self, index: int, bundle: bool = False) -> None:
        self.pages.setCurrentIndex(index)
        for w in self._bundle_widgets:
            w.setVisible(bundle)
        self.status.clear()

    def _create_for_bundle(self) -> None:
        bundle = self.bundle_edit.text().strip()
        self._bundle_for_new_vault = Path(bundle) if bundle else None
        self.create_tab.setChecked(True)
        self.status.setText(
            self.tr("Create your vault; the bundle is received into it next.")
            if bundle
            else self.tr("Create your vault, then receive the bundle.")
        )

    def _dismiss_safety(self) -> None:
        self.safety.hide()
        self.controller.settings.safety_note_seen = True
        self.controller.apply_settings(self.controller.settings)

    # -- choosing files --------------------------------------------------------------

    @staticmethod
    def _start_folder(current: str) -> str:
        """Where a file dialog opens: beside the file already named, else Documents (never
        the program's working folder)."""
        folder = Path(current.strip()).parent if current.strip() else None
        return str(folder if folder is not None and folder.is_dir() else default_vault_folder())

    def _choose_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a vault"),
            self._start_folder(self.path_edit.text()),
            self.tr("Vaults (*.locker);;All files (*)"),
            options=FILE_FILTER_OPTIONS,
        )
        if path:
            self.path_edit.setText(path)

    def _choose_new(self) -> None:
        start = self.new_path_edit.text().strip() or str(suggested_new_path())
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Create a vault"),
            start,
            self.tr("Vaults (*.locker)"),
            options=FILE_FILTER_OPTIONS,
        )
        if path:
            self.new_path_edit.setText(path if path.endswith(".locker") else path + ".locker")

    def _choose_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Receive a bundle"),
            self._start_folder(self.bundle_edit.text()),
            self.tr("All files (*)"),
            options=FILE_FILTER_OPTIONS,
        )
        if path:
            self.bundle_edit.setText(path)

    # -- acting ------------------------------------------------------------------------

    def _busy(self, on: bool) -> None:
        self.unlock_button.setEnabled(not on and self._wait_left == 0)
        self.create_button.setEnabled(not on)
        if on:
            self.status.setText(self.tr("Opening…"))

    def _unlock(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            self.status.setText(self.tr("Choose the vault file first."))
            return
        if self._wait_left:
            return
        bundle = self.bundle_edit.text().strip() if self.bundle_edit.isVisible() else ""
        self.pending_bundle = Path(bundle) if bundle else None
        self.pending_bundle_passphrase = self.bundle_pass_edit.text() or None
        self.bundle_pass_edit.clear()
        if not self.pass_edit.text():
            if self.controller.settings.remember_on_device and self.controller.unlock_remembered(
                Path(path)
            ):
                self._busy(True)
            else:
                self.status.setText(self.tr("Enter the passphrase."))
            return
        self._busy(True)
        self.controller.unlock(Path(path), self.pass_edit.text())
        self.pass_edit.clear()

    def _update_meter(self) -> None:
        score = strength(self.new_pass_edit.text())
        self.meter.setValue(score)
        words = [
            "",
            self.tr("Weak: add more words"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        ]
        self.meter_label.setText(
            words[score] if score else self.tr("Several unrelated words make a strong passphrase.")
        )

    def _create(self) -> None:
        path, first = self.new_path_edit.text().strip(), self.new_pass_edit.text()
        if not path:
            self.status.setText(self.tr("Choose where to keep the new vault."))
        elif strength(first) < MIN_STRENGTH:
            self.status.setText(self.tr("This passphrase is too easy to guess. Add more words."))
        elif first != self.repeat_edit.text():
            self.status.setText(self.tr("The two passphrases are not the same."))
        else:
            self._busy(True)
            if self._bundle_for_new_vault is not None:
                self.pending_bundle, self._bundle_for_new_vault = self._bundle_for_new_vault, None
                self.pending_bundle_passphrase = self.bundle_pass_edit.text() or None
                self.bundle_pass_edit.clear()
            self.controller.create_vault(Path(path), first)
            self.new_pass_edit.clear()
            self.repeat_edit.clear()

    def _failed(self, kind: str, message: str, wait: float) -> None:
        self._busy(False)
        if wait > 0:
            self._wait_left = int(wait + 0.999)
            self.countdown.start()
            self._show_wait(
                prefix=self.tr("The passphrase is not right.") if kind == "wrong" else ""
            )
        elif kind == "wrong":
            self.status.setText(self.tr("The passphrase is not right. Nothing was changed."))
        else:
            self.status.setText(message)

    def _show_wait(self, prefix: str = "") -> None:
        self.unlock_button.setEnabled(False)
        text = self.tr("Too many attempts. Try again in %n second(s).", "", self._wait_left)
        self.status.setText(f"{prefix} {text}".strip())

    def _tick(self) -> None:
        path = self.path_edit.text().strip()
        try:
            left = self.controller.attempts.wait_seconds(Path(path)) if path else 0.0
        except LockerError:
            left = 0.0
        self._wait_left = int(left + 0.999)
        if self._wait_left:
            self._show_wait()
        else:
            self.countdown.stop()
            self.unlock_button.setEnabled(True)
            self.status.clear()

    def reset(self) -> None:
        """Back to a clean unlock form. The vault's location is on screen only when the
        person chose to remember recent vaults."""
        self.pass_edit.clear()
        self.status.clear()
        self._set_lock_mode(None, "")
        recent = self.controller.settings.recent_vaults
        self.path_edit.setText(recent[0] if recent else "")
        self.open_tab.setChecked(True)
        self._busy(False)

    def after_lock(self, reason: str, path: Path | None) -> None:
        """The app locked itself (or was locked): offer exactly the vault that was open,
        and say why, so nobody believes the evidence is gone."""
        self.pass_edit.clear()
        self.status.clear()
        self.open_tab.setChecked(True)
        self._show_page(0)
        self._set_lock_mode(path, reason)
        if path is not None:
            self.path_edit.setText(str(path))
        self._busy(False)
        self.pass_edit.setFocus()

    def _set_lock_mode(self, path: Path | None, reason: str) -> None:
        self.locked_path, self._lock_reason = path, reason
        on = path is not None
        for tab in self._tabs:
            tab.setVisible(not on)
        self.path_button.setVisible(not on)
        self.path_edit.setReadOnly(on)
        self.other_vault_button.setVisible(on)
        self._show_lock_note()

    def _show_lock_note(self) -> None:
        reason = self._lock_reason
        if self.locked_path is None or not reason:
            self.lock_note.setVisible(False)
            return
        if reason == "idle":
            text = self.tr(
                "Locked after %n minute(s) without use.",
                "",
                self.controller.settings.autolock_minutes,
            )
        elif reason == "session":
            text = self.tr("Locked because the computer was locked or went to sleep.")
        else:
            text = self.tr("Locked.")
        self.lock_note.setText(
            text
            + " "
            + self.tr("Your evidence is safe in the vault; enter the passphrase to open it again.")
        )
        self.lock_note.setVisible(True)

    def _other_vault(self) -> None:
        self.reset()
        self.path_edit.setFocus()
