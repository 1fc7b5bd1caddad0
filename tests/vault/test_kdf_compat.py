"""The vault key is Argon2id (RFC 9106, version 0x13) of the passphrase over the file's
salt. It is computed with argon2-cffi; vaults made while cryptography (OpenSSL) computed
it must keep opening, so both implementations must give the same key, and a pinned
answer catches any library that would change it."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.vault import kdf


def _openssl(passphrase: str, salt: bytes) -> bytes:
    params = kdf.params_for_salt(salt)
    return Argon2id(
        salt=salt,
        length=kdf.KEY_LEN,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(passphrase.encode("utf-8"))


@pytest.mark.parametrize("version", sorted(kdf.PARAM_SETS))
@pytest.mark.parametrize("passphrase", ["correct horse battery staple 한글", "", "\ufeffx"])
def test_same_key_as_openssl(version: int, passphrase: str) -> None:
    salt = bytes([version]) + bytes(range(40, 55))
    assert kdf._derive(passphrase, salt) == _openssl(passphrase, salt)


def test_pinned_answer() -> None:
    salt = bytes([1]) + b"evidence-locker"
    assert kdf._derive("pass phrase", salt).hex() == PINNED


PINNED = "9e2f5131156bda7e4c2e09e175e33d228df47953fe1c6a9cb8ad5262d21b8ab8"
