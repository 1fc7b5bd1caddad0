"""Verify-then-record, the one function `locker verify` and the app's Verify both run."""

from __future__ import annotations

from pathlib import Path

from app.vault import Vault, schema
from app.vault.events import Event
from app.vault.verify_record import last_verification, verify_and_record


def test_a_verification_is_recorded_and_read_back_by_a_later_session(
    vault: Vault, vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_bytes(b"evidence")
    vault.add_file(tmp_path / "a.txt")
    assert last_verification(vault) is None  # never verified

    report = verify_and_record(vault)
    assert report.ok
    last = vault.custody_log()[-1]
    assert last.event == Event.VAULT_VERIFIED and last.payload["data"] == {"ok": True}
    vault.close()

    again = Vault.open(vault_path, passphrase)
    try:
        assert last_verification(again) == (True, last.at)
    finally:
        again.close()


def test_a_failed_verification_is_recorded_as_failed(vault: Vault) -> None:
    """Storage holds but a guard is gone: the outcome (failed) is what gets recorded."""
    trigger = schema.required_triggers()[0]
    with vault.write() as conn:
        conn.execute(f"DROP TRIGGER {trigger}")
    report = verify_and_record(vault)
    assert report.checks[0].ok and not report.ok
    last = vault.custody_log()[-1]
    assert last.event == Event.VAULT_VERIFIED and last.payload["data"] == {"ok": False}
    assert last_verification(vault) == (False, last.at)
