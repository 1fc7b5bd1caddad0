"""Typed exceptions with messages a person can act on, and the CLI exit codes.

Every error the product raises on purpose derives from :class:`LockerError`. The CLI
prints ``str(error)`` as one line and exits with ``error.exit_code``; the GUI shows the
same message. Exit codes are documented in ``locker --help`` and the README.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1  # an operation failed (I/O, network, disk full, a capture failed)
EXIT_USAGE = 2  # bad command line
EXIT_AUTH = 3  # wrong passphrase, locked, or no passphrase available
EXIT_VERIFY = 4  # verification found a problem (vault, token, bundle)
EXIT_REJECTED = 5  # input rejected (not a vault, corrupt file, hostile bundle, bad file)
EXIT_NOT_FOUND = 6  # no such vault, item or file

EXIT_CODES_HELP = """exit codes:
  0  success
  1  operation failed (I/O error, disk full, network, a capture failed)
  2  usage error
  3  wrong passphrase, vault locked, or no passphrase given
  4  verification failed (vault, timestamp token or bundle)
  5  input rejected (corrupt or unsupported file, hostile bundle, bad data)
  6  not found (vault, item or file)"""


class LockerError(Exception):
    """Base of every deliberate error. ``str()`` is one line for a person."""

    exit_code = EXIT_FAILURE


class UsageError(LockerError):
    exit_code = EXIT_USAGE


class AuthError(LockerError):
    """Wrong passphrase, missing passphrase, or throttled."""

    exit_code = EXIT_AUTH


class WrongPassphrase(AuthError):
    pass


class VaultLocked(AuthError):
    pass


class VerificationFailed(LockerError):
    exit_code = EXIT_VERIFY


class RejectedInput(LockerError):
    exit_code = EXIT_REJECTED


class CorruptVault(RejectedInput):
    pass


class NotAVault(RejectedInput):
    pass


class NotFound(LockerError):
    exit_code = EXIT_NOT_FOUND


class VaultExists(LockerError):
    exit_code = EXIT_USAGE


class ReadOnlyCase(LockerError):
    exit_code = EXIT_REJECTED


class StorageError(LockerError):
    """Disk full, read-only location, I/O failure. The vault is left as it was."""

    exit_code = EXIT_FAILURE


class SourceChanged(LockerError):
    """A file changed (grew, shrank, was rewritten or replaced) while it was being added."""

    exit_code = EXIT_FAILURE


class KeyringError(LockerError):
    exit_code = EXIT_FAILURE


def os_failure(exc: OSError, doing: str, error: type[LockerError] = StorageError) -> LockerError:
    """The typed error for an OSError: ``error("<doing>: <reason>")``, the reason being the
    system's words ("No space left on device"). Use as ``raise os_failure(exc, f"Cannot read
    {path}") from exc`` (files written outside the vault: ``drives.write_failure``)."""
    return error(f"{doing}: {exc.strerror or exc}")
