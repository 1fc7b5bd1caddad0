"""Custody chains inside a bundle: which entries are disclosed, how they are written and
read back, and how chains received earlier are carried on.

A bundle carries, per vault that handled the evidence, that vault's whole chain from its
first entry to its head. Entries about the exported items (and each vault's creation and
the bundle transfers that moved those items) are disclosed with their payload; every
other entry appears only as ``seq, prev_hash, payload_hash, entry_hash``, so the chain
verifies end to end without disclosing other evidence. One JSON object per line::

    {"seq": 7, "prev_hash": "…", "payload_hash": "…", "entry_hash": "…", "payload": "<canonical JSON text>"}

``payload`` is the exact text that was hashed (SHA-256 of its UTF-8 bytes = payload_hash).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.bundle import shapes
from app.bundle.errors import BundleRejected
from app.vault import custody
from app.vault.custody import ChainEntry
from app.vault.events import Event

if TYPE_CHECKING:
    from app.vault.store import Vault

TRANSFER_EVENTS = (Event.BUNDLE_EXPORTED, Event.BUNDLE_IMPORTED)
MAX_LINE = 1024 * 1024


def is_relevant(payload: dict[str, Any], uids: set[str]) -> bool:
    """Whether an entry is about the exported evidence and so is disclosed."""
    item = payload.get("item")
    if item is not None:
        return item in uids
    event = payload.get("event")
    if event == Event.VAULT_CREATED:
        return True
    if event in TRANSFER_EVENTS or str(event).startswith("takedown_"):
        data = payload.get("data") or {}
        return bool(set(data.get("items") or []) & uids)
    return False


def disclose(entries: Iterable[ChainEntry], uids: set[str]) -> Iterator[ChainEntry]:
    """The entries with payloads kept only where relevant to ``uids``."""
    for e in entries:
        keep = False
        if e.payload is not None:
            try:
                keep = is_relevant(json.loads(e.payload), uids)
            except ValueError:
                keep = False
        yield e if keep else ChainEntry(e.seq, e.payload_hash, e.prev_hash, e.entry_hash, None)


def entry_line(e: ChainEntry) -> bytes:
    data: dict[str, Any] = {
        "seq": e.seq,
        "prev_hash": e.prev_hash,
        "payload_hash": e.payload_hash,
        "entry_hash": e.entry_hash,
    }
    if e.payload is not None:
        data["payload"] = e.payload
    return (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def parse_lines(blocks: Iterable[bytes], what: str) -> Iterator[ChainEntry]:
    """Chain entries from a JSON-lines stream, strictly typed; BundleRejected otherwise."""
    pending = b""
    for block in blocks:
        pending += block
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            yield _parse_line(line, what)
        if len(pending) > MAX_LINE:
            raise BundleRejected(f"{what}: a line is too long.")
    if pending.strip():
        yield _parse_line(pending, what)


def _parse_line(line: bytes, what: str) -> ChainEntry:
    """One chain line, and its disclosed payload, checked against app/bundle/shapes.py."""
    data = shapes.parse(line, shapes.CHAIN_LINE, f"{what}: a line")
    seq = int(data["seq"])
    payload = data.get("payload")
    if payload is not None:
        shapes.parse_payload(payload, f"{what}: entry {seq} payload")
    return ChainEntry(seq, data["payload_hash"], data["prev_hash"], data["entry_hash"], payload)


@dataclass
class ChainCheck:
    vault_id: str
    entries: int
    head: str
    head_seq: int
    fingerprint: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_chain(entries: list[ChainEntry], vault_id: str) -> ChainCheck:
    """Recompute links from the genesis; disclosed payloads must name this vault; the first
    entry must be the disclosed ``vault_created`` naming the vault's identity."""
    report = custody.verify_chain(entries)
    problems = list(report.problems)
    fingerprint = ""
    if not entries or entries[0].seq != 1:
        problems.append("the chain does not start at its first entry")
    for e in entries:
        if e.payload is None:
            continue
        try:
            payload = json.loads(e.payload)
        except ValueError:
            continue  # verify_chain reported it
        if not isinstance(payload, dict) or payload.get("vault_id") != vault_id:
            problems.append(f"entry {e.seq}: belongs to another vault")
        elif e.seq == 1 and payload.get("event") == Event.VAULT_CREATED:
            fingerprint = str((payload.get("data") or {}).get("identity_fingerprint") or "")
    if entries and not fingerprint:
        problems.append("the chain's first entry does not disclose the vault's identity")
    head_seq = entries[-1].seq if entries else 0
    return ChainCheck(vault_id, report.entries, report.head, head_seq, fingerprint, problems)


def disclosed_payloads(
    entries: Iterable[ChainEntry],
) -> Iterator[tuple[ChainEntry, dict[str, Any]]]:
    for e in entries:
        if e.payload is not None:
            try:
                payload = json.loads(e.payload)
            except ValueError:
                continue
            if isinstance(payload, dict):
                yield e, payload


# -- reading chains out of a vault -------------------------------------------------------


def local_chain(vault: Vault, uids: set[str]) -> list[ChainEntry]:
    return list(disclose(vault.chain_entries(), uids))


def received_chains(vault: Vault, uids: set[str]) -> dict[str, list[ChainEntry]]:
    """Chains that came with received items, merged per originating vault (a later bundle
    may carry a longer chain of the same vault), re-disclosed for ``uids``."""
    conn = vault.read()
    marks = ",".join("?" * len(uids))
    if not uids:
        return {}
    bundles = [
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT bundle_id FROM received_items WHERE item_uid IN ({marks})",
            tuple(uids),
        )
    ]
    merged: dict[str, dict[int, ChainEntry]] = {}
    for bundle_id in bundles:
        for vid, seq, p_hash, prev, e_hash, payload in conn.execute(
            "SELECT vault_id, seq, payload_hash, prev_hash, entry_hash, payload"
            " FROM received_custody WHERE bundle_id = ? ORDER BY vault_id, seq",
            (bundle_id,),
        ):
            chain = merged.setdefault(str(vid), {})
            old = chain.get(int(seq))
            if old is None or (
                old.payload is None and payload is not None and old.entry_hash == e_hash
            ):
                chain[int(seq)] = ChainEntry(int(seq), p_hash, prev, e_hash, payload)
    return {
        vid: list(disclose((chain[s] for s in sorted(chain)), uids))
        for vid, chain in merged.items()
    }
