"""What the packages above the core add to every vault: schema steps (timestamps,
bundles, takedowns) and `locker verify` checks.

The core never imports those packages. ``app/extensions.py`` fills this registry with real
imports: the entry points (``app.cli.main``, ``app.ui.main.run_app``) call it at start,
and the first migration or verification of any other program asks it to (the one import
from the core upward, of that module alone), so no entry point, script or child process
can open a vault that misses a schema step or verify one without every check. Filling it
happens once, under a lock: threads that ask at the same moment all see the same lists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.vault.store import Vault
    from app.vault.verify import CheckResult

Connection = Any  # sqlcipher3 connection (untyped module)
# (version, description, function applying it to a connection inside a transaction)
Step = tuple[int, str, Callable[[Connection], None]]
Check = Callable[["Vault"], "CheckResult"]
# Derived data made inside an item's add transaction (e.g. perceptual hashes), by item id.
ItemHook = Callable[[Connection, int], None]
# Append-only tables: (the schema step that creates them, their names). `verify` checks
# their no-update/no-delete triggers in every vault at or past that step.
AppendOnly = tuple[int, tuple[str, ...]]

_steps: list[Step] = []
_checks: list[Check] = []
_item_hooks: list[ItemHook] = []
_append_only: list[AppendOnly] = []
_registered = False
_lock = threading.RLock()  # re-entrant: _require() holds it while extensions.register() runs


def register(
    steps: Iterable[Step],
    checks: Iterable[Check],
    item_hooks: Iterable[ItemHook] = (),
    append_only: Iterable[AppendOnly] = (),
) -> None:
    """Add the extensions' steps, checks, item hooks and append-only tables. Only the
    first call counts (idempotent)."""
    global _registered
    with _lock:
        if _registered:
            return
        ordered = sorted([*_steps, *steps], key=lambda s: s[0])
        versions = [v for v, _, _ in ordered]
        if len(set(versions)) != len(versions):
            raise ValueError(f"two schema steps share a number: {versions}")
        _steps[:] = ordered
        _checks.extend(checks)
        _item_hooks.extend(item_hooks)
        _append_only.extend(append_only)
        _registered = True


def _require() -> None:
    if _registered:  # set last, under the lock: the lists are complete once it is True
        return
    with _lock:
        if not _registered:
            from app import extensions

            extensions.register()


def steps() -> list[Step]:
    """The extensions' schema steps, in order."""
    _require()
    return list(_steps)


def checks() -> list[Check]:
    """The extensions' verify checks, in order."""
    _require()
    return list(_checks)


def item_hooks() -> list[ItemHook]:
    """What runs inside every item's add transaction, after its artifacts are stored."""
    _require()
    return list(_item_hooks)


def append_only() -> list[AppendOnly]:
    """The extensions' append-only tables, with the step that creates them."""
    _require()
    return list(_append_only)
