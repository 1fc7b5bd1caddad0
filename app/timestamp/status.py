"""Per-item timestamp status for `locker show` and the app.

For each custody event of an item: ``stamped`` (with every token covering it),
``pending`` (queued, no failure yet) or ``failed`` (queued, the last attempt after the
event failed; the reason and the next retry are given). The local time of the event and
the item's capture time are always shown next to genTime: a token only proves that the
entry existed *by* genTime.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app.timestamp.service import attempt_state, last_error, pending_count

if TYPE_CHECKING:
    from app.vault.store import Vault

__all__ = ["item_timestamps", "pending_count", "last_error", "vault_summary"]


def item_timestamps(vault: Vault, item_uid: str) -> list[dict[str, Any]]:
    conn = vault.read()
    captured = conn.execute("SELECT captured_at FROM items WHERE uid = ?", (item_uid,)).fetchone()
    captured_at = None if captured is None else str(captured[0])
    events = conn.execute(
        "SELECT seq, event, at, entry_hash FROM custody WHERE item_uid = ? ORDER BY seq",
        (item_uid,),
    ).fetchall()
    failures = [a for a in attempt_state(vault) if a["failures"] and a["last_error_at"]]
    out: list[dict[str, Any]] = []
    for seq, event, at, entry_hash in events:
        tokens = [
            {
                "token_id": r[0],
                "tsa": r[1],
                "tsa_url": r[2],
                "gen_time": r[3],
                "serial": r[4],
                "root": r[5],
                "tree_size": r[6],
                "leaf_index": r[7],
                "audit_path": json.loads(r[8]),
            }
            for r in conn.execute(
                "SELECT t.id, t.tsa_name, t.tsa_url, t.gen_time, t.serial, t.root,"
                " t.tree_size, l.leaf_index, l.audit_path FROM ts_leaves l"
                " JOIN ts_tokens t ON t.id = l.token_id WHERE l.custody_seq = ?"
                " ORDER BY t.gen_time, t.id",
                (seq,),
            )
        ]
        row: dict[str, Any] = {
            "custody_seq": seq,
            "event": event,
            "local_time": at,
            "captured_at": captured_at,
            "entry_hash": entry_hash,
            "tokens": tokens,
            "status": "stamped" if tokens else "pending",
            "reason": "",
            "gen_time": None,
            "tsa": None,
            "token_id": None,
            "root": None,
            "leaf_index": None,
            "tree_size": None,
            "audit_path": None,
            "next_retry_at": None,
        }
        if tokens:
            first = tokens[0]
            for key in (
                "gen_time",
                "tsa",
                "token_id",
                "root",
                "leaf_index",
                "tree_size",
                "audit_path",
            ):
                row[key] = first[key]
        else:
            after = [a for a in failures if str(a["last_error_at"]) >= str(at)]
            if after:
                latest = max(after, key=lambda a: str(a["last_error_at"]))
                row["status"] = "failed"
                row["reason"] = latest["last_error"]
                row["next_retry_at"] = latest["next_retry_at"]
        out.append(row)
    return out


def vault_summary(vault: Vault) -> dict[str, Any]:
    """Queue state for the status bar and `locker stamp --json`."""
    tokens = vault.read().execute("SELECT COUNT(*), MAX(gen_time) FROM ts_tokens").fetchone()
    return {
        "pending": pending_count(vault),
        "tokens": int(tokens[0]),
        "last_gen_time": tokens[1],
        "last_error": last_error(vault),
        "tsas": attempt_state(vault),
    }
