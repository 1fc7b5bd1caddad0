"""Reading a whole artifact front to back, fast: its chunks are read ahead, in order, on a
few threads with SQLCipher connections of their own, while the caller writes the bytes
out (``locker extract``).

Reading a chunk is mostly SQLCipher checking each page's MAC and decrypting it, done with
the GIL released, so on two or more cores the reads run side by side and overlap the
caller's writes (docs/performance.md, "Round 5"). Each chunk is held to its exact length,
as :class:`ArtifactReader` does. Memory stays bounded: at most ``2 x workers`` chunks are
read ahead. The connections are this stream's own, closed with it; the stream stops with
VaultLocked when the vault is locked meanwhile.
"""

from __future__ import annotations

import io
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from app.errors import VaultLocked
from app.vault.artifact_io import chunk_count, read_chunk

Connection = Any
MAX_WORKERS = 4  # more only adds contention: the caller's single writer is the limit then


def default_workers() -> int:
    """One reading thread per usable core, 2 to MAX_WORKERS (two still overlap reading with
    the caller's writing on one core)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(2, min(MAX_WORKERS, cores))


class ArtifactStream(io.RawIOBase):
    """A read-only, forward-only file object over an artifact's chunks, read ahead."""

    def __init__(
        self,
        connect: Callable[[], Connection],
        still_open: Callable[[], bool],
        artifact_id: int,
        size: int,
        workers: int,
    ) -> None:
        super().__init__()
        self._connect = connect
        self._still_open = still_open
        self._id = artifact_id
        self._size = size
        self._count = chunk_count(size)
        self._local = threading.local()
        self._conns: list[Connection] = []
        self._conns_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="artifact-read")
        self._ahead: deque[Future[bytes]] = deque()
        self._limit = 2 * workers
        self._next_seq = 0  # the next chunk to ask a thread for
        self._block = b""  # the chunk being handed out, from _offset on
        self._offset = 0
        self._fill()

    # -- the reading threads ---------------------------------------------------------

    def _thread_conn(self) -> Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._conns_lock:
                self._conns.append(conn)
        return conn

    def _fetch(self, seq: int) -> bytes:
        return read_chunk(self._thread_conn(), self._id, self._size, seq)

    def _fill(self) -> None:
        while len(self._ahead) < self._limit and self._next_seq < self._count:
            self._ahead.append(self._pool.submit(self._fetch, self._next_seq))
            self._next_seq += 1

    # -- the file object -------------------------------------------------------------

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes (the rest of the current chunk at most; all that is left
        for -1/None); b"" at the end. A whole chunk is handed out without a copy."""
        if self.closed:
            raise ValueError("read from a closed artifact stream")
        if self._offset >= len(self._block) and not self._next_block():
            return b""
        if size is None or size < 0:
            return self.readall()
        end = min(len(self._block), self._offset + size)
        if self._offset == 0 and end == len(self._block):
            data = self._block
        else:
            data = self._block[self._offset : end]
        self._offset = end
        return data

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        parts = [self._block[self._offset :]]
        self._offset = len(self._block)
        while self._next_block():
            parts.append(self._block)
            self._offset = len(self._block)
        return b"".join(parts)

    def _next_block(self) -> bool:
        if not self._ahead:
            return False
        if not self._still_open():
            raise VaultLocked("The vault was locked while a file was being read from it.")
        # A thread's CorruptVault is raised here. The chunk stays first in line, so every
        # later read raises it again instead of going on after a gap.
        block = self._ahead[0].result()
        self._ahead.popleft()
        self._fill()
        self._block, self._offset = block, 0
        return True

    def close(self) -> None:
        if not self.closed:
            for future in self._ahead:
                future.cancel()
            self._ahead.clear()
            self._pool.shutdown(wait=True)  # threads finish their chunk; none is left
            with self._conns_lock:
                conns, self._conns = self._conns, []
            for conn in conns:
                conn.close()
            self._block = b""
        super().close()
