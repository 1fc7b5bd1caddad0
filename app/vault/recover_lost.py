"""What `locker recover` could not bring back: read from the damaged log itself.

The log with every frame (salts and checksums repaired) is opened as a scratch copy and
its custody entries after the recovered vault's last shared event are read one by one
(a damaged page fails only the rows stored on it). ``item_added`` entries name the title
and SHA-256 of each lost item. When nothing is readable, the count of committed
transactions the chosen repair left out is still known from the frame headers.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.vault import walcheck
from app.vault.events import Event

MAX_SCAN = 100_000


@dataclass
class Lost:
    commits: int  # committed transactions in the damaged log that were not recovered
    events: int | None = None  # custody events after the fork read from the log (None: unreadable)
    unreadable: int = 0  # custody rows after the fork that sit on damaged pages
    items: list[dict[str, Any]] = field(default_factory=list)  # uid, title, sha256

    @property
    def nothing(self) -> bool:
        return self.commits == 0 and not self.events and not self.unreadable

    def to_json(self) -> dict[str, Any]:
        return {
            "commits": self.commits,
            "custody_events": self.events,
            "unreadable_events": self.unreadable,
            "items": self.items,
        }

    def text(self) -> str:
        if self.nothing:
            return "Nothing the damaged log held was left out."
        parts = [
            f"NOT recovered: {self.commits} saved change(s) (committed transactions) "
            "of the damaged log"
        ]
        if self.events is not None:
            parts.append(f", {self.events} custody event(s) after the last one recovered")
        if self.unreadable:
            parts.append(f" ({self.unreadable} of them unreadable: their page is damaged)")
        lines = ["".join(parts) + "."]
        if self.items:
            lines.append(
                f"Items saved before the crash that are NOT in the new vault ({len(self.items)}):"
            )
            lines += [
                f"  {i['title'] or '(no title)'}  sha256 {i['sha256'] or '?'}  (item {i['uid']})"
                for i in self.items
            ]
            lines.append(
                "Add these files again from where you got them, or restore a "
                "backup that holds them."
            )
        return "\n".join(lines)


def total_commits(report: walcheck.WalReport) -> int:
    return sum(1 for i in report.ours if report.frames[i].commit)


def read_lost(
    path: Path,
    report: walcheck.WalReport,
    key: bytes,
    work_dir: Path,
    fork: tuple[int, str],
    commits_kept: int,
) -> Lost:
    """``fork``: the recovered vault's last event shared with the damaged one (seq, hash)."""
    lost = Lost(max(0, total_commits(report) - commits_kept))
    scratch = work_dir / "full-log.locker"
    try:
        shutil.copyfile(path, scratch)
        walcheck.repaired_log(report, Path(f"{scratch}-wal"))
        _read_events(scratch, key, fork, lost)
    except Exception:  # noqa: BLE001 - unreadable: the frame count is what can be said
        lost.events = None
    return lost


def _read_events(scratch: Path, key: bytes, fork: tuple[int, str], lost: Lost) -> None:
    from app.vault.store import Vault

    with Vault.open(scratch, key=key, track_history=False) as full:
        conn = full.read()
        row = conn.execute("SELECT entry_hash FROM custody WHERE seq = ?", (fork[0],)).fetchone()
        if row is None or str(row[0]) != fork[1]:
            return  # not the same history: nothing to compare
        events = unreadable = misses = 0
        seq = fork[0]
        while seq < fork[0] + MAX_SCAN and misses < 3:
            seq += 1
            try:
                got = conn.execute(
                    "SELECT event, item_uid, payload FROM custody WHERE seq = ?", (seq,)
                ).fetchone()
            except Exception:  # noqa: BLE001 - this row's page is damaged
                unreadable += 1
                misses += 1
                continue
            if got is None:
                break
            misses = 0
            events += 1
            if got[0] == Event.ITEM_ADDED:
                lost.items.append(_item(str(got[1] or ""), str(got[2])))
        lost.events, lost.unreadable = events + unreadable, unreadable


def _item(uid: str, payload: str) -> dict[str, Any]:
    try:
        data = json.loads(payload).get("data") or {}
    except (ValueError, AttributeError):
        data = {}
    raw = data.get("artifacts")
    arts: list[Any] = raw if isinstance(raw, list) else []
    original = next(
        (a for a in arts if isinstance(a, dict) and a.get("role") == "original"),
        arts[0] if arts and isinstance(arts[0], dict) else {},
    )
    return {
        "uid": uid,
        "title": str(data.get("title") or ""),
        "sha256": str(original.get("sha256") or ""),
    }
