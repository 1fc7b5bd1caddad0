"""Crash-safe file writes outside the vault's own transactions: replacing small app files
(settings, TSA list, unlock attempts) and creating new files and folders (vaults,
backups, bundles, extracted evidence, tokens) without ever overwriting one -- also on
USB sticks (FAT32, exFAT) that have no hard links and no permissions.

Replacing: the new content goes to a temporary file in the same folder, is fsynced, then
renamed over the old file, so a crash leaves either the old or the new file.

Creating (:func:`place_new`): the complete, fsynced temporary file is moved to its final
name in a way that never replaces anything there and never shows a partial file under
the final name:

- **Linux**: ``renameat2(RENAME_NOREPLACE)`` (glibc 2.28+; ext4, xfs, btrfs, tmpfs, the
  kernel's vfat and exfat drivers...). Where the filesystem refuses the flag (FUSE
  drivers such as exfat-fuse answer EINVAL, network shares EINVAL/ENOSYS), the fallback.
- **macOS**: ``renamex_np(RENAME_EXCL)`` (APFS, HFS+); where unsupported (msdos, exfat,
  SMB: ENOTSUP/EINVAL), the fallback.
- **Windows**: ``os.rename`` (MoveFileExW without MOVEFILE_REPLACE_EXISTING) already
  fails when the target exists, on NTFS, FAT32 and exFAT alike.
- **Fallback** (no hard links needed): claim the final name with an empty placeholder
  created ``O_CREAT|O_EXCL`` (atomic on every local filesystem; fails if anything is
  there), then, just before renaming over it, check that the name still holds *our*
  placeholder (same device and inode, still empty) and rename the temporary file over
  it. The placeholder exists only for the instant between those calls (the temporary file
  is already complete), so a crash leaves at worst an empty file, never a partial one,
  and nothing that was not ours is replaced unless another program swaps it in within
  that instant.

Private modes: files are created 0600 and folders 0700 and then chmod-ed to exactly that
(whatever the umask). SQLite gives a database's -wal/-shm the mode of the database file,
so a vault created 0600 keeps its companions private too. FAT and exFAT (and some network
shares) cannot keep a file private: chmod fails or is ignored there. The write goes on and
:func:`notice` says so once per drive. On Windows there are no POSIX modes (files inherit
the folder's access list) and nothing is chmod-ed.

What a drive can hold and what a failed write on it meant (FAT's 4 GiB, free space, a
stick pulled out) is :mod:`app.drives`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import io
import os
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Protocol

from app.drives import write_failure

FILE_MODE = 0o600
DIR_MODE = 0o700


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


# -- notices ---------------------------------------------------------------------------

_notice_lock = threading.Lock()
_warned: set[object] = set()
_notice_handler: Callable[[str], object] | None = None
_pending: list[str] = []


def set_notice_handler(handler: Callable[[str], object] | None) -> None:
    """Where notices go (the CLI prints them to stderr, the app shows them); without a
    handler they are kept for :func:`take_notices`."""
    global _notice_handler
    _notice_handler = handler


def reset_notices() -> None:
    """Forget which notices were given (tests; a new session)."""
    with _notice_lock:
        _warned.clear()
        _pending.clear()


def take_notices() -> list[str]:
    with _notice_lock:
        taken = list(_pending)
        _pending.clear()
    return taken


def notice(key: object, text: str) -> None:
    """Say ``text`` once per ``key`` for this process."""
    with _notice_lock:
        if key in _warned:
            return
        _warned.add(key)
        handler = _notice_handler
        if handler is None:
            _pending.append(text)
    if handler is not None:
        handler(text)


# -- private modes ---------------------------------------------------------------------


def make_private(path: Path, fd: int | None = None, *, folder: bool = False) -> bool:
    """Set mode 0600 (0700 for a folder) whatever the umask. Returns False, after one
    notice per drive, when the filesystem cannot keep it private (FAT, exFAT, some
    network shares); never raises for that."""
    if os.name == "nt":
        return True
    mode = DIR_MODE if folder else FILE_MODE
    try:
        if fd is not None:
            os.fchmod(fd, mode)
            st = os.fstat(fd)
        else:
            os.chmod(path, mode)
            st = os.stat(path)
        private = (st.st_mode & 0o7777) == mode
        dev: object = st.st_dev
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EACCES,
            errno.EINVAL,
            errno.ENOSYS,
        ):
            raise
        private = False
        try:
            dev = os.stat(path.parent).st_dev
        except OSError:
            dev = str(path.parent)
    if not private:
        notice(
            ("private", dev),
            f"warning: the drive holding {path.parent} cannot keep files "
            "private to this user (FAT/exFAT or a network share ignores permissions): "
            "anyone using this computer can read what is written there.",
        )
    return private


def create_private(path: Path) -> int:
    """Create a new empty file ``O_EXCL`` with mode 0600; returns the open descriptor.
    Raises FileExistsError if anything is at ``path``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        make_private(path, fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return fd


def mkdir_private(path: Path, *, exist_ok: bool = False) -> None:
    """Create a folder (and missing parents) with mode 0700."""
    if exist_ok and path.is_dir():
        return
    if not path.parent.exists():
        mkdir_private(path.parent, exist_ok=True)
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        if not (exist_ok and path.is_dir()):
            raise
        return
    make_private(path, folder=True)


# -- placing a finished file -----------------------------------------------------------

_NOREPLACE_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM}


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c") if sys.platform == "darwin" else None
    try:
        return ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None


_LIBC = None if os.name == "nt" else _libc()


def _rename_noreplace(src: Path, dst: Path) -> bool:
    """The OS's own no-replace rename. True when done; False when this OS or filesystem
    does not offer it; FileExistsError when ``dst`` exists; other OSErrors as raised."""
    if os.name == "nt":
        os.rename(src, dst)  # never replaces on Windows
        return True
    if _LIBC is None:
        return False
    if sys.platform.startswith("linux"):
        fn = getattr(_LIBC, "renameat2", None)
        args: tuple[object, ...] = (-100, os.fsencode(src), -100, os.fsencode(dst), 1)
    elif sys.platform == "darwin":
        fn = getattr(_LIBC, "renamex_np", None)
        args = (os.fsencode(src), os.fsencode(dst), 0x4)  # RENAME_EXCL
    else:
        fn = None
    if fn is None:
        return False
    if fn(*args) == 0:
        return True
    err = ctypes.get_errno()
    if err == errno.EEXIST:
        raise FileExistsError(err, os.strerror(err), str(dst))
    if err in _NOREPLACE_UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(dst))


def _rename_over_placeholder(src: Path, dst: Path, folder: bool) -> None:
    """The fallback: claim ``dst`` with an empty placeholder (O_EXCL / mkdir), check it
    is still ours, rename ``src`` over it."""
    if folder:
        os.mkdir(dst, DIR_MODE)
        mine = os.lstat(dst)
    else:
        fd = os.open(
            dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE
        )
        try:
            mine = os.fstat(fd)
        finally:
            os.close(fd)
    try:
        now = os.lstat(dst)
        if (
            (now.st_dev, now.st_ino) != (mine.st_dev, mine.st_ino)
            or (not folder and now.st_size != 0)
            or (folder and _not_empty(dst))
        ):
            raise FileExistsError(errno.EEXIST, "replaced by another program meanwhile", str(dst))
        os.rename(src, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            now = os.lstat(dst)
            if (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino):
                (os.rmdir if folder else os.unlink)(dst)
        raise


def _not_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return any(True for _ in entries)


def place_new(tmp: Path, final: Path) -> None:
    """Move the finished ``tmp`` (a fsynced file or a folder) to ``final``, which must not
    exist; never replaces anything. Raises FileExistsError when ``final`` exists."""
    folder = tmp.is_dir()
    if not _rename_noreplace(tmp, final):
        _rename_over_placeholder(tmp, final, folder)
    fsync_dir(final.parent)


def fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def remove_quietly(*paths: Path | str) -> None:
    """Remove temporary files; a drive that has gone away must not hide the real error."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


# -- whole files -----------------------------------------------------------------------


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8), private to this user (file 0600, a folder
    it creates 0700: these are config files). Raises OSError; nothing partial is left."""
    mkdir_private(path.parent, exist_ok=True)
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
    fsync_dir(path.parent)


_WRITEBACK_STEP = 16 * 1024 * 1024


def _start_writeback(out: BinaryIO, end: int) -> int:
    """Ask the kernel to start writing the file up to ``end`` to the disk now (Linux starts
    writeback for POSIX_FADV_DONTNEED on dirty pages), so the fsync at the end waits for
    the last few MiB instead of the whole file. Only a hint: the fsync still decides.

    The advice covers the whole file written so far, so the pages already on the disk are
    dropped from memory: a multi-GB copy keeps a few steps of it in RAM instead of all of
    it, and its next writes reuse those pages instead of taking memory never touched
    before, which can cost more than the copy (docs/performance.md, "Round 5")."""
    if hasattr(os, "posix_fadvise"):
        out.flush()
        try:
            os.posix_fadvise(out.fileno(), 0, end, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass
    return end


def write_new_file(path: Path, source: Readable | bytes, *, rename_if_exists: bool = True) -> Path:
    """Create a new private (0600) file with ``source``'s bytes, never overwriting anything:
    the bytes go to a hidden temporary name, are fsynced, then placed as ``path`` or, when
    that exists, ``name (2).ext`` and so on (FileExistsError instead when
    ``rename_if_exists`` is False). Returns the final path. Raises StorageError."""
    stream: Readable = io.BytesIO(source) if isinstance(source, bytes) else source
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with os.fdopen(create_private(tmp), "wb") as out:
            written = started = 0
            while block := stream.read(1024 * 1024):
                out.write(block)
                written += len(block)
                if written - started >= _WRITEBACK_STEP:
                    started = _start_writeback(out, written)
            out.flush()
            os.fsync(out.fileno())
        final, n = path, 1
        while True:
            try:
                place_new(tmp, final)
                return final
            except FileExistsError:
                if not rename_if_exists:
                    raise
                n += 1
                final = path.with_name(f"{path.stem} ({n}){path.suffix}")
    except FileExistsError:
        raise
    except OSError as exc:
        raise write_failure(exc, path.parent, f"file {path.name}") from exc
    finally:
        remove_quietly(tmp)
