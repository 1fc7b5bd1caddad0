"""Merkle proofs tying custody entries to stored tokens, in a form a third party can
check: the entry's fields (to recompute its hash), the leaf index, tree size and audit
path (to recompute the root) and the root (= the token's SHA-256 message imprint).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.timestamp import merkle
from app.vault import custody

if TYPE_CHECKING:
    from app.vault.store import Vault

PROOF_FORMAT = "evidence-locker-timestamp-proof/1"
_TOKEN_COLUMNS = (
    "id",
    "tsa_url",
    "tsa_name",
    "signer_name",
    "requested_at",
    "received_at",
    "gen_time",
    "serial",
    "policy",
    "hash_alg",
    "nonce",
    "imprint",
    "root",
    "tree_size",
    "first_seq",
    "last_seq",
    "trust_pem",
)


@dataclass
class TokenProof:
    token: dict[str, Any]  # the ts_tokens row (without the response)
    response: bytes  # TimeStampResp exactly as received
    leaves: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The proof document written next to the .tsr (see README, 'Checking a
        timestamp by hand')."""
        t = self.token
        return {
            "format": PROOF_FORMAT,
            "token": {
                "id": t["id"],
                "tsa": t["tsa_name"],
                "tsa_url": t["tsa_url"],
                "signer": t["signer_name"],
                "gen_time": t["gen_time"],
                "serial": t["serial"],
                "policy": t["policy"],
                "hash_algorithm": t["hash_alg"],
                "nonce": t["nonce"],
                "requested_at": t["requested_at"],
            },
            "merkle": {
                "tree": "RFC 6962, SHA-256",
                "root": t["root"],
                "tree_size": t["tree_size"],
                "leaf_hash": "SHA-256(0x00 || leaf_data)",
                "node_hash": "SHA-256(0x01 || left || right)",
            },
            "leaves": self.leaves,
            "how_to_check": [
                "payload_hash = SHA-256(UTF-8 bytes of entry.payload)",
                "entry_hash = SHA-256(bytes(prev_hash) || bytes(payload_hash)) = leaf_data",
                "root = fold audit_path over leaf_hash(leaf_data) (RFC 9162 2.1.3.2)",
                "openssl ts -verify -digest <root> -in <token>.tsr -CAfile <TSA root>.pem",
            ],
        }


def _token_rows(vault: Vault, where: str, args: tuple[Any, ...]) -> dict[int, TokenProof]:
    rows = (
        vault.read()
        .execute(
            f"SELECT {', '.join(_TOKEN_COLUMNS)}, response FROM ts_tokens WHERE {where}"
            " ORDER BY id",
            args,
        )
        .fetchall()
    )
    return {
        int(r[0]): TokenProof(dict(zip(_TOKEN_COLUMNS, r[:-1], strict=True)), bytes(r[-1]))
        for r in rows
    }


def proofs_for_entries(
    vault: Vault, seqs: Iterable[int], *, disclose_payload: bool = True
) -> list[TokenProof]:
    """Every token covering any of ``seqs``, with the leaves for those seqs (for bundles
    and extracts). ``disclose_payload=False`` leaves out the entry payloads."""
    wanted = sorted(set(int(s) for s in seqs))
    conn = vault.read()
    proofs: dict[int, TokenProof] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT l.custody_seq, l.token_id, l.leaf_index, l.audit_path, c.event, c.at,"
            " c.item_uid, c.payload, c.payload_hash, c.prev_hash, c.entry_hash"
            f" FROM ts_leaves l JOIN custody c ON c.seq = l.custody_seq"
            f" WHERE l.custody_seq IN ({marks}) ORDER BY l.token_id, l.custody_seq",
            chunk,
        ).fetchall()
        for seq, token_id, index, path, event, at, item, payload, p_hash, prev, e_hash in rows:
            if token_id not in proofs:
                proofs.update(_token_rows(vault, "id = ?", (token_id,)))
            entry: dict[str, Any] = {
                "seq": seq,
                "event": event,
                "at": at,
                "item": item,
                "payload_hash": p_hash,
                "prev_hash": prev,
                "entry_hash": e_hash,
            }
            if disclose_payload:
                entry["payload"] = payload
            proofs[token_id].leaves.append(
                {
                    "custody_seq": seq,
                    "leaf_data": e_hash,
                    "leaf_index": index,
                    "audit_path": json.loads(path),
                    "entry": entry,
                }
            )
    return [proofs[k] for k in sorted(proofs)]


def check_leaf(leaf: dict[str, Any], root_hex: str, tree_size: int) -> list[str]:
    """Problems with one proof leaf: its entry must hash to leaf_data and its audit path
    must lead to ``root_hex``. An empty list means the leaf holds."""
    problems: list[str] = []
    seq = leaf.get("custody_seq")
    try:
        entry = leaf.get("entry") or {}
        leaf_data = bytes.fromhex(str(leaf["leaf_data"]))
        if entry:
            p_hash = str(entry["payload_hash"])
            if "payload" in entry and custody.payload_hash(str(entry["payload"])) != p_hash:
                problems.append(f"custody entry {seq}: payload does not match its hash")
            if custody.entry_hash(str(entry["prev_hash"]), p_hash) != leaf_data.hex():
                problems.append(f"custody entry {seq}: entry hash differs from the stamped leaf")
        path = [bytes.fromhex(str(p)) for p in leaf["audit_path"]]
        got = merkle.root_from_path(leaf_data, int(leaf["leaf_index"]), int(tree_size), path)
        if got.hex() != root_hex:
            problems.append(f"custody entry {seq}: audit path does not lead to the token's root")
    except (KeyError, TypeError, ValueError) as exc:
        problems.append(f"custody entry {seq}: malformed proof ({exc})")
    return problems
