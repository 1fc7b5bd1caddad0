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
import threading
from dataclasses import dataclass

from argon2.low_level import ARGON2_VERSION, Type, hash_secret_raw

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
    early = _take_early(passphrase, salt)
    if early is not None:
        return early.result()
    return _derive(passphrase, salt)


def _derive(passphrase: str, salt: bytes) -> bytes:
    # argon2-cffi (the reference implementation, RFC 9106 version 0x13) computes the lanes
    # on threads of its own and releases the GIL. cryptography's Argon2id (OpenSSL) was
    # used before: it gives the same key, but two derivations at once in one process
    # never returned (cryptography 50; reproduced with two threads), which two GUI
    # workers could reach. tests/vault/test_kdf_compat.py checks both agree.
    params = params_for_salt(salt)
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.lanes,
        hash_len=KEY_LEN,
        type=Type.ID,
        version=ARGON2_VERSION,
    )


class _EarlyKey:
    """One Argon2id derivation running on a thread (it releases the GIL), its key or
    its exception handed to the first ``derive_key`` call for the same inputs."""

    def __init__(self, passphrase: str, salt: bytes) -> None:
        self.inputs = (passphrase, salt)
        self._key: bytes | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="argon2id")
        self._thread.start()

    def _run(self) -> None:
        try:
            self._key = _derive(*self.inputs)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            self._error = exc

    def result(self) -> bytes:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._key is not None
        return self._key


_early: list[_EarlyKey] = []


def derive_early(passphrase: str, salt: bytes) -> None:
    """Start deriving the key for ``salt`` now, on a thread, so the work overlaps what
    the caller does next (a CLI command imports the vault code meanwhile); the next
    ``derive_key`` with the same passphrase and salt waits for it instead of starting
    again. A salt naming no known parameter set starts nothing: opening the vault
    reports it, in its usual order."""
    if len(salt) != SALT_LEN or salt[0] not in PARAM_SETS:
        return
    _early.clear()  # at most one pending: a later call replaces an unused earlier one
    _early.append(_EarlyKey(passphrase, salt))


def derive_early_for_file(path: str | os.PathLike[str], passphrase: str) -> None:
    """``derive_early`` with the salt at the start of the vault file ``path``; nothing
    happens when it cannot be read (opening the vault then says why)."""
    try:
        with open(path, "rb") as fh:
            salt = fh.read(SALT_LEN)
    except OSError:
        return
    derive_early(passphrase, salt)


def _take_early(passphrase: str, salt: bytes) -> _EarlyKey | None:
    for early in _early:
        if early.inputs == (passphrase, salt):
            _early.remove(early)
            return early
    return None


def sqlcipher_key_pragma(key: bytes, salt: bytes) -> str:
    """The PRAGMA value for a raw key with an explicit salt (hex only, no user text)."""
    if len(key) != KEY_LEN or len(salt) != SALT_LEN:
        raise ValueError("bad key material length")
    return f"\"x'{key.hex()}{salt.hex()}'\""
