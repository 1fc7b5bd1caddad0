"""``locker recover``: build a new vault from everything intact in a vault whose leftover
-wal is damaged (see walcheck.py). The damaged vault and its -wal are only read.

Each candidate is a private copy (encrypted, in a hidden folder beside the output) of the
main file with a rebuilt -wal, tried in order until one passes a full verify:
1. every frame of the log, with salts and checksums made consistent (a flipped bit in a
   frame header or checksum loses nothing);
2. the same without the frames whose own bytes are damaged (older versions of those pages
   are used; works when later frames rewrote them);
3. the log up to the first damaged frame (what SQLite itself would show).
The first that verifies is written out like a backup (SQLCipher export, reopened and
verified, linked into place: never over an existing file), and the new vault records a
``vault_recovered`` custody event saying how.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import LockerError, NotFound, VaultExists, VerificationFailed
from app.vault import db, headseen, walcheck
from app.vault.events import Event
from app.vault.recover_lost import Lost, read_lost
from app.vault.store import Vault


@dataclass
class RecoverResult:
    out: Path
    method: str
    items: int
    items_before: int  # what the damaged vault shows read-only
    fork: tuple[int, str] = (0, "")  # the last event shared with the damaged vault
    lost: Lost = field(default_factory=lambda: Lost(0))  # what the damaged log held beyond

    def to_json(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "method": self.method,
            "items": self.items,
            "items_visible_in_damaged_vault": self.items_before,
            "lost": self.lost.to_json(),
        }


def _count_items(vault: Vault) -> int:
    return int(vault.read().execute("SELECT count(*) FROM items").fetchone()[0])


def _candidates(report: walcheck.WalReport | None) -> list[tuple[str, dict[str, Any]]]:
    if report is None or not report.ours:
        return [("the vault file as it is", {})]
    out: list[tuple[str, dict[str, Any]]] = [
        ("every frame of the write-ahead log, checksums repaired", {})
    ]
    if report.damaged:
        out.append(
            ("the write-ahead log without its damaged frames", {"skip": frozenset(report.damaged)})
        )
    out.append(("the write-ahead log up to its first damaged frame", {"upto": report.valid}))
    return out


def recover(path: Path, out: Path, key: bytes) -> RecoverResult:
    if out.exists() or out.is_symlink():
        raise VaultExists(f"{out} already exists; recover never writes over a file.")
    if not out.parent.is_dir():
        raise NotFound(f"The folder {out.parent} does not exist.")
    salt = db.read_salt(path)
    db.check_key(path, key, salt)
    wal = Path(f"{path}-wal")
    report = walcheck.analyse(wal) if wal.is_file() else None
    with Vault.open(path, key=key) as damaged:  # read-only when the log is damaged
        before = _count_items(damaged)
    work_dir = out.parent / f".{out.name}.recover-{uuid.uuid4().hex[:8]}"
    work_dir.mkdir(mode=0o700)
    failures: list[str] = []
    try:
        for n, (method, options) in enumerate(_candidates(report)):
            work = work_dir / f"candidate-{n}.locker"
            shutil.copyfile(path, work)
            kept = 0
            if report is not None and report.ours:
                kept = walcheck.repaired_log(report, Path(f"{work}-wal"), **options)
            try:
                result = _try(work, out, key, method, before, path)
            except LockerError as exc:
                failures.append(f"{method}: {exc}")
                continue
            if result is not None:
                if report is not None and report.ours:
                    result.lost = read_lost(path, report, key, work_dir, result.fork, kept)
                return result
            failures.append(f"{method}: did not verify")
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    raise VerificationFailed(
        "Nothing that verifies could be recovered ("
        + "; ".join(failures)
        + "). The vault and its log were not "
        "changed; restore a backup."
    )


def _try(
    work: Path, out: Path, key: bytes, method: str, before: int, source: Path
) -> RecoverResult | None:
    from app.vault.maintenance import backup
    from app.vault.verify import verify_vault

    candidate = Vault.open(work, key=key, track_history=False)
    try:
        if candidate.damaged_log is not None or not verify_vault(candidate).ok:
            return None
        items = _count_items(candidate)
        written = backup(candidate, out)
    finally:
        candidate.close()
    with Vault.open(written, key=key) as new:
        previous = headseen.recorded(new.vault_id)  # what was seen of the damaged vault
        fork_seq, fork_hash = new.chain_head()  # the last event the damaged vault also has
        new.log_event(
            Event.VAULT_RECOVERED,
            None,
            {
                "method": method,
                "items": items,
                "items_visible_before": before,
                "from_file": source.name,
            },
        )
        # The new vault is the one to compare with now; the damaged one (and an intact copy
        # of it) is the other branch of a fork, not an older copy.
        headseen.remember_recovery(new, fork_seq, fork_hash, previous)
    with contextlib.suppress(OSError):
        db.fsync_dir(out.parent)
    return RecoverResult(written, method, items, before, (fork_seq, fork_hash))
