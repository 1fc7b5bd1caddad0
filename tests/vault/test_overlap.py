"""Issue 15: add reads and hashes the source on a helper thread while SQLite inserts, and
verify hashes on a helper thread while SQLite reads (app/vault/overlap.py). The results,
errors and cancellation stay exactly as with the plain loops, and no thread is left."""

from __future__ import annotations

import hashlib
import io
import threading
from pathlib import Path

import pytest

from app.errors import LockerError, StorageError
from app.vault import Vault, overlap
from app.vault.artifact_io import CHUNK_SIZE, hash_artifact
from app.vault.models import NewArtifact, NewItem
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE

DATA = hashlib.shake_256(b"overlap").digest(7 * CHUNK_SIZE + 4321)


def _helpers() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("overlap-")]


class _FailingSource(io.RawIOBase):
    def __init__(self, fail_at: int) -> None:
        self._pos, self._fail_at = 0, fail_at

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._pos >= self._fail_at:
            raise OSError(5, "Input/output error")
        part = DATA[self._pos:self._pos + len(buffer)]
        buffer[:len(part)] = part
        self._pos += len(part)
        return len(part)


def _item(name: str) -> NewItem:
    return NewItem("file", "Case", name)


def test_large_item_stored_and_rehashed_with_the_same_sha256(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v.locker", PASSPHRASE) as vault:
        item = vault.add_item(_item("big.bin"),
                              [NewArtifact("original", "big.bin", DATA, "application/octet-stream")])
        art = vault.get_item(str(item.id)).artifacts[0]
        assert art.sha256 == hashlib.sha256(DATA).hexdigest()
        got = hash_artifact(vault.read(), art.id, art.size)
        assert got == (len(DATA), hashlib.sha256(DATA).hexdigest(), 8, "")
        assert verify_vault(vault).ok
    assert _helpers() == []


def test_read_error_midway_stores_nothing_and_leaves_no_thread(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v.locker", PASSPHRASE) as vault:
        with pytest.raises(StorageError, match="Reading the file failed"):
            vault.add_item(_item("bad.bin"), [NewArtifact(
                "original", "bad.bin", _FailingSource(3 * CHUNK_SIZE),  # type: ignore[arg-type]
                "application/octet-stream")])
        assert vault.list_items() == []
    assert _helpers() == []


def test_cancel_midway_stops_the_reader_and_stores_nothing(tmp_path: Path) -> None:
    seen: list[int] = []
    with Vault.create(tmp_path / "v.locker", PASSPHRASE) as vault:
        with pytest.raises(LockerError, match="Cancelled"):
            vault.add_item(_item("big.bin"),
                           [NewArtifact("original", "big.bin", DATA, "application/octet-stream")],
                           progress=seen.append, cancelled=lambda: len(seen) >= 2)
        assert vault.list_items() == []
    assert len(seen) == 2 and _helpers() == []


def test_ahead_keeps_order_and_raises_the_producers_error_in_place() -> None:
    def produce() -> object:
        yield from range(10)
        raise ValueError("tenth")

    got: list[object] = []
    with pytest.raises(ValueError, match="tenth"):
        for x in overlap.ahead(iter(produce())):  # type: ignore[call-overload]
            got.append(x)
    assert got == list(range(10)) and _helpers() == []
