"""MHTML saves take turns (app/capture/web_downloads.py SAVE_TURNS): QtWebEngine loses a
page save that starts in the same moment as another one, which hung capture batches and
could leave the in-app browser's "Capture as shown" waiting forever."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage

from app.capture.page_snapshot import PageSnapshot
from app.capture.web_downloads import _SaveTurns
from app.capture.web_engine import off_the_record_profile


def test_turns_run_one_save_at_a_time_in_order(qapp: Any, qtbot: Any) -> None:
    turns = _SaveTurns()
    ran: list[str] = []
    a, b, c = (lambda name=name: ran.append(name) for name in "abc")
    turns.take(a)
    turns.take(b)
    turns.take(c)
    assert ran == ["a"]  # b and c wait
    turns.end(c)  # given up while waiting: never runs
    turns.end(a)
    qtbot.waitUntil(lambda: ran == ["a", "b"], timeout=2_000)
    turns.end(b)
    turns.end(b)  # ending twice changes nothing
    qtbot.wait(50)
    assert ran == ["a", "b"]


def test_pages_saved_at_the_same_moment_are_all_saved(
    qapp: Any, qtbot: Any, site: Any, tmp_path: Path
) -> None:
    profile = off_the_record_profile()
    pages = [QWebEnginePage(profile) for _ in range(3)]
    try:
        for n, page in enumerate(pages):
            with qtbot.waitSignal(page.loadFinished, timeout=20_000):
                page.load(QUrl(site.url(f"/page/snap{n}")))
        saved: dict[int, bytes | None] = {}

        def keeper(n: int) -> Callable[[bytes | None], None]:
            return lambda data: saved.update({n: data})

        # All three ask to save in the same moment.
        snapshots = [
            PageSnapshot(page, tmp_path / f"{n}.mhtml", keeper(n)) for n, page in enumerate(pages)
        ]
        qtbot.waitUntil(lambda: len(saved) == 3, timeout=30_000)
        for n in range(3):
            data = saved[n]
            assert data is not None and b"Post snap" + str(n).encode() in data
        assert snapshots
    finally:
        for page in pages:  # every page goes before its profile (QtWebEngine's rule)
            shiboken6.delete(page)
        shiboken6.delete(profile)


class _SaveNeverEnds(QWebEnginePage):
    """A page whose save is asked for and never finishes (as QtWebEngine's lost save)."""

    def save(self, *args: Any) -> None:  # type: ignore[override]
        pass


def test_a_save_that_never_ends_gives_up_and_lets_the_next_one_save(
    qapp: Any, qtbot: Any, site: Any, tmp_path: Path
) -> None:
    profile = off_the_record_profile()
    stuck, page = _SaveNeverEnds(profile), QWebEnginePage(profile)
    try:
        for n, each in enumerate((stuck, page)):
            with qtbot.waitSignal(each.loadFinished, timeout=20_000):
                each.load(QUrl(site.url(f"/page/stuck{n}")))
        got: dict[str, bytes | None] = {}
        first = PageSnapshot(stuck, tmp_path / "a.mhtml", lambda d: got.update(a=d), 300)
        second = PageSnapshot(page, tmp_path / "b.mhtml", lambda d: got.update(b=d))
        qtbot.wait(100)
        assert got == {}  # the second waits for the first's turn
        qtbot.waitUntil(lambda: len(got) == 2, timeout=10_000)
        assert got["a"] is None  # gave up at its deadline
        assert got["b"] is not None and b"Post stuck1" in got["b"]
        assert first and second
    finally:
        for each in (stuck, page):
            shiboken6.delete(each)
        shiboken6.delete(profile)


def test_the_browser_capture_as_shown_waits_for_its_turn(qtbot: Any, vault: Any, site: Any) -> None:
    from app.capture.web_downloads import SAVE_TURNS
    from app.ui.browser import BrowserWidget

    browser = BrowserWidget(lambda: vault, "Turns")
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.load(site.url("/page/turn"))
    ran: list[int] = []

    def other_save() -> None:
        ran.append(1)

    saves: list[int] = []
    browser.profile.downloadRequested.connect(
        lambda request: saves.append(1) if request.isSavePageDownload() else None
    )
    SAVE_TURNS.take(other_save)  # another page is saving
    try:
        assert ran == [1]
        stored: list[Any] = []
        browser.stored.connect(lambda *args: stored.append(args))
        browser.capture_as_shown()
        qtbot.wait(1_000)
        assert saves == []  # not even asked for while the other save runs
    finally:
        SAVE_TURNS.end(other_save)
    qtbot.waitUntil(lambda: len(stored) == 1, timeout=30_000)
    assert saves == [1, 1]  # the snapshot, then the capture's own MHTML of it
    item = vault.get_item(stored[0][1])
    assert item.metadata["capture_method"] == "in-app browser, as shown"
    browser.shutdown()


def test_closing_the_browser_while_waiting_removes_its_spool_folder(
    qtbot: Any, vault: Any, site: Any
) -> None:
    from app.capture.web_downloads import SAVE_TURNS
    from app.ui.browser import BrowserWidget

    browser = BrowserWidget(lambda: vault, "Turns")
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.page.loadFinished, timeout=20_000):
        browser.load(site.url("/page/close"))

    def other_save() -> None:
        pass

    SAVE_TURNS.take(other_save)
    try:
        browser.capture_as_shown()
        folder = browser._snapshot_folder
        assert folder is not None and folder.exists()
        browser.shutdown()
        assert not folder.exists()
    finally:
        SAVE_TURNS.end(other_save)
    qtbot.wait(100)  # the cancelled turn never runs
