"""Streaming artifact bytes into and out of the ``chunks`` table.

Artifacts are split into 1 MiB chunks so a multi-GB file never sits whole in memory;
the SHA-256 is computed while streaming in.
"""

from __future__ import annotations

import hashlib
import io
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from app.errors import NotFound, RejectedInput, StorageError

CHUNK_SIZE = 1024 * 1024
Connection = Any
Progress = Callable[[int], None]


def open_source(source: Path | bytes | IO[bytes]) -> IO[bytes]:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    if isinstance(source, Path):
        _require_regular_file(source)
        try:
            return open(source, "rb")
        except FileNotFoundError as exc:
            raise NotFound(f"File not found: {source}") from exc
        except IsADirectoryError as exc:
            raise StorageError(f"{source} is a folder, not a file.") from exc
        except PermissionError as exc:
            raise StorageError(f"No permission to read {source}.") from exc
        except OSError as exc:
            raise StorageError(f"Cannot read {source}: {exc.strerror or exc}") from exc
    return source


def _require_regular_file(path: Path) -> None:
    """A pipe would block forever and a device (/dev/zero) never ends: only regular files
    are evidence files. Checked before opening, because opening a FIFO already blocks."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise NotFound(f"File not found: {path}") from exc
    except OSError as exc:
        raise StorageError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(mode):
        raise StorageError(f"{path} is a folder, not a file.")
    if not stat.S_ISREG(mode):
        raise RejectedInput(f"{path} is not a regular file (a device, pipe or socket); "
                            "only files can be added.")


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
            raise StorageError(f"Reading the file failed: {exc.strerror or exc}") from exc
        if not block:
            break
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
    return size, digest.hexdigest(), seq


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
            row = self._conn.execute(
                "SELECT data FROM chunks WHERE artifact_id = ? AND seq = ?", (self._id, seq)
            ).fetchone()
            self._cache = bytes(row[0]) if row else b""
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


def hash_artifact(conn: Connection, artifact_id: int) -> tuple[int, str, int]:
    """Re-hash stored chunks: (size, sha256 hex, chunk count), checking order."""
    digest = hashlib.sha256()
    size = 0
    count = 0
    for seq, data in conn.execute(
        "SELECT seq, data FROM chunks WHERE artifact_id = ? ORDER BY seq", (artifact_id,)
    ):
        if seq != count:
            return size, "(chunk missing)", count
        digest.update(data)
        size += len(data)
        count += 1
    return size, digest.hexdigest(), count
