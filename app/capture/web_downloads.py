"""The download half of :class:`app.capture.web.PageCapturer`: the MHTML that
``QWebEnginePage.save`` writes, and URLs that serve a file instead of a page.

Both arrive through the profile's ``downloadRequested`` and go to the capture's private
spool folder (see :mod:`app.capture.spool`), never to a Downloads folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest

from app.capture import spool
from app.capture.errors import CaptureFailed, DownloadTooLarge, Unreachable
from app.capture.web_engine import QuietPage
from app.capture.web_result import DirectFile, PageCapture

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "image/svg+xml",
              "text/xml", "application/xml")


def safe_name(name: str) -> str:
    """A file name from a server, without path separators or control characters."""
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in "/\\\x00")
    return cleaned.strip(". ")[:200]


class DownloadSteps:
    """Mixed into PageCapturer, which provides these attributes and methods."""

    _page: QuietPage | None
    _spool: Path | None
    _result: PageCapture | None
    _url: str
    _gen: int
    _save_gen: int
    _direct_started: bool
    _download: QWebEngineDownloadRequest | None
    _loaded: bool
    _timer: QTimer
    _probe: QTimer
    max_download: int
    timeout_s: float
    stage: Any

    def _fail(self, error: CaptureFailed) -> None:
        raise NotImplementedError

    def _succeed(self) -> None:
        raise NotImplementedError

    if TYPE_CHECKING:  # provided by RenderSteps (a stub here would shadow it)
        def _mhtml_saved(self) -> None: ...

    def _later(self, ms: int, then: Any) -> None:
        raise NotImplementedError

    def _remaining_ms(self) -> int:
        raise NotImplementedError

    def _js(self, script: str, then: Callable[[Any], None]) -> None:
        raise NotImplementedError

    def _guarded(self, step: Any, *args: Any) -> None:
        raise NotImplementedError

    def _on_download(self, request: QWebEngineDownloadRequest) -> None:
        if self._page is None or request.page() is not self._page or self._spool is None:
            return
        if request.isSavePageDownload():
            request.isFinishedChanged.connect(lambda: self._guarded(self._saved_page, request))
            return
        if request.totalBytes() > self.max_download:
            request.cancel()
            self._fail(self._too_large())
            return
        self.stage.emit("downloading")
        # --timeout is an overall deadline: a file that trickles in is bounded too.
        self._download = request
        self._timer.start(self._remaining_ms())
        request.setDownloadDirectory(str(self._spool))
        request.setDownloadFileName("download.bin")
        request.receivedBytesChanged.connect(lambda: self._check_size(request))
        request.isFinishedChanged.connect(lambda: self._guarded(self._downloaded, request))
        request.accept()

    def _too_large(self) -> DownloadTooLarge:
        limit = self.max_download // (1024 * 1024)
        return DownloadTooLarge(f"{self._url} serves a file larger than {limit} MiB; nothing was stored.")

    def _check_size(self, request: QWebEngineDownloadRequest) -> None:
        if request.receivedBytes() > self.max_download and not request.isFinished():
            request.cancel()
            self._fail(self._too_large())

    def _download_direct(self, url: QUrl | None = None) -> None:
        assert self._page is not None and self._result is not None
        if self._direct_started:
            return
        self._direct_started = True
        self._probe.stop()
        url = url or QUrl(self._result.final_url)
        self._result.final_url = url.toString()
        self._page.download(url, safe_name(url.fileName()) or "download")
        # A media document (a video shown directly) may never finish loading: stop it.
        self._page.triggerAction(self._page.WebAction.Stop)

    def _probe_type(self) -> None:
        """While a page loads, look at what the document is: a video or audio file shown
        directly never fires "load finished", so it is recognised here and downloaded."""
        page = self._page
        if page is None or self._loaded or self._direct_started:
            self._probe.stop()
            return

        def check(value: Any) -> None:
            kind = str(value or "").lower()
            if kind and kind not in PAGE_TYPES and self._page is page:
                self._download_direct(page.url())
        self._js("document.contentType", check)

    def _downloaded(self, request: QWebEngineDownloadRequest) -> None:
        if self._result is None or not request.isFinished():
            return
        state = QWebEngineDownloadRequest.DownloadState
        if request.state() != state.DownloadCompleted:
            if self._page is not None:
                self._fail(Unreachable(f"The download of {self._url} failed "
                                       f"({request.interruptReasonString()}); nothing was stored."))
            return
        path = Path(request.downloadDirectory()) / request.downloadFileName()
        name = safe_name(request.suggestedFileName()) or "download"
        media_type = request.mimeType() or self._result.content_type or "application/octet-stream"
        size = path.stat().st_size if path.exists() else 0
        self._result.direct_file = DirectFile(path, name, media_type, size, path.parent)
        self._result.content_type = media_type
        self._result.final_url = request.url().toString() or self._result.final_url
        self._result.title = name
        self._succeed()

    def _saved_page(self, request: QWebEngineDownloadRequest) -> None:
        if self._result is None or not request.isFinished():
            return
        path = Path(request.downloadDirectory()) / request.downloadFileName()
        if self._save_gen != self._gen:  # the page navigated away meanwhile: start over
            spool.read_and_unlink(path) if path.exists() else None
            return
        if request.state() == QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            self._result.mhtml = spool.read_and_unlink(path)
            self._mhtml_saved()
        else:
            self._result.notes.append("The page could not be saved as MHTML.")
            self._succeed()
