"""Desktop app benchmark: a vault with 100,000 items opens at once and scrolls smoothly.

Run: .venv/bin/python -m tests.bench.bench_ui_scroll [COUNT]   (offscreen; prints, no asserts)

Prints: time from unlock to the first rows on screen, the event loop's worst lateness
(a 20 ms timer) while the grid and the table are scrolled through pages and thumbnails
load, and how much was loaded (rows, thumbnails held in memory).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(path: Path, count: int, passphrase: str) -> None:
    from PIL import Image

    from app.vault import Vault
    from app.vault.models import NewArtifact, NewItem

    def png(n: int) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (8, 8), ((n * 37) % 256, (n * 91) % 256, 120)).save(out, format="PNG")
        return out.getvalue()

    with Vault.create(path, passphrase) as vault:
        for n in range(count):
            vault.add_item(
                NewItem("file", f"Case {n % 7}", f"synthetic-{n:06d}.png"),
                [NewArtifact("original", f"s{n}.png", png(n), "image/png")],
            )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    passphrase = "benchmark passphrase words"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LOCKER_CONFIG_DIR"] = str(Path(tmp) / "config")
        no_tsas = Path(tmp) / "tsa.json"
        no_tsas.write_text('{"tsas": []}', encoding="utf-8")
        os.environ["LOCKER_TSA_CONFIG"] = str(no_tsas)
        path = Path(tmp) / "big.locker"
        start = time.perf_counter()
        build(path, count, passphrase)
        print(f"built {count} items in {time.perf_counter() - start:.1f} s")
        run(path, passphrase, count)


def run(path: Path, passphrase: str, count: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.capture import qt_refcount
    from app.ui.main import App
    from app.ui.settings import Settings

    qt_refcount.install()  # as the app does (run_app)
    qapp = QApplication([sys.argv[0]])
    app = App(qapp, Settings(language="en"), quit_on_exit=False)
    app.start()
    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append((now - last[0]) * 1000 - 20)
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    main = app.main_window
    begin = time.perf_counter()
    app.unlock_window.path_edit.setText(str(path))
    app.unlock_window.pass_edit.setText(passphrase)
    app.unlock_window.unlock_button.click()
    while main.model.rowCount() == 0:
        spin(5)
    print(
        f"unlock to first rows: {time.perf_counter() - begin:.2f} s "
        f"(total {main.model.total()}, loaded {main.model.rowCount()})"
    )
    lateness.clear()
    begin = time.perf_counter()
    for view in (main.grid, main.table):
        main.set_view("grid" if view is main.grid else "table")
        bar = view.verticalScrollBar()
        for _ in range(60):
            bar.setValue(bar.maximum())
            spin(30)
    ordered = sorted(lateness)
    print(
        f"scrolled for {time.perf_counter() - begin:.1f} s: rows loaded {main.model.rowCount()}, "
        f"thumbnails in memory {len(main.model._thumbs)}"
    )
    print(
        f"event loop lateness: p50 {ordered[len(ordered) // 2]:.1f} ms, "
        f"p99 {ordered[int(len(ordered) * 0.99)]:.1f} ms, worst {ordered[-1]:.1f} ms"
    )
    app.controller.lock("user")


if __name__ == "__main__":
    main()
