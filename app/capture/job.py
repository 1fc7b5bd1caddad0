"""One capture of one URL: :class:`CaptureJob`, made fresh by
:class:`~app.capture.web.PageCapturer` for every capture, so nothing of one capture can
carry over into the next.

The job loads the page in its own :class:`~app.capture.page_session.PageSession` and
keeps what only this capture knows: its :class:`PageCapture`, its spool folder, the
deadline (``--timeout``), the redirects followed, whether loading was stopped at the
deadline. Its collaborators, each with a small interface: a
:class:`~app.capture.settle.Settler` and a :class:`~app.capture.render.Renderer` per
loaded document, and the capture's :class:`~app.capture.web_downloads.Downloads` (files
served instead of pages, the MHTML). It ends exactly once, through ``ended``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QTimer, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineLoadingInfo,
    QWebEngineProfile,
)

from app.capture import spool
from app.capture.errors import (
    CaptureCancelled,
    CaptureFailed,
    CaptureTimeout,
    HttpErrorStatus,
    TLSFailure,
    Unreachable,
)
from app.capture.page_session import PageSession
from app.capture.render import Renderer, parse_json
from app.capture.settle import VIEWPORT, Settler, SettleRecord
from app.capture.web_downloads import PAGE_TYPES, Downloads
from app.capture.web_engine import engine_description
from app.capture.web_result import KEPT_HEADERS, DirectFile, PageCapture
from app.capture.web_scripts import UNBLUR_SNAPSHOT_JS
from app.vault.models import utc_now

PROCESS_TIMEOUT_S = 180.0  # rendering, PDF and MHTML of a loaded page, at most
PROBE_MS = 500  # how often a loading document's type is checked
MAX_NAVIGATIONS = 10  # main-frame loads per capture (script and meta redirects)
MAX_RESERVE_S = 20.0  # of --timeout, kept for settling and rendering a page still loading
CHECK_MS = 3_000  # how long the renderer may take to say whether the document arrived
# Whether the main document has arrived and been parsed (DOMContentLoaded) with content,
# and which rendered images are still loading. Returns JSON text, never a boolean.
ARRIVED_JS = """JSON.stringify((() => {
  const b = document.body, ready = document.readyState;
  const blank = !location.href || location.href.startsWith('about:');
  const content = b && (b.innerText.trim().length || b.querySelector('img, video, svg, canvas'));
  const loading = Array.from(document.images)
    .filter(i => i.getClientRects().length && !i.complete)
    .map(i => (i.currentSrc || i.src || '').slice(0, 300));
  return {arrived: !blank && ready !== 'loading' && content ? 1 : 0,
          loading: loading.slice(0, 50)};
})())"""


@dataclass(frozen=True)
class CaptureOptions:
    """The capturer's settings, read once when a capture starts."""

    timeout_s: float
    max_height: int
    max_download: int
    method: str
    profile_label: str
    settle_ms: int
    render_ms: int
    settle_s: float
    wait_for: str
    settle_budget_s: float


Outcome = PageCapture | CaptureFailed


class CaptureJob:
    """Captures ``url`` once. ``snapshot`` (MHTML of the page as shown, already in
    ``spool_dir``) makes it render that instead of loading the page again. ``stage``
    names each step; ``ended(url, result or error)`` is called once, after the page is
    gone (so a new capture may start from it)."""

    def __init__(
        self,
        profile: QWebEngineProfile,
        parent: QObject,
        options: CaptureOptions,
        url: str,
        requested: QUrl,
        spool_dir: Path,
        *,
        snapshot: bytes | None,
        stage: Callable[[str], None],
        ended: Callable[[str, Outcome], None],
    ) -> None:
        self.url = url
        self._options = options
        self._snapshot = snapshot
        self._spool = spool_dir
        self._stage = stage
        self._ended = ended
        self.done = False
        self._session = PageSession(profile, parent, self._on_loading, self._step_failed)
        self._downloads = Downloads(self._session, spool_dir, url, options.max_download, self)
        self._result = PageCapture(
            requested_url=requested.toString(),
            final_url=requested.toString(),
            title="",
            captured_at=utc_now(),
            http_status=None,
            content_type="",
            user_agent=profile.httpUserAgent(),
            engine=engine_description(),
            viewport=VIEWPORT,
            method=options.method,
            profile=options.profile_label,
        )
        if snapshot is not None:
            self._result.method = f"{options.method}, as shown"
            self._result.notes.append(
                "Rendered from the page as it was shown (an MHTML snapshot taken in the "
                "in-app browser); the page was not loaded again."
            )
        self._loaded = False  # the document loaded (or loading was stopped): settling
        self._navigations = 0
        self._deadline = 0.0  # time.monotonic() by which loading and downloading must end
        self._cut: dict[str, Any] = {}  # loading stopped at the deadline: what was pending
        self._budget_cap_s: float | None = None  # settling budget after such a stop
        self._checking = False  # asked whether the document arrived, no answer yet
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._probe = QTimer(parent)
        self._probe.timeout.connect(lambda: self._session.guarded(self._probe_type))

    def start(self, load: QUrl) -> None:
        """Load ``load`` (the page, or the snapshot's file) in the hidden page."""
        self._deadline = time.monotonic() + self._options.timeout_s
        self._timer.start(self._load_ms())
        if self._snapshot is None:
            self._probe.start(PROBE_MS)
        self._stage("loading")
        self._session.load(load)

    def cancel(self) -> None:
        self._fail(CaptureCancelled("Capture cancelled; nothing was stored."))

    def download_requested(self, request: QWebEngineDownloadRequest) -> None:
        """Any download of the profile: the downloads keep those of this page."""
        if not self.done:
            self._downloads.requested(request)

    # -- loading -------------------------------------------------------------------

    def _on_loading(self, info: QWebEngineLoadingInfo) -> None:
        status = QWebEngineLoadingInfo.LoadStatus
        if self.done:
            return
        if info.status() == status.LoadStartedStatus:
            self._navigation_started()
            return
        self._record_response(info)
        domain = info.errorDomain()
        domains = QWebEngineLoadingInfo.ErrorDomain
        code = info.errorCode()
        page = self._session.page
        if info.isDownload():
            return  # the download request carries on
        if self._cut:
            return  # loading was stopped at the deadline and the page is being settled
        if domain == domains.HttpStatusCodeDomain and code >= 400:
            self._fail(
                HttpErrorStatus(
                    f"The server answered HTTP {code} for {self.url}; nothing was stored.", code
                )
            )
        elif info.status() == status.LoadSucceededStatus:
            self._loaded = True  # rendering a long page may take a while: a new budget
            self._timer.start(self._process_ms())
            self._stage("settling")
            if self._snapshot is not None:  # the snapshot carries the blur: lift it here
                self._session.js(UNBLUR_SNAPSHOT_JS, lambda _v: self._settle_begin())
            else:
                self._settle_begin()
        elif info.status() == status.LoadStoppedStatus:
            return  # our own stop (cancel) or a download taking over
        elif domain == domains.CertificateErrorDomain or page.last_certificate_error:
            why = page.last_certificate_error or info.errorString()
            self._fail(
                TLSFailure(f"The site's certificate is not trusted ({why}); nothing was stored.")
            )
        elif domain == domains.HttpStatusCodeDomain:
            self._fail(HttpErrorStatus(f"The server answered HTTP {code} for {self.url}.", code))
        else:
            self._fail(
                Unreachable(
                    f"Could not load {self.url}: {info.errorString() or 'network error'}; nothing was stored."
                )
            )

    def _navigation_started(self) -> None:
        """A new main-frame load (the first, or a script/meta redirect after load):
        whatever was under way belongs to the old page and is dropped."""
        self._navigations += 1
        if self._navigations == 1:
            return
        if self._navigations > MAX_NAVIGATIONS:
            self._fail(
                CaptureFailed(
                    f"{self.url} kept redirecting ({MAX_NAVIGATIONS} times); nothing was stored."
                )
            )
            return
        self._session.next_document()  # pending steps of the previous page are ignored
        self._loaded = False
        result = self._result  # what the old document's settling and rendering made
        result.png, result.text, result.pdf = b"", "", b""
        result.notes.clear()
        result.truncated_at = None
        result.partial_reasons.clear()
        result.text_check, result.scroll_box, result.settle = {}, {}, {}
        result.one_moment = None
        self._timer.start(self._load_ms())  # --timeout is one deadline for all loads
        self._stage("loading")

    def _record_response(self, info: QWebEngineLoadingInfo) -> None:
        if self._snapshot is not None:
            return  # a local snapshot: the URL and response are the shown page's
        self._result.final_url = info.url().toString()
        if info.errorDomain() == QWebEngineLoadingInfo.ErrorDomain.HttpStatusCodeDomain:
            self._result.http_status = info.errorCode()
        headers: dict[str, str] = {}
        raw: dict[Any, Any] = dict(info.responseHeaders() or {})
        for key, values in raw.items():
            name = _text(key).lower()
            if name in KEPT_HEADERS:
                seq = values if isinstance(values, (list, tuple)) else [values]
                headers[name] = ", ".join(_text(v) for v in seq)[:2000]
        if headers:
            self._result.headers = headers
            self._result.content_type = (
                headers.get("content-type", "").split(";")[0].strip().lower()
            )

    # -- settling and rendering, or downloading ------------------------------------

    def _settle_begin(self) -> None:
        settler = Settler(
            self._session, self._options, budget_cap_s=self._budget_cap_s, stopped=self._cut
        )
        settler.start(self._page_is_a_file, self._settled)

    def _settled(self, record: SettleRecord) -> None:
        Renderer(
            self._session,
            self._result,
            record,
            self._options,
            self._spool,
            self._downloads.save_page,
            self._stage,
            self._succeed,
        ).start()

    def _page_is_a_file(self, data: dict[str, Any]) -> bool:
        """The loaded document is a file (an image or video shown directly): download it
        instead of rendering it. Records the document's type either way."""
        doc_type = str(data.get("type") or "").lower()
        if doc_type:
            self._result.content_type = doc_type
        if (
            self._snapshot is None
            and self._result.content_type
            and self._result.content_type not in PAGE_TYPES
        ):
            self._download_direct()
            return True
        return False

    def _probe_type(self) -> None:
        """While a page loads, look at what the document is: a video or audio file shown
        directly never fires "load finished", so it is recognised here and downloaded."""
        if self.done or self._loaded or self._downloads.started:
            self._probe.stop()
            return
        page = self._session.page

        def check(value: Any) -> None:
            kind = str(value or "").lower()
            if kind and kind not in PAGE_TYPES:
                self._download_direct(page.url())

        self._session.js("document.contentType", check)

    def _download_direct(self, url: QUrl | None = None) -> None:
        if self._downloads.started:
            return
        self._probe.stop()
        url = url or QUrl(self._result.final_url)
        self._result.final_url = url.toString()
        self._downloads.direct(url)

    def download_started(self) -> None:
        self._stage("downloading")
        self._timer.start(self._remaining_ms())

    def file_downloaded(self, file: DirectFile, url: str) -> None:
        result = self._result
        file.media_type = file.media_type or result.content_type or "application/octet-stream"
        result.direct_file = file
        result.content_type = file.media_type
        result.final_url = url or result.final_url
        result.title = file.name
        self._succeed()

    def download_failed(self, error: CaptureFailed) -> None:
        self._fail(error)

    # -- the deadline --------------------------------------------------------------

    def _remaining_ms(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))

    def _reserve_s(self) -> float:
        """The part of --timeout kept for settling and rendering a page whose document
        arrived but whose images or other parts were still loading."""
        return min(self._options.timeout_s / 3, MAX_RESERVE_S)

    def _load_ms(self) -> int:
        return max(0, self._remaining_ms() - int(self._reserve_s() * 1000))

    def _process_ms(self) -> int:
        return int(max(self._options.timeout_s, PROCESS_TIMEOUT_S + self._options.settle_s) * 1000)

    def _check_arrived(self) -> None:
        """Loading is near its deadline: if the main document has arrived and been
        parsed, stop loading and capture what is there (partial); otherwise wait to the
        end of --timeout and fail then."""
        final = self._remaining_ms() <= 0
        self._checking = True
        gen = self._session.gen

        def no_answer() -> None:
            if self._session.current(gen) and self._checking and not self.done and not self._loaded:
                self._not_loaded()

        QTimer.singleShot(CHECK_MS, no_answer)

        def got(value: Any) -> None:
            self._checking = False
            if self._loaded or self._downloads.active or self._downloads.started:
                return
            data = parse_json(value)
            if int(data.get("arrived") or 0):
                self._stop_loading([str(u) for u in data.get("loading") or []])
            elif final:
                self._not_loaded()
            else:
                self._timer.start(max(self._remaining_ms(), 1))

        self._session.js(ARRIVED_JS, got)

    def _stop_loading(self, loading: list[str]) -> None:
        waited = self._options.timeout_s - self._remaining_ms() / 1000
        self._cut = {"after_s": round(waited, 1), "images": loading}
        self._loaded = True
        self._probe.stop()
        page = self._session.page
        page.triggerAction(page.WebAction.Stop)
        self._budget_cap_s = max(1.0, self._remaining_ms() / 2000)
        self._timer.start(self._process_ms())
        self._stage("settling")
        self._settle_begin()

    def _not_loaded(self) -> None:
        self._fail(
            CaptureTimeout(
                f"{self.url} did not load within {self._options.timeout_s:g} s; nothing was stored."
            )
        )

    def _on_timeout(self) -> None:
        if self.done:
            return
        if self._downloads.active:
            self._fail(
                CaptureTimeout(
                    f"The download of {self.url} did not finish within "
                    f"{self._options.timeout_s:g} s (--timeout); nothing was stored."
                )
            )
        elif self._loaded:
            self._fail(
                CaptureTimeout(
                    f"{self.url} loaded but could not be rendered and saved in time; "
                    "nothing was stored."
                )
            )
        elif self._snapshot is None and not self._checking:
            self._check_arrived()
        elif not self._checking:
            self._not_loaded()

    # -- ending --------------------------------------------------------------------

    def _step_failed(self, exc: Exception) -> None:
        self._fail(
            CaptureFailed(
                f"Capturing {self.url} failed ({type(exc).__name__}: {exc}); nothing was stored."
            )
        )

    def _succeed(self) -> None:
        if self.done:
            return
        result = self._result
        if self._snapshot is None:
            chain = [result.requested_url] + [
                u for u in self._session.requests.main_frames if u != result.requested_url
            ]
            if chain[-1] != result.final_url:
                chain.append(result.final_url)
            result.redirect_chain = chain[: MAX_NAVIGATIONS * 3]
        # Keep the spooled download: the store step unlinks it.
        self._close(keep_spool=result.direct_file is not None)
        self._ended(self.url, result)

    def _fail(self, error: CaptureFailed) -> None:
        if self.done:
            return
        self._result.discard()
        self._close(keep_spool=False)
        self._ended(self.url, error)

    def _close(self, keep_spool: bool) -> None:
        self.done = True
        self._timer.stop()
        self._probe.stop()
        self._downloads.close()
        self._session.close()
        self._timer.deleteLater()
        self._probe.deleteLater()
        if not keep_spool:
            spool.remove_spool_dir(self._spool)
        spool.remove_made_downloads()  # Chromium's MHTML save makes ~/Downloads


def _text(value: Any) -> str:
    data = value.data() if isinstance(value, QByteArray) else value
    return bytes(data).decode("latin-1") if isinstance(data, (bytes, bytearray)) else str(data)
