"""Reading an artifact out whole on several connections (app/vault/artifact_stream.py):
bit-exact, held to the stored layout, bounded read-ahead, nothing left running."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from app.errors import CorruptVault, VaultLocked
from app.services.extract import extract_item
from app.vault import Vault
from app.vault.artifact_io import CHUNK_SIZE, ArtifactReader
from app.vault.artifact_stream import ArtifactStream
from app.vault.items import STREAM_MIN_CHUNKS

MIB = 1024 * 1024


def _reading_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("artifact-read")]


def _add(vault: Vault, tmp_path: Path, size: int) -> tuple[int, bytes]:
    data = os.urandom(size)
    src = tmp_path / f"evidence-{size}.bin"
    src.write_bytes(data)
    item = vault.add_file(src)
    return vault.get_item(item.id).artifacts[0].id, data


@pytest.mark.parametrize(
    "size",
    [3 * CHUNK_SIZE, 3 * CHUNK_SIZE + 1, 5 * CHUNK_SIZE - 1, 7 * CHUNK_SIZE + 12_345],
)
def test_stream_gives_the_stored_bytes_exactly(vault: Vault, tmp_path: Path, size: int) -> None:
    art_id, data = _add(vault, tmp_path, size)
    with vault.stream_artifact_by_id(art_id) as stream:
        assert isinstance(stream, ArtifactStream)
        got = bytearray()
        # Odd read sizes cross chunk edges; readinto and read(-1) finish it.
        for n in (1, 1000, CHUNK_SIZE - 1001, CHUNK_SIZE + 5, 3):
            got += stream.read(n)
        buf = bytearray(777)
        got += buf[: stream.readinto(buf)]
        got += stream.read()
        assert stream.read(10) == b""
    assert hashlib.sha256(got).digest() == hashlib.sha256(data).digest()
    assert not _reading_threads()


def test_small_artifacts_are_read_without_threads(vault: Vault, tmp_path: Path) -> None:
    art_id, data = _add(vault, tmp_path, (STREAM_MIN_CHUNKS - 1) * CHUNK_SIZE)
    with vault.stream_artifact_by_id(art_id) as stream:
        assert isinstance(stream, ArtifactReader)
        assert stream.read() == data


def test_read_ahead_is_bounded(vault: Vault, tmp_path: Path) -> None:
    """A stream holds at most 2 x workers chunks ahead, however slowly it is read."""
    art_id, data = _add(vault, tmp_path, 12 * CHUNK_SIZE)
    asked: list[int] = []

    class Counting(ArtifactStream):
        def _fetch(self, seq: int) -> bytes:
            asked.append(seq)
            return super()._fetch(seq)

    size = len(data)
    with Counting(vault.new_connection, lambda: True, art_id, size, workers=2) as stream:
        assert stream.read(CHUNK_SIZE) == data[:CHUNK_SIZE]
        assert len(asked) <= 1 + 2 * 2
        assert stream.read() == data[CHUNK_SIZE:]
    assert sorted(asked) == list(range(12))


def _shorten_chunk(vault: Vault, art_id: int, seq: int, keep: int) -> None:
    """Damage one stored chunk past the append-only guard: only ``keep`` bytes stay."""
    conn = vault.read()
    conn.execute("DROP TRIGGER chunks_no_update")
    conn.execute(
        "UPDATE chunks SET data = substr(data, 1, ?) WHERE artifact_id = ? AND seq = ?",
        (keep, art_id, seq),
    )


def test_a_damaged_chunk_stops_the_copy(vault: Vault, tmp_path: Path) -> None:
    art_id, _ = _add(vault, tmp_path, 6 * CHUNK_SIZE)
    _shorten_chunk(vault, art_id, seq=4, keep=100)
    out = tmp_path / "out"
    with pytest.raises(CorruptVault, match="part 4 is missing or has the wrong length"):
        extract_item(vault, 1, out)
    # Nothing half-written is left under the extracted name, and no thread keeps reading.
    assert not list(out.iterdir())
    assert not _reading_threads()


def test_after_a_damaged_chunk_every_read_fails(vault: Vault, tmp_path: Path) -> None:
    """A caller that goes on reading after the error must not get the later chunks as if
    the damaged one were not there."""
    art_id, _ = _add(vault, tmp_path, 6 * CHUNK_SIZE)
    _shorten_chunk(vault, art_id, seq=2, keep=10)
    with vault.stream_artifact_by_id(art_id) as stream:
        assert len(stream.read(CHUNK_SIZE)) == CHUNK_SIZE
        assert len(stream.read(CHUNK_SIZE)) == CHUNK_SIZE
        for _ in range(4):
            with pytest.raises(CorruptVault, match="part 2"):
                stream.read(CHUNK_SIZE)


def test_a_page_that_fails_its_check_is_reported_as_damage(tmp_path: Path) -> None:
    """One flipped byte in the vault file (a stored page no longer authenticates): the
    copy stops with the damage named, not with a bare database error."""
    path = tmp_path / "v.locker"
    vault = Vault.create(path, "correct horse")
    _add(vault, tmp_path, 6 * CHUNK_SIZE)
    vault.close()
    middle = path.stat().st_size // 2  # inside the stored chunks
    with open(path, "r+b") as fh:
        fh.seek(middle)
        byte = fh.read(1)
        fh.seek(middle)
        fh.write(bytes([byte[0] ^ 1]))
    vault = Vault.open(path, "correct horse")
    try:
        out = tmp_path / "out"
        with pytest.raises(CorruptVault, match="damaged .*cannot be read"):
            extract_item(vault, 1, out)
        assert not list(out.iterdir())
    finally:
        vault.close()


def test_a_missing_chunk_is_refused_before_reading(vault: Vault, tmp_path: Path) -> None:
    art_id, _ = _add(vault, tmp_path, 4 * CHUNK_SIZE)
    conn = vault.read()
    conn.execute("DROP TRIGGER chunks_no_delete")
    conn.execute("DELETE FROM chunks WHERE artifact_id = ? AND seq = 3", (art_id,))
    with pytest.raises(CorruptVault, match="3 parts stored where 4 belong"):
        vault.stream_artifact_by_id(art_id)
    assert not _reading_threads()


def test_locking_the_vault_stops_a_stream(tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "v.locker", "correct horse")
    art_id, data = _add(vault, tmp_path, 8 * CHUNK_SIZE)
    stream = vault.stream_artifact_by_id(art_id)
    assert stream.read(CHUNK_SIZE) == data[:CHUNK_SIZE]
    vault.close()
    with pytest.raises(VaultLocked):
        while stream.read(CHUNK_SIZE):
            pass
    stream.close()
    assert not _reading_threads()


def test_closing_early_ends_the_threads_and_connections(vault: Vault, tmp_path: Path) -> None:
    art_id, data = _add(vault, tmp_path, 10 * CHUNK_SIZE)
    stream = vault.stream_artifact_by_id(art_id)
    assert isinstance(stream, ArtifactStream)
    assert stream.read(10) == data[:10]
    conns = list(stream._conns)  # the stream's own connections
    stream.close()
    assert conns and not _reading_threads()
    for conn in conns:
        with pytest.raises(Exception, match="closed"):
            conn.execute("SELECT 1")
    with pytest.raises(ValueError):
        stream.read(1)
