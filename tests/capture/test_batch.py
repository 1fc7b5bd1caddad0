"""Batch capture: many URLs in the background with progress, results, retry and cancel."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from app.capture.batch import (
    CANCELLED,
    CAPTURING,
    DONE,
    FAILED,
    LANES,
    MAX_WAITING_TO_STORE,
    STORING,
    BatchCapture,
    ThreadStoreRunner,
    parse_url_list,
)
from app.errors import UsageError
from tests.capture.conftest import FAST, GATES


def test_fifty_urls_with_five_failing(qapp: Any, vault: Any, site: Any) -> None:
    failing = [
        site.url("/gone/1"),
        site.url("/gone/2"),
        site.url("/error"),
        site.unreachable,
        site.https_base + "/page/x",
    ]
    urls = [site.url(f"/page/{n}") for n in range(45)]
    for i, bad in enumerate(failing):
        urls.insert(i * 9 + 4, bad)
    assert len(urls) == 50

    batch = BatchCapture(vault, "Batch", timeout_s=20, **FAST)
    progress: list[tuple[int, int]] = []
    batch.progress.connect(lambda done, total: progress.append((done, total)))
    batch.start(urls)
    batch.wait()

    assert vault.count_items("Batch") == 45
    done = [e for e in batch.entries if e.state == DONE]
    failed = [e for e in batch.entries if e.state == FAILED]
    assert len(done) == 45 and len(failed) == 5
    assert {e.url for e in failed} == set(failing)
    for entry in failed:
        assert entry.error and "\n" not in entry.error and "nothing was stored" in entry.error
    for entry in done:
        item = vault.get_item(entry.item_id)
        assert item.sha256 == entry.sha256 and item.source_url == entry.url
    # Progress was reported along the way and ended complete.
    assert progress[-1] == (50, 50)
    assert len({d for d, _ in progress}) > 10
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)

    # Retrying captures only the failures again (they still fail; nothing is duplicated).
    assert batch.retry_failed() == 5
    batch.wait()
    assert vault.count_items("Batch") == 45
    assert all(e.attempts == 2 for e in batch.entries if e.url in failing)
    batch.shutdown()


def test_cancel_keeps_stored_items_and_marks_the_rest(qapp: Any, vault: Any, site: Any) -> None:
    urls = [site.url(f"/page/c{n}") for n in range(12)]
    batch = BatchCapture(vault, "Cancel", timeout_s=20, **FAST)

    def maybe_cancel(entry: Any) -> None:
        if entry.state == DONE:
            batch.cancel()

    batch.entryChanged.connect(maybe_cancel)
    batch.start(urls)
    batch.wait()
    batch.shutdown()
    states = [e.state for e in batch.entries]
    assert CANCELLED in states
    stored = [e for e in batch.entries if e.state == DONE]
    assert 1 <= len(stored) < 12
    assert vault.count_items("Cancel") == len(stored)
    assert not batch.running


class _PoolRunner(ThreadStoreRunner):
    """Stores on four threads like the app's runner; the first store is slow, so stores
    handed over together would finish out of order."""

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="test-store")
        self.calls = 0

    def __call__(self, work: Any, on_done: Any, on_fail: Any) -> None:
        self.calls += 1
        if self.calls == 1:
            first = work

            def work(cancelled: Any) -> Any:
                time.sleep(0.5)
                return first(cancelled)

        super().__call__(work, on_done, on_fail)


def test_pages_are_captured_side_by_side_and_stored_in_list_order(
    qapp: Any, vault: Any, site: Any
) -> None:
    """While the first page is still loading, the next ones are captured; their items
    still follow the list (also with a runner of several threads), and no new page starts
    while MAX_WAITING_TO_STORE captured pages wait."""
    gate = GATES.setdefault("order", threading.Event())
    gate.clear()
    urls = [site.url("/gate/order"), *(site.url(f"/page/o{n}") for n in range(1, 5))]
    runner = _PoolRunner()
    batch = BatchCapture(vault, "Order", timeout_s=40, store_runner=runner, **FAST)
    events: list[tuple[int, str]] = []
    most_waiting = 0

    def changed(entry: Any) -> None:
        nonlocal most_waiting
        events.append((entry.index, entry.state))
        waiting = sum(1 for e in batch.entries if e.state == STORING)
        most_waiting = max(most_waiting, waiting)
        if sum(1 for e in batch.entries[1:] if e.state == STORING) >= MAX_WAITING_TO_STORE:
            gate.set()  # the first page loads only once the others are waiting for it

    batch.entryChanged.connect(changed)
    try:
        batch.start(urls)
        batch.wait()
    finally:
        gate.set()
        batch.shutdown()
        runner.shutdown()

    assert [e.state for e in batch.entries] == [DONE] * 5
    ids = [e.item_id or 0 for e in batch.entries]
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert [vault.get_item(i).source_url for i in ids] == urls
    # Pages 1 and 2 were captured while page 0 was loading...
    assert events.index((2, STORING)) < events.index((0, STORING))
    # ...page 3 waited until page 0 was captured (two finished pages were held)...
    assert events.index((0, STORING)) < events.index((3, CAPTURING))
    assert most_waiting <= MAX_WAITING_TO_STORE + LANES - 1
    # ...and every item was stored in list order.
    assert [i for i, state in events if state == DONE] == [0, 1, 2, 3, 4]


def test_cancel_still_stores_the_pages_already_captured(qapp: Any, vault: Any, site: Any) -> None:
    """Pages captured while an earlier one still loads show "Saving"; Cancel then drops
    the loading page and the rest of the list but stores those pages."""
    gate = GATES.setdefault("cancel", threading.Event())
    gate.clear()
    urls = [site.url("/gate/cancel"), *(site.url(f"/page/k{n}") for n in range(1, 5))]
    batch = BatchCapture(vault, "Cancel held", timeout_s=40, **FAST)
    cancelled: list[bool] = []

    def changed(entry: Any) -> None:
        held = [e for e in batch.entries[1:] if e.state == STORING]
        if len(held) >= MAX_WAITING_TO_STORE and not cancelled:
            cancelled.append(True)
            batch.cancel()

    batch.entryChanged.connect(changed)
    try:
        batch.start(urls)
        batch.wait()
    finally:
        gate.set()
        batch.shutdown()

    states = [e.state for e in batch.entries]
    assert states == [CANCELLED, DONE, DONE, CANCELLED, CANCELLED], states
    assert vault.count_items("Cancel held") == 2
    stored = [vault.get_item(e.item_id).source_url for e in batch.entries if e.state == DONE]
    assert stored == urls[1:3]


def test_cancel_right_after_start_finishes_only_when_every_entry_has_a_result(
    qapp: Any, vault: Any, site: Any
) -> None:
    """Cancel while both lanes load: "finished" comes once no entry is still capturing
    (the dialog's summary counts them then)."""
    for name in ("c1", "c2"):
        GATES.setdefault(name, threading.Event()).clear()
    urls = [site.url("/gate/c1"), site.url("/gate/c2"), site.url("/page/c3")]
    batch = BatchCapture(vault, "Cancel early", timeout_s=40, **FAST)
    at_finish: list[list[str]] = []
    batch.finished.connect(lambda: at_finish.append([e.state for e in batch.entries]))
    try:
        batch.start(urls)
        batch.cancel()
        batch.wait()
    finally:
        for name in ("c1", "c2"):
            GATES[name].set()
        batch.shutdown()
    assert at_finish == [[CANCELLED, CANCELLED, CANCELLED]]
    assert vault.count_items("Cancel early") == 0


def test_cancel_from_the_capturing_handler_captures_nothing_and_retry_works(
    qapp: Any, vault: Any, site: Any
) -> None:
    urls = [site.url(f"/page/h{n}") for n in range(3)]
    batch = BatchCapture(vault, "Cancel in handler", timeout_s=20, **FAST)
    cancelled: list[bool] = []

    def changed(entry: Any) -> None:
        if entry.state == CAPTURING and not cancelled:
            cancelled.append(True)
            batch.cancel()

    batch.entryChanged.connect(changed)
    batch.start(urls)
    batch.wait()
    assert [e.state for e in batch.entries] == [CANCELLED] * 3
    assert not batch.running and vault.count_items("Cancel in handler") == 0
    assert batch.retry_failed() == 3
    batch.wait()
    batch.shutdown()
    assert [e.state for e in batch.entries] == [DONE] * 3
    assert vault.count_items("Cancel in handler") == 3


def test_a_refused_url_reports_on_its_own_entry_even_after_cancel(
    qapp: Any, vault: Any, site: Any
) -> None:
    """A URL refused before loading reports a moment later: cancel and retry in between
    must not pin that failure on another URL."""
    urls = ["ftp://127.0.0.1/x", site.url("/page/r1"), site.url("/page/r2")]
    batch = BatchCapture(vault, "Refused", timeout_s=20, **FAST)
    batch.start(urls)
    batch.cancel()
    with pytest.raises(UsageError, match="Wait for the batch"):
        batch.retry_failed()  # the refused URL has not reported yet
    batch.wait()
    assert batch.entries[0].state == FAILED and "Not a web address" in batch.entries[0].error
    assert [e.state for e in batch.entries[1:]] == [CANCELLED, CANCELLED]
    assert batch.retry_failed() == 3
    batch.wait()
    batch.shutdown()
    assert [e.state for e in batch.entries] == [FAILED, DONE, DONE]
    assert [vault.get_item(e.item_id).source_url for e in batch.entries[1:]] == urls[1:]


def test_url_list_parsing() -> None:
    text = "\ufeff# my list\nhttps://a.example/1\n\n  https://a.example/2  \nhttps://a.example/1\n"
    assert parse_url_list(text) == ["https://a.example/1", "https://a.example/2"]
    with pytest.raises(Exception, match="At most"):
        parse_url_list("\n".join(f"https://x/{i}" for i in range(10_001)))
