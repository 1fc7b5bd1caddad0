"""Every real TSA response in ../shared/fixtures/tsa-real gets the verdict its README
states, through the real `locker verify-token` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import locker

SIGSTAGE_CASES = [
    ("response-sha256.tsr", 0, "sha256"),
    ("response-sha384.tsr", 0, "sha384"),
    ("response-sha512.tsr", 0, "sha512"),
    ("response-no-embedded-cert.tsr", 0, "sha256"),
    ("response-invalid-signature.tsr", 4, "sha256"),
]


@pytest.fixture
def hello(tmp_path: Path) -> Path:
    path = tmp_path / "hello"
    path.write_bytes(b"hello")
    return path


def _verify(*args: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    proc = locker("verify-token", *map(str, args), "--json")
    return proc.returncode, (json.loads(proc.stdout) if proc.stdout.strip() else {})


@pytest.mark.parametrize(("name", "code", "alg"), SIGSTAGE_CASES)
def test_sigstage_responses(
    real_fixtures: Path, hello: Path, name: str, code: int, alg: str
) -> None:
    d = real_fixtures / "sigstage"
    rc, verdict = _verify("--token", d / name, "--data", hello, "--ca", d / "ts_chain.pem")
    assert rc == code, verdict
    assert verdict["ok"] is (code == 0)
    assert verdict["hash_algorithm"] == alg
    if code:
        assert any("signature" in p for p in verdict["problems"])
    else:
        assert verdict["gen_time"].startswith("2025-")


def test_no_embedded_cert_needs_the_chain_from_the_verifier(
    real_fixtures: Path, hello: Path, tmp_path: Path
) -> None:
    d = real_fixtures / "sigstage"
    pems = (d / "ts_chain.pem").read_text().split("-----END CERTIFICATE-----")
    root_only = tmp_path / "root.pem"
    root_only.write_text(pems[1].strip() + "\n-----END CERTIFICATE-----\n")
    rc, verdict = _verify(
        "--token", d / "response-no-embedded-cert.tsr", "--data", hello, "--ca", root_only
    )
    assert rc == 4 and "signer certificate" in verdict["problems"][0]
    signer = tmp_path / "signer.pem"
    signer.write_text(pems[0].strip() + "\n-----END CERTIFICATE-----\n")
    rc, verdict = _verify(
        "--token",
        d / "response-no-embedded-cert.tsr",
        "--data",
        hello,
        "--ca",
        root_only,
        "--untrusted",
        signer,
    )
    assert rc == 0, verdict


def test_identrust_valid_at_gentime_with_expiry_note(real_fixtures: Path, hello: Path) -> None:
    d = real_fixtures / "identrust"
    rc, verdict = _verify(
        "--token",
        d / "issue-104.tsr",
        "--data",
        hello,
        "--ca",
        d / "identrust-commercial-root-ca-1.pem",
    )
    assert rc == 0, verdict
    assert verdict["gen_time"] == "2025-03-11T08:52:08Z"
    assert verdict["hash_algorithm"] == "sha512"
    assert verdict["signer_expired_since"] is True
    assert any("expired" in n for n in verdict["notes"])
    # Human-readable output says the same.
    proc = locker(
        "verify-token",
        "--token",
        d / "issue-104.tsr",
        "--data",
        hello,
        "--ca",
        d / "identrust-commercial-root-ca-1.pem",
    )
    assert proc.returncode == 0 and "VALID" in proc.stdout and "expired" in proc.stdout


def test_identrust_root_as_downloaded_in_der_form(
    real_fixtures: Path, hello: Path, tmp_path: Path
) -> None:
    """A root fetched from a TSA's web site is often a DER .cer; it used to be refused as
    'not valid PEM' (exit 5)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    d = real_fixtures / "identrust"
    cert = x509.load_pem_x509_certificate((d / "identrust-commercial-root-ca-1.pem").read_bytes())
    der = tmp_path / "IdenTrust Commercial Root CA 1.cer"
    der.write_bytes(cert.public_bytes(Encoding.DER))
    rc, verdict = _verify("--token", d / "issue-104.tsr", "--data", hello, "--ca", der)
    assert rc == 0 and verdict["ok"], verdict
    # Other data under the same DER root is still invalid; garbage is still refused.
    other = tmp_path / "other"
    other.write_bytes(b"hello!")
    assert _verify("--token", d / "issue-104.tsr", "--data", other, "--ca", der)[0] == 4
    junk = tmp_path / "junk.cer"
    junk.write_bytes(b"\x30\x03\x02\x01\x01")
    assert _verify("--token", d / "issue-104.tsr", "--data", hello, "--ca", junk)[0] == 5


def test_real_token_for_other_data_is_rejected(real_fixtures: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.write_bytes(b"hello!")
    d = real_fixtures / "identrust"
    rc, verdict = _verify(
        "--token",
        d / "issue-104.tsr",
        "--data",
        other,
        "--ca",
        d / "identrust-commercial-root-ca-1.pem",
    )
    assert rc == 4 and "other data" in verdict["problems"][0]


def test_real_token_against_the_wrong_trust_anchor(real_fixtures: Path, hello: Path) -> None:
    rc, verdict = _verify(
        "--token",
        real_fixtures / "identrust" / "issue-104.tsr",
        "--data",
        hello,
        "--ca",
        real_fixtures / "sigstage" / "ts_chain.pem",
    )
    assert rc == 4
    assert any("trust anchor" in p for p in verdict["problems"])


def test_unreadable_inputs(real_fixtures: Path, hello: Path, tmp_path: Path) -> None:
    ca = real_fixtures / "identrust" / "identrust-commercial-root-ca-1.pem"
    garbage = tmp_path / "garbage.tsr"
    garbage.write_bytes(bytes(range(256)) * 3)
    proc = locker("verify-token", "--token", garbage, "--data", hello, "--ca", ca)
    assert proc.returncode == 5
    assert "not a readable time-stamp" in proc.stderr and "Traceback" not in proc.stderr
    empty = tmp_path / "empty.tsr"
    empty.write_bytes(b"")
    assert locker("verify-token", "--token", empty, "--data", hello, "--ca", ca).returncode == 5
    proc = locker(
        "verify-token",
        "--token",
        real_fixtures / "identrust" / "issue-104.tsr",
        "--data",
        hello,
        "--ca",
        hello,
    )
    assert proc.returncode == 5 and "Traceback" not in proc.stderr
    proc = locker("verify-token", "--token", tmp_path / "missing.tsr", "--data", hello, "--ca", ca)
    assert proc.returncode == 6
