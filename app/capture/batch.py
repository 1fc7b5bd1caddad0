"""Batch capture: many URLs with progress, a result per URL, retry of the failures and
cancel.

Pages load on the GUI thread (QtWebEngine requires it), ``LANES`` at a time, each in its
own hidden page of one shared profile: most of a capture is waiting (for the page to be
quiet, for painted frames), so one page settles while another renders. Finished captures
are stored one at a time, in the order of the list, whatever runner stores them (the
app's runs on a pool of threads): a page that finishes early waits for the ones before
it. No new page is started while ``MAX_WAITING_TO_STORE`` finished captures wait, so at
most that many plus ``LANES`` captures are in memory. The GUI never waits on the
database. Each stored item is its own transaction.

Cancel stops the pages being captured and those not started; a page already captured is
still stored (its row said "Saving"): evidence that was captured is never dropped by
Cancel. Items already stored stay; nothing is ever half stored.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineProfile

from app.capture import spool
from app.capture.errors import CaptureCancelled, CaptureFailed
from app.capture.web import LOAD_TIMEOUT_S, PageCapturer
from app.capture.web_engine import off_the_record_profile
from app.capture.web_result import PageCapture
from app.capture.web_store import store_capture
from app.errors import LockerError, UsageError
from app.vault import Vault

MAX_URLS = 10_000
MAX_WAITING_TO_STORE = 2  # finished captures held in memory while the vault writes
LANES = 2  # pages captured at once (docs/performance.md, "Round 5")

PENDING, CAPTURING, STORING, DONE, FAILED, CANCELLED = (
    "pending",
    "capturing",
    "storing",
    "done",
    "failed",
    "cancelled",
)


@dataclass
class BatchEntry:
    """The state and result of one URL in a batch."""

    index: int
    url: str
    state: str = PENDING
    item_id: int | None = None
    sha256: str | None = None  # of the full-page PNG, or of the file a URL served
    final_url: str = ""
    error: str = ""
    attempts: int = 0
    partial: list[str] = field(default_factory=list)  # why the PNG is not the whole page
    settle_note: str = ""  # what settling waited for, in one line

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED, CANCELLED)


def settle_summary(settle: dict[str, Any]) -> str:
    """One line about settling: how long, and what was still pending."""
    if not settle:
        return ""
    seconds = int(settle.get("waited_ms") or 0) / 1000
    pending = settle.get("pending") or {}
    if not pending:
        return f"settled after {seconds:.1f} s"
    return f"not settled after {seconds:.1f} s (pending: {', '.join(sorted(pending))})"


def parse_url_list(text: str) -> list[str]:
    """URLs from pasted text or a list file: one per line; blank lines and lines
    starting with # are skipped; duplicates are kept once, in order."""
    urls: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if line not in seen:
            seen.add(line)
            urls.append(line)
    if len(urls) > MAX_URLS:
        raise UsageError(f"At most {MAX_URLS} URLs per batch ({len(urls)} given).")
    return urls


def read_url_file(path: Path) -> list[str]:
    from app.errors import NotFound

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise NotFound(f"The URL list {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"Cannot read the URL list {path}: {exc}") from exc
    return parse_url_list(text)


StoreWork = Callable[[Callable[[], bool]], Any]  # gets a "cancelled?" check, returns the Item
StoreRunner = Callable[[StoreWork, Callable[[Any], None], Callable[[str], None]], None]


class _Relay(QObject):
    """Carries results from a storing thread back to the thread that owns the relay."""

    done = Signal(object, object, object)  # callback, value, unused


class ThreadStoreRunner(QObject):
    """The default way to store: one background thread, results delivered on the GUI
    thread. The GUI passes a runner built on its controller instead, so locking the
    vault cancels and waits for a store in progress (see ``StoreRunner``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capture-store")
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.done.connect(lambda callback, value, _unused: callback(value))

    def __call__(
        self, work: StoreWork, on_done: Callable[[Any], None], on_fail: Callable[[str], None]
    ) -> None:
        def run() -> None:
            try:
                item = work(self._cancel.is_set)
            except LockerError as exc:
                self._relay.done.emit(on_fail, str(exc), None)
            except Exception as exc:  # noqa: BLE001 - reported, the rest goes on
                self._relay.done.emit(
                    on_fail,
                    f"Storing failed ({type(exc).__name__}); nothing was stored for this URL.",
                    None,
                )
            else:
                self._relay.done.emit(on_done, item, None)

        self._pool.submit(run)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


@dataclass
class _Lane:
    """One hidden page of a batch and the entry it is capturing."""

    capturer: PageCapturer
    entry: BatchEntry | None = None


class BatchCapture(QObject):
    """Signals: ``entryChanged(BatchEntry)`` on every state change, ``progress(done,
    total)`` and ``finished()`` when every URL has a result."""

    entryChanged = Signal(object)
    progress = Signal(int, int)
    finished = Signal()

    def __init__(
        self,
        vault: Vault,
        case: str,
        note: str | None = None,
        profile: QWebEngineProfile | None = None,
        parent: QObject | None = None,
        timeout_s: float = LOAD_TIMEOUT_S,
        store_runner: StoreRunner | None = None,
        **capture_options: Any,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.case = case
        self.note = note
        self.entries: list[BatchEntry] = []
        spool.sweep_stale()
        shared = profile or off_the_record_profile(self)  # one browser: cookies shared
        self._lanes = [
            _Lane(PageCapturer(shared, self, timeout_s=timeout_s, **capture_options))
            for _ in range(LANES)
        ]
        for lane in self._lanes:
            lane.capturer.finished.connect(lambda capture, lane=lane: self._captured(lane, capture))
            lane.capturer.failed.connect(
                lambda _url, error, lane=lane: self._capture_failed(lane, error)
            )
        self._own_runner = ThreadStoreRunner(self) if store_runner is None else None
        self._runner: StoreRunner = store_runner or self._own_runner  # type: ignore[assignment]
        self._cancel = threading.Event()
        self._queue: list[BatchEntry] = []
        self._order: list[BatchEntry] = []  # this run's entries, in the order they are stored
        self._store_pos = 0  # _order[:_store_pos] are stored, storing or have failed
        self._held: dict[int, tuple[BatchEntry, PageCapture]] = {}  # by entry index
        self._ready: deque[tuple[BatchEntry, PageCapture]] = deque()  # to store, in order
        self._storing = 0
        self._running = False

    # -- control -------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def start(self, urls: list[str]) -> None:
        if self._running:
            raise UsageError("This batch is already running.")
        if not urls:
            raise UsageError("No URLs to capture.")
        self.entries = [BatchEntry(i, url) for i, url in enumerate(urls)]
        self._run(list(self.entries))

    def retry_failed(self) -> int:
        """Capture again every URL that failed or was cancelled. Returns how many."""
        if self._running:
            raise UsageError("Wait for the batch to finish before retrying.")
        again = [e for e in self.entries if e.state in (FAILED, CANCELLED)]
        for entry in again:
            entry.state, entry.error = PENDING, ""
            self.entryChanged.emit(entry)
        if again:
            self._run(again)
        return len(again)

    def cancel(self) -> None:
        """Stop: the pages being captured are dropped, pending URLs are marked cancelled;
        pages already captured are still stored, in list order; items already stored
        stay."""
        if not self._running:
            return
        self._cancel.set()
        queued, self._queue = self._queue, []
        for entry in queued:
            self._set(entry, CANCELLED, error="Cancelled before it was captured.")
        for lane in self._lanes:
            if lane.entry is not None:
                # Its "failed" signal (CaptureCancelled) marks the entry and frees the lane;
                # a URL refused before loading reports its own failure a moment later.
                lane.capturer.cancel()
        self._release()  # the captured pages behind cancelled ones can be stored now
        self._maybe_finish()

    def shutdown(self) -> None:
        """For an owner that ends now (the CLI, tests): cancel, hand every captured page to
        the store at once (no event loop is left to do it one by one; this batch's own
        store thread still stores them in order) and wait for that thread. The app's
        dialog lets a batch finish in the background instead (``finish_in_background``)."""
        self.cancel()
        while self._ready:
            self._store(*self._ready.popleft())
        if self._own_runner is not None:
            self._own_runner.shutdown()

    def finish_in_background(self, owner: QObject) -> None:
        """The window showing this batch closes: cancel what is not captured yet, keep
        storing the pages already captured, one at a time in list order, under ``owner``
        (which outlives the window), and delete the batch once it has finished."""
        self.setParent(owner)
        if not self._running:
            self.deleteLater()
            return
        self.finished.connect(self.deleteLater)
        self.cancel()

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for entry in self.entries:
            result[entry.state] = result.get(entry.state, 0) + 1
        return result

    # -- running -------------------------------------------------------------------

    def _run(self, entries: list[BatchEntry]) -> None:
        self._cancel.clear()
        self._queue = list(entries)
        self._order, self._store_pos, self._held = list(entries), 0, {}
        self._ready.clear()
        self._running = True
        self._emit_progress()
        self._next()

    def _next(self) -> None:
        """Give each idle lane the next URL, unless finished captures wait to be stored
        (``_stored`` and ``_release`` call this again)."""
        for lane in self._lanes:
            if lane.entry is not None:
                continue
            if not self._queue or self._cancel.is_set():
                break
            if self._storing + len(self._held) + len(self._ready) >= MAX_WAITING_TO_STORE:
                break
            entry = self._queue.pop(0)
            entry.attempts += 1
            lane.entry = entry
            self._set(entry, CAPTURING)
            if self._cancel.is_set():  # cancelled by a handler of that very change
                lane.entry = None
                self._set(entry, CANCELLED, error="Cancelled before it was captured.")
                break
            lane.capturer.capture(entry.url)
        self._maybe_finish()

    def _captured(self, lane: _Lane, capture: PageCapture) -> None:
        entry, lane.entry = lane.entry, None
        if entry is None:  # cancelled meanwhile
            capture.discard()
            self._maybe_finish()
            return
        entry.final_url = capture.final_url
        entry.partial = capture.reasons() if capture.direct_file is None else []
        entry.settle_note = settle_summary(capture.settle)
        self._held[entry.index] = (entry, capture)
        self._set(entry, STORING)
        self._release()
        self._next()

    def _capture_failed(self, lane: _Lane, error: CaptureFailed) -> None:
        entry, lane.entry = lane.entry, None
        if entry is not None:
            state = CANCELLED if isinstance(error, CaptureCancelled) else FAILED
            self._set(entry, state, error=str(error))
        self._release()
        self._next()

    def _release(self) -> None:
        """Queue held captures for storing in list order, up to the first entry that is
        still being captured (or waiting for a lane)."""
        while self._store_pos < len(self._order):
            entry = self._order[self._store_pos]
            if entry.index in self._held:
                self._ready.append(self._held.pop(entry.index))
            elif entry.state not in (FAILED, CANCELLED):
                break
            self._store_pos += 1
        self._pump()

    def _pump(self) -> None:
        """Store the next captured page once the one before it is stored: one at a time,
        so items get their numbers in list order."""
        if not self._storing and self._ready:
            self._store(*self._ready.popleft())

    def _store(self, entry: BatchEntry, capture: PageCapture) -> None:
        self._storing += 1
        case, note = self.case, self.note

        def work(cancelled: Callable[[], bool]) -> Any:
            return store_capture(self.vault, capture, case, note, cancelled=cancelled)

        self._runner(
            work,
            lambda item: self._stored(entry, item, None),
            lambda message: self._stored(entry, None, message),
        )

    def _stored(self, entry: BatchEntry, item: object, error: str | None) -> None:
        self._storing -= 1
        if error is not None or item is None:
            self._set(entry, FAILED, error=error or "Nothing was stored.")
        else:
            entry.item_id = getattr(item, "id", None)
            entry.sha256 = getattr(item, "sha256", None)
            self._set(entry, DONE)
        self._pump()
        self._next()

    def _maybe_finish(self) -> None:
        idle = all(lane.entry is None for lane in self._lanes)
        waiting = self._queue or self._held or self._ready or self._storing
        if self._running and idle and not waiting:
            self._running = False
            self._emit_progress()
            self.finished.emit()

    def _set(self, entry: BatchEntry, state: str, error: str = "") -> None:
        entry.state = state
        entry.error = error
        self.entryChanged.emit(entry)
        if entry.finished:
            self._emit_progress()

    def _emit_progress(self) -> None:
        done = sum(1 for e in self.entries if e.finished)
        self.progress.emit(done, len(self.entries))

    def wait(self) -> None:
        """Run a local event loop until the batch finishes (CLI and tests)."""
        if not self._running:
            return
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        loop.exec()
        self.finished.disconnect(loop.quit)
