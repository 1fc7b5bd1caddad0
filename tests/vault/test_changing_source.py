"""A file that changes while it is being added (a download or screen recording still being
written) is refused with a clear error and nothing is stored, instead of being stored as
a mix of two versions with a short chunk in the middle (issue 10 §6).

The change is made at a fixed point of the read through the ``progress`` callback, which
add_file calls after each stored chunk, so every run sees the same interleaving.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from app.errors import EXIT_FAILURE, SourceChanged
from app.vault import Vault
from app.vault.artifact_io import CHUNK_SIZE
from app.vault.verify import verify_vault

MiB = CHUNK_SIZE


def _source(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "recording.mp4"
    path.write_bytes(os.urandom(size))
    return path


def _after_chunk(n: int, action: Callable[[], None]) -> Callable[[int], None]:
    calls = [0]

    def progress(_done: int) -> None:
        calls[0] += 1
        if calls[0] == n:
            action()

    return progress


def _assert_nothing_stored(vault: Vault) -> None:
    conn = vault.read()
    assert vault.count_items(archived=None) == 0
    assert conn.execute("SELECT count(*) FROM chunks").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM artifacts").fetchone()[0] == 0
    assert [e.event for e in vault.custody_log()] == ["vault_created"]
    assert verify_vault(vault).ok


def _append(path: Path, size: int) -> Callable[[], None]:
    def act() -> None:
        with open(path, "ab") as fh:
            fh.write(os.urandom(size))

    return act


def test_file_growing_after_its_end_was_read_is_refused(vault: Vault, tmp_path: Path) -> None:
    """The reported case: the second chunk is short (the end of the file so far), then the
    writer appends; today's add stored 1 MiB + 0.5 MiB + 0.7 MiB chunks, verify passed and
    extract returned 1.5 MiB with another SHA-256."""
    src = _source(tmp_path, MiB + MiB // 2)
    with pytest.raises(SourceChanged, match="changed while it was being added") as info:
        vault.add_file(src, progress=_after_chunk(2, _append(src, 700_000)))
    assert info.value.exit_code == EXIT_FAILURE
    assert str(src) in str(info.value) and "nothing was stored" in str(info.value)
    _assert_nothing_stored(vault)


def test_writer_thread_appending_during_add_is_refused(vault: Vault, tmp_path: Path) -> None:
    """A real second thread writes while add runs; add waits for each write at a fixed
    point so the interleaving is the same on every run."""
    src = _source(tmp_path, 2 * MiB + 1000)
    go, done = threading.Event(), threading.Event()
    stop = threading.Event()

    def writer() -> None:
        # At most 8 writes: an add that never notices would otherwise chase the growing
        # file for ever.
        for _ in range(8):
            if not go.wait(5) or stop.is_set():
                return
            go.clear()
            with open(src, "ab") as fh:
                fh.write(os.urandom(300_000))
                fh.flush()
            done.set()
        done.set()

    def progress(_n: int) -> None:
        go.set()
        done.wait(5)
        done.clear()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with pytest.raises(SourceChanged):
            vault.add_file(src, progress=progress)
    finally:
        stop.set()
        go.set()
        thread.join(10)
    _assert_nothing_stored(vault)


def test_file_shrinking_during_add_is_refused(vault: Vault, tmp_path: Path) -> None:
    src = _source(tmp_path, 3 * MiB)
    with pytest.raises(SourceChanged):
        vault.add_file(src, progress=_after_chunk(1, lambda: os.truncate(src, MiB + 5)))
    _assert_nothing_stored(vault)


def test_file_rewritten_in_place_during_add_is_refused(vault: Vault, tmp_path: Path) -> None:
    """Same size, other bytes: caught by the modification time. (The explicit utime makes
    the new time differ even where the clock is coarser than the test.)"""
    src = _source(tmp_path, 2 * MiB)
    before = os.stat(src).st_mtime_ns

    def rewrite() -> None:
        with open(src, "r+b") as fh:
            fh.write(b"\x00" * 1000)
        os.utime(src, ns=(before + 2_000_000_000, before + 2_000_000_000))

    with pytest.raises(SourceChanged):
        vault.add_file(src, progress=_after_chunk(1, rewrite))
    _assert_nothing_stored(vault)


def test_file_replaced_during_add_is_refused(vault: Vault, tmp_path: Path) -> None:
    """A downloader that renames its finished file over the name being added."""
    src = _source(tmp_path, 2 * MiB)
    new = tmp_path / "finished.part"
    new.write_bytes(os.urandom(3 * MiB))
    with pytest.raises(SourceChanged):
        vault.add_file(src, progress=_after_chunk(1, lambda: os.replace(new, src)))
    _assert_nothing_stored(vault)


def test_unchanged_file_is_stored_whole(vault: Vault, tmp_path: Path) -> None:
    for size in (0, 1, MiB - 1, MiB, MiB + 1, 2 * MiB, 2 * MiB + MiB // 2):
        src = tmp_path / f"f{size}.bin"
        data = os.urandom(size)
        src.write_bytes(data)
        item = vault.add_file(src, progress=lambda _n: None)
        assert item.sha256 == hashlib.sha256(data).hexdigest() and item.size == size
        with vault.open_artifact(item.id) as reader:
            assert reader.read() == data
    assert verify_vault(vault).ok
