"""Failed unlock attempts, kept outside the vault (a vault that does not open cannot be
written to) and throttled with an exponential delay.

The record holds only counts and times, keyed by a hash of the vault's public salt:
nothing about the evidence, not even the vault's file name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.atomic import write_text_atomically
from app.vault import db

FREE_ATTEMPTS = 3  # failures allowed before any delay
MAX_DELAY = 15 * 60.0  # seconds
KEEP_TIMES = 50


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures: 0, then 2, 4, 8, ..."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, 2.0 ** min(failures - FREE_ATTEMPTS + 1, 30))  # no overflow


@dataclass
class FailureSummary:
    count: int
    last_at: str | None  # RFC 3339 UTC


class AttemptLog:
    """Per-vault failed attempts since the last successful unlock on this device."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    @staticmethod
    def vault_key(vault: Path) -> str:
        return hashlib.sha256(b"evidence-locker attempts\0" + db.read_salt(vault)).hexdigest()[:32]

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):  # a lost record must never block unlocking
            write_text_atomically(self.path, json.dumps(data))

    def _entry(self, vault: Path) -> tuple[dict[str, Any], dict[str, Any]]:
        """The vault's record, cleaned: the file is outside the vault and anyone at the
        PC can edit it, so odd values must neither crash nor lock anyone out."""
        data = self._load()
        entry = data.get(self.vault_key(vault))
        entry = entry if isinstance(entry, dict) else {}
        raw_times = entry.get("times")
        if not isinstance(raw_times, list):
            raw_times = []
        times = [
            float(t)
            for t in raw_times
            if isinstance(t, (int, float)) and not isinstance(t, bool) and math.isfinite(t)
        ][-KEEP_TIMES:]
        count = entry.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 10**6:
            count = len(times)
        entry = {"times": times, "count": count}
        data[self.vault_key(vault)] = entry
        return data, entry

    def failures(self, vault: Path) -> list[float]:
        try:
            return [float(t) for t in self._entry(vault)[1]["times"]]
        except (ValueError, TypeError, OSError, LookupError):
            return []

    def failure_count(self, vault: Path) -> int:
        try:
            entry = self._entry(vault)[1]
            return int(entry.get("count", len(entry["times"])))
        except (ValueError, TypeError, OSError, LookupError):
            return 0

    def wait_seconds(self, vault: Path) -> float:
        """How long until the next attempt is allowed (0 when allowed now)."""
        times = self.failures(vault)
        if not times:
            return 0.0
        delay = delay_after(self.failure_count(vault))
        remaining = times[-1] + delay - self.clock()
        # Never longer than the delay itself: a failure time in the future (an edited
        # file, a clock set back) must not lock the person out of her own vault.
        return max(0.0, min(remaining, delay))

    def record_failure(self, vault: Path) -> None:
        data, entry = self._entry(vault)
        entry["count"] = int(entry.get("count", len(entry["times"]))) + 1
        entry["times"] = (entry["times"] + [self.clock()])[-KEEP_TIMES:]
        self._save(data)

    def record_success(self, vault: Path) -> FailureSummary:
        """Clear the failures and return what they were (for the unlock history line)."""
        data, entry = self._entry(vault)
        times = [float(t) for t in entry["times"]]
        count = int(entry.get("count", len(times)))
        data.pop(self.vault_key(vault), None)
        self._save(data)
        last = None
        if times:
            last = dt.datetime.fromtimestamp(times[-1], dt.UTC).isoformat()
        return FailureSummary(count, last)
