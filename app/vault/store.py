"""The Vault: create/open, add items, read, annotate, archive; every change logged.

Threading: each thread gets its own SQLCipher connection (WAL lets readers run while
one writer commits); writes are serialised by a lock and one ``BEGIN IMMEDIATE``
transaction per item, so a crash or failure never leaves a partial item.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import __version__, atomic
from app.errors import (
    LockerError,
    NotFound,
    ReadOnlyCase,
    StorageError,
    UsageError,
    VaultExists,
    VaultLocked,
)
from app.vault import chunk_layout, custody, db, headseen, kdf, schema, walcheck
from app.vault.artifact_io import ArtifactReader, open_source, write_chunks
from app.vault.headseen import HistoryWarning
from app.vault.images import blurred_thumbnail
from app.vault.models import (
    Annotation,
    Artifact,
    Case,
    CustodyEvent,
    Item,
    NewArtifact,
    NewItem,
    utc_now,
)

Connection = Any
_OPEN: weakref.WeakSet[Vault] = weakref.WeakSet()  # vaults open in this process
DEFAULT_CASE = "General"
HEAD_SAVE_INTERVAL = 1.0  # seconds
MAX_TEXT = 100_000


class Vault:
    """An open vault. Use :meth:`create` or :meth:`open`; call :meth:`close` when done."""

    def __init__(self, path: Path, key: bytes, salt: bytes,
                 damaged_log: walcheck.WalDamage | None = None) -> None:
        self.path = path
        # Set when a damaged leftover -wal made this a read-only view (app/vault/walcheck.py).
        self.damaged_log = damaged_log
        self._key = key
        self._salt = salt
        self._local = threading.local()
        self._all_conns: list[Connection] = []
        self._conns_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._closed = False
        self._wrote = False  # a write committed since opening (the seen head moves on close)
        self._head_saved = -HEAD_SAVE_INTERVAL  # monotonic time the seen head was last saved
        self.history_warning: HistoryWarning | None = None  # see app/vault/headseen.py
        self.track_history = True
        conn = self._conn()
        if damaged_log is None:
            schema.migrate(conn)
            chunk_layout.upgrade(conn, path)
        self.vault_id: str = self._meta(conn, "vault_id") or ""
        _OPEN.add(self)

    # -- opening -------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, passphrase: str) -> Vault:
        """Create a new vault file. Never overwrites anything at ``path``."""
        path = Path(path)
        if not passphrase:
            raise UsageError("A passphrase is required to create a vault.")
        if path.exists() or path.is_symlink():
            raise VaultExists(f"{path} already exists; a new vault is never written over it.")
        if not path.parent.is_dir():
            raise NotFound(f"The folder {path.parent} does not exist.")
        atomic.check_room(path.parent, 256 * 1024, what="new vault")
        salt = kdf.new_salt()
        key = kdf.derive_key(passphrase, salt)
        tmp = path.with_name(f".{path.name}.creating-{uuid.uuid4().hex[:8]}")
        try:
            # Created 0600 before SQLite opens it: its -wal/-shm get the same mode.
            os.close(atomic.create_private(tmp))
            vault = cls(tmp, key, salt)
            vault._initialise()
            vault.close()
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            atomic.place_new(tmp, path)  # never over a file that appeared meanwhile
        except FileExistsError as exc:
            raise VaultExists(f"{path} already exists; nothing was written over it.") from exc
        except (db.DatabaseError, StorageError) as exc:
            if atomic.drive_gone(path.parent):  # a stick pulled out meanwhile
                raise atomic.write_failure(exc, path.parent, "new vault") from exc
            if isinstance(exc, StorageError):
                raise
            raise db.classify_error(exc, path) from exc
        except OSError as exc:
            raise atomic.write_failure(exc, path.parent, "new vault") from exc
        finally:
            atomic.remove_quietly(*(str(tmp) + suffix for suffix in ("", "-wal", "-shm")))
        return cls(path, key, salt)

    @classmethod
    def open(cls, path: Path | str, passphrase: str | None = None, *, key: bytes | None = None,
             track_history: bool = True) -> Vault:
        """Open an existing vault. A failure never modifies or replaces the file.
        ``track_history=False`` (private copies, e.g. recover's candidates) neither checks
        nor updates the chain head this computer remembers (headseen.py)."""
        path = Path(path)
        salt = db.read_salt(path)
        if key is None:
            if passphrase is None:
                raise VaultLocked("A passphrase is needed to open this vault.")
            key = kdf.derive_key(passphrase, salt)
        db.check_key(path, key, salt)
        # Before the first write (which would make SQLite replay the -wal and silently drop
        # what follows a damaged frame): check a leftover -wal; if saved changes would be
        # lost, keep a copy of it and open read-only.
        damage = None
        if not walcheck.in_use_elsewhere(path) and not _open_here(path):
            report = walcheck.check(path)
            if report is not None:
                damage = walcheck.WalDamage(report, walcheck.keep_copy(report))
        # `passwd` in another program replaces the file with a new salt: this key no longer
        # fits it, or a connection that waited for its lock is on the old, unlinked file
        # (writes there would be lost).
        replaced = StorageError(f"{path} was replaced while it was being opened (its "
                                "passphrase was changed meanwhile?); nothing was written. "
                                "Open it again.")
        try:
            vault = cls(path, key, salt, damage)
        except (db.DatabaseError, LockerError) as exc:
            if _salt_changed(path, salt):
                raise replaced from exc
            if isinstance(exc, LockerError):
                raise
            raise db.classify_error(exc, path) from exc
        if _salt_changed(path, salt):
            vault.close()
            raise replaced
        vault.track_history = track_history
        if track_history:
            vault.history_warning = headseen.check(vault)
            if vault.history_warning is None and damage is None:
                headseen.remember(vault)
        return vault

    def _initialise(self) -> None:
        signing = Ed25519PrivateKey.generate()
        from cryptography.hazmat.primitives import serialization

        raw = signing.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        import pyrage

        age_identity = str(pyrage.x25519.Identity.generate())
        now = utc_now()
        vault_id = str(uuid.uuid4())
        with self.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
            conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (now,))
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('kdf', ?)",
                (kdf.params_for_salt(self._salt).describe(),),
            )
            conn.execute(
                "INSERT INTO identity (id, signing_key, age_identity, created_at) VALUES (1, ?, ?, ?)",
                (raw, age_identity, now),
            )
            self.vault_id = vault_id
            from app.vault.identity import fingerprint_of

            self.append_event(
                conn,
                "vault_created",
                None,
                {"vault_id": vault_id, "identity_fingerprint": fingerprint_of(signing.public_key())},
            )

    @property
    def key_material(self) -> tuple[bytes, bytes]:
        """(raw key, salt) for the keyring and for opening a copy made by backup."""
        return self._key, self._salt

    def close(self) -> None:
        _OPEN.discard(self)
        if self._wrote and not self._closed:
            self._wrote = False
            with contextlib.suppress(Exception):
                headseen.remember(self)
        with self._conns_lock:
            conns, self._all_conns = self._all_conns, []
            self._closed = True
        for conn in conns:
            with contextlib.suppress(Exception):
                conn.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _conn(self) -> Connection:
        if self._closed:
            raise VaultLocked("The vault is locked.")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.damaged_log is not None:
                conn = db.connect_readonly(self.path, self._key, self._salt)
            else:
                conn = db.connect(self.path, self._key, self._salt)
            self._local.conn = conn
            with self._conns_lock:
                if self._closed:
                    conn.close()
                    raise VaultLocked("The vault is locked.")
                self._all_conns.append(conn)
        return conn

    def read(self) -> Connection:
        """This thread's connection, for reads."""
        return self._conn()

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One atomic write transaction; rolled back on any error."""
        if self.damaged_log is not None:
            raise self.damaged_log.write_refused()
        with self._write_lock:
            conn = self._conn()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except db.DatabaseError as exc:
                raise db.classify_error(exc, self.path) from exc
            try:
                yield conn
                conn.execute("COMMIT")
                self._wrote = True
                # The seen head also moves during a session (at most once a second), so a
                # crash followed by a deleted -wal is still noticed (headseen.py).
                if time.monotonic() - self._head_saved >= HEAD_SAVE_INTERVAL:
                    self._head_saved = time.monotonic()
                    headseen.remember(self)
            except BaseException as exc:
                with contextlib.suppress(Exception):
                    conn.execute("ROLLBACK")
                if isinstance(exc, db.DatabaseError) and not isinstance(exc, db.IntegrityError):
                    raise db.classify_error(exc, self.path) from exc
                raise

    @staticmethod
    def _meta(conn: Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # -- custody -------------------------------------------------------------------

    def append_event(
        self, conn: Connection, event: str, item_uid: str | None, data: dict[str, Any]
    ) -> CustodyEvent:
        """Append one chained custody entry inside the caller's write transaction."""
        row = conn.execute("SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
        seq = 1 if row is None else int(row[0]) + 1
        prev = custody.GENESIS_PREV if row is None else str(row[1])
        at = utc_now()
        payload = {
            "seq": seq,
            "event": event,
            "at": at,
            "app_version": __version__,
            "vault_id": self.vault_id,
            "item": item_uid,
            "data": data,
        }
        text = custody.canonical_json(payload)
        p_hash = custody.payload_hash(text)
        e_hash = custody.entry_hash(prev, p_hash)
        conn.execute(
            "INSERT INTO custody (seq, at, app_version, event, item_uid, payload, payload_hash,"
            " prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, __version__, event, item_uid, text, p_hash, prev, e_hash),
        )
        return CustodyEvent(seq, at, __version__, event, item_uid, payload, p_hash, prev, e_hash)

    def log_event(self, event: str, item: str | int | None = None, data: dict[str, Any] | None = None) -> CustodyEvent:
        """Record a standalone event (exported, verified, revealed, ...)."""
        with self.write() as conn:
            uid = None if item is None else self._resolve(conn, item)[1]
            return self.append_event(conn, event, uid, data or {})

    def custody_log(self, item: str | int | None = None) -> list[CustodyEvent]:
        conn = self.read()
        if item is None:
            rows = conn.execute("SELECT * FROM custody ORDER BY seq").fetchall()
        else:
            uid = self._resolve(conn, item)[1]
            rows = conn.execute(
                "SELECT * FROM custody WHERE item_uid = ? ORDER BY seq", (uid,)
            ).fetchall()
        return [
            CustodyEvent(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7], r[8])
            for r in rows
        ]

    def chain_entries(self) -> Iterator[custody.ChainEntry]:
        for seq, p_hash, prev, e_hash, payload in self.read().execute(
            "SELECT seq, payload_hash, prev_hash, entry_hash, payload FROM custody ORDER BY seq"
        ):
            yield custody.ChainEntry(seq, p_hash, prev, e_hash, payload)

    def chain_head(self) -> tuple[int, str]:
        row = self.read().execute("SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
        return (0, custody.GENESIS_PREV) if row is None else (int(row[0]), str(row[1]))

    # -- cases ---------------------------------------------------------------------

    def _case_id(self, conn: Connection, name: str, *, for_write: bool = True) -> int:
        # Surrounding spaces would make a second, look-alike case ("사건 1 "), and a blank
        # name an invisible one; both mean the case as typed without them.
        name = _clean_text((name or "").strip() or DEFAULT_CASE, "case name", 200)
        row = conn.execute("SELECT id, read_only FROM cases WHERE name = ?", (name,)).fetchone()
        if row is not None:
            if for_write and row[1]:
                raise ReadOnlyCase(f"The case '{name}' holds received evidence and is read-only.")
            return int(row[0])
        cur = conn.execute(
            "INSERT INTO cases (name, created_at) VALUES (?, ?)", (name, utc_now())
        )
        return int(cur.lastrowid)

    def list_cases(self) -> list[Case]:
        rows = self.read().execute(
            "SELECT c.id, c.name, c.origin, c.read_only, count(i.id) FROM cases c"
            " LEFT JOIN items i ON i.case_id = c.id GROUP BY c.id ORDER BY c.name"
        ).fetchall()
        return [Case(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]

    # -- adding --------------------------------------------------------------------

    def add_item(
        self,
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
        title = _clean_text(item.title, "title", 2000)
        if item.source_url is not None:
            _clean_text(item.source_url, "source URL", MAX_TEXT)
        streams = [open_source(a.source) for a in artifacts]
        try:
            with self.write() as conn:
                case_id = self._case_id(conn, item.case)
                cur = conn.execute(
                    "INSERT INTO items (uid, case_id, kind, title, source_url, captured_at,"
                    " created_at, metadata_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (uid, case_id, item.kind, title, item.source_url, captured, now,
                     custody.canonical_json(item.metadata)),
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
                        (next_id, item_id, spec.role, _clean_text(spec.name, "name", 1000),
                         spec.media_type, size, sha, count, now),
                    )
                    recorded.append({"role": spec.role, "name": spec.name, "sha256": sha,
                                     "size": size, "media_type": spec.media_type})
                conn.execute(
                    "INSERT INTO item_state (item_id, archived, reason, changed_at) VALUES (?, 0, '', ?)",
                    (item_id, now),
                )
                self._make_thumbnail(conn, item_id, item.thumbnail_role)
                from app.takedown.pdq import store_for_item  # PDQ hashes (derived data)

                store_for_item(conn, item_id)
                event = self.append_event(conn, "item_added", uid, {
                    "case": item.case or DEFAULT_CASE,
                    "kind": item.kind,
                    "title": title,
                    "source_url": item.source_url,
                    "captured_at": captured,
                    "metadata_sha256": custody.payload_hash(custody.canonical_json(item.metadata)),
                    "artifacts": recorded,
                })
                if item.note:
                    self._annotate(conn, item_id, uid, "note", item.note)
                del event
        finally:
            for spec, stream in zip(artifacts, streams, strict=True):
                if isinstance(spec.source, (Path, bytes)):
                    stream.close()
        return self.get_item(item_id)

    def add_file(self, path: Path | str, case: str = DEFAULT_CASE, note: str | None = None,
                 source_url: str | None = None, kind: str = "file",
                 progress: Callable[[int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Item:
        from app.vault.mediatypes import guess_media_type

        path = Path(path)
        # A name that is not valid UTF-8 (another system's encoding) is shown with \xNN
        # escapes; its exact bytes are kept in the metadata.
        raw = os.fsencode(path.name)
        name = raw.decode("utf-8", "backslashreplace")
        metadata: dict[str, Any] = {"original_name": name}
        if name != path.name:
            metadata["original_name_bytes_hex"] = raw.hex()
        return self.add_item(
            NewItem(kind=kind, case=case, title=name, source_url=source_url, note=note,
                    metadata=metadata),
            [NewArtifact("original", name, path, guess_media_type(name))],
            progress, cancelled,
        )

    def _make_thumbnail(self, conn: Connection, item_id: int, role: str | None) -> None:
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

    def _resolve(self, conn: Connection, ref: str | int) -> tuple[int, str]:
        text = str(ref).strip()
        if text.isdigit():
            row = conn.execute("SELECT id, uid FROM items WHERE id = ?", (int(text),)).fetchone()
        elif len(text) >= 8:
            rows = conn.execute(
                "SELECT id, uid FROM items WHERE uid LIKE ? ESCAPE '\\' LIMIT 2",
                (text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
            ).fetchall()
            if len(rows) > 1:
                raise UsageError(f"'{text}' matches more than one item; give more of its id.")
            row = rows[0] if rows else None
        else:
            row = None
        if row is None:
            raise NotFound(f"No item '{text}' in this vault.")
        return int(row[0]), str(row[1])

    _ITEM_SQL = (
        "SELECT i.id, i.uid, c.name, i.kind, i.title, i.source_url, i.captured_at, i.created_at,"
        " coalesce(s.archived, 0), coalesce(s.reason, ''), i.metadata_json, c.read_only,"
        " (SELECT a.sha256 FROM artifacts a WHERE a.item_id = i.id"
        "   ORDER BY a.role != 'original', a.id LIMIT 1),"
        " (SELECT a.size FROM artifacts a WHERE a.item_id = i.id"
        "   ORDER BY a.role != 'original', a.id LIMIT 1)"
        " FROM items i JOIN cases c ON c.id = i.case_id LEFT JOIN item_state s ON s.item_id = i.id"
    )

    @staticmethod
    def _item_from_row(r: Sequence[Any]) -> Item:
        return Item(
            id=r[0], uid=r[1], case=r[2], kind=r[3], title=r[4], source_url=r[5],
            captured_at=r[6], created_at=r[7], archived=bool(r[8]), archived_reason=r[9],
            metadata=json.loads(r[10]), read_only=bool(r[11]), sha256=r[12], size=r[13] or 0,
        )

    def list_items(self, case: str | None = None, archived: bool | None = False,
                   limit: int | None = None, offset: int = 0) -> list[Item]:
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
        sql = self._ITEM_SQL + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY i.captured_at DESC, i.id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [self._item_from_row(r) for r in self.read().execute(sql, args)]

    def count_items(self, case: str | None = None, archived: bool | None = False) -> int:
        sql = ("SELECT count(*) FROM items i JOIN cases c ON c.id = i.case_id"
               " LEFT JOIN item_state s ON s.item_id = i.id WHERE 1=1")
        args: list[Any] = []
        if case is not None:
            sql += " AND c.name = ?"
            args.append(case)
        if archived is not None:
            sql += " AND coalesce(s.archived, 0) = ?"
            args.append(1 if archived else 0)
        return int(self.read().execute(sql, args).fetchone()[0])

    def get_item(self, ref: str | int) -> Item:
        conn = self.read()
        item_id, _uid = self._resolve(conn, ref)
        row = conn.execute(self._ITEM_SQL + " WHERE i.id = ?", (item_id,)).fetchone()
        item = self._item_from_row(row)
        item.artifacts = [
            Artifact(*r) for r in conn.execute(
                "SELECT id, role, name, media_type, size, sha256, created_at FROM artifacts"
                " WHERE item_id = ? ORDER BY id", (item_id,))
        ]
        item.annotations = [
            Annotation(*r) for r in conn.execute(
                "SELECT kind, text, created_at FROM annotations WHERE item_id = ? ORDER BY id",
                (item_id,))
        ]
        note = conn.execute(
            "SELECT note FROM derived WHERE item_id = ? AND kind = 'thumbnail.blurred'", (item_id,)
        ).fetchone()
        item.preview_note = str(note[0]) if note else "preview unavailable: no image"
        return item

    def latest_notes(self, item_ids: Sequence[int]) -> dict[int, str]:
        """The newest note of each given item (for list views), by item id."""
        ids = [int(i) for i in item_ids][:1000]
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.read().execute(
            f"SELECT item_id, text FROM annotations WHERE id IN (SELECT max(id) FROM annotations"
            f" WHERE kind = 'note' AND item_id IN ({marks}) GROUP BY item_id)", ids,
        ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}

    def open_artifact(self, item: str | int, role: str = "original") -> ArtifactReader:
        conn = self.read()
        item_id, _ = self._resolve(conn, item)
        row = conn.execute(
            "SELECT id, size FROM artifacts WHERE item_id = ? AND role = ?", (item_id, role)
        ).fetchone()
        if row is None:
            raise NotFound(f"Item {item} has no '{role}' artifact.")
        return ArtifactReader(conn, int(row[0]), int(row[1]))

    def open_artifact_by_id(self, artifact_id: int) -> ArtifactReader:
        conn = self.read()
        row = conn.execute("SELECT id, size FROM artifacts WHERE id = ?", (artifact_id,)).fetchone()
        if row is None:
            raise NotFound(f"No artifact {artifact_id}.")
        return ArtifactReader(conn, int(row[0]), int(row[1]))

    def thumbnail(self, item: str | int) -> bytes | None:
        """The blurred thumbnail PNG (what the app shows by default), or None."""
        conn = self.read()
        item_id, _ = self._resolve(conn, item)
        row = conn.execute(
            "SELECT data FROM derived WHERE item_id = ? AND kind = 'thumbnail.blurred'", (item_id,)
        ).fetchone()
        return None if row is None or row[0] is None else bytes(row[0])

    # -- annotating and archiving --------------------------------------------------

    def _writable_item(self, conn: Connection, ref: str | int) -> tuple[int, str]:
        item_id, uid = self._resolve(conn, ref)
        ro = conn.execute(
            "SELECT c.read_only FROM items i JOIN cases c ON c.id = i.case_id WHERE i.id = ?",
            (item_id,),
        ).fetchone()[0]
        if ro:
            raise ReadOnlyCase("Received evidence is read-only; notes and archiving go on your own copy.")
        return item_id, uid

    def _annotate(self, conn: Connection, item_id: int, uid: str, kind: str, text: str) -> None:
        text = _clean_text(text, kind, MAX_TEXT)
        event = self.append_event(conn, {"note": "note_added", "tag": "tag_added",
                                         "untag": "tag_removed"}[kind], uid, {"text": text})
        conn.execute(
            "INSERT INTO annotations (item_id, kind, text, created_at, custody_seq)"
            " VALUES (?, ?, ?, ?, ?)", (item_id, kind, text, event.at, event.seq),
        )

    def add_note(self, item: str | int, text: str) -> None:
        if not text.strip():
            raise UsageError("A note cannot be empty.")
        with self.write() as conn:
            item_id, uid = self._writable_item(conn, item)
            self._annotate(conn, item_id, uid, "note", text)

    def add_tag(self, item: str | int, tag: str) -> None:
        tag = _tag_text(tag)
        with self.write() as conn:
            item_id, uid = self._writable_item(conn, item)
            if tag in _current_tags(conn, item_id):
                raise UsageError(f"Item {item} already has the tag '{tag}'.")
            self._annotate(conn, item_id, uid, "tag", tag)

    def remove_tag(self, item: str | int, tag: str) -> None:
        # A removal of a tag the item does not have would only add a meaningless
        # tag_removed event to the custody chain.
        tag = _tag_text(tag)
        with self.write() as conn:
            item_id, uid = self._writable_item(conn, item)
            if tag not in _current_tags(conn, item_id):
                raise UsageError(f"Item {item} has no tag '{tag}'.")
            self._annotate(conn, item_id, uid, "untag", tag)

    def archive(self, item: str | int, reason: str) -> None:
        if not reason.strip():
            raise UsageError("Say why the item is archived (--reason).")
        self._set_archived(item, True, _clean_text(reason, "reason", 2000))

    def unarchive(self, item: str | int) -> None:
        self._set_archived(item, False, "")

    def _set_archived(self, item: str | int, archived: bool, reason: str) -> None:
        with self.write() as conn:
            item_id, uid = self._writable_item(conn, item)
            current = conn.execute(
                "SELECT archived FROM item_state WHERE item_id = ?", (item_id,)
            ).fetchone()
            if current is not None and bool(current[0]) == archived:
                state = "archived" if archived else "not archived"
                raise UsageError(f"Item {item} is already {state}.")
            event = self.append_event(
                conn, "item_archived" if archived else "item_unarchived", uid, {"reason": reason}
            )
            conn.execute(
                "INSERT INTO item_state (item_id, archived, reason, changed_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(item_id) DO UPDATE SET archived = excluded.archived,"
                " reason = excluded.reason, changed_at = excluded.changed_at",
                (item_id, int(archived), reason, event.at),
            )

    def record_reveal(self, item: str | int, context: str = "app") -> CustodyEvent:
        """Log that a person chose to see an item unblurred."""
        return self.log_event("item_revealed", item, {"context": context})

    def record_unlock(self) -> None:
        with self.write() as conn:
            conn.execute("INSERT INTO unlocks (at, app_version) VALUES (?, ?)", (utc_now(), __version__))

    def unlock_history(self, limit: int = 10) -> list[str]:
        return [r[0] for r in self.read().execute(
            "SELECT at FROM unlocks ORDER BY id DESC LIMIT ?", (limit,))]

    # -- identity -------------------------------------------------------------------

    def signing_key(self) -> Ed25519PrivateKey:
        row = self.read().execute("SELECT signing_key FROM identity WHERE id = 1").fetchone()
        if row is None:
            raise LockerError("This vault has no identity key.")
        return Ed25519PrivateKey.from_private_bytes(bytes(row[0]))

    def age_identity(self) -> str:
        row = self.read().execute("SELECT age_identity FROM identity WHERE id = 1").fetchone()
        if row is None:
            raise LockerError("This vault has no identity key.")
        return str(row[0])


def _salt_changed(path: Path, salt: bytes) -> bool:
    try:
        return db.read_salt(path) != salt
    except LockerError:
        return True


def _tag_text(tag: str) -> str:
    tag = tag.strip()
    if not tag:
        raise UsageError("A tag cannot be empty.")
    return tag


def _current_tags(conn: Connection, item_id: int) -> list[str]:
    """The item's tags now: tag rows minus later untag rows (as ``Item.tags``)."""
    current: list[str] = []
    for kind, text in conn.execute(
        "SELECT kind, text FROM annotations WHERE item_id = ? AND kind IN ('tag', 'untag')"
        " ORDER BY id", (item_id,),
    ):
        if kind == "tag" and text not in current:
            current.append(text)
        elif kind == "untag" and text in current:
            current.remove(text)
    return current


def _clean_text(text: str, what: str, limit: int) -> str:
    if len(text) > limit:
        raise UsageError(f"The {what} is too long ({len(text)} characters; at most {limit}).")
    if "\x00" in text:
        raise UsageError(f"The {what} contains a NUL character.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"The {what} is not valid text (undecodable bytes, perhaps from "
                         "another system's encoding).") from exc
    return text


def _open_here(path: Path) -> bool:
    """Whether this process has the vault open (its -wal is live, not leftover)."""
    target = path.resolve()
    return any(not v.closed and v.path.resolve() == target for v in list(_OPEN))
