"""Settling a loaded page before it is rendered: :class:`Settler`, made fresh for each
document a capture loads, works through the capture's
:class:`~app.capture.page_session.PageSession`.

The page is scrolled through (the window and its main scrolling box) so lazy images and
feeds load, then watched until it is quiet: document complete, every rendered image
loaded or broken, web fonts loaded, no fetch/XHR open, no new request for a while, no
pending one-shot timer (script redirects, single-page apps that render after a delay),
the DOM unchanged for a moment, and ``--wait-for`` met. All within a time budget; what
was still pending when it ran out is recorded (:class:`SettleRecord`) and makes the
capture partial.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from app.capture.fidelity_js import (
    SCROLL_TOP_JS,
    TIMER_MAX_MS,
    lines_js,
    scroll_step_js,
    settle_state_js,
)

if TYPE_CHECKING:
    from app.capture.job import CaptureOptions
    from app.capture.page_session import PageSession

VIEWPORT = (1280, 800)  # CSS px: the page is laid out and scrolled in this window
SLICE_HEIGHT = 8_000  # px: the view's height per rendered slice (and once scrolled through)
SETTLE_BUDGET_S = 12.0  # settling takes at most this long (plus --settle)
STEP_WAIT_MS = 2_000  # per scroll step, waiting for the requests it started, at most
POLL_MS = 100
DOM_BUSY_MS = 2_000  # a page that never stops changing is frozen after this long
MAX_SCROLL_STEPS = 120  # screenfuls of the ordinary window
TIMER_WAIT_MS = TIMER_MAX_MS + 1_500  # pending one-shot timers are waited for this long
SCROLL_ROUNDS = 3  # scroll-throughs at most (again when the page grew after one)


class RequestLog(QWebEngineUrlRequestInterceptor):
    """Every request the page makes (Qt 6 calls this on the GUI thread): main-frame URLs
    in order (the redirect chain) and when the last request of any kind started."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.main_frames: list[str] = []
        self.last = time.monotonic()

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        self.last = time.monotonic()
        if info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame:
            url = info.requestUrl().toString()
            if not self.main_frames or self.main_frames[-1] != url:
                self.main_frames.append(url[:4000])

    def quiet_ms(self) -> int:
        return int((time.monotonic() - self.last) * 1000)


@dataclass
class SettleRecord:
    """What settling waited for and what was still pending when it stopped."""

    wait_for: str = ""
    min_wait_s: float = 0.0
    waited_ms: int = 0
    scroll_steps: int = 0
    settled: bool = False
    dom_quiet: bool = False
    kept_growing: bool = False
    timers_left: int = 0  # one-shot timers still pending when it stopped (polling pages)
    drops_rows: bool = False  # text seen at the top went missing further down (virtual list)
    pending: dict[str, Any] = field(default_factory=dict)
    broken_images: list[str] = field(default_factory=list)
    stopped: dict[str, Any] = field(default_factory=dict)  # loading stopped at --timeout
    lazy_images: list[str] = field(default_factory=list)  # data-src left unloaded

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "waited_for": [
                "document complete",
                "images loaded or broken",
                "web fonts",
                "no open requests",
                "no pending timers (up to 5 s, for 6.5 s)",
                "DOM quiet",
            ]
            + ([f"wait-for: {self.wait_for}"] if self.wait_for else []),
            "min_wait_s": self.min_wait_s,
            "waited_ms": self.waited_ms,
            "scroll_steps": self.scroll_steps,
            "settled": self.settled,
            "dom_quiet": self.dom_quiet,
            "frozen_for_rendering": True,
        }
        if self.pending:
            data["pending"] = self.pending
        if self.broken_images:
            data["broken_images"] = self.broken_images
        if self.kept_growing:
            data["kept_growing"] = True
        if self.timers_left:
            data["timers_left"] = self.timers_left
        if self.drops_rows:
            data["drops_rows_out_of_view"] = True
        if self.stopped:
            data["loading_stopped"] = self.stopped
        if self.lazy_images:
            data["lazy_images_not_loaded"] = self.lazy_images
        return data

    def reasons(self) -> list[str]:
        """Why the picture may not hold the settled page (for ``full_page: false``)."""
        out = []
        if self.stopped:
            missing = self.stopped.get("images") or []
            out.append(
                f"the page had not finished loading after {self.stopped.get('after_s')} s "
                f"(--timeout); loading was stopped"
                + (
                    f": images not loaded ({len(missing)}: {', '.join(missing[:3])})"
                    if missing
                    else ""
                )
            )
        if self.lazy_images:
            out.append(
                f"lazy images not loaded ({len(self.lazy_images)} kept their placeholder: "
                f"{', '.join(self.lazy_images[:3])})"
            )
        if self.pending.get("images"):
            out.append(f"{len(self.pending['images'])} image(s) had not loaded")
        if self.pending.get("wait_for"):
            out.append(f"'{self.wait_for}' never appeared")
        rest = [k for k in ("requests", "timers", "fonts", "document") if self.pending.get(k)]
        if rest:
            out.append("the page had not settled (still pending: " + ", ".join(rest) + ")")
        if self.kept_growing:
            out.append("the page kept growing as it was scrolled (an endless feed)")
        return out


def read_state(session: PageSession, wait_for: str, then: Callable[[dict[str, Any]], None]) -> None:
    """The page's settling state (see :func:`settle_state_js`) as a dict, ``{}`` if odd."""

    def parse(value: Any) -> None:
        try:
            data = json.loads(value) if isinstance(value, str) else {}
        except ValueError:
            data = {}
        then(data if isinstance(data, dict) else {})

    session.js(settle_state_js(wait_for), parse)


class Settler:
    """Settles one loaded document: made fresh for every document a capture loads.

    :meth:`start` scrolls through and waits; ``then(record)`` gets the
    :class:`SettleRecord`, unless ``is_file(first_state)`` said the document is a file to
    download instead (then nothing more happens here). ``budget_cap_s`` shortens the
    budget when loading was stopped at the deadline (``stopped`` says what was pending)."""

    def __init__(
        self,
        session: PageSession,
        options: CaptureOptions,
        *,
        budget_cap_s: float | None = None,
        stopped: dict[str, Any] | None = None,
    ) -> None:
        self._session = session
        self._js, self._later = session.js, session.later
        self._after_frames = session.after_frames
        self._options = options
        self._budget_cap_s = budget_cap_s
        self.record = SettleRecord(
            wait_for=options.wait_for, min_wait_s=options.settle_s, stopped=dict(stopped or {})
        )
        self._t0 = time.monotonic()
        self._scrolled_height, self._scroll_rounds = 0, 1
        self._then: Callable[[SettleRecord], None] = lambda _record: None

    def start(
        self, is_file: Callable[[dict[str, Any]], bool], then: Callable[[SettleRecord], None]
    ) -> None:
        self._then = then

        def first(state: dict[str, Any]) -> None:
            if not is_file(state):
                self._scroll_step(0, int(state.get("h") or 0))

        self._state(first)

    def _elapsed_ms(self) -> int:
        return int((time.monotonic() - self._t0) * 1000)

    def _budget_ms(self) -> int:
        budget = self._options.settle_budget_s + self._options.settle_s
        if self._budget_cap_s is not None:  # loading was stopped: what is left of --timeout
            budget = min(budget, self._budget_cap_s)
        return int(budget * 1000)

    def _state(self, then: Callable[[dict[str, Any]], None]) -> None:
        read_state(self._session, self._options.wait_for, then)

    def _fit_view(self, state: dict[str, Any]) -> bool:
        """Grow the view towards the page's height (one render slice at most): lazy
        content within it loads at once. Returns whether the view grew."""
        view = self._session.view
        want = min(max(int(state.get("h") or 0), view.height()), SLICE_HEIGHT)
        if want > view.height():
            view.resize(view.width(), want)
            return True
        return False

    def _scroll_step(self, step: int, last_height: int) -> None:
        """Scroll one screenful on in the ordinary window: feeds and lazy images that
        listen for scroll events load as they would for a reader (a view grown to the
        page's height would never scroll, so they would stay at their first screen)."""
        view = self._session.view
        if step == 0 and view.height() != VIEWPORT[1]:
            view.resize(*VIEWPORT)

        def scrolled(value: Any) -> None:
            try:
                data = json.loads(value) if isinstance(value, str) else {}
            except ValueError:
                data = {}
            self.record.scroll_steps += 1
            self._after_frames(
                lambda: self._later(
                    POLL_MS,
                    lambda: self._step_quiet(step, int(data.get("end") or 0), last_height, 0),
                )
            )

        self._js(scroll_step_js(step), scrolled)

    def _step_quiet(self, step: int, end: int, last_height: int, waited: int) -> None:
        """After one scroll step: let the requests it started finish, then go on until
        the end of the page (and of its scrolling box) is reached and nothing grows."""

        def check(state: dict[str, Any]) -> None:
            busy = int(state.get("inflight") or 0) + int(state.get("timers") or 0)
            if busy and waited < STEP_WAIT_MS and self._elapsed_ms() < self._budget_ms():
                self._later(
                    POLL_MS, lambda: self._step_quiet(step, end, last_height, waited + POLL_MS)
                )
                return
            self._js(
                lines_js(step == 0 and self._scroll_rounds == 1),
                lambda value: self._step_done(step, end, last_height, state, value),
            )

        self._state(check)

    def _step_done(
        self, step: int, end: int, last_height: int, state: dict[str, Any], lines: Any
    ) -> None:
        """Note a virtual list (lines seen at the top gone), then the next step or stop."""
        try:
            seen = json.loads(lines) if isinstance(lines, str) else {}
        except ValueError:
            seen = {}
        gone, kept = int(seen.get("gone") or 0), int(seen.get("kept") or 0)
        if gone > 5 and gone * 5 > kept:
            self.record.drops_rows = True
        height = int(state.get("h") or 0)
        grew = height > last_height
        if height >= self._options.max_height and grew:  # enough for the picture, and more comes
            self.record.kept_growing = True
        if (
            self.record.kept_growing
            or self.record.scroll_steps >= MAX_SCROLL_STEPS
            or self._elapsed_ms() >= self._budget_ms()
            or (end and not grew)
        ):
            self._scrolled_height = height
            # Only now the view grows towards the page's height (lazy content in it loads
            # at once); growing makes the page longer for some feeds: another round then.
            self._fit_view(state)
            self._js(SCROLL_TOP_JS, lambda _v: self._settle_wait(-1))
        else:
            self._scroll_step(step + 1, height)

    def _settle_wait(self, busy_since: int, confirming: int = 0) -> None:
        """Poll until the page is quiet (see the module docstring) or the budget ends."""

        def check(state: dict[str, Any]) -> None:
            quiet = max(self._options.settle_ms, 100)
            elapsed = self._elapsed_ms()
            pending: dict[str, Any] = {}
            if state.get("ready") != "complete":
                pending["document"] = str(state.get("ready") or "unknown")
            if int(state.get("n_loading") or 0):
                pending["images"] = list(state.get("loading") or [])
            if int(state.get("fonts") or 0):
                pending["fonts"] = 1
            if int(state.get("inflight") or 0) or self._session.requests.quiet_ms() < quiet:
                pending["requests"] = int(state.get("inflight") or 0)
            timers = int(state.get("timers") or 0)
            if timers and elapsed < TIMER_WAIT_MS:
                pending["timers"] = timers  # later ones are polling, not content: noted only
            self.record.timers_left = timers
            if not int(state.get("want_met") or 0):
                pending["wait_for"] = self._options.wait_for
            if elapsed < self._options.settle_s * 1000:
                pending["min_wait"] = 1
            dom_quiet = int(state.get("quiet_ms") or 0) >= quiet
            since = -1 if pending else (elapsed if busy_since < 0 else busy_since)
            done = not pending and (dom_quiet or elapsed - since >= DOM_BUSY_MS)
            height = int(state.get("h") or 0)
            if done and not confirming:  # quiet now; still quiet once frames have run?
                self._after_frames(lambda: self._settle_wait(since, 1))
            elif (
                done
                and height > self._scrolled_height + 2
                and self._scroll_rounds < SCROLL_ROUNDS
                and not self.record.kept_growing
            ):
                self._scroll_rounds += 1  # it grew after the scroll-through (a feed): again
                self._scroll_step(0, height)
            elif done or elapsed >= self._budget_ms():
                pending.pop("min_wait", None)
                record = self.record
                record.waited_ms, record.pending = elapsed, pending
                record.settled, record.dom_quiet = not pending, dom_quiet
                record.broken_images = list(state.get("broken") or [])
                record.lazy_images = [str(u) for u in state.get("lazy") or []]
                self._then(record)
            else:
                # Quiet soon: look again when it would be, not at the next full poll.
                quiet_in = quiet - min(
                    int(state.get("quiet_ms") or 0), self._session.requests.quiet_ms()
                )
                wait = (
                    min(POLL_MS, max(quiet_in, 10))
                    if set(pending) <= {"requests"} and not int(state.get("inflight") or 0)
                    else POLL_MS
                )
                self._later(wait, lambda: self._settle_wait(since))

        self._state(check)
