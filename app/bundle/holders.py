"""Earlier holders must be proven by their own signature.

A bundle that passes on received evidence carries the chain of every vault that held it.
The exporter's own chain is proven by the bundle's signature. Any other chain (an
earlier holder) could have been rewritten by the sender (another fingerprint, a capture
back-dated), so it counts only when an earlier bundle *that holder signed* vouches for it:
among the signed manifests carried on in ``data/custody/provenance/<bundle id>/``
(provenance.py) there must be one whose

- Ed25519 signature over its tag manifest is valid, made by the key whose fingerprint is
  in the chain's own ``vault_created`` entry;
- tag manifest covers its payload manifest, which covers its ``bundle.json``;
- ``bundle.json`` names that vault as exporter and gives that chain's head (entry hash
  and length), and the chain carried now ends exactly at that head.

Because every entry hash chains all earlier entries, that pins the whole chain, payloads
included. A holder that cannot be proven this way is an *unverified earlier holder*: the
"earlier holders" check fails (``verify-bundle`` exit 4, ``import`` refuses) unless the
person accepts it explicitly (``--accept-unverified-holders``); then it is recorded and
shown as unverified.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from app.bundle import signing
from app.bundle.chains import ChainCheck, disclosed_payloads
from app.bundle.checks import Finding
from app.bundle.errors import BundleInvalid
from app.vault.custody import ChainEntry
from app.vault.events import Event

NAME = "earlier holders"


class UnverifiedHolders(BundleInvalid):
    """Everything verifies except that earlier holders are not proven (exit 4); the
    person may accept them explicitly."""


def _exports(entries: list[ChainEntry]) -> list[str]:
    return [
        str((p.get("data") or {}).get("bundle_id") or "")
        for _e, p in disclosed_payloads(entries)
        if p.get("event") == Event.BUNDLE_EXPORTED
    ]


def _listed(manifest: bytes, path: str) -> str | None:
    for line in manifest.decode("utf-8", "replace").splitlines():
        digest, _, name = line.partition("  ")
        if name == path:
            return digest
    return None


def _signed_head(
    files: dict[str, bytes], vid: str, fingerprint: str, bundle_id: str
) -> tuple[int, str] | str:
    """(entries, head) that the holder signed for its own chain, or why not."""
    try:
        ok, signer = signing.check(files["signer_pem"], files["signature"], files["tagmanifest"])
    except Exception:  # noqa: BLE001 - hostile key material: not proven
        return "its signer key is unreadable"
    if not ok:
        return "its signature is invalid"
    if signer != fingerprint:
        return (
            f"it was signed by {signer}, not by the identity {fingerprint} named in the "
            "chain's vault_created entry"
        )
    tag = _listed(files["tagmanifest"], "manifest-sha256.txt")
    if tag != hashlib.sha256(files["manifest"]).hexdigest():
        return "its tag manifest does not cover its manifest"
    raw = files.get("bundle_json")
    if raw is None:
        return "its bundle.json was not carried on (bundle passed on by an older version)"
    if _listed(files["manifest"], "data/bundle.json") != hashlib.sha256(raw).hexdigest():
        return "its bundle.json is not the one it signed"
    try:
        doc = json.loads(raw)
        exporter = doc["exporter"]
        chain = next(c for c in doc["chains"] if c.get("vault_id") == vid)
        entries, head = int(chain["entries"]), str(chain["head"])
    except (ValueError, KeyError, TypeError, StopIteration):
        return "its bundle.json does not give this chain's head"
    if (
        doc.get("bundle_id") != bundle_id
        or exporter.get("vault_id") != vid
        or exporter.get("fingerprint") != fingerprint
    ):
        return "its bundle.json names another bundle or exporter"
    return entries, head


def check(
    chains: dict[str, list[ChainEntry]],
    chain_checks: dict[str, ChainCheck],
    provenance: dict[str, dict[str, bytes]],
    exporter: str,
) -> tuple[Finding, list[dict[str, Any]]]:
    """The finding, and one record per unverified earlier holder."""
    proven: list[str] = []
    unverified: list[dict[str, Any]] = []
    for vid, entries in sorted(chains.items()):
        if vid == exporter:
            continue
        c = chain_checks.get(vid)
        fingerprint = c.fingerprint if c is not None else ""
        last = entries[-1] if entries else None
        why = "no bundle signed by this holder was carried on"
        for bundle_id in _exports(entries):
            files = provenance.get(bundle_id)
            if files is None:
                continue
            signed = _signed_head(files, vid, fingerprint, bundle_id)
            if isinstance(signed, str):
                why = f"earlier bundle {bundle_id[:8]}…: {signed}"
                continue
            count, head = signed
            if last is not None and last.seq == count and last.entry_hash == head:
                why = ""
                break
            why = (
                f"earlier bundle {bundle_id[:8]}… signed this chain up to entry {count}, "
                f"but the chain carried now ends at entry {last.seq if last else 0} "
                "or differs"
            )
        if why:
            unverified.append({"vault_id": vid, "fingerprint": fingerprint, "reason": why})
        else:
            proven.append(f"{fingerprint} (vault {vid[:8]}…) proven by its own signature")
    problems = [
        f"earlier holder {u['fingerprint'] or '?'} (vault {u['vault_id'][:8]}…) is "
        f"UNVERIFIED: {u['reason']}"
        for u in unverified
    ]
    count = len(proven) + len(unverified)
    detail = (
        f"{len(proven)} of {count} earlier holder(s) proven by their own signature"
        if count
        else "no earlier holder"
    )
    return Finding(NAME, not problems, detail, problems, proven), unverified


def only_holders_fail(report: Any) -> bool:
    failed = [c.name for c in report.checks if not c.ok]
    return failed == [NAME]


def accept(report: Any) -> bool:
    """The person accepts unverified earlier holders: the check passes with notes saying
    so (the holders stay marked unverified). Returns whether there was anything to accept."""
    found = False
    for c in report.checks:
        if c.name == NAME and c.problems:
            c.notes = [f"accepted by the person: {p}" for p in c.problems] + c.notes
            c.problems = []
            c.ok = True
            found = True
    report.ok = all(c.ok for c in report.checks)
    return found
