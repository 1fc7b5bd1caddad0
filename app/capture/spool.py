"""Private, short-lived spool directories for the few bytes Qt will only write to a path.

QtWebEngine writes MHTML (``QWebEnginePage.save``) and downloads only to files. Those
files go into a directory made with mode 0700 in memory-backed storage — ``/dev/shm`` on
Linux, else ``$XDG_RUNTIME_DIR`` — and are read into the vault and unlinked at once; the
directory is removed when the capture ends. Only when neither exists (macOS, Windows) do
they fall back to the system temp folder, still 0700 and removed at once. Directories
left behind by a crash are swept on the next start (:func:`sweep_stale`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "evidence-locker-spool-"


def spool_base() -> Path:
    """Where spool directories are made: memory-backed storage whenever possible."""
    from app.platform import private_temp_base

    return private_temp_base()


def is_memory_backed() -> bool:
    return str(spool_base()) != tempfile.gettempdir()


_made: set[Path] = set()  # this process's folders, removed at exit whatever happened


def make_spool_dir() -> Path:
    """A new private (0700) directory named after this process."""
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=spool_base()))
    os.chmod(path, 0o700)
    _made.add(path)
    return path


_default_download: Path | None = None


def default_download_dir() -> Path:
    """This process's private folder for QtWebEngine's default download path. Chromium
    otherwise creates ``~/Downloads`` on the first save, a visible trace on a watched
    computer; every real download is given its own spool folder anyway."""
    global _default_download
    if _default_download is None or not _default_download.is_dir():
        _default_download = make_spool_dir()
    return _default_download


# The person's Downloads folder as QtWebEngine sees it, and whether it existed before
# this process used QtWebEngine. Chromium's "save page" (MHTML) creates it even though the
# file goes elsewhere; an empty folder made that way is removed again.
_user_downloads: dict[Path, bool] = {}


def note_user_downloads(path: Path) -> None:
    if path not in _user_downloads:
        _user_downloads[path] = path.exists()


def remove_made_downloads() -> None:
    """Remove the Downloads folder if this process's QtWebEngine made it and it is empty."""
    for path, existed in _user_downloads.items():
        if existed:
            continue
        try:
            path.rmdir()  # only ever succeeds on an empty folder
        except OSError:
            pass


def remove_spool_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    _made.discard(path)


@atexit.register
def remove_all() -> None:
    """Remove this process's spool folders (at exit, or before a quick exit's os._exit)."""
    for path in list(_made):
        remove_spool_dir(path)
    remove_made_downloads()


@contextlib.contextmanager
def spool_dir() -> Iterator[Path]:
    path = make_spool_dir()
    try:
        yield path
    finally:
        remove_spool_dir(path)


def read_and_unlink(path: Path, limit: int | None = None) -> bytes:
    """Read a spooled file into memory and unlink it straight away."""
    try:
        with open(path, "rb") as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    return data


def sweep_stale() -> int:
    """Remove spool directories of processes that no longer run. Returns how many."""
    removed = 0
    base = spool_base()
    try:
        entries = list(base.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(PREFIX) or not entry.is_dir() or entry.is_symlink():
            continue
        pid_text = entry.name[len(PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        try:
            if entry.stat().st_uid != os.getuid():
                continue
        except (OSError, AttributeError):
            continue
        remove_spool_dir(entry)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
