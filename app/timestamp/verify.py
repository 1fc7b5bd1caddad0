"""Complete, offline verification of one RFC 3161 time-stamp response.

Checks, in order: the bytes parse as a TimeStampResp (strict DER); status granted; the
message imprint equals the expected digest; the nonce matches the request; the policy
(when one is required); the signer certificate has a critical timeStamping EKU; the CMS
signature; the ESS signing-certificate attribute names that certificate; and the
signer's chain to a configured trust anchor, valid **at genTime**. rfc3161-client does
the signature and chain (OpenSSL PKCS7_verify at genTime).

A signer certificate that expired after genTime is reported as a note: the token was
valid when issued, which is the normal state of older evidence. Any failure is a
problem in the verdict, never an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import rfc3161_client
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from app.timestamp.certorder import is_certificate_order_error, with_sorted_certificates
from app.timestamp.ess import signing_certificate_problem

MAX_RESPONSE_BYTES = 1 << 20
HASH_OIDS = {
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "1.3.14.3.2.26": "sha1",
}
HASH_SIZES = {"sha256": 32, "sha384": 48, "sha512": 64, "sha1": 20}
STATUS_NAMES = {
    0: "granted",
    1: "grantedWithMods",
    2: "rejection",
    3: "waiting",
    4: "revocationWarning",
    5: "revocationNotification",
}


@dataclass
class TokenVerdict:
    ok: bool = False
    readable: bool = False  # the bytes parsed as a TimeStampResp
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    status: str = ""
    gen_time: str | None = None  # RFC 3339 UTC
    tsa_name: str = ""  # TSA name in the token, else the signer subject
    signer_subject: str = ""
    signer_not_after: str | None = None
    signer_expired_since: bool = False  # expired after genTime (a note, not a failure)
    serial: str = ""
    policy: str = ""
    hash_algorithm: str = ""
    imprint: str = ""  # hex
    nonce: str | None = None  # decimal

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _rfc3339(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def load_pem_certs(blobs: list[bytes]) -> list[x509.Certificate]:
    """Every certificate in the given PEM texts. Raises ValueError on unreadable PEM."""
    certs: list[x509.Certificate] = []
    for blob in blobs:
        for cert in x509.load_pem_x509_certificates(blob):
            if cert not in certs:
                certs.append(cert)
    return certs


def _self_signed(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject


def _name_text(name: Any) -> str:
    value = getattr(name, "value", None)
    if isinstance(value, x509.Name):
        return value.rfc4514_string()
    return "" if value is None else str(value)


def _openssl_reason(message: str) -> str:
    found = re.search(r'data: "Verify error: ([^"]+)"', message)
    return found.group(1) if found else ""


def verify_token(
    raw_response: bytes,
    *,
    digest: bytes | None,
    roots_pem: list[bytes],
    untrusted_pem: list[bytes] | None = None,
    nonce: int | None = None,
    policy: str | None = None,
    now: dt.datetime | None = None,
) -> TokenVerdict:
    """Verify ``raw_response`` (DER TimeStampResp) against ``digest`` and the trust
    anchors in ``roots_pem``. ``untrusted_pem`` may supply intermediate or signer
    certificates; self-signed certificates there are ignored (they are not anchors)."""
    v = TokenVerdict()
    try:
        return _verify(
            v,
            raw_response,
            digest,
            roots_pem,
            untrusted_pem or [],
            nonce,
            policy,
            now or dt.datetime.now(dt.UTC),
        )
    except Exception as exc:  # noqa: BLE001 - hostile input must never crash the caller
        v.ok = False
        v.problems.append(f"the token could not be checked: {type(exc).__name__}: {exc}")
        return v


def _verify(
    v: TokenVerdict,
    raw: bytes,
    digest: bytes | None,
    roots_pem: list[bytes],
    untrusted_pem: list[bytes],
    nonce: int | None,
    policy: str | None,
    now: dt.datetime,
) -> TokenVerdict:
    if not raw:
        v.problems.append("the token file is empty")
        return v
    if len(raw) > MAX_RESPONSE_BYTES:
        v.problems.append("the token is too large to be a time-stamp response")
        return v
    try:
        resp, parsed = _decode(bytes(raw))
    except Exception as exc:  # noqa: BLE001 - malformed ASN.1 of any kind
        v.problems.append(f"not a readable time-stamp response (malformed DER: {exc})")
        return v
    if parsed != raw:
        v.notes.append(
            "the TSA sent its certificates in non-DER order (as OpenSSL TSAs do); "
            "they were sorted for checking, the token is kept as received"
        )
    raw = parsed
    v.readable = True
    v.status = STATUS_NAMES.get(int(resp.status), str(resp.status))
    if int(resp.status) != 0:
        text = "; ".join(resp.status_string) if resp.status_string else ""
        v.problems.append(
            f"the TSA did not grant a timestamp (status {v.status}"
            + (f": {text})" if text else ")")
        )
        return v
    try:
        info = resp.tst_info
        gen_time = info.gen_time
        if gen_time.tzinfo is None:
            gen_time = gen_time.replace(tzinfo=dt.UTC)
        v.gen_time = _rfc3339(gen_time)
        v.serial = str(info.serial_number)
        v.policy = info.policy.dotted_string
        alg_oid = info.message_imprint.hash_algorithm.dotted_string
        v.hash_algorithm = HASH_OIDS.get(alg_oid, alg_oid)
        imprint = bytes(info.message_imprint.message)
        v.imprint = imprint.hex()
        token_nonce = info.nonce
        v.nonce = None if token_nonce is None else str(token_nonce)
        v.tsa_name = _name_text(info.name) if info.name is not None else ""
        embedded = [x509.load_der_x509_certificate(c) for c in resp.signed_data.certificates]
        signer_infos = list(resp.signed_data.signer_infos)
    except Exception as exc:  # noqa: BLE001
        v.readable = False
        v.problems.append(f"the token's content is malformed ({exc})")
        return v

    # What was stamped, and for whom.
    if v.hash_algorithm not in ("sha256", "sha384", "sha512"):
        v.problems.append(f"unsupported or weak hash algorithm {v.hash_algorithm}")
    if len(imprint) != HASH_SIZES.get(v.hash_algorithm, len(imprint)):
        v.problems.append("the message imprint has the wrong length for its hash algorithm")
    if digest is None:
        v.notes.append("no data or digest was given, so the imprint was not compared")
    elif bytes(digest) != imprint:
        v.problems.append(
            "the token is for other data: its imprint does not match "
            f"({imprint.hex()[:16]}… instead of {bytes(digest).hex()[:16]}…)"
        )
    if nonce is not None and (token_nonce is None or int(token_nonce) != int(nonce)):
        v.problems.append("the nonce does not match the request (a replayed or mixed-up response)")
    if policy is not None and v.policy != policy:
        v.problems.append(f"the TSA policy is {v.policy}, not the required {policy}")

    # Certificates.
    try:
        roots = load_pem_certs(roots_pem)
        untrusted = load_pem_certs(untrusted_pem)
    except ValueError as exc:
        v.problems.append(f"a trust anchor or certificate file is not valid PEM ({exc})")
        return v
    if not roots:
        v.problems.append("no trust anchor was configured for this TSA")
        return v
    if len(signer_infos) != 1:
        v.problems.append(f"the token has {len(signer_infos)} signers instead of one")
        return v
    sid = signer_infos[0]
    signer = next(
        (
            c
            for c in embedded + untrusted + roots
            if c.issuer == sid.issuer and c.serial_number == sid.serial_number
        ),
        None,
    )
    if signer is None:
        v.problems.append(
            "the signer certificate is neither in the token nor supplied (give it with --untrusted)"
        )
        return v
    v.signer_subject = signer.subject.rfc4514_string()
    v.tsa_name = v.tsa_name or v.signer_subject
    not_after = signer.not_valid_after_utc
    v.signer_not_after = _rfc3339(not_after)
    _check_eku(v, signer)

    intermediates = [c for c in untrusted if not _self_signed(c) and c not in roots]
    builder = rfc3161_client.VerifierBuilder(
        roots=list(roots),
        intermediates=intermediates,
        tsa_certificate=None if signer in embedded else signer,
    )
    try:
        builder.build().verify(resp, imprint)
    except rfc3161_client.VerificationError as exc:
        v.problems.append(_explain(str(exc)))
    except Exception as exc:  # noqa: BLE001
        v.problems.append(f"the signature could not be checked ({exc})")
    ess_problem = signing_certificate_problem(bytes(raw), signer)
    if ess_problem:
        v.problems.append(ess_problem)

    if not v.problems and gen_time <= not_after < now:
        v.signer_expired_since = True
        v.notes.append(
            f"the TSA's signing certificate expired on {v.signer_not_after}, after "
            f"this token was issued ({v.gen_time}); it was valid at genTime, which "
            "is what counts"
        )
    v.ok = not v.problems
    return v


def _decode(raw: bytes) -> tuple[Any, bytes]:
    """The parsed TimeStampResp and the bytes parsed. OpenSSL TSAs with a `certs =` chain
    write the (unsigned) certificate SET unsorted: then a copy with only that SET in DER
    order is parsed; everything else stays strict. Raises what the parser raises."""
    try:
        return rfc3161_client.decode_timestamp_response(raw), raw
    except Exception as exc:
        sorted_raw = with_sorted_certificates(raw) if is_certificate_order_error(str(exc)) else None
        if sorted_raw is None:
            raise
    return rfc3161_client.decode_timestamp_response(sorted_raw), sorted_raw


def _check_eku(v: TokenVerdict, signer: x509.Certificate) -> None:
    try:
        eku = signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        v.problems.append(
            "the signer certificate is not a time-stamping certificate (no extendedKeyUsage)"
        )
        return
    if ExtendedKeyUsageOID.TIME_STAMPING not in eku.value:
        v.problems.append(
            "the signer certificate is not allowed to sign timestamps (no timeStamping EKU)"
        )
    elif not eku.critical:
        v.problems.append(
            "the signer certificate's timeStamping EKU is not marked critical "
            "(RFC 3161 requires it)"
        )


def _explain(message: str) -> str:
    reason = _openssl_reason(message)
    lower = message.lower()
    if "signature failure" in lower or "digest failure" in lower:
        return "the signature does not verify: the token was altered or damaged"
    if reason in (
        "unable to get local issuer certificate",
        "self-signed certificate in certificate chain",
        "unable to get issuer certificate",
        "self signed certificate in certificate chain",
    ):
        return "the signer does not chain to a configured trust anchor"
    if "expired" in reason or "not yet valid" in reason:
        return f"a certificate in the signer's chain was not valid at genTime ({reason})"
    if reason:
        return f"the signer's certificate chain is not valid at genTime ({reason})"
    if "eku" in lower:
        return f"the signer certificate is not a proper time-stamping certificate ({message})"
    return f"the token does not verify ({message})"
