"""Copying a stream into a file with reading and writing overlapped (issue 15).

Reading an artifact is SQLCipher work (decrypt and MAC-check pages) and writing is a
system call; both release the GIL. Reading stays on the caller's thread (an SQLite
connection must not be shared between threads) while a second thread writes, through a
bounded queue (at most ``depth`` blocks in memory). Nothing changes for the caller: when
``copy`` returns every byte has been handed to ``out`` (the caller still flushes and
fsyncs before the file gets its name); an error on either side is raised here.
"""

from __future__ import annotations

import queue
import threading
from typing import Protocol

BLOCK = 1024 * 1024


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


def copy(source: _Readable, out: _Writable, *, block: int = BLOCK, depth: int = 4) -> int:
    """Copy ``source`` to ``out`` until EOF; returns the number of bytes copied."""
    blocks: queue.Queue[bytes | None] = queue.Queue(maxsize=depth)
    failed: list[BaseException] = []

    def write_all() -> None:
        while (data := blocks.get()) is not None:
            if failed:
                continue  # drain, so the reader never waits on a full queue
            try:
                out.write(data)
            except BaseException as exc:  # noqa: BLE001 - handed to the reading thread
                failed.append(exc)

    writer = threading.Thread(target=write_all, name="streamcopy-writer", daemon=True)
    writer.start()
    total = 0
    try:
        while not failed and (data := source.read(block)):
            blocks.put(data)
            total += len(data)
    finally:
        blocks.put(None)
        writer.join()
    if failed:
        raise failed[0]
    return total
