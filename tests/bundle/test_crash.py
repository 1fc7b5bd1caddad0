"""kill -9 during import or export: the vault still opens and verifies, an import is all
or nothing, and no partial bundle is left under the chosen name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.vault import Vault
from app.vault.models import NewArtifact, NewItem
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import ROOT
from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point


def _start(*args: str | os.PathLike[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, LOCKER_NO_GUI="1")
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _big_vault(path: Path) -> None:
    with Vault.create(path, PASSPHRASE) as vault:
        for n in range(3):
            vault.add_item(
                NewItem("file", "Big", f"part {n}", thumbnail_role=None),
                [NewArtifact("original", f"p{n}.bin", os.urandom(24 * 1024 * 1024), "video/mp4")],
            )


def test_kill_during_import_and_export(tmp_path: Path, passphrase_file: Path):
    source, target = tmp_path / "a.locker", tmp_path / "b.locker"
    _big_vault(source)
    Vault.create(target, PASSPHRASE).close()
    bundle = tmp_path / "big.zip"
    assert (
        locker(
            "export",
            source,
            "--out",
            bundle,
            "--case",
            "Big",
            "--no-encrypt",
            passphrase_file=passphrase_file,
        ).returncode
        == 0
    )

    for delay in (0.8, 1.6, 2.4):  # at different moments of the import
        proc = _start("import", target, bundle, "--passphrase-file", passphrase_file)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Vault.open(target, PASSPHRASE) as vault:
            report = verify_vault(vault)
            assert report.ok, report.text()
            received = [c for c in vault.list_cases() if c.origin == "received"]
            assert len(received) <= 1 and all(c.item_count == 3 for c in received)
            if received:
                break

    out = tmp_path / "again.zip"
    proc = _start(
        "export",
        source,
        "--out",
        out,
        "--case",
        "Big",
        "--no-encrypt",
        "--passphrase-file",
        passphrase_file,
    )
    time.sleep(1.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Vault.open(source, PASSPHRASE) as vault:
        assert verify_vault(vault).ok
    if not out.exists():  # killed before the bundle was linked into place
        assert (
            locker(
                "export",
                source,
                "--out",
                out,
                "--case",
                "Big",
                "--no-encrypt",
                passphrase_file=passphrase_file,
            ).returncode
            == 0
        )
    assert not list(tmp_path.glob(".again.zip.*.partial"))
    assert locker("verify-bundle", out).returncode == 0
