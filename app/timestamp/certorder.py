"""Tokens whose SignedData certificate SET is not in DER order.

OpenSSL's ``ts -reply`` with a ``certs =`` chain writes the signer and its chain in its
own order; DER wants a SET OF sorted by encoding, and rfc3161-client (strict DER) refuses
the token. The certificate set is not covered by the CMS signature, so its order cannot
change what the token proves. ``with_sorted_certificates`` gives the same bytes with only
that SET's elements reordered, for parsing; the stored response stays exactly as received.

Parsed with pyasn1-modules. The rewrite is refused (None) unless the re-encoded
certificates appear in the response byte for byte, exactly once, as one run: so the only
difference between the response and its normalised form is the order of whole DER
certificate encodings, and any other non-DER encoding is still refused by the parser.
"""

from __future__ import annotations

MAX_CERTIFICATES = 32


def is_certificate_order_error(message: str) -> bool:
    """True for rfc3161-client's error about an unsorted SignedData certificate SET."""
    return "InvalidSetOrdering" in message and "SignedData::certificates" in message


def with_sorted_certificates(raw: bytes) -> bytes | None:
    """``raw`` with the SignedData certificates in DER (X.690 §11.6) order; None when
    the response cannot be read, has no such SET, is already sorted, or the SET's
    encoding is not exactly the DER encoding of its certificates."""
    # Imported here: pyasn1_modules takes 0.3-0.45 s to import, and only a TSA reply with
    # unsorted certificates needs it (not every `locker verify`; issue 15).
    from pyasn1.codec.der import decoder, encoder
    from pyasn1_modules import rfc3161, rfc5652

    try:
        resp, rest = decoder.decode(raw, asn1Spec=rfc3161.TimeStampResp())
        if rest or not resp["timeStampToken"].isValue:
            return None
        signed, rest = decoder.decode(
            resp["timeStampToken"]["content"], asn1Spec=rfc5652.SignedData()
        )
        if rest or not signed["certificates"].isValue:
            return None
        encodings = [bytes(encoder.encode(c)) for c in signed["certificates"]]
    except Exception:  # noqa: BLE001 - hostile DER: simply not normalisable
        return None
    if not 2 <= len(encodings) <= MAX_CERTIFICATES:
        return None
    longest = max(len(e) for e in encodings)
    ordered = sorted(encodings, key=lambda e: e.ljust(longest, b"\0"))
    before, after = b"".join(encodings), b"".join(ordered)
    if before == after or raw.count(before) != 1:
        return None
    return raw.replace(before, after)
