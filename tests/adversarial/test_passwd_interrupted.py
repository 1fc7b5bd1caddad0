"""`locker passwd` interrupted or failing: the old vault stays exactly as it was (old
passphrase, no `passphrase_changed` entry, verifies), and the copy it was writing is
cleaned up by the next passphrase change (app/vault/maintenance.change_passphrase)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import StorageError, VerificationFailed
from app.vault import Vault
from app.vault import maintenance as maint
from app.vault.events import Event
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import ROOT, _env, locker

NEW = "the new passphrase for this vault"

# A real `locker passwd` process that SIGKILLs itself at the one point in question: the
# re-keyed copy is written, logged and verified, and is about to be renamed over the vault.
_KILL_BEFORE_RENAME = """
import os, signal, sys
_real = os.replace
def _replace(src, dst, *a, **k):
    if ".rekey-" in os.fspath(src):
        os.kill(os.getpid(), signal.SIGKILL)
    return _real(src, dst, *a, **k)
os.replace = _replace
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _events(vault: Vault) -> list[str]:
    return [r[0] for r in vault.read().execute("SELECT event FROM custody ORDER BY seq")]


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".rekey-" in p.name)


def _assert_old_vault_untouched(path: Path) -> None:
    vault = Vault.open(path, PASSPHRASE)
    try:
        assert Event.PASSPHRASE_CHANGED not in _events(vault)
        report = verify_vault(vault)
        assert report.ok, report.text()
    finally:
        vault.close()


def _made(tmp_path: Path, passphrase_file: Path) -> Path:
    path = tmp_path / "v.locker"
    Vault.create(path, PASSPHRASE).close()
    note = tmp_path / "note.txt"
    note.write_text("evidence")
    assert locker("add", path, note, passphrase_file=passphrase_file).returncode == 0
    return path


def test_kill_between_copy_and_rename_leaves_old_vault_true(
    tmp_path: Path, passphrase_file: Path
) -> None:
    path = _made(tmp_path, passphrase_file)
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW + "\n")
    argv = [str(path), "--passphrase-file", str(passphrase_file)]
    result = subprocess.run(
        [sys.executable, "-c", _KILL_BEFORE_RENAME, "passwd", *argv]
        + ["--new-passphrase-file", str(new_file)],
        cwd=ROOT,
        env=_env(None),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert _leftovers(path), "the kill point was not reached"
    _assert_old_vault_untouched(path)

    # The next passphrase change removes the leftover copy and succeeds.
    done = locker(
        "passwd", path, "--new-passphrase-file", new_file, passphrase_file=passphrase_file
    )
    assert done.returncode == 0, done.stderr
    assert _leftovers(path) == []
    vault = Vault.open(path, NEW)
    try:
        assert _events(vault).count(Event.PASSPHRASE_CHANGED) == 1
        assert verify_vault(vault).ok
    finally:
        vault.close()


def test_copy_failing_verification_leaves_no_false_entry(
    tmp_path: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _made(tmp_path, passphrase_file)
    real_export = maint._export_copy

    def export_then_damage(vault: Vault, dest: Path, key: bytes, salt: bytes) -> None:
        real_export(vault, dest, key, salt)
        copy = Vault.open(dest, key=key, track_history=False)
        try:  # a stored artifact no longer matches its recorded hash
            with copy.write() as conn:
                conn.execute("DROP TRIGGER IF EXISTS artifacts_no_update")
                conn.execute("UPDATE artifacts SET sha256 = zeroblob(32)")
        finally:
            copy.close()

    monkeypatch.setattr(maint, "_export_copy", export_then_damage)
    with pytest.raises(VerificationFailed):
        maint.change_passphrase(Vault.open(path, PASSPHRASE), NEW)
    assert _leftovers(path) == []
    _assert_old_vault_untouched(path)


def test_full_disk_refused_before_anything_is_written(
    tmp_path: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _made(tmp_path, passphrase_file)
    import shutil

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(
        shutil,
        "disk_usage",
        lambda _p: usage._replace(free=os.path.getsize(path) // 2),
    )
    with pytest.raises(StorageError, match="free space"):
        maint.change_passphrase(Vault.open(path, PASSPHRASE), NEW)
    assert _leftovers(path) == []
    _assert_old_vault_untouched(path)
