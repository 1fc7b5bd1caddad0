"""Web fonts for the MHTML archive (no Qt).

QtWebEngine's MHTML keeps the page's style sheets but not the fonts their ``@font-face``
rules load, so an archive opened offline falls back to other fonts. :func:`font_urls`
lists the font URLs the archived CSS refers to; :func:`add_fonts` adds the font bytes as
extra parts, each under its own URL (``Content-Location``), which is how Chromium finds
resources in an archive. The archive is read, extended and written with the standard
``email`` package only (parts it does not change are written back as they were).
"""

from __future__ import annotations

import base64
import email
import email.policy
import io
import re
from email import encoders
from email.generator import BytesGenerator
from email.mime.base import MIMEBase
from urllib.parse import urljoin

MAX_FONTS = 30
MAX_FONT_BYTES = 8 * 1024 * 1024

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.IGNORECASE)


def _parts(mhtml: bytes) -> tuple[email.message.Message, list[email.message.Message]]:
    message = email.message_from_bytes(mhtml, policy=email.policy.compat32)
    return message, [p for p in message.walk() if not p.is_multipart()]


def font_urls(mhtml: bytes) -> list[str]:
    """Absolute URLs of the fonts named in the archive's ``@font-face`` rules that the
    archive does not hold yet, in order, at most :data:`MAX_FONTS`."""
    try:
        _message, parts = _parts(mhtml)
    except Exception:  # noqa: BLE001 - an unreadable archive simply gets no fonts
        return []
    page_url = ""
    held: set[str] = set()
    for part in parts:
        location = str(part.get("Content-Location") or "")
        held.add(location)
        if not page_url and part.get_content_type() == "text/html":
            page_url = location
    found: list[str] = []
    for part in parts:
        if part.get_content_type() not in ("text/css", "text/html"):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        css = payload.decode(part.get_content_charset() or "utf-8", "replace")
        location = str(part.get("Content-Location") or "")
        base = location if location.startswith(("http:", "https:")) else page_url
        for rule in _FONT_FACE.findall(css):
            for _quote, ref in _URL.findall(rule):
                ref = ref.strip()
                if ref.startswith(("data:", "#")) or not base:
                    continue
                url = urljoin(base, ref).split("#")[0]
                if url.startswith(("http:", "https:")) and url not in held and url not in found:
                    found.append(url)
    return found[:MAX_FONTS]


def add_fonts(mhtml: bytes, fonts: dict[str, tuple[str, bytes]]) -> bytes:
    """``mhtml`` with one more part per font (``url -> (media type, bytes)``).

    Chromium stores a page's inline ``<style>`` as a ``cid:`` part whose relative URLs
    can no longer be resolved offline; in those parts relative ``url()`` references are
    made absolute against the page's address (what the live page resolved them to).
    Returns the archive unchanged when it cannot be extended safely."""
    if not fonts:
        return mhtml
    try:
        message, parts = _parts(mhtml)
    except Exception:  # noqa: BLE001
        return mhtml
    if not message.is_multipart():
        return mhtml
    page_url = next(
        (
            str(p.get("Content-Location") or "")
            for p in parts
            if p.get_content_type() == "text/html"
        ),
        "",
    )
    for part in parts:
        if (
            part.get_content_type() == "text/css"
            and str(part.get("Content-Location") or "").startswith("cid:")
            and page_url
        ):
            _absolute_urls(part, page_url)
    for url, (media_type, data) in fonts.items():
        main, _, sub = (media_type or "font/woff2").partition("/")
        font = MIMEBase(main or "font", sub or "woff2")
        font.set_payload(base64.encodebytes(data).decode("ascii"))
        font["Content-Transfer-Encoding"] = "base64"
        font["Content-Location"] = url
        message.attach(font)
    out = io.BytesIO()
    BytesGenerator(
        out, mangle_from_=False, maxheaderlen=0, policy=email.policy.compat32.clone(linesep="\r\n")
    ).flatten(message)
    result = out.getvalue()
    try:  # the result must read back with every old part and the new ones
        _m, new_parts = _parts(result)
    except Exception:  # noqa: BLE001
        return mhtml
    return result if len(new_parts) == len(parts) + len(fonts) else mhtml


def _absolute_urls(part: email.message.Message, base: str) -> None:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return
    charset = part.get_content_charset() or "utf-8"
    css = payload.decode(charset, "replace")

    def absolute(match: re.Match[str]) -> str:
        quote, ref = match.group(1), match.group(2).strip()
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("#"):
            return match.group(0)
        return f"url({quote}{urljoin(base, ref)}{quote})"

    new = _URL.sub(absolute, css)
    if new != css:
        del part["Content-Transfer-Encoding"]
        part.set_payload(new.encode(charset, "replace"))
        encoders.encode_base64(part)


def decode_data_url(value: str) -> tuple[str, bytes] | None:
    """``(media type, bytes)`` of a ``data:...;base64,...`` URL, else None."""
    head, sep, body = value.partition(",")
    if not sep or not head.startswith("data:") or not head.endswith(";base64"):
        return None
    media_type = head[5:-7].split(";")[0] or "application/octet-stream"
    try:
        return media_type, base64.b64decode(body, validate=True)
    except ValueError:
        return None
