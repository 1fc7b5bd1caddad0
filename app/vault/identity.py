"""The vault's identities: Ed25519 signing key (bundles) and age X25519 key (sealing)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

if TYPE_CHECKING:
    from app.vault.store import Vault


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint_of(key: Ed25519PublicKey) -> str:
    """A fingerprint short enough to read over the phone: SHA-256 of the raw public key,
    first 20 bytes, as 8 groups of 5 base32 characters."""
    digest = hashlib.sha256(public_key_bytes(key)).digest()[:20]
    text = base64.b32encode(digest).decode("ascii")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def age_recipient_of(age_identity: str) -> str:
    import pyrage

    return str(pyrage.x25519.Identity.from_str(age_identity).to_public())


def export_age_identity(vault: Vault, path: Path) -> Path:
    """Write the vault's age SECRET key to the new file ``path`` (0600, never over an
    existing file; for ``age -d -i``) and log ``identity_exported``."""
    from app.atomic import write_new_file
    from app.errors import UsageError
    from app.vault.events import Event

    text = "# Evidence Locker vault age identity: keep secret\n" + vault.age_identity() + "\n"
    try:
        final = write_new_file(path, text.encode("utf-8"), rename_if_exists=False)
    except FileExistsError as exc:
        raise UsageError(f"{path} already exists; choose a new file name.") from exc
    vault.log_event(Event.IDENTITY_EXPORTED, None, {"what": "age identity"})
    return final
