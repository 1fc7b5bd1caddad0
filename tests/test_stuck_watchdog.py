"""A test stuck in C code, where pytest-timeout's signal cannot reach it, ends the run
with every thread's stack instead of hanging it (tests/conftest.py; CI once hung silently
until its time ran out)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STUCK = """
import threading
import pytest
from PySide6.QtCore import QRunnable, QThreadPool

@pytest.mark.timeout(timeout=2)
def test_stuck_in_qt():
    never = threading.Event()

    class Wait(QRunnable):
        def run(self):
            never.wait()

    pool = QThreadPool()
    pool.start(Wait())
    pool.waitForDone(-1)  # C++ waiting for a thread that never ends
"""


def test_a_test_stuck_in_c_code_ends_the_run_with_its_stack(tmp_path: Path) -> None:
    (tmp_path / "test_stuck.py").write_text(STUCK, encoding="utf-8")
    env = dict(os.environ, LOCKER_TEST_STUCK_GRACE_S="2", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "tests.conftest",
            "--rootdir",
            str(tmp_path),
            "-c",
            os.devnull,
            str(tmp_path / "test_stuck.py"),
        ],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Timeout" in done.stderr and "test_stuck_in_qt" in done.stderr, done.stderr[-2000:]
