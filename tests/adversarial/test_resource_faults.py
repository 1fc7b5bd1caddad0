"""Resource faults: a full disk and a read-only location during add, init, backup and
export. The operation fails with a clear one-line message; the existing vault is
byte-for-byte unchanged (same bytes, same mtime), nothing partial is left, and the vault
still opens and verifies.

Real faults: a small tmpfs (root) that is filled up or remounted read-only; without
root, the kernel's per-process file-size limit (RLIMIT_FSIZE) refuses the writes instead.

Guards: one transaction per item (rolled back on SQLITE_FULL), db.classify_error's
messages, Vault.create's build-then-link, backup's verify-then-link, export's
write-then-link, and no custody event logged for a failed export.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.vault import Vault
from app.vault.verify import verify_vault
from tests.adversarial.faults import fill, locker_limited, remount, tmpfs
from tests.adversarial.util import snapshot
from tests.conftest import PASSPHRASE
from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point


def _one_line_error(result_stderr: str) -> None:
    assert "Traceback" not in result_stderr and "unexpected error" not in result_stderr, (
        result_stderr
    )


def _vault_with_item(folder: Path) -> Path:
    path = folder / "v.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        (folder / "first.txt").write_bytes(b"first evidence")
        vault.add_file(folder / "first.txt")
    (folder / "first.txt").unlink()
    return path


def _assert_opens_and_verifies(path: Path, items: int) -> None:
    with Vault.open(path, PASSPHRASE) as vault:
        report = verify_vault(vault)
        assert report.ok, report.text()
        assert vault.count_items(archived=None) == items


def _big(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "big.bin"
    path.write_bytes(hashlib.shake_256(b"big").digest(size))
    return path


def test_full_disk_during_add(tmp_path: Path, passphrase_file: Path) -> None:
    with tmpfs(tmp_path, 6 * 1024) as fs:
        if fs is None:
            pytest.skip("cannot mount tmpfs here; test_file_size_limit_during_add covers it")
        vault = _vault_with_item(fs)
        before = snapshot(vault)
        fill(fs, leave_kib=400)
        result = locker("add", vault, _big(tmp_path, 2_000_000), passphrase_file=passphrase_file)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "disk is full" in (result.stdout + result.stderr).lower(), (
            result.stdout + result.stderr
        )
        _one_line_error(result.stderr)
        assert snapshot(vault) == before, "a failed add changed the vault file"
        assert sorted(p.name for p in fs.iterdir()) == ["filler", "v.locker"]
        (fs / "filler").unlink()
        _assert_opens_and_verifies(vault, 1)


def test_file_size_limit_during_add(tmp_path: Path, passphrase_file: Path) -> None:
    """Works without root: the kernel refuses to grow the -wal past a limit."""
    vault = _vault_with_item(tmp_path)
    before = snapshot(vault)
    result = locker_limited(
        "add",
        vault,
        _big(tmp_path, 3_000_000),
        "--passphrase-file",
        passphrase_file,
        max_file_bytes=1_000_000,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error\t" in result.stdout, result.stdout
    _one_line_error(result.stderr)
    assert snapshot(vault) == before
    _assert_opens_and_verifies(vault, 1)


def test_full_disk_during_init_leaves_nothing(tmp_path: Path, passphrase_file: Path) -> None:
    with tmpfs(tmp_path, 1024) as fs:
        if fs is None:
            pytest.skip("cannot mount tmpfs here")
        fill(fs, leave_kib=8)
        result = locker("init", fs / "new.locker", passphrase_file=passphrase_file)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "full" in result.stderr.lower() or "space" in result.stderr.lower(), result.stderr
        _one_line_error(result.stderr)
        assert sorted(p.name for p in fs.iterdir()) == ["filler"], "init left files behind"


def test_full_disk_during_backup(tmp_path: Path, passphrase_file: Path) -> None:
    vault = _vault_with_item(tmp_path)
    with Vault.open(vault, PASSPHRASE) as v:
        v.add_file(_big(tmp_path, 1_500_000))
    before = snapshot(vault)
    with tmpfs(tmp_path, 1024) as fs:
        if fs is None:
            pytest.skip("cannot mount tmpfs here")
        result = locker("backup", vault, fs / "copy.locker", passphrase_file=passphrase_file)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "full" in result.stderr.lower(), result.stderr
        _one_line_error(result.stderr)
        assert list(fs.iterdir()) == [], "a failed backup left files behind"
    assert snapshot(vault) == before
    _assert_opens_and_verifies(vault, 2)


def test_read_only_location_during_add(tmp_path: Path, passphrase_file: Path) -> None:
    with tmpfs(tmp_path, 4 * 1024) as fs:
        if fs is None:
            pytest.skip("cannot mount tmpfs here")
        vault = _vault_with_item(fs)
        before = snapshot(vault)
        evidence = tmp_path / "new.txt"
        evidence.write_bytes(b"new evidence")
        remount(fs, "ro")
        result = locker("add", vault, evidence, passphrase_file=passphrase_file)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "read-only" in result.stderr, result.stderr
        _one_line_error(result.stderr)
        remount(fs, "rw")
        assert snapshot(vault) == before
        assert sorted(p.name for p in fs.iterdir()) == ["v.locker"]
        _assert_opens_and_verifies(vault, 1)


def test_read_only_destination_for_backup_and_extract(
    tmp_path: Path, passphrase_file: Path
) -> None:
    vault = _vault_with_item(tmp_path)
    before = snapshot(vault)
    with tmpfs(tmp_path, 1024) as fs:
        if fs is None:
            pytest.skip("cannot mount tmpfs here")
        remount(fs, "ro")
        for args in (("backup", vault, fs / "copy.locker"), ("extract", vault, "1", "--out", fs)):
            result = locker(*args, passphrase_file=passphrase_file)
            assert result.returncode == 1, (args[0], result.stdout, result.stderr)
            assert "read-only" in result.stderr.lower(), (args[0], result.stderr)
            _one_line_error(result.stderr)
        assert list(fs.iterdir()) == []
    assert snapshot(vault) == before


def _export(vault: Path, out: Path, passphrase_file: Path):  # type: ignore[no-untyped-def]
    return locker(
        "export",
        vault,
        "--out",
        out,
        "--case",
        "General",
        "--no-encrypt",
        "--no-stamp",
        passphrase_file=passphrase_file,
    )


def _last_event(vault: Path) -> str:
    with Vault.open(vault, PASSPHRASE) as v:
        return v.custody_log()[-1].event


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_export_to_a_full_or_read_only_destination(
    tmp_path: Path, passphrase_file: Path, fault: str
) -> None:
    """The bundle is not left half-written, the message says why, the vault still
    verifies, and the failed attempt is on the custody record."""
    vault = _vault_with_item(tmp_path)
    with Vault.open(vault, PASSPHRASE) as v:
        v.add_file(_big(tmp_path, 1_500_000))
    with tmpfs(tmp_path, 1024) as fs:
        if fs is None:
            pytest.skip("cannot mount tmpfs here")
        if fault == "read-only":
            remount(fs, "ro")
        result = _export(vault, fs / "bundle.zip", passphrase_file)
        assert result.returncode == 1, result.stdout + result.stderr
        words = ("full", "space") if fault == "full" else ("read-only",)
        assert any(w in result.stderr.lower() for w in words), result.stderr
        _one_line_error(result.stderr)
        assert list(fs.iterdir()) == [], "a failed export left files behind"
    _assert_opens_and_verifies(vault, 2)
    assert _last_event(vault) == "bundle_export_failed"


def test_export_from_a_read_only_vault_location(tmp_path: Path, passphrase_file: Path) -> None:
    with tmpfs(tmp_path, 4 * 1024) as fs:
        if fs is None:
            pytest.skip("cannot mount tmpfs here")
        vault = _vault_with_item(fs)
        before = snapshot(vault)
        remount(fs, "ro")
        result = _export(vault, tmp_path / "bundle.zip", passphrase_file)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "read-only" in result.stderr, result.stderr
        _one_line_error(result.stderr)
        assert not (tmp_path / "bundle.zip").exists()
        remount(fs, "rw")
        assert snapshot(vault) == before
        _assert_opens_and_verifies(vault, 1)
