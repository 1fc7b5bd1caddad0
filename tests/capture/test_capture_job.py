"""One PageCapturer, many captures: nothing of one capture shows up in the next.

Each step leaves state a reset could forget (a redirect chain, loading stopped at the
deadline with a partial picture, a file downloaded instead of a page, a page rendered from
a snapshot), and the capture after it must look exactly like a first capture."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.capture import fidelity_site as fs
from tests.capture.conftest import FAKE_VIDEO, FAST


@pytest.fixture(scope="module")
def fsite() -> Iterator[fs.FidelitySite]:
    yield from fs.serve()


def _run(capturer: Any, start: Any) -> Any:
    """Start one capture on ``capturer`` and wait for its outcome (a result or an error)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(value: object) -> None:
        outcome["value"] = value
        loop.quit()

    on_ok = capturer.finished.connect(done)
    on_err = capturer.failed.connect(lambda _url, error: done(error))
    QTimer.singleShot(60_000, loop.quit)  # a stuck capture fails the test, not the run
    start()
    if not outcome:
        loop.exec()
    capturer.finished.disconnect(on_ok)
    capturer.failed.disconnect(on_err)
    assert not capturer.busy
    return outcome.get("value")


def _capture(capturer: Any, url: str) -> Any:
    result = _run(capturer, lambda: capturer.capture(url))
    assert not isinstance(result, Exception), f"{url}: {result}"
    assert result is not None, f"{url}: no outcome within 60 s"
    return result


def _assert_plain_landing(result: Any, url: str, fresh: Any) -> None:
    """``result`` is /landing captured as if it were the capturer's first capture."""
    meta = result.metadata()
    assert result.method == "headless" and meta["capture_method"] == "headless"
    assert result.redirect_chain == [url] and meta["redirected"] is False
    assert result.direct_file is None and "direct_file" not in meta
    assert result.content_type == "text/html" and result.http_status == 200
    assert result.partial_reasons == [] and meta["screenshot"]["full_page"] is True
    assert "partial_reasons" not in meta["screenshot"]
    assert "loading_stopped" not in meta["settle"] and meta["settle"]["settled"] is True
    assert not any("wait-for" in w for w in meta["settle"]["waited_for"])
    assert result.notes == fresh.notes
    assert result.one_moment is True and result.truncated_at is None
    assert "LANDING-PAGE" in result.text and result.png and result.pdf and result.mhtml
    assert sorted(meta) == sorted(fresh.metadata())
    assert sorted(meta["settle"]) == sorted(fresh.metadata()["settle"])


def test_captures_in_a_row_share_nothing(qapp: Any, fsite: Any, site: Any, capture: Any) -> None:
    from app.capture.web import PageCapturer

    landing = fsite.url("/landing")
    fresh = capture(landing)  # the reference: a capturer's first and only capture
    capturer = PageCapturer(timeout_s=20.0, **FAST)
    try:
        # 1. Two server redirects: a chain of three.
        hops = _capture(capturer, fsite.url("/hop1"))
        assert hops.redirect_chain == [fsite.url(p) for p in ("/hop1", "/hop2", "/landing")]
        _assert_plain_landing(_capture(capturer, landing), landing, fresh)

        # 2. Loading stopped at the deadline: a partial capture with a shortened settle.
        capturer.timeout_s = 6.0
        cut = _capture(capturer, fsite.url("/hangdoc"))
        capturer.timeout_s = 20.0
        assert "loading_stopped" in cut.metadata()["settle"]
        assert any("loading was stopped" in r for r in cut.partial_reasons)
        _assert_plain_landing(_capture(capturer, landing), landing, fresh)

        # 3. A file served instead of a page, twice (the second is downloaded too).
        for _ in range(2):
            video = _capture(capturer, site.url("/clip.mp4"))
            assert video.direct_file is not None and video.content_type == "video/mp4"
            with video.direct_file.open_and_unlink() as handle:
                assert handle.read() == FAKE_VIDEO
            video.discard()
        _assert_plain_landing(_capture(capturer, landing), landing, fresh)

        # 4. A page rendered from a snapshot of what was shown.
        shown = _run(capturer, lambda: capturer.capture_snapshot(hops.mhtml, landing))
        assert not isinstance(shown, Exception) and shown is not None, shown
        assert shown.method == "headless, as shown" and "LANDING-PAGE" in shown.text
        assert any("as it was shown" in note for note in shown.notes)
        _assert_plain_landing(_capture(capturer, landing), landing, fresh)

        # 5. A failure (HTTP 404) leaves nothing behind either.
        from app.capture.errors import HttpErrorStatus

        gone = _run(capturer, lambda: capturer.capture(site.url("/gone/1")))
        assert isinstance(gone, HttpErrorStatus)
        _assert_plain_landing(_capture(capturer, landing), landing, fresh)
    finally:
        capturer.deleteLater()
