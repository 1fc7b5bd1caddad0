"""Adding the tag-manifest time-stamp after export.

When no TSA answered during export, the exporter's ``bundle_written`` custody event
(which names the bundle id, the tag manifest's SHA-256 and the sealed file's SHA-256)
waits in the stamping queue like every other entry. Once stamped, ``locker stamp-bundle
VAULT FILE`` writes ``FILE.stamp.json`` beside the bundle: the token(s) and the Merkle
proof of that entry. ``verify-bundle`` picks the file up and checks that the stamped entry
is the exporter's record of exactly this tag manifest.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import atomic, drives
from app.bundle import checks, shapes, zipsig
from app.bundle.errors import BundleRejected
from app.errors import NotFound, StorageError, UsageError
from app.vault.events import Event

if TYPE_CHECKING:
    from app.vault.store import Vault

FORMAT = "evidence-locker-bundle-stamp/1"
SUFFIX = ".stamp.json"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1024 * 1024):
                digest.update(block)
    except FileNotFoundError as exc:
        raise NotFound(f"No bundle at {path}.") from exc
    return digest.hexdigest()


def write_stamp(vault: Vault, bundle: Path, *, stamp_now: bool = True) -> Path:
    """Write ``bundle.stamp.json`` for a bundle this vault exported."""
    from app.timestamp.proofs import proofs_for_entries

    sha = file_sha256(bundle)
    row = None
    for seq, payload in vault.read().execute(
        "SELECT seq, payload FROM custody WHERE event = ? ORDER BY seq DESC",
        (Event.BUNDLE_WRITTEN,),
    ):
        data = json.loads(payload).get("data") or {}
        if data.get("file_sha256") == sha:
            row = (int(seq), data)
            break
    if row is None:
        raise NotFound(f"This vault did not export {bundle.name} (or the file was changed).")
    proofs = proofs_for_entries(vault, [row[0]])
    if not proofs and stamp_now:
        from app.timestamp.service import stamp_pending

        stamp_pending(vault)
        proofs = proofs_for_entries(vault, [row[0]])
    if not proofs:
        raise StorageError(
            "The export record is not time-stamped yet (no TSA answered); it "
            "stays queued. Try again when a TSA is reachable."
        )
    doc = {
        "format": FORMAT,
        "bundle_id": row[1].get("bundle_id"),
        "tagmanifest_sha256": row[1].get("tagmanifest_sha256"),
        "vault_id": vault.vault_id,
        "stamps": [
            {
                "tsr": base64.b64encode(p.response).decode("ascii"),
                "proof": p.to_json(),
                "tsa_ca_pem": str(p.token.get("trust_pem") or ""),
            }
            for p in proofs
        ],
    }
    target = bundle.with_name(bundle.name + SUFFIX)
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists.")
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    drives.check_room(target.parent, len(data), what=f"stamp file {target.name}")
    try:
        return atomic.write_new_file(target, data, rename_if_exists=False)
    except FileExistsError as exc:
        raise UsageError(f"{target} already exists.") from exc


def check_stamp_file(
    path: Path, bundle_id: str, tagmanifest_sha256: str, exporter_vault_id: str
) -> checks.Finding:
    """Verify a ``.stamp.json`` against the bundle it sits beside."""
    from app.bundle.tokens import _trust
    from app.timestamp.proofs import check_leaf
    from app.timestamp.verify import verify_token

    try:
        if path.stat().st_size > 16 * 1024 * 1024:
            raise ValueError("too large")
        text = path.read_bytes()
    except (OSError, ValueError) as exc:
        raise BundleRejected(f"{path.name} is not a readable bundle stamp file ({exc}).") from exc
    # Every member checked against its shape (app/bundle/shapes.py) before use.
    doc = shapes.parse(text, shapes.STAMP_FILE, path.name)
    stamps: list[dict[str, Any]] = doc["stamps"]
    problems: list[str] = []
    notes: list[str] = []
    for n, stamp in enumerate(stamps, start=1):
        proof: dict[str, Any] = stamp["proof"]
        root = str(proof["merkle"]["root"])
        size = int(proof["merkle"]["tree_size"])
        leaves: list[dict[str, Any]] = proof["leaves"]
        raw = zipsig.strict_b64decode(stamp["tsr"])
        if raw is None:
            raise BundleRejected(f"{path.name}: stamp {n} token is not canonical base64.")
        payloads = [
            shapes.parse_payload(leaf["entry"]["payload"], f"{path.name}: stamp {n} entry payload")
            for leaf in leaves
            if (leaf.get("entry") or {}).get("payload") is not None
        ]
        if not any(
            p.get("event") == Event.BUNDLE_WRITTEN
            and p.get("vault_id") == exporter_vault_id
            and (p.get("data") or {}).get("tagmanifest_sha256") == tagmanifest_sha256
            and (p.get("data") or {}).get("bundle_id") == bundle_id
            for p in payloads
        ):
            problems.append(f"stamp {n}: does not stamp this bundle's tag manifest")
        for leaf in leaves:
            problems += [f"stamp {n}: {p}" for p in check_leaf(leaf, root, size)]
        pem = str(stamp.get("tsa_ca_pem") or "").encode("ascii", "replace") or None
        roots, trust = _trust(str((proof.get("token") or {}).get("tsa_url") or ""), pem)
        verdict = verify_token(raw, digest=bytes.fromhex(root), roots_pem=roots)
        problems += [f"stamp {n}: {p}" for p in verdict.problems]
        if verdict.ok:
            notes.append(
                f"tag manifest time-stamped (after export) {verdict.gen_time} by "
                f"{verdict.tsa_name}"
                + (" (TSA root from the stamp file)" if trust == "bundled" else "")
            )
    return checks.Finding(
        "manifest timestamp (added later)",
        not problems and bool(stamps),
        f"{len(stamps)} token(s) in {path.name}",
        problems or ([] if stamps else ["the stamp file holds no token"]),
        notes,
    )
