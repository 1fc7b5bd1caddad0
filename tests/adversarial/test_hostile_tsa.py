"""Hostile time-stamp responses. Verification must return a verdict, never raise; a
modified token may only be accepted when the signed claims (time, imprint, serial, nonce,
policy) are exactly those of the original; a hostile TSA server (garbage, oversized,
dripping, wrong status) gives a clean TSARefused/TSAUnreachable in bounded time.

Guards: app.timestamp.verify.verify_token (strict DER, signature, ESS, chain, catch-all)
and app.timestamp.client.post_request (size cap, timeouts, error mapping).
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import LockerError
from app.timestamp.client import build_request, stamp_data
from app.timestamp.config import TSA
from app.timestamp.verify import verify_token
from tests.helpers.tsa import DEFAULT_POLICY, LocalTSA, make_pki

DIGEST = hashlib.sha256(b"adversarial evidence").digest()
NONCE = 0x5EED_1234_5678


class Token:
    def __init__(self, raw: bytes, ca: bytes) -> None:
        self.raw, self.ca = raw, ca
        verdict = self.check(raw)
        assert verdict.ok, verdict.problems
        self.claims = self.claims_of(verdict)

    def check(self, raw: bytes) -> Any:
        return verify_token(
            raw, digest=DIGEST, roots_pem=[self.ca], nonce=NONCE, policy=DEFAULT_POLICY
        )

    @staticmethod
    def claims_of(verdict: Any) -> tuple[Any, ...]:
        return (
            verdict.gen_time,
            verdict.imprint,
            verdict.serial,
            verdict.nonce,
            verdict.policy,
            verdict.hash_algorithm,
            verdict.signer_subject,
        )


@pytest.fixture(scope="module", params=["rsa", "ec"])
def token(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Token]:
    tsa = LocalTSA(tmp_path_factory.mktemp(f"tsa-{request.param}"), key=request.param)
    try:
        raw = tsa.reply(build_request(DIGEST, NONCE, DEFAULT_POLICY))
        yield Token(raw, tsa.ca_pem.read_bytes())
    finally:
        tsa.stop()


def _assert_sound(token: Token, raw: bytes) -> None:
    verdict = token.check(raw)  # must not raise
    assert isinstance(verdict.ok, bool)
    if verdict.ok:
        assert Token.claims_of(verdict) == token.claims, "a modified token changed what it proves"
    else:
        assert verdict.problems


def test_every_single_byte_flip(token: Token, soak: bool) -> None:
    rng = random.Random(7500)
    accepted = 0
    for pos in range(len(token.raw)):
        for mask in (0x01, 0x80, 0xFF) if soak else (rng.choice((0x01, 0x80, 0xFF)),):
            data = bytearray(token.raw)
            data[pos] ^= mask
            verdict = token.check(bytes(data))
            if verdict.ok:
                accepted += 1
                assert Token.claims_of(verdict) == token.claims, f"flip at {pos} changed the claims"
    # Only bytes outside the signature's reach (e.g. unsigned DER container details) may
    # still verify; the signed content never can.
    assert accepted < len(token.raw) // 10, f"{accepted} of {len(token.raw)} flips were accepted"


def test_every_truncation_and_extension(token: Token) -> None:
    for n in range(len(token.raw)):
        assert not token.check(token.raw[:n]).ok, f"truncated to {n} bytes and accepted"
    for tail in (b"\x00", b"\x30\x00", token.raw[:50], bytes(1000)):
        _assert_sound(token, token.raw + tail)


def test_wrong_digest_nonce_or_anchor_is_refused(token: Token, tmp_path: Path) -> None:
    ok = verify_token(
        token.raw, digest=hashlib.sha256(b"other").digest(), roots_pem=[token.ca], nonce=NONCE
    )
    assert not ok.ok
    assert not verify_token(token.raw, digest=DIGEST, roots_pem=[token.ca], nonce=NONCE + 1).ok
    other = LocalTSA(tmp_path / "other")
    try:
        assert not verify_token(
            token.raw, digest=DIGEST, roots_pem=[other.ca_pem.read_bytes()], nonce=NONCE
        ).ok
    finally:
        other.stop()


@st.composite
def der_mutations(draw: st.DrawFn, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 5))):
        pos = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(("set", "insert", "delete", "dup", "len")))
        if op == "set":
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 16))]
        elif op == "dup":
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 64))]
        else:  # long-form DER lengths: the classic parser trap
            data[pos : pos + 1] = bytes([0x84]) + draw(st.binary(min_size=4, max_size=4))
        if not data:
            data = bytearray(b"\x30")
    return bytes(data)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_structured_mutations_never_raise_or_mislead(token: Token, data: st.DataObject) -> None:
    _assert_sound(token, data.draw(der_mutations(token.raw)))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=3000))
def test_random_bytes_never_raise(token: Token, raw: bytes) -> None:
    assert not token.check(raw).ok


# -- a hostile TSA server -------------------------------------------------------------


class _Hostile(BaseHTTPRequestHandler):
    mode = "garbage"

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "garbage":
            self._send(200, b"\x30\x82\xff\xff" + bytes(300))
        elif mode == "html-500":
            self._send(500, b"<html>oops</html>", "text/html")
        elif mode == "oversized":
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"\x30" * (64 * 1024))
            except OSError:
                pass
        elif mode == "drip":  # a byte every 0.3 s: every read is within the timeout
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", "4000")
            self.end_headers()
            try:
                for _ in range(4000):
                    self.wfile.write(b"\x30")
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass
        elif mode == "redirect":
            self.send_response(307)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif mode == "hang":
            time.sleep(30)

    def _send(self, status: int, body: bytes, ctype: str = "application/timestamp-reply") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def some_ca(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    ca_pem, _signer, _key = make_pki(tmp_path_factory.mktemp("ca"))
    return ca_pem.read_bytes()


@pytest.mark.parametrize("mode", ["garbage", "html-500", "oversized", "drip", "redirect", "hang"])
def test_hostile_tsa_server_gives_a_clean_error_in_bounded_time(
    hostile_server: ThreadingHTTPServer, some_ca: bytes, mode: str
) -> None:
    """Regression for "drip": the socket timeout bounded each read, not the answer, so a
    TSA sending a byte every 0.3 s held `stamp` (and the app's worker) for 20 minutes."""
    hostile_server.mode = mode  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{hostile_server.server_address[1]}/tsa"
    tsa = TSA(name="hostile", url=url, roots_pem=(some_ca,))
    started = time.monotonic()
    with pytest.raises(LockerError):
        stamp_data(DIGEST, tsa, timeout=2.0)
    assert time.monotonic() - started < 15, f"a '{mode}' TSA held the stamper too long"
