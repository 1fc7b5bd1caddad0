"""What the vault knows about a received item: the bundles it came in and its history
in the senders' custody chains (for `locker show` and the app's details pane)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app.bundle.chains import TRANSFER_EVENTS
from app.vault.events import Event

if TYPE_CHECKING:
    from app.vault.store import Vault


def received_details(vault: Vault, uid: str) -> dict[str, Any] | None:
    """None for an item that never came in a bundle."""
    conn = vault.read()
    bundles = [
        {
            "bundle_id": r[0],
            "exhibit": r[1],
            "origin_vault_id": r[2],
            "sender_fingerprint": r[3],
            "sender_vault_id": r[4],
            "exported_at": r[5],
            "imported_at": r[6],
        }
        for r in conn.execute(
            "SELECT ri.bundle_id, ri.exhibit, ri.origin_vault, b.sender_fingerprint,"
            " b.sender_vault_id, b.exported_at, b.imported_at FROM received_items ri"
            " JOIN received_bundles b ON b.bundle_id = ri.bundle_id WHERE ri.item_uid = ?"
            " ORDER BY b.imported_at",
            (uid,),
        )
    ]
    if not bundles:
        return None
    seen: set[tuple[str, int]] = set()
    history: list[dict[str, Any]] = []
    for vid, seq, payload, e_hash in conn.execute(
        "SELECT rc.vault_id, rc.seq, rc.payload, rc.entry_hash FROM received_custody rc"
        " JOIN received_items ri ON ri.bundle_id = rc.bundle_id"
        " WHERE ri.item_uid = ? AND rc.payload IS NOT NULL",
        (uid,),
    ):
        if (vid, seq) in seen:
            continue
        seen.add((vid, seq))
        data = json.loads(payload)
        about = data.get("item") == uid or (
            data.get("event") in TRANSFER_EVENTS
            and uid in ((data.get("data") or {}).get("items") or [])
        )
        if about:
            history.append(
                {
                    "at": data.get("at"),
                    "event": data.get("event"),
                    "vault_id": vid,
                    "seq": seq,
                    "entry_hash": e_hash,
                    "data": data.get("data"),
                }
            )
    history.sort(key=lambda e: (str(e["at"]), e["seq"]))
    unverified = _unverified_holders(vault, {b["bundle_id"] for b in bundles})
    for e in history:
        e["holder_verified"] = e["vault_id"] not in unverified
    return {
        "bundles": bundles,
        "sender_history": history,
        "unverified_holders": list(unverified.values()),
    }


UNVERIFIED_ROLE = (
    "earlier holder, UNVERIFIED (no signature of its own proves this chain; accepted on import)"
)


def unverified_holders(vault: Vault, uids: set[str]) -> set[str]:
    """Vault ids of unverified earlier holders of any of these received items."""
    if not uids:
        return set()
    marks = ",".join("?" * len(uids))
    bundle_ids = {
        str(r[0])
        for r in vault.read().execute(
            f"SELECT DISTINCT bundle_id FROM received_items WHERE item_uid IN ({marks})",
            sorted(uids),
        )
    }
    return set(_unverified_holders(vault, bundle_ids)) if bundle_ids else set()


def _unverified_holders(vault: Vault, bundle_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Earlier holders the person accepted on import although no signature of theirs
    proved their chain (app/bundle/holders.py), recorded in the bundle_imported event."""
    out: dict[str, dict[str, Any]] = {}
    for (payload,) in vault.read().execute(
        "SELECT payload FROM custody WHERE event = ?", (Event.BUNDLE_IMPORTED,)
    ):
        data = json.loads(payload).get("data") or {}
        if data.get("bundle_id") in bundle_ids:
            for holder in data.get("unverified_holders") or []:
                if isinstance(holder, dict) and isinstance(holder.get("vault_id"), str):
                    out[holder["vault_id"]] = holder
    return out
