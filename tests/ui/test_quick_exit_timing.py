"""Quick exit ends the process within a second, measured from the key to the process's
end, with the in-app browser open (QtWebEngine) and an import running; what was
reported stored stays in the vault."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import ROOT
from tests.helpers.http import PageHandler, serve
from tests.ui.conftest import checkerboard, make_vault

LIMIT_S = 1.0


@pytest.fixture
def page_url() -> Iterator[str]:
    body = b"<html><head><title>page</title></head><body><h1>A local page</h1></body></html>"

    class Handler(PageHandler):
        def do_GET(self) -> None:
            self.send(200, body, "text/html")

    with serve(Handler) as base:
        yield f"{base}/"


def test_quick_exit_ends_the_process_within_a_second(tmp_path: Path, page_url: str) -> None:
    vault = make_vault(tmp_path / "v.locker")
    with Vault.open(vault, PASSPHRASE) as v:
        v.add_file(checkerboard(tmp_path / "kept.png"))
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    files = tmp_path / "many"
    files.mkdir()
    for n in range(400):  # an import that is still running at the key
        (files / f"f{n}.txt").write_bytes(os.urandom(64 * 1024))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LOCKER_CONFIG_DIR=str(tmp_path / "cfg"),
        LOCKER_TSA_CONFIG=str(tmp_path / "none.json"),
        HOME=str(tmp_path / "home"),
    )
    (tmp_path / "none.json").write_text('{"tsas": []}', encoding="utf-8")
    env.pop("LOCKER_NO_GUI", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.ui.quick_exit_child",
            str(vault),
            str(pass_file),
            page_url,
            str(files),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    key_at = None
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    for line in proc.stdout:
        if line.startswith("KEY "):
            key_at = float(line.split()[1])
            break
        assert time.monotonic() < deadline
    assert key_at is not None, proc.communicate(timeout=30)
    try:
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    ended = time.monotonic()
    stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 0, stderr[-2000:]
    took = ended - key_at
    assert took < LIMIT_S, f"quick exit took {took:.2f} s to end the process"
    sys.stderr.write(f"quick exit ended the process in {took:.3f} s\n")
    # Nothing reported stored is lost; the vault opens and verifies.
    from app.vault.verify import verify_vault

    with Vault.open(vault, PASSPHRASE) as v:
        assert v.count_items(archived=None) >= 1
        assert verify_vault(v).ok
    assert not (tmp_path / "home" / "Downloads").exists()
