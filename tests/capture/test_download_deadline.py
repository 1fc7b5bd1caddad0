"""`capture-url --timeout` is an overall deadline, also for a file that trickles in, and a
partial download is removed at once when the capture is stopped (SIGTERM too)."""

from __future__ import annotations

import os
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

CLAIMED = 100 * 1024 * 1024  # Content-Length: 100 MB ...
CHUNK, EVERY_S = 200, 1.0  # ... that arrive at 200 bytes a second


class _Trickle:
    def __init__(self) -> None:
        self.stop = threading.Event()
        self.sent = 0
        trickle = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Disposition", 'attachment; filename="clip.bin"')
                self.send_header("Content-Length", str(CLAIMED))
                self.end_headers()
                try:
                    while not trickle.stop.is_set():
                        self.wfile.write(b"\x5a" * CHUNK)
                        self.wfile.flush()
                        trickle.sent += CHUNK
                        trickle.stop.wait(EVERY_S)
                except OSError:
                    pass  # the client gave up: what the test wants

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/clip.bin"


@pytest.fixture
def trickle() -> Iterator[_Trickle]:
    t = _Trickle()
    yield t
    t.stop.set()
    t.server.shutdown()
    t.server.server_close()


def _spool_dirs(pid: int) -> list[Path]:
    from app.capture import spool

    return list(spool.spool_base().glob(f"{spool.PREFIX}{pid}-*"))


def _items(vault: Path, passphrase: str) -> int:
    from app.vault import Vault

    with Vault.open(vault, passphrase) as v:
        return int(v.count_items())


def test_timeout_bounds_a_trickling_download(
    tmp_path: Path, trickle: _Trickle, passphrase_file: Path, passphrase: str
) -> None:
    vault = tmp_path / "t.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    started = time.monotonic()
    result = locker(
        "capture-url",
        vault,
        trickle.url,
        "--timeout",
        "6",
        passphrase_file=passphrase_file,
        timeout=90,
    )
    took = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("error\t") and "6 s" in result.stdout, result.stdout
    assert took < 6 + 40, took  # start-up of Python and QtWebEngine, then the deadline
    assert trickle.sent > 0  # it really was downloading
    assert _items(vault, passphrase) == 0


def test_sigterm_removes_a_partial_download_at_once(
    tmp_path: Path, trickle: _Trickle, passphrase_file: Path, passphrase: str
) -> None:
    vault = tmp_path / "s.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    env = {**os.environ, "LOCKER_NO_GUI": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "capture-url",
            str(vault),
            trickle.url,
            "--timeout",
            "300",
            "--passphrase-file",
            str(passphrase_file),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        partial: list[Path] = []
        while time.monotonic() < deadline and not partial:
            partial = [
                f
                for d in _spool_dirs(proc.pid)
                for f in d.rglob("*")
                if f.is_file() and f.stat().st_size > 0
            ]
            time.sleep(0.2)
        assert partial, "no partial download appeared"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert _spool_dirs(proc.pid) == [] and not [p for p in partial if p.exists()]
    assert _items(vault, passphrase) == 0
