"""Tokens from an OpenSSL TSA that embeds a certificate chain (`certs =`): OpenSSL writes
the SignedData certificate SET unsorted. `openssl ts -verify` accepts them, so must we
(issue 10 §1), storing the bytes as received, and every other check stays strict."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pyasn1.codec.der import decoder, encoder
from pyasn1_modules import rfc3161, rfc5652

from app.timestamp.certorder import with_sorted_certificates
from app.timestamp.client import build_request, post_request, stamp_data
from app.timestamp.config import tsa_from_args
from app.timestamp.verify import verify_token
from tests.helpers.cli import locker
from tests.helpers.tsa import LocalTSA, openssl_verify

DIGEST = hashlib.sha256(b"synthetic evidence entry").digest()


def _cert_encodings(raw: bytes) -> list[bytes]:
    resp, _ = decoder.decode(raw, asn1Spec=rfc3161.TimeStampResp())
    signed, _ = decoder.decode(resp["timeStampToken"]["content"], asn1Spec=rfc5652.SignedData())
    return [bytes(encoder.encode(c)) for c in signed["certificates"]]


def _unsorted_token(tsa: LocalTSA, nonce: int = 4242) -> bytes:
    raw = post_request(tsa.url, build_request(DIGEST, nonce))
    certs = _cert_encodings(raw)
    # The premise: OpenSSL really wrote the chain, and not in DER order.
    assert len(certs) == tsa.chain and certs != sorted(certs)
    return raw


@pytest.mark.parametrize("chain", [2, 3])
def test_unsorted_certificate_set_verifies(local_tsa: Callable[..., LocalTSA], chain: int) -> None:
    tsa = local_tsa(chain=chain)
    raw = _unsorted_token(tsa)
    assert openssl_verify(raw, ca_pem=tsa.ca_pem, digest_hex=DIGEST.hex()).returncode == 0
    v = verify_token(raw, digest=DIGEST, roots_pem=[tsa.ca_pem.read_bytes()], nonce=4242)
    assert v.ok, v.problems
    assert v.readable and "Test TSA Signer" in v.signer_subject
    assert any("non-DER order" in n for n in v.notes)

    # Still strict everywhere else: wrong data, nonce, anchor, or a damaged signature.
    roots = [tsa.ca_pem.read_bytes()]
    assert not verify_token(raw, digest=b"\1" * 32, roots_pem=roots, nonce=4242).ok
    assert not verify_token(raw, digest=DIGEST, roots_pem=roots, nonce=1).ok
    other = local_tsa(name="Other TSA")
    assert not verify_token(raw, digest=DIGEST, roots_pem=[other.ca_pem.read_bytes()]).ok
    damaged = raw[:-1] + bytes([raw[-1] ^ 0x01])
    v = verify_token(damaged, digest=DIGEST, roots_pem=roots)
    assert not v.ok and any("signature" in p for p in v.problems)


def test_stamp_data_keeps_the_response_exactly_as_received(
    local_tsa: Callable[..., LocalTSA],
) -> None:
    tsa = local_tsa(chain=3)
    stamped = stamp_data(DIGEST, tsa_from_args(tsa.url, [tsa.ca_pem]))
    assert stamped.verdict.ok
    assert stamped.raw == tsa.responses[-1]  # not the normalised copy
    assert _cert_encodings(stamped.raw) != sorted(_cert_encodings(stamped.raw))


def test_normalisation_only_reorders_whole_certificates(local_tsa: Callable[..., LocalTSA]) -> None:
    tsa = local_tsa(chain=3)
    raw = _unsorted_token(tsa)
    fixed = with_sorted_certificates(raw)
    assert fixed is not None and len(fixed) == len(raw) and fixed != raw
    assert _cert_encodings(fixed) == sorted(_cert_encodings(raw))
    assert with_sorted_certificates(fixed) is None  # already sorted: untouched
    # One changed byte inside a certificate: the SET is no longer the DER encoding of
    # the certificates the parser sees, so nothing is rewritten and the token is refused.
    cert = _cert_encodings(raw)[0]
    at = raw.index(cert) + 40
    bad = raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :]
    assert not verify_token(bad, digest=DIGEST, roots_pem=[tsa.ca_pem.read_bytes()]).ok
    assert with_sorted_certificates(b"\x30\x03\x02\x01\x00") is None
    assert with_sorted_certificates(b"") is None


@pytest.mark.parametrize("chain", [2, 3])
def test_cli_stamp_and_verify_token_with_an_openssl_chain_tsa(
    local_tsa: Callable[..., LocalTSA], tmp_path: Path, passphrase_file: Path, chain: int
) -> None:
    tsa = local_tsa(chain=chain)
    vault = tmp_path / "case.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    f = tmp_path / "evidence.txt"
    f.write_bytes(b"synthetic evidence")
    assert locker("add", vault, f, passphrase_file=passphrase_file).returncode == 0
    proc = locker(
        "stamp",
        vault,
        "--tsa",
        tsa.url,
        "--tsa-ca",
        tsa.ca_pem,
        "--json",
        passphrase_file=passphrase_file,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] and report["pending_after"] == 0

    out = tmp_path / "exhibits"
    assert (
        locker("extract", vault, "1", "--out", out, passphrase_file=passphrase_file).returncode == 0
    )
    tsr = sorted(out.glob("*.tsr"))[0]
    assert tsr.read_bytes() == tsa.responses[-1]  # stored as received
    certs = _cert_encodings(tsr.read_bytes())
    assert len(certs) == chain and certs != sorted(certs)
    proof = sorted(out.glob("*.proof.json"))[0]
    proc = locker("verify-token", "--token", tsr, "--proof", proof, "--ca", tsa.ca_pem)
    assert proc.returncode == 0 and "VALID" in proc.stdout, proc.stdout + proc.stderr
    proc = locker("verify", vault, "--json", passphrase_file=passphrase_file)
    assert proc.returncode == 0, proc.stdout
