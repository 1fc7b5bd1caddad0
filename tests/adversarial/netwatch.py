"""Watching a process tree for network sockets with strace (ptrace sees every thread and
child process, including QtWebEngine's, and every socket however short-lived)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.cli import ROOT

# A connection or datagram to an internet address (IPv4/IPv6), DNS lookups included, or
# a socket bound to a non-loopback address (a listening server). Unix-domain sockets
# (D-Bus, X11), netlink, and a bare bind to ::1/127.0.0.1 (urllib3's IPv6 probe at
# import) are not network traffic.
_INET_ADDR = re.compile(r"sa_family=AF_INET6?\b")
_TALK = re.compile(r"\b(connect|sendto|sendmsg)\(")
_BIND = re.compile(r"\bbind\(")
_LOOPBACK = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"')


def is_network_call(line: str) -> bool:
    if not _INET_ADDR.search(line):
        return False
    if _TALK.search(line):
        return True
    return bool(_BIND.search(line)) and not _LOOPBACK.search(line)


@dataclass
class Traced:
    returncode: int
    stdout: str
    stderr: str
    inet_calls: list[str]


def strace_works() -> str | None:
    """None when strace can trace here, else why not."""
    if shutil.which("strace") is None:
        return "strace is not installed (scripts/bootstrap.sh test installs it)"
    probe = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket", "-o", os.devnull, "true"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return f"strace cannot trace here: {probe.stderr.strip()[:200]}"
    return None


def run_traced(
    cmd: list[str], log: Path, env: dict[str, str] | None = None, timeout: float = 240
) -> Traced:
    full_env = dict(os.environ, LOCKER_NO_GUI="1")
    full_env.pop("LOCKER_PASSPHRASE_FILE", None)
    if env:
        full_env.update(env)
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=connect,bind,sendto,sendmsg", "-o", str(log), *cmd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
    )
    calls = [line for line in log.read_text(errors="replace").splitlines() if is_network_call(line)]
    return Traced(result.returncode, result.stdout, result.stderr, calls)
