"""Backups and passphrase changes: copy through SQLCipher, verify the copy, then commit
it with an atomic rename. The live file is never copied byte-wise, and nothing existing
is overwritten until the replacement has been opened and verified."""

from __future__ import annotations

import glob
import os
import re
import uuid
from pathlib import Path

from app import atomic, drives
from app.errors import (
    LockerError,
    NotFound,
    StorageError,
    VaultExists,
    VerificationFailed,
    os_failure,
)
from app.vault import db, headseen, kdf, page_format
from app.vault.events import Event
from app.vault.store import Vault
from app.vault.verify import verify_vault


def _export_copy(vault: Vault, dest: Path, key: bytes, salt: bytes) -> None:
    """sqlcipher_export into a new encrypted file at ``dest`` (which must not exist)."""
    # Created 0600 first: SQLite keeps the mode of an existing file (and gives its
    # -journal/-wal/-shm the same), so the copy is private whatever the umask.
    os.close(atomic.create_private(dest))
    conn = vault.read()
    with vault._write_lock:  # a consistent snapshot, no writer meanwhile
        try:
            conn.execute(
                f"ATTACH DATABASE ? AS backup KEY {kdf.sqlcipher_key_pragma(key, salt)}",
                (str(dest),),
            )
            try:
                page_format.apply(conn, salt, "backup")  # the format ``salt`` names
                conn.execute("SELECT sqlcipher_export('backup')")
                version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
                conn.execute(f"PRAGMA backup.user_version = {version}")
                # The copy carries the newest head seen, so putting it back is noticed.
                conn.execute(
                    "INSERT OR REPLACE INTO backup.meta (key, value) VALUES (?, ?)",
                    (headseen.META_KEY, headseen.carry_json(vault)),
                )
            finally:
                conn.execute("DETACH DATABASE backup")
        except db.DatabaseError as exc:
            raise db.classify_error(exc, dest) from exc


def _verified_commit(tmp: Path, final: Path, key: bytes, salt: bytes, replace: bool) -> None:
    copy = Vault.open(tmp, key=key, track_history=False)  # a private copy: not "seen"
    try:
        report = verify_vault(copy)
    finally:
        copy.close()
    if not report.ok:
        raise VerificationFailed(
            "The new copy did not verify, so it was not kept: "
            + "; ".join(p for c in report.checks for p in c.problems[:1])
        )
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    if replace:
        os.replace(tmp, final)
        db.fsync_dir(final.parent)
    else:
        atomic.place_new(tmp, final)  # fails instead of overwriting; no hard link needed


def backup(vault: Vault, dest: Path | str) -> Path:
    """Write a verified encrypted backup to ``dest`` (same passphrase). ``dest`` is a
    folder (the vault's file name is used) or a new file name; a string ending in a path
    separator must name an existing folder."""
    as_folder = isinstance(dest, str) and dest.endswith(("/", os.sep))
    if vault.damaged_log is not None:  # its view lacks saved items: `locker recover` instead
        raise vault.damaged_log.write_refused()
    dest = Path(dest)
    if as_folder and not dest.is_dir():
        raise NotFound(
            f"The folder {dest} does not exist (is the drive plugged in?). Nothing was written."
        )
    if dest.is_dir():
        dest = dest / vault.path.name
    if dest.exists() or dest.is_symlink():
        raise VaultExists(f"{dest} already exists; choose a new name for the backup.")
    if not dest.parent.is_dir():
        raise NotFound(
            f"The folder {dest.parent} does not exist (is the drive plugged "
            "in?). Nothing was written."
        )
    if dest.resolve() == vault.path.resolve():
        raise VaultExists("A backup cannot be written over its own vault.")
    size = _file_size(vault.path) + _file_size(Path(f"{vault.path}-wal"))
    drives.check_room(dest.parent, size, what="backup")
    key, salt = vault.key_material
    _remove_stale_partials(dest)
    tmp = dest.with_name(f".{dest.name}.partial-{uuid.uuid4().hex[:8]}")
    try:
        _export_copy(vault, tmp, key, salt)
        _verified_commit(tmp, dest, key, salt, replace=False)
    except FileExistsError as exc:
        raise VaultExists(f"{dest} already exists; nothing was overwritten.") from exc
    except (OSError, LockerError) as exc:
        # A stick pulled out mid-backup shows up as an I/O error from SQLite or the OS.
        if isinstance(exc, OSError) or drives.drive_gone(dest.parent):
            raise drives.write_failure(exc, dest.parent, "backup") from exc
        raise
    finally:
        _cleanup(tmp)
    event = vault.log_event(Event.BACKUP_MADE, None, {"file_name": dest.name})
    headseen.remember(vault, backup_at=event.seq - 1)  # that copy lacks only this event
    return dest


def change_passphrase(vault: Vault, new_passphrase: str) -> Vault:
    """Re-key: a new salt and key with the newest KDF settings and page format. Returns
    the reopened vault; the old Vault object is closed. The ``passphrase_changed`` event
    is written into the new copy, which is verified before it replaces the old file, so an
    interrupted or failed change leaves the old vault exactly as it was."""
    if len(new_passphrase) < 1:
        raise StorageError("The new passphrase is empty.")
    path = vault.path
    _take_sole_access(vault)
    tmp = path.with_name(f".{path.name}.rekey-{uuid.uuid4().hex[:8]}")
    try:
        # Under the exclusive lock no other re-key of this vault is under way, so any
        # copy left beside it is from an interrupted one (kill -9, power loss).
        _remove_stale_rekeys(path)
        size = _file_size(path) + _file_size(Path(f"{path}-wal"))
        drives.check_room(path.parent, size, what="re-keyed copy of the vault")
        salt = kdf.new_salt()
        key = kdf.derive_key(new_passphrase, salt)
        _export_copy(vault, tmp, key, salt)
        _log_in_copy(tmp, key, salt)
        # The exclusive lock is held until the new file is in place, so nobody can open
        # the old one meanwhile; only then is the old connection closed.
        _verified_commit(tmp, path, key, salt, replace=True)
    except OSError as exc:
        raise os_failure(exc, "The passphrase could not be changed") from exc
    finally:
        vault.close()
        _cleanup(tmp)
    return Vault.open(path, key=key)


def _log_in_copy(tmp: Path, key: bytes, salt: bytes) -> None:
    """The custody entry goes into the copy only: it is true once the copy replaces the
    vault, and never in a vault that still opens with the old passphrase."""
    copy = Vault.open(tmp, key=key, track_history=False)
    try:
        data = {
            "kdf": kdf.params_for_salt(salt).describe(),
            "page_format": page_format.for_salt(salt).version,
        }
        copy.log_event(Event.PASSPHRASE_CHANGED, None, data)
    finally:
        copy.close()


def _take_sole_access(vault: Vault) -> None:
    """Re-keying replaces the file. Another program (the app, another locker command) with
    the vault open would go on writing into the replaced file and its WAL beside the new
    one: its saved items lost and the new vault unreadable. So refuse unless this is the
    only connection (leaving WAL mode needs that), then hold an exclusive lock."""
    conn = vault.read()
    busy = StorageError(
        "The vault is open in another program (the app or another locker "
        "command); close it there, then change the passphrase. Nothing was "
        "changed."
    )
    with vault._write_lock:  # no writer of this Vault meanwhile
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            try:
                mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            except db.DatabaseError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise busy from exc
                raise db.classify_error(exc, vault.path) from exc
            if str(mode).lower() != "delete":
                raise busy
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except StorageError:
            conn.execute("PRAGMA locking_mode = NORMAL")
            raise
        finally:
            conn.execute("PRAGMA busy_timeout = 30000")


def _cleanup(tmp: Path) -> None:
    atomic.remove_quietly(*(str(tmp) + suffix for suffix in ("", "-wal", "-shm", "-journal")))


def _remove_stale_partials(dest: Path) -> None:
    """Temporary copies an interrupted backup to the same name left (kill -9, a pulled
    stick): never a finished backup, so they are removed."""
    for stale in dest.parent.glob(f".{glob.escape(dest.name)}.partial-*"):
        atomic.remove_quietly(stale)


def _remove_stale_rekeys(path: Path) -> None:
    """Copies an interrupted passphrase change left beside the vault: ``.NAME.rekey-`` and
    eight hex digits (ours, never anything else), with their -journal/-wal/-shm."""
    pattern = re.compile(re.escape(f".{path.name}.rekey-") + r"[0-9a-f]{8}(-journal|-wal|-shm)?")
    for stale in path.parent.glob(f".{glob.escape(path.name)}.rekey-*"):
        if pattern.fullmatch(stale.name) and not stale.is_symlink():
            atomic.remove_quietly(stale)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
