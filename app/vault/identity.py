"""The vault's identities: Ed25519 signing key (bundles) and age X25519 key (sealing);
made once when a vault is created (row 1 of the ``identity`` table), read back from there."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from app.errors import LockerError
from app.vault.lookup import Connection

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


def store_new_keys(conn: Connection, created_at: str) -> str:
    """Generate both keys and store them (inside the caller's transaction, as the vault
    is created); returns the signing key's fingerprint."""
    import pyrage

    signing = Ed25519PrivateKey.generate()
    raw = signing.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    age_identity = str(pyrage.x25519.Identity.generate())
    conn.execute(
        "INSERT INTO identity (id, signing_key, age_identity, created_at) VALUES (1, ?, ?, ?)",
        (raw, age_identity, created_at),
    )
    return fingerprint_of(signing.public_key())


def signing_key(conn: Connection) -> Ed25519PrivateKey:
    row = conn.execute("SELECT signing_key FROM identity WHERE id = 1").fetchone()
    if row is None:
        raise LockerError("This vault has no identity key.")
    return Ed25519PrivateKey.from_private_bytes(bytes(row[0]))


def age_identity(conn: Connection) -> str:
    row = conn.execute("SELECT age_identity FROM identity WHERE id = 1").fetchone()
    if row is None:
        raise LockerError("This vault has no identity key.")
    return str(row[0])
