"""The encrypted vault: one SQLCipher file holding evidence, derived data and custody log.

This package never imports Qt.
"""

from app.vault.store import Vault

__all__ = ["Vault"]
