"""Bundle errors: each one line a person can act on, mapped to the CLI exit codes."""

from __future__ import annotations

from app.errors import AuthError, RejectedInput, VerificationFailed


class BundleRejected(RejectedInput):
    """The file is not an acceptable bundle (hostile, malformed, truncated). Exit 5."""


class MemberDamaged(BundleRejected):
    """A member's stored bytes are damaged (CRC, deflate, truncation). Verification
    reports it as a checksum failure of that file."""


class BundleInvalid(VerificationFailed):
    """The bundle is well formed but something in it does not verify. Exit 4."""


class WrongBundleKey(AuthError):
    """The passphrase or identity does not open the sealed bundle. Exit 3."""


class AlreadyImported(RejectedInput):
    """This bundle was imported into this vault before. Exit 5."""
