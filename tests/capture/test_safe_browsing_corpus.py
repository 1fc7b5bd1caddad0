"""Safe browsing against a hostile-page corpus (tests/capture/hostile_pages.py): every
page is loaded in the real browser widget, the screen is grabbed and scored for
sharpness. While images are hidden no picture is sharp, whatever the page does; the text
on the same pages stays sharp; after the confirmed "Show images" pictures are sharp."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QTimer

from tests.capture.hostile_pages import (
    CASES,
    INSET,
    PIC,
    TEXT,
    Case,
    blurred_control,
    checker,
    serve,
    sharpness,
)

# A tile scoring above this has edges a picture's detail would show: the fine
# checkerboard scores over 100 sharp; blurred (the control) about a fifth of that.
PICTURE_LIMIT = 30.0
TEXT_MIN = 60.0  # glyph edges of the text line


@pytest.fixture(scope="module")
def corpus_site() -> Iterator[str]:
    with serve() as base:
        yield base


def _grab(browser: Any) -> Image.Image:
    qimage = browser.view.grab().toImage()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    qimage.save(buf, "PNG")
    image = Image.open(io.BytesIO(bytes(buf.data().data()))).convert("RGB")
    if image.width != browser.view.width():
        image = image.resize((browser.view.width(), browser.view.height()))
    return image


def _spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _settled(browser: Any, case: Case) -> Image.Image:
    """The screen once the page has done what it does (title 'ready') and two grabs in a
    row are the same (pictures arrive asynchronously)."""
    waited = 0
    if not case.raw:
        while browser.page.title() != "ready" and waited < 10_000:
            _spin(20)
            waited += 20
        assert browser.page.title() == "ready", f"{case.name}: the page never got ready"
    last = _grab(browser)
    for _ in range(100):
        _spin(80)
        now = _grab(browser)
        if now.tobytes() == last.tobytes():
            return now
        last = now
    return last


def _load(qtbot: Any, browser: Any, base: str, case: Case) -> Image.Image:
    url = f"{base}/case/{case.name}{case.fragment}"
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.view.setUrl(url)  # load() insists on https for typed addresses
    return _settled(browser, case)


def _browser(qtbot: Any, vault: Any) -> Any:
    from app.ui.browser import BrowserWidget

    browser = BrowserWidget(lambda: vault, "Case B")
    qtbot.addWidget(browser)
    browser.resize(1040, 640)
    browser.show()
    return browser


def test_score_tells_sharp_from_blurred() -> None:
    sharp = checker(240, 4)
    assert sharpness(sharp, (10, 10, 230, 230)) > 3 * PICTURE_LIMIT
    assert sharpness(blurred_control(), (10, 10, 230, 230)) < PICTURE_LIMIT


def _run_corpus(qtbot: Any, browser: Any, base: str) -> list[tuple[Case, float, float | None]]:
    """Every case (or those named in CORPUS_ONLY) loaded, settled and scored."""
    only = os.environ.get("CORPUS_ONLY")
    scored = []
    for case in CASES:
        if only and case.name not in only.split(","):
            continue
        screen = _load(qtbot, browser, base, case)
        if os.environ.get("CORPUS_DUMP"):
            screen.save(f"{os.environ['CORPUS_DUMP']}/{case.name}.png")
        text = sharpness(screen, TEXT) if case.text else None
        scored.append((case, sharpness(screen, case.region, INSET), text))
    print(
        "\n".join(f"{case.name}: picture {score:.0f}, text {text}" for case, score, text in scored)
    )
    return scored


def test_no_case_shows_a_sharp_picture_while_images_are_hidden(
    qtbot: Any, vault: Any, corpus_site: str
) -> None:
    browser = _browser(qtbot, vault)
    failures: list[str] = []
    for case, score, text in _run_corpus(qtbot, browser, corpus_site):
        if case.covered and score > PICTURE_LIMIT:
            failures.append(f"{case.name}: a sharp picture on screen (score {score:.0f})")
        if not case.covered and score <= PICTURE_LIMIT:
            failures.append(
                f"{case.name}: listed as a gap but blurred now: update the corpus and the README"
            )
        if text is not None and text < TEXT_MIN:
            failures.append(f"{case.name}: the text is not legible (score {text:.0f})")
    browser.shutdown()
    assert not failures, "\n".join(failures)


def test_every_case_shows_its_picture_sharp_once_images_are_shown(
    qtbot: Any, vault: Any, corpus_site: str, monkeypatch: Any
) -> None:
    """The corpus is real: with images shown, each case has a sharp picture on screen."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    browser = _browser(qtbot, vault)
    browser.show_images.setChecked(True)
    dull = [
        f"{case.name}: {score:.0f}"
        for case, score, _text in _run_corpus(qtbot, browser, corpus_site)
        if score <= PICTURE_LIMIT
    ]
    browser.shutdown()
    assert not dull, "cases without a sharp picture even when shown: " + ", ".join(dull)


def test_show_images_is_confirmed_once_and_shows_pictures_sharp(
    qtbot: Any, vault: Any, corpus_site: str, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    browser = _browser(qtbot, vault)
    case = next(c for c in CASES if c.name == "css-background")
    assert sharpness(_load(qtbot, browser, corpus_site, case), PIC) < PICTURE_LIMIT
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def ask(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
            asked.append(args[1])
            return reply

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    browser.show_images.setChecked(True)
    assert len(asked) == 1 and not browser.images_shown()
    assert sharpness(_settled(browser, case), PIC) < PICTURE_LIMIT  # declined: still hidden

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(browser.loaded, timeout=20_000):
        browser.show_images.setChecked(True)
    assert browser.images_shown() and len(asked) == 2
    assert sharpness(_settled(browser, case), PIC) > 3 * PICTURE_LIMIT

    with qtbot.waitSignal(browser.loaded, timeout=20_000):
        browser.show_images.setChecked(False)
    assert sharpness(_settled(browser, case), PIC) < PICTURE_LIMIT
    with qtbot.waitSignal(browser.loaded, timeout=20_000):
        browser.show_images.setChecked(True)  # asked once per window
    assert len(asked) == 2
    assert sharpness(_settled(browser, case), PIC) > 3 * PICTURE_LIMIT

    # A service worker installed while images were shown would hand pictures to the page
    # past the shield: hiding unregisters it.
    worker = next(c for c in CASES if c.name == "service-worker")
    assert sharpness(_load(qtbot, browser, corpus_site, worker), PIC, INSET) > PICTURE_LIMIT
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.page.setUrl(browser.page.url())  # controlled by the worker now
    assert sharpness(_settled(browser, worker), PIC, INSET) > PICTURE_LIMIT
    with qtbot.waitSignal(browser.loaded, timeout=20_000):
        browser.show_images.setChecked(False)
    assert sharpness(_settled(browser, worker), PIC, INSET) < PICTURE_LIMIT
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.page.setUrl(browser.page.url())  # an ordinary visit: the worker answers
    assert sharpness(_settled(browser, worker), PIC, INSET) < PICTURE_LIMIT
    # Pictures seen sharp earlier in this window are not reused from a cache.
    for name in ("img", "css-background", "before-after"):
        again = next(c for c in CASES if c.name == name)
        assert sharpness(_load(qtbot, browser, corpus_site, again), PIC, INSET) < PICTURE_LIMIT
    browser.shutdown()
