"""Making sure a Qt application exists for headless capture (the CLI, scripts)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)


def prepare_environment() -> None:
    """Settings QtWebEngine reads once, before the application object exists."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags.split():
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    # Chromium's own crash dumps and logs could hold page content: keep them off, and keep
    # the terminal to our one-line messages.
    os.environ.setdefault("QTWEBENGINE_DISABLE_CRASH_REPORTING", "1")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--log-level" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (
            flags + " --disable-logging --log-level=3"
        ).strip()
    os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false")


def ensure_app() -> QCoreApplication:
    """The running QApplication, or a new one (offscreen when there is no display).

    QtWebEngine renders through QWebEngineView, a widget, so this is a QApplication."""
    from app.capture import qt_refcount

    qt_refcount.install()
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    prepare_environment()
    # Import order matters: QtWebEngine must be imported before the application exists.
    import PySide6.QtWebEngineWidgets  # noqa: F401
    from PySide6.QtWidgets import QApplication

    from app.capture.image_shield import register_scheme

    register_scheme()  # the in-app browser's image shield (before the application)

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts, True)
    qInstallMessageHandler(_quiet_messages)
    app = QApplication(sys.argv[:1] or ["locker"])
    app.setApplicationName("evidence-locker")
    return app


def _quiet_messages(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Headless capture: Qt's rendering warnings are noise; only fatal messages show."""
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        sys.stderr.write(f"locker: Qt: {message}\n")
