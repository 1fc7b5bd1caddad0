"""Issue 11 §3: putting back an older copy of a vault is noticed (never refused).

Real vault files through the real `locker` command: a copy taken a few events ago is put
back over the vault, the way someone with access to the computer could.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers.cli import locker


def _add(vault: Path, folder: Path, name: str, pf: Path) -> None:
    (folder / name).write_bytes(f"evidence {name}".encode())
    out = locker("add", vault, folder / name, passphrase_file=pf)
    assert out.returncode == 0, out.stderr


def _events(vault: Path, pf: Path) -> int:
    out = locker("log", vault, "--json", passphrase_file=pf)
    assert out.returncode == 0, out.stderr
    return len(json.loads(out.stdout))


def test_older_copy_put_back_is_flagged_with_missing_count(
    tmp_path: Path, passphrase_file: Path
) -> None:
    vault = tmp_path / "v.locker"
    src = tmp_path / "in"
    src.mkdir()
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    _add(vault, src, "a.txt", passphrase_file)
    old_copy = tmp_path / "week-ago.locker"
    shutil.copyfile(vault, old_copy)  # closed cleanly: the file alone is the vault
    before = _events(vault, passphrase_file)
    for name in ("b.txt", "c.txt"):
        _add(vault, src, name, passphrase_file)
    locker("archive", vault, "1", "--reason", "dup", passphrase_file=passphrase_file)
    after = _events(vault, passphrase_file)
    missing = after - before
    assert missing == 3

    shutil.copyfile(old_copy, vault)  # the rollback
    listed = locker("list", vault, passphrase_file=passphrase_file)
    assert listed.returncode == 0  # never refused
    assert "WARNING" in listed.stderr and f"{missing} custody events are missing" in listed.stderr

    out = locker("verify", vault, "--json", passphrase_file=passphrase_file)
    report = json.loads(out.stdout)
    assert report["warnings"] and f"{missing} custody events are missing" in report["warnings"][0]
    assert out.returncode == 0  # never refused: scripts read "history_warning" instead
    assert report["history_warning"]["missing_events"] == missing
    assert out.stderr.count("custody events are missing") == 0  # said once, in the report
    text = locker("verify", vault, passphrase_file=passphrase_file)
    assert "WARNING" in text.stdout and "everything holds" not in text.stdout

    # The warning stays until the person accepts it, which the custody log records.
    acc = locker("verify", vault, "--accept-history", passphrase_file=passphrase_file)
    assert acc.returncode == 0, acc.stdout + acc.stderr
    log = json.loads(locker("log", vault, "--json", passphrase_file=passphrase_file).stdout)
    gap = [e for e in log if e["event"] == "history_gap_accepted"]
    assert len(gap) == 1 and gap[0]["payload"]["data"]["missing_events"] == missing
    clean = locker("verify", vault, passphrase_file=passphrase_file)
    assert clean.returncode == 0 and "WARNING" not in clean.stdout + clean.stderr


def test_diverged_copy_is_flagged(tmp_path: Path, passphrase_file: Path) -> None:
    """An older copy that was then written to (so it is as long, but different)."""
    vault = tmp_path / "v.locker"
    src = tmp_path / "in"
    src.mkdir()
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    old_copy = tmp_path / "old.locker"
    shutil.copyfile(vault, old_copy)
    for name in ("a.txt", "b.txt"):
        _add(vault, src, name, passphrase_file)
    # Elsewhere (another config folder = a computer that never saw the newer vault), the
    # old copy gets other events.
    other = {"LOCKER_CONFIG_DIR": str(tmp_path / "elsewhere")}
    for name in ("x.txt", "y.txt", "z.txt"):
        (src / name).write_bytes(b"other " + name.encode())
        assert (
            locker(
                "add", old_copy, src / name, passphrase_file=passphrase_file, env=other
            ).returncode
            == 0
        )
    assert (
        "WARNING" not in locker("list", old_copy, passphrase_file=passphrase_file, env=other).stderr
    )  # documented limit: never saw it
    shutil.copyfile(old_copy, vault)
    out = locker("list", vault, passphrase_file=passphrase_file)
    assert out.returncode == 0
    assert "differs from the one this computer last saw" in out.stderr
    assert "2 custody events are missing" in out.stderr


def test_backup_carries_the_seen_head(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    src = tmp_path / "in"
    src.mkdir()
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    _add(vault, src, "a.txt", passphrase_file)
    # A fresh backup opened here is not a rollback (it lacks only its own backup_made).
    fresh = tmp_path / "fresh-backup.locker"
    assert locker("backup", vault, fresh, passphrase_file=passphrase_file).returncode == 0
    out = locker("verify", fresh, passphrase_file=passphrase_file)
    assert out.returncode == 0 and "WARNING" not in out.stdout + out.stderr
    # A backup of a rolled-back vault keeps the warning on a computer that never saw
    # the newer vault.
    old_copy = tmp_path / "old.locker"
    shutil.copyfile(vault, old_copy)
    _add(vault, src, "b.txt", passphrase_file)
    shutil.copyfile(old_copy, vault)
    backup = tmp_path / "b.locker"
    assert locker("backup", vault, backup, passphrase_file=passphrase_file).returncode == 0
    elsewhere = {"LOCKER_CONFIG_DIR": str(tmp_path / "other-computer")}
    out = locker("list", backup, passphrase_file=passphrase_file, env=elsewhere)
    assert out.returncode == 0 and "the computer that made this backup last saw" in out.stderr
    acc = locker(
        "verify", backup, "--accept-history", passphrase_file=passphrase_file, env=elsewhere
    )
    assert acc.returncode == 0, acc.stdout + acc.stderr
    again = locker("list", backup, passphrase_file=passphrase_file, env=elsewhere)
    assert again.returncode == 0 and "WARNING" not in again.stderr


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"%s": 5}',
        '{"%s": {"seq": "x"}}',
        '{"%s": {"seq": 99, "hashes": []}}',
        '{"%s": {"seq": 2, "hashes": {"2": 7}}}',
        '{"%s": {"seq": 1e999, "hashes": {}}}',
        '{"%s": {"seq": 3, "hashes": {"3": "%s"}, "backups": ["a", true, -1]}}',
    ],
)
def test_edited_record_never_stops_a_vault_from_opening(tmp_path: Path, content: str) -> None:
    """heads.json is outside the vault: anyone at the PC can edit it."""
    from app.vault import Vault, headseen
    from tests.conftest import PASSPHRASE

    path = tmp_path / "v.locker"
    Vault.create(path, PASSPHRASE).close()
    with Vault.open(path, PASSPHRASE) as vault:
        key = headseen.vault_key(vault.vault_id)
    text = content.replace("%s", key, 1).replace("%s", "ab" * 32)
    headseen.record_path().write_text(text, encoding="utf-8")
    with Vault.open(path, PASSPHRASE) as vault:  # opens; at most a warning
        vault.list_items()
        warning = vault.history_warning
    if warning is not None:  # a record claiming more than the file holds
        assert warning.missing >= 1


def test_config_folder_is_created_private(tmp_path: Path, passphrase_file: Path) -> None:
    """heads.json (and attempts.json) live in $LOCKER_CONFIG_DIR: a folder only this user
    can list, whatever the umask."""
    config = tmp_path / "fresh" / "config"
    vault = tmp_path / "v.locker"
    out = locker(
        "init", vault, passphrase_file=passphrase_file, env={"LOCKER_CONFIG_DIR": str(config)}
    )
    assert out.returncode == 0, out.stderr
    assert (config / "heads.json").is_file()
    assert config.stat().st_mode & 0o777 == 0o700
    assert (config / "heads.json").stat().st_mode & 0o777 == 0o600
