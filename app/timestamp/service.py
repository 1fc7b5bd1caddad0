"""The offline stamping queue.

Every custody entry is queued for every enabled TSA until a leaf ties it to a token
from that TSA (the queue lives in the custody table itself, so it survives restarts).
One request per TSA covers all pending entries: their entry hashes are the leaves of an
RFC 6962 Merkle tree whose 32-byte root is the token's SHA-256 message imprint. The
newest pending entry is the chain head, so each token anchors the whole history.

Failures never block capture: they are recorded per TSA with exponential backoff
(``stamp_due`` respects it; ``stamp_pending``, the explicit user action, does not).
Stamping writes no custody event (that would queue a new entry for ever); tokens and
leaves are themselves append-only.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from app.errors import LockerError
from app.timestamp import merkle
from app.timestamp.client import StampedToken, stamp_data
from app.timestamp.config import TSA, load_tsas
from app.timestamp.errors import TimestampError
from app.vault.models import parse_rfc3339, to_rfc3339, utc_now

if TYPE_CHECKING:
    from app.vault.store import Vault

Progress = Callable[[str], None]
BACKOFF_FIRST_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 3600
MAX_BATCH = 1 << 16  # entries per request (memory for audit paths stays modest)
_stamp_lock = threading.Lock()


@dataclass
class TSAOutcome:
    tsa: str
    url: str
    ok: bool
    entries: int = 0  # custody entries in the batch
    token_id: int | None = None
    gen_time: str | None = None
    root: str | None = None
    error: str = ""
    next_retry_at: str | None = None
    skipped: bool = False  # backoff not over yet (stamp_due only)


@dataclass
class StampReport:
    outcomes: list[TSAOutcome] = field(default_factory=list)
    pending_after: int = 0

    @property
    def ok(self) -> bool:
        return all(o.ok or o.skipped for o in self.outcomes)

    @property
    def stamped(self) -> int:
        return sum(o.entries for o in self.outcomes if o.ok)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "pending_after": self.pending_after,
            "outcomes": [asdict(o) for o in self.outcomes],
        }


def backoff_seconds(failures: int) -> int:
    """30 s, 1 min, 2 min, ... capped at 6 h, after ``failures`` consecutive failures."""
    if failures <= 0:
        return 0
    return int(min(BACKOFF_FIRST_SECONDS * 2 ** min(failures - 1, 20), BACKOFF_MAX_SECONDS))


def pending_entries(vault: Vault, tsa_url: str) -> list[tuple[int, bytes]]:
    """(seq, entry_hash) of custody entries not yet covered by a token from ``tsa_url``."""
    rows = (
        vault.read()
        .execute(
            "SELECT seq, entry_hash FROM custody WHERE seq NOT IN ("
            " SELECT l.custody_seq FROM ts_leaves l JOIN ts_tokens t ON t.id = l.token_id"
            " WHERE t.tsa_url = ?) ORDER BY seq",
            (tsa_url,),
        )
        .fetchall()
    )
    return [(int(seq), bytes.fromhex(str(h))) for seq, h in rows]


def pending_count(vault: Vault) -> int:
    """Custody entries no TSA has stamped yet (for the status bar)."""
    row = (
        vault.read()
        .execute(
            "SELECT COUNT(*) FROM custody WHERE seq NOT IN (SELECT custody_seq FROM ts_leaves)"
        )
        .fetchone()
    )
    return int(row[0])


def last_error(vault: Vault) -> dict[str, Any] | None:
    """The most recent failure still in force (a TSA whose last attempt failed)."""
    row = (
        vault.read()
        .execute(
            "SELECT tsa_name, tsa_url, last_error, last_error_at, failures, next_retry_at"
            " FROM ts_attempts WHERE failures > 0 ORDER BY last_error_at DESC LIMIT 1"
        )
        .fetchone()
    )
    if row is None:
        return None
    keys = ("tsa", "url", "error", "at", "failures", "next_retry_at")
    return dict(zip(keys, row, strict=True))


def attempt_state(vault: Vault) -> list[dict[str, Any]]:
    keys = (
        "tsa",
        "url",
        "attempts",
        "failures",
        "last_attempt_at",
        "last_success_at",
        "last_error",
        "last_error_at",
        "next_retry_at",
    )
    rows = (
        vault.read()
        .execute(
            f"SELECT {', '.join(['tsa_name', 'tsa_url'] + list(keys[2:]))}"
            " FROM ts_attempts ORDER BY tsa_url"
        )
        .fetchall()
    )
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _record_attempt(vault: Vault, tsa: TSA, error: str | None) -> str | None:
    now = utc_now()
    with vault.write() as conn:
        row = conn.execute(
            "SELECT attempts, failures FROM ts_attempts WHERE tsa_url = ?", (tsa.url,)
        ).fetchone()
        attempts, failures = (0, 0) if row is None else (int(row[0]), int(row[1]))
        attempts += 1
        next_retry: str | None = None
        if error is None:
            failures = 0
        else:
            failures += 1
            delay = dt.timedelta(seconds=backoff_seconds(failures))
            next_retry = to_rfc3339(parse_rfc3339(now) + delay)
        conn.execute(
            "INSERT INTO ts_attempts (tsa_url, tsa_name, attempts, failures, last_attempt_at,"
            " last_success_at, last_error, last_error_at, next_retry_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(tsa_url) DO UPDATE SET tsa_name = excluded.tsa_name,"
            " attempts = excluded.attempts, failures = excluded.failures,"
            " last_attempt_at = excluded.last_attempt_at,"
            " last_success_at = COALESCE(excluded.last_success_at, last_success_at),"
            " last_error = CASE WHEN excluded.failures > 0 THEN excluded.last_error"
            "   ELSE '' END,"
            " last_error_at = COALESCE(excluded.last_error_at, last_error_at),"
            " next_retry_at = excluded.next_retry_at",
            (
                tsa.url,
                tsa.name,
                attempts,
                failures,
                now,
                None if error else now,
                error or "",
                now if error else None,
                next_retry,
            ),
        )
    return next_retry


def _store(
    vault: Vault,
    token: StampedToken,
    batch: list[tuple[int, bytes]],
    paths: list[list[bytes]],
    root: bytes,
) -> int:
    v = token.verdict
    with vault.write() as conn:
        cur = conn.execute(
            "INSERT INTO ts_tokens (tsa_url, tsa_name, signer_name, requested_at, received_at,"
            " gen_time, serial, policy, hash_alg, nonce, imprint, root, tree_size, first_seq,"
            " last_seq, trust_pem, response) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                token.tsa.url,
                token.tsa.name,
                v.tsa_name,
                token.requested_at,
                token.received_at,
                v.gen_time,
                v.serial,
                v.policy,
                v.hash_algorithm,
                str(token.nonce),
                v.imprint,
                root.hex(),
                len(batch),
                batch[0][0],
                batch[-1][0],
                b"".join(token.tsa.roots_pem).decode("ascii", "replace"),
                token.raw,
            ),
        )
        token_id = int(cur.lastrowid)
        conn.executemany(
            "INSERT INTO ts_leaves (custody_seq, token_id, leaf_index, audit_path)"
            " VALUES (?, ?, ?, ?)",
            (
                (seq, token_id, index, json.dumps([p.hex() for p in paths[index]]))
                for index, (seq, _h) in enumerate(batch)
            ),
        )
    return token_id


def stamp_with(vault: Vault, tsa: TSA, progress: Progress | None = None) -> TSAOutcome:
    """Stamp everything pending for one TSA: a single request, or one per MAX_BATCH
    entries for a very long queue (e.g. a TSA added to an old vault)."""
    outcome = TSAOutcome(tsa=tsa.name, url=tsa.url, ok=True)
    pending = pending_entries(vault, tsa.url)
    for start in range(0, len(pending), MAX_BATCH):
        batch = pending[start : start + MAX_BATCH]
        if progress:
            progress(f"{tsa.name}: stamping {len(batch)} custody entries")
        root, paths = merkle.tree_with_paths([h for _s, h in batch])
        try:
            token = stamp_data(root, tsa)
        except TimestampError as exc:
            outcome.ok = False
            outcome.error = str(exc)
            outcome.next_retry_at = _record_attempt(vault, tsa, str(exc))
            return outcome
        outcome.token_id = _store(vault, token, batch, paths, root)
        _record_attempt(vault, tsa, None)
        outcome.entries += len(batch)
        outcome.gen_time = token.verdict.gen_time
        outcome.root = root.hex()
    return outcome


def stamp_pending(
    vault: Vault,
    tsas: list[TSA] | None = None,
    progress: Progress | None = None,
    *,
    respect_backoff: bool = False,
    now: dt.datetime | None = None,
) -> StampReport:
    """Stamp all pending custody entries now, one request per TSA (each configured TSA
    stamps: redundancy). Failures are recorded, never raised."""
    tsas = load_tsas() if tsas is None else tsas
    report = StampReport()
    moment = now or dt.datetime.now(dt.UTC)
    with _stamp_lock:
        due = {r["url"]: r["next_retry_at"] for r in attempt_state(vault)}
        for tsa in tsas:
            retry_at = due.get(tsa.url)
            if respect_backoff and retry_at and parse_rfc3339(retry_at) > moment:
                report.outcomes.append(
                    TSAOutcome(tsa.name, tsa.url, False, skipped=True, next_retry_at=retry_at)
                )
                continue
            report.outcomes.append(stamp_with(vault, tsa, progress))
    report.pending_after = pending_count(vault)
    return report


def stamp_due(
    vault: Vault, tsas: list[TSA] | None = None, progress: Progress | None = None
) -> StampReport:
    """For the app's background worker: stamp what is pending for each TSA whose backoff
    has run out. Cheap when nothing is pending. Never raises for network trouble or an
    unreadable TSA list (that becomes a failed outcome with the reason)."""
    if tsas is None:
        try:
            tsas = load_tsas()
        except LockerError as exc:
            report = StampReport([TSAOutcome(tsa="TSA list", url="", ok=False, error=str(exc))])
            report.pending_after = pending_count(vault)
            return report
    return stamp_pending(vault, tsas, progress, respect_backoff=True)
