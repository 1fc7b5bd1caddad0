"""A vault made by the code before the takedown toolkit (the committed fixture from
release a962e38, schema 1; see tests/fixtures/old_vault/) opens with today's code: the
takedown tables appear, its image gets a PDQ hash (derived), the chain still verifies, and
takedown work is possible on it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.vault import Vault
from tests.helpers.cli import locker
from tests.vault.test_old_release import FIXTURE, PASSPHRASE


def test_vault_from_previous_code_upgrades(tmp_path: Path) -> None:
    vault = tmp_path / "v.locker"
    shutil.copyfile(FIXTURE / "schema1.locker", vault)
    passphrase_file = tmp_path / "pw.txt"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    with Vault.open(vault, PASSPHRASE) as v:
        assert v.read().execute("PRAGMA user_version").fetchone()[0] >= 5
        tables = {r[0] for r in v.read().execute("SELECT name FROM sqlite_master")}
        assert {"td_locations", "td_requests", "td_status", "td_checks"} <= tables
    shown = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    assert len(shown["pdq"]["hash"]) == 64 and shown["pdq"]["derived"] is True
    assert (
        locker(
            "locations",
            "add",
            vault,
            "1",
            "https://example.net/p/1",
            passphrase_file=passphrase_file,
        ).returncode
        == 0
    )
    assert locker("verify", vault, passphrase_file=passphrase_file).returncode == 0


def test_verify_of_a_vault_that_predates_takedowns_read_only(tmp_path: Path) -> None:
    """A vault from before the takedown step opened read-only (a damaged -wal keeps it so:
    no migration runs) has no takedown tables: its check says so instead of failing with
    'no such table'. Here a real vault has those tables dropped to stand for schema 3."""
    from app.takedown.vault_checks import check_takedowns
    from tests.conftest import PASSPHRASE

    with Vault.create(tmp_path / "v.locker", PASSPHRASE) as vault:
        with vault.write() as conn:
            for table in (
                "td_checks",
                "td_status",
                "td_request_locations",
                "td_requests",
                "td_location_items",
                "td_locations",
            ):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
        result = check_takedowns(vault)
    assert result.ok and "predates" in result.detail
