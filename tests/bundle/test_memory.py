"""A 1 GiB bundle exports and imports with memory under 300 MB (RSS of the real `locker`
process, measured with getrusage in a wrapper process)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.vault import Vault
from app.vault.models import NewArtifact, NewItem
from tests.bundle.tools import locker_rss as _locker_rss
from tests.conftest import PASSPHRASE
from tests.helpers.cli import ROOT

GIB = 1024 * 1024 * 1024
LIMIT_KB = 300 * 1024

class _Synthetic:
    """1 GiB of deterministic pseudo-random bytes, generated as it is read."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.counter = 0
        self.digest = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        out = bytearray()
        while len(out) < n:
            self.counter += 1
            out += hashlib.sha512(self.counter.to_bytes(8, "big")).digest() * 256  # 16 KiB
        data = bytes(out[:n])
        self.left -= len(data)
        self.digest.update(data)
        return data


@pytest.mark.slow
def test_one_gib_bundle_export_and_import_in_bounded_memory(tmp_path: Path, passphrase_file: Path):
    a_path, b_path = tmp_path / "a.locker", tmp_path / "b.locker"
    source = _Synthetic(GIB)
    with Vault.create(a_path, PASSPHRASE) as a:
        a.add_item(NewItem("file", "Big", "large synthetic video", thumbnail_role=None),
                   [NewArtifact("original", "big.mp4", source, "video/mp4")])  # type: ignore[arg-type]
    with Vault.create(b_path, PASSPHRASE) as b:
        recipient = json.loads(subprocess.run(
            [sys.executable, "-m", "app.cli", "identity", str(b_path), "--json",
             "--passphrase-file", str(passphrase_file)], cwd=ROOT, capture_output=True,
            text=True, check=True).stdout)["age_recipient"]
        del b
    bundle = tmp_path / "big.age"
    exported, export_rss = _locker_rss("export", a_path, "--out", bundle, "--case", "Big",
                                       "--to", recipient, "--passphrase-file", passphrase_file)
    assert exported.returncode == 0, exported.stderr
    assert bundle.stat().st_size > GIB
    imported, import_rss = _locker_rss("import", b_path, bundle, "--json",
                                       "--passphrase-file", passphrase_file)
    assert imported.returncode == 0, imported.stderr
    print(f"1 GiB bundle: export peak {export_rss // 1024} MB, import peak {import_rss // 1024} MB")
    assert export_rss < LIMIT_KB, f"export used {export_rss // 1024} MB"
    assert import_rss < LIMIT_KB, f"import used {import_rss // 1024} MB"
    result = json.loads(imported.stdout)
    assert [i["sha256"] for i in result["items"]] == [source.digest.hexdigest()]


def test_passphrase_sealing_stays_in_the_memory_budget(tmp_path: Path, passphrase_file: Path):
    """The scrypt step of passphrase sealing has a fixed memory cost; with the rest of the
    process it must stay under the same 300 MB."""
    with Vault.create(tmp_path / "a.locker", PASSPHRASE) as a:
        a.add_item(NewItem("file", "Small", "small"), [NewArtifact("original", "a.txt", b"x" * 1000)])
    seal = tmp_path / "seal.txt"
    seal.write_text("bundle passphrase\n")
    bundle = tmp_path / "small.age"
    exported, export_rss = _locker_rss("export", tmp_path / "a.locker", "--out", bundle, "--case",
                                       "Small", "--seal-passphrase-file", seal,
                                       "--passphrase-file", passphrase_file)
    assert exported.returncode == 0, exported.stderr
    checked, verify_rss = _locker_rss("verify-bundle", bundle, "--seal-passphrase-file", seal)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert export_rss < LIMIT_KB and verify_rss < LIMIT_KB, (export_rss, verify_rss)
