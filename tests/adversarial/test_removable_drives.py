"""USB sticks: backups, new vaults, bundles, extracted files on a real exFAT filesystem
(an image on a loop device mounted with exfat-fuse: no hard links, chmod ignored), a
FAT32 4 GiB limit, a kill -9 during a backup to the stick and a stick pulled out while
writing. Skipped, with the reason, where loop devices or /dev/fuse are not usable; the
same logic is always tested against a stand-in in tests/test_atomic.py."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import drives
from tests.helpers.cli import ROOT, locker

PRIVACY = "cannot keep files private"


@pytest.fixture
def stick(tmp_path: Path) -> Iterator[drives.Stick]:
    try:
        with drives.exfat_stick(tmp_path) as mounted:
            yield mounted
    except drives.DriveUnavailable as exc:
        pytest.skip(f"no exFAT stick here: {exc}")


@pytest.fixture(scope="module")
def source_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A closed local vault with a few MiB of evidence, and its passphrase file."""
    from app.vault import Vault
    from app.vault.models import NewArtifact, NewItem

    folder = tmp_path_factory.mktemp("source")
    pw = folder / "pw.txt"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    vault = Vault.create(folder / "case.locker", PASSPHRASE)
    try:
        for n in range(4):  # 20 MiB: a backup or export takes long enough to interrupt
            data = hashlib.shake_256(b"evidence %d" % n).digest(5 * 1024 * 1024)
            vault.add_item(
                NewItem("file", "Case 1", f"video-{n}.bin"),
                [NewArtifact("original", f"video-{n}.bin", data, "application/octet-stream")],
            )
    finally:
        vault.close()
    return folder / "case.locker", pw


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


def test_filesystem_is_really_without_links_and_modes(stick: drives.Stick) -> None:
    from app.drives import filesystem_type

    (stick.mount / "a").write_bytes(b"x")
    with pytest.raises(PermissionError):
        os.link(stick.mount / "a", stick.mount / "b")
    assert filesystem_type(stick.mount) == "fuseblk"
    (stick.mount / "a").unlink()


def test_init_backup_export_extract_open_on_exfat(
    stick: drives.Stick, source_vault: tuple[Path, Path]
) -> None:
    vault, pw = source_vault
    m = stick.mount
    res = locker("init", m / "new.locker", passphrase_file=pw)
    assert res.returncode == 0, res.stderr
    assert res.stderr.count(PRIVACY) == 1  # said once, the vault is still written
    res = locker("verify", m / "new.locker", passphrase_file=pw)
    assert res.returncode == 0, res.stdout + res.stderr

    res = locker("backup", vault, f"{m}/", passphrase_file=pw)
    assert res.returncode == 0, res.stderr
    assert PRIVACY in res.stderr
    res = locker("verify", m / "case.locker", passphrase_file=pw)
    assert res.returncode == 0, res.stdout + res.stderr
    res = locker("backup", vault, f"{m}/", passphrase_file=pw)
    assert res.returncode != 0 and "already exists" in res.stderr

    seal = m.parent / "seal.txt"
    seal.write_text("bundle passphrase\n", encoding="utf-8")
    res = locker(
        "export",
        vault,
        "--out",
        m / "case.bundle",
        "--case",
        "Case 1",
        "--seal-passphrase-file",
        seal,
        "--no-stamp",
        passphrase_file=pw,
    )
    assert res.returncode == 0, res.stderr
    res = locker("verify-bundle", m / "case.bundle", "--seal-passphrase-file", seal)
    assert res.returncode == 0, res.stdout + res.stderr
    res = locker(
        "open-bundle", m / "case.bundle", "--out", m / "opened", "--seal-passphrase-file", seal
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert locker("verify-bundle", m / "opened").returncode == 0

    res = locker("extract", vault, "1", "--out", m / "exhibits", passphrase_file=pw)
    assert res.returncode == 0, res.stderr
    expected = hashlib.shake_256(b"evidence 0").digest(5 * 1024 * 1024)
    assert (m / "exhibits" / "1-video-0.bin").read_bytes() == expected
    assert _hidden(m) == []  # no temporary file left anywhere


def test_backup_to_a_missing_folder_with_a_slash_is_an_error(
    tmp_path: Path, source_vault: tuple[Path, Path]
) -> None:
    vault, pw = source_vault
    res = locker("backup", vault, f"{tmp_path}/usb/", passphrase_file=pw)
    assert res.returncode == 6, res.stderr
    assert "does not exist" in res.stderr
    assert list(tmp_path.iterdir()) == []  # no file named "usb"


def _start(*args: str | Path, pw: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, LOCKER_NO_GUI="1")
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *map(str, args), "--passphrase-file", str(pw)],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_partial(folder: Path, name: str, proc: subprocess.Popen[str]) -> Path:
    """The temporary file of a backup/export under way, once it holds some data."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for p in folder.glob(f".{name}.*"):
            if "partial" in p.name and not p.name.endswith(("-journal", "-wal", "-shm")):
                try:
                    if p.stat().st_size > 256 * 1024:
                        return p
                except OSError:
                    pass
        if proc.poll() is not None:
            pytest.fail(f"finished before it could be interrupted: {proc.communicate()}")
        time.sleep(0.005)
    proc.kill()
    pytest.fail("no partial file appeared")


def test_kill_9_during_backup_to_the_stick(
    stick: drives.Stick, source_vault: tuple[Path, Path]
) -> None:
    vault, pw = source_vault
    m = stick.mount
    proc = _start("backup", vault, f"{m}/", pw=pw)
    _wait_for_partial(m, "case.locker", proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    # Nothing that looks like a finished backup (the kill lands while the copy is still
    # being written or verified: the final name appears only after that).
    assert not (m / "case.locker").exists()
    assert _hidden(m)  # the interrupted copy is there, hidden
    res = locker("backup", vault, f"{m}/", passphrase_file=pw)
    assert res.returncode == 0, res.stderr
    assert _hidden(m) == []  # the interrupted run's partial copy was swept
    res = locker("verify", m / "case.locker", passphrase_file=pw)
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.parametrize("what", ["backup", "export"])
def test_stick_pulled_out_while_writing(
    stick: drives.Stick, source_vault: tuple[Path, Path], what: str
) -> None:
    vault, pw = source_vault
    m = stick.mount
    name = "case.locker" if what == "backup" else "case.bundle"
    args: tuple[str | Path, ...] = (
        ("backup", vault, f"{m}/")
        if what == "backup"
        else ("export", vault, "--out", m / name, "--case", "Case 1", "--no-encrypt", "--no-stamp")
    )
    proc = _start(*args, pw=pw)
    _wait_for_partial(m, name, proc)
    stick.pull_out()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, out + err
    assert "removed or stopped responding" in err, err
    assert "Traceback" not in err
    with drives.remount(stick):
        assert not (m / name).exists()
        assert all("partial" in p for p in _hidden(m))
    # The local vault is unharmed.
    assert locker("verify", vault, passphrase_file=pw).returncode == 0


def test_fat32_refuses_a_backup_over_4gib_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source_vault: tuple[Path, Path]
) -> None:
    """A real FAT32 (kernel vfat) when this kernel can mount one, else a stand-in folder
    that reports being FAT32; the vault's size is reported as 5 GiB (a real one would take
    minutes to build)."""
    from app.vault import Vault, maintenance

    try:
        with drives.vfat_stick(tmp_path) as fat:
            target = fat.mount
            _refuse_big_backup(source_vault, target, monkeypatch, maintenance, Vault)
            return
    except drives.DriveUnavailable as exc:
        print(f"FAT32 stand-in used: {exc}")
    target = tmp_path / "fat-standin"
    target.mkdir()
    from app import drives as app_drives

    real = app_drives.filesystem_type
    monkeypatch.setattr(
        app_drives,
        "filesystem_type",
        lambda folder: "vfat" if Path(folder) == target else real(folder),
    )
    _refuse_big_backup(source_vault, target, monkeypatch, maintenance, Vault)


def _refuse_big_backup(
    source_vault: tuple[Path, Path],
    target: Path,
    monkeypatch: pytest.MonkeyPatch,
    maintenance: object,
    vault_cls: type,
) -> None:
    vault_path, _ = source_vault
    monkeypatch.setattr(
        maintenance, "_file_size", lambda p: 5 * 1024**3 if Path(p) == vault_path else 0
    )
    vault = vault_cls.open(vault_path, PASSPHRASE)  # type: ignore[attr-defined]
    try:
        started = time.monotonic()
        with pytest.raises(Exception, match="FAT32.*4 GiB.*exFAT or NTFS") as info:
            maintenance.backup(vault, f"{target}/")  # type: ignore[attr-defined]
        assert type(info.value).__name__ == "StorageError"
        assert time.monotonic() - started < 5  # at once, not after minutes
    finally:
        vault.close()
    assert list(target.iterdir()) == []
