"""Keyring scenarios, run inside a private D-Bus session with gnome-keyring unlocked
(``dbus-run-session -- scripts/with-keyring.sh python -m tests.adversarial.keyring_scenario``).
Each step runs the real `locker` command or changes the keyring from outside (as another
program or the person would); results are printed as one JSON object.

    python -m tests.adversarial.keyring_scenario {delete|lock|plaintext|passwd} VAULT PASSPHRASE_FILE
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.helpers.cli import ROOT

SERVICE = "evidence-locker"


def locker(*args: str | os.PathLike[str], timeout: float = 90) -> dict[str, Any]:
    env = dict(os.environ, LOCKER_NO_GUI="1")
    env.pop("LOCKER_PASSPHRASE_FILE", None)
    started = time.monotonic()
    try:
        r = subprocess.run(
            [sys.executable, "-m", "app.cli", *map(str, args)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return {"rc": "timeout", "stdout": "", "stderr": "", "seconds": timeout}
    return {
        "rc": r.returncode,
        "stdout": r.stdout,
        "stderr": r.stderr,
        "seconds": round(time.monotonic() - started, 2),
    }


def _entries() -> list[Any]:
    import secretstorage

    conn = secretstorage.dbus_init()
    found = []
    for collection in secretstorage.get_all_collections(conn):
        if collection.is_locked():
            continue
        for item in collection.get_all_items():
            if item.get_attributes().get("service") == SERVICE:
                found.append(item)
    return found


def plaintext_member(vault: Path, pf: Path, passphrase: str) -> dict[str, Any]:
    """keyrings.alt installed beside Secret Service: keyring chains both. A key left in
    the plaintext file (planted, or from an old insecure setup) must never open the
    vault, and `remember` must write only to Secret Service."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from app.vault import db, kdf, keyring_store

    out: dict[str, Any] = {}
    backend = keyring.get_keyring()
    out["backend"] = f"{type(backend).__module__}.{type(backend).__name__}"
    out["members"] = [type(b).__name__ for b in getattr(backend, "backends", [])]
    salt = db.read_salt(vault)
    key = kdf.derive_key(passphrase, salt)
    plain = PlaintextKeyring()
    plain.set_password(SERVICE, keyring_store._entry_name(vault), (key + salt).hex())
    out["plaintext_file"] = str(plain.file_path)
    before = Path(plain.file_path).read_bytes()
    out["list_with_plaintext_entry"] = locker("list", vault)
    out["remember"] = locker("remember", vault, "--passphrase-file", pf)
    out["plaintext_file_unchanged"] = Path(plain.file_path).read_bytes() == before
    out["secret_service_entries"] = len(_entries())
    out["list_remembered"] = locker("list", vault)
    return out


def passwd_forgets(vault: Path, pf: Path) -> dict[str, Any]:
    """Remembered, backed up, then the passphrase changed: the old entry must go, or it
    keeps opening the backup (which has the old salt) without any passphrase."""
    out: dict[str, Any] = {}
    out["remember"] = locker("remember", vault, "--passphrase-file", pf)
    backup = vault.with_name("backup.locker")
    out["backup"] = locker("backup", vault, backup, "--passphrase-file", pf)
    out["list_backup_remembered"] = locker("list", backup)
    new = pf.with_name("new-passphrase.txt")
    new.write_text("a completely new passphrase\n", encoding="utf-8")
    out["passwd"] = locker("passwd", vault, "--passphrase-file", pf, "--new-passphrase-file", new)
    out["entries_after_passwd"] = len(_entries())
    out["list_backup_after_passwd"] = locker("list", backup)
    out["list_vault_after_passwd"] = locker("list", vault)
    out["list_backup_passphrase"] = locker("list", backup, "--passphrase-file", pf)
    return out


def main() -> int:
    mode, vault, pf = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    passphrase = pf.read_text(encoding="utf-8").split("\n", 1)[0]
    out: dict[str, Any] = {}
    if mode in ("plaintext", "passwd"):
        out.update(plaintext_member(vault, pf, passphrase) if mode == "plaintext" else {})
        out.update(passwd_forgets(vault, pf) if mode == "passwd" else {})
        sys.stdout.write(json.dumps(out) + "\n")
        return 0
    import keyring

    backend = keyring.get_keyring()
    out["backend"] = f"{type(backend).__module__}.{type(backend).__name__}"
    out["remember"] = locker("remember", vault, "--passphrase-file", pf)
    entries = _entries()
    secrets = [bytes(e.get_secret()) for e in entries]
    out["entries"] = len(entries)
    out["passphrase_in_secret"] = any(passphrase.encode() in s for s in secrets)
    out["list_remembered"] = locker("list", vault)

    for entry in entries:  # another program (or the person) removes the entry
        entry.delete()
    out["list_after_entry_removed"] = locker("list", vault)
    out["list_passphrase_after_entry_removed"] = locker("list", vault, "--passphrase-file", pf)

    out["remember_again"] = locker("remember", vault, "--passphrase-file", pf)
    import secretstorage

    conn = secretstorage.dbus_init()
    keyrings = [
        c
        for c in secretstorage.get_all_collections(conn)
        if not c.collection_path.endswith("/session")
    ]
    if mode == "lock":  # the keyring is locked (e.g. a screen lock policy)
        for collection in keyrings:
            collection.lock()
        out["list_keyring_locked"] = locker("list", vault, timeout=60)
        out["list_passphrase_keyring_locked"] = locker("list", vault, "--passphrase-file", pf)
    else:  # the whole keyring is deleted
        for collection in keyrings:
            collection.delete()
        out["list_after_keyring_deleted"] = locker("list", vault, timeout=60)
        out["list_passphrase_after_keyring_deleted"] = locker(
            "list", vault, "--passphrase-file", pf
        )
        out["remember_without_keyring"] = locker(
            "remember", vault, "--passphrase-file", pf, timeout=60
        )
    env_no_bus = "unix:path=/nonexistent/evidence-locker-test-bus"
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = env_no_bus  # no Secret Service at all
    out["list_no_service"] = locker("list", vault, timeout=60)
    out["list_passphrase_no_service"] = locker("list", vault, "--passphrase-file", pf, timeout=60)
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
