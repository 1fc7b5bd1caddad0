"""Tokens from a real local TSA (OpenSSL): accepted when right, rejected for each way
they can be wrong. `openssl ts -verify` cross-checks what we accept."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from app.timestamp.client import build_request, post_request, stamp_data
from app.timestamp.config import tsa_from_args
from app.timestamp.errors import TSARefused, TSAUnreachable
from app.timestamp.verify import verify_token
from tests.helpers.tsa import LocalTSA, openssl_verify

DIGEST = hashlib.sha256(b"synthetic evidence entry").digest()


def _token(tsa: LocalTSA, digest: bytes = DIGEST, nonce: int = 777) -> bytes:
    return post_request(tsa.url, build_request(digest, nonce))


@pytest.mark.parametrize("key", ["rsa", "ec"])
def test_rsa_and_ecdsa_tokens_verify(local_tsa: Callable[..., LocalTSA], key: str) -> None:
    tsa = local_tsa(key=key)
    stamped = stamp_data(DIGEST, tsa_from_args(tsa.url, [tsa.ca_pem]))
    v = stamped.verdict
    assert v.ok and v.hash_algorithm == "sha256" and v.imprint == DIGEST.hex()
    assert v.nonce == str(stamped.nonce) and v.policy == tsa.policy
    assert "Test TSA Signer" in v.tsa_name
    assert openssl_verify(stamped.raw, ca_pem=tsa.ca_pem, digest_hex=DIGEST.hex()).returncode == 0


@pytest.mark.parametrize("alg", ["sha384", "sha512"])
def test_longer_digests(local_tsa: Callable[..., LocalTSA], alg: str) -> None:
    tsa = local_tsa()
    digest = hashlib.new(alg, b"x").digest()
    stamped = stamp_data(digest, tsa_from_args(tsa.url, [tsa.ca_pem]))
    assert stamped.verdict.ok and stamped.verdict.hash_algorithm == alg


def test_rejections(local_tsa: Callable[..., LocalTSA]) -> None:
    tsa = local_tsa()
    other = local_tsa(name="Other TSA")
    roots = [tsa.ca_pem.read_bytes()]
    raw = _token(tsa)
    assert verify_token(raw, digest=DIGEST, roots_pem=roots, nonce=777).ok

    def problems(**kw: object) -> list[str]:
        args: dict = {"digest": DIGEST, "roots_pem": roots, "nonce": 777}  # type: ignore[type-arg]
        args.update(kw)
        v = verify_token(args.pop("raw", raw), **args)
        assert not v.ok
        return v.problems

    # A token for other data.
    assert "other data" in problems(digest=hashlib.sha256(b"other").digest())[0]
    # The wrong trust anchor (and the right root smuggled in as "untrusted" does not help).
    assert "trust anchor" in problems(roots_pem=[other.ca_pem.read_bytes()])[0]
    assert "trust anchor" in problems(roots_pem=[other.ca_pem.read_bytes()], untrusted_pem=roots)[0]
    # A wrong nonce.
    assert "nonce" in problems(nonce=778)[0]
    # A required policy the TSA did not use.
    assert "policy" in problems(policy="1.2.3.4")[0]
    # A damaged signature: flip a bit in the last byte (inside the signature value).
    damaged = raw[:-1] + bytes([raw[-1] ^ 0x01])
    assert any("signature" in p for p in problems(raw=damaged))
    # Garbage and truncation: a verdict with a clear problem, never an exception.
    assert "not a readable" in problems(raw=b"\x00garbage")[0]
    assert problems(raw=raw[: len(raw) // 2])
    assert "empty" in problems(raw=b"")[0]


def test_signer_without_critical_eku_is_rejected(local_tsa: Callable[..., LocalTSA]) -> None:
    tsa = local_tsa(critical_eku=False)
    raw = _token(tsa)
    v = verify_token(raw, digest=DIGEST, roots_pem=[tsa.ca_pem.read_bytes()], nonce=777)
    assert not v.ok and any("critical" in p for p in v.problems)
    with pytest.raises(TSARefused, match="critical"):
        stamp_data(DIGEST, tsa_from_args(tsa.url, [tsa.ca_pem]))


def test_status_rejection_is_reported(local_tsa: Callable[..., LocalTSA]) -> None:
    tsa = local_tsa()
    tsa.mode = "reject"
    raw = _token(tsa)
    v = verify_token(raw, digest=DIGEST, roots_pem=[tsa.ca_pem.read_bytes()])
    assert v.readable and not v.ok and v.status == "rejection"
    assert "did not grant" in v.problems[0]
    with pytest.raises(TSARefused, match="did not grant"):
        stamp_data(DIGEST, tsa_from_args(tsa.url, [tsa.ca_pem]))


def test_wrong_nonce_and_garbage_answers_are_refused(local_tsa: Callable[..., LocalTSA]) -> None:
    tsa = local_tsa()
    config = tsa_from_args(tsa.url, [tsa.ca_pem])
    tsa.mode = "wrong_nonce"
    with pytest.raises(TSARefused, match="nonce"):
        stamp_data(DIGEST, config)
    tsa.mode = "garbage"
    with pytest.raises(TSARefused, match="not a readable"):
        stamp_data(DIGEST, config)
    tsa.mode = "http_error"
    with pytest.raises(TSAUnreachable, match="HTTP 500"):
        stamp_data(DIGEST, config)
    tsa.stop()
    with pytest.raises(TSAUnreachable, match="not reachable"):
        stamp_data(DIGEST, config)


def test_certificate_not_valid_at_gentime_is_rejected(
    local_tsa: Callable[..., LocalTSA], tmp_path: object
) -> None:
    import datetime as dt

    from tests.helpers.tsa import make_pki

    tsa = local_tsa()
    # Re-issue the signer so that it expired yesterday; OpenSSL still signs with it.
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    ca, signer, key = make_pki(tsa.dir / "expired", not_before=start, signer_days=29)
    for src, dst in ((ca, tsa.ca_pem), (signer, tsa.signer_pem), (key, tsa.signer_key)):
        dst.write_bytes(src.read_bytes())
    v = verify_token(_token(tsa), digest=DIGEST, roots_pem=[tsa.ca_pem.read_bytes()])
    assert not v.ok and any("genTime" in p for p in v.problems), v.problems


def test_token_without_ess_signing_certificate_is_rejected(
    local_tsa: Callable[..., LocalTSA],
) -> None:
    tsa = local_tsa()
    tsa.mode = "no_ess"
    v = verify_token(_token(tsa), digest=DIGEST, roots_pem=[tsa.ca_pem.read_bytes()], nonce=777)
    assert not v.ok
    assert v.problems == [
        "the token does not name its signing certificate (no ESS signingCertificate)"
    ]
