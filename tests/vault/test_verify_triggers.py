"""`locker verify` checks every append-only guard of every package (core, timestamps,
received bundles, takedowns): dropping any one of them fails verification, naming it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from app import extensions
from app.vault import Vault, schema
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import locker

extensions.register()
EVERY_TRIGGER = schema.required_triggers()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "v.locker"
    Vault.create(path, PASSPHRASE).close()
    return path


def _without(template: Path, tmp_path: Path, *triggers: str) -> Path:
    path = tmp_path / "v.locker"
    shutil.copyfile(template, path)
    with Vault.open(path, PASSPHRASE) as vault, vault.write() as conn:
        for name in triggers:
            conn.execute(f"DROP TRIGGER {name}")
    return path


def test_every_package_registers_its_guards() -> None:
    for name in (
        "custody_no_update",
        "ts_tokens_no_delete",
        "received_bundles_no_update",
        "received_tokens_no_delete",
        "bundle_provenance_no_delete",
        "td_status_no_update",
    ):
        assert name in EVERY_TRIGGER
    assert len(EVERY_TRIGGER) == len(set(EVERY_TRIGGER))


def test_a_fresh_vault_has_every_guard(template: Path) -> None:
    with Vault.open(template, PASSPHRASE) as vault:
        report = verify_vault(vault)
    assert report.ok, report.text()


def test_the_guards_sql_is_what_existing_vaults_hold(template: Path) -> None:
    # Existing vaults keep the trigger text their steps wrote (steps never re-run): the
    # one shared template must produce it byte for byte (SHA-256 of the text as made
    # before the template was shared).
    with Vault.open(template, PASSPHRASE) as vault:
        rows = vault.read().execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
        text = "\n".join(r[0] for r in rows)
    assert (
        hashlib.sha256(text.encode()).hexdigest()
        == "de1a50faf110ed6db134d78328513f7bfce1dceb63caf2e6a76e05254ddf4e08"
    )


@pytest.mark.parametrize("trigger", EVERY_TRIGGER)
def test_a_dropped_guard_fails_verification(trigger: str, template: Path, tmp_path: Path) -> None:
    path = _without(template, tmp_path, trigger)
    with Vault.open(path, PASSPHRASE) as vault:
        report = verify_vault(vault)
    assert not report.ok
    problems = [p for c in report.checks if not c.ok for p in c.problems]
    assert f"trigger {trigger} is missing" in problems, report.text()


def test_locker_verify_names_dropped_bundle_guards(
    template: Path, tmp_path: Path, passphrase_file: Path
) -> None:
    dropped = (
        "received_bundles_no_update",
        "received_tokens_no_delete",
        "bundle_provenance_no_delete",
    )
    path = _without(template, tmp_path, *dropped)
    res = locker("verify", path, passphrase_file=passphrase_file)
    assert res.returncode != 0, res.stdout
    assert "[FAIL] append-only guards" in res.stdout
    for name in dropped:
        assert f"trigger {name} is missing" in res.stdout
