"""A whole-file signature in the zip's archive comment, so that a change to any byte of a
bundle zip is detected, including zip metadata no manifest covers (member dates, flags).

The zip is written through :class:`SignedTail`, which holds back the last bytes written
(the archive comment, a fixed-size placeholder) and hashes everything before them. At the
end the placeholder is replaced by ``PREFIX + base64(Ed25519 signature)`` over
``DOMAIN || SHA-256(zip bytes before the comment)``. The key is the bag's signer key.
"""

from __future__ import annotations

import base64
import hashlib
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = b"EVIDENCE-LOCKER-ZIPSIG1 "
PLACEHOLDER = PREFIX + b"A" * 88  # base64 of 64 bytes is 88 characters
DOMAIN = b"evidence-locker-bundle-zip/1\x00"


class SignedTail:
    """A non-seekable write stream for zipfile; call :meth:`finish` after the zip closed."""

    def __init__(self, out: IO[bytes] | Any) -> None:
        self._out = out
        self._held = bytearray()
        self._digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = bytes(data)
        self._held += view
        if len(self._held) > len(PLACEHOLDER):
            cut = len(self._held) - len(PLACEHOLDER)
            chunk = bytes(self._held[:cut])
            self._digest.update(chunk)
            self._out.write(chunk)
            del self._held[:cut]
        return len(view)

    def flush(self) -> None:
        self._out.flush()

    def finish(self, key: Ed25519PrivateKey) -> None:
        if bytes(self._held) != PLACEHOLDER:
            raise ValueError("the zip did not end with the signature placeholder")
        signature = key.sign(DOMAIN + self._digest.digest())
        self._out.write(PREFIX + base64.b64encode(signature))
        self._held.clear()


def strict_b64decode(text: str | bytes) -> bytes | None:
    """Standard base64 decoded strictly: only the alphabet, correct padding, and unused
    bits zero (the canonical encoding), so each value has exactly one spelling."""
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    canonical = base64.b64encode(raw)
    given = text.encode("ascii") if isinstance(text, str) else bytes(text)
    return raw if canonical == given else None


def claims_signature(comment: bytes) -> bool:
    """Whether an archive comment is (or was, before damage) our whole-file signature.

    Only a zip whose comment does not is read as re-packed by another tool (verified on
    its manifests alone), so one changed byte in the comment must not turn our own zip
    into a "re-packed" one: a comment of the signature's length, or whose start is within
    a few bytes of the prefix, is held to the signature."""
    if len(comment) == len(PLACEHOLDER) or b"ZIPSIG" in comment:
        return True
    head = comment[: len(PREFIX)]
    return sum(a != b for a, b in zip(head, PREFIX, strict=False)) + len(PREFIX) - len(head) <= 6


def check(comment: bytes, digest: bytes, key: Ed25519PublicKey) -> str | None:
    """None when the whole-file signature holds, else what is wrong. The base64 must be
    the canonical encoding: a last character differing only in unused bits is a change."""
    if len(comment) != len(PLACEHOLDER) or not comment.startswith(PREFIX):
        return "the zip carries no whole-file signature (it was altered or re-packed)"
    signature = strict_b64decode(comment[len(PREFIX) :])
    try:
        if signature is None:
            raise ValueError("not canonical base64")
        key.verify(signature, DOMAIN + digest)
    except (InvalidSignature, ValueError):
        return "the whole-file signature does not match: some byte of the zip was changed"
    return None
