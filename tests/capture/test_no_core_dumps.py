"""A crash during a capture leaves no core file (decrypted evidence, keys) behind, for
`locker` and for QtWebEngine's helper processes (app/hardening.py)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers.cli import ROOT
from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")


def test_no_core_dumps_sets_limit_and_dumpable() -> None:
    code = (
        "import resource\nfrom app.hardening import dumpable, no_core_dumps\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY,) * 2)\n"
        "before = dumpable()\nno_core_dumps()\n"
        "print(before, dumpable(), *resource.getrlimit(resource.RLIMIT_CORE))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out == ["1", "0", "0", "0"]


class _Hang:
    """A page that never answers: the capture is under way for as long as the test likes."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()
        hang = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hang.arrived.set()
                hang.release.wait(60)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/post"


@pytest.fixture
def hang() -> Iterator[_Hang]:
    h = _Hang()
    yield h
    h.release.set()
    h.server.shutdown()
    h.server.server_close()


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _core_limit(pid: int) -> list[str]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return line.split()[4:6]
    raise AssertionError("no core limit line")


def _unlimited_cores() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def test_sigsegv_during_a_capture_leaves_no_core_file(
    tmp_path: Path, hang: _Hang, passphrase_file: Path
) -> None:
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    work = tmp_path / "cwd"
    work.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LOCKER_NO_GUI": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "capture-url",
            str(vault),
            hang.url,
            "--passphrase-file",
            str(passphrase_file),
        ],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_unlimited_cores,
    )
    try:
        assert hang.arrived.wait(120), "the capture never requested the page"
        helpers = [
            p
            for p in _descendants(proc.pid)
            if "QtWebEngine" in Path(f"/proc/{p}/comm").read_text(errors="replace")
        ]
        assert helpers, "no QtWebEngine helper process"
        for pid in [proc.pid, *helpers]:
            assert _core_limit(pid) == ["0", "0"], pid
        for pid in helpers:
            os.kill(pid, signal.SIGSEGV)
        os.kill(proc.pid, signal.SIGSEGV)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGSEGV
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in helpers):
        time.sleep(0.2)
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    if not pattern.startswith("|"):  # a pipe handler: the limits above are what counts
        cores = [p for p in tmp_path.rglob("*") if p.name.startswith("core")]
        assert cores == []
