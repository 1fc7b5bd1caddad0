"""Opening SQLCipher files safely: key check first, no writes on failure, fixed pragmas."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3

from app.errors import CorruptVault, NotAVault, NotFound, StorageError, WrongPassphrase
from app.vault import kdf, page_format

Connection = Any
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError
OperationalError = sqlcipher3.OperationalError


def read_salt(path: Path) -> bytes:
    """Read the plaintext per-file salt without modifying the file."""
    if not path.exists():
        raise NotFound(f"No vault at {path}.")
    if not path.is_file():
        raise NotAVault(f"{path} is not a file.")
    with open(path, "rb") as fh:
        salt = fh.read(kdf.SALT_LEN)
    if len(salt) < kdf.SALT_LEN:
        raise NotAVault(f"{path} is too short to be an Evidence Locker vault.")
    return salt


def _apply_key(conn: Connection, key: bytes, salt: bytes) -> None:
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {kdf.sqlcipher_key_pragma(key, salt)}")
    page_format.apply(conn, salt)
    # Wiping/locking every allocation halves throughput; scrubbing RAM is not promised
    # (brief section 4), so it stays off.
    conn.execute("PRAGMA cipher_memory_security = OFF")


def check_key(path: Path, key: bytes, salt: bytes) -> None:
    """Prove the key opens the file, read-only (immutably when it was closed cleanly)."""
    size = path.stat().st_size
    try:
        _read_schema(path, key, salt, immutable=True)
    except DatabaseError as exc:
        # After a crash the main file alone can be mid-checkpoint: it is consistent only
        # together with the -wal beside it. Read it that way (still read-only) before
        # calling the passphrase wrong, or a crash would lock the person out.
        wal = Path(f"{path}-wal")
        if not (wal.exists() and wal.stat().st_size > 0):
            raise _key_failure(path, size, salt) from exc
        try:
            _read_schema(path, key, salt, immutable=False)
        except DatabaseError as retry_exc:
            raise _key_failure(path, size, salt) from retry_exc
    if size % page_format.for_salt(salt).page_size != 0:
        raise CorruptVault(
            f"The vault file {path.name} is damaged (truncated or extended). Open a backup "
            "instead; this file was not changed."
        )


def _read_schema(path: Path, key: bytes, salt: bytes, *, immutable: bool) -> None:
    """Read the schema on a read-only connection; immutable ignores any -wal/-shm."""
    conn = _ro_connect(path, immutable=immutable)
    try:
        _apply_key(conn, key, salt)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _ro_connect(path: Path, *, immutable: bool = False) -> Connection:
    """A read-only connection. With a -wal, ``readonly_shm`` makes SQLite read the -shm
    without writing it and rebuild its index of the -wal in memory: a failed or read-only
    open rewrites nothing (a missing -shm would still be created, as SQLite needs one)."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    if immutable:
        uri += "&immutable=1"
    elif Path(f"{path}-shm").exists():
        uri += "&readonly_shm=1"
    return sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def connect_readonly(path: Path, key: bytes, salt: bytes) -> Connection:
    """A read-only connection that sees the vault as SQLite would replay it, writing
    nothing (used while a damaged leftover -wal is kept untouched)."""
    try:
        conn = _ro_connect(path)
        _apply_key(conn, key, salt)
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        raise classify_error(exc, path) from exc
    return conn


def _key_failure(path: Path, size: int, salt: bytes) -> Exception:
    if size % page_format.for_salt(salt).page_size != 0:
        return CorruptVault(
            f"The vault file {path.name} is damaged (its size is not a whole number of "
            "pages). Open a backup instead; this file was not changed."
        )
    return WrongPassphrase(
        "The passphrase is not right for this vault (or its first page is damaged). "
        "Nothing was changed."
    )


def connect(path: Path, key: bytes, salt: bytes) -> Connection:
    """Open a read-write connection with durable, leak-free settings."""
    try:
        conn = sqlcipher3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=30.0
        )
        _apply_key(conn, key, salt)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # no temp files on disk
        conn.execute(
            "PRAGMA trusted_schema = OFF"
        )  # no SQL functions from a schema's views/triggers
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"Could not switch {path.name} to write-ahead logging.")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA journal_size_limit = 67108864")
        conn.execute("PRAGMA busy_timeout = 30000")
    except DatabaseError as exc:
        raise classify_error(exc, path) from exc
    return conn


def is_damage(exc: BaseException) -> bool:
    """Whether SQLite/SQLCipher's error says the file's bytes are damaged (a page that
    fails its MAC, a malformed b-tree), not that it is busy, full or unreachable."""
    message = str(exc).lower()
    return any(word in message for word in ("not a database", "malformed", "hmac"))


def classify_error(exc: BaseException, path: Path) -> Exception:
    message = str(exc).lower()
    if "readonly" in message or "read-only" in message:
        return StorageError(f"The vault location is read-only: {path}. Nothing was changed.")
    if "disk is full" in message or "database or disk is full" in message:
        return StorageError("The disk is full. The operation was undone; the vault is unchanged.")
    if "disk i/o error" in message:
        # SQLite reports a failed write (e.g. the -shm cannot grow) as an I/O error even
        # when the cause is a full disk: say which when the disk is nearly full.
        if _free_bytes(path.parent) < 4 * 1024 * 1024:
            return StorageError(
                "The disk is full. The operation was undone; the vault is unchanged."
            )
        return StorageError(
            f"The disk reported an error while using {path}. The operation "
            "was undone; check the drive and try again."
        )
    if is_damage(exc):
        return CorruptVault(f"The vault file {path.name} is damaged: {exc}")
    if "unable to open" in message:
        if not os.access(path.parent, os.W_OK):
            # WAL needs its -wal/-shm files beside the vault: a write-protected folder
            # (USB stick, CD, read-only mount) cannot hold them.
            return StorageError(
                f"The folder {path.parent} is read-only, so the vault cannot be opened "
                "there. Nothing was changed; copy the vault to a writable folder."
            )
        return StorageError(f"Cannot open {path}: {exc}")
    return StorageError(f"Vault error: {exc}")


def _free_bytes(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 1 << 62


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(str(path), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
