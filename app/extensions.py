"""What the timestamp, bundle and takedown packages add to the vault core, registered
once at start with real imports (the core never imports the packages above it).

Every entry point calls :func:`register` before a vault is opened: ``app.cli.main``
(the CLI and, through it, the app), the tests (tests/conftest.py) and scripts. Until
then ``app.vault.schema.migrate`` and ``verify_vault`` raise, so a vault cannot be opened
without these schema steps. To add a step or a check: write it in its package, add it here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.bundle import schema as bundle_schema
from app.takedown import schema as takedown_schema
from app.timestamp import schema as timestamp_schema
from app.vault import registry

if TYPE_CHECKING:
    from app.vault.store import Vault
    from app.vault.verify import CheckResult


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


def register() -> None:
    """Register every extension's schema steps and verify checks (idempotent)."""
    registry.register(
        steps=[*timestamp_schema.STEPS, *bundle_schema.STEPS, *takedown_schema.STEPS],
        checks=[timestamps, received_evidence, takedowns],
    )
