"""The hidden page of one capture and the way every step talks to it.

:class:`PageSession` owns the off-screen :class:`QuietPage` and its view, the request
log and a document generation. Steps run JavaScript, wait and wait for painted frames
through it; an answer arriving after the page navigated on (a script or meta redirect)
or after the capture ended is dropped, and an unexpected error in a step fails the
capture instead of hanging it. The settler, the renderer and the downloads of a
:class:`~app.capture.job.CaptureJob` share one session and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineLoadingInfo,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from app.capture.fidelity_js import PROBE_JS
from app.capture.settle import VIEWPORT, RequestLog
from app.capture.web_engine import QuietPage
from app.capture.web_scripts import FRAMES_DONE_JS, FRAMES_START_JS


class PageSession:
    """One hidden page in a view of :data:`~app.capture.settle.VIEWPORT` size.

    ``on_loading`` gets the page's loading changes; ``on_error`` gets an exception a
    step raised (the capture then fails)."""

    def __init__(
        self,
        profile: QWebEngineProfile,
        parent: QObject,
        on_loading: Callable[[QWebEngineLoadingInfo], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self.gen = 0  # the document's generation: a new main-frame load counts up
        self.closed = False
        self._on_error = on_error
        self.page = QuietPage(profile, parent)
        settings = self.page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.ShowScrollBars, False)
        self.page.loadingChanged.connect(on_loading)
        self.requests = RequestLog(self.page)
        self.page.setUrlRequestInterceptor(self.requests)
        probe = QWebEngineScript()
        probe.setName("evidence-locker-probe")
        probe.setSourceCode(PROBE_JS)
        probe.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        probe.setWorldId(int(QWebEngineScript.ScriptWorldId.MainWorld))
        probe.setRunsOnSubFrames(False)
        self.page.scripts().insert(probe)
        self.view = QWebEngineView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.view.setPage(self.page)
        self.view.resize(*VIEWPORT)
        self.view.show()

    def load(self, url: QUrl) -> None:
        self.page.load(url)

    def current(self, gen: int) -> bool:
        """Whether an answer asked for in generation ``gen`` still counts."""
        return gen == self.gen and not self.closed

    def next_document(self) -> None:
        """A new main-frame load began: answers about the old document are dropped."""
        self.gen += 1
        self.view.resize(*VIEWPORT)

    # -- steps ---------------------------------------------------------------------

    def js(self, script: str, then: Callable[[Any], None]) -> None:
        """Run ``script`` in an isolated world (the page cannot redefine what it uses)
        and pass its value to ``then``, unless the document or capture ended."""
        gen = self.gen
        if self.closed:
            return

        def done(value: Any) -> None:
            if self.current(gen):
                self.guarded(then, value)

        self.page.runJavaScript(script, int(QWebEngineScript.ScriptWorldId.ApplicationWorld), done)

    def later(self, ms: int, then: Callable[[], None]) -> None:
        gen = self.gen
        QTimer.singleShot(ms, lambda: self.guarded(then) if self.current(gen) else None)

    def guarded(self, step: Callable[..., Any], *args: Any) -> None:
        """Run one step; an unexpected error fails this capture instead of hanging it."""
        try:
            step(*args)
        except Exception as exc:  # noqa: BLE001 - hostile pages must not wedge a batch
            self._on_error(exc)

    def after_frames(self, then: Callable[[], None], tries: int = 0) -> None:
        """Wait until the page has produced two animation frames since now (the resized
        or scrolled view is painted), at most about a second."""
        if tries == 0:
            self.js(FRAMES_START_JS, lambda _v: self.after_frames(then, 1))
            return

        def check(done: Any) -> None:
            if done == 1 or tries > 40:
                then()
            else:
                self.later(25, lambda: self.after_frames(then, tries + 1))

        self.js(FRAMES_DONE_JS, check)

    # -- ending --------------------------------------------------------------------

    def close(self) -> None:
        """Stop the page and let Qt delete it and its view; later answers are dropped."""
        if self.closed:
            return
        self.closed = True
        self.gen += 1
        self.page.triggerAction(self.page.WebAction.Stop)
        self.view.hide()
        self.view.deleteLater()
        self.page.deleteLater()
