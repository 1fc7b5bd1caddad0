"""Running the real `locker` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def locker(*args: str | os.PathLike[str], passphrase_file: Path | None = None,
           timeout: float = 300, env: dict[str, str] | None = None,
           input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "app.cli", *map(str, args)]
    if passphrase_file is not None:
        cmd += ["--passphrase-file", str(passphrase_file)]
    full_env = dict(os.environ)
    full_env["LOCKER_NO_GUI"] = "1"
    full_env.pop("LOCKER_PASSPHRASE_FILE", None)
    if env:
        full_env.update(env)
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env=full_env, input=input.decode() if input else None)
