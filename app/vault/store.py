"""The Vault: create/open, keys, transactions and the custody chain; every change logged.

This module holds opening and creating a vault file, the per-thread connections, the
``write()`` transaction and its lock, logging custody events, and the unlock log. The
work behind the other methods lives beside it, each ``Vault`` method a thin delegate:
items in ``items.py``, notes/tags/archiving in ``annotations.py``, the stored chain in
``custody_log.py``, the keys in ``identity.py``.

Threading: each thread gets its own SQLCipher connection (WAL lets readers run while
one writer commits); writes are serialised by a lock and one ``BEGIN IMMEDIATE``
transaction per item, so a crash or failure never leaves a partial item.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import __version__, atomic, drives
from app.errors import (
    LockerError,
    NotFound,
    StorageError,
    UsageError,
    VaultExists,
    VaultLocked,
)
from app.vault import annotations as annotations_
from app.vault import (
    chunk_layout,
    custody,
    custody_log,
    db,
    headseen,
    identity,
    items,
    kdf,
    schema,
    walcheck,
)
from app.vault.artifact_io import ArtifactReader
from app.vault.events import Event
from app.vault.headseen import HistoryWarning
from app.vault.lookup import DEFAULT_CASE, Connection, resolve
from app.vault.models import Case, CustodyEvent, Item, NewArtifact, NewItem, utc_now

__all__ = ["DEFAULT_CASE", "Connection", "Vault"]

_OPEN: weakref.WeakSet[Vault] = weakref.WeakSet()  # vaults open in this process
HEAD_SAVE_INTERVAL = 1.0  # seconds


class Vault:
    """An open vault. Use :meth:`create` or :meth:`open`; call :meth:`close` when done."""

    def __init__(
        self, path: Path, key: bytes, salt: bytes, damaged_log: walcheck.WalDamage | None = None
    ) -> None:
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
        drives.check_room(path.parent, 256 * 1024, what="new vault")
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
            if drives.drive_gone(path.parent):  # a stick pulled out meanwhile
                raise drives.write_failure(exc, path.parent, "new vault") from exc
            if isinstance(exc, StorageError):
                raise
            raise db.classify_error(exc, path) from exc
        except OSError as exc:
            raise drives.write_failure(exc, path.parent, "new vault") from exc
        finally:
            atomic.remove_quietly(*(str(tmp) + suffix for suffix in ("", "-wal", "-shm")))
        return cls(path, key, salt)

    @classmethod
    def open(
        cls,
        path: Path | str,
        passphrase: str | None = None,
        *,
        key: bytes | None = None,
        track_history: bool = True,
    ) -> Vault:
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
        replaced = StorageError(
            f"{path} was replaced while it was being opened (its "
            "passphrase was changed meanwhile?); nothing was written. "
            "Open it again."
        )
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
        now = utc_now()
        vault_id = str(uuid.uuid4())
        with self.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
            conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (now,))
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('kdf', ?)",
                (kdf.params_for_salt(self._salt).describe(),),
            )
            fingerprint = identity.store_new_keys(conn, now)
            self.vault_id = vault_id
            self.append_event(
                conn,
                Event.VAULT_CREATED,
                None,
                {"vault_id": vault_id, "identity_fingerprint": fingerprint},
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

    def new_connection(self) -> Connection:
        """A connection of the caller's own, closed by the caller (not by ``close``), for
        a thread that reads alongside this vault's connections."""
        if self._closed:
            raise VaultLocked("The vault is locked.")
        if self.damaged_log is not None:
            return db.connect_readonly(self.path, self._key, self._salt)
        return db.connect(self.path, self._key, self._salt)

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
        self, conn: Connection, event: Event, item_uid: str | None, data: dict[str, Any]
    ) -> CustodyEvent:
        """Append one chained custody entry inside the caller's write transaction."""
        return custody_log.append(conn, self.vault_id, event, item_uid, data)

    def log_event(
        self, event: Event, item: str | int | None = None, data: dict[str, Any] | None = None
    ) -> CustodyEvent:
        """Record a standalone event (exported, verified, revealed, ...)."""
        with self.write() as conn:
            uid = None if item is None else resolve(conn, item)[1]
            return self.append_event(conn, event, uid, data or {})

    def custody_log(self, item: str | int | None = None) -> list[CustodyEvent]:
        conn = self.read()
        return custody_log.events(conn, None if item is None else resolve(conn, item)[1])

    def chain_entries(self) -> Iterator[custody.ChainEntry]:
        return custody_log.chain_entries(self.read())

    def chain_head(self) -> tuple[int, str]:
        return custody_log.chain_head(self.read())

    # -- unlock log ------------------------------------------------------------------

    def record_unlock(self) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO unlocks (at, app_version) VALUES (?, ?)", (utc_now(), __version__)
            )

    def unlock_history(self, limit: int = 10) -> list[str]:
        return [
            r[0]
            for r in self.read().execute(
                "SELECT at FROM unlocks ORDER BY id DESC LIMIT ?", (limit,)
            )
        ]

    # -- cases and items (app/vault/items.py) ---------------------------------------

    def list_cases(self) -> list[Case]:
        return items.list_cases(self)

    def add_item(
        self,
        item: NewItem,
        artifacts: Sequence[NewArtifact],
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Item:
        """Store one item with its artifacts in one transaction and log it."""
        return items.add_item(self, item, artifacts, progress, cancelled)

    def add_file(
        self,
        path: Path | str,
        case: str = DEFAULT_CASE,
        note: str | None = None,
        source_url: str | None = None,
        kind: str = "file",
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Item:
        return items.add_file(self, path, case, note, source_url, kind, progress, cancelled)

    def list_items(
        self,
        case: str | None = None,
        archived: bool | None = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Item]:
        """Items, newest first. ``archived``: False hides archived, True only archived,
        None both."""
        return items.list_items(self, case, archived, limit, offset)

    def count_items(self, case: str | None = None, archived: bool | None = False) -> int:
        return items.count_items(self, case, archived)

    def get_item(self, ref: str | int) -> Item:
        return items.get_item(self, ref)

    def latest_notes(self, item_ids: Sequence[int]) -> dict[int, str]:
        """The newest note of each given item (for list views), by item id."""
        return items.latest_notes(self, item_ids)

    def open_artifact(self, item: str | int, role: str = "original") -> ArtifactReader:
        return items.open_artifact(self, item, role)

    def open_artifact_by_id(self, artifact_id: int) -> ArtifactReader:
        return items.open_artifact_by_id(self, artifact_id)

    def stream_artifact_by_id(self, artifact_id: int) -> io.RawIOBase:
        """The artifact's bytes front to back, read ahead on threads (for copying it out
        whole, as ``locker extract`` does); close it (a ``with`` block) when done."""
        return items.stream_artifact_by_id(self, artifact_id)

    def thumbnail(self, item: str | int) -> bytes | None:
        """The blurred thumbnail PNG (what the app shows by default), or None."""
        return items.thumbnail(self, item)

    # -- annotating and archiving (app/vault/annotations.py) ------------------------

    def add_note(self, item: str | int, text: str) -> None:
        annotations_.add_note(self, item, text)

    def add_tag(self, item: str | int, tag: str) -> None:
        annotations_.add_tag(self, item, tag)

    def remove_tag(self, item: str | int, tag: str) -> None:
        annotations_.remove_tag(self, item, tag)

    def archive(self, item: str | int, reason: str) -> None:
        annotations_.archive(self, item, reason)

    def unarchive(self, item: str | int) -> None:
        annotations_.unarchive(self, item)

    def record_reveal(self, item: str | int, context: str = "app") -> CustodyEvent:
        """Log that a person chose to see an item unblurred."""
        return annotations_.record_reveal(self, item, context)

    # -- identity -------------------------------------------------------------------

    def signing_key(self) -> Ed25519PrivateKey:
        return identity.signing_key(self.read())

    def age_identity(self) -> str:
        return identity.age_identity(self.read())


def _salt_changed(path: Path, salt: bytes) -> bool:
    try:
        return db.read_salt(path) != salt
    except LockerError:
        return True


def _open_here(path: Path) -> bool:
    """Whether this process has the vault open (its -wal is live, not leftover)."""
    target = path.resolve()
    return any(not v.closed and v.path.resolve() == target for v in list(_OPEN))
