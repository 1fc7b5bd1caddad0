"""Real removable-drive filesystems for tests: an image file on a loop device, formatted
exFAT and mounted with exfat-fuse (what most USB sticks are), or FAT32 with the kernel's
vfat driver when this kernel has it. Every step is undone in teardown, also after a
failure or a killed FUSE daemon. (Debian's fusefat is not used: its write mode corrupts
SQLite files.)"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class LibcWithoutNoReplace:
    """libc as seen on exfat-fuse: renameat2(RENAME_NOREPLACE) answers EINVAL."""

    def renameat2(self, *args: object) -> int:
        ctypes.set_errno(errno.EINVAL)
        return -1

    renamex_np = renameat2


def act_like_a_stick(monkeypatch: object) -> None:
    """The stand-in: link(), chmod() and fchmod() fail with EPERM (FAT32 with the kernel
    driver), and the no-replace rename is not supported (exfat-fuse)."""
    from app import atomic

    def eperm(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    for name in ("link", "chmod", "fchmod"):
        monkeypatch.setattr(os, name, eperm)  # type: ignore[attr-defined]
    monkeypatch.setattr(atomic, "_LIBC", LibcWithoutNoReplace())  # type: ignore[attr-defined]


class DriveUnavailable(Exception):
    """Loop devices, /dev/fuse or the tools are not usable here (the reason says which)."""


@dataclass
class Stick:
    image: Path
    loop: str
    mount: Path
    fstype: str

    def daemon_pid(self) -> int | None:
        """The exfat-fuse process serving this mount (found by its own arguments)."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if os.fsencode(self.loop) in args and os.fsencode(str(self.mount)) in args:
                return int(entry.name)
        return None

    def pull_out(self) -> None:
        """Like pulling the stick: its FUSE driver dies, every access fails."""
        pid = self.daemon_pid()
        if pid is None:
            raise RuntimeError("exfat-fuse process not found")
        os.kill(pid, signal.SIGKILL)


def _run(*cmd: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def _require(*tools: str) -> None:
    if os.geteuid() != 0:
        raise DriveUnavailable("loop devices need root")
    for dev in ("/dev/loop-control", "/dev/fuse"):
        if not os.path.exists(dev):
            raise DriveUnavailable(f"{dev} is missing")
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        raise DriveUnavailable(
            f"missing tools: {', '.join(missing)} (Debian: exfatprogs exfat-fuse fuse3 dosfstools)"
        )


def _unmount(mount: Path) -> None:
    for cmd in (
        ("fusermount", "-u", str(mount)),
        ("umount", str(mount)),
        ("fusermount", "-u", "-z", str(mount)),
        ("umount", "-l", str(mount)),
    ):
        if not os.path.ismount(mount) and not _is_dead_mount(mount):
            return
        if shutil.which(cmd[0]):
            _run(*cmd)
        time.sleep(0.1)


def _is_dead_mount(mount: Path) -> bool:
    with open("/proc/self/mountinfo", encoding="utf-8") as fh:
        return any(f" {mount} " in line for line in fh)


@contextlib.contextmanager
def loop_image(path: Path, size_mb: int) -> Iterator[str]:
    with open(path, "wb") as fh:
        fh.truncate(size_mb * 1024 * 1024)
    res = _run("losetup", "-f", "--show", str(path))
    if res.returncode != 0:
        raise DriveUnavailable(f"losetup failed: {res.stderr.strip()}")
    loop = res.stdout.strip()
    try:
        yield loop
    finally:
        for _ in range(20):
            if _run("losetup", "-d", loop).returncode == 0:
                break
            time.sleep(0.2)


@contextlib.contextmanager
def exfat_stick(workdir: Path, size_mb: int = 256) -> Iterator[Stick]:
    """An exFAT filesystem on a loop device, mounted with exfat-fuse."""
    _require("losetup", "mkfs.exfat", "mount.exfat-fuse", "fusermount")
    image, mount = workdir / "stick.img", workdir / "stick"
    mount.mkdir()
    with loop_image(image, size_mb) as loop:
        res = _run("mkfs.exfat", "-L", "STICK", loop)
        if res.returncode != 0:
            raise DriveUnavailable(f"mkfs.exfat failed: {res.stderr.strip()}")
        res = _run("mount.exfat-fuse", loop, str(mount))
        if res.returncode != 0:
            raise DriveUnavailable(f"mount.exfat-fuse failed: {res.stderr.strip()}")
        try:
            yield Stick(image, loop, mount, "exfat")
        finally:
            _unmount(mount)


@contextlib.contextmanager
def remount(stick: Stick) -> Iterator[Stick]:
    """Plug the (pulled) stick in again: the same image mounted afresh."""
    _unmount(stick.mount)
    res = _run("mount.exfat-fuse", stick.loop, str(stick.mount))
    if res.returncode != 0:
        raise RuntimeError(f"remount failed: {res.stderr.strip()}")
    try:
        yield stick
    finally:
        _unmount(stick.mount)


@contextlib.contextmanager
def vfat_stick(workdir: Path, size_mb: int = 64) -> Iterator[Stick]:
    """FAT32 with the kernel's vfat driver (often not available in containers)."""
    _require("losetup", "mkfs.vfat", "mount")
    image, mount = workdir / "fat.img", workdir / "fat"
    mount.mkdir()
    with loop_image(image, size_mb) as loop:
        res = _run("mkfs.vfat", "-F", "32", loop)
        if res.returncode != 0:
            raise DriveUnavailable(f"mkfs.vfat failed: {res.stderr.strip()}")
        res = _run("mount", "-t", "vfat", loop, str(mount))
        if res.returncode != 0:
            raise DriveUnavailable(
                f"this kernel cannot mount vfat here: {res.stderr.strip() or res.returncode}"
            )
        try:
            yield Stick(image, loop, mount, "vfat")
        finally:
            _unmount(mount)
