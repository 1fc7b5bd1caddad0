"""A scripted desktop-app session, run as a child process by the adversarial tests:
unlock a vault in the real app (offscreen), let it show the items and do its background
work, optionally verify, then lock and quit. Prints one line "unlocked N" on success.

    python -m tests.adversarial.gui_session VAULT PASSPHRASE_FILE [--seconds S] [--verify]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("vault", type=Path)
    parser.add_argument("passphrase_file", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--import-dir", type=Path, help="import this folder through the app")
    parser.add_argument("--reveal-all", action="store_true", help="reveal every item")
    parser.add_argument("--browse", help="open this page in the in-app browser and capture it")
    parser.add_argument(
        "--file-dialog",
        action="store_true",
        help="first browse to the vault's folder in the app's file dialog",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.attempts import AttemptLog
    from app.ui.main import App
    from app.ui.settings import Settings, config_dir

    qapp = QApplication([sys.argv[0]])
    app = App(
        qapp,
        Settings(language="en"),
        AttemptLog(config_dir() / "attempts.json"),
        quit_on_exit=False,
    )
    app.start()
    controller = app.controller

    def wait_for(signal, seconds: float) -> bool:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        fired: list[bool] = []
        signal.connect(lambda *a: (fired.append(True), loop.quit()))
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        return bool(fired)

    if args.file_dialog:  # Qt's file dialog would keep this folder in its history

        def close_dialog() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                dialog.close()
            else:
                QTimer.singleShot(100, close_dialog)

        app.unlock_window.path_edit.setText(str(args.vault))
        QTimer.singleShot(500, close_dialog)
        app.unlock_window._choose_open()
        sys.stdout.write("file dialog shown\n")
    passphrase = args.passphrase_file.read_text(encoding="utf-8").split("\n", 1)[0]
    QTimer.singleShot(0, lambda: controller.unlock(args.vault, passphrase))
    if not wait_for(controller.unlocked, 60):
        sys.stderr.write("the app did not unlock the vault\n")
        return 1
    if args.import_dir is not None:
        errors: list[str] = []
        controller.error.connect(errors.append)
        QTimer.singleShot(0, lambda: controller.import_paths([args.import_dir], "Imported"))
        if not wait_for(controller.items_changed, 120):
            sys.stderr.write("the import did not finish\n")
            return 1
        sys.stdout.write(f"import errors {len(errors)}\n")
    if args.reveal_all and controller.vault is not None:
        revealed = 0
        for item in controller.vault.list_items(archived=None):
            QTimer.singleShot(0, lambda i=item.id: controller.reveal(i))
            revealed += wait_for(controller.revealed, 60)
        sys.stdout.write(f"revealed {revealed}\n")
    if args.browse:
        from app.ui.browser import BrowserWindow

        window = BrowserWindow(controller, "Browsed")
        window.show()
        QTimer.singleShot(0, lambda: window.browser.load(args.browse))
        if not wait_for(window.browser.page.loadFinished, 60):
            sys.stderr.write("the browser did not load the page\n")
            return 1
        QTimer.singleShot(500, window.browser.capture_page)
        stored = wait_for(window.browser.stored, 120)
        sys.stdout.write(f"browsed {'stored' if stored else 'not stored'}\n")
    count = controller.vault.count_items(archived=None) if controller.vault else -1
    if args.verify:
        QTimer.singleShot(0, controller.verify)
        if not wait_for(controller.verify_done, 60):
            sys.stderr.write("verify did not finish\n")
            return 1
    loop = QEventLoop()
    QTimer.singleShot(int(args.seconds * 1000), loop.quit)
    loop.exec()  # thumbnails, status refresh, background work
    markers = [m for m in os.environ.get("LEAK_MARKERS", "").split(",") if m]
    if markers:  # nothing from the evidence may sit on the clipboard
        mime = qapp.clipboard().mimeData()
        held = (
            ""
            if mime is None
            else " ".join(
                [mime.text(), mime.html()]
                + [bytes(mime.data(f).data()).decode("utf-8", "replace") for f in mime.formats()]
            )
        )
        leaked = [m for m in markers if m in held]
        sys.stdout.write(f"clipboard {'LEAK ' + ','.join(leaked) if leaked else 'clean'}\n")
    sys.stdout.write(f"unlocked {count}\n")
    sys.stdout.flush()
    controller.lock("user")
    controller.pool.waitForDone(30_000)
    qapp.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
