"""Rollback detection: the last custody chain head this computer saw for each vault.

Kept outside the vault (a vault put back from an older copy cannot remember what it lost),
in ``heads.json`` beside the unlock attempt counts in the app's config folder. Each vault
is keyed by a hash of its vault id; the record holds only sequence numbers and entry
hashes (nothing about the evidence). On open, a vault whose chain is shorter than, or
differs from, what was seen is flagged with the number of missing events; the vault still
opens. Backups carry the highest head seen (meta ``head_seen``), so a backup of a
rolled-back vault is flagged on any computer. ``locker recover`` records its new vault
(same vault id) as a fork of the damaged one: the damaged vault and intact copies of it
are then compared with what was seen of them before, not flagged as older copies.

Not covered: a rollback on a computer that never saw the newer vault (and that has no
backup carrying it), or one made together with an edit of this record.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_text_atomically
from app.vault.events import Event

if TYPE_CHECKING:
    from app.vault.store import Vault

FILE_NAME = "heads.json"
RECENT = 16  # consecutive entry hashes kept below the head
KEEP_BACKUPS = 20
META_KEY = "head_seen"


def record_path() -> Path:
    override = os.environ.get("LOCKER_CONFIG_DIR")
    if override:
        return Path(override) / FILE_NAME
    import platformdirs

    return Path(platformdirs.user_config_dir("evidence-locker", appauthor=False)) / FILE_NAME


def vault_key(vault_id: str) -> str:
    return hashlib.sha256(b"evidence-locker head\0" + vault_id.encode("utf-8")).hexdigest()[:32]


def checkpoint_seqs(head: int) -> list[int]:
    """The head, the RECENT entries below it, then every power-of-two step back."""
    seqs = {s for s in range(head - RECENT, head + 1) if s >= 1}
    step = RECENT
    while head - step >= 1:
        seqs.add(head - step)
        step *= 2
    if head >= 1:
        seqs.add(1)
    return sorted(seqs)


@dataclass
class Seen:
    seq: int
    hashes: dict[int, str]  # seq -> entry_hash (checkpoints)
    backups: list[int]  # seqs at which backups were made from this vault here
    # Set by `locker recover`: the new vault forked from the damaged one after event
    # ``fork[0]`` (entry hash ``fork[1]``; the new vault's next entry is ``fork[2]``);
    # ``before`` is what was seen of the old one.
    fork: tuple[int, str, str] | None = None
    before: Seen | None = None


@dataclass
class HistoryWarning:
    seen_seq: int
    current_seq: int
    missing: int  # events seen here that this vault lacks (at most, when ``exact`` is False)
    exact: bool
    diverged: bool  # the vault has entries that differ from the ones seen
    source: str  # "this computer" or "the computer that made this backup"

    def message(self) -> str:
        count = f"{self.missing}" if self.exact else f"up to {self.missing}"
        what = (
            f"its custody history differs from the one {self.source} last saw "
            f"(event {self.seen_seq})"
            if self.diverged
            else f"it is older than the copy {self.source} last saw (event {self.seen_seq}, "
            f"this file ends at event {self.current_seq})"
        )
        return (
            f"This vault may have been put back from an older copy: {what}; {count} "
            "custody events are missing. If you did not restore a backup yourself, "
            "keep this file and the newer copy if you have it, and get help. "
            "`locker verify --accept-history` records this in the custody log and "
            "stops this warning."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "seen_seq": self.seen_seq,
            "current_seq": self.current_seq,
            "missing_events": self.missing,
            "exact": self.exact,
            "diverged": self.diverged,
            "source": self.source,
        }


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**62


def _load() -> dict[str, Any]:
    try:
        data = json.loads(record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _parse(raw: object) -> Seen | None:
    """A record, cleaned: anyone at the PC can edit the file, so odd values are dropped."""
    if not isinstance(raw, dict) or not _is_int(raw.get("seq")):
        return None
    hashes: dict[int, str] = {}
    raw_hashes = raw.get("hashes")
    if isinstance(raw_hashes, dict):
        for k, v in raw_hashes.items():
            if isinstance(k, str) and k.isdigit() and isinstance(v, str) and len(v) == 64:
                hashes[int(k)] = v.lower()
    seq = int(raw["seq"])
    if seq not in hashes:
        return None
    backups = (
        [int(b) for b in raw.get("backups", []) if _is_int(b)]
        if isinstance(raw.get("backups"), list)
        else []
    )
    seen = Seen(seq, hashes, backups[-KEEP_BACKUPS:])
    fork = raw.get("fork")
    if (
        isinstance(fork, dict)
        and _is_int(fork.get("seq"))
        and all(isinstance(fork.get(k), str) and len(fork[k]) == 64 for k in ("hash", "next"))
    ):
        seen.fork = (int(fork["seq"]), fork["hash"].lower(), fork["next"].lower())
        before = raw.get("before")
        seen.before = _parse(before) if isinstance(before, dict) and "fork" not in before else None
    return seen


def _dump(seen: Seen) -> dict[str, Any]:
    out: dict[str, Any] = {
        "seq": seen.seq,
        "hashes": {str(k): v for k, v in sorted(seen.hashes.items())},
        "backups": seen.backups[-KEEP_BACKUPS:],
    }
    if seen.fork is not None:
        out["fork"] = {"seq": seen.fork[0], "hash": seen.fork[1], "next": seen.fork[2]}
        if seen.before is not None:
            out["before"] = _dump(seen.before)
    return out


def _hashes_at(vault: Vault, seqs: list[int]) -> dict[int, str]:
    if not seqs:
        return {}
    marks = ",".join("?" * len(seqs))
    rows = (
        vault.read()
        .execute(f"SELECT seq, entry_hash FROM custody WHERE seq IN ({marks})", seqs)
        .fetchall()
    )
    return {int(r[0]): str(r[1]) for r in rows}


def _snapshot(vault: Vault, seq: int, head: str) -> Seen:
    seqs = checkpoint_seqs(seq)
    hashes = _hashes_at(vault, [s for s in seqs if s != seq])
    hashes[seq] = head
    return Seen(seq, hashes, [])


def _carried(vault: Vault) -> Seen | None:
    """The head a backup carries (see :func:`carry_into`)."""
    try:
        row = vault.read().execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
        return None if row is None else _parse(json.loads(row[0]))
    except Exception:  # noqa: BLE001 - a bad row is no record
        return None


def compare(vault: Vault, seen: Seen, source: str) -> HistoryWarning | None:
    """None when the vault holds everything ``seen`` describes (same history, as long or
    longer); else what is missing."""
    current, head = vault.chain_head()
    ours = _hashes_at(vault, sorted(s for s in seen.hashes if s <= current))
    if current:
        ours[current] = head
    if current >= seen.seq and ours.get(seen.seq) == seen.hashes[seen.seq]:
        return None
    if (
        current < seen.seq
        and current in seen.backups
        and seen.hashes.get(current) in (None, head)
        and seen.seq == current + 1
    ):
        return None  # a backup made here; only its own backup_made event is not in it
    matches = {s: ours.get(s) == h for s, h in seen.hashes.items() if s <= current}
    if all(matches.values()):  # a shorter copy of the same history
        return HistoryWarning(seen.seq, current, seen.seq - current, True, False, source)
    common = max((s for s, ok in matches.items() if ok), default=0)
    first_bad = min((s for s, ok in matches.items() if not ok and s > common), default=common + 1)
    # The history forks somewhere in (common, first_bad]: every seen event from there on
    # is missing.
    return HistoryWarning(
        seen.seq, current, seen.seq - common, first_bad == common + 1, True, source
    )


def check(vault: Vault) -> HistoryWarning | None:
    """Compare the vault with this computer's record and with a head carried in it."""
    try:
        entry = _parse(_load().get(vault_key(vault.vault_id)))
        if entry is not None and _is_recovery_source(vault, entry):
            # The vault `locker recover` salvaged from (or a copy of it, such as the intact
            # copy from before the damage): not an older copy of the recovered vault, so it
            # is compared with what was seen of it before the recovery.
            entry = entry.before
        warning = compare(vault, entry, "this computer") if entry is not None else None
        if warning is None:
            carried = _carried(vault)
            if carried is not None:
                warning = compare(vault, carried, "the computer that made this backup")
        return warning
    except Exception:  # noqa: BLE001 - the record must never stop a vault from opening
        return None


def _is_recovery_source(vault: Vault, seen: Seen) -> bool:
    """Whether ``vault`` holds the fork point of a recovered vault recorded in ``seen`` but
    not the recovered vault's head (so it is the other branch of that fork)."""
    if seen.fork is None:
        return False
    fork_seq, fork_hash, recovered_next = seen.fork
    ours = _hashes_at(vault, [fork_seq, fork_seq + 1])
    return ours.get(fork_seq) == fork_hash and ours.get(fork_seq + 1) != recovered_next


def recorded(vault_id: str) -> Seen | None:
    """This computer's record for a vault id (None when there is none or it is unreadable)."""
    try:
        return _parse(_load().get(vault_key(vault_id)))
    except Exception:  # noqa: BLE001 - an odd record is no record
        return None


def remember_recovery(vault: Vault, fork_seq: int, fork_hash: str, old: Seen | None) -> None:
    """Record the vault `locker recover` just wrote (same vault id as the damaged one) as a
    fork after event ``fork_seq``: it is the one compared with from now on, and the other
    branch (the damaged vault, an intact copy of it) is not flagged as an older copy.
    ``old``: the record as it was before the recovery (see :func:`recorded`)."""
    if not vault.track_history:
        return
    with contextlib.suppress(Exception):  # a lost record must never block anything
        data = _load()
        key = vault_key(vault.vault_id)
        if old is not None and old.fork is not None:
            old = old.before  # an earlier recovery: keep what was seen of the original
        seq, head = vault.chain_head()
        new = _snapshot(vault, seq, head)
        recovered_next = _hashes_at(vault, [fork_seq + 1]).get(fork_seq + 1)
        if recovered_next is None:
            return
        new.fork, new.before = (fork_seq, fork_hash, recovered_next), old
        data[key] = _dump(new)
        write_text_atomically(record_path(), json.dumps(data))


def remember(vault: Vault, *, force: bool = False, backup_at: int | None = None) -> None:
    """Record the vault's current head as seen, when it extends the record (or with
    ``force``, after the person accepted a shorter history). A record this vault does not
    extend is kept, so the warning stays until accepted."""
    if not vault.track_history:
        return
    with contextlib.suppress(Exception):  # a lost record must never block anything
        data = _load()
        key = vault_key(vault.vault_id)
        old = _parse(data.get(key))
        seq, head = vault.chain_head()
        new = old
        if (
            old is None
            or force
            or (seq >= old.seq and _hashes_at(vault, [old.seq]).get(old.seq) == old.hashes[old.seq])
        ):
            new = _snapshot(vault, seq, head)
            new.backups = old.backups if old is not None else []
            if old is not None and not force:  # a recovery's fork stays known
                new.fork, new.before = old.fork, old.before
        assert new is not None
        if backup_at is not None:
            new.backups = [b for b in new.backups if b != backup_at] + [backup_at]
        if old is not None and _dump(new) == _dump(old):
            return
        data[key] = _dump(new)
        write_text_atomically(record_path(), json.dumps(data))


def highest_seen(vault: Vault) -> Seen:
    """What a backup should carry: the record when it is ahead of the vault, else the
    vault's own head."""
    seq, head = vault.chain_head()
    own = _snapshot(vault, seq, head)
    record = _parse(_load().get(vault_key(vault.vault_id))) if vault.track_history else None
    for other in (record, _carried(vault)):
        if other is not None and other.seq > own.seq:
            own = other
    return own


def carry_json(vault: Vault) -> str:
    """The meta ``head_seen`` value for a backup of ``vault``."""
    seen = highest_seen(vault)
    seen.backups = []
    return json.dumps(_dump(seen))


def accept(vault: Vault) -> None:
    """The person knows why the vault is behind (a backup restored): log the gap in the
    custody chain, and take the current head as the one seen here and carried in it."""
    warning = vault.history_warning
    if warning is None:
        return
    with vault.write() as conn:
        vault.append_event(conn, Event.HISTORY_GAP_ACCEPTED, None, warning.to_json())
        conn.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))
    remember(vault, force=True)
    vault.history_warning = None
