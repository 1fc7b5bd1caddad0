"""Signed provenance of earlier transfers.

When received evidence is passed on, the new bundle also carries, for every earlier
bundle that moved it, that bundle's own signed tag manifest, payload manifest, signature
and signer key (``data/custody/provenance/<bundle id>/``). A verifier can then check
that the earlier holder signed exactly these files' hashes, not only that the current
sender says so.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from app.bundle import signing
from app.bundle.chains import disclosed_payloads
from app.bundle.checks import Finding
from app.vault.custody import ChainEntry
from app.vault.events import Event

if TYPE_CHECKING:
    from app.bundle.safezip import BagSource
    from app.vault.store import Connection, Vault

FILES = {
    "tagmanifest": "tagmanifest-sha256.txt",
    "manifest": "manifest-sha256.txt",
    "signature": "signature.sig",
    "signer_pem": "signer-ed25519.pem",
    "bundle_json": "bundle.json",
}
# bundle.json (the earlier holder's signed chain heads, holders.py) was added later:
# provenance stored or carried without it is still passed on.
REQUIRED = set(FILES) - {"bundle_json"}
BASE = "data/custody/provenance"
_ID = re.compile(r"^[0-9A-Za-z-]{8,64}$")


def earlier_bundles(chains: dict[str, list[ChainEntry]], current: str) -> dict[str, str]:
    """bundle id -> exporting vault id, for every disclosed earlier export."""
    found = {}
    for vid, entries in chains.items():
        for _e, payload in disclosed_payloads(entries):
            data = payload.get("data") or {}
            bundle_id = str(data.get("bundle_id") or "")
            if (
                payload.get("event") == Event.BUNDLE_EXPORTED
                and bundle_id != current
                and _ID.match(bundle_id)
            ):
                found[bundle_id] = vid
    return found


def stored(vault: Vault, bundle_ids: list[str]) -> dict[str, dict[str, bytes]]:
    out: dict[str, dict[str, bytes]] = {}
    for bundle_id in bundle_ids:
        rows = vault.read().execute(
            "SELECT name, data FROM bundle_provenance WHERE origin_bundle_id = ?", (bundle_id,)
        )
        files = {str(n): bytes(d) for n, d in rows if str(n) in FILES}
        if REQUIRED <= set(files):
            out[bundle_id] = files
    return out


def bag_paths(bundle_id: str) -> dict[str, str]:
    return {key: f"{BASE}/{bundle_id}/{name}" for key, name in FILES.items()}


def read_from_bag(z: BagSource, manifest: dict[str, str], cap: int) -> dict[str, dict[str, bytes]]:
    from app.bundle.members import listed_bytes

    ids = {p.split("/")[3] for p in manifest if p.startswith(BASE + "/") and p.count("/") == 4}
    out = {}
    for bundle_id in sorted(ids):
        paths = {k: p for k, p in bag_paths(bundle_id).items() if p in manifest}
        if _ID.match(bundle_id) and REQUIRED <= set(paths):
            out[bundle_id] = {key: listed_bytes(z, p, cap, manifest) for key, p in paths.items()}
    return out


def check(
    provenance: dict[str, dict[str, bytes]],
    chains: dict[str, list[ChainEntry]],
    fingerprints: dict[str, str],
    exhibits: list[dict[str, Any]],
    current: str,
) -> Finding:
    """Each earlier transfer's signature, its signer against the chain that recorded the
    export, and the exhibits' hashes among the files it signed."""
    problems: list[str] = []
    notes: list[str] = []
    wanted = earlier_bundles(chains, current)
    hashes = {a["sha256"] for e in exhibits for a in e.get("artifacts") or []}
    covered: set[str] = set()
    for bundle_id, vid in sorted(wanted.items()):
        files = provenance.get(bundle_id)
        if files is None:
            notes.append(f"earlier bundle {bundle_id[:8]}…: no signed manifest carried")
            continue
        try:
            ok, fingerprint = signing.check(
                files["signer_pem"], files["signature"], files["tagmanifest"]
            )
        except Exception as exc:  # noqa: BLE001 - hostile key material is a failed check
            problems.append(f"earlier bundle {bundle_id[:8]}…: signer key unreadable ({exc})")
            continue
        if not ok:
            problems.append(f"earlier bundle {bundle_id[:8]}…: signature invalid")
        if fingerprint != fingerprints.get(vid):
            problems.append(
                f"earlier bundle {bundle_id[:8]}…: signed by another identity than "
                "the vault that recorded the export"
            )
        manifest_sha = hashlib.sha256(files["manifest"]).hexdigest()
        if (
            f"{manifest_sha}  manifest-sha256.txt"
            not in files["tagmanifest"].decode("utf-8", "replace").splitlines()
        ):
            problems.append(
                f"earlier bundle {bundle_id[:8]}…: its tag manifest does not cover its manifest"
            )
        listed = {
            line.split("  ", 1)[0]
            for line in files["manifest"].decode("utf-8", "replace").splitlines()
        }
        covered |= hashes & listed
        if not problems:
            notes.append(f"earlier bundle {bundle_id[:8]}… signed by {fingerprint}")
    detail = (
        f"{len(wanted)} earlier transfer(s); {len(covered)} of the exhibits' files appear in "
        "their signed manifests"
        if wanted
        else "no earlier transfer"
    )
    return Finding("earlier transfers", not problems, detail, problems, notes)


def store(
    conn: Connection, bundle_id: str, own: dict[str, bytes], carried: dict[str, dict[str, bytes]]
) -> None:
    for origin, files in [(bundle_id, own), *carried.items()]:
        for name, data in files.items():
            conn.execute(
                "INSERT OR IGNORE INTO bundle_provenance (origin_bundle_id, name, data)"
                " VALUES (?, ?, ?)",
                (origin, name, data),
            )
