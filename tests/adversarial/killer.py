"""Run a `locker` command in a child process and SIGKILL it at a chosen moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.cli import ROOT


@dataclass
class KillResult:
    lines: list[str]  # complete stdout lines the child wrote before it died
    times: list[float]  # seconds from start at which each line arrived
    killed: bool  # False when the child finished before the kill moment
    returncode: int
    stderr: str


def locker_cmd(*args: str | os.PathLike[str]) -> list[str]:
    return [sys.executable, "-m", "app.cli", *map(str, args)]


def run_and_kill(
    cmd: list[str],
    *,
    after_seconds: float | None = None,
    after_lines: int | None = None,
    extra_delay: float = 0.0,
    timeout: float = 120.0,
) -> KillResult:
    """Start ``cmd``; SIGKILL it ``after_seconds`` after start, or ``extra_delay`` after it
    printed ``after_lines`` lines (whichever is given). Complete lines are collected."""
    env = dict(os.environ, LOCKER_NO_GUI="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("LOCKER_PASSPHRASE_FILE", None)
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    lines: list[str] = []
    times: list[float] = []
    started = time.monotonic()
    got_line = threading.Condition()
    err_parts: list[bytes] = []

    def read_out() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            if raw.endswith(b"\n"):
                with got_line:
                    lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                    times.append(time.monotonic() - started)
                    got_line.notify_all()
        with got_line:
            got_line.notify_all()

    def read_err() -> None:
        assert proc.stderr is not None
        err_parts.append(proc.stderr.read())

    readers = [
        threading.Thread(target=read_out, daemon=True),
        threading.Thread(target=read_err, daemon=True),
    ]
    for t in readers:
        t.start()
    deadline = time.monotonic() + timeout
    if after_lines is not None:
        with got_line:
            while len(lines) < after_lines and proc.poll() is None and time.monotonic() < deadline:
                got_line.wait(0.05)
        if extra_delay:
            time.sleep(extra_delay)
    elif after_seconds is not None:
        try:
            proc.wait(after_seconds)
        except subprocess.TimeoutExpired:
            pass
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    code = proc.wait(timeout)
    for t in readers:
        t.join(timeout)
    return KillResult(
        list(lines),
        list(times),
        killed and code == -signal.SIGKILL,
        code,
        b"".join(err_parts).decode("utf-8", "replace"),
    )


def leftover_files(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)
