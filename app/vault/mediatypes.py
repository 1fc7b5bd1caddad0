"""Media types from file names (display and export only; never trusted for decoding)."""

from __future__ import annotations

import mimetypes

_EXTRA = {
    ".mhtml": "multipart/related",
    ".mht": "multipart/related",
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".md": "text/markdown",
}


def guess_media_type(name: str) -> str:
    lower = name.lower()
    for ext, media in _EXTRA.items():
        if lower.endswith(ext):
            return media
    guessed, _ = mimetypes.guess_type(lower, strict=False)
    return guessed or "application/octet-stream"
