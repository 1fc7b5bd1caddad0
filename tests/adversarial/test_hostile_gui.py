"""The desktop app given hostile files: decompression bombs, formats disguised as PNG,
truncated images, undecodable file names, revealed one after the other. The app keeps
running, stores every file bit-exact, and every reveal answers (an image or "cannot
preview"), never a crash.

Guards: the controller's import and reveal tasks (errors reported, never raised into
Qt), app.vault.images limits, store.add_file's name handling.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from app.vault import Vault
from tests.adversarial.test_hostile_images import DISGUISED, SEEDS
from tests.adversarial.util import png_with_header
from tests.conftest import PASSPHRASE
from tests.helpers.cli import ROOT


def test_app_imports_and_reveals_hostile_files(tmp_path: Path, passphrase_file: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    files: dict[bytes, bytes] = {f"{k}.png".encode(): v for k, v in DISGUISED.items()}
    files[b"bomb.png"] = png_with_header(10_400, 10_400, mode_bits=1)
    files[b"huge-header.png"] = png_with_header(100_000, 100_000, body=b"x")
    files[b"truncated.jpg"] = SEEDS["JPEG"][: len(SEEDS["JPEG"]) // 2]
    files[b"ok.webp"] = SEEDS["WEBP"]
    files[b"\xff\xfe-latin1-\xe9.png"] = SEEDS["PNG"]
    files["\u202egnp.exe".encode()] = SEEDS["GIF"]
    for name, data in files.items():
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(data)
    vault = tmp_path / "v.locker"
    Vault.create(vault, PASSPHRASE).close()
    env = dict(os.environ, LOCKER_CONFIG_DIR=str(tmp_path / "config"), LOCKER_NO_GUI="1")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.adversarial.gui_session",
            str(vault),
            str(passphrase_file),
            "--import-dir",
            str(folder),
            "--reveal-all",
            "--seconds",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "import errors 0" in result.stdout, result.stdout
    assert f"revealed {len(files)}" in result.stdout, result.stdout
    assert f"unlocked {len(files)}" in result.stdout, result.stdout
    with Vault.open(vault, PASSPHRASE) as v:
        stored = sorted(str(i.sha256) for i in v.list_items(archived=None))
        assert stored == sorted(hashlib.sha256(d).hexdigest() for d in files.values())
