"""Rendering a settled page: :class:`Renderer`, made fresh for each settled document,
works through the capture's :class:`~app.capture.page_session.PageSession` and writes
into its :class:`~app.capture.web_result.PageCapture`.

One moment: the page is prepared (main scrolling box expanded, fixed and sticky elements
pinned at their top-of-page place so they appear once), then frozen (timers, animation
frames, observers, network results, CSS animations and media stop), and the PNG (tall
slices, stitched), the text, the PDF and the MHTML are all made from that frozen state.
The text is fingerprinted before the PNG and after the PDF: a page that changed anyway
is reported. The preparation is undone before the MHTML is saved, so the archive holds
the page's own markup; web fonts are then added to the archive.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter

from app.capture.fidelity_js import (
    FINGERPRINT_JS,
    FONTS_DONE_JS,
    FREEZE_JS,
    PREPARE_JS,
    RESTORE_JS,
    TEXT_JS,
    fetch_fonts_js,
    text_check_js,
)
from app.capture.mhtml_fonts import MAX_FONT_BYTES, add_fonts, decode_data_url, font_urls
from app.capture.settle import POLL_MS, SLICE_HEIGHT, VIEWPORT, SettleRecord, read_state
from app.capture.web_result import PageCapture
from app.capture.web_scripts import MEASURE_JS, PAGE_META_JS

if TYPE_CHECKING:
    from app.capture.job import CaptureOptions
    from app.capture.page_session import PageSession

MAX_TEXT_CHARS = 5_000_000
IMAGES_AFTER_PREPARE_MS = 3_000  # images revealed by expanding a scrolling box
FONTS_WAIT_MS = 5_000
STABLE_GAP_MS = 50  # between two grabs that must agree before a slice is drawn


def parse_json(value: Any) -> dict[str, Any]:
    try:
        data = json.loads(value) if isinstance(value, str) else {}
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


SavePage = Callable[[Path, Callable[[bytes | None], None]], None]


class Renderer:
    """Renders one settled document into ``result``: made fresh for each document.

    :meth:`start` takes the :class:`SettleRecord` over (pictures that never loaded are
    added to it); ``save_page(path, then)`` saves the MHTML (``then`` gets its bytes, or
    None when it failed); ``stage`` names each step; ``done()`` is called at the end."""

    def __init__(
        self,
        session: PageSession,
        result: PageCapture,
        record: SettleRecord,
        options: CaptureOptions,
        spool_dir: Path,
        save_page: SavePage,
        stage: Callable[[str], None],
        done: Callable[[], None],
    ) -> None:
        self._session = session
        self._js, self._later = session.js, session.later
        self._after_frames = session.after_frames
        self._view, self._page = session.view, session.page
        self._result = result
        self._settle = record
        self._options = options
        self._spool = spool_dir
        self._save_page = save_page
        self._stage = stage
        self._done = done
        self._fingerprint: dict[str, Any] = {}  # the text before the PNG, for after the PDF

    def _state(self, then: Callable[[dict[str, Any]], None]) -> None:
        read_state(self._session, self._options.wait_for, then)

    # -- preparing and freezing ----------------------------------------------------

    def start(self) -> None:
        self._result.settle = self._settle.as_dict()
        self._stage("rendering")
        # Fixed elements are pinned where they sit in the real viewport, not the tall one.
        self._view.resize(*VIEWPORT)
        self._after_frames(
            lambda: self._js(PREPARE_JS, lambda value: self._prepared(parse_json(value), 0))
        )

    def _prepared(self, prep: dict[str, Any], waited: int) -> None:
        """Let images that the expanded scrolling box revealed load, then freeze."""
        if waited == 0:
            self._note_prepared(prep)

        def check(state: dict[str, Any]) -> None:
            if (
                int(state.get("n_loading") or 0)
                and waited < IMAGES_AFTER_PREPARE_MS
                and prep.get("box")
            ):
                self._later(POLL_MS, lambda: self._prepared(prep, waited + POLL_MS))
            else:
                if int(state.get("n_loading") or 0):
                    self._settle.pending["images"] = list(state.get("loading") or [])
                    self._settle.settled = False
                    self._result.settle = self._settle.as_dict()
                self._result.partial_reasons[:0] = self._settle.reasons()
                self._measure(self._grow_then_freeze)

        self._after_frames(lambda: self._state(check))

    def _grow_then_freeze(self, data: dict[str, Any]) -> None:
        """Give the page the tall view it will be drawn in while its scripts still run
        (virtual lists fill it), then freeze it and lay it out for the slices."""
        self._view.resize(self._view.width(), min(max(int(data.get("h") or 0), 1), SLICE_HEIGHT))
        self._after_frames(
            lambda: self._later(
                POLL_MS,
                lambda: self._js(
                    FREEZE_JS,
                    lambda _v: self._after_frames(
                        lambda: self._measure(lambda new: self._layout(new, 0))
                    ),
                ),
            )
        )

    def _note_prepared(self, prep: dict[str, Any]) -> None:
        result = self._result
        box, left = str(prep.get("box") or ""), int(prep.get("box_left") or 0)
        if box:
            result.scroll_box = {
                "element": box[:200],
                "visible_height": int(prep.get("box_before") or 0),
                "expanded_height": int(prep.get("box_after") or 0),
                "hidden_height": left,
            }
            if left:
                result.partial_reasons.append(
                    f"the page scrolls inside a box ({box[:80]}) that could not be shown "
                    f"whole ({left} px of it are not in the picture)"
                )
            else:
                result.notes.append(
                    f"The page scrolls inside a box ({box[:80]}); it was "
                    "expanded to show its whole content."
                )
        pinned, moved = int(prep.get("pinned") or 0), int(prep.get("moved") or 0)
        if pinned > moved:
            result.notes.append(
                f"{pinned - moved} fixed or sticky element(s) (headers, boxes) "
                "are shown once, where they were at the top of the page."
            )
        if moved:
            result.notes.append(
                f"{moved} element(s) fixed at the bottom of the window (cookie "
                "banners, bars) are shown once, after the end of the page, so "
                "they cover nothing."
            )
        covered = int(prep.get("covered") or 0)
        if covered:
            by = ", ".join(str(d)[:80] for d in list(prep.get("covered_by") or [])[:5])
            result.partial_reasons.append(
                f"overlay covers text: {covered} text block(s) lie under fixed element(s) "
                f"shown where the window showed them ({by})"
            )

    def _measure(self, then: Any) -> None:
        self._js(MEASURE_JS, lambda value: then(parse_json(value)))

    def _layout(self, data: dict[str, Any], rounds: int) -> None:
        """Resize the view to show a tall slice, then measure again until the page
        height is stable (100vh blocks change with the view)."""
        height = max(int(data.get("h") or 0), 1)
        self._view.resize(self._view.width(), min(height, SLICE_HEIGHT))

        def again() -> None:
            def check(new: dict[str, Any]) -> None:
                new_height = max(int(new.get("h") or 0), 1)
                if new_height != height and rounds < 3:
                    self._layout(new, rounds + 1)
                else:
                    self._render(new)

            self._measure(check)

        # The page is frozen (no script answers the resize), so two painted frames after
        # it are enough for the new layout to be measured.
        self._after_frames(again)

    # -- rendering -----------------------------------------------------------------

    def _render(self, data: dict[str, Any]) -> None:
        def got_meta(value: Any) -> None:
            meta = parse_json(value)
            self._result.page_meta = {str(k)[:100]: str(v) for k, v in list(meta.items())[:30]}
            self._js(FINGERPRINT_JS, lambda fp: self._check_text(data, parse_json(fp)))

        self._js(PAGE_META_JS, got_meta)

    def _check_text(self, data: dict[str, Any], fingerprint: dict[str, Any]) -> None:
        self._fingerprint = fingerprint
        height = max(int(data.get("h") or 0), 1)
        width = self._view.width()
        self._result.page_size = (int(data.get("w") or width), height)
        self._result.title = str(data.get("title") or "") or self._page.title()
        target = min(height, self._options.max_height)

        def got(value: Any) -> None:
            check = parse_json(value)
            self._result.text_check = {
                k: int(check.get(k) or 0) for k in ("blocks", "outside", "clipped", "bottom")
            }
            self._render_png(height, target)

        self._js(text_check_js(width, target), got)

    def _render_png(self, height: int, target: int) -> None:
        max_height = self._options.max_height
        if target < height:
            self._result.truncated_at = max_height
            self._result.notes.append(
                f"The page is {height} px tall; the PNG stops at the maximum of "
                f"{max_height} px. The PDF and MHTML hold the whole page."
            )
        view_h = self._view.height()
        if self._settle.drops_rows and target > view_h:
            self._result.partial_reasons.append(
                f"the page removes what is scrolled out of view (a virtual list): below "
                f"{view_h} px the picture may miss rows"
            )
        image = QImage(self._view.width(), target, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        self._grab_slices(image, list(range(0, target, view_h)), view_h, target)

    def _grab_slices(
        self,
        image: QImage,
        offsets: list[int],
        view_h: int,
        target: int,
        last: QImage | None = None,
    ) -> None:
        if not offsets:
            self._js(
                "window.scrollTo({top: 0, behavior: 'instant'}); 0",
                lambda _v: self._finish_png(image),
            )
            return
        y = offsets[0]

        def scrolled(actual: Any) -> None:
            def grab(shot: QImage) -> None:
                scale = shot.width() / max(self._view.width(), 1)
                src_y = y - int(float(actual or 0))
                rows = min(view_h - src_y, target - y)
                painter = QPainter(image)
                painter.drawImage(
                    QPoint(0, y),
                    shot.scaled(self._view.width(), int(shot.height() / scale))
                    if scale != 1
                    else shot,
                    QRect(0, src_y, image.width(), rows),
                )
                painter.end()
                self._grab_slices(image, offsets[1:], view_h, target, shot)

            self._stable_grab(last, grab)

        self._js(
            f"window.scrollTo({{top: {y}, left: 0, behavior: 'instant'}}); window.scrollY", scrolled
        )

    def _stable_grab(self, last: QImage | None, then: Callable[[QImage], None]) -> None:
        """The view once it shows the scrolled or resized page: grabbed after painted
        frames until two grabs a moment apart are the same picture that is not still the
        previous slice's (``last``; a busy machine can deliver the new frame late). Such
        a picture is taken at once; one still equal to ``last`` only after 2 × render_ms
        (longer than the fixed frames + render_ms wait this replaced; a page whose slices
        look alike pays it); anything after 4 × render_ms. The fixed wait for every
        slice was most of a short page's capture time (docs/performance.md, round 4)."""
        started = time.monotonic()

        def take(previous: QImage | None) -> None:
            shot = self._view.grab().toImage()
            waited = (time.monotonic() - started) * 1000
            stable = previous is not None and shot == previous
            fresh = last is None or shot != last
            if (stable and (fresh or waited >= 2 * self._options.render_ms)) or (
                waited >= 4 * self._options.render_ms
            ):
                then(shot)
            else:
                self._after_frames(lambda: self._later(STABLE_GAP_MS, lambda: take(shot)))

        self._after_frames(lambda: take(None))

    def _finish_png(self, image: QImage) -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        self._result.png = bytes(buffer.data().data())
        self._result.png_size = (image.width(), image.height())
        self._stage("text")
        self._js(TEXT_JS, lambda value: self._got_text(parse_json(value)))

    def _got_text(self, data: dict[str, Any]) -> None:
        if int(data.get("foreign") or 0):  # frames from other sites: Qt's text has them
            gen, session = self._session.gen, self._session
            self._page.toPlainText(
                lambda text: (
                    session.guarded(self._use_text, str(text), True)
                    if session.current(gen)
                    else None
                )
            )
        else:
            self._use_text(str(data.get("text") or ""), False)

    def _use_text(self, text: str, frames_last: bool) -> None:
        if frames_last:
            self._result.notes.append(
                "The text of frames from other sites follows the "
                "page's own text instead of standing at its place."
            )
        if len(text) > MAX_TEXT_CHARS:
            self._result.notes.append(f"The visible text was cut at {MAX_TEXT_CHARS} characters.")
        self._result.text = text[:MAX_TEXT_CHARS]
        self._stage("pdf")
        gen, session = self._session.gen, self._session
        self._page.printToPdf(
            lambda data: session.guarded(self._got_pdf, data) if session.current(gen) else None
        )

    def _got_pdf(self, data: QByteArray) -> None:
        self._result.pdf = bytes(data.data()) if isinstance(data, QByteArray) else bytes(data)
        if not self._result.pdf:
            self._result.notes.append("The page could not be printed to PDF.")
        self._js(FINGERPRINT_JS, lambda fp: self._compare(parse_json(fp)))

    def _compare(self, after: dict[str, Any]) -> None:
        before = self._fingerprint
        same = all(before.get(k) == after.get(k) for k in ("len", "hash"))
        self._result.one_moment = same
        if not same:
            self._result.partial_reasons.append(
                "the page changed while it was being captured (the PNG, text and PDF may "
                "show different moments)"
            )
        self._js(RESTORE_JS, lambda _v: self._save_mhtml())

    def _save_mhtml(self) -> None:
        self._stage("mhtml")
        self._save_page(self._spool / "page.mhtml", self._mhtml_saved)

    def _mhtml_saved(self, data: bytes | None) -> None:
        """Add the web fonts the archive's CSS names (fetched from the page's cache)."""
        if data is None:
            self._result.notes.append("The page could not be saved as MHTML.")
            self._done()
            return
        self._result.mhtml = data
        urls = font_urls(self._result.mhtml)
        if not urls:
            self._done()
            return
        self._js(fetch_fonts_js(urls, MAX_FONT_BYTES), lambda _v: self._fonts_poll(urls, 0))

    def _fonts_poll(self, urls: list[str], waited: int) -> None:
        def check(value: Any) -> None:
            try:
                data = json.loads(value) if isinstance(value, str) else None
            except ValueError:
                data = None
            if not isinstance(data, dict) and waited < FONTS_WAIT_MS:
                self._later(POLL_MS, lambda: self._fonts_poll(urls, waited + POLL_MS))
                return
            fonts = {}
            for url, encoded in (data or {}).items():
                decoded = decode_data_url(str(encoded)) if url in urls else None
                if decoded is not None:
                    fonts[url] = decoded
            before = self._result.mhtml
            self._result.mhtml = add_fonts(before, fonts)
            embedded = len(fonts) if self._result.mhtml != before else 0
            self._result.mhtml_fonts = {"referenced": len(urls), "embedded": embedded}
            if embedded < len(urls):
                self._result.notes.append(
                    f"{len(urls) - embedded} of {len(urls)} web "
                    "font(s) could not be added to the MHTML."
                )
            self._done()

        self._js(FONTS_DONE_JS, check)
