"""Writing an item's timestamp tokens for a third party: for each token covering one of
the item's custody entries, ``<prefix>-timestamp-<id>.tsr`` (the TimeStampResp exactly
as received), ``<prefix>-timestamp-<id>.proof.json`` (Merkle proof and the entries'
fields) and ``<prefix>-timestamp-<id>.tsa-ca.pem`` (the trust anchors it was verified
against when stamped; a careful checker obtains the TSA's root independently).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from app.atomic import write_new_file
from app.timestamp.proofs import TokenProof, proofs_for_entries

if TYPE_CHECKING:
    from app.vault.store import Vault


def item_proofs(vault: Vault, item_uid: str) -> list[TokenProof]:
    seqs = [
        int(r[0])
        for r in vault.read().execute(
            "SELECT seq FROM custody WHERE item_uid = ? ORDER BY seq", (item_uid,)
        )
    ]
    return proofs_for_entries(vault, seqs)


def write_token_files(proof: TokenProof, out_dir: Path, stem: str) -> list[Path]:
    """Write one token's .tsr, .proof.json and .tsa-ca.pem as ``out_dir/stem.*``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_new_file(out_dir / f"{stem}.tsr", proof.response)]
    doc = proof.to_json()
    doc["token"]["file"] = written[0].name
    written.append(
        write_new_file(
            out_dir / f"{stem}.proof.json",
            json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"),
        )
    )
    pem = str(proof.token.get("trust_pem") or "")
    if pem:
        written.append(write_new_file(out_dir / f"{stem}.tsa-ca.pem", pem.encode("ascii")))
    return written


def write_item_tokens(vault: Vault, item_uid: str, out_dir: Path, prefix: str) -> list[Path]:
    """Write every token covering the item's custody entries; returns the files."""
    written: list[Path] = []
    for proof in item_proofs(vault, item_uid):
        written += write_token_files(proof, out_dir, f"{prefix}-timestamp-{proof.token['id']}")
    return written
