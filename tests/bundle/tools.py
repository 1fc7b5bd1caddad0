"""Running the standard tools a third party would use on a bundle."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path


def age_decrypt_passphrase(src: Path, dst: Path, passphrase: str) -> tuple[int, str]:
    """`age -d` reads the passphrase from the terminal: give it one (a pty)."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvp("age", ["age", "-d", "-o", str(dst), str(src)])
    output = b""
    sent = False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            try:
                data = os.read(fd, 1024)
            except OSError:
                break
            if not data:
                break
            output += data
            if not sent and b"passphrase" in output.lower():
                os.write(fd, passphrase.encode("utf-8") + b"\n")
                sent = True
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def bagit_validate(bag: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("bagit.py")
    return subprocess.run(
        [sys.executable, str(script), "--validate", str(bag)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr)\n"
    "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(r.returncode)\n"
)


def locker_rss(*args: str | os.PathLike[str]) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the real `locker` and return its result and peak RSS in KiB (getrusage of a
    wrapper process, so earlier children do not count)."""
    from tests.helpers.cli import ROOT

    env = dict(os.environ, LOCKER_NO_GUI="1")
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "app.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
    )
    rss = int(done.stdout.rsplit("MAXRSS_KB", 1)[1].split()[0])
    done.stdout = done.stdout.rsplit("MAXRSS_KB", 1)[0]
    return done, rss
