"""Every file a process tree creates, seen with strace (``-y`` resolves directory fds), so
a temp file that was written and deleted again is caught too."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.helpers.cli import ROOT

_DIRFD = r"(?:AT_FDCWD|-?\d+)(?:<([^>]*)>)?"
_OPENAT = re.compile(r"openat2?\(" + _DIRFD + r', "([^"]*)", ([A-Z_|]+)')
_OPEN = re.compile(r'\b(?:open|creat)\("([^"]*)", ?([A-Z_|]*)')
_MKDIR = re.compile(r"\bmkdir(?:at)?\((?:" + _DIRFD + r', )?"([^"]*)"')
_MOVE = re.compile(r"\b(?:rename|renameat2?|link|linkat|symlink|symlinkat)\(")
# The last path argument of rename/link, with the directory fd printed just before it.
_LAST_PATH = re.compile(r'(?:(?:AT_FDCWD|-?\d+)(?:<([^>]*)>)?, )?"([^"]*)"(?!.*")')
_TRACE = "openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink,symlinkat"


def _join(base: str | None, path: str) -> str:
    if os.path.isabs(path):
        return os.path.normpath(path)
    return os.path.normpath(os.path.join(base or str(ROOT), path))


def created_paths(log: Path) -> set[str]:
    """Paths created (O_CREAT, mkdir, rename/link targets) and directories that received
    an anonymous O_TMPFILE (reported as 'O_TMPFILE:<dir>')."""
    found: set[str] = set()
    for line in log.read_text(errors="replace").splitlines():
        if re.search(r"= -1 E", line):
            continue
        if m := _OPENAT.search(line):
            base, path, flags = m.groups()
            if "O_TMPFILE" in flags:
                found.add("O_TMPFILE:" + _join(base, path))
            elif "O_CREAT" in flags:
                found.add(_join(base, path))
        elif m := _OPEN.search(line):
            if "O_CREAT" in m.group(2) or line.lstrip().split("(")[0].endswith("creat"):
                found.add(_join(None, m.group(1)))
        elif m := _MKDIR.search(line):
            found.add(_join(m.group(1), m.group(2)))
        elif _MOVE.search(line) and (m := _LAST_PATH.search(line)):
            found.add(_join(m.group(1), m.group(2)))
    return found


def run_watched(
    cmd: list[str], log: Path, env: dict[str, str], timeout: float = 300
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    result = subprocess.run(
        ["strace", "-f", "-qq", "-y", "-e", f"trace={_TRACE}", "-o", str(log), *cmd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    return result, created_paths(log)
