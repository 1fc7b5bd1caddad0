"""Batch capture: many URLs in the background with progress, results, retry and cancel."""

from __future__ import annotations

from typing import Any

import pytest

from app.capture.batch import CANCELLED, DONE, FAILED, BatchCapture, parse_url_list
from tests.capture.conftest import FAST


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


def test_url_list_parsing() -> None:
    text = "\ufeff# my list\nhttps://a.example/1\n\n  https://a.example/2  \nhttps://a.example/1\n"
    assert parse_url_list(text) == ["https://a.example/1", "https://a.example/2"]
    with pytest.raises(Exception, match="At most"):
        parse_url_list("\n".join(f"https://x/{i}" for i in range(10_001)))
