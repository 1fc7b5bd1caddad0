"""Passphrase -> SQLCipher raw key, with Argon2id over the file's own salt.

SQLCipher keeps a 16-byte random salt in plaintext as the first 16 bytes of every
database file. We give SQLCipher a *raw* key together with that salt
(``x'<key><salt>'``), so SQLCipher's own PBKDF2 is skipped and the memory-hard work is
Argon2id. The first salt byte names the KDF parameter set, so a vault is one file with
no sidecar and later parameter sets can be added (old vaults keep opening; a passphrase
change re-keys with the newest set). The same byte names the SQLCipher page settings
(page_format.py). The remaining 15 bytes are random.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.errors import NotAVault

SALT_LEN = 16
KEY_LEN = 32


@dataclass(frozen=True)
class KdfParams:
    version: int
    iterations: int
    lanes: int
    memory_kib: int

    def describe(self) -> str:
        return (
            f"argon2id v{self.version}: t={self.iterations}, p={self.lanes}, "
            f"m={self.memory_kib // 1024} MiB"
        )


# RFC 9106 section 4, "second recommended option" (t=3, p=4, m=64 MiB): about 0.1 s
# here, so opening a vault stays well under a second.
PARAM_SETS: dict[int, KdfParams] = {
    1: KdfParams(version=1, iterations=3, lanes=4, memory_kib=64 * 1024),
    # Same Argon2id work; the byte also names the page format (page_format.py, issue 15).
    2: KdfParams(version=2, iterations=3, lanes=4, memory_kib=64 * 1024),
}
CURRENT_VERSION = 2


def new_salt(version: int = CURRENT_VERSION) -> bytes:
    return bytes([version]) + os.urandom(SALT_LEN - 1)


def params_for_salt(salt: bytes) -> KdfParams:
    if len(salt) != SALT_LEN:
        raise NotAVault("This file is too short to be an Evidence Locker vault.")
    params = PARAM_SETS.get(salt[0])
    if params is None:
        raise NotAVault(
            "This file is not an Evidence Locker vault, or it was made by a newer version "
            "of the app (unknown key-derivation setting)."
        )
    return params


def derive_key(passphrase: str, salt: bytes) -> bytes:
    params = params_for_salt(salt)
    kdf = Argon2id(
        salt=salt,
        length=KEY_LEN,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def sqlcipher_key_pragma(key: bytes, salt: bytes) -> str:
    """The PRAGMA value for a raw key with an explicit salt (hex only, no user text)."""
    if len(key) != KEY_LEN or len(salt) != SALT_LEN:
        raise ValueError("bad key material length")
    return f"\"x'{key.hex()}{salt.hex()}'\""
