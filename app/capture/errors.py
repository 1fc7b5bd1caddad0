"""Capture errors: one line a person can act on. A failed capture stores nothing."""

from __future__ import annotations

from app.errors import EXIT_FAILURE, LockerError


class CaptureFailed(LockerError):
    """A web page, download or screenshot could not be captured; the vault is untouched."""

    exit_code = EXIT_FAILURE


class Unreachable(CaptureFailed):
    """The host could not be reached (DNS, refused, reset, offline)."""


class TLSFailure(CaptureFailed):
    """The site's certificate was not trusted; we never capture past a TLS error."""


class HttpErrorStatus(CaptureFailed):
    """The server answered with an HTTP error status (4xx/5xx)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class CaptureTimeout(CaptureFailed):
    """The page did not finish loading in time."""


class DownloadTooLarge(CaptureFailed):
    """A directly served file is larger than the documented limit."""


class CaptureCancelled(CaptureFailed):
    """The person cancelled the capture."""


class ScreenshotFailed(CaptureFailed):
    """The screen could not be read (no display, bad region or screen number)."""
