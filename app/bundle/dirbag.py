"""An unpacked bundle (a BagIt folder from ``open-bundle``) read through the same interface
as :class:`app.bundle.safezip.SafeZip`, so it can be verified (and imported) as well.

Symbolic links and special files are refused, names are checked like zip member names,
and only regular files inside the folder are read. A folder has no whole-file signature;
the signed tag manifest and the manifests cover every file in it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.bundle.errors import BundleRejected
from app.bundle.safezip import DEFAULT_LIMITS, READ_BLOCK, Limits, check_name, collision_key


class DirBag:
    def __init__(self, root: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.root = root
        self.members: dict[str, int] = {}
        seen: set[str] = set()
        total = 0
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            for name in dirnames + filenames:
                full = Path(dirpath) / name
                rel = full.relative_to(root).as_posix()
                check_name(rel, limits)
                mode = os.lstat(full).st_mode
                if stat.S_ISLNK(mode):
                    raise BundleRejected(f"'{rel[:120]}' in the bundle folder is a symbolic link.")
                if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                    raise BundleRejected(
                        f"'{rel[:120]}' in the bundle folder is not a regular file."
                    )
                key = collision_key(rel)
                if key in seen:
                    raise BundleRejected(f"'{rel[:120]}' collides with another name in the folder.")
                seen.add(key)
                if stat.S_ISREG(mode):
                    size = os.lstat(full).st_size
                    total += size
                    self.members[rel] = size
                    if len(self.members) > limits.max_members or total > limits.max_total_bytes:
                        raise BundleRejected("The bundle folder holds more than a bundle may.")
        self.streamed = 0

    @property
    def names(self) -> list[str]:
        return list(self.members)

    def size(self, name: str) -> int:
        return self.members[name]

    def iter_blocks(self, name: str, block: int = READ_BLOCK) -> Iterator[bytes]:
        expected = self.members[name]
        got = 0
        try:
            fd = os.open(self.root / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise BundleRejected(
                f"Cannot read '{name[:120]}' in the bundle folder ({exc})."
            ) from exc
        with os.fdopen(fd, "rb") as fh:
            while data := fh.read(block):
                got += len(data)
                if got > expected:
                    raise BundleRejected(f"'{name[:120]}' changed while being read.")
                yield data
        if got != expected:
            raise BundleRejected(f"'{name[:120]}' changed while being read.")

    def read_small(self, name: str, cap: int) -> bytes:
        if self.members[name] > cap:
            raise BundleRejected(f"'{name[:120]}' is too large ({cap} bytes at most).")
        return b"".join(self.iter_blocks(name))

    @property
    def comment(self) -> bytes | None:
        return None  # a folder has no whole-file signature

    def digest_before_comment(self) -> bytes:
        return b""

    def close(self) -> None:
        pass

    def __enter__(self) -> DirBag:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
