"""Verifying a vault and keeping the result in its custody log, for the CLI
(``locker verify``) and the app alike; and reading back the last result recorded."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from app.vault import headseen
from app.vault.events import Event
from app.vault.verify import VerifyReport, verify_vault

if TYPE_CHECKING:
    from app.vault.store import Vault


def verify_and_record(vault: Vault, *, accept_history: bool = False) -> VerifyReport:
    """Verify everything, then log ``vault_verified`` with the outcome when the storage
    check passed (a file that fails it cannot be trusted to take a write).

    ``accept_history``: the person knows why this vault is behind what this computer saw
    (a restored backup): log ``history_gap_accepted`` first and stop warning."""
    report = verify_vault(vault)
    if accept_history:
        headseen.accept(vault)
    if report.checks and report.checks[0].ok:
        try:
            vault.log_event(Event.VAULT_VERIFIED, None, {"ok": report.ok})
        except Exception:  # noqa: BLE001 - a read-only vault can still be verified
            pass
    return report


def last_verification(vault: Vault) -> tuple[bool, str] | None:
    """(passed, RFC 3339 UTC time) of the last ``vault_verified`` in the custody log, from
    any session, or None if this vault was never verified."""
    row = (
        vault.read()
        .execute(
            "SELECT at, payload FROM custody WHERE event = ? ORDER BY seq DESC LIMIT 1",
            (str(Event.VAULT_VERIFIED),),
        )
        .fetchone()
    )
    if row is None:
        return None
    data = json.loads(row[1]).get("data", {})
    return bool(data.get("ok")), str(row[0])
