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
