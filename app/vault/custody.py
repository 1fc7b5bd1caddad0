"""The custody chain: canonical JSON payloads linked by SHA-256.

    payload_hash = SHA-256(canonical_json(payload))
    entry_hash   = SHA-256(bytes.fromhex(prev_hash) || bytes.fromhex(payload_hash))

The first entry's prev_hash is 64 zeros. Because an entry's hash depends on its payload
only through payload_hash, an export can show entries it does not disclose as bare
``(seq, payload_hash, entry_hash)`` and the chain still verifies end to end.

Canonical JSON: UTF-8, keys sorted, no insignificant whitespace, no NaN/Infinity,
non-ASCII characters kept as they are (``ensure_ascii=False``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_PREV = "0" * 64


def canonical_json(payload: Mapping[str, Any]) -> str:
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def payload_hash(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def entry_hash(prev_hash: str, payload_hash_hex: str) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + bytes.fromhex(payload_hash_hex)).hexdigest()


@dataclass(frozen=True)
class ChainEntry:
    seq: int
    payload_hash: str
    prev_hash: str
    entry_hash: str
    payload: str | None = None  # None when not disclosed

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seq": self.seq,
            "payload_hash": self.payload_hash,
            "prev_hash": self.prev_hash,
            "entry_hash": self.entry_hash,
        }
        if self.payload is not None:
            data["payload"] = json.loads(self.payload)
        return data


@dataclass
class ChainReport:
    ok: bool
    entries: int
    head: str
    problems: list[str]


def verify_chain(entries: Iterable[ChainEntry], start_prev: str = GENESIS_PREV) -> ChainReport:
    """Recompute every link. Disclosed payloads must hash to their payload_hash and name
    their own seq. Sequence numbers must be consecutive."""
    problems: list[str] = []
    prev = start_prev
    count = 0
    expected_seq: int | None = None
    for entry in entries:
        count += 1
        if expected_seq is not None and entry.seq != expected_seq:
            problems.append(f"entry {entry.seq}: sequence gap (expected {expected_seq})")
        expected_seq = entry.seq + 1
        if entry.prev_hash != prev:
            problems.append(f"entry {entry.seq}: does not link to the previous entry")
        if entry.payload is not None:
            if payload_hash(entry.payload) != entry.payload_hash:
                problems.append(f"entry {entry.seq}: payload does not match its hash")
            else:
                try:
                    parsed = json.loads(entry.payload)
                except ValueError:
                    parsed = None
                if not isinstance(parsed, dict) or parsed.get("seq") != entry.seq:
                    problems.append(f"entry {entry.seq}: payload names a different position")
        try:
            recomputed = entry_hash(entry.prev_hash, entry.payload_hash)
        except ValueError:
            recomputed = ""
        if recomputed != entry.entry_hash:
            problems.append(f"entry {entry.seq}: entry hash is wrong")
        prev = entry.entry_hash
        if len(problems) > 50:
            problems.append("... more problems not listed")
            break
    return ChainReport(ok=not problems, entries=count, head=prev, problems=problems)
