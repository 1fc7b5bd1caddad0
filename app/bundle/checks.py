"""Checks shared by export (self-check before sealing) and verify-bundle: custody chains,
exhibits against their ``item_added`` entries, and the list of transfers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.bundle.chains import ChainCheck, check_chain, disclosed_payloads
from app.vault.custody import ChainEntry
from app.vault.events import Event


@dataclass
class Finding:
    name: str
    ok: bool
    detail: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def check_chains(chains: dict[str, list[ChainEntry]]) -> tuple[Finding, dict[str, ChainCheck]]:
    results = {vid: check_chain(entries, vid) for vid, entries in chains.items()}
    problems = [f"chain {vid[:8]}: {p}" for vid, r in results.items() for p in r.problems]
    detail = ", ".join(f"{vid[:8]}… {r.entries} entries" for vid, r in results.items())
    return Finding(
        "custody chains",
        not problems and bool(results),
        detail or "no custody chain",
        problems or ([] if results else ["no chain"]),
    ), results


def item_added_index(
    chains: dict[str, list[ChainEntry]],
) -> dict[str, tuple[str, int, dict[str, Any]]]:
    """item uid -> (vault id, seq, item_added payload) across every chain."""
    index: dict[str, tuple[str, int, dict[str, Any]]] = {}
    for vid, entries in chains.items():
        for entry, payload in disclosed_payloads(entries):
            if payload.get("event") == Event.ITEM_ADDED and isinstance(payload.get("item"), str):
                index.setdefault(payload["item"], (vid, entry.seq, payload))
    return index


def check_exhibit(
    meta: dict[str, Any], index: dict[str, tuple[str, int, dict[str, Any]]]
) -> list[str]:
    """Problems with one exhibit's files against the custody entry that recorded them."""
    name = str(meta.get("exhibit"))
    uid = meta.get("uid")
    found = index.get(uid) if isinstance(uid, str) else None
    if found is None:
        return [f"{name}: no 'item_added' custody entry for this item is disclosed"]
    _vid, seq, payload = found
    data = payload.get("data") or {}
    recorded = {a.get("role"): a for a in data.get("artifacts") or [] if isinstance(a, dict)}
    problems = []
    artifacts = meta.get("artifacts") or []
    if {a.get("role") for a in artifacts} != set(recorded):
        problems.append(f"{name}: its files differ from those recorded in custody entry {seq}")
    for art in artifacts:
        rec = recorded.get(art.get("role"))
        if rec is None:
            continue
        if rec.get("sha256") != art.get("sha256") or rec.get("size") != art.get("size"):
            problems.append(f"{name} {art.get('role')}: SHA-256 differs from custody entry {seq}")
    if data.get("captured_at") != meta.get("captured_at"):
        problems.append(f"{name}: capture time differs from custody entry {seq}")
    return problems


TRANSFER_EVENTS = (Event.BUNDLE_EXPORTED, Event.BUNDLE_IMPORTED, Event.RECEIVED)


def transfers(
    chains: dict[str, list[ChainEntry]], fingerprints: dict[str, str]
) -> list[dict[str, Any]]:
    """Every disclosed export/import event, oldest first."""
    out = []
    for vid, entries in chains.items():
        for entry, payload in disclosed_payloads(entries):
            if payload.get("event") in (Event.BUNDLE_EXPORTED, Event.BUNDLE_IMPORTED) or str(
                payload.get("event")
            ).startswith("takedown_"):
                data = payload.get("data") or {}
                out.append(
                    {
                        "at": payload.get("at"),
                        "event": payload.get("event"),
                        "vault_id": vid,
                        "holder": fingerprints.get(vid, ""),
                        "seq": entry.seq,
                        "bundle_id": data.get("bundle_id"),
                        "from": data.get("sender_fingerprint") or "",
                        "to": data.get("recipient") or "",
                        "reason": data.get("reason") or "",
                        "items": len(data.get("items") or []),
                    }
                )
    out.sort(key=lambda t: (str(t["at"]), t["seq"]))
    return out


def events_by_item(
    chains: dict[str, list[ChainEntry]], uids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Every disclosed event about each item (and the transfers that moved it), oldest
    first, in one pass over the chains."""
    wanted = set(uids)
    out: dict[str, list[dict[str, Any]]] = {uid: [] for uid in uids}
    for vid, entries in chains.items():
        for entry, payload in disclosed_payloads(entries):
            data = payload.get("data") or {}
            about = {payload.get("item")} & wanted
            if payload.get("event") in (Event.BUNDLE_EXPORTED, Event.BUNDLE_IMPORTED) or str(
                payload.get("event")
            ).startswith("takedown_"):
                about |= set(data.get("items") or []) & wanted
            for uid in about:
                out[str(uid)].append(
                    {
                        "at": payload.get("at"),
                        "event": payload.get("event"),
                        "vault_id": vid,
                        "seq": entry.seq,
                        "entry_hash": entry.entry_hash,
                        "data": data,
                    }
                )
    for events in out.values():
        events.sort(key=lambda e: (str(e["at"]), e["seq"]))
    return out
