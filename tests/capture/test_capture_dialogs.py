"""The capture dialogs the main window opens, driven with the real controller."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.capture.conftest import FAST


@pytest.fixture
def controller(qapp: Any, vault: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("LOCKER_CONFIG_DIR", str(tmp_path / "config"))
    from app.ui.attempts import AttemptLog
    from app.ui.controller import Controller
    from app.ui.settings import Settings

    ctl = Controller(Settings(language="en"), AttemptLog(tmp_path / "attempts.json"))
    ctl.vault = vault
    yield ctl
    ctl.pool.waitForDone(10_000)
    ctl.vault = None


def test_batch_dialog_shows_a_result_per_url_and_retries(
    qtbot: Any, controller: Any, site: Any, monkeypatch: Any
) -> None:
    import app.ui.capture_dialogs as dialogs
    from app.capture.batch import BatchCapture

    class FastBatch(BatchCapture):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**FAST, **kwargs})

    monkeypatch.setattr(dialogs, "BatchCapture", FastBatch)

    dialog = dialogs.open_capture_dialog(None, controller, "Dialog case")
    qtbot.addWidget(dialog)
    dialog.urls.setPlainText(
        "\n".join([site.url("/page/d1"), site.url("/gone/d"), site.url("/page/d2")])
    )
    changed: list[int] = []
    controller.items_changed.connect(lambda: changed.append(1))
    with qtbot.waitSignal(_start(dialog), timeout=60_000):
        pass
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 1).text() == "Saved"
    assert dialog.table.item(1, 1).text() == "Failed"
    assert "HTTP 404" in dialog.table.item(1, 2).text()
    assert dialog.table.item(2, 2).text().startswith("Item ")
    assert dialog.progress.value() == 3 and dialog.progress.maximum() == 3
    assert dialog.retry_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert "2 saved, 1 failed" in dialog.summary.text()
    assert len(changed) == 2
    assert controller.vault.count_items("Dialog case") == 2
    with qtbot.waitSignal(dialog.batch.finished, timeout=60_000):
        dialog.retry()
    assert dialog.table.item(1, 1).text() == "Failed"
    dialog.close()


def test_batch_dialog_says_when_the_picture_is_not_the_whole_page(
    qtbot: Any, controller: Any, site: Any, monkeypatch: Any
) -> None:
    import app.ui.capture_dialogs as dialogs
    from app.capture.batch import BatchCapture
    from app.ui.details import metadata_text

    class CutBatch(BatchCapture):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**FAST, "max_height": 2000, **kwargs})

    monkeypatch.setattr(dialogs, "BatchCapture", CutBatch)

    dialog = dialogs.open_capture_dialog(None, controller, "Cut case")
    qtbot.addWidget(dialog)
    dialog.urls.setPlainText(site.url("/tall"))
    with qtbot.waitSignal(_start(dialog), timeout=60_000):
        pass
    detail = dialog.table.item(0, 2).text()
    assert detail.startswith("Item 1; not the whole page: ") and "maximum height of 2000" in detail
    # The details pane lists the screenshot record first for such an item.
    item = controller.vault.get_item("1")
    assert metadata_text(item.metadata).startswith("Page picture: whole page no")
    dialog.close()


def test_closing_the_batch_dialog_still_stores_the_pages_already_captured(
    qtbot: Any, controller: Any, site: Any, monkeypatch: Any
) -> None:
    """Two pages wait behind one still loading when the window is closed: the loading one
    is cancelled, the two are stored in list order and the main list hears of each."""
    import threading

    import app.ui.capture_dialogs as dialogs
    from app.capture.batch import STORING, BatchCapture
    from tests.capture.conftest import GATES

    class FastBatch(BatchCapture):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**FAST, **kwargs})

    monkeypatch.setattr(dialogs, "BatchCapture", FastBatch)
    gate = GATES.setdefault("close", threading.Event())
    gate.clear()
    urls = [site.url("/gate/close"), site.url("/page/w1"), site.url("/page/w2")]
    dialog = dialogs.open_capture_dialog(None, controller, "Closed case")
    dialog.show()
    dialog.urls.setPlainText("\n".join(urls))
    changed: list[int] = []
    controller.items_changed.connect(lambda: changed.append(1))
    try:
        dialog.start()
        batch = dialog.batch
        qtbot.waitUntil(
            lambda: [e.state for e in batch.entries[1:]] == [STORING, STORING], timeout=30_000
        )
        dialog.close()  # deletes the dialog (WA_DeleteOnClose); the batch lives on
        qtbot.waitUntil(lambda: controller.vault.count_items("Closed case") == 2, timeout=30_000)
        qtbot.waitUntil(lambda: len(changed) == 2, timeout=10_000)
    finally:
        gate.set()
    items = sorted(controller.vault.list_items(case="Closed case"), key=lambda i: i.id)
    assert [i.source_url for i in items] == urls[1:]


def _start(dialog: Any) -> Any:
    """Start the batch; its ``finished`` signal to wait on."""
    dialog.start()
    return dialog.batch.finished


def test_screenshot_dialog_hides_the_app_and_stores_a_png(qtbot: Any, controller: Any) -> None:
    from PySide6.QtWidgets import QWidget

    from app.ui.capture_dialogs import ScreenshotDialog

    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    dialog = ScreenshotDialog(main, controller, "Shots", allow_offscreen=True)
    dialog.show()
    dialog.mode_region.setChecked(True)
    for box, value in zip(dialog.region, (5, 5, 64, 48), strict=True):
        box.setValue(value)
    hidden_during: list[bool] = []
    import app.capture.screenshot as screenshot

    real = screenshot.take_screenshot

    def spy(**kwargs: Any) -> Any:
        hidden_during.append(not main.isVisible() and not dialog.isVisible())
        return real(**kwargs)

    screenshot.take_screenshot = spy  # type: ignore[assignment]
    try:
        with qtbot.waitSignal(controller.items_changed, timeout=20_000):
            dialog.take()
    finally:
        screenshot.take_screenshot = real  # type: ignore[assignment]
    assert hidden_during == [True]
    assert main.isVisible()
    items = controller.vault.list_items("Shots")
    assert len(items) == 1 and items[0].kind == "screenshot"
    assert items[0].metadata["area"] == {"x": 5, "y": 5, "width": 64, "height": 48}


def test_region_drawn_on_the_screen_is_cut_from_the_still(qtbot: Any, controller: Any) -> None:
    from PySide6.QtCore import QPoint, Qt

    from app.ui.capture_dialogs import ScreenshotDialog

    dialog = ScreenshotDialog(None, controller, "Drawn", allow_offscreen=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mode_draw.setChecked(True)
    dialog.take()
    qtbot.waitUntil(lambda: dialog.picker is not None and dialog.picker.isVisible(), timeout=10_000)
    assert not dialog.isVisible()  # the app stays hidden while the region is chosen
    picker = dialog.picker
    with qtbot.waitSignal(controller.items_changed, timeout=20_000):
        qtbot.mousePress(picker, Qt.MouseButton.LeftButton, pos=QPoint(40, 30))
        qtbot.mouseMove(picker, QPoint(120, 90))
        qtbot.mouseRelease(picker, Qt.MouseButton.LeftButton, pos=QPoint(140, 110))
    item = controller.vault.list_items("Drawn")[0]
    assert item.metadata["mode"] == "region"
    assert item.metadata["area"] == {"x": 40, "y": 30, "width": 100, "height": 80}
    png = controller.vault.open_artifact(item.id, "original").read()
    assert Image.open(io.BytesIO(png)).size == (100, 80)


def test_browser_window_closes_and_frees_its_profile_when_the_vault_locks(
    qtbot: Any, controller: Any, site: Any
) -> None:
    from PySide6.QtCore import QObject

    from app.ui.browser import BrowserWindow

    window = BrowserWindow(controller, "Case W")
    window.show()
    free = window.screen().availableGeometry()  # its status bar stays on screen
    assert window.height() < free.height()
    assert window.browser.images_shown() is False  # safe browsing follows the setting
    destroyed: list[bool] = []
    profile: QObject = window.browser.profile
    profile.destroyed.connect(lambda: destroyed.append(True))
    with qtbot.waitSignal(window.browser.stored, timeout=30_000):
        window.browser.load(site.url("/page/w1"))
        qtbot.waitUntil(lambda: window.browser.page.url().toString().endswith("/page/w1"))
        qtbot.wait(300)
        window.browser.capture_page()
    controller.locked.emit("user")
    qtbot.waitUntil(lambda: bool(destroyed), timeout=5_000)
    controller.locked.emit("user")  # a second lock finds no stale window to close
    controller.hide_now.emit()
