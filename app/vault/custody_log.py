"""The custody chain as stored in the vault's ``custody`` table: appending one chained
entry inside the caller's write transaction, and reading entries back. (Hashing and
chain checks are in ``custody.py``; ``Vault.append_event``/``log_event`` call here.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from app import __version__
from app.vault import custody
from app.vault.events import Event
from app.vault.lookup import Connection
from app.vault.models import CustodyEvent, utc_now


def append(
    conn: Connection, vault_id: str, event: Event, item_uid: str | None, data: dict[str, Any]
) -> CustodyEvent:
    """Append one chained custody entry inside the caller's write transaction."""
    name = str(event)  # the stored string (plain str in the payload and the result)
    row = conn.execute("SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
    seq = 1 if row is None else int(row[0]) + 1
    prev = custody.GENESIS_PREV if row is None else str(row[1])
    at = utc_now()
    payload = {
        "seq": seq,
        "event": name,
        "at": at,
        "app_version": __version__,
        "vault_id": vault_id,
        "item": item_uid,
        "data": data,
    }
    text = custody.canonical_json(payload)
    p_hash = custody.payload_hash(text)
    e_hash = custody.entry_hash(prev, p_hash)
    conn.execute(
        "INSERT INTO custody (seq, at, app_version, event, item_uid, payload, payload_hash,"
        " prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, __version__, name, item_uid, text, p_hash, prev, e_hash),
    )
    return CustodyEvent(seq, at, __version__, name, item_uid, payload, p_hash, prev, e_hash)


def events(conn: Connection, item_uid: str | None = None) -> list[CustodyEvent]:
    """Every entry in order, or only those about one item."""
    if item_uid is None:
        rows = conn.execute("SELECT * FROM custody ORDER BY seq").fetchall()
    else:
        rows = conn.execute(
            "SELECT * FROM custody WHERE item_uid = ? ORDER BY seq", (item_uid,)
        ).fetchall()
    return [
        CustodyEvent(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7], r[8]) for r in rows
    ]


def chain_entries(conn: Connection) -> Iterator[custody.ChainEntry]:
    for seq, p_hash, prev, e_hash, payload in conn.execute(
        "SELECT seq, payload_hash, prev_hash, entry_hash, payload FROM custody ORDER BY seq"
    ):
        yield custody.ChainEntry(seq, p_hash, prev, e_hash, payload)


def chain_head(conn: Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, custody.GENESIS_PREV) if row is None else (int(row[0]), str(row[1]))
