"""Child process for test_session_dbus: inside its own D-Bus session, open a vault in the
real app, broadcast org.freedesktop.ScreenSaver.ActiveChanged(true) on the bus, and print
"locked session" when the app locked itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    vault, passphrase = Path(sys.argv[1]), sys.argv[2]
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtDBus import QDBusConnection, QDBusMessage
    from PySide6.QtWidgets import QApplication

    from app.ui.main import App
    from app.ui.settings import Settings

    qapp = QApplication([sys.argv[0]])
    app = App(qapp, Settings(language="en"), quit_on_exit=False)
    reasons: list[str] = []
    app.controller.locked.connect(reasons.append)

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    print("sources:", ", ".join(app.session.sources), flush=True)
    app.controller.unlock(vault, passphrase)
    for _ in range(200):
        if app.controller.is_unlocked:
            break
        spin(50)
    if not app.controller.is_unlocked:
        print("not unlocked")
        return 1
    message = QDBusMessage.createSignal(
        "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"
    )
    message.setArguments([True])
    QDBusConnection.sessionBus().send(message)
    for _ in range(100):
        if reasons:
            break
        spin(20)
    print("locked", *reasons, flush=True)
    return 0 if reasons == ["session"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
