"""Full vault verification: SQLCipher page MACs, SQLite structure, every artifact
re-hashed, the custody chain recomputed, artifacts matched to the chain, triggers present.

Other packages add checks (e.g. every stored timestamp token) through app/vault/registry.py.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from app.vault import custody, db, page_format, registry, schema
from app.vault.artifact_io import hash_artifact
from app.vault.events import Event

if TYPE_CHECKING:
    from app.vault.store import Vault


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class VerifyReport:
    ok: bool
    checks: list[CheckResult]
    # Problems outside the file itself (an older copy put back, a damaged leftover -wal):
    # printed first, in capitals, and in JSON.
    warnings: list[str] = field(default_factory=list)
    # The same, as data for scripts (None when there is nothing to say).
    history_warning: dict[str, Any] | None = None
    damaged_log: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "warnings": self.warnings,
            "history_warning": self.history_warning,
            "damaged_log": self.damaged_log,
            "checks": [asdict(c) for c in self.checks],
        }

    def text(self) -> str:
        lines = [f"WARNING: {w}" for w in self.warnings]
        for c in self.checks:
            lines.append(f"[{'OK' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
            lines += [f"    - {p}" for p in c.problems[:20]]
            lines += [f"    note: {n}" for n in c.notes[:20]]
        if not self.ok:
            lines.append("VERIFICATION FAILED.")
        elif self.warnings:
            lines.append("The file verifies, but read the WARNING above.")
        else:
            lines.append("Vault verified: everything holds.")
        return "\n".join(lines)


def _page_macs(vault: Vault, out: list[str]) -> None:
    """``PRAGMA cipher_integrity_check`` on a connection of its own (run in a thread)."""
    try:
        key, salt = vault.key_material
        conn = (db.connect_readonly if vault.damaged_log is not None else db.connect)(
            vault.path, key, salt
        )
        try:
            out += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        finally:
            conn.close()
    except Exception as exc:  # noqa: BLE001 - any failure to check is a failed check
        out.append(f"the page check could not run: {exc}")


def check_cipher(vault: Vault) -> CheckResult:
    # The two whole-file passes run side by side (each is C code that releases the GIL):
    # SQLCipher's page MAC check of every page in the file, free pages included, and
    # SQLite's structure check of every page in use (docs/performance.md).
    cipher: list[str] = []
    pages = threading.Thread(target=_page_macs, args=(vault, cipher), name="verify-pages")
    pages.start()
    conn = vault.read()
    try:
        sqlite = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        fks = conn.execute("PRAGMA foreign_key_check").fetchall()
    except db.DatabaseError as exc:
        pages.join()
        return CheckResult("storage", False, "the file is damaged", [*cipher, str(exc)])
    pages.join()
    problems = (
        cipher + [s for s in sqlite if s != "ok"] + [f"dangling reference {tuple(r)}" for r in fks]
    )
    return CheckResult(
        "storage",
        not problems,
        "every page authenticates (SQLCipher HMAC) and the database is consistent"
        if not problems
        else "damaged pages or inconsistent database",
        problems,
        [n for n in [page_format.upgrade_note(vault.key_material[1])] if n],
    )


def check_triggers(vault: Vault) -> CheckResult:
    """Every append-only guard, the core's and every registered package's, of the schema
    steps this vault has had (one opened read-only may predate later steps)."""
    conn = vault.read()
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [t for t in schema.required_triggers(version) if t not in present]
    return CheckResult(
        "append-only guards",
        not missing,
        "all present" if not missing else "missing",
        [f"trigger {t} is missing" for t in missing],
    )


def check_chain(vault: Vault) -> CheckResult:
    report = custody.verify_chain(vault.chain_entries())
    # The columns must agree with the hashed payload.
    problems = list(report.problems)
    for seq, at, event, item_uid, payload in vault.read().execute(
        "SELECT seq, at, event, item_uid, payload FROM custody ORDER BY seq"
    ):
        try:
            data = json.loads(payload)
        except ValueError:
            problems.append(f"entry {seq}: payload is not JSON")
            continue
        if (data.get("at"), data.get("event"), data.get("item")) != (at, event, item_uid):
            problems.append(f"entry {seq}: stored columns differ from the hashed payload")
    return CheckResult(
        "custody chain",
        not problems,
        f"{report.entries} entries, head {report.head[:16]}…",
        problems,
    )


def check_artifacts(vault: Vault) -> CheckResult:
    conn = vault.read()
    recorded: dict[tuple[str, str], str] = {}
    for item_uid, payload in conn.execute(
        "SELECT item_uid, payload FROM custody WHERE event = ?", (Event.ITEM_ADDED,)
    ):
        for art in json.loads(payload).get("data", {}).get("artifacts", []):
            recorded[(item_uid, art.get("role"))] = art.get("sha256")
    problems: list[str] = []
    count = 0
    total = 0
    rows = conn.execute(
        "SELECT a.id, i.id, i.uid, a.role, a.size, a.sha256, a.chunk_count, c.origin"
        " FROM artifacts a JOIN items i ON i.id = a.item_id JOIN cases c ON c.id = i.case_id"
        " ORDER BY a.id"
    ).fetchall()
    for art_id, item_id, uid, role, size, sha, chunks, origin in rows:
        count += 1
        got_size, got_sha, got_chunks, layout = hash_artifact(conn, art_id, size)
        total += got_size
        if (got_size, got_sha, got_chunks) != (size, sha, chunks):
            problems.append(f"item {item_id} {role}: stored bytes do not match their SHA-256")
        elif layout:  # hashes hold, but the reader would not return every byte
            problems.append(f"item {item_id} {role}: stored parts are laid out wrongly ({layout})")
        if origin == "local" and recorded.get((uid, role)) != sha:
            problems.append(f"item {item_id} {role}: hash differs from the custody log")
    return CheckResult(
        "evidence files", not problems, f"{count} artifacts ({total} bytes) re-hashed", problems
    )


def verify_vault(vault: Vault) -> VerifyReport:
    extras = registry.checks()
    checks = [check_cipher(vault)]
    if checks[0].ok:
        checks += [check_triggers(vault), check_chain(vault), check_artifacts(vault)]
        for extra in extras:
            try:
                checks.append(extra(vault))
            except Exception as exc:  # noqa: BLE001 - a crashing check is a failed check
                checks.append(
                    CheckResult(
                        getattr(extra, "__name__", "check"), False, f"check could not run: {exc}"
                    )
                )
    warnings = [w.message() for w in (vault.damaged_log, vault.history_warning) if w is not None]
    if vault.damaged_log is not None:  # never passes silently: saved changes are not seen
        checks.append(CheckResult("write-ahead log", False, vault.damaged_log.report.describe()))
    history = vault.history_warning
    return VerifyReport(
        all(c.ok for c in checks),
        checks,
        warnings,
        history.to_json() if history is not None else None,
        vault.damaged_log.to_json() if vault.damaged_log is not None else None,
    )
