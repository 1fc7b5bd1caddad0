"""Import a bundle into a vault: verify everything first, then commit all or nothing.

Received items land in a new read-only case (origin 'received'), keep their uid, and
keep every sender's custody chain (``received_custody``) so they stay verifiable and can
be passed on. The local chain gets one ``bundle_imported`` event and one ``received``
event per item naming the sender's fingerprint. The same bundle (bundle id or tag
manifest hash) is refused the second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from app.bundle import holders, provenance
from app.bundle.errors import AlreadyImported, BundleInvalid
from app.bundle.safezip import DEFAULT_LIMITS, BagSource, Limits
from app.bundle.seal import parse_identities
from app.bundle.verify import BundleReport, Progress, VerifiedBundle, opened
from app.errors import LockerError, UsageError
from app.vault import custody
from app.vault.artifact_io import ArtifactReader, write_chunks
from app.vault.events import Event
from app.vault.images import blurred_thumbnail
from app.vault.models import utc_now

if TYPE_CHECKING:
    from app.vault.store import Connection, Vault


@dataclass
class ImportResult:
    case: str
    bundle_id: str
    sender_fingerprint: str
    items: list[dict[str, Any]] = field(default_factory=list)
    report: BundleReport | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "bundle_id": self.bundle_id,
            "sender_fingerprint": self.sender_fingerprint,
            "items": self.items,
            "verification": self.report.to_json() if self.report else None,
        }


class _MemberReader:
    """A read() view over a zip member's checked blocks, for write_chunks."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks = blocks
        self._pending = b""

    def read(self, n: int = -1) -> bytes:
        while n < 0 or len(self._pending) < n:
            block = next(self._blocks, b"")
            if not block:
                break
            self._pending += block
        if n < 0:
            data, self._pending = self._pending, b""
        else:
            data, self._pending = self._pending[:n], self._pending[n:]
        return data


def import_bundle(
    vault: Vault,
    path: Path,
    *,
    passphrase: str | None = None,
    identities: list[Any] | None = None,
    case: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    accept_unverified_holders: bool = False,
) -> ImportResult:
    """Verify the bundle completely, then import it in one transaction. ``progress`` gets
    (bytes done, bytes total) over both passes (verification, then storing). Earlier
    holders not proven by their own signature refuse the import unless
    ``accept_unverified_holders``; then they are recorded as unverified."""
    keys = list(identities or []) + parse_identities(vault.age_identity())
    seen = {"verify_total": 0}

    def verify_progress(done: int, total: int) -> None:
        seen["verify_total"] = total
        if cancelled is not None and cancelled():
            raise LockerError("Cancelled; nothing was imported.")
        if progress is not None:
            progress(done, total * 2)

    with opened(Path(path), passphrase, keys, limits, verify_progress) as (z, vb):
        if accept_unverified_holders:
            holders.accept(vb.report)
        if not vb.report.ok:
            failed = [c for c in vb.report.checks if not c.ok]
            first = failed[0].problems[0] if failed and failed[0].problems else "see verify-bundle"
            if holders.only_holders_fail(vb.report):
                raise holders.UnverifiedHolders(
                    f"{first}; nothing was imported. Import it only if you accept that "
                    "(--accept-unverified-holders): those holders are then marked UNVERIFIED."
                )
            raise BundleInvalid(
                f"The bundle does not verify ({failed[0].name}: {first}); nothing was imported."
            )
        held = _refuse_duplicates(vault, vb)
        stored = _Counter(
            progress,
            seen["verify_total"],
            sum(
                int(a["size"]) for m in vb.exhibits for a in m["artifacts"] if m["uid"] not in held
            ),
        )
        return _commit(vault, z, vb, case, cancelled, stored, held)


class _Counter:
    """Reports storing progress after the verification pass."""

    def __init__(self, progress: Progress | None, verified: int, to_store: int) -> None:
        self._progress = progress
        self._base = verified
        self._total = verified + to_store
        self._done = 0

    def __call__(self, n: int) -> None:
        self._done += n
        if self._progress is not None:
            self._progress(self._base + self._done, self._total)


def _refuse_duplicates(vault: Vault, vb: VerifiedBundle) -> dict[str, dict[str, Any]]:
    """Refuse a bundle imported before. Exhibits this vault already holds with the same
    files (an updated bundle from the same sender) are returned to be linked, not stored
    again; the same item with different files is refused."""
    conn = vault.read()
    row = conn.execute(
        "SELECT b.imported_at, c.name FROM received_bundles b JOIN cases c ON c.id = b.case_id"
        " WHERE b.bundle_id = ? OR b.tagmanifest_sha256 = ?",
        (vb.report.bundle_id, vb.report.tagmanifest_sha256),
    ).fetchone()
    if row is not None:
        raise AlreadyImported(
            f"This bundle was already imported on {row[0]} into case "
            f"'{row[1]}'; nothing was imported again."
        )
    held: dict[str, dict[str, Any]] = {}
    for meta in vb.exhibits:
        found = conn.execute(
            "SELECT i.id, c.name FROM items i JOIN cases c ON c.id = i.case_id WHERE i.uid = ?",
            (meta["uid"],),
        ).fetchone()
        if found is None:
            continue
        ours = {
            (r[0], r[1])
            for r in conn.execute(
                "SELECT role, sha256 FROM artifacts WHERE item_id = ?", (found[0],)
            )
        }
        theirs = {(a["role"], a["sha256"]) for a in meta["artifacts"]}
        if ours != theirs:
            raise BundleInvalid(
                f"Exhibit {meta['exhibit']} claims to be item {found[0]} of case "
                f"'{found[1]}' but its files differ; nothing was imported."
            )
        held[meta["uid"]] = {"id": int(found[0]), "case": str(found[1])}
    if len(held) == len(vb.exhibits):
        raise AlreadyImported(
            "Every exhibit of this bundle is already in this vault; nothing was imported."
        )
    return held


def _case_name(conn: Connection, wanted: str | None, vb: VerifiedBundle) -> str:
    if wanted is not None and (not wanted.strip() or len(wanted) > 200 or "\x00" in wanted):
        raise UsageError("The case name must be 1 to 200 characters.")
    base = wanted or (
        f"Received {vb.report.created_at[:10]} from {vb.report.signer_fingerprint[:11]}"
    )
    name, n = base, 1
    while conn.execute("SELECT 1 FROM cases WHERE name = ?", (name,)).fetchone():
        n += 1
        name = f"{base} ({n})"
    return name


def _commit(
    vault: Vault,
    z: BagSource,
    vb: VerifiedBundle,
    case: str | None,
    cancelled: Callable[[], bool] | None,
    stored: _Counter,
    held: dict[str, dict[str, Any]],
) -> ImportResult:
    r = vb.report
    now = utc_now()
    uids = [m["uid"] for m in vb.exhibits]
    origin_of = {uid: vid for vid, entries in vb.chains.items() for uid in _added_items(entries)}
    with vault.write() as conn:
        # Again inside the write transaction: another import of the same bundle (a second
        # locker command, the app) may have committed since the first check.
        held = _refuse_duplicates(vault, vb)
        name = _case_name(conn, case, vb)
        source = {
            "bundle_id": r.bundle_id,
            "sender_fingerprint": r.signer_fingerprint,
            "sender_vault_id": r.exporter_vault_id,
            "exported_at": r.created_at,
            "tagmanifest_sha256": r.tagmanifest_sha256,
        }
        if r.unverified_holders:  # accepted by the person; shown as unverified everywhere
            source["unverified_holders"] = r.unverified_holders  # type: ignore[assignment]
        case_id = int(
            conn.execute(
                "INSERT INTO cases (name, created_at, origin, read_only, source_json)"
                " VALUES (?, ?, 'received', 1, ?)",
                (name, now, json.dumps(source)),
            ).lastrowid
        )
        event = vault.append_event(
            conn,
            Event.BUNDLE_IMPORTED,
            None,
            {
                **source,
                "case": name,
                "items": uids,
                "exhibits": {m["uid"]: m["exhibit"] for m in vb.exhibits},
            },
        )
        conn.execute(
            "INSERT INTO received_bundles (bundle_id, tagmanifest_sha256, case_id, sender_vault_id,"
            " sender_fingerprint, sender_public_key, exported_at, imported_at, bundle_json,"
            " custody_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r.bundle_id,
                r.tagmanifest_sha256,
                case_id,
                r.exporter_vault_id,
                r.signer_fingerprint,
                vb.signer_pem.decode("ascii", "replace"),
                r.created_at,
                now,
                json.dumps(vb.bundle, ensure_ascii=False),
                event.seq,
            ),
        )
        for vid, entries in vb.chains.items():
            conn.executemany(
                "INSERT INTO received_custody (bundle_id, vault_id, seq, payload_hash, prev_hash,"
                " entry_hash, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (r.bundle_id, vid, e.seq, e.payload_hash, e.prev_hash, e.entry_hash, e.payload)
                    for e in entries
                ),
            )
        provenance.store(conn, r.bundle_id, vb.own_signed, vb.provenance)
        items = []
        for meta in vb.exhibits:
            origin = origin_of.get(meta["uid"], r.exporter_vault_id)
            if meta["uid"] in held:
                items.append(_link_held(vault, conn, vb, meta, origin, held[meta["uid"]]))
            else:
                items.append(
                    _add_item(vault, conn, z, vb, meta, case_id, now, origin, cancelled, stored)
                )
    return ImportResult(name, r.bundle_id, r.signer_fingerprint, items, r)


def _added_items(entries: list[custody.ChainEntry]) -> Iterator[str]:
    from app.bundle.chains import disclosed_payloads

    for _e, payload in disclosed_payloads(entries):
        if payload.get("event") == Event.ITEM_ADDED and isinstance(payload.get("item"), str):
            yield payload["item"]


def _link_held(
    vault: Vault,
    conn: Connection,
    vb: VerifiedBundle,
    meta: dict[str, Any],
    origin: str,
    held: dict[str, Any],
) -> dict[str, Any]:
    """An exhibit this vault already holds (same files): record that it came again."""
    conn.execute(
        "INSERT INTO received_items (item_uid, bundle_id, exhibit, origin_vault)"
        " VALUES (?, ?, ?, ?)",
        (meta["uid"], vb.report.bundle_id, meta["exhibit"], origin),
    )
    for name, data in vb.token_files.get(meta["exhibit"], {}).items():
        conn.execute(
            "INSERT INTO received_tokens (bundle_id, item_uid, name, data) VALUES (?, ?, ?, ?)",
            (vb.report.bundle_id, meta["uid"], name.rsplit("/", 1)[-1], data),
        )
    vault.append_event(
        conn,
        Event.RECEIVED_AGAIN,
        meta["uid"],
        {
            "bundle_id": vb.report.bundle_id,
            "from": vb.report.signer_fingerprint,
            "exhibit": meta["exhibit"],
            "already_in_case": held["case"],
        },
    )
    return {
        "id": held["id"],
        "uid": meta["uid"],
        "exhibit": meta["exhibit"],
        "title": meta.get("title"),
        "sha256": None,
        "already_held": True,
        "case": held["case"],
    }


SENDER_ARCHIVED = "archived by the sender"


def _add_item(
    vault: Vault,
    conn: Connection,
    z: BagSource,
    vb: VerifiedBundle,
    meta: dict[str, Any],
    case_id: int,
    now: str,
    origin: str,
    cancelled: Callable[[], bool] | None,
    stored: _Counter,
) -> dict[str, Any]:
    uid = meta["uid"]
    metadata = meta.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    item_id = int(
        conn.execute(
            "INSERT INTO items (uid, case_id, kind, title, source_url, captured_at, created_at,"
            " metadata_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uid,
                case_id,
                str(meta.get("kind") or "file"),
                str(meta.get("title") or ""),
                meta.get("source_url") if isinstance(meta.get("source_url"), str) else None,
                str(meta.get("captured_at") or now),
                now,
                custody.canonical_json(metadata),
            ),
        ).lastrowid
    )
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM artifacts").fetchone()[0])
    recorded = []
    thumb_source: tuple[int, int] | None = None
    for art in meta["artifacts"]:
        next_id += 1
        size, sha, count = write_chunks(
            conn,
            next_id,
            cast(IO[bytes], _MemberReader(z.iter_blocks(art["path"]))),
            stored,
            cancelled,
        )
        if sha != art["sha256"] or size != art["size"]:
            raise BundleInvalid(
                f"{meta['exhibit']} {art['role']} changed while importing; nothing was imported."
            )
        media = str(art.get("media_type") or "application/octet-stream")
        conn.execute(
            "INSERT INTO artifacts (id, item_id, role, name, media_type, size, sha256,"
            " chunk_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                next_id,
                item_id,
                art["role"],
                str(art.get("name") or art["path"].rsplit("/", 1)[-1]),
                media,
                size,
                sha,
                count,
                now,
            ),
        )
        recorded.append({"role": art["role"], "sha256": sha, "size": size})
        if thumb_source is None and (art["role"] == "original" or media.startswith("image/")):
            thumb_source = (next_id, size)
    conn.execute(
        "INSERT INTO item_state (item_id, archived, reason, changed_at) VALUES (?, 0, '', ?)",
        (item_id, now),
    )
    if thumb_source is not None:
        thumb = blurred_thumbnail(ArtifactReader(conn, *thumb_source), size=thumb_source[1])
        conn.execute(
            "INSERT INTO derived (item_id, artifact_id, kind, media_type, data, note, created_at)"
            " VALUES (?, ?, 'thumbnail.blurred', 'image/png', ?, ?, ?)",
            (item_id, thumb_source[0], thumb.png, thumb.note, now),
        )
    for name, data in vb.token_files.get(meta["exhibit"], {}).items():
        conn.execute(
            "INSERT INTO received_tokens (bundle_id, item_uid, name, data) VALUES (?, ?, ?, ?)",
            (vb.report.bundle_id, uid, name.rsplit("/", 1)[-1], data),
        )
    conn.execute(
        "INSERT INTO received_items (item_uid, bundle_id, exhibit, origin_vault)"
        " VALUES (?, ?, ?, ?)",
        (uid, vb.report.bundle_id, meta["exhibit"], origin),
    )
    vault.append_event(
        conn,
        Event.RECEIVED,
        uid,
        {
            "bundle_id": vb.report.bundle_id,
            "from": vb.report.signer_fingerprint,
            "sender_vault_id": vb.report.exporter_vault_id,
            "origin_vault_id": origin,
            "exhibit": meta["exhibit"],
            "artifacts": recorded,
            "captured_at": meta.get("captured_at"),
        },
    )
    if meta.get("archived") is True:  # shown archived here too, the way the sender left it
        event = vault.append_event(
            conn,
            Event.ITEM_ARCHIVED,
            uid,
            {"reason": SENDER_ARCHIVED, "bundle_id": vb.report.bundle_id},
        )
        conn.execute(
            "UPDATE item_state SET archived = 1, reason = ?, changed_at = ? WHERE item_id = ?",
            (SENDER_ARCHIVED, event.at, item_id),
        )
    return {
        "id": item_id,
        "uid": uid,
        "exhibit": meta["exhibit"],
        "title": meta.get("title"),
        "sha256": recorded[0]["sha256"] if recorded else None,
    }
