#!/usr/bin/env python3
"""Screenshots for the README, taken from the real app running offscreen on a synthetic
vault (generated shapes and text only, never real images).

    .venv/bin/python scripts/make_screenshots.py [--out docs/screenshots]

Run it again whenever the UI changes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "synthetic screenshots only passphrase"


def synthetic_image(path: Path, seed: int) -> Path:
    """A made-up 'page' or 'photo': coloured blocks, circles and a caption."""
    from PIL import Image, ImageDraw

    colours = [(76, 110, 145), (196, 120, 92), (94, 150, 120), (170, 160, 90), (120, 96, 160)]
    image = Image.new("RGB", (640, 480), (236, 238, 242))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 640, 56], fill=colours[seed % 5])
    for n in range(6):
        x, y = 40 + (seed * 37 + n * 97) % 520, 90 + (seed * 53 + n * 61) % 300
        draw.ellipse([x, y, x + 70 + n * 6, y + 70 + n * 6], fill=colours[(seed + n) % 5])
    for n in range(5):
        draw.rectangle([40, 400 + n * 12, 600 - n * 70, 406 + n * 12], fill=(150, 155, 165))
    draw.text((24, 20), f"Synthetic page {seed}", fill=(255, 255, 255))
    image.save(path)
    return path


def build_vault(folder: Path) -> Path:
    from app.vault import Vault

    path = folder / "screenshots.locker"
    vault = Vault.create(path, PASSPHRASE)
    titles = [
        "forum-post-01.png",
        "profile-page.png",
        "chat-capture.png",
        "board-thread.png",
        "image-host-02.png",
        "search-results.png",
        "comment-thread.png",
        "repost-03.png",
    ]
    for n, title in enumerate(titles):
        case = "사건 2026-01" if n < 5 else "Case B"
        image = synthetic_image(folder / title, n)
        vault.add_file(
            image,
            case=case,
            source_url=f"https://example.{'com' if n % 2 else 'org'}/p/{n}",
            note="Reported to the platform" if n in (1, 4) else None,
        )
    vault.add_tag(2, "instagram")
    vault.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="locker-shots-") as tmp:
        folder = Path(tmp)
        os.environ["LOCKER_CONFIG_DIR"] = str(folder / "config")
        # The shipped TSA list, all turned off: no network, items stay "pending".
        from app.timestamp.config import SHIPPED_CONFIG

        shipped = json.loads(SHIPPED_CONFIG.read_text(encoding="utf-8"))
        for entry in shipped["tsas"]:
            entry["enabled"] = False
            entry["roots"] = [str(SHIPPED_CONFIG.parent / r) for r in entry.get("roots", [])]
        offline = folder / "tsa-offline.json"
        offline.write_text(json.dumps(shipped), encoding="utf-8")
        os.environ["LOCKER_TSA_CONFIG"] = str(offline)
        return shoot(folder, args.out)


def shoot(folder: Path, out: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.main import App
    from app.ui.settings import Settings
    from app.ui.style import STYLE

    vault_path = build_vault(folder)
    qapp = QApplication([sys.argv[0]])
    qapp.setStyleSheet(STYLE)
    app = App(qapp, Settings(language="en"), quit_on_exit=False)

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(condition, timeout_ms: int = 20_000) -> None:  # type: ignore[no-untyped-def]
        for _ in range(timeout_ms // 50):
            if condition():
                return
            spin(50)
        raise SystemExit("screenshot script: the app did not get there in time")

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        spin(150)
        widget.grab().save(str(out / name))
        print(out / name)

    def language(code: str) -> None:
        settings = app.controller.settings
        settings.language = code
        app.save_settings(settings)
        spin(100)

    window = app.unlock_window
    window.resize(760, 600)
    app.start()
    window.path_edit.setText(str(vault_path))
    for code in ("en", "ko"):
        language(code)
        save(window, f"unlock-{code}.png")
    window.create_tab.click()
    window.new_path_edit.setText(str(folder / "new.locker"))
    window.new_pass_edit.setText("four unrelated calm words")
    save(window, "create-ko.png")
    window.open_tab.click()
    window.pass_edit.setText(PASSPHRASE)
    window.unlock_button.click()
    wait(lambda: app.main_window.isVisible())
    main = app.main_window
    main.resize(1280, 800)
    wait(lambda: main.model.rowCount() >= 8)
    main.grid.setCurrentIndex(main.model.index(2, 0))
    wait(
        lambda: all(
            main.model.thumbnail_loaded(main.model.item_at(r).id)
            for r in range(main.model.rowCount())
        )
    )
    save(main, "main-grid-ko.png")
    language("en")
    save(main, "main-grid-en.png")
    main.act_table.trigger()
    save(main, "main-table-en.png")
    language("ko")
    main.act_text_only.trigger()
    save(main, "main-text-only-ko.png")
    main.act_text_only.trigger()
    main.act_settings.trigger()
    from app.ui.dialogs import SettingsDialog

    dialog = main.findChild(SettingsDialog)
    if dialog is not None:
        dialog.resize(680, dialog.sizeHint().height() + 20)
        save(dialog, "settings-ko.png")
        dialog.reject()
    app.controller.lock("user")
    app.controller.pool.waitForDone(10_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
