"""Optional "remember this vault on this device" through the OS keyring.

Off by default. Stores the raw key (not the passphrase) under an entry named after the
vault file's public salt, so a re-keyed vault stops matching; `locker passwd` removes the
entry for the old salt, which backups made before the change still carry. Plaintext or
unknown-safety backends are refused. The passphrase alone always opens the vault.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from app.errors import KeyringError
from app.platform import TRUSTED_KEYRING_BACKENDS
from app.vault import db, kdf

SERVICE = "evidence-locker"
# Backends that keep secrets unencrypted or are placeholders, refused by class name.
_REFUSED = ("PlaintextKeyring", "EncryptedKeyring", "Keyring.fail", "null", "ChainerBackend")
_TRUSTED_PREFIXES = TRUSTED_KEYRING_BACKENDS  # per platform: app/platform.py


def _entry_name(path: Path) -> str:
    return _salt_entry_name(db.read_salt(path))


def _salt_entry_name(salt: bytes) -> str:
    return "vault-" + hashlib.sha256(salt).hexdigest()[:32]


def backend_name() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _name_of(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _trusted(name: str) -> bool:
    return name.startswith(_TRUSTED_PREFIXES) and not any(bad in name for bad in _REFUSED)


def _safe_backend() -> object:
    """The OS keyring itself. When keyring chains several backends (e.g. Secret Service
    plus a plaintext file from keyrings.alt), only the best trusted member is used, so
    nothing is ever written to or read from the plaintext one."""
    import keyring

    backend = keyring.get_keyring()
    members = getattr(backend, "backends", None) if "chainer" in _name_of(backend).lower() else None
    for candidate in list(members or [backend]):
        if _trusted(_name_of(candidate)):
            return candidate
    raise KeyringError(
        f"The keyring here ({backend_name()}) does not protect secrets well enough; "
        "the vault will not be remembered on this device. Use the passphrase."
    )


def remember(path: Path, key: bytes, salt: bytes) -> None:
    backend = _safe_backend()
    try:
        backend.set_password(SERVICE, _entry_name(path), (key + salt).hex())  # type: ignore[attr-defined]
    except Exception as exc:  # keyring backends raise many types
        raise KeyringError(f"The keyring refused to store the key: {exc}") from exc


def recall(path: Path) -> bytes | None:
    """The remembered raw key, or None (never raises: a missing keyring is normal)."""
    try:
        backend = _safe_backend()
        value = backend.get_password(SERVICE, _entry_name(path))  # type: ignore[attr-defined]
        if not value:
            return None
        material = bytes.fromhex(value)
        key, salt = material[: kdf.KEY_LEN], material[kdf.KEY_LEN :]
        if salt != db.read_salt(path):
            return None
        return key
    except Exception:  # noqa: BLE001 - any keyring trouble means "not remembered"
        return None


def forget(path: Path) -> None:
    try:
        backend = _safe_backend()
        backend.delete_password(SERVICE, _entry_name(path))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        return


def forget_salt(salt: bytes) -> Literal["removed", "absent", "failed"]:
    """Remove the entry for a vault file with this salt (after a passphrase change the
    file has a new salt, but backups made before keep the old one, and the entry would
    still open them). "failed": an entry may remain (e.g. the keyring is locked)."""
    try:
        backend = _safe_backend()
    except Exception:  # noqa: BLE001 - nothing is ever stored in an untrusted keyring
        return "absent"
    name = _salt_entry_name(salt)
    try:
        if not backend.get_password(SERVICE, name):  # type: ignore[attr-defined]
            return "absent"
        backend.delete_password(SERVICE, name)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - keyring backends raise many types
        return "failed"
    return "removed"
