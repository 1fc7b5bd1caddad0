"""A 1 GiB bundle exports and imports with memory under 300 MB (RSS of the real `locker`
process, measured with getrusage in a wrapper process): the 1 GiB run under --soak, and
in the normal run a 96 MiB item that must not cost more memory than a 1 MiB one."""

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

MIB = 1024 * 1024
GIB = 1024 * MIB
LIMIT_KB = 300 * 1024
GROWTH_KB = 40 * 1024  # well under the 96 MB a whole-item read would add


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


def _export_import(tmp_path: Path, passphrase_file: Path, size: int, name: str) -> tuple[int, int]:
    """Export one ``size``-byte item to an age bundle and import it into a second vault
    with the real `locker`; returns the peak RSS (KiB) of export and of import."""
    a_path, b_path = tmp_path / f"{name}-a.locker", tmp_path / f"{name}-b.locker"
    source = _Synthetic(size)
    with Vault.create(a_path, PASSPHRASE) as a:
        a.add_item(
            NewItem("file", "Big", "large synthetic video", thumbnail_role=None),
            [NewArtifact("original", "big.mp4", source, "video/mp4")],  # type: ignore[arg-type]
        )
    Vault.create(b_path, PASSPHRASE).close()
    recipient = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "app.cli",
                "identity",
                str(b_path),
                "--json",
                "--passphrase-file",
                str(passphrase_file),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )["age_recipient"]
    bundle = tmp_path / f"{name}.age"
    exported, export_rss = _locker_rss(
        "export",
        a_path,
        "--out",
        bundle,
        "--case",
        "Big",
        "--to",
        recipient,
        "--passphrase-file",
        passphrase_file,
    )
    assert exported.returncode == 0, exported.stderr
    assert bundle.stat().st_size > size
    imported, import_rss = _locker_rss(
        "import", b_path, bundle, "--json", "--passphrase-file", passphrase_file
    )
    assert imported.returncode == 0, imported.stderr
    result = json.loads(imported.stdout)
    assert [i["sha256"] for i in result["items"]] == [source.digest.hexdigest()]
    print(
        f"{size // MIB} MiB bundle: export peak {export_rss // 1024} MB, "
        f"import peak {import_rss // 1024} MB"
    )
    return export_rss, import_rss


@pytest.mark.soak
def test_one_gib_bundle_export_and_import_in_bounded_memory(tmp_path: Path, passphrase_file: Path):
    export_rss, import_rss = _export_import(tmp_path, passphrase_file, GIB, "big")
    assert export_rss < LIMIT_KB, f"export used {export_rss // 1024} MB"
    assert import_rss < LIMIT_KB, f"import used {import_rss // 1024} MB"


def test_bundle_memory_does_not_grow_with_the_item(tmp_path: Path, passphrase_file: Path):
    """The normal-run equivalent of the 1 GiB soak test: export and import stream, so a
    96 MiB item costs no more peak memory than a 1 MiB one (reading it whole, even once,
    would add about 96 MB)."""
    small = _export_import(tmp_path, passphrase_file, 1 * MIB, "small")
    large = _export_import(tmp_path, passphrase_file, 96 * MIB, "large")
    for step, before, after in zip(("export", "import"), small, large, strict=True):
        assert after - before < GROWTH_KB, (
            f"{step} peak grew by {(after - before) // 1024} MB for 95 MiB more data"
        )
        assert after < LIMIT_KB, f"{step} used {after // 1024} MB"


def test_passphrase_sealing_stays_in_the_memory_budget(tmp_path: Path, passphrase_file: Path):
    """The scrypt step of passphrase sealing has a fixed memory cost; with the rest of the
    process it must stay under the same 300 MB."""
    with Vault.create(tmp_path / "a.locker", PASSPHRASE) as a:
        a.add_item(
            NewItem("file", "Small", "small"), [NewArtifact("original", "a.txt", b"x" * 1000)]
        )
    seal = tmp_path / "seal.txt"
    seal.write_text("bundle passphrase\n")
    bundle = tmp_path / "small.age"
    exported, export_rss = _locker_rss(
        "export",
        tmp_path / "a.locker",
        "--out",
        bundle,
        "--case",
        "Small",
        "--seal-passphrase-file",
        seal,
        "--passphrase-file",
        passphrase_file,
    )
    assert exported.returncode == 0, exported.stderr
    checked, verify_rss = _locker_rss("verify-bundle", bundle, "--seal-passphrase-file", seal)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert export_rss < LIMIT_KB and verify_rss < LIMIT_KB, (export_rss, verify_rss)
