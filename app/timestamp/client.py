"""RFC 3161 over HTTP: build a request for a digest, post it, keep the raw answer, and
verify it completely before anyone relies on it.

rfc3161ng builds the TimeStampReq (we pass ``digest=`` ourselves with the matching hash
name, because its data-hashing path has mixed up algorithms). The HTTP body is kept
exactly as received; rfc3161ng would re-encode it.
"""

from __future__ import annotations

import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import rfc3161ng

from app.timestamp.config import TSA
from app.timestamp.errors import TSARefused, TSAUnreachable
from app.timestamp.verify import MAX_RESPONSE_BYTES, TokenVerdict, verify_token
from app.vault.models import utc_now

TIMEOUT_SECONDS = 30.0
DIGEST_NAMES = {32: "sha256", 48: "sha384", 64: "sha512"}
USER_AGENT = "EvidenceLocker-RFC3161"


@dataclass(frozen=True)
class StampedToken:
    """A token that passed full verification against the TSA's trust anchors."""

    tsa: TSA
    digest: bytes
    nonce: int
    raw: bytes  # TimeStampResp exactly as received
    verdict: TokenVerdict
    requested_at: str
    received_at: str


def build_request(digest: bytes, nonce: int, policy: str | None = None) -> bytes:
    """DER TimeStampReq: imprint = ``digest`` (SHA-256/384/512 by length), certReq."""
    hashname = DIGEST_NAMES.get(len(digest))
    if hashname is None:
        raise ValueError("a digest must be 32, 48 or 64 bytes (SHA-256/384/512)")
    request = rfc3161ng.make_timestamp_request(
        digest=digest,
        hashname=hashname,
        include_tsa_certificate=True,
        nonce=nonce,
        tsa_policy_id=policy,
    )
    return bytes(rfc3161ng.encode_timestamp_request(request))


def post_request(url: str, body: bytes, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """POST a query; the response body exactly as received. Network trouble raises
    TSAUnreachable, an HTTP error status or wrong content raises TSARefused."""
    req = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/timestamp-query",
            "Accept": "application/timestamp-reply",
            "User-Agent": USER_AGENT,
        },
    )
    host = urllib.parse.urlsplit(url).hostname or ""
    # A TSA on this machine is never reached through a proxy from the environment.
    handlers = (
        [urllib.request.ProxyHandler({})] if host in ("127.0.0.1", "::1", "localhost") else []
    )
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(req, timeout=timeout) as resp:
            data = _read_within(resp, url, time.monotonic() + timeout)
    except urllib.error.HTTPError as exc:
        raise TSAUnreachable(f"{url} answered HTTP {exc.code} ({exc.reason}).") from exc
    except urllib.error.URLError as exc:
        raise TSAUnreachable(f"{url} is not reachable ({exc.reason}).") from exc
    except (OSError, ValueError) as exc:
        raise TSAUnreachable(f"{url} is not reachable ({exc}).") from exc
    if len(data) > MAX_RESPONSE_BYTES:
        raise TSARefused(f"{url} sent an oversized answer; it is not a time-stamp response.")
    return data


def _read_within(resp: Any, url: str, deadline: float) -> bytes:
    """Read at most MAX_RESPONSE_BYTES + 1 bytes, giving up at ``deadline``: the socket
    timeout alone bounds each read, so a server dripping a byte at a time could hold
    the stamper for hours."""
    parts: list[bytes] = []
    size = 0
    while size <= MAX_RESPONSE_BYTES:
        chunk: bytes = resp.read1(64 * 1024)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TSAUnreachable(f"{url} is answering too slowly; gave up.")
    return b"".join(parts)


def stamp_data(digest: bytes, tsa: TSA, *, timeout: float = TIMEOUT_SECONDS) -> StampedToken:
    """Time-stamp an arbitrary digest (SHA-256/384/512 by its length) with one TSA and
    verify the answer fully (status, imprint, nonce, policy, signature, chain at
    genTime, EKU). Raises TSAUnreachable or TSARefused; never returns an unverified token."""
    if not tsa.url.startswith(("http://", "https://")):
        raise TSARefused(f"{tsa.url} is not an http:// or https:// URL.")
    nonce = secrets.randbits(63)
    body = build_request(digest, nonce, tsa.policy)
    requested_at = utc_now()
    raw = post_request(tsa.url, body, timeout)
    received_at = utc_now()
    verdict = verify_token(
        raw,
        digest=digest,
        roots_pem=list(tsa.roots_pem),
        untrusted_pem=list(tsa.untrusted_pem),
        nonce=nonce,
        policy=tsa.policy,
    )
    if not verdict.ok:
        raise TSARefused(f"{tsa.name}: unusable answer: {'; '.join(verdict.problems)}.")
    return StampedToken(tsa, digest, nonce, raw, verdict, requested_at, received_at)
