"""Crash-safe file writes outside the vault: replacing small app files (settings, TSA
list, unlock attempts) and creating new files (extracted evidence, tokens) without ever
overwriting one.

Replacing: the new content goes to a
temporary file in the same folder, is fsynced, then renamed over the old file, so a
crash leaves either the old or the new file, never half of one.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import uuid
from pathlib import Path
from typing import Protocol


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8). Raises OSError; nothing partial is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_new_file(path: Path, source: Readable | bytes) -> Path:
    """Create a new file with ``source``'s bytes, never overwriting anything: the bytes go
    to a hidden temporary name, are fsynced, then linked into place as ``path`` or, when
    that exists, ``name (2).ext`` and so on. Returns the final path. Raises StorageError."""
    from app.errors import StorageError

    stream: Readable = io.BytesIO(source) if isinstance(source, bytes) else source
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "xb") as out:
            while block := stream.read(1024 * 1024):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        final, n = path, 1
        while True:
            try:
                os.link(tmp, final)
                return final
            except FileExistsError:
                n += 1
                final = path.with_name(f"{path.stem} ({n}){path.suffix}")
    except OSError as exc:
        raise StorageError(f"Could not write {path}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
