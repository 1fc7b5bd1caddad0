"""Headless web page capture with QtWebEngine.

:class:`PageCapturer` captures one URL at a time in a hidden view and produces a
:class:`PageCapture`: a full-page PNG (the whole scroll height, rendered in tall slices
and stitched, up to :data:`MAX_PNG_HEIGHT` px), MHTML, PDF, the visible text and the
metadata. Each capture is a fresh :class:`~app.capture.job.CaptureJob` (loading and the
deadline), whose page is settled (:mod:`app.capture.settle`: scrolled through, watched
until quiet), then prepared and frozen so every artifact shows one moment
(:mod:`app.capture.render`). The capturer lives on the GUI thread, holds the settings
and the profile, and reports through signals; :func:`capture_url` wraps it in a local
event loop for the CLI.

Failures (unreachable host, TLS error, HTTP 4xx/5xx, timeout) arrive as typed
:class:`~app.capture.errors.CaptureFailed` errors and produce nothing to store. A URL
that serves a file instead of a page (image, video, PDF, archive) is downloaded into a
private memory-backed spool file (see :mod:`app.capture.spool`) and becomes the original.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest, QWebEngineProfile

from app.capture import qt_refcount, spool
from app.capture.errors import CaptureFailed
from app.capture.job import CaptureJob, CaptureOptions, Outcome
from app.capture.safe_browsing import strip_from_snapshot
from app.capture.settle import SETTLE_BUDGET_S
from app.capture.web_engine import engine_description, off_the_record_profile
from app.capture.web_result import PageCapture
from app.errors import UsageError

qt_refcount.install()  # PySide6 6.12 signal emit() drops a reference to True: see there

__all__ = [
    "LOAD_TIMEOUT_S",
    "MAX_DOWNLOAD_BYTES",
    "MAX_PNG_HEIGHT",
    "MAX_SETTLE_S",
    "RENDER_MS",
    "SETTLE_MS",
    "PageCapturer",
    "capture_url",
    "check_url",
    "engine_description",
]

MAX_PNG_HEIGHT = 30_000  # px; taller pages are cut here and the metadata says so
LOAD_TIMEOUT_S = 45.0
SETTLE_MS = 500  # the DOM and network must be quiet this long to count as settled
MAX_SETTLE_S = 120.0  # --settle at most
RENDER_MS = 450  # a slice is grabbed once its picture is steady; one that still equals the
# previous slice's waits 2 x this for a late frame, any 4 x at most (Renderer._stable_grab)
MAX_DOWNLOAD_BYTES = 2 * 1024**3  # a directly served file larger than this is refused


def check_url(url: str) -> QUrl:
    qurl = QUrl(url.strip())
    if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https") or not qurl.host():
        raise UsageError(f"Not a web address (http:// or https://): {url.strip()[:200]}")
    return qurl


class PageCapturer(QObject):
    """Captures one URL at a time. Emits ``finished(PageCapture)`` or
    ``failed(url, CaptureFailed)``; ``stage(str)`` names each step. The settings are
    attributes, read when each capture starts."""

    finished = Signal(object)
    failed = Signal(str, object)
    stage = Signal(str)

    def __init__(
        self,
        profile: QWebEngineProfile | None = None,
        parent: QObject | None = None,
        *,
        timeout_s: float = LOAD_TIMEOUT_S,
        max_height: int = MAX_PNG_HEIGHT,
        max_download: int = MAX_DOWNLOAD_BYTES,
        method: str = "headless",
        profile_label: str = "off-the-record",
        settle_ms: int = SETTLE_MS,
        render_ms: int = RENDER_MS,
        settle_s: float = 0.0,
        wait_for: str = "",
        settle_budget_s: float = SETTLE_BUDGET_S,
    ) -> None:
        super().__init__(parent)
        if not 0 <= settle_s <= MAX_SETTLE_S:
            raise UsageError(f"--settle must be between 0 and {MAX_SETTLE_S:g} seconds.")
        self.settle_s = settle_s
        self.settle_budget_s = settle_budget_s
        self.wait_for = wait_for.strip()[:500]
        self.settle_ms = settle_ms
        self.render_ms = render_ms
        self.profile = profile or off_the_record_profile(self)
        self.timeout_s = timeout_s
        self.max_height = max_height
        self.max_download = max_download
        self.method = method
        self.profile_label = profile_label
        self.profile.downloadRequested.connect(self._on_download)
        self._job: CaptureJob | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def capture(self, url: str) -> None:
        """Start capturing ``url``; the outcome arrives as a signal."""
        if self.busy:
            raise UsageError("A capture is already running.")
        try:
            qurl = check_url(url)
        except UsageError as exc:
            error = CaptureFailed(str(exc))
            QTimer.singleShot(0, lambda: self.failed.emit(url, error))
            return
        self._start(url, qurl, qurl, None)

    def capture_snapshot(self, mhtml: bytes, page_url: str) -> None:
        """Capture a page as it was on screen: ``mhtml`` is the in-app browser's snapshot
        of it (expanded comments, scrolled-in posts and all). It is loaded off screen, the
        safe-browsing blur is taken out, and it is rendered and saved like any page."""
        if self.busy:
            raise UsageError("A capture is already running.")
        qurl = check_url(page_url)
        snapshot = strip_from_snapshot(mhtml)
        folder = spool.make_spool_dir()
        path = folder / "snapshot.mhtml"
        path.write_bytes(snapshot)
        self._start(page_url, qurl, QUrl.fromLocalFile(str(path)), snapshot, folder)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def options(self) -> CaptureOptions:
        """The settings a capture started now would use."""
        return CaptureOptions(
            timeout_s=self.timeout_s,
            max_height=self.max_height,
            max_download=self.max_download,
            method=self.method,
            profile_label=self.profile_label,
            settle_ms=self.settle_ms,
            render_ms=self.render_ms,
            settle_s=self.settle_s,
            wait_for=self.wait_for,
            settle_budget_s=self.settle_budget_s,
        )

    # -- one job per capture -------------------------------------------------------

    def _start(
        self, url: str, qurl: QUrl, load: QUrl, snapshot: bytes | None, folder: Path | None = None
    ) -> None:
        self._job = CaptureJob(
            self.profile,
            self,
            self.options(),
            url,
            qurl,
            folder or spool.make_spool_dir(),
            snapshot=snapshot,
            stage=self.stage.emit,
            ended=self._ended,
        )
        self._job.start(load)

    def _on_download(self, request: QWebEngineDownloadRequest) -> None:
        if self._job is not None:
            self._job.download_requested(request)

    def _ended(self, url: str, outcome: Outcome) -> None:
        self._job = None
        if isinstance(outcome, CaptureFailed):
            self.failed.emit(url, outcome)
        else:
            self.finished.emit(outcome)


def capture_url(url: str, profile: QWebEngineProfile | None = None, **options: Any) -> PageCapture:
    """Capture ``url`` and wait for it (for scripts and tests; needs a Qt app). ``options``
    are :class:`PageCapturer` keyword arguments."""
    capturer = PageCapturer(profile, **options)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    capturer.finished.connect(lambda result: done("result", result))
    capturer.failed.connect(lambda _url, error: done("error", error))
    capturer.capture(url)
    if not outcome:
        loop.exec()
    capturer.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    result: PageCapture = outcome["result"]
    return result
