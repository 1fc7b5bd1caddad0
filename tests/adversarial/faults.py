"""Small filesystems for resource-fault tests: a real tmpfs mount (root), else a file-size
limit (RLIMIT_FSIZE) on the child process, which makes the kernel refuse writes."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

from tests.helpers.cli import ROOT


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def tmpfs(base: Path, size_kib: int) -> Iterator[Path | None]:
    """A fresh tmpfs of ``size_kib`` at a new folder under ``base``; None when mounting is
    not possible here (not root, or a container without CAP_SYS_ADMIN)."""
    point = base / f"fs-{uuid.uuid4().hex[:6]}"
    point.mkdir()
    mounted = False
    if can_mount():
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(point)],
            capture_output=True,
        )
        mounted = result.returncode == 0
    try:
        yield point if mounted else None
    finally:
        if mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(point)], capture_output=True)
            subprocess.run(["umount", "-l", str(point)], capture_output=True)


def remount(point: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(point)], check=True)


def fill(point: Path, leave_kib: int) -> None:
    """Fill the filesystem until about ``leave_kib`` KiB are free."""
    st = os.statvfs(point)
    free = st.f_bavail * st.f_frsize
    with open(point / "filler", "wb") as fh:
        fh.write(b"\0" * max(0, free - leave_kib * 1024))


def locker_limited(
    *args: str | os.PathLike[str], max_file_bytes: int | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `locker` with the kernel refusing to grow any file past ``max_file_bytes``."""

    def limit() -> None:
        if max_file_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    env = dict(os.environ, LOCKER_NO_GUI="1")
    env.pop("LOCKER_PASSPHRASE_FILE", None)
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=limit,
    )
