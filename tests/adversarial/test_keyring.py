"""Keyring: remember-on-this-device with a real Secret Service (gnome-keyring in a private
D-Bus session per test), losing the entry, a locked keyring or the whole keyring never
prevents opening with the passphrase, and plaintext keyrings are refused, also when
keyring chains one behind Secret Service.

Guards: app.vault.keyring_store (trusted-backend allow-list, chainer member selection,
recall never raising), commands.common.open_vault (passphrase first, keyring second).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import ROOT
from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point

_MISSING = [
    tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(tool) is None
]
needs_secret_service = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"no Secret Service here: {', '.join(_MISSING)} missing "
    "(scripts/run-tests installs gnome-keyring and dbus)",
)


def _scenario(mode: str, vault: Path, passphrase_file: Path, tmp_path: Path) -> dict[str, Any]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DBUS_", "GNOME_KEYRING", "PYTHON_KEYRING"))
    }
    env["XDG_DATA_HOME"] = str(tmp_path / "data")  # a throwaway keyring per test
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "bash",
            str(ROOT / "scripts" / "with-keyring.sh"),
            sys.executable,
            "-m",
            "tests.adversarial.keyring_scenario",
            mode,
            str(vault),
            str(passphrase_file),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "v.locker"
    with Vault.create(path, PASSPHRASE) as v:
        (tmp_path / "e.txt").write_bytes(b"evidence")
        v.add_file(tmp_path / "e.txt")
    return path


def _opened(step: dict[str, Any]) -> bool:
    return step["rc"] == 0 and step["stdout"].startswith("1\t")


def _locked_out_cleanly(step: dict[str, Any]) -> bool:
    return (
        step["rc"] == 3
        and "passphrase is needed" in step["stderr"]
        and "Traceback" not in step["stderr"]
    )


@needs_secret_service
def test_remember_then_lose_entry_or_whole_keyring(
    vault: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    out = _scenario("delete", vault, passphrase_file, tmp_path)
    assert "SecretService" in out["backend"] or "chainer" in out["backend"], out["backend"]
    assert out["remember"]["rc"] == 0, out["remember"]
    assert out["entries"] == 1 and not out["passphrase_in_secret"]
    assert _opened(out["list_remembered"]), out["list_remembered"]
    # The entry removed by someone else: the passphrase still opens, no crash without it.
    assert _locked_out_cleanly(out["list_after_entry_removed"]), out["list_after_entry_removed"]
    assert _opened(out["list_passphrase_after_entry_removed"])
    # The whole keyring deleted: same.
    assert out["remember_again"]["rc"] == 0
    assert _locked_out_cleanly(out["list_after_keyring_deleted"]), out["list_after_keyring_deleted"]
    assert _opened(out["list_passphrase_after_keyring_deleted"])
    remember = out["remember_without_keyring"]
    assert remember["rc"] in (0, 1) and "Traceback" not in remember["stderr"], remember
    # No Secret Service at all (the bus is gone).
    assert _locked_out_cleanly(out["list_no_service"]), out["list_no_service"]
    assert _opened(out["list_passphrase_no_service"])


@needs_secret_service
def test_passwd_removes_the_old_key_so_old_backups_need_the_passphrase(
    vault: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    out = _scenario("passwd", vault, passphrase_file, tmp_path)
    assert out["remember"]["rc"] == 0 and out["backup"]["rc"] == 0, out
    assert _opened(out["list_backup_remembered"]), out["list_backup_remembered"]
    assert out["passwd"]["rc"] == 0, out["passwd"]
    assert "old passphrase was removed" in out["passwd"]["stdout"], out["passwd"]
    assert out["entries_after_passwd"] == 0
    assert _locked_out_cleanly(out["list_backup_after_passwd"]), out["list_backup_after_passwd"]
    assert _locked_out_cleanly(out["list_vault_after_passwd"]), out["list_vault_after_passwd"]
    assert _opened(out["list_backup_passphrase"])


@needs_secret_service
def test_locked_keyring_never_blocks_the_passphrase(
    vault: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    out = _scenario("lock", vault, passphrase_file, tmp_path)
    assert out["remember_again"]["rc"] == 0
    locked = out["list_keyring_locked"]
    assert locked["rc"] != "timeout", "a locked keyring made `locker list` hang"
    assert _opened(locked) or _locked_out_cleanly(locked), locked
    assert _opened(out["list_passphrase_keyring_locked"])


@needs_secret_service
def test_plaintext_member_of_a_chained_keyring_is_never_used(
    vault: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    pytest.importorskip("keyrings.alt")
    out = _scenario("plaintext", vault, passphrase_file, tmp_path)
    assert "PlaintextKeyring" in out["members"], out  # the risky set-up is really present
    assert _locked_out_cleanly(out["list_with_plaintext_entry"]), out["list_with_plaintext_entry"]
    assert out["remember"]["rc"] == 0, out["remember"]
    assert out["plaintext_file_unchanged"] and out["secret_service_entries"] == 1
    assert _opened(out["list_remembered"])


def test_plaintext_keyring_alone_is_refused(
    vault: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    pytest.importorskip("keyrings.alt")
    env = {
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    result = locker("remember", vault, passphrase_file=passphrase_file, env=env, input=b"")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "does not protect secrets" in result.stderr
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.cfg")), (
        "the key was written to a plaintext file"
    )
    opened = locker("list", vault, env=env, input=b"")
    assert opened.returncode == 3, opened.stdout + opened.stderr
