"""Writing a BagIt bag straight into a zip stream, hashing every file on the way, so no
file is read twice and nothing sits whole in memory."""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections.abc import Callable
from typing import IO, Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.bundle import layout
from app.bundle.zipsig import PLACEHOLDER, SignedTail

BLOCK = 1024 * 1024
# Evidence that is already compressed gains nothing from deflate.
_COMPRESSED_TYPES = (
    "image/",
    "video/",
    "audio/",
    "application/zip",
    "application/pdf",
    "application/gzip",
    "application/x-7z",
    "application/vnd.rar",
)


def worth_compressing(media_type: str) -> bool:
    return not media_type.startswith(_COMPRESSED_TYPES)


class BagWriter:
    def __init__(
        self,
        out: IO[bytes],
        when: time.struct_time,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.tail = SignedTail(out)
        self._zip = zipfile.ZipFile(cast(Any, self.tail), "w", allowZip64=True)
        self._zip.comment = PLACEHOLDER
        self._when = when[:6]
        self.payload: dict[str, str] = {}  # data/... -> sha256
        self.tags: dict[str, str] = {}
        self.payload_bytes = 0
        self._progress = progress
        self._cancelled = cancelled

    def _info(self, path: str, size: int, compress: bool) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(path, date_time=self._when)
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.file_size = size
        return info

    def add_bytes(self, path: str, data: bytes, *, compress: bool = True) -> str:
        return self.add_stream(path, _BytesSource(data), len(data), compress=compress)

    def add_stream(
        self, path: str, source: IO[bytes] | _BytesSource, size: int, *, compress: bool = False
    ) -> str:
        digest = hashlib.sha256()
        written = 0
        with self._zip.open(self._info(path, size, compress), "w", force_zip64=size > 2**31) as dst:
            while True:
                block = source.read(BLOCK)
                if not block:
                    break
                digest.update(block)
                dst.write(block)
                written += len(block)
                if self._progress is not None:
                    self._progress(len(block))
                if self._cancelled is not None and self._cancelled():
                    from app.errors import LockerError

                    raise LockerError("Export cancelled; no bundle was written.")
        if written != size:
            from app.errors import StorageError

            raise StorageError(f"{path}: read {written} bytes, expected {size}.")
        sha = digest.hexdigest()
        if path.startswith("data/"):
            self.payload[path] = sha
            self.payload_bytes += size
        elif path not in layout.SIGNATURE_FILES:
            self.tags[path] = sha
        return sha

    def close(self, key: Ed25519PrivateKey) -> None:
        """Write the zip directory and the whole-file signature."""
        self._zip.close()
        self.tail.finish(key)

    def abandon(self) -> None:
        """After a failure: drop the zip without writing its directory."""
        self._zip.fp = None


class _BytesSource:
    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._pos = 0

    def read(self, n: int = -1) -> bytes:
        end = len(self._data) if n < 0 else self._pos + n
        chunk = bytes(self._data[self._pos : end])
        self._pos += len(chunk)
        return chunk


def manifest_text(entries: dict[str, str]) -> bytes:
    """BagIt manifest lines ``HASH  path``, the format ``sha256sum -c`` reads too."""
    return "".join(f"{sha}  {path}\n" for path, sha in sorted(entries.items())).encode("utf-8")
