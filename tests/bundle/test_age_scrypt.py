"""Our streaming age passphrase format interoperates with pyrage both ways, and rejects
wrong passphrases, altered headers, reordered or truncated chunks."""

from __future__ import annotations

import io
import os

import pyrage
import pytest

from app.bundle.age_scrypt import CHUNK, PassphraseWriter, decrypt_passphrase_stream
from app.bundle.errors import BundleRejected, WrongBundleKey
from app.bundle.spool import EncryptedSpool


def _seal(data: bytes, passphrase: str, work_factor: int = 10) -> bytes:
    out = io.BytesIO()
    writer = PassphraseWriter(out, passphrase, work_factor=work_factor)
    for start in range(0, len(data), 10_000):
        writer.write(data[start : start + 10_000])
    writer.close()
    return out.getvalue()


def _open(blob: bytes, passphrase: str) -> bytes:
    out = io.BytesIO()
    decrypt_passphrase_stream(io.BytesIO(blob), out, passphrase)
    return out.getvalue()


def test_roundtrip_with_pyrage_both_ways():
    for size in (0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17):
        data = os.urandom(size)
        assert pyrage.passphrase.decrypt(_seal(data, "비밀 pass"), "비밀 pass") == data
    # pyrage picks a slow scrypt work factor itself, so two sizes suffice that way round.
    for size in (CHUNK, 2 * CHUNK + 3):
        data = os.urandom(size)
        assert _open(pyrage.passphrase.encrypt(data, "비밀 pass"), "비밀 pass") == data


def test_tampering_and_wrong_passphrase():
    data = os.urandom(3 * CHUNK + 5)
    sealed = _seal(data, "pw")
    with pytest.raises(WrongBundleKey):
        _open(sealed, "other")
    header_end = sealed.index(b"\n---") + 1
    at = header_end - 5  # a character of the stanza body carrying only key bits
    other = b"Z" if sealed[at : at + 1] != b"Z" else b"Y"  # always a change (was 1 in 64 not)
    with pytest.raises((BundleRejected, WrongBundleKey)):  # the stanza body no longer opens
        _open(sealed[:at] + other + sealed[at + 1 :], "pw")
    mac_at = sealed.index(b"\n--- ") + 6
    with pytest.raises(BundleRejected, match="MAC"):
        _open(
            sealed[:mac_at]
            + (b"B" if sealed[mac_at : mac_at + 1] != b"B" else b"C")
            + sealed[mac_at + 1 :],
            "pw",
        )
    with pytest.raises(BundleRejected):
        _open(sealed[: -(CHUNK + 16 + 5)], "pw")  # whole final chunk dropped
    with pytest.raises(BundleRejected):
        _open(sealed[:-1], "pw")
    with pytest.raises(BundleRejected):
        _open(b"age-encryption.org/v1\n-> scrypt !!! 99\n\n--- x\n", "pw")
    too_costly = sealed.replace(b" 10\n", b" 26\n", 1)
    with pytest.raises(BundleRejected, match="too much memory"):
        _open(too_costly, "pw")


def test_spool_is_seekable_and_encrypted_on_disk():
    spool = EncryptedSpool()
    marker = b"PLAINTEXT-EVIDENCE-MARKER" * 1000
    spool.write(marker)
    spool.write(b"tail")
    spool.finish()
    raw = spool._file  # the on-disk file holds only ciphertext
    raw.seek(0)
    assert b"PLAINTEXT-EVIDENCE-MARKER" not in raw.read()
    spool.seek(len(marker) - 5)
    assert spool.read(9) == b"ARKERtail"
    spool.seek(0)
    assert spool.read() == marker + b"tail"
    spool.close()
