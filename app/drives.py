"""What a target drive is and can hold, and what a failed write on it meant: its
filesystem type (FAT32 cannot hold a file over 4 GiB and keeps no permissions), whether
there is room, and whether it was removed while being written (a USB stick pulled out).

:func:`check_room` refuses at once what cannot fit: a file over 4 GiB on a FAT drive, a
read-only drive, or more bytes than are free. :func:`write_failure` turns an error during
a write into a message that says when the drive was removed, full or too small.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
from pathlib import Path

from app.errors import StorageError

FAT_MAX_FILE = 4 * 1024**3 - 1  # FAT12/16/32: a 32-bit file size
FAT_TYPES = {"vfat", "msdos", "fat", "umsdos", "fat32", "fat16", "fat12", "fuse.fusefat"}
# The drive holding the target stopped answering or went away (stick pulled out).
GONE_ERRNOS = {
    errno.ENOTCONN,
    errno.ENODEV,
    errno.ENXIO,
    errno.EIO,
    getattr(errno, "ESHUTDOWN", -1),
    getattr(errno, "ESTALE", -1),
}


def _unescape_mount(field: str) -> str:
    return (
        field.encode("latin-1", "backslashreplace")
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8", "surrogateescape")
    )


def filesystem_type(folder: Path) -> str | None:
    """The filesystem type holding ``folder`` ("ext4", "vfat", "fuseblk", "exfat",
    "FAT32", "msdos", ...), or None when it cannot be told."""
    try:
        real = os.path.realpath(folder)
        if sys.platform.startswith("linux"):
            best, kind = "", None
            with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as fh:
                for line in fh:
                    left, _, right = line.partition(" - ")
                    point = _unescape_mount(left.split()[4])
                    inside = real == point or real.startswith(point.rstrip("/") + "/")
                    if inside and len(point) >= len(best):
                        best, kind = point, right.split()[0]
            return kind
        if sys.platform == "darwin":
            return _darwin_fstype(real)
        if os.name == "nt":
            return _windows_fstype(real)
    except (OSError, ValueError, IndexError):
        return None
    return None


def _darwin_fstype(path: str) -> str | None:
    class StatFs(ctypes.Structure):  # struct statfs (64-bit inodes)
        _fields_ = [
            ("f_bsize", ctypes.c_uint32),
            ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64),
            ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64),
            ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32),
            ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024),
            ("f_reserved", ctypes.c_uint32 * 8),
        ]

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    except OSError:
        return None
    fn = getattr(libc, "statfs$INODE64", None) or getattr(libc, "statfs", None)
    buf = StatFs()
    if fn is None or fn(os.fsencode(path), ctypes.byref(buf)) != 0:
        return None
    return buf.f_fstypename.decode("ascii", "replace") or None


def _windows_fstype(path: str) -> str | None:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    root = ctypes.create_unicode_buffer(261)
    if not kernel32.GetVolumePathNameW(path, root, 261):
        return None
    name = ctypes.create_unicode_buffer(261)
    if not kernel32.GetVolumeInformationW(root, None, 0, None, None, None, name, 261):
        return None
    return str(name.value) or None


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{n} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"


def check_room(folder: Path, total: int, *, largest: int | None = None, what: str = "file") -> None:
    """Refuse at once (StorageError, nothing written) when ``folder``'s filesystem cannot
    take a file of ``largest`` bytes (FAT: 4 GiB) or has less than ``total`` bytes free.
    ``largest`` defaults to ``total`` (one file)."""
    largest = total if largest is None else largest
    kind = (filesystem_type(folder) or "").lower()
    if kind in FAT_TYPES and largest > FAT_MAX_FILE:
        raise StorageError(
            f"The drive holding {folder} is formatted FAT32, which cannot hold a file over "
            f"4 GiB, and the {what} would be about {human_size(largest)}. Nothing was "
            "written. Use a drive formatted exFAT or NTFS, or write a smaller export "
            "(fewer items)."
        )
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            raise StorageError(
                f"The drive holding {folder} is read-only (mounted read-only "
                "or write-protected); nothing was written."
            )
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if total + total // 100 + 64 * 1024 > free:  # room for file system overhead
        raise StorageError(
            f"Not enough free space: the drive holding {folder} is too full for the {what} "
            f"(about {human_size(total)} needed, {human_size(free)} free). Nothing was "
            "written."
        )


def drive_gone(folder: Path) -> bool:
    """True when ``folder`` can no longer be reached (its drive was removed or failed)."""
    try:
        os.stat(folder)
        os.listdir(folder)
    except OSError:
        return True
    return False


def write_failure(exc: BaseException, folder: Path, what: str) -> StorageError:
    """A person-readable StorageError for a write into ``folder`` that failed."""
    err = getattr(exc, "errno", None)
    if err in GONE_ERRNOS or drive_gone(folder):
        return StorageError(
            f"The drive holding {folder} was removed or stopped responding while the {what} "
            "was being written. Nothing complete was left there (at most a hidden "
            "'.partial' file); plug the drive back in and write the "
            f"{what} again."
        )
    if err == errno.ENOSPC:
        return StorageError(
            f"The drive holding {folder} is full; the {what} was not "
            "written (nothing partial was kept)."
        )
    if err == errno.EFBIG:
        return StorageError(
            f"The drive holding {folder} cannot hold a file this large "
            f"(FAT32 stops at 4 GiB); the {what} was not written. Use a drive "
            "formatted exFAT or NTFS."
        )
    detail = getattr(exc, "strerror", None) or str(exc)
    return StorageError(
        f"The {what} could not be written to {folder}: {detail}. Nothing partial was kept."
    )
