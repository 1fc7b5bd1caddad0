"""What the packages above the core add to every vault: schema steps (timestamps,
bundles, takedowns) and `locker verify` checks.

The core never imports those packages. ``app.extensions.register()`` fills this registry
once at start, with real imports (the CLI, the app and the tests call it). Migrating or
verifying a vault before that raises, so no entry point can open a vault that is missing
a schema step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.vault.store import Vault
    from app.vault.verify import CheckResult

Connection = Any  # sqlcipher3 connection (untyped module)
# (version, description, function applying it to a connection inside a transaction)
Step = tuple[int, str, Callable[[Connection], None]]
Check = Callable[["Vault"], "CheckResult"]

_steps: list[Step] = []
_checks: list[Check] = []
_registered = False


class ExtensionsNotRegistered(RuntimeError):
    """A programming error: an entry point opened a vault before app.extensions.register()."""


def register(steps: Iterable[Step], checks: Iterable[Check]) -> None:
    """Add the extensions' steps and checks. Only the first call counts (idempotent)."""
    global _registered
    if _registered:
        return
    _steps.extend(steps)
    _steps.sort(key=lambda s: s[0])
    versions = [v for v, _, _ in _steps]
    if len(set(versions)) != len(versions):
        raise ValueError(f"two schema steps share a number: {versions}")
    _checks.extend(checks)
    _registered = True


def _require() -> None:
    if not _registered:
        raise ExtensionsNotRegistered(
            "app.extensions.register() must run before a vault is opened or verified")


def steps() -> list[Step]:
    """The extensions' schema steps, in order."""
    _require()
    return list(_steps)


def checks() -> list[Check]:
    """The extensions' verify checks, in order."""
    _require()
    return list(_checks)
