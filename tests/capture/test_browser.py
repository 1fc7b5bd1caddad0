"""The in-app browser: images blurred by default (checked on rendered pixels), including
one inserted by script after load; a deliberate toggle shows them; captures are sharp."""

from __future__ import annotations

import io
import statistics
from typing import Any

from PIL import Image
from PySide6.QtCore import QEventLoop, QTimer


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _contrast(image: Image.Image, left: int, top: int) -> float:
    """Spread of grey values in the middle of a 240 px checkerboard drawn at (left, top):
    about 127 when sharp, near 0 when blurred."""
    grey = image.convert("L").crop((left + 70, top + 70, left + 170, top + 170))
    return statistics.pstdev(grey.tobytes())


def _screen(browser: Any) -> Image.Image:
    qimage = browser.view.grab().toImage()
    from PySide6.QtCore import QBuffer, QIODevice

    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    qimage.save(buf, "PNG")
    image = Image.open(io.BytesIO(bytes(buf.data().data())))
    scale = image.width / browser.view.width()
    return image.resize((browser.view.width(), int(image.height / scale))) if scale != 1 else image


def test_images_blurred_by_default_toggle_shows_and_capture_is_sharp(
    qtbot: Any, vault: Any, site: Any, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.browser import BrowserWidget

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)

    browser = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(browser)
    browser.resize(1000, 700)
    browser.show()
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.load(site.url("/sharp"))
    _wait(900)  # the second image is inserted 150 ms after load

    shown = _screen(browser)
    assert _contrast(shown, 0, 0) < 25, "the image must be blurred on screen"
    assert _contrast(shown, 300, 0) < 25, "an image added by script later must be blurred"
    assert _contrast(shown, 600, 0) < 25, "a CSS background image must be blurred"
    assert _contrast(shown, 0, 300) < 25, "an image inside a frame must be blurred"
    assert _contrast(shown, 300, 300) < 25, "an image in a closed shadow root must be blurred"

    with qtbot.waitSignal(browser.loaded, timeout=20_000):
        browser.show_images.setChecked(True)  # the deliberate (confirmed) choice
    _wait(900)
    revealed = _screen(browser)
    assert _contrast(revealed, 0, 0) > 90
    assert _contrast(revealed, 300, 0) > 90
    assert _contrast(revealed, 600, 0) > 90
    assert _contrast(revealed, 0, 300) > 90
    assert _contrast(revealed, 300, 300) > 90
    with qtbot.waitSignal(browser.loaded, timeout=20_000):
        browser.show_images.setChecked(False)
    _wait(900)
    assert _contrast(_screen(browser), 0, 0) < 25

    browser._capturer.settle_ms = 1000  # let the late image arrive in the hidden load
    with qtbot.waitSignal(browser.stored, timeout=30_000) as stored:
        browser.capture_page()
    kind, item_id = stored.args
    assert kind == "capture"
    item = vault.get_item(item_id)
    assert item.metadata["capture_method"] == "in-app browser"
    assert item.metadata["final_url"] == site.url("/sharp")
    png = Image.open(io.BytesIO(vault.open_artifact(item_id, "page.png").read()))
    assert _contrast(png, 0, 0) > 90, "the stored capture must be sharp"
    assert _contrast(png, 300, 0) > 90
    assert _contrast(png, 600, 0) > 90
    assert _contrast(png, 300, 300) > 90
    # What is on screen stayed blurred during and after the capture.
    assert _contrast(_screen(browser), 0, 0) < 25
    browser.shutdown()


def test_a_page_cannot_switch_the_blur_off(qtbot: Any, vault: Any, site: Any) -> None:
    from app.ui.browser import BrowserWidget

    browser = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(browser)
    browser.resize(800, 600)
    browser.show()
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.load(site.url("/hostile"))
    _wait(900)
    assert _contrast(_screen(browser), 0, 0) < 25
    assert browser.page.url().toString() == site.url("/hostile")  # pop-ups went nowhere
    browser.shutdown()


def test_link_to_a_new_window_opens_here_still_blurred(qtbot: Any, vault: Any, site: Any) -> None:
    from PySide6.QtCore import QPoint, Qt

    from app.ui.browser import BrowserWidget

    browser = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(browser)
    browser.resize(1000, 700)
    browser.show()
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.load(site.url("/links"))
    _wait(300)
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        qtbot.mouseClick(browser.view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(60, 60))
    assert browser.page.url().toString() == site.url("/sharp")
    _wait(900)
    shown = _screen(browser)
    assert _contrast(shown, 0, 0) < 25 and _contrast(shown, 300, 0) < 25
    browser.shutdown()


def test_capture_as_shown_keeps_what_was_opened_and_is_sharp(
    qtbot: Any, vault: Any, site: Any
) -> None:
    from app.ui.browser import BrowserWidget

    browser = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(browser)
    browser.resize(1000, 700)
    browser.show()
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.load(site.url("/expand"))
    browser.page.runJavaScript("document.getElementById('more').click()")
    _wait(800)
    assert _contrast(_screen(browser), 0, 0) < 25  # the new image is blurred on screen
    with qtbot.waitSignal(browser.stored, timeout=30_000) as stored:
        browser.capture_as_shown()
    item = vault.get_item(stored.args[1])
    assert item.metadata["final_url"] == site.url("/expand")
    assert item.metadata["capture_method"] == "in-app browser, as shown"
    text = vault.open_artifact(item.id, "page.txt").read().decode("utf-8")
    assert "EXPANDED-REPLY 댓글" in text
    mhtml = vault.open_artifact(item.id, "page.mhtml").read()
    assert b"EXPANDED-REPLY" in mhtml
    assert b"evidence-locker" not in mhtml  # the stored page carries none of the blur
    png = Image.open(io.BytesIO(vault.open_artifact(item.id, "page.png").read()))
    assert _contrast(png, 0, 0) > 90, "the stored capture must be sharp"
    assert _contrast(_screen(browser), 0, 0) < 25  # still blurred on screen
    browser.shutdown()


def test_download_goes_into_the_vault(qtbot: Any, vault: Any, site: Any) -> None:
    from app.ui.browser import BrowserWidget
    from tests.capture.conftest import sha256

    browser = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.stored, timeout=30_000) as stored:
        browser.page.download(browser.page.url().fromUserInput(site.url("/img/3.png")), "x.png")
    kind, item_id = stored.args
    item = vault.get_item(item_id)
    assert kind == "download" and item.kind == "download"
    from tests.capture.conftest import png_bytes

    assert item.sha256 == sha256(png_bytes(120, 80, ((3 * 70) % 256, 90, 160)))
    browser.shutdown()


def test_profile_is_off_the_record_unless_chosen(
    qtbot: Any, vault: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    from app.ui.browser import BrowserWidget

    where = tmp_path / "browser-profile"
    monkeypatch.setenv("LOCKER_BROWSER_PROFILE_DIR", str(where))
    private = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(private)
    assert private.profile.isOffTheRecord()
    assert private.profile_choice.currentIndex() == 0
    assert not where.exists()  # nothing is created for the default, private browser

    logged_in = BrowserWidget(lambda: vault, "Case B", persistent=True)
    qtbot.addWidget(logged_in)
    profile = logged_in.profile
    assert not profile.isOffTheRecord()
    assert profile.persistentStoragePath().startswith(str(where))
    assert profile.httpCacheType() == profile.HttpCacheType.MemoryHttpCache
    assert (where.stat().st_mode & 0o777) == 0o700
    private.shutdown()
    logged_in.shutdown()


def test_only_web_addresses_open(qtbot: Any, vault: Any, tmp_path: Any) -> None:
    from app.ui.browser import BrowserWidget

    secret = tmp_path / "local.html"
    secret.write_text("<p>local file</p>", encoding="utf-8")
    browser = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(browser)
    messages: list[str] = []
    browser.status.connect(messages.append)
    browser.load(f"file://{secret}")
    browser.load("javascript:alert(1)")
    browser.load("two words")
    assert len(messages) == 3 and all("web address" in m for m in messages)
    assert browser.page.url().toString() in ("", "about:blank")
    # A page cannot send the browser to a local file either.
    assert not browser.page.acceptNavigationRequest(f"file://{secret}", None, True)
    browser.shutdown()
