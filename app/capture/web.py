"""Headless web page capture with QtWebEngine.

:class:`PageCapturer` loads one URL at a time in a hidden view and produces a
:class:`PageCapture`: a full-page PNG (the whole scroll height, rendered in tall slices
and stitched, up to :data:`MAX_PNG_HEIGHT` px), MHTML, PDF, the visible text and the
metadata. Before rendering the page is settled (:mod:`app.capture.settle`: scrolled
through, watched until quiet), then prepared and frozen so every artifact shows one
moment (:mod:`app.capture.render`). It lives on the GUI thread and reports through
signals; :func:`capture_url` wraps it in a local event loop for the CLI.

Failures (unreachable host, TLS error, HTTP 4xx/5xx, timeout) arrive as typed
:class:`~app.capture.errors.CaptureFailed` errors and produce nothing to store. A URL
that serves a file instead of a page (image, video, PDF, archive) is downloaded into a
private memory-backed spool file (see :mod:`app.capture.spool`) and becomes the original.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineLoadingInfo,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    qWebEngineChromiumVersion,
    qWebEngineVersion,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from app.capture import qt_refcount, spool
from app.capture.errors import (
    CaptureCancelled,
    CaptureFailed,
    CaptureTimeout,
    HttpErrorStatus,
    TLSFailure,
    Unreachable,
)
from app.capture.fidelity_js import PROBE_JS
from app.capture.render import RenderSteps, parse_json
from app.capture.safe_browsing import strip_from_snapshot
from app.capture.settle import (
    SETTLE_BUDGET_S,
    VIEWPORT,
    RequestLog,
    SettleRecord,
    SettleSteps,
)
from app.capture.web_downloads import PAGE_TYPES, DownloadSteps
from app.capture.web_engine import QuietPage, off_the_record_profile
from app.capture.web_result import KEPT_HEADERS, PageCapture
from app.capture.web_scripts import FRAMES_DONE_JS, FRAMES_START_JS, UNBLUR_SNAPSHOT_JS
from app.errors import UsageError
from app.vault.models import utc_now

qt_refcount.install()  # PySide6 6.12 signal emit() drops a reference to True: see there

MAX_PNG_HEIGHT = 30_000  # px; taller pages are cut here and the metadata says so
LOAD_TIMEOUT_S = 45.0
SETTLE_MS = 500  # the DOM and network must be quiet this long to count as settled
MAX_SETTLE_S = 120.0  # --settle at most
RENDER_MS = 450  # time for a resized or scrolled view to repaint
MAX_DOWNLOAD_BYTES = 2 * 1024**3  # a directly served file larger than this is refused
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
def engine_description() -> str:
    version, chromium = str(qWebEngineVersion()), str(qWebEngineChromiumVersion())
    return f"QtWebEngine {version} (Chromium {chromium})"


def check_url(url: str) -> QUrl:
    qurl = QUrl(url.strip())
    if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https") or not qurl.host():
        raise UsageError(f"Not a web address (http:// or https://): {url.strip()[:200]}")
    return qurl


class PageCapturer(QObject, DownloadSteps, SettleSteps, RenderSteps):
    """Captures one URL at a time. Emits ``finished(PageCapture)`` or
    ``failed(url, CaptureFailed)``; ``stage(str)`` names each step."""

    finished = Signal(object)
    failed = Signal(str, object)
    stage = Signal(str)

    def __init__(self, profile: QWebEngineProfile | None = None, parent: QObject | None = None,
                 *, timeout_s: float = LOAD_TIMEOUT_S, max_height: int = MAX_PNG_HEIGHT,
                 max_download: int = MAX_DOWNLOAD_BYTES, method: str = "headless",
                 profile_label: str = "off-the-record", settle_ms: int = SETTLE_MS,
                 render_ms: int = RENDER_MS, settle_s: float = 0.0, wait_for: str = "",
                 settle_budget_s: float = SETTLE_BUDGET_S) -> None:
        super().__init__(parent)
        if not 0 <= settle_s <= MAX_SETTLE_S:
            raise UsageError(f"--settle must be between 0 and {MAX_SETTLE_S:g} seconds.")
        self.settle_s = settle_s
        self.settle_budget_s = settle_budget_s
        self.wait_for = wait_for.strip()[:500]
        self._requests: RequestLog | None = None
        self._settle = SettleRecord()
        self._settle_t0 = 0.0
        self._fingerprint: dict[str, Any] = {}
        self.settle_ms = settle_ms
        self.render_ms = render_ms
        self.profile = profile or off_the_record_profile(self)
        self.timeout_s = timeout_s
        self.max_height = max_height
        self.max_download = max_download
        self.method = method
        self.profile_label = profile_label
        self.profile.downloadRequested.connect(self._on_download)
        self._gen = 0
        self._page: QuietPage | None = None
        self._view: QWebEngineView | None = None
        self._spool: Path | None = None
        self._result: PageCapture | None = None
        self._url = ""
        self._loaded = False
        self._navigations = 0
        self._save_gen = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._direct_started = False
        self._snapshot: bytes | None = None
        self._deadline = 0.0  # time.monotonic() by which loading and downloading must end
        self._cut: dict[str, Any] = {}  # loading stopped at the deadline: what was pending
        self._budget_cap_s: float | None = None  # settling budget after such a stop
        self._checking = False
        self._download: QWebEngineDownloadRequest | None = None
        self._probe = QTimer(self)
        self._probe.timeout.connect(lambda: self._guarded(self._probe_type))

    @property
    def busy(self) -> bool:
        return self._page is not None

    # -- public --------------------------------------------------------------------

    def capture(self, url: str) -> None:
        """Start capturing ``url``; the outcome arrives as a signal."""
        if self.busy:
            raise UsageError("A capture is already running.")
        self._url = url
        try:
            qurl = check_url(url)
        except UsageError as exc:
            error = CaptureFailed(str(exc))
            QTimer.singleShot(0, lambda: self.failed.emit(url, error))
            return
        self._snapshot = None
        self._start(qurl, qurl)

    def capture_snapshot(self, mhtml: bytes, page_url: str) -> None:
        """Capture a page as it was on screen: ``mhtml`` is the in-app browser's snapshot
        of it (expanded comments, scrolled-in posts and all). It is loaded off screen, the
        safe-browsing blur is taken out, and it is rendered and saved like any page."""
        if self.busy:
            raise UsageError("A capture is already running.")
        self._url = page_url
        qurl = check_url(page_url)
        self._snapshot = strip_from_snapshot(mhtml)
        folder = spool.make_spool_dir()
        path = folder / "snapshot.mhtml"
        path.write_bytes(self._snapshot)
        self._start(qurl, QUrl.fromLocalFile(str(path)), folder)

    def _start(self, qurl: QUrl, load: QUrl, folder: Path | None = None) -> None:
        self._gen += 1
        self._spool = folder or spool.make_spool_dir()
        self._page = QuietPage(self.profile, self)
        settings = self._page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.ShowScrollBars, False)
        self._page.loadingChanged.connect(self._on_loading)
        self._requests = RequestLog(self._page)
        self._page.setUrlRequestInterceptor(self._requests)
        probe = QWebEngineScript()
        probe.setName("evidence-locker-probe")
        probe.setSourceCode(PROBE_JS)
        probe.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        probe.setWorldId(int(QWebEngineScript.ScriptWorldId.MainWorld))
        probe.setRunsOnSubFrames(False)
        self._page.scripts().insert(probe)
        view = QWebEngineView()
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        view.setPage(self._page)
        view.resize(*VIEWPORT)
        view.show()
        self._view = view
        self._result = PageCapture(
            requested_url=qurl.toString(), final_url=qurl.toString(), title="",
            captured_at=utc_now(), http_status=None, content_type="",
            user_agent=self.profile.httpUserAgent(), engine=engine_description(),
            viewport=VIEWPORT, method=self.method, profile=self.profile_label,
        )
        if self._snapshot is not None:
            self._result.method = f"{self.method}, as shown"
            self._result.notes.append(
                "Rendered from the page as it was shown (an MHTML snapshot taken in the "
                "in-app browser); the page was not loaded again.")
        self._loaded = False
        self._navigations = 0
        self._direct_started = False
        self._deadline = time.monotonic() + self.timeout_s
        self._download = None
        self._cut, self._budget_cap_s, self._checking = {}, None, False
        self._timer.start(self._load_ms())
        if self._snapshot is None:
            self._probe.start(PROBE_MS)
        self.stage.emit("loading")
        self._page.load(load)

    def cancel(self) -> None:
        if self.busy:
            self._fail(CaptureCancelled("Capture cancelled; nothing was stored."))

    # -- loading -------------------------------------------------------------------

    def _on_loading(self, info: QWebEngineLoadingInfo) -> None:
        status = QWebEngineLoadingInfo.LoadStatus
        if self._result is None:
            return
        if info.status() == status.LoadStartedStatus:
            self._navigation_started()
            return
        self._record_response(info)
        domain = info.errorDomain()
        domains = QWebEngineLoadingInfo.ErrorDomain
        code = info.errorCode()
        if info.isDownload():
            return  # the download request carries on
        if self._cut:
            return  # loading was stopped at the deadline and the page is being settled
        if domain == domains.HttpStatusCodeDomain and code >= 400:
            self._fail(HttpErrorStatus(
                f"The server answered HTTP {code} for {self._url}; nothing was stored.", code))
        elif info.status() == status.LoadSucceededStatus:
            self._loaded = True  # rendering a long page may take a while: a new budget
            self._timer.start(int(max(self.timeout_s, PROCESS_TIMEOUT_S + self.settle_s) * 1000))
            self.stage.emit("settling")
            if self._snapshot is not None:  # the snapshot carries the blur: lift it here
                self._js(UNBLUR_SNAPSHOT_JS, lambda _v: self._settle_begin())
            else:
                self._settle_begin()
        elif info.status() == status.LoadStoppedStatus:
            return  # our own stop (cancel) or a download taking over
        elif domain == domains.CertificateErrorDomain or (self._page and self._page.last_certificate_error):
            why = (self._page.last_certificate_error if self._page else "") or info.errorString()
            self._fail(TLSFailure(f"The site's certificate is not trusted ({why}); nothing was stored."))
        elif domain == domains.HttpStatusCodeDomain:
            self._fail(HttpErrorStatus(f"The server answered HTTP {code} for {self._url}.", code))
        else:
            self._fail(Unreachable(
                f"Could not load {self._url}: {info.errorString() or 'network error'}; nothing was stored."))

    def _navigation_started(self) -> None:
        """A new main-frame load (the first, or a script/meta redirect after load):
        whatever was under way belongs to the old page and is dropped."""
        assert self._result is not None
        self._navigations += 1
        if self._navigations == 1:
            return
        if self._navigations > MAX_NAVIGATIONS:
            self._fail(CaptureFailed(
                f"{self._url} kept redirecting ({MAX_NAVIGATIONS} times); nothing was stored."))
            return
        self._gen += 1  # pending steps of the previous page are ignored from now on
        self._loaded = False
        self._result.png, self._result.text, self._result.pdf = b"", "", b""
        self._result.notes.clear()
        self._result.truncated_at = None
        self._result.partial_reasons.clear()
        self._result.text_check, self._result.scroll_box, self._result.settle = {}, {}, {}
        self._result.one_moment = None
        if self._view is not None:
            self._view.resize(*VIEWPORT)
        self._timer.start(self._load_ms())  # --timeout is one deadline for all loads
        self.stage.emit("loading")

    def _record_response(self, info: QWebEngineLoadingInfo) -> None:
        assert self._result is not None
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
            self._result.content_type = headers.get("content-type", "").split(";")[0].strip().lower()

    # -- waiting for the page ------------------------------------------------------

    def _js(self, script: str, then: Any) -> None:
        gen, page = self._gen, self._page
        if page is None:
            return

        def done(value: Any) -> None:
            if gen == self._gen and self._page is not None:
                self._guarded(then, value)
        # Our scripts run in an isolated world: the page cannot redefine what they use.
        page.runJavaScript(script, int(QWebEngineScript.ScriptWorldId.ApplicationWorld), done)

    def _later(self, ms: int, then: Any) -> None:
        gen = self._gen
        QTimer.singleShot(ms, lambda: self._guarded(then) if gen == self._gen and self._page else None)

    def _guarded(self, step: Any, *args: Any) -> None:
        """Run one step; an unexpected error fails this capture instead of hanging it."""
        try:
            step(*args)
        except Exception as exc:  # noqa: BLE001 - hostile pages must not wedge a batch
            self._fail(CaptureFailed(
                f"Capturing {self._url} failed ({type(exc).__name__}: {exc}); nothing was stored."))

    def _after_frames(self, then: Any, tries: int = 0) -> None:
        """Wait until the page has produced two animation frames since now (the resized
        or scrolled view is painted), at most about a second."""
        if tries == 0:
            self._js(FRAMES_START_JS, lambda _v: self._after_frames(then, 1))
            return

        def check(done: Any) -> None:
            if done == 1 or tries > 40:
                then()
            else:
                self._later(25, lambda: self._after_frames(then, tries + 1))
        self._js(FRAMES_DONE_JS, check)

    def _page_is_a_file(self, data: dict[str, Any]) -> bool:
        """The loaded document is a file (an image or video shown directly): download it
        instead of rendering it. Records the document's type either way."""
        assert self._result is not None
        doc_type = str(data.get("type") or "").lower()
        if doc_type:
            self._result.content_type = doc_type
        if self._snapshot is None and self._result.content_type \
                and self._result.content_type not in PAGE_TYPES:
            self._download_direct()
            return True
        return False

    # -- ending --------------------------------------------------------------------

    def _remaining_ms(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))

    def _reserve_s(self) -> float:
        """The part of --timeout kept for settling and rendering a page whose document
        arrived but whose images or other parts were still loading."""
        return min(self.timeout_s / 3, MAX_RESERVE_S)

    def _load_ms(self) -> int:
        return max(0, self._remaining_ms() - int(self._reserve_s() * 1000))

    def _check_arrived(self) -> None:
        """Loading is near its deadline: if the main document has arrived and been
        parsed, stop loading and capture what is there (partial); otherwise wait to the
        end of --timeout and fail then."""
        final = self._remaining_ms() <= 0
        self._checking = True
        gen = self._gen

        def no_answer() -> None:
            if gen == self._gen and self._checking and self.busy and not self._loaded:
                self._not_loaded()
        QTimer.singleShot(CHECK_MS, no_answer)

        def got(value: Any) -> None:
            self._checking = False
            if self._loaded or self._download is not None or self._direct_started:
                return
            data = parse_json(value)
            if int(data.get("arrived") or 0):
                self._stop_loading([str(u) for u in data.get("loading") or []])
            elif final:
                self._not_loaded()
            else:
                self._timer.start(max(self._remaining_ms(), 1))
        self._js(ARRIVED_JS, got)

    def _stop_loading(self, loading: list[str]) -> None:
        assert self._page is not None
        waited = self.timeout_s - self._remaining_ms() / 1000
        self._cut = {"after_s": round(waited, 1), "images": loading}
        self._loaded = True
        self._probe.stop()
        self._page.triggerAction(self._page.WebAction.Stop)
        self._budget_cap_s = max(1.0, self._remaining_ms() / 2000)
        self._timer.start(int(max(self.timeout_s, PROCESS_TIMEOUT_S + self.settle_s) * 1000))
        self.stage.emit("settling")
        self._settle_begin()
        self._settle.stopped = dict(self._cut)

    def _not_loaded(self) -> None:
        self._fail(CaptureTimeout(
            f"{self._url} did not load within {self.timeout_s:g} s; nothing was stored."))

    def _on_timeout(self) -> None:
        if self.busy and self._download is not None:
            self._fail(CaptureTimeout(
                f"The download of {self._url} did not finish within {self.timeout_s:g} s "
                "(--timeout); nothing was stored."))
        elif self.busy and self._loaded:
            self._fail(CaptureTimeout(
                f"{self._url} loaded but could not be rendered and saved in time; "
                "nothing was stored."))
        elif self.busy and self._snapshot is None and not self._checking:
            self._check_arrived()
        elif self.busy and not self._checking:
            self._not_loaded()

    def _succeed(self) -> None:
        result = self._result
        if result is not None and self._requests is not None and self._snapshot is None:
            chain = [result.requested_url] + [u for u in self._requests.main_frames
                                              if u != result.requested_url]
            if chain[-1] != result.final_url:
                chain.append(result.final_url)
            result.redirect_chain = chain[:MAX_NAVIGATIONS * 3]
        self._result = None  # keep the spooled download: the store step unlinks it
        self._cleanup(keep_spool=result is not None and result.direct_file is not None)
        if result is not None:
            self.finished.emit(result)

    def _fail(self, error: CaptureFailed) -> None:
        if self._result is not None:
            self._result.discard()
        self._result = None
        self._cleanup(keep_spool=False)
        self.failed.emit(self._url, error)

    def _cleanup(self, keep_spool: bool) -> None:
        self._gen += 1
        self._timer.stop()
        self._probe.stop()
        page, view, folder = self._page, self._view, self._spool
        self._page = self._view = self._spool = None
        download, self._download = self._download, None
        if download is not None and not download.isFinished():
            download.cancel()  # stop the transfer; its partial file goes with the folder
        if page is not None:
            page.triggerAction(page.WebAction.Stop)
        if view is not None:
            view.hide()
            view.deleteLater()
        if page is not None:
            page.deleteLater()
        if folder is not None and not keep_spool:
            spool.remove_spool_dir(folder)
        spool.remove_made_downloads()  # Chromium's MHTML save makes ~/Downloads


def _text(value: Any) -> str:
    data = value.data() if isinstance(value, QByteArray) else value
    return bytes(data).decode("latin-1") if isinstance(data, (bytes, bytearray)) else str(data)


def capture_url(url: str, profile: QWebEngineProfile | None = None,
                **options: Any) -> PageCapture:
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
