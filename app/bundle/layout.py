"""Names of things inside a bundle (a BagIt bag, RFC 8493, zipped at its root).

bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt  VERIFY.txt
data/bundle.json                          what the bundle holds (signed via manifests)
data/exhibits/E-001/metadata.json         one folder per exhibit
data/exhibits/E-001/<role>/<file name>    original artifacts, bit-exact
data/exhibits/E-001/thumbnail-blurred.png derived, blurred (not evidence)
data/exhibits/E-001/timestamps/…          RFC 3161 responses (.tsr), Merkle proofs, TSA certs
data/custody/chain-<vault id>.jsonl       each handling vault's custody chain
data/report/custody-report.{html,pdf}     the chain-of-custody report
signature/tagmanifest-sha256.txt.sig      Ed25519 signature of tagmanifest-sha256.txt
signature/signer-ed25519.pem              the exporting vault's public key
signature/tagmanifest-sha256.txt.tsr      RFC 3161 token over the tag manifest (if stamped)
signature/tagmanifest-sha256.txt.tsa-ca.pem  that TSA's root as configured when stamped
verifier/check_bundle.py, README.txt      a copy of docs/verifier/check_bundle.py (tag files)
data/report/collection-statement.{html,pdf}  the collector's statement (to sign)
"""

from __future__ import annotations

import re
import unicodedata

FORMAT = "evidence-locker-bundle/1"
BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
VERIFY_TXT = "VERIFY.txt"
BUNDLE_JSON = "data/bundle.json"
REPORT_HTML = "data/report/custody-report.html"
REPORT_PDF = "data/report/custody-report.pdf"
STATEMENT_HTML = "data/report/collection-statement.html"
STATEMENT_PDF = "data/report/collection-statement.pdf"
CHECKER = "verifier/check_bundle.py"
CHECKER_README = "verifier/README.txt"
SIGNATURE = "signature/tagmanifest-sha256.txt.sig"
SIGNER_KEY = "signature/signer-ed25519.pem"
MANIFEST_TOKEN = "signature/tagmanifest-sha256.txt.tsr"
MANIFEST_TOKEN_CA = "signature/tagmanifest-sha256.txt.tsa-ca.pem"
SIGNATURE_FILES = (SIGNATURE, SIGNER_KEY, MANIFEST_TOKEN, MANIFEST_TOKEN_CA)

_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|%\u202a-\u202e\u2066-\u2069]")


def exhibit_id(index: int) -> str:
    return f"E-{index:03d}"


def exhibit_dir(exhibit: str) -> str:
    return f"data/exhibits/{exhibit}"


def chain_path(vault_id: str) -> str:
    return f"data/custody/chain-{safe_part(vault_id, 'vault')}.jsonl"


def safe_part(name: str, fallback: str = "file") -> str:
    """One path component safe on every OS and in every manifest tool (no '%', no path
    separators, control or bidi characters; NFC; at most ~120 bytes)."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name:
        name = fallback
    if name.split(".", 1)[0].upper() in _WINDOWS_RESERVED:
        name = "_" + name
    if len(name.encode("utf-8")) > 120:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:12] if dot and len(ext) <= 12 else ""
        stem = (stem if ext else name).encode("utf-8")[:100].decode("utf-8", "ignore").strip(" .")
        name = f"{stem or fallback}.{ext}" if ext else (stem or fallback)
    return name
