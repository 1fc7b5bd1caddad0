"""An encrypted, seekable temporary spool for an unsealed bundle.

Reading a zip needs random access, but a sealed bundle decrypts as a stream, and
plaintext evidence must never touch the disk. The spool writes the plaintext zip to an
anonymous temporary file encrypted under a random key that lives only in memory
(AES-256-GCM per 1 MiB block, nonce = block number), and reads it back seekably. The
file is unlinked as soon as it is created where the OS allows, and closed on exit.
"""

from __future__ import annotations

import io
import tempfile
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import os_failure

BLOCK = 1024 * 1024
SEALED = BLOCK + 16


class EncryptedSpool(io.RawIOBase):
    """Append with :meth:`write`, then :meth:`seek`/:meth:`read` anywhere."""

    def __init__(self, directory: str | None = None, max_size: int | None = None) -> None:
        super().__init__()
        self._max_size = max_size
        self.overflowed = False
        try:
            self._file = tempfile.TemporaryFile(dir=directory, prefix="locker-spool-")
        except OSError as exc:
            raise os_failure(exc, "Cannot create a temporary file") from exc
        self._aead = AESGCM(AESGCM.generate_key(bit_length=256))
        self._pending = bytearray()
        self._blocks = 0
        self._size = 0
        self._sealed = False
        self._pos = 0
        self._cache_index = -1
        self._cache = b""

    # -- writing ---------------------------------------------------------------------

    def writable(self) -> bool:
        return not self._sealed

    def write(self, data: Any) -> int:
        if self._sealed:
            raise ValueError("spool is read-only once reading starts")
        view = memoryview(data).cast("B")
        if self._max_size is not None and self._size + len(view) > self._max_size:
            from app.bundle.errors import BundleRejected

            self.overflowed = True
            raise BundleRejected("The sealed bundle unpacks to more than a bundle may hold.")
        self._pending += view
        while len(self._pending) >= BLOCK:
            self._put(bytes(self._pending[:BLOCK]))
            del self._pending[:BLOCK]
        self._size += len(view)
        return len(view)

    def _put(self, block: bytes) -> None:
        nonce = self._blocks.to_bytes(12, "big")
        try:
            self._file.write(self._aead.encrypt(nonce, block, None))
        except OSError as exc:
            raise os_failure(exc, "Writing the temporary file failed") from exc
        self._blocks += 1

    def finish(self) -> None:
        """Stop writing; the spool becomes a seekable reader at position 0."""
        if not self._sealed:
            if self._pending:
                self._put(bytes(self._pending))
                self._pending.clear()
            self._file.flush()
            self._sealed = True
            self._pos = 0

    # -- reading ---------------------------------------------------------------------

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return self._size

    def tell(self) -> int:
        return self._pos if self._sealed else self._size

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.finish()
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def _block(self, index: int) -> bytes:
        if index != self._cache_index:
            self._file.seek(index * SEALED)
            sealed = self._file.read(SEALED)
            self._cache = self._aead.decrypt(index.to_bytes(12, "big"), sealed, None)
            self._cache_index = index
        return self._cache

    def readinto(self, buffer: Any) -> int:
        self.finish()
        view = memoryview(buffer).cast("B")
        if self._pos >= self._size or not len(view):
            return 0
        index, offset = divmod(self._pos, BLOCK)
        data = self._block(index)[offset : offset + len(view)]
        view[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._file.close()
            self._cache = b""
        super().close()
