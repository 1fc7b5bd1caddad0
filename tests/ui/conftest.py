"""GUI test fixtures: the real app (pytest-qt, offscreen), a private config folder, a
controllable clock for unlock throttling, and synthetic images (never real photos)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

# As in run_app: QtWebEngine (the in-app browser) is loaded before the QApplication exists.
from app.ui.main import prepare_webengine
from app.vault import Vault
from tests.conftest import PASSPHRASE

prepare_webengine()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config"
    monkeypatch.setenv("LOCKER_CONFIG_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def no_tsa_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app stamps pending entries in the background; tests never reach the internet."""
    config = tmp_path / "tsa-none.json"
    config.write_text('{"tsas": []}', encoding="utf-8")
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def gui(qtbot, qapp, config_dir: Path, clock: FakeClock) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from app.ui.attempts import AttemptLog
    from app.ui.main import App
    from app.ui.settings import Settings
    from app.ui.style import STYLE

    qapp.setStyleSheet(STYLE)
    app = App(
        qapp,
        Settings(language="en"),
        AttemptLog(config_dir / "attempts.json", clock),
        quit_on_exit=False,
    )
    app.start()
    yield app
    if app.controller.is_unlocked:
        app.controller.lock("user")
    app.controller.pool.waitForDone(10_000)
    from app.ui.i18n import install_language

    install_language("en")
    for window in (app.main_window, app.unlock_window):
        window.hide()
        window.deleteLater()
    qapp.removeEventFilter(app.idle)
    qapp.removeEventFilter(app)
    app.quick_exit_action.setShortcuts([])  # never two app-wide shortcuts at once
    app.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def checkerboard(path: Path, size: tuple[int, int] = (480, 360), cell: int = 12) -> Path:
    """A synthetic, very sharp test image."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], cell):
        for y in range(0, size[1], cell):
            if (x // cell + y // cell) % 2:
                draw.rectangle([x, y, x + cell - 1, y + cell - 1], fill=(20, 20, 20))
    image.save(path)
    return path


def make_vault(path: Path) -> Path:
    Vault.create(path, PASSPHRASE).close()
    return path


def unlock(app, qtbot, path: Path, passphrase: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    window = app.unlock_window
    window.path_edit.setText(str(path))
    window.pass_edit.setText(passphrase)
    window.unlock_button.click()
    qtbot.waitUntil(lambda: app.controller.is_unlocked, timeout=15_000)
    qtbot.waitUntil(lambda: app.main_window.isVisible(), timeout=5_000)


@pytest.fixture
def checker_vault(gui, qtbot, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A vault holding one synthetic checkerboard image (c.png, case General), unlocked in
    the app with its row listed. Returns the vault's path."""
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"))
    unlock(gui, qtbot, path)
    wait_rows(gui, qtbot, 1)
    return path


def wait_rows(app, qtbot, count: int, timeout: int = 30_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: app.main_window.model.rowCount() >= count, timeout=timeout)


def edge_energy(image) -> float:  # type: ignore[no-untyped-def]
    """Mean absolute difference between neighbouring grey pixels: high when sharp."""
    from PySide6.QtGui import QImage

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = grey.width(), grey.height()
    data = bytes(grey.constBits())
    stride = grey.bytesPerLine()
    total, count = 0, 0
    for y in range(0, height - 1):
        row, below = y * stride, (y + 1) * stride
        for x in range(0, width - 1):
            p = data[row + x]
            total += abs(p - data[row + x + 1]) + abs(p - data[below + x])
            count += 2
    return total / max(count, 1)
