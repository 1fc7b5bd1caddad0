"""Overlapping SQLite work with reading and hashing (issue 15).

SQLCipher's page work, file reads and SHA-256 of large blocks all release the GIL, so on
two cores they can run side by side. SQLite connections stay on their own thread (the
module is not safe for a connection used by two threads); only file reading and hashing
move to a helper thread, through a bounded queue (a few 1 MiB blocks in memory at most).
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar

T = TypeVar("T")
DEPTH = 3
_END = object()


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def ahead(items: Iterator[T], depth: int = DEPTH) -> Generator[T, None, None]:
    """Yield ``items``, produced on a helper thread up to ``depth`` ahead of the consumer.
    An exception of the producer is raised here, in order; closing the returned generator
    (or an exception in the consumer) stops the producer before returning."""
    slots: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                slots.put(item)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            slots.put(_Failed(exc))
            return
        slots.put(_END)

    worker = threading.Thread(target=produce, name="overlap-ahead", daemon=True)
    worker.start()
    try:
        while (item := slots.get()) is not _END:
            if isinstance(item, _Failed):
                raise item.exc
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                slots.get(timeout=0.05)
            except queue.Empty:
                pass
        worker.join()


class ThreadedSha256:
    """SHA-256 computed on a helper thread; ``update`` queues, ``hexdigest`` waits."""

    def __init__(self, depth: int = DEPTH) -> None:
        self._digest = hashlib.sha256()
        self._blocks: queue.Queue[bytes | None] = queue.Queue(maxsize=depth)
        self._worker = threading.Thread(target=self._run, name="overlap-sha256", daemon=True)
        self._worker.start()
        self._done = False

    def _run(self) -> None:
        while (block := self._blocks.get()) is not None:
            self._digest.update(block)

    def update(self, block: bytes) -> None:
        self._blocks.put(block)

    def close(self) -> None:
        if not self._done:
            self._done = True
            self._blocks.put(None)
            self._worker.join()

    def hexdigest(self) -> str:
        self.close()
        return self._digest.hexdigest()
