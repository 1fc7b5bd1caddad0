"""Batch capture: many URLs, one after another, with progress, a result per URL, retry of
the failures and cancel.

Pages load on the GUI thread (QtWebEngine requires it) one at a time; each finished
capture is stored in the vault by one background thread while the next page loads, so
the GUI never waits on the database. Each stored item is its own transaction: cancelling
keeps every item already stored and never leaves half an item.
"""

from __future__ import annotations

import threading
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
from app.capture.web_result import PageCapture
from app.capture.web_store import store_capture
from app.errors import LockerError, UsageError
from app.vault import Vault

MAX_URLS = 10_000
MAX_WAITING_TO_STORE = 2  # finished captures held in memory while the vault writes

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
        self._capturer = PageCapturer(profile, self, timeout_s=timeout_s, **capture_options)
        self._capturer.finished.connect(self._captured)
        self._capturer.failed.connect(self._capture_failed)
        self._own_runner = ThreadStoreRunner(self) if store_runner is None else None
        self._runner: StoreRunner = store_runner or self._own_runner  # type: ignore[assignment]
        self._cancel = threading.Event()
        self._queue: list[BatchEntry] = []
        self._current: BatchEntry | None = None
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
        """Stop: the page loading now is dropped, pending URLs are marked cancelled,
        items already stored stay."""
        if not self._running:
            return
        self._cancel.set()
        for entry in self._queue:
            self._set(entry, CANCELLED, error="Cancelled before it was captured.")
        self._queue = []
        self._capturer.cancel()
        self._maybe_finish()

    def shutdown(self) -> None:
        self.cancel()
        if self._own_runner is not None:
            self._own_runner.shutdown()

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for entry in self.entries:
            result[entry.state] = result.get(entry.state, 0) + 1
        return result

    # -- running -------------------------------------------------------------------

    def _run(self, entries: list[BatchEntry]) -> None:
        self._cancel.clear()
        self._queue = list(entries)
        self._running = True
        self._emit_progress()
        self._next()

    def _next(self) -> None:
        if self._current is not None:
            return
        if self._storing >= MAX_WAITING_TO_STORE and self._queue and not self._cancel.is_set():
            return  # captures wait in memory; let the store catch up first (_stored resumes)
        if not self._queue or self._cancel.is_set():
            self._maybe_finish()
            return
        entry = self._queue.pop(0)
        entry.attempts += 1
        self._current = entry
        self._set(entry, CAPTURING)
        self._capturer.capture(entry.url)

    def _captured(self, capture: PageCapture) -> None:
        entry, self._current = self._current, None
        if entry is None:
            capture.discard()
            return
        entry.final_url = capture.final_url
        entry.partial = capture.reasons() if capture.direct_file is None else []
        entry.settle_note = settle_summary(capture.settle)
        self._set(entry, STORING)
        self._storing += 1
        case, note = self.case, self.note

        def work(cancelled: Callable[[], bool]) -> Any:
            return store_capture(self.vault, capture, case, note, cancelled=cancelled)

        self._runner(
            work,
            lambda item: self._stored(entry, item, None),
            lambda message: self._stored(entry, None, message),
        )
        self._next()

    def _capture_failed(self, _url: str, error: CaptureFailed) -> None:
        entry, self._current = self._current, None
        if entry is not None:
            state = CANCELLED if isinstance(error, CaptureCancelled) else FAILED
            self._set(entry, state, error=str(error))
        self._next()

    def _stored(self, entry: BatchEntry, item: object, error: str | None) -> None:
        self._storing -= 1
        if error is not None or item is None:
            self._set(entry, FAILED, error=error or "Nothing was stored.")
        else:
            entry.item_id = getattr(item, "id", None)
            entry.sha256 = getattr(item, "sha256", None)
            self._set(entry, DONE)
        self._next()
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        if self._running and self._current is None and not self._queue and self._storing == 0:
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
