"""Ed25519 signatures over a bundle's tag manifest, with the key shipped as PEM so
``openssl pkeyutl -verify -rawin`` can check it without our app."""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.bundle.errors import BundleRejected
from app.vault.identity import fingerprint_of


def public_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def load_public(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise BundleRejected("The bundle's signer key is unreadable.") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise BundleRejected("The bundle's signer key is not an Ed25519 key.")
    return key


def check(pem: bytes, signature: bytes, data: bytes) -> tuple[bool, str]:
    """(signature valid, signer fingerprint)."""
    key = load_public(pem)
    try:
        key.verify(signature, data)
        return True, fingerprint_of(key)
    except InvalidSignature:
        return False, fingerprint_of(key)
