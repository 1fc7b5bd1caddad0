"""What the timestamp, bundle and takedown packages add to the vault core: their schema
steps, `locker verify` checks and derived data made when an item is added (PDQ), registered with real imports into app/vault/registry.py.

The registry calls :func:`register` before the first migration or verification, so every
entry point (CLI, app, tests, scripts, child processes) gets the same steps; the core
imports nothing else above it. To add a step or a check: write it in its package, list it
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.bundle import schema as bundle_schema
from app.takedown import schema as takedown_schema
from app.timestamp import schema as timestamp_schema
from app.vault import registry

if TYPE_CHECKING:
    from app.vault.store import Vault
    from app.vault.verify import CheckResult


Connection = Any  # sqlcipher3 connection (untyped module)


# The checks import their packages' verification code when a vault is verified, not at start.
def timestamps(vault: Vault) -> CheckResult:
    from app.timestamp.vault_checks import check_timestamps

    return check_timestamps(vault)


def received_evidence(vault: Vault) -> CheckResult:
    from app.bundle.vault_checks import check_received

    return check_received(vault)


def takedowns(vault: Vault) -> CheckResult:
    from app.takedown.vault_checks import check_takedowns

    return check_takedowns(vault)


def perceptual_hashes(conn: Connection, item_id: int) -> None:
    from app.takedown.pdq import store_for_item  # numpy + pdqhash: loaded on the first add

    store_for_item(conn, item_id)


def register() -> None:
    """Register every extension's schema steps, verify checks, item hooks and append-only
    tables (idempotent)."""
    registry.register(
        steps=[*timestamp_schema.STEPS, *bundle_schema.STEPS, *takedown_schema.STEPS],
        checks=[timestamps, received_evidence, takedowns],
        item_hooks=[perceptual_hashes],
        # (the step creating the tables, the tables): `verify` checks their guards
        append_only=[
            (timestamp_schema.STEPS[0][0], timestamp_schema.APPEND_ONLY_TABLES),
            (bundle_schema.STEPS[0][0], bundle_schema.APPEND_ONLY_TABLES),
            (takedown_schema.STEPS[0][0], takedown_schema.APPEND_ONLY_TABLES),
        ],
    )
