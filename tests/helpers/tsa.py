"""A real RFC 3161 time-stamp authority on 127.0.0.1 for tests.

OpenSSL's ``ts -reply`` signs every request; a tiny HTTP server in a thread passes the
POSTed ``application/timestamp-query`` body to it and answers with the DER
``application/timestamp-reply``. Keys and certificates are made fresh (with
``cryptography``) in a temporary directory:

    ca.pem        self-signed root (the trust anchor to configure)
    signer.pem    TSA certificate, extendedKeyUsage = critical, timeStamping
    signer.key

Usage (import the fixtures `local_tsa` and `isolated_tsa_config` in a conftest)::

    from tests.helpers.tsa import LocalTSA, local_tsa

    with LocalTSA(tmp_path) as tsa:         # or the ``local_tsa`` fixture factory below
        tsa.url, tsa.ca_pem, tsa.signer_pem, tsa.request_count
        tsa.stop(); tsa.start()             # TSA down / back up (same URL)
        tsa.mode = "garbage"    # or "reject", "wrong_nonce", "http_error", "no_ess", "ok"

Variants: ``LocalTSA(dir, key="ec")`` signs with ECDSA P-256, ``critical_eku=False``
makes a signer whose timeStamping EKU is not critical (must be rejected),
``policy="1.2.3.4.1"`` sets the TSA's default policy.

By default only the signer certificate is embedded in responses. ``chain=2`` embeds the
root too, ``chain=3`` signs with a certificate issued by an intermediate CA and embeds
intermediate and root (OpenSSL's ``certs =``): OpenSSL then writes the SignedData
certificate SET in its own order (signer first), not DER-sorted, as deployed OpenSSL
TSAs do.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

MODES = ("ok", "garbage", "reject", "wrong_nonce", "http_error", "no_ess")
DEFAULT_POLICY = "1.3.6.1.4.1.55555.1.1"

_CNF = """\
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/signer.pem
signer_key = $dir/signer.key
signer_digest = sha256
default_policy = {policy}
{certs}other_policies = 1.3.6.1.4.1.55555.1.2
digests = {digests}
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Evidence Locker Test TSA"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _new_key(kind: str) -> Any:
    if kind == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem_key(key: Any) -> bytes:
    return bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def make_pki(
    directory: Path,
    *,
    key: str = "rsa",
    critical_eku: bool = True,
    ca_name: str = "Test TSA Root",
    signer_name: str = "Test TSA Signer",
    not_before: dt.datetime | None = None,
    signer_days: int = 3650,
) -> tuple[Path, Path, Path]:
    """Write ca.pem/ca.key and signer.pem/signer.key into ``directory``; return the
    paths of ca.pem, signer.pem, signer.key."""
    directory.mkdir(parents=True, exist_ok=True)
    start = not_before or (dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    ca_key = _new_key(key)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(ca_name))
        .issuer_name(_name(ca_name))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=7300))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    (directory / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    (directory / "ca.key").write_bytes(_pem_key(ca_key))
    signer_pem, signer_key = issue_signer(
        directory,
        "signer",
        key=key,
        critical_eku=critical_eku,
        name=signer_name,
        not_before=start,
        days=signer_days,
    )
    return directory / "ca.pem", signer_pem, signer_key


def issue_intermediate(
    directory: Path,
    stem: str = "inter",
    *,
    key: str = "rsa",
    name: str = "Test TSA Intermediate CA",
) -> Path:
    """Issue a CA certificate from ``directory``'s root: ``stem``.pem/.key."""
    ca_cert = x509.load_pem_x509_certificate((directory / "ca.pem").read_bytes())
    ca_key = serialization.load_pem_private_key((directory / "ca.key").read_bytes(), None)
    start = ca_cert.not_valid_before_utc
    inter_key = _new_key(key)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(ca_cert.subject)
        .public_key(inter_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=5000))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(inter_key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            False,
        )
        .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    (directory / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / f"{stem}.key").write_bytes(_pem_key(inter_key))
    return directory / f"{stem}.pem"


def issue_signer(
    directory: Path,
    stem: str,
    *,
    key: str = "rsa",
    critical_eku: bool = True,
    name: str = "Test TSA Signer",
    not_before: dt.datetime | None = None,
    days: int = 3650,
    issuer: str = "ca",
) -> tuple[Path, Path]:
    """Issue a TSA signer certificate from ``directory``'s CA (or the CA whose files
    are ``issuer``.pem/.key): ``stem``.pem/.key."""
    ca_cert = x509.load_pem_x509_certificate((directory / f"{issuer}.pem").read_bytes())
    ca_key = serialization.load_pem_private_key((directory / f"{issuer}.key").read_bytes(), None)
    start = not_before or (dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    signer_key = _new_key(key)
    signer_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(ca_cert.subject)
        .public_key(signer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=critical_eku
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(signer_key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            False,
        )
        .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    (directory / f"{stem}.pem").write_bytes(signer_cert.public_bytes(serialization.Encoding.PEM))
    (directory / f"{stem}.key").write_bytes(_pem_key(signer_key))
    return directory / f"{stem}.pem", directory / f"{stem}.key"


class LocalTSA:
    """OpenSSL ``ts -reply`` behind ThreadingHTTPServer on 127.0.0.1:<free port>."""

    def __init__(
        self,
        directory: Path,
        *,
        key: str = "rsa",
        critical_eku: bool = True,
        policy: str = DEFAULT_POLICY,
        name: str = "Test TSA",
        chain: int = 1,
    ) -> None:
        if chain not in (1, 2, 3):
            raise ValueError("chain is 1 (signer only), 2 (+ root) or 3 (+ intermediate, root)")
        self.dir = Path(directory)
        self.name = name
        self.policy = policy
        self.chain = chain
        self.ca_pem, self.signer_pem, self.signer_key = make_pki(
            self.dir, key=key, ca_name=f"{name} Root", signer_name=f"{name} Signer"
        )
        self.chain_pem: Path | None = None  # what `certs =` names (besides the signer)
        certs = ""
        if chain == 3:
            inter = issue_intermediate(self.dir, key=key, name=f"{name} Intermediate CA")
            self.signer_pem, self.signer_key = issue_signer(
                self.dir, "signer", key=key, name=f"{name} Signer", issuer="inter"
            )
            self.chain_pem = self.dir / "chain.pem"
            self.chain_pem.write_bytes(inter.read_bytes() + self.ca_pem.read_bytes())
        elif chain == 2:
            self.chain_pem = self.dir / "chain.pem"
            self.chain_pem.write_bytes(self.ca_pem.read_bytes())
        if self.chain_pem is not None:
            certs = f"certs = {self.chain_pem}\n"
        # OpenSSL's `ts -reply` refuses a signer whose timeStamping EKU is not critical, so
        # that variant re-signs OpenSSL's TSTInfo with `openssl cms -sign` (see _resign).
        self.weak_signer: tuple[Path, Path] | None = None
        if not critical_eku:
            self.weak_signer = issue_signer(
                self.dir, "weak-signer", key=key, critical_eku=False, name=f"{name} Signer"
            )
        (self.dir / "serial").write_text("01\n")
        self._cnf = self.dir / "openssl.cnf"
        self._cnf.write_text(
            _CNF.format(dir=self.dir, policy=policy, certs=certs, digests="sha256, sha384, sha512")
        )
        # A config that only accepts SHA-1 makes OpenSSL answer "rejection" (badAlg).
        self._reject_cnf = self.dir / "openssl-reject.cnf"
        self._reject_cnf.write_text(
            _CNF.format(dir=self.dir, policy=policy, certs=certs, digests="sha1")
        )
        self.mode = "ok"
        self.request_count = 0
        self.requests: list[bytes] = []
        self.responses: list[bytes] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self.start()

    # -- control ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tsa"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        """Start (or restart after stop()) on the same port, so ``url`` stays valid."""
        if self._server is not None:
            return
        server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler_class())
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="local-tsa", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Take the TSA down: connections to ``url`` are refused until start()."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> LocalTSA:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- signing ---------------------------------------------------------------------------
    def reply(self, query: bytes, *, config: Path | None = None) -> bytes:
        """Sign ``query`` (DER TimeStampReq) with OpenSSL; returns the DER TimeStampResp."""
        with self._lock:  # openssl rewrites its serial file
            qfile = self.dir / "query.tsq"
            rfile = self.dir / "reply.tsr"
            qfile.write_bytes(query)
            if rfile.exists():
                rfile.unlink()
            proc = subprocess.run(
                [
                    "openssl",
                    "ts",
                    "-reply",
                    "-config",
                    str(config or self._cnf),
                    "-queryfile",
                    str(qfile),
                    "-inkey",
                    str(self.signer_key),
                    "-signer",
                    str(self.signer_pem),
                    "-out",
                    str(rfile),
                ],
                capture_output=True,
                timeout=60,
            )
            if proc.returncode != 0 or not rfile.exists():
                raise RuntimeError(
                    f"openssl ts -reply failed: {proc.stderr.decode(errors='replace')}"
                )
            if self.weak_signer is not None and config is None:
                return self._resign(rfile, self.weak_signer)
            if self.mode == "no_ess" and config is None:
                return self._resign(rfile, (self.signer_pem, self.signer_key))
            return rfile.read_bytes()

    def _resign(self, reply: Path, signer: tuple[Path, Path]) -> bytes:
        """The same TSTInfo re-signed with plain `openssl cms -sign` by ``signer``
        (so without the ESS signing-certificate attribute a TSA must include)."""
        import rfc3161ng
        from pyasn1.codec.der import decoder, encoder

        resp = rfc3161ng.decode_timestamp_response(reply.read_bytes())
        token_der = encoder.encode(resp["timeStampToken"])
        token, tst, signed = (self.dir / n for n in ("token.der", "tst.der", "signed.der"))
        token.write_bytes(token_der)
        for cmd in (
            [
                "openssl",
                "cms",
                "-verify",
                "-noverify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                str(token),
                "-out",
                str(tst),
            ],
            [
                "openssl",
                "cms",
                "-sign",
                "-binary",
                "-nodetach",
                "-outform",
                "DER",
                "-econtent_type",
                "1.2.840.113549.1.9.16.1.4",
                "-nosmimecap",
                "-md",
                "sha256",
                "-in",
                str(tst),
                "-signer",
                str(signer[0]),
                "-inkey",
                str(signer[1]),
                "-out",
                str(signed),
            ],
        ):
            proc = subprocess.run(cmd, capture_output=True, timeout=60)
            if proc.returncode != 0:
                raise RuntimeError(f"{cmd[1:3]} failed: {proc.stderr.decode(errors='replace')}")
        new_token, _rest = decoder.decode(
            signed.read_bytes(), asn1Spec=resp["timeStampToken"].clone()
        )
        resp.setComponentByName("timeStampToken", new_token)
        return bytes(encoder.encode(resp))

    def _answer(self, query: bytes) -> tuple[int, bytes]:
        mode = self.mode
        if mode == "http_error":
            return 500, b"internal error"
        if mode == "garbage":
            return 200, b"\x30\x82\x01\x00 this is not a time-stamp response" + os.urandom(64)
        if mode == "reject":
            return 200, self.reply(query, config=self._reject_cnf)
        if mode == "wrong_nonce":
            return 200, self.reply(_with_other_nonce(query))
        return 200, self.reply(query)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                tsa.request_count += 1
                tsa.requests.append(body)
                try:
                    status, payload = tsa._answer(body)
                except Exception as exc:  # noqa: BLE001 - report as HTTP 500
                    status, payload = 500, str(exc).encode()
                if status == 200:
                    tsa.responses.append(payload)
                self.send_response(status)
                self.send_header(
                    "Content-Type", "application/timestamp-reply" if status == 200 else "text/plain"
                )
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def _with_other_nonce(query: bytes) -> bytes:
    """The same request with a different nonce (so the reply echoes the wrong one)."""
    import rfc3161ng

    req = rfc3161ng.decode_timestamp_request(query)
    nonce = int(req["nonce"]) if req["nonce"].isValue else 0
    req.setComponentByName("nonce", nonce + 1)
    return bytes(rfc3161ng.encode_timestamp_request(req))


def openssl_verify(
    response: Path | bytes,
    *,
    ca_pem: Path,
    digest_hex: str | None = None,
    data: Path | None = None,
    workdir: Path | None = None,
    attime: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``openssl ts -verify`` on a response (the independent cross-check)."""
    if isinstance(response, bytes):
        target = Path(workdir or ca_pem.parent) / "to-verify.tsr"
        target.write_bytes(response)
        response = target
    cmd = ["openssl", "ts", "-verify", "-in", str(response), "-CAfile", str(ca_pem)]
    if digest_hex is not None:
        cmd += ["-digest", digest_hex]
    if data is not None:
        cmd += ["-data", str(data)]
    if attime is not None:
        cmd += ["-attime", str(attime)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


@pytest.fixture
def isolated_tsa_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty TSA list via $LOCKER_TSA_CONFIG, so neither this process nor a `locker`
    subprocess contacts a public TSA (use it in any test that may stamp)."""
    config = tmp_path / "tsa-none.json"
    config.write_text('{"tsas": []}', encoding="utf-8")
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))
    yield config


@pytest.fixture
def local_tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., LocalTSA]]:
    """Factory fixture: ``tsa = local_tsa(key="ec", critical_eku=False, name="B")``.
    Every TSA made is stopped at the end of the test."""
    made: list[LocalTSA] = []

    def factory(**kwargs: Any) -> LocalTSA:
        tsa = LocalTSA(tmp_path_factory.mktemp("tsa"), **kwargs)
        made.append(tsa)
        return tsa

    yield factory
    for tsa in made:
        tsa.stop()
