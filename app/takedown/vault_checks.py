"""Vault verification for takedown records (registered by app.extensions): every row names
the custody entry that logged it. Their append-only guards are checked with every other
package's by app.vault.verify.check_triggers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.vault.events import Event
from app.vault.verify import CheckResult

if TYPE_CHECKING:
    from app.vault.store import Vault

_LOGGED = {
    "td_locations": (Event.TAKEDOWN_LOCATION_ADDED,),
    "td_requests": (Event.TAKEDOWN_REQUEST_CREATED,),
    "td_status": (
        Event.TAKEDOWN_REQUEST_CREATED,
        Event.TAKEDOWN_STATUS,
        Event.TAKEDOWN_LOCATION_STATUS,
    ),
    "td_checks": (Event.TAKEDOWN_CHECK,),
}


def check_takedowns(vault: Vault) -> CheckResult:
    conn = vault.read()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not set(_LOGGED) & tables:
        # A vault from before the takedown step, opened read-only (e.g. a damaged -wal):
        # it has no takedown records; the step runs at the next writable open.
        return CheckResult(
            "takedown records", True, "none (this vault predates takedown records)", []
        )
    problems: list[str] = []
    for table, events in _LOGGED.items():
        marks = ",".join("?" * len(events))
        bad = conn.execute(
            f"SELECT count(*) FROM {table} t LEFT JOIN custody c ON c.seq = t.custody_seq"
            f" AND c.event IN ({marks}) WHERE c.seq IS NULL",
            events,
        ).fetchone()[0]
        if bad:
            problems.append(f"{bad} row(s) of {table} are not in the custody log")
    rows = sum(int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in _LOGGED)
    return CheckResult(
        "takedown records",
        not problems,
        f"{rows} row(s), each in the custody log"
        if not problems
        else "takedown records do not match the custody log",
        problems,
    )
