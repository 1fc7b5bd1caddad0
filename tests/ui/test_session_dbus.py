"""A screen locker's D-Bus signal locks the app (real dbus-daemon, real app in a child
process)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_vault

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus (dbus-daemon)")
def test_screensaver_signal_on_the_session_bus_locks(tmp_path: Path, config_dir: Path) -> None:
    path = make_vault(tmp_path / "v.locker")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LOCKER_CONFIG_DIR=str(config_dir))
    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            sys.executable,
            "-m",
            "tests.ui.dbus_lock_session",
            str(path),
            PASSPHRASE,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "org.freedesktop.ScreenSaver ActiveChanged" in result.stdout, result.stderr[-2000:]
    assert "locked session" in result.stdout, result.stdout + result.stderr[-2000:]
    assert result.returncode == 0
