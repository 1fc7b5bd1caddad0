"""Streaming artifact bytes into and out of the ``chunks`` table.

Artifacts are split into 1 MiB chunks so a multi-GB file never sits whole in memory;
the SHA-256 is computed while streaming in.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from app.errors import (
    CorruptVault,
    NotFound,
    RejectedInput,
    SourceChanged,
    StorageError,
    os_failure,
)
from app.vault.db import DatabaseError, is_damage

CHUNK_SIZE = 1024 * 1024
Connection = Any
Progress = Callable[[int], None]


def open_source(source: Path | bytes | IO[bytes]) -> IO[bytes]:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    if isinstance(source, Path):
        before = _require_regular_file(source)
        try:
            return SourceFile(source, before)
        except FileNotFoundError as exc:
            raise NotFound(f"File not found: {source}") from exc
        except IsADirectoryError as exc:
            raise StorageError(f"{source} is a folder, not a file.") from exc
        except PermissionError as exc:
            raise StorageError(f"No permission to read {source}.") from exc
        except OSError as exc:
            raise os_failure(exc, f"Cannot read {source}") from exc
    return source


def _require_regular_file(path: Path) -> os.stat_result:
    """A pipe would block forever and a device (/dev/zero) never ends: only regular files
    are evidence files. Checked before opening, because opening a FIFO already blocks."""
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise NotFound(f"File not found: {path}") from exc
    except OSError as exc:
        raise os_failure(exc, f"Cannot read {path}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise StorageError(f"{path} is a folder, not a file.")
    if not stat.S_ISREG(st.st_mode):
        raise RejectedInput(
            f"{path} is not a regular file (a device, pipe or socket); only files can be added."
        )
    return st


def _changed(path: Path) -> SourceChanged:
    return SourceChanged(
        f"{path} changed while it was being added (is it still being downloaded, recorded "
        "or written?); nothing was stored. Add it again once it is complete."
    )


class SourceFile(io.FileIO):
    """A regular file being added, with its state when opened, so that a file that grows,
    shrinks, is rewritten or replaced while it is read is refused rather than stored
    as a mix of two versions."""

    _KEYS = ("st_dev", "st_ino", "st_size", "st_mtime_ns", "st_ctime_ns")

    def __init__(self, path: Path, before: os.stat_result) -> None:
        super().__init__(path, "rb")
        self.path = path
        self.opened = os.fstat(self.fileno())
        # The path may have been swapped (for a FIFO or another file) between the check
        # and the open.
        if not stat.S_ISREG(self.opened.st_mode) or _ident(self.opened) != _ident(before):
            self.close()
            raise _changed(path)

    def check_unchanged(self, total: int) -> None:
        """Raise :class:`SourceChanged` unless the file read is exactly the file opened."""
        after = os.fstat(self.fileno())
        try:
            now = os.stat(self.path)
        except OSError as exc:  # moved or deleted meanwhile
            raise _changed(self.path) from exc
        same = all(getattr(after, k) == getattr(self.opened, k) for k in self._KEYS)
        if not same or total != self.opened.st_size or _ident(now) != _ident(self.opened):
            raise _changed(self.path)


def _ident(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def chunk_count(size: int) -> int:
    """How many chunks an artifact of ``size`` bytes is stored in."""
    return -(-size // CHUNK_SIZE)


def chunk_length(size: int, seq: int) -> int:
    """The exact length chunk ``seq`` of an artifact of ``size`` bytes has: every chunk is
    CHUNK_SIZE bytes except a shorter, non-empty last one. 0 for a chunk that must not
    exist. The reader and verification both hold stored chunks to this."""
    count = chunk_count(size)
    if seq < 0 or seq >= count:
        return 0
    return CHUNK_SIZE if seq < count - 1 else size - seq * CHUNK_SIZE


def write_chunks(
    conn: Connection,
    artifact_id: int,
    stream: IO[bytes],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[int, str, int]:
    """Insert the stream as chunks. Returns (size, sha256 hex, chunk count)."""
    digest = hashlib.sha256()
    size = 0
    seq = 0
    while True:
        try:
            block = stream.read(CHUNK_SIZE)
        except OSError as exc:
            raise os_failure(exc, "Reading the file failed") from exc
        if not block:
            break
        if seq and size != seq * CHUNK_SIZE:
            # Data after a short (last) chunk: the source grew after its end was read.
            if isinstance(stream, SourceFile):
                raise _changed(stream.path)
            raise SourceChanged(
                "The data changed while it was being stored (more came "
                "after its end); nothing was stored."
            )
        # A stream may return short reads: fill each chunk fully except the last.
        while len(block) < CHUNK_SIZE:
            more = stream.read(CHUNK_SIZE - len(block))
            if not more:
                break
            block += more
        digest.update(block)
        conn.execute(
            "INSERT INTO chunks (artifact_id, seq, data) VALUES (?, ?, ?)",
            (artifact_id, seq, block),
        )
        size += len(block)
        seq += 1
        if progress is not None:
            progress(len(block))
        if cancelled is not None and cancelled():
            from app.errors import LockerError

            raise LockerError("Cancelled; nothing was stored for this item.")
    if isinstance(stream, SourceFile):
        stream.check_unchanged(size)
    return size, digest.hexdigest(), seq


def check_parts(conn: Connection, artifact_id: int, size: int) -> None:
    """CorruptVault unless the artifact is stored as parts 0..n-1 exactly, no more and no
    fewer (their lengths are checked as each is read, by :func:`read_chunk`)."""
    count, first, last = conn.execute(
        "SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), -1) FROM chunks"
        " WHERE artifact_id = ?",
        (artifact_id,),
    ).fetchone()
    expected = chunk_count(size)
    if (count, first, last) != (expected, 0, expected - 1):
        raise damaged(artifact_id, f"{count} parts stored where {expected} belong")


def read_chunk(conn: Connection, artifact_id: int, size: int, seq: int) -> bytes:
    """Chunk ``seq`` of an artifact of ``size`` bytes, held to its exact length. A page
    of it that fails its MAC or is malformed is CorruptVault, as any other damage."""
    try:
        row = conn.execute(
            "SELECT data FROM chunks WHERE artifact_id = ? AND seq = ?", (artifact_id, seq)
        ).fetchone()
    except DatabaseError as exc:
        if not is_damage(exc):
            raise
        raise damaged(artifact_id, f"part {seq} cannot be read: {exc}") from exc
    data = bytes(row[0]) if row else b""
    if len(data) != chunk_length(size, seq):
        # A short or missing chunk would silently end (or shift) the file.
        raise damaged(artifact_id, f"part {seq} is missing or has the wrong length")
    return data


def damaged(artifact_id: int, why: str) -> CorruptVault:
    return CorruptVault(
        f"The stored bytes of artifact {artifact_id} are damaged ({why});"
        " run `locker verify` on the vault."
    )


class ArtifactReader(io.RawIOBase):
    """A read-only, seekable file object over an artifact's chunks."""

    def __init__(self, conn: Connection, artifact_id: int, size: int) -> None:
        super().__init__()
        self._conn = conn
        self._id = artifact_id
        self._size = size
        self._pos = 0
        self._cache_seq = -1
        self._cache = b""
        check_parts(conn, artifact_id, size)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            pos = offset
        elif whence == io.SEEK_CUR:
            pos = self._pos + offset
        elif whence == io.SEEK_END:
            pos = self._size + offset
        else:
            raise ValueError("bad whence")
        if pos < 0:
            raise ValueError("negative seek position")
        self._pos = pos
        return pos

    def _chunk(self, seq: int) -> bytes:
        if seq != self._cache_seq:
            self._cache = read_chunk(self._conn, self._id, self._size, seq)
            self._cache_seq = seq
        return self._cache

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._pos >= self._size or len(view) == 0:
            return 0
        seq, offset = divmod(self._pos, CHUNK_SIZE)
        data = self._chunk(seq)[offset : offset + len(view)]
        if not data:
            return 0
        view[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def readall(self) -> bytes:
        parts = []
        while True:
            block = self.read(CHUNK_SIZE)
            if not block:
                break
            parts.append(block)
        return b"".join(parts)


def hash_artifact(conn: Connection, artifact_id: int, size: int) -> tuple[int, str, int, str]:
    """Re-hash stored chunks: (size, sha256 hex, chunk count, layout problem or "").

    The layout must be exactly what the reader returns whole for an artifact of ``size``
    bytes: chunks 0..n-1, each CHUNK_SIZE long except a shorter non-empty last one."""
    digest = hashlib.sha256()
    total = 0
    count = 0
    problem = ""
    for seq, data in conn.execute(
        "SELECT seq, data FROM chunks WHERE artifact_id = ? ORDER BY seq", (artifact_id,)
    ):
        if seq != count:
            return total, "(chunk missing)", count, f"part {count} is missing"
        length = len(data)
        if not problem and length != chunk_length(size, seq):
            problem = (
                f"part {seq} is {length} bytes where {chunk_length(size, seq)} belong"
                if seq < chunk_count(size)
                else f"part {seq} lies after the end"
            )
        digest.update(data)
        total += length
        count += 1
    if not problem and count != chunk_count(size):
        problem = f"{count} parts stored where {chunk_count(size)} belong"
    return total, digest.hexdigest(), count, problem
