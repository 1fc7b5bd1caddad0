"""Timestamp errors (LockerError subclasses: one line a person can act on)."""

from __future__ import annotations

from app.errors import LockerError


class TimestampError(LockerError):
    """Stamping failed; the entries stay queued and are retried."""


class TSAUnreachable(TimestampError):
    """Network down, DNS failure, refused connection, timeout or HTTP error."""


class TSARefused(TimestampError):
    """The TSA answered, but not with a usable token (rejection, garbage, bad token)."""
