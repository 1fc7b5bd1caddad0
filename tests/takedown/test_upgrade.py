"""A vault made by the code before the takedown toolkit (commit c18e43e, schema 3) opens
with today's code: the takedown tables appear, its image gets a PDQ hash (derived), the
chain still verifies, and takedown work is possible on it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.vault import Vault
from tests.helpers.cli import ROOT, locker
from tests.takedown.conftest import jpeg_bytes, photo_like

OLD = "c18e43e"


def test_vault_from_previous_code_upgrades(tmp_path: Path, passphrase_file: Path,
                                           passphrase: str) -> None:
    old = tmp_path / "old"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", OLD, "app", "resources"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    vault = tmp_path / "v.locker"
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(photo_like(1)))
    env = {"LOCKER_NO_GUI": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "LOCKER_TSA_CONFIG": str(tmp_path / "none.json")}
    (tmp_path / "none.json").write_text('{"tsas": []}')
    for args in (["init", str(vault)], ["add", str(vault), str(tmp_path / "photo.jpg")]):
        out = subprocess.run([sys.executable, "-m", "app.cli", *args, "--passphrase-file",
                              str(passphrase_file)], cwd=old, env=env, capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 0, out.stderr
    with Vault.open(vault, passphrase) as v:
        assert v.read().execute("PRAGMA user_version").fetchone()[0] >= 5
        tables = {r[0] for r in v.read().execute("SELECT name FROM sqlite_master")}
        assert {"td_locations", "td_requests", "td_status", "td_checks"} <= tables
    shown = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    assert len(shown["pdq"]["hash"]) == 64 and shown["pdq"]["derived"] is True
    assert locker("locations", "add", vault, "1", "https://example.net/p/1",
                  passphrase_file=passphrase_file).returncode == 0
    assert locker("verify", vault, passphrase_file=passphrase_file).returncode == 0



def test_verify_of_a_vault_that_predates_takedowns_read_only(tmp_path: Path) -> None:
    """A vault from before the takedown step opened read-only (a damaged -wal keeps it so:
    no migration runs) has no takedown tables: its check says so instead of failing with
    'no such table'. Here a real vault has those tables dropped to stand for schema 3."""
    from app.takedown.vault_checks import check_takedowns
    from tests.conftest import PASSPHRASE

    with Vault.create(tmp_path / "v.locker", PASSPHRASE) as vault:
        with vault.write() as conn:
            for table in ("td_checks", "td_status", "td_request_locations", "td_requests",
                          "td_location_items", "td_locations"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
        result = check_takedowns(vault)
    assert result.ok and "predates" in result.detail
