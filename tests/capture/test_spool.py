"""Spool folders: private, memory-backed where possible, and swept after a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.capture import spool


def test_spool_folders_are_private_and_removed() -> None:
    with spool.spool_dir() as folder:
        assert (folder.stat().st_mode & 0o777) == 0o700
        assert folder.parent == spool.spool_base()
        if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
            assert spool.is_memory_backed()
        (folder / "x").write_bytes(b"evidence")
        assert spool.read_and_unlink(folder / "x") == b"evidence"
        assert not (folder / "x").exists()
    assert not folder.exists()


def test_folders_are_removed_when_the_process_exits() -> None:
    code = "from app.capture import spool; print(spool.make_spool_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert not Path(out.stdout.strip()).exists()


def test_leftovers_of_a_dead_process_are_swept() -> None:
    # A process that made a spool folder and was killed before cleaning up.
    code = (
        "import os; from app.capture import spool; "
        "print(spool.make_spool_dir(), flush=True); os._exit(0)"
    )  # no clean-up ran
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    orphan = Path(out.stdout.strip())
    (orphan / "page.mhtml").write_bytes(b"left behind")
    mine = spool.make_spool_dir()
    try:
        assert spool.sweep_stale() >= 1
        assert not orphan.exists()
        assert mine.exists()  # this process's folders are never swept
    finally:
        spool.remove_spool_dir(mine)
