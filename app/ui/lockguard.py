"""Locking without being asked: after idle time and when the platform reports that the
session is locked or the machine suspends; and the quick-exit keys.

Input is watched with event filters on every top-level window (QWindow), which see each
key, mouse and wheel event before any widget. (A Python event filter on the whole
QApplication would also see QtWebEngine's internal objects, and PySide crashes on those.)

Covered: Qt's application state "suspended" (mobile/macOS style), and on Linux through
D-Bus when available: logind ``PrepareForSleep`` (system bus) and ``Lock`` of our session,
and ``ActiveChanged`` of org.freedesktop.ScreenSaver / org.gnome.ScreenSaver (session
bus). Not covered: Windows and macOS session-lock notifications beyond what Qt reports.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import SLOT, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.MouseButtonDblClick,
}


def is_quick_exit_key(event: QKeyEvent) -> bool:
    """F12, or Ctrl+Shift+Q."""
    mods = event.modifiers() & _MODS
    if event.key() == Qt.Key.Key_F12 and mods == Qt.KeyboardModifier.NoModifier:
        return True
    return event.key() == Qt.Key.Key_Q and mods == (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )


_MODS = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``timeout_ms`` without input (any input restarts it), and
    ``quick_exit_key`` when F12 or Ctrl+Shift+Q is pressed in any window of the app."""

    idle = Signal()
    quick_exit_key = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self._watched: set[int] = set()
        self._scan = QTimer(self)  # windows come and go (dialogs, the browser)
        self._scan.setInterval(300)
        self._scan.timeout.connect(self.watch_windows)
        self._scan.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # a new window that takes focus: at once
            app.focusWindowChanged.connect(self._focus_window_changed)

    def watch_windows(self) -> None:
        for window in QGuiApplication.topLevelWindows():
            key = id(window)
            if key not in self._watched:
                self._watched.add(key)
                window.installEventFilter(self)
                window.destroyed.connect(lambda _=None, k=key: self._watched.discard(k))

    @Slot(QWindow)
    def _focus_window_changed(self, _window: QWindow | None) -> None:
        self.watch_windows()

    def set_timeout(self, ms: int) -> None:
        """0 turns the idle lock off."""
        self.timer.stop()
        self.timer.setInterval(max(0, ms))

    def start(self) -> None:
        self.watch_windows()
        if self.timer.interval() > 0:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def note_input(self) -> None:
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.note_input()
            if (
                kind == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and is_quick_exit_key(event)
                and not event.isAutoRepeat()
            ):
                self.quick_exit_key.emit()
                return True
        return False


class SessionWatcher(QObject):
    """Emits ``session_locked`` when the platform says the screen locks or it suspends."""

    session_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
            self.sources.append("Qt application state")
        self._connect_dbus()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.session_locked.emit()

    def _connect_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        system = QDBusConnection.systemBus()
        if system.isConnected() and system.connect(
            "org.freedesktop.login1",
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            self,
            _slot("on_sleep(bool)"),
        ):
            self.sources.append("logind PrepareForSleep")
        session_id = os.environ.get("XDG_SESSION_ID")
        if (
            system.isConnected()
            and session_id
            and system.connect(
                "org.freedesktop.login1",
                f"/org/freedesktop/login1/session/{session_id}",
                "org.freedesktop.login1.Session",
                "Lock",
                self,
                _slot("on_lock()"),
            )
        ):
            self.sources.append("logind session Lock")
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path in (
                ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
            ):
                # Any sender: a forged signal can only lock the app, which is harmless.
                if session.connect(
                    "", path, service, "ActiveChanged", self, _slot("on_screensaver(bool)")
                ):
                    self.sources.append(f"{service} ActiveChanged")

    @Slot(bool)
    def on_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.session_locked.emit()

    @Slot()
    def on_lock(self) -> None:
        self.session_locked.emit()

    @Slot(bool)
    def on_screensaver(self, active: bool) -> None:
        if active:
            self.session_locked.emit()


def _slot(signature: str) -> Any:
    return SLOT(signature)
