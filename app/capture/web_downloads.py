"""The downloads of one capture (:class:`Downloads`): the MHTML that
``QWebEnginePage.save`` writes, and URLs that serve a file instead of a page.

Both arrive through the profile's ``downloadRequested`` and go to the capture's private
spool folder (see :mod:`app.capture.spool`), never to a Downloads folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest

from app.capture import spool
from app.capture.errors import CaptureFailed, DownloadTooLarge, Unreachable
from app.capture.web_result import DirectFile

if TYPE_CHECKING:
    from app.capture.page_session import PageSession

PAGE_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "image/svg+xml",
    "text/xml",
    "application/xml",
)


def safe_name(name: str) -> str:
    """A file name from a server, without path separators or control characters."""
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in "/\\\x00")
    return cleaned.strip(". ")[:200]


class _SaveTurns:
    """One ``QWebEnginePage.save`` at a time in the process. QtWebEngine 6.12 loses a page
    save that starts in the same moment as another one (its download never finishes); in
    the runs that hung, later saves did not finish either. Two pages of a batch finishing
    together hung it (2 of 6 four-page batches). A save takes a few ms, so waiting is
    cheap. The first start in the queue is the save in progress; the next one starts from
    the event loop, not inside the signal that ended the previous save."""

    def __init__(self) -> None:
        self._queue: list[Callable[[], None]] = []
        self._running: Callable[[], None] | None = None

    def take(self, start: Callable[[], None]) -> None:
        """Run ``start`` (which calls ``save``) now or when the saves before it ended;
        ``end`` must get the very same object."""
        self._queue.append(start)
        if self._running is None and len(self._queue) == 1:
            self._start_next()

    def end(self, start: Callable[[], None]) -> None:
        """``start``'s save finished, failed or was given up (its capture closed)."""
        if not any(waiting is start for waiting in self._queue):
            return
        self._queue = [waiting for waiting in self._queue if waiting is not start]
        if self._running is start:
            self._running = None
            QTimer.singleShot(0, self._start_next)

    def _start_next(self) -> None:
        if self._running is None and self._queue:
            self._running = self._queue[0]
            self._running()


SAVE_TURNS = _SaveTurns()


class DownloadEvents(Protocol):
    """What :class:`Downloads` tells its capture."""

    def download_started(self) -> None:
        """A file download began (the deadline now bounds the transfer)."""

    def file_downloaded(self, file: DirectFile, url: str) -> None:
        """The file arrived whole in the spool folder (``file.media_type`` is the type
        the server gave, "" when it gave none; ``url`` the one it came from)."""

    def download_failed(self, error: CaptureFailed) -> None:
        """Too large, interrupted or refused: the capture fails."""


class Downloads:
    """The downloads of one capture: ``requested`` gets every download of the profile and
    takes those of this capture's page; :meth:`direct` fetches the document as a file;
    :meth:`save_page` saves the MHTML."""

    def __init__(
        self,
        session: PageSession,
        spool_dir: Path,
        url: str,
        max_download: int,
        events: DownloadEvents,
    ) -> None:
        self._session = session
        self._spool = spool_dir
        self._url = url
        self._max = max_download
        self._events = events
        self._download: QWebEngineDownloadRequest | None = None  # a file on its way
        self.started = False  # a direct download of the document was asked for
        self._save: tuple[int, Callable[[bytes | None], None]] | None = None
        self._turn: Callable[[], None] | None = None  # this capture's place in SAVE_TURNS
        self._closed = False

    @property
    def active(self) -> bool:
        """A file is being downloaded."""
        return self._download is not None

    def requested(self, request: QWebEngineDownloadRequest) -> None:
        if self._closed or request.page() is not self._session.page:
            return
        if request.isSavePageDownload():
            request.isFinishedChanged.connect(
                lambda: self._session.guarded(self._saved_page, request)
            )
            return
        if request.totalBytes() > self._max:
            request.cancel()
            self._events.download_failed(self._too_large())
            return
        # --timeout is an overall deadline: a file that trickles in is bounded too.
        self._events.download_started()
        self._download = request
        request.setDownloadDirectory(str(self._spool))
        request.setDownloadFileName("download.bin")
        request.receivedBytesChanged.connect(lambda: self._check_size(request))
        request.isFinishedChanged.connect(lambda: self._session.guarded(self._downloaded, request))
        request.accept()

    def _too_large(self) -> DownloadTooLarge:
        limit = self._max // (1024 * 1024)
        return DownloadTooLarge(
            f"{self._url} serves a file larger than {limit} MiB; nothing was stored."
        )

    def _check_size(self, request: QWebEngineDownloadRequest) -> None:
        if request.receivedBytes() > self._max and not request.isFinished():
            request.cancel()
            self._events.download_failed(self._too_large())

    def direct(self, url: QUrl) -> None:
        """Download the document at ``url`` as a file (once per capture)."""
        if self.started:
            return
        self.started = True
        page = self._session.page
        page.download(url, safe_name(url.fileName()) or "download")
        # A media document (a video shown directly) may never finish loading: stop it.
        page.triggerAction(page.WebAction.Stop)

    def _downloaded(self, request: QWebEngineDownloadRequest) -> None:
        if self._closed or not request.isFinished():
            return
        state = QWebEngineDownloadRequest.DownloadState
        if request.state() != state.DownloadCompleted:
            self._events.download_failed(
                Unreachable(
                    f"The download of {self._url} failed ({request.interruptReasonString()}); "
                    "nothing was stored."
                )
            )
            return
        path = Path(request.downloadDirectory()) / request.downloadFileName()
        name = safe_name(request.suggestedFileName()) or "download"
        size = path.stat().st_size if path.exists() else 0
        file = DirectFile(path, name, request.mimeType(), size, path.parent)
        self._events.file_downloaded(file, request.url().toString())

    def save_page(self, path: Path, then: Callable[[bytes | None], None]) -> None:
        """Save the page as MHTML to ``path``; ``then`` gets the bytes (None: it failed).
        A save that ends after the page navigated on is dropped."""
        self._save = (self._session.gen, then)
        page = self._session.page

        def start() -> None:
            page.save(str(path), QWebEngineDownloadRequest.SavePageFormat.MimeHtmlSaveFormat)

        self._end_turn()
        self._turn = start
        SAVE_TURNS.take(start)

    def _end_turn(self) -> None:
        turn, self._turn = self._turn, None
        if turn is not None:
            SAVE_TURNS.end(turn)

    def _saved_page(self, request: QWebEngineDownloadRequest) -> None:
        if self._closed or not request.isFinished():
            return
        self._end_turn()
        path = Path(request.downloadDirectory()) / request.downloadFileName()
        save, self._save = self._save, None
        if save is None or not self._session.current(save[0]):  # navigated away: start over
            spool.read_and_unlink(path) if path.exists() else None
            return
        if request.state() == QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            save[1](spool.read_and_unlink(path))
        else:
            save[1](None)

    def close(self) -> None:
        """The capture ended: stop any transfer (its partial file goes with the spool
        folder); later signals are ignored."""
        self._closed = True
        self._end_turn()
        download, self._download = self._download, None
        if download is not None and not download.isFinished():
            download.cancel()
