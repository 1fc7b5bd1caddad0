"""Items and their artifacts: cases, adding an item (one transaction: rows, chunks,
blurred thumbnail, PDQ hashes, the ``item_added`` custody entry), and every read of
items, artifacts and thumbnails. Functions take the open :class:`Vault`; its methods
of the same names delegate here."""

from __future__ import annotations

import io
import json
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import NotFound, ReadOnlyCase, UsageError
from app.vault import custody, registry
from app.vault.annotations import annotate
from app.vault.artifact_io import (
    ArtifactReader,
    check_parts,
    chunk_count,
    open_source,
    write_chunks,
)
from app.vault.artifact_stream import ArtifactStream, default_workers
from app.vault.events import Event
from app.vault.images import blurred_thumbnail
from app.vault.lookup import DEFAULT_CASE, MAX_TEXT, Connection, clean_text, resolve
from app.vault.models import Annotation, Artifact, Case, Item, NewArtifact, NewItem, utc_now

# Smaller artifacts are read on the caller's connection: threads would not pay.
STREAM_MIN_CHUNKS = 3

if TYPE_CHECKING:
    from app.vault.store import Vault


# -- cases ---------------------------------------------------------------------


def case_id(conn: Connection, name: str, *, for_write: bool = True) -> int:
    # Surrounding spaces would make a second, look-alike case ("사건 1 "), and a blank
    # name an invisible one; both mean the case as typed without them.
    name = clean_text((name or "").strip() or DEFAULT_CASE, "case name", 200)
    row = conn.execute("SELECT id, read_only FROM cases WHERE name = ?", (name,)).fetchone()
    if row is not None:
        if for_write and row[1]:
            raise ReadOnlyCase(f"The case '{name}' holds received evidence and is read-only.")
        return int(row[0])
    cur = conn.execute("INSERT INTO cases (name, created_at) VALUES (?, ?)", (name, utc_now()))
    return int(cur.lastrowid)


def list_cases(vault: Vault) -> list[Case]:
    rows = (
        vault.read()
        .execute(
            "SELECT c.id, c.name, c.origin, c.read_only, count(i.id) FROM cases c"
            " LEFT JOIN items i ON i.case_id = c.id GROUP BY c.id ORDER BY c.name"
        )
        .fetchall()
    )
    return [Case(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]


# -- adding --------------------------------------------------------------------


def add_item(
    vault: Vault,
    item: NewItem,
    artifacts: Sequence[NewArtifact],
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Item:
    """Store one item with its artifacts in one transaction and log it."""
    if not artifacts:
        raise UsageError("An item needs at least one artifact.")
    roles = [a.role for a in artifacts]
    if len(set(roles)) != len(roles):
        raise UsageError("Each artifact of an item needs its own role.")
    uid = str(uuid.uuid4())
    now = utc_now()
    captured = item.captured_at or now
    title = clean_text(item.title, "title", 2000)
    if item.source_url is not None:
        clean_text(item.source_url, "source URL", MAX_TEXT)
    streams = [open_source(a.source) for a in artifacts]
    try:
        with vault.write() as conn:
            cid = case_id(conn, item.case)
            cur = conn.execute(
                "INSERT INTO items (uid, case_id, kind, title, source_url, captured_at,"
                " created_at, metadata_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uid,
                    cid,
                    item.kind,
                    title,
                    item.source_url,
                    captured,
                    now,
                    custody.canonical_json(item.metadata),
                ),
            )
            item_id = int(cur.lastrowid)
            recorded = []
            next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM artifacts").fetchone()[0])
            for spec, stream in zip(artifacts, streams, strict=True):
                next_id += 1
                size, sha, count = write_chunks(conn, next_id, stream, progress, cancelled)
                conn.execute(
                    "INSERT INTO artifacts (id, item_id, role, name, media_type, size, sha256,"
                    " chunk_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        next_id,
                        item_id,
                        spec.role,
                        clean_text(spec.name, "name", 1000),
                        spec.media_type,
                        size,
                        sha,
                        count,
                        now,
                    ),
                )
                recorded.append(
                    {
                        "role": spec.role,
                        "name": spec.name,
                        "sha256": sha,
                        "size": size,
                        "media_type": spec.media_type,
                    }
                )
            conn.execute(
                "INSERT INTO item_state (item_id, archived, reason, changed_at) VALUES (?, 0, '', ?)",
                (item_id, now),
            )
            _make_thumbnail(conn, item_id, item.thumbnail_role)
            for hook in registry.item_hooks():  # derived data, e.g. PDQ hashes (extensions.py)
                hook(conn, item_id)
            vault.append_event(
                conn,
                Event.ITEM_ADDED,
                uid,
                {
                    "case": item.case or DEFAULT_CASE,
                    "kind": item.kind,
                    "title": title,
                    "source_url": item.source_url,
                    "captured_at": captured,
                    "metadata_sha256": custody.payload_hash(custody.canonical_json(item.metadata)),
                    "artifacts": recorded,
                },
            )
            if item.note:
                annotate(vault, conn, item_id, uid, "note", item.note)
    finally:
        for spec, stream in zip(artifacts, streams, strict=True):
            if isinstance(spec.source, (Path, bytes)):
                stream.close()
    return get_item(vault, item_id)


def add_file(
    vault: Vault,
    path: Path | str,
    case: str = DEFAULT_CASE,
    note: str | None = None,
    source_url: str | None = None,
    kind: str = "file",
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Item:
    from app.vault.mediatypes import guess_media_type

    path = Path(path)
    # A name that is not valid UTF-8 (another system's encoding) is shown with \xNN
    # escapes; its exact bytes are kept in the metadata.
    raw = os.fsencode(path.name)
    name = raw.decode("utf-8", "backslashreplace")
    metadata: dict[str, Any] = {"original_name": name}
    if name != path.name:
        metadata["original_name_bytes_hex"] = raw.hex()
    return add_item(
        vault,
        NewItem(
            kind=kind, case=case, title=name, source_url=source_url, note=note, metadata=metadata
        ),
        [NewArtifact("original", name, path, guess_media_type(name))],
        progress,
        cancelled,
    )


def _make_thumbnail(conn: Connection, item_id: int, role: str | None) -> None:
    if role is None:
        return
    row = conn.execute(
        "SELECT id, size FROM artifacts WHERE item_id = ? AND role = ?", (item_id, role)
    ).fetchone()
    if row is None:
        return
    thumb = blurred_thumbnail(ArtifactReader(conn, row[0], row[1]), size=row[1])
    conn.execute(
        "INSERT INTO derived (item_id, artifact_id, kind, media_type, data, note, created_at)"
        " VALUES (?, ?, 'thumbnail.blurred', 'image/png', ?, ?, ?)",
        (item_id, row[0], thumb.png, thumb.note, utc_now()),
    )


# -- reading -------------------------------------------------------------------

_ITEM_SQL = (
    "SELECT i.id, i.uid, c.name, i.kind, i.title, i.source_url, i.captured_at, i.created_at,"
    " coalesce(s.archived, 0), coalesce(s.reason, ''), i.metadata_json, c.read_only,"
    " (SELECT a.sha256 FROM artifacts a WHERE a.item_id = i.id"
    "   ORDER BY a.role != 'original', a.id LIMIT 1),"
    " (SELECT a.size FROM artifacts a WHERE a.item_id = i.id"
    "   ORDER BY a.role != 'original', a.id LIMIT 1)"
    " FROM items i JOIN cases c ON c.id = i.case_id LEFT JOIN item_state s ON s.item_id = i.id"
)


def _item_from_row(r: Sequence[Any]) -> Item:
    return Item(
        id=r[0],
        uid=r[1],
        case=r[2],
        kind=r[3],
        title=r[4],
        source_url=r[5],
        captured_at=r[6],
        created_at=r[7],
        archived=bool(r[8]),
        archived_reason=r[9],
        metadata=json.loads(r[10]),
        read_only=bool(r[11]),
        sha256=r[12],
        size=r[13] or 0,
    )


def list_items(
    vault: Vault,
    case: str | None = None,
    archived: bool | None = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Item]:
    """Items, newest first. ``archived``: False hides archived, True only archived,
    None both."""
    where: list[str] = []
    args: list[Any] = []
    if case is not None:
        where.append("c.name = ?")
        args.append(case)
    if archived is not None:
        where.append("coalesce(s.archived, 0) = ?")
        args.append(1 if archived else 0)
    sql = _ITEM_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY i.captured_at DESC, i.id DESC"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [limit, offset]
    return [_item_from_row(r) for r in vault.read().execute(sql, args)]


def count_items(vault: Vault, case: str | None = None, archived: bool | None = False) -> int:
    sql = (
        "SELECT count(*) FROM items i JOIN cases c ON c.id = i.case_id"
        " LEFT JOIN item_state s ON s.item_id = i.id WHERE 1=1"
    )
    args: list[Any] = []
    if case is not None:
        sql += " AND c.name = ?"
        args.append(case)
    if archived is not None:
        sql += " AND coalesce(s.archived, 0) = ?"
        args.append(1 if archived else 0)
    return int(vault.read().execute(sql, args).fetchone()[0])


def get_item(vault: Vault, ref: str | int) -> Item:
    conn = vault.read()
    item_id, _uid = resolve(conn, ref)
    row = conn.execute(_ITEM_SQL + " WHERE i.id = ?", (item_id,)).fetchone()
    item = _item_from_row(row)
    item.artifacts = [
        Artifact(*r)
        for r in conn.execute(
            "SELECT id, role, name, media_type, size, sha256, created_at FROM artifacts"
            " WHERE item_id = ? ORDER BY id",
            (item_id,),
        )
    ]
    item.annotations = [
        Annotation(*r)
        for r in conn.execute(
            "SELECT kind, text, created_at FROM annotations WHERE item_id = ? ORDER BY id",
            (item_id,),
        )
    ]
    note = conn.execute(
        "SELECT note FROM derived WHERE item_id = ? AND kind = 'thumbnail.blurred'", (item_id,)
    ).fetchone()
    item.preview_note = str(note[0]) if note else "preview unavailable: no image"
    return item


def latest_notes(vault: Vault, item_ids: Sequence[int]) -> dict[int, str]:
    """The newest note of each given item (for list views), by item id."""
    ids = [int(i) for i in item_ids][:1000]
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = (
        vault.read()
        .execute(
            f"SELECT item_id, text FROM annotations WHERE id IN (SELECT max(id) FROM annotations"
            f" WHERE kind = 'note' AND item_id IN ({marks}) GROUP BY item_id)",
            ids,
        )
        .fetchall()
    )
    return {int(r[0]): str(r[1]) for r in rows}


def open_artifact(vault: Vault, item: str | int, role: str = "original") -> ArtifactReader:
    conn = vault.read()
    item_id, _ = resolve(conn, item)
    row = conn.execute(
        "SELECT id, size FROM artifacts WHERE item_id = ? AND role = ?", (item_id, role)
    ).fetchone()
    if row is None:
        raise NotFound(f"Item {item} has no '{role}' artifact.")
    return ArtifactReader(conn, int(row[0]), int(row[1]))


def open_artifact_by_id(vault: Vault, artifact_id: int) -> ArtifactReader:
    conn = vault.read()
    row = conn.execute("SELECT id, size FROM artifacts WHERE id = ?", (artifact_id,)).fetchone()
    if row is None:
        raise NotFound(f"No artifact {artifact_id}.")
    return ArtifactReader(conn, int(row[0]), int(row[1]))


def stream_artifact_by_id(vault: Vault, artifact_id: int) -> io.RawIOBase:
    """An artifact's bytes front to back for copying it out whole: read ahead on threads
    of its own when it is large enough for that to pay (artifact_stream.py)."""
    conn = vault.read()
    row = conn.execute("SELECT id, size FROM artifacts WHERE id = ?", (artifact_id,)).fetchone()
    if row is None:
        raise NotFound(f"No artifact {artifact_id}.")
    art_id, size = int(row[0]), int(row[1])
    if chunk_count(size) < STREAM_MIN_CHUNKS:
        return ArtifactReader(conn, art_id, size)
    check_parts(conn, art_id, size)
    return ArtifactStream(
        vault.new_connection, lambda: not vault.closed, art_id, size, default_workers()
    )


def thumbnail(vault: Vault, item: str | int) -> bytes | None:
    """The blurred thumbnail PNG (what the app shows by default), or None."""
    conn = vault.read()
    item_id, _ = resolve(conn, item)
    row = conn.execute(
        "SELECT data FROM derived WHERE item_id = ? AND kind = 'thumbnail.blurred'", (item_id,)
    ).fetchone()
    return None if row is None or row[0] is None else bytes(row[0])
