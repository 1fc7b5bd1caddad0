"""RFC 3161 tokens in bundles: per exhibit, every token covering the item's custody
entries (``.tsr`` exactly as received, ``.proof.json`` Merkle proof, ``.tsa-ca.pem`` the
TSA trust anchors), and their verification on the receiving side."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.bundle import shapes
from app.jsonsafe import check, loads
from app.timestamp.proofs import check_leaf, proofs_for_entries
from app.timestamp.verify import TokenVerdict, verify_token
from app.vault.custody import ChainEntry

if TYPE_CHECKING:
    from app.vault.store import Vault


@dataclass
class TokenFiles:
    stem: str  # e.g. T-1a2b3c4d-7
    files: dict[str, bytes]  # suffix (.tsr/.proof.json/.tsa-ca.pem) -> bytes
    summary: dict[str, Any]


def local_item_tokens(vault: Vault, uid: str) -> list[TokenFiles]:
    seqs = [
        int(r[0])
        for r in vault.read().execute(
            "SELECT seq FROM custody WHERE item_uid = ? ORDER BY seq", (uid,)
        )
    ]
    out = []
    for proof in proofs_for_entries(vault, seqs):
        stem = f"T-{vault.vault_id[:8]}-{proof.token['id']}"
        doc = proof.to_json()
        doc["vault_id"] = vault.vault_id
        doc["token"]["file"] = stem + ".tsr"
        files = {
            ".tsr": proof.response,
            ".proof.json": json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"),
        }
        pem = str(proof.token.get("trust_pem") or "")
        if pem:
            files[".tsa-ca.pem"] = pem.encode("ascii", "replace")
        intermediates = _intermediates(str(proof.token.get("tsa_url") or ""))
        if intermediates:
            files[".tsa-untrusted.pem"] = intermediates
        out.append(TokenFiles(stem, files, summarise(doc)))
    return out


def received_item_tokens(vault: Vault, uid: str) -> list[TokenFiles]:
    """Tokens that came with a received item, to pass them on unchanged."""
    grouped: dict[str, dict[str, bytes]] = {}
    for name, data in vault.read().execute(
        "SELECT name, data FROM received_tokens WHERE item_uid = ? ORDER BY name", (uid,)
    ):
        for suffix in (".proof.json", ".tsa-ca.pem", ".tsa-untrusted.pem", ".tsr"):
            if str(name).endswith(suffix):
                grouped.setdefault(str(name)[: -len(suffix)], {})[suffix] = bytes(data)
    out = []
    for stem, files in sorted(grouped.items()):
        try:
            doc = json.loads(files.get(".proof.json", b"{}"))
        except ValueError:
            doc = {}
        out.append(TokenFiles(stem, files, summarise(doc if isinstance(doc, dict) else {})))
    return out


def summarise(doc: dict[str, Any]) -> dict[str, Any]:
    token = doc.get("token") or {}
    return {
        "tsa": token.get("tsa"),
        "tsa_url": token.get("tsa_url"),
        "signer": token.get("signer"),
        "gen_time": token.get("gen_time"),
        "serial": token.get("serial"),
        "policy": token.get("policy"),
        "root": (doc.get("merkle") or {}).get("root"),
        "vault_id": doc.get("vault_id"),
        "seqs": [leaf.get("custody_seq") for leaf in doc.get("leaves") or []],
    }


@dataclass
class TokenCheck:
    stem: str
    ok: bool
    gen_time: str | None
    tsa: str
    trust: str  # 'configured' (this computer's TSA list) or 'bundled' (from the bundle)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    covered: list[tuple[str, int]] = field(default_factory=list)  # (vault id, seq) in the chain


def seq_maps(chains: dict[str, list[ChainEntry]]) -> dict[str, dict[int, ChainEntry]]:
    return {vid: {e.seq: e for e in entries} for vid, entries in chains.items()}


def check_token(
    stem: str,
    tsr: bytes,
    proof_json: bytes,
    bundled_pem: bytes | None,
    chains: dict[str, dict[int, ChainEntry]],
    verdicts: dict[tuple[bytes, bytes, bytes], TokenVerdict] | None = None,
    untrusted_pem: bytes | None = None,
) -> TokenCheck:
    """Full token verification plus every Merkle proof leaf, tied to the bundle's chain
    (``chains``: vault id -> seq -> entry, see :func:`seq_maps`). ``verdicts`` caches the
    token check when many exhibits share one token."""
    problems: list[str] = []
    try:
        doc = check(loads(proof_json), shapes.PROOF, "the proof file")
        merkle = doc["merkle"]
        root_hex = str(merkle["root"])
        tree_size = int(merkle["tree_size"])
        leaves = list(doc["leaves"])
        token = dict(doc["token"])
        vault_id = str(doc.get("vault_id") or "")
        digest = bytes.fromhex(root_hex)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        return TokenCheck(
            stem, False, None, "", "", [f"{stem}: the proof file is malformed ({exc})"]
        )
    by_seq = chains.get(vault_id, {})
    covered: list[tuple[str, int]] = []
    for leaf in leaves:
        if not isinstance(leaf, dict):
            problems.append(f"{stem}: a proof leaf is malformed")
            continue
        problems += [f"{stem}: {p}" for p in check_leaf(leaf, root_hex, tree_size)]
        entry = by_seq.get(leaf.get("custody_seq"))  # type: ignore[arg-type]
        if entry is None or entry.entry_hash != leaf.get("leaf_data"):
            problems.append(
                f"{stem}: stamped entry {leaf.get('custody_seq')} is not in the "
                "bundle's custody chain"
            )
        else:
            covered.append((vault_id, entry.seq))
    roots, trust = _trust(str(token.get("tsa_url") or ""), bundled_pem)
    nonce = token.get("nonce")
    key = (
        hashlib.sha256(tsr).digest(),
        digest,
        hashlib.sha256(b"".join(roots) + str(nonce).encode()).digest(),
    )
    verdict = verdicts.get(key) if verdicts is not None else None
    if verdict is None:
        verdict = verify_token(
            tsr,
            digest=digest,
            roots_pem=roots,
            untrusted_pem=[untrusted_pem] if untrusted_pem else None,
            nonce=int(nonce)
            if isinstance(nonce, int)
            or (isinstance(nonce, str) and nonce.isascii() and nonce.isdigit())
            else None,
        )
        if verdicts is not None:
            verdicts[key] = verdict
    problems += [f"{stem}: {p}" for p in verdict.problems]
    notes = list(verdict.notes)
    if trust == "bundled":
        fp = hashlib.sha256(bundled_pem or b"").hexdigest()[:16]
        notes.append(
            f"{stem}: checked against the TSA root shipped in the bundle "
            f"(file SHA-256 {fp}…); confirm it is the TSA's real root"
        )
    return TokenCheck(
        stem,
        not problems,
        verdict.gen_time,
        verdict.tsa_name or str(token.get("tsa")),
        trust,
        problems,
        notes,
        covered,
    )


def _intermediates(url: str) -> bytes:
    """The configured intermediate certificates of a TSA, so a third party can build the
    chain (tokens usually embed only the signer certificate)."""
    try:
        from app.timestamp.config import trust_for

        tsa = trust_for(url) if url else None
    except Exception:  # noqa: BLE001 - no usable TSA list: nothing to add
        return b""
    return b"".join(tsa.untrusted_pem) if tsa is not None else b""


def _trust(url: str, bundled_pem: bytes | None) -> tuple[list[bytes], str]:
    try:
        from app.timestamp.config import trust_for

        configured = trust_for(url) if url else None
    except Exception:  # noqa: BLE001 - a broken local TSA list falls back to the bundle's
        configured = None
    if configured is not None and configured.roots_pem:
        return list(configured.roots_pem), "configured"
    return ([bundled_pem] if bundled_pem else []), "bundled"
