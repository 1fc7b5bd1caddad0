"""Child process for the quick-exit timing test: the real app (``locker`` with no
arguments, offscreen), unlocked, with the in-app browser showing a local page and an
import running; then F12 is delivered to the focused window. Prints "KEY <t>" with
``time.monotonic()`` (system-wide on Linux) just before the key.

    python -m tests.ui.quick_exit_child VAULT PASSPHRASE_FILE URL IMPORT_DIR
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main() -> int:
    vault, pass_file, url, import_dir = sys.argv[1:5]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import app.ui.main as ui_main
    from app.__main__ import main as app_main

    start = ui_main.App.start

    def scenario(app: ui_main.App) -> None:
        controller = app.controller

        def unlocked(_info: object) -> None:
            from app.ui.browser import BrowserWindow

            window = BrowserWindow(controller, "Browsed")
            window.show()
            window.browser.load(url)
            window.browser.page.loadFinished.connect(lambda ok: QTimer.singleShot(300, go))

        def go() -> None:
            controller.import_paths([Path(import_dir)], "Imported")
            QTimer.singleShot(300, press)

        def press() -> None:
            target = QApplication.focusWidget() or QApplication.activeWindow() or app.main_window
            sys.stdout.write(f"KEY {time.monotonic():.6f}\n")
            sys.stdout.flush()
            QTest.keyClick(target, Qt.Key.Key_F12)

        controller.unlocked.connect(unlocked)
        passphrase = Path(pass_file).read_text(encoding="utf-8").split("\n", 1)[0]
        controller.unlock(Path(vault), passphrase)

    def patched_start(self: ui_main.App) -> None:
        start(self)
        QTimer.singleShot(0, lambda: scenario(self))

    ui_main.App.start = patched_start  # type: ignore[method-assign]
    sys.argv = [sys.argv[0]]
    return app_main()


if __name__ == "__main__":
    raise SystemExit(main())
