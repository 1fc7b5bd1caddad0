"""Streaming age v1 files sealed with a passphrase (the ``scrypt`` recipient).

pyrage streams X25519-sealed files (``encrypt_io``/``decrypt_io``) but its passphrase API
takes and returns whole ``bytes``, which a multi-GB bundle cannot afford. This module
writes and reads the same age v1 format (https://age-encryption.org/v1) as a stream,
composing vetted primitives from ``cryptography`` (scrypt, HKDF-SHA-256, HMAC-SHA-256,
ChaCha20-Poly1305); no primitive is implemented here. Files it writes decrypt with
``age -d`` and ``pyrage.passphrase.decrypt``; tests check both directions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.bundle.errors import BundleRejected, WrongBundleKey

INTRO = b"age-encryption.org/v1\n"
CHUNK = 64 * 1024
TAG = 16
# scrypt N = 2**17 (128 MiB, ~0.4 s here): comparable to the vault's own Argon2id cost and
# inside the 300 MB memory budget of export/import (age's own default, 2**18, needs 256 MiB).
WORK_FACTOR = 17
# Files sealed by age -p (2**18) or rage (calibrated to ~1 s, 2**18..2**20 here) open; a
# higher factor would let a hostile header make us allocate several GiB before any check.
MAX_WORK_FACTOR = 20
MAX_HEADER = 64 * 1024
_B64 = re.compile(rb"^[A-Za-z0-9+/]*$")


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _unb64(text: bytes) -> bytes:
    if not _B64.match(text) or len(text) % 4 == 1:
        raise BundleRejected("The sealed bundle's header is malformed (bad base64).")
    return base64.b64decode(text + b"=" * (-len(text) % 4))


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _scrypt_key(passphrase: str, salt: bytes, work_factor: int) -> bytes:
    n = 2**work_factor
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=b"age-encryption.org/v1/scrypt" + salt,
        n=n,
        r=8,
        p=1,
        maxmem=128 * n * 8 + 32 * 1024 * 1024,
        dklen=32,
    )


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class PassphraseWriter:
    """A write-only binary stream whose bytes land age-encrypted in ``out``.
    Call :meth:`close` to write the final chunk (``out`` itself is not closed)."""

    def __init__(self, out: IO[bytes], passphrase: str, work_factor: int = WORK_FACTOR) -> None:
        if not passphrase:
            raise ValueError("empty passphrase")
        self._out = out
        file_key = os.urandom(16)
        salt = os.urandom(16)
        wrap = ChaCha20Poly1305(_scrypt_key(passphrase, salt, work_factor))
        body = wrap.encrypt(b"\x00" * 12, file_key, None)
        header = (
            INTRO
            + b"-> scrypt "
            + _b64(salt)
            + b" "
            + str(work_factor).encode()
            + b"\n"
            + _b64(body)
            + b"\n---"
        )
        mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
        nonce = os.urandom(16)
        out.write(header + b" " + _b64(mac) + b"\n" + nonce)
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        self._buffer = bytearray()
        self._counter = 0
        self.closed = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._buffer += data
        # Keep at least one byte back: the final chunk must be marked as last.
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, chunk: bytes, last: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._counter, last), chunk, None))
        self._counter += 1

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self.closed = True
            self._out.flush()


def is_passphrase_file(head: bytes) -> bool:
    return head.startswith(INTRO + b"-> scrypt ")


def _read_header(src: IO[bytes]) -> tuple[list[bytes], bytes, bytes]:
    """(stanza lines, header bytes covered by the MAC, MAC)."""
    lines: list[bytes] = []
    covered = b""
    while True:
        line = src.readline(MAX_HEADER)
        if not line.endswith(b"\n") or len(covered) + len(line) > MAX_HEADER:
            raise BundleRejected("The sealed bundle's header is malformed or truncated.")
        if line.startswith(b"--- "):
            covered += b"---"
            return lines, covered, _unb64(line[4:-1])
        covered += line
        lines.append(line[:-1])


def decrypt_passphrase_stream(src: IO[bytes], out: Any, passphrase: str) -> int:
    """Decrypt an age passphrase file from ``src`` into ``out``; returns plaintext bytes.
    Any tampering raises before the damaged chunk is written (authenticated per chunk)."""
    lines, covered, mac = _read_header(src)
    if len(lines) != 3 or lines[0] + b"\n" != INTRO:
        raise BundleRejected("The sealed bundle is not a passphrase-sealed age file.")
    parts = lines[1].split(b" ")
    if len(parts) != 4 or parts[:2] != [b"->", b"scrypt"] or not parts[3].isdigit():
        raise BundleRejected("The sealed bundle's passphrase stanza is malformed.")
    salt, work_factor, body = _unb64(parts[2]), int(parts[3]), _unb64(lines[2])
    if len(salt) != 16 or len(body) != 32 or not 1 <= work_factor <= 64:
        raise BundleRejected("The sealed bundle's passphrase stanza is malformed.")
    if work_factor > MAX_WORK_FACTOR:
        raise BundleRejected(
            f"The bundle's passphrase protection asks for too much memory "
            f"(scrypt 2^{work_factor}); re-seal it with `locker export`."
        )
    try:
        file_key = ChaCha20Poly1305(_scrypt_key(passphrase, salt, work_factor)).decrypt(
            b"\x00" * 12, body, None
        )
    except InvalidTag as exc:
        raise WrongBundleKey(
            "The passphrase does not open this sealed bundle (or its header was altered)."
        ) from exc
    expected = hmac.new(_hkdf(file_key, b"", b"header"), covered, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, mac):
        raise BundleRejected("The sealed bundle's header was altered (MAC mismatch).")
    nonce = src.read(16)
    if len(nonce) != 16:
        raise BundleRejected("The sealed bundle is truncated.")
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    counter = 0
    total = 0
    current = src.read(CHUNK + TAG)
    while True:
        following = src.read(CHUNK + TAG) if len(current) == CHUNK + TAG else b""
        last = not following
        if len(current) < TAG or (last and counter > 0 and len(current) == TAG):
            raise BundleRejected("The sealed bundle is truncated or damaged.")
        try:
            plain = aead.decrypt(_nonce(counter, last), current, None)
        except InvalidTag as exc:
            raise BundleRejected(
                "The sealed bundle is damaged or was altered (a chunk fails authentication)."
            ) from exc
        out.write(plain)
        total += len(plain)
        counter += 1
        if last:
            return total
        current = following
