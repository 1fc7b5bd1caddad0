"""The ESS signing-certificate attribute (RFC 2634 / RFC 5035, required by RFC 3161
§2.4.1 and RFC 5816): a signed attribute naming the hash of the TSA's certificate, so
a token cannot be passed off under another certificate with the same key. Parsed with
pyasn1-modules; OpenSSL's ``ts -verify`` makes the same check."""

from __future__ import annotations

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12"  # ESSCertID, SHA-1
SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"  # ESSCertIDv2, SHA-256 by default
HASHES = {
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "1.3.14.3.2.26": "sha1",
}


def signing_certificate_problem(raw_response: bytes, signer: x509.Certificate) -> str | None:
    """None when the token's ESS attribute names ``signer``; else the problem."""
    # Imported here, only when a token is checked: pyasn1_modules takes 0.3-0.45 s to
    # import, which every `locker verify` paid (issue 15).
    from pyasn1.codec.der import decoder
    from pyasn1_modules import rfc2634, rfc3161, rfc5035, rfc5652

    try:
        resp, _ = decoder.decode(raw_response, asn1Spec=rfc3161.TimeStampResp())
        signed, _ = decoder.decode(resp["timeStampToken"]["content"], asn1Spec=rfc5652.SignedData())
        attrs = signed["signerInfos"][0]["signedAttrs"]
        found: tuple[str, bytes] | None = None
        for attr in attrs:
            kind = str(attr["attrType"])
            if kind == SIGNING_CERTIFICATE_V2:
                value, _ = decoder.decode(
                    attr["attrValues"][0], asn1Spec=rfc5035.SigningCertificateV2()
                )
                first = value["certs"][0]
                alg = first["hashAlgorithm"]
                oid = str(alg["algorithm"]) if alg.isValue else "2.16.840.1.101.3.4.2.1"
                found = (HASHES.get(oid, oid), bytes(first["certHash"]))
                break
            if kind == SIGNING_CERTIFICATE:
                value, _ = decoder.decode(
                    attr["attrValues"][0], asn1Spec=rfc2634.SigningCertificate()
                )
                found = ("sha1", bytes(value["certs"][0]["certHash"]))
    except Exception as exc:  # noqa: BLE001 - hostile DER: a problem, never a crash
        return f"the token's signed attributes are malformed ({type(exc).__name__})"
    if found is None:
        return "the token does not name its signing certificate (no ESS signingCertificate)"
    name, expected = found
    if name not in ("sha1", "sha256", "sha384", "sha512"):
        return f"the signing-certificate attribute uses an unknown hash ({name})"
    if hashlib.new(name, signer.public_bytes(Encoding.DER)).digest() != expected:
        return "the token names a different signing certificate than the one that signed it"
    return None
