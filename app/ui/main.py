"""Starting the desktop app: QApplication, translator, windows, locking guards.

Quick exit: the button in the toolbar, F12, or Ctrl+Shift+Q (from any window or
dialog) hides every window at once, cancels running work (its transaction rolls back),
closes the vault and quits. Auto-lock after idle time and on session lock/suspend shows
the unlock window again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import QApplication, QMessageBox

from app import extensions
from app.ui.attempts import AttemptLog
from app.ui.controller import Controller, UnlockInfo
from app.ui.dialogs import SettingsDialog
from app.ui.error_text import describe
from app.ui.i18n import install_language
from app.ui.lockguard import IdleWatcher, SessionWatcher
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.style import STYLE, app_icon
from app.ui.traces import keep_qt_settings_off_disk
from app.ui.unlock_window import UnlockWindow

QUICK_EXIT_KEYS = ("F12", "Ctrl+Shift+Q")


class App(QObject):
    """Wires the controller to the windows. ``quit_on_exit`` is off in tests."""

    def __init__(
        self,
        qapp: QApplication,
        settings: Settings | None = None,
        attempts: AttemptLog | None = None,
        quit_on_exit: bool = True,
    ) -> None:
        super().__init__(qapp)
        self.qapp = qapp
        self.quit_on_exit = quit_on_exit
        keep_qt_settings_off_disk()
        self.controller = Controller(settings, attempts, self)
        self.language = install_language(self.controller.settings.language)
        self.quick_exit_action = QAction(self)
        # App-wide shortcuts; the window filters in lockguard catch the keys as well when a
        # widget (a list, a web view) keeps them from the shortcut system.
        self.quick_exit_action.setShortcuts([QKeySequence(k) for k in QUICK_EXIT_KEYS])
        self.quick_exit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quick_exit_action.triggered.connect(self.controller.quick_exit)
        self.unlock_window = UnlockWindow(self.controller)
        self.unlock_window.addAction(self.quick_exit_action)
        self.unlock_window.resize(720, 560)
        self.main_window = MainWindow(self.controller, self.quick_exit_action)
        self.main_window.act_settings.triggered.connect(self.open_settings)
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(lambda: self.lock_if_open("idle"))
        self.idle.quick_exit_key.connect(self.controller.quick_exit)
        self.session = SessionWatcher(self)
        self.session.session_locked.connect(lambda: self.lock_if_open("session"))
        # Every other window and dialog gets its own red button (they cover the main one).
        self._exit_scan = QTimer(self)
        self._exit_scan.setInterval(250)
        self._exit_scan.timeout.connect(self.attach_quick_exit)
        self._exit_scan.start()
        qapp.focusWindowChanged.connect(self._focus_window_changed)
        c = self.controller
        c.unlocked.connect(self._unlocked)
        c.locked.connect(self._locked)
        c.hide_now.connect(self.hide_everything)
        self.apply_settings()

    def retranslate_quick_exit(self) -> None:
        self.quick_exit_action.setText(self.tr("Quick exit"))
        self.quick_exit_action.setToolTip(self.tr("Hide and lock at once (F12 or Ctrl+Shift+Q)"))

    def start(self) -> None:
        self.unlock_window.show()
        self.idle.watch_windows()
        self.attach_quick_exit()

    @Slot(QWindow)
    def _focus_window_changed(self, _window: QWindow | None) -> None:
        self.attach_quick_exit()  # a bound slot: disconnected when the App goes

    def attach_quick_exit(self) -> None:
        from app.ui.quick_exit import attach_to_open_windows

        neutral = self.tr("Notes") if self.controller.settings.neutral_title else None
        attach_to_open_windows(self.quick_exit_action, (self.main_window,), neutral)

    def apply_settings(self) -> None:
        s = self.controller.settings
        self.language = install_language(s.language)
        self.retranslate_quick_exit()
        self.idle.set_timeout(s.autolock_minutes * 60_000)
        if self.controller.is_unlocked:
            self.idle.start()
        icon = app_icon(s.neutral_title)
        for window in (self.unlock_window, self.main_window):
            window.setWindowIcon(icon)
            window.retranslate()
        self.attach_quick_exit()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.controller.settings, self.main_window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.open()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        if dialog.tsa_changed:
            from app.ui.tsa_settings import set_enabled

            try:
                set_enabled(dialog.enabled_tsas)
            except OSError as exc:
                self.controller.error.emit(
                    self.tr("The time-stamp server choice could not be saved: %1").replace(
                        "%1", exc.strerror or str(exc)
                    )
                )
            self.controller.refresh_status()
        self.save_settings(dialog.result_settings)

    def save_settings(self, new: Settings) -> None:
        old = self.controller.settings
        self.controller.apply_settings(new)
        if new.remember_on_device != old.remember_on_device:
            self._remember(new.remember_on_device)
        self.apply_settings()

    def _remember(self, on: bool) -> None:
        from app.errors import KeyringError
        from app.vault import keyring_store

        c = self.controller
        if c.vault is None or c.vault_path is None:
            return
        if not on:
            keyring_store.forget(c.vault_path)
            return
        try:
            key, salt = c.vault.key_material
            keyring_store.remember(c.vault_path, key, salt)
        except KeyringError as exc:
            c.settings.remember_on_device = False
            c.apply_settings(c.settings)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Not remembered"),
                describe(exc),
                QMessageBox.StandardButton.Ok,
                self.main_window,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def lock_if_open(self, reason: str) -> None:
        if self.controller.is_unlocked:
            self.controller.lock(reason)

    def hide_everything(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.hide()

    def _end_process_now(self) -> None:
        """Quick exit's last step, within a second of the key. The vault is already
        closed (every item is committed as it is stored; cancelled work rolled back), the
        settings are saved synchronously: what remains is Python's and QtWebEngine's
        teardown and waiting for cancelled pool threads, which can take seconds. So the
        private spool folders are removed and the process ends at once."""
        from app.capture import spool

        spool.remove_all()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(0)

    def _unlocked(self, info: UnlockInfo) -> None:
        self.unlock_window.hide()
        self.main_window.on_unlocked(info)
        self.main_window.show()
        self.idle.start()
        window = self.unlock_window
        bundle, secret = window.pending_bundle, window.pending_bundle_passphrase
        window.pending_bundle = window.pending_bundle_passphrase = None
        if bundle is not None:
            self.main_window.receive_bundle(bundle, secret)
        if self.controller.settings.remember_on_device:
            self._remember(True)

    def _locked(self, reason: str) -> None:
        self.idle.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.unlock_window and widget.isVisible():
                widget.hide()
        self.main_window.on_locked()
        if reason in ("quick_exit", "closed"):
            self.unlock_window.reset()
            if self.quit_on_exit:
                end = self._end_process_now if reason == "quick_exit" else self.qapp.quit
                QTimer.singleShot(0, end)
            return
        self.unlock_window.after_lock(reason, self.controller.vault_path)
        self.unlock_window.show()


def prepare_webengine() -> None:
    """QtWebEngine (the in-app browser) must be loaded before the QApplication exists,
    with shared OpenGL contexts; as root Chromium's sandbox cannot run. Chromium's crash
    reports and logs stay off (they could hold page content)."""
    import os

    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags.split():
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    os.environ.setdefault("QTWEBENGINE_DISABLE_CRASH_REPORTING", "1")
    try:
        import PySide6.QtWebEngineWidgets  # noqa: F401
    except ImportError:
        return  # no browser in this build; everything else works
    from app.capture.image_shield import register_scheme

    register_scheme()  # safe browsing's image shield: declared before the application
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts, True)


def run_app(argv: Sequence[str]) -> int:
    """Create the QApplication, install the translator, show the unlock window."""
    from app.capture import qt_refcount

    qt_refcount.install()  # PySide6 6.12's reference bugs, before the first Qt call
    extensions.register()  # every schema step and verify check, before any vault opens
    prepare_webengine()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    settings = Settings.load()
    if settings.neutral_title:  # X11 WM_CLASS instance name (else the executable's name)
        import os

        os.environ.setdefault("RESOURCE_NAME", "notes")
    qapp = QApplication(list(argv) or sys.argv[:1])
    # The name the window system sees (e.g. X11 WM_CLASS); neutral when asked for.
    qapp.setApplicationName("notes" if settings.neutral_title else "evidence-locker")
    qapp.setStyleSheet(STYLE)
    qapp.setQuitOnLastWindowClosed(True)
    app = App(qapp, settings)
    app.start()
    return int(qapp.exec())
