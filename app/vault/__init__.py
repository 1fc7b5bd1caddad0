"""The encrypted vault: one SQLCipher file holding evidence, derived data and custody log.

This package never imports Qt. ``Vault`` is imported on first use, so that a light
module (``app.vault.kdf``) can be imported without the whole store: the CLI starts the
key derivation while the rest loads (issue 15).
"""

# No ``from __future__ import annotations`` here: it would bind the name ``annotations``
# in this package and hide the submodule app.vault.annotations.
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.vault.store import Vault

__all__ = ["Vault"]


def __getattr__(name: str) -> Any:
    if name == "Vault":
        from app.vault.store import Vault

        return Vault
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
