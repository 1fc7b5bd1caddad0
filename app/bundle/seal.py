"""Sealing bundles in the age format and unsealing them into an encrypted spool.

* passphrase: age's scrypt recipient (streamed by :mod:`app.bundle.age_scrypt`);
* recipients: age X25519 public keys (``age1...``), streamed by ``pyrage.encrypt_io``;
* none: a plain signed zip, for channels that are already secure.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

import pyrage

from app.bundle.age_scrypt import PassphraseWriter, decrypt_passphrase_stream, is_passphrase_file
from app.bundle.errors import BundleRejected, WrongBundleKey
from app.bundle.spool import EncryptedSpool
from app.errors import NotFound, StorageError, UsageError, os_failure

AGE_BINARY = b"age-encryption.org/v1\n"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class Sealing:
    """How a bundle is sealed: exactly one of passphrase, recipients, or neither (plain)."""

    passphrase: str | None = None
    recipients: tuple[str, ...] = field(default_factory=tuple)

    @property
    def kind(self) -> str:
        if self.passphrase:
            return "passphrase"
        return "recipients" if self.recipients else "none"

    def describe(self) -> str:
        return {
            "passphrase": "age (passphrase)",
            "recipients": "age (X25519 recipient: " + ", ".join(self.recipients) + ")",
            "none": "not encrypted (plain signed zip)",
        }[self.kind]


def parse_recipients(texts: list[str]) -> list[Any]:
    out = []
    for text in texts:
        try:
            out.append(pyrage.x25519.Recipient.from_str(text.strip()))
        except Exception as exc:  # pyrage raises its own error types
            raise UsageError(f"'{text.strip()[:80]}' is not an age public key (age1...).") from exc
    return out


def parse_identities(text: str) -> list[Any]:
    """Age identities from an identity file's text (comments and blank lines ignored)."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            found.append(pyrage.x25519.Identity.from_str(line))
        except Exception as exc:
            raise UsageError(
                "The identity file holds something that is not an age secret key."
            ) from exc
    if not found:
        raise UsageError("The identity file holds no age secret key (AGE-SECRET-KEY-1...).")
    return found


class _RecipientSealer:
    """Feeds a pipe to ``pyrage.encrypt_io`` in a helper thread; write plaintext to it."""

    def __init__(self, out: IO[bytes], recipients: list[Any]) -> None:
        import os

        read_fd, write_fd = os.pipe()
        self._reader = os.fdopen(read_fd, "rb", buffering=0)
        self._writer = os.fdopen(write_fd, "wb", buffering=1024 * 1024)
        self._error: BaseException | None = None

        def run() -> None:
            try:
                pyrage.encrypt_io(self._reader, out, recipients)
            except BaseException as exc:  # noqa: BLE001 - reported to the writing thread
                self._error = exc
            finally:
                self._reader.close()

        self._thread = threading.Thread(target=run, name="age-seal", daemon=True)
        self._thread.start()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        try:
            return self._writer.write(data)
        except BrokenPipeError as exc:
            self._thread.join()
            raise StorageError(f"Sealing failed: {self._error}") from exc

    def flush(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self._writer.flush()

    def close(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self._writer.close()
        self._thread.join()
        if self._error is not None:
            raise StorageError(f"Sealing failed: {self._error}")


@contextlib.contextmanager
def sealed_writer(out: IO[bytes], sealing: Sealing) -> Iterator[IO[bytes]]:
    """A stream whose plaintext lands sealed in ``out``; complete only after the block."""
    if sealing.kind == "none":
        yield out
        return
    writer: Any
    if sealing.kind == "passphrase":
        assert sealing.passphrase is not None
        writer = PassphraseWriter(out, sealing.passphrase)
    else:
        writer = _RecipientSealer(out, parse_recipients(list(sealing.recipients)))
    ok = False
    try:
        yield writer
        ok = True
    finally:
        if ok:
            writer.close()
        else:
            with contextlib.suppress(Exception):
                writer.close()


def sealing_of(path: Path) -> str:
    """'passphrase', 'recipients' or 'none' for a bundle file, from its first bytes."""
    head = _head(path)
    if is_passphrase_file(head):
        return "passphrase"
    if head.startswith(AGE_BINARY) or head.startswith(AGE_ARMOR):
        return "recipients"
    if head.startswith(ZIP_MAGIC):
        return "none"
    raise BundleRejected(f"{path.name} is not an Evidence Locker bundle (neither age nor zip).")


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(64)
    except FileNotFoundError as exc:
        raise NotFound(f"No bundle at {path}.") from exc
    except IsADirectoryError as exc:
        raise UsageError(f"{path} is a folder; give the bundle file.") from exc
    except OSError as exc:
        raise os_failure(exc, f"Cannot read {path}") from exc


@contextlib.contextmanager
def unsealed(
    path: Path,
    passphrase: str | None = None,
    identities: list[Any] | None = None,
    max_size: int | None = None,
) -> Iterator[BinaryIO]:
    """A seekable stream of the plain bundle zip. Sealed bundles are decrypted into an
    encrypted spool (plaintext never reaches the disk)."""
    kind = sealing_of(path)
    if kind == "none":
        with open(path, "rb") as fh:
            yield fh
        return
    spool = EncryptedSpool(max_size=max_size)
    try:
        with open(path, "rb") as src:
            if kind == "passphrase":
                if not passphrase:
                    raise WrongBundleKey(
                        "This bundle is sealed with a passphrase: give --seal-passphrase-file."
                    )
                decrypt_passphrase_stream(src, spool, passphrase)
            else:
                if not identities:
                    raise WrongBundleKey(
                        "This bundle is sealed to an age key: give "
                        "--identity-file (or import it into the vault it was sealed to)."
                    )
                try:
                    pyrage.decrypt_io(src, spool, identities)
                except BundleRejected:
                    raise
                except Exception as exc:  # errors raised inside our writer
                    if spool.overflowed:
                        raise BundleRejected(
                            "The sealed bundle unpacks to more than a bundle may hold."
                        ) from exc
                    _raise_decrypt_error(exc)
        spool.finish()
        yield spool  # type: ignore[misc]
    finally:
        spool.close()


def _raise_decrypt_error(exc: BaseException) -> None:
    text = str(exc).lower()
    if isinstance(exc, pyrage.DecryptError) and (
        "no matching" in text or "identity" in text or "key" in text
    ):
        raise WrongBundleKey("None of the given keys opens this sealed bundle.") from exc
    raise BundleRejected(f"The sealed bundle is damaged or was altered ({exc}).") from exc
