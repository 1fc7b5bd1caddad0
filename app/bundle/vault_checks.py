"""Vault verification for received evidence (registered by app.extensions).

``check_artifacts`` in the vault core skips the custody cross-check for received cases,
because their ``item_added`` entries live in the sender's chain. This check recomputes
every stored sender chain, and matches each received artifact's SHA-256 with the
sender's ``item_added`` entry and with the local ``received`` event.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app.bundle.chains import check_chain
from app.bundle.tokens import check_token, seq_maps
from app.vault.custody import ChainEntry
from app.vault.events import Event
from app.vault.verify import CheckResult

if TYPE_CHECKING:
    from app.vault.store import Vault


def check_received(vault: Vault) -> CheckResult:
    conn = vault.read()
    problems: list[str] = []
    # Per bundle: a file is checked only against the chains of the bundle(s) that brought
    # it, so a later bundle cannot make claims about evidence received from someone else.
    recorded: dict[tuple[str, str, str], str] = {}
    brought: dict[str, set[str]] = {}
    for uid, b_id in conn.execute("SELECT item_uid, bundle_id FROM received_items"):
        brought.setdefault(str(uid), set()).add(str(b_id))
    notes: list[str] = []
    chains = 0
    tokens_checked = 0
    for (bundle_id,) in conn.execute(
        "SELECT bundle_id FROM received_bundles ORDER BY id"
    ).fetchall():
        by_vault: dict[str, list[ChainEntry]] = {}
        for vid, seq, p_hash, prev, e_hash, payload in conn.execute(
            "SELECT vault_id, seq, payload_hash, prev_hash, entry_hash, payload"
            " FROM received_custody WHERE bundle_id = ? ORDER BY vault_id, seq",
            (bundle_id,),
        ):
            by_vault.setdefault(str(vid), []).append(
                ChainEntry(int(seq), p_hash, prev, e_hash, payload)
            )
        tokens_checked += _check_tokens(conn, str(bundle_id), by_vault, problems)
        for vid, entries in by_vault.items():
            chains += 1
            result = check_chain(entries, vid)
            problems += [
                f"bundle {str(bundle_id)[:8]} chain {vid[:8]}: {p}" for p in result.problems
            ]
            for e in entries:
                if e.payload is None:
                    continue
                payload = json.loads(e.payload)
                if payload.get("event") == Event.ITEM_ADDED:
                    uid = str(payload.get("item"))
                    if str(bundle_id) not in brought.get(uid, set()):
                        notes.append(
                            f"bundle {str(bundle_id)[:8]} chain {vid[:8]}: an entry about "
                            f"item {uid[:8]}, which that bundle did not bring, is ignored"
                        )
                        continue
                    for art in (payload.get("data") or {}).get("artifacts") or []:
                        recorded[(str(bundle_id), uid, str(art.get("role")))] = str(
                            art.get("sha256")
                        )
    local: dict[tuple[str, str], str] = {}
    for item_uid, payload in conn.execute(
        "SELECT item_uid, payload FROM custody WHERE event = ?", (Event.RECEIVED,)
    ):
        for art in (json.loads(payload).get("data") or {}).get("artifacts") or []:
            local[(str(item_uid), str(art.get("role")))] = str(art.get("sha256"))
    count = 0
    for item_id, uid, role, sha in conn.execute(
        "SELECT i.id, i.uid, a.role, a.sha256 FROM artifacts a JOIN items i ON i.id = a.item_id"
        " JOIN cases c ON c.id = i.case_id WHERE c.origin = 'received' ORDER BY a.id"
    ):
        count += 1
        claims = [recorded.get((b_id, uid, role)) for b_id in sorted(brought.get(uid, set()))]
        if not any(c is not None for c in claims) or any(c not in (None, sha) for c in claims):
            problems.append(f"item {item_id} {role}: hash differs from the sender's custody chain")
        if local.get((uid, role)) != sha:
            problems.append(f"item {item_id} {role}: hash differs from the local 'received' event")
    return CheckResult(
        "received evidence",
        not problems,
        f"{count} received artifacts match {chains} sender chain(s); "
        f"{tokens_checked} received token(s) verified",
        problems,
        notes,
    )


def _check_tokens(
    conn: Any, bundle_id: str, chains: dict[str, list[ChainEntry]], problems: list[str]
) -> int:
    """Re-verify the tokens that came with a bundle against its stored chains."""
    grouped: dict[str, dict[str, bytes]] = {}
    for name, data in conn.execute(
        "SELECT DISTINCT name, data FROM received_tokens WHERE bundle_id = ?", (bundle_id,)
    ):
        for suffix in (".proof.json", ".tsa-ca.pem", ".tsa-untrusted.pem", ".tsr"):
            if str(name).endswith(suffix):
                grouped.setdefault(str(name)[: -len(suffix)], {})[suffix] = bytes(data)
    maps = seq_maps(chains)
    for stem, files in grouped.items():
        if ".tsr" not in files or ".proof.json" not in files:
            problems.append(f"received token {stem}: files missing")
            continue
        result = check_token(
            stem,
            files[".tsr"],
            files[".proof.json"],
            files.get(".tsa-ca.pem"),
            maps,
            untrusted_pem=files.get(".tsa-untrusted.pem"),
        )
        problems += result.problems
    return len(grouped)
