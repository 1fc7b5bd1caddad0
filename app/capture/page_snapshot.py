"""Saving a page that is on screen as MHTML ("Capture as shown" in the in-app browser):
:class:`PageSnapshot` waits for its turn in :data:`~app.capture.web_downloads.SAVE_TURNS`
(QtWebEngine loses a save that starts while another is running), saves, and hands the
bytes to its callback, or None when the save failed or took longer than
``SAVE_TIMEOUT_MS`` once its turn came. A save that never ends therefore cannot hold up
every later capture of the process. When the page shows another address by the time its
turn comes (the person went on browsing), nothing is saved and the callback gets None:
the picture would not belong to the address it was asked for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest, QWebEnginePage

from app.capture import spool
from app.capture.web_downloads import SAVE_TURNS

SAVE_TIMEOUT_MS = 60_000


class PageSnapshot:
    """One MHTML save of ``page`` to ``path``; ``done(bytes | None)`` is called once."""

    def __init__(
        self,
        page: QWebEnginePage,
        path: Path,
        done: Callable[[bytes | None], None],
        timeout_ms: int = SAVE_TIMEOUT_MS,
    ) -> None:
        self._page = page
        self._url = page.url()  # what the person asked to capture
        self._profile = page.profile()
        self._request: QWebEngineDownloadRequest | None = None
        self._path = path
        self._done = done
        self._ended = False
        self._listening = False
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(lambda: self._end(None, notify=True))
        self._turn = self._start  # one object: the turn is found again by identity
        SAVE_TURNS.take(self._turn)

    def _start(self) -> None:
        if self._page.url() != self._url:
            # Ended from the event loop: the caller may still be inside its constructor.
            QTimer.singleShot(0, lambda: self._end(None, notify=True))
            return
        self._profile.downloadRequested.connect(self._requested)
        self._listening = True
        self._timer.start()
        self._page.save(
            str(self._path), QWebEngineDownloadRequest.SavePageFormat.MimeHtmlSaveFormat
        )

    def _requested(self, request: QWebEngineDownloadRequest) -> None:
        if request.page() is not self._page or not request.isSavePageDownload():
            return
        self._stop_listening()
        self._request = request
        request.isFinishedChanged.connect(lambda: self._finished(request))

    def _finished(self, request: QWebEngineDownloadRequest) -> None:
        if self._ended or not request.isFinished():
            return
        ok = request.state() == QWebEngineDownloadRequest.DownloadState.DownloadCompleted
        data = spool.read_and_unlink(self._path) if ok and self._path.exists() else None
        self._end(data or None, notify=True)

    def cancel(self) -> None:
        """Give up without calling back (the window is closing); a save under way is
        cancelled (its file goes with the caller's spool folder)."""
        request, self._request = self._request, None
        if request is not None and not self._ended and not request.isFinished():
            with contextlib.suppress(RuntimeError):
                request.cancel()
        self._end(None, notify=False)

    def _stop_listening(self) -> None:
        if self._listening:
            self._listening = False
            with contextlib.suppress(RuntimeError, TypeError):
                self._profile.downloadRequested.disconnect(self._requested)

    def _end(self, data: bytes | None, *, notify: bool) -> None:
        if self._ended:
            return
        self._ended = True
        self._timer.stop()
        self._stop_listening()
        SAVE_TURNS.end(self._turn)
        if notify:
            self._done(data)
