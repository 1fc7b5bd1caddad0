"""Vault internals: append-only guards, tamper detection, thumbnails, backups, re-keying."""

from __future__ import annotations

import io
import os
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image

from app.errors import CorruptVault, LockerError, ReadOnlyCase, VaultExists, WrongPassphrase
from app.vault import Vault, schema
from app.vault.models import NewArtifact, NewItem
from app.vault.verify import verify_vault


def test_sql_cannot_rewrite_or_delete_history(vault: Vault, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"evidence")
    vault.add_file(tmp_path / "a.txt", note="first note")
    conn = vault.read()
    attempts = [
        "UPDATE custody SET payload = '{}' WHERE seq = 2",
        "DELETE FROM custody",
        "DELETE FROM items",
        "UPDATE items SET title = 'x'",
        "UPDATE artifacts SET sha256 = 'x'",
        "DELETE FROM artifacts",
        "UPDATE chunks SET data = x'00'",
        "DELETE FROM chunks",
        "UPDATE annotations SET text = 'rewritten'",
        "DELETE FROM annotations",
        "DELETE FROM cases",
    ]
    for sql in attempts:
        with pytest.raises(Exception, match="append-only"):
            conn.execute(sql)
    item = vault.list_items()[0]
    assert vault.open_artifact(item.id).read() == b"evidence"
    assert vault.get_item(item.id).notes == ["first note"]
    assert verify_vault(vault).ok


def test_verify_detects_dropped_trigger_and_forged_artifact(vault: Vault, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"evidence")
    vault.add_file(tmp_path / "a.txt")
    conn = vault.read()
    conn.execute("DROP TRIGGER chunks_no_update")
    conn.execute("UPDATE chunks SET data = x'00'")
    report = verify_vault(vault)
    assert not report.ok
    failed = {c.name for c in report.checks if not c.ok}
    assert {"append-only guards", "evidence files"} <= failed


def test_verify_detects_forged_custody_entry(vault: Vault, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"evidence")
    vault.add_file(tmp_path / "a.txt")
    conn = vault.read()
    conn.execute("DROP TRIGGER custody_no_update")
    conn.execute("UPDATE custody SET payload = replace(payload, 'a.txt', 'b.txt') WHERE seq = 2")
    report = verify_vault(vault)
    assert not report.ok and any("custody" in c.name for c in report.checks if not c.ok)


def test_failure_mid_add_leaves_no_partial_item(vault: Vault, tmp_path: Path) -> None:
    class Exploding(io.RawIOBase):
        def __init__(self) -> None:
            self.calls = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            self.calls += 1
            if self.calls > 3:
                raise OSError(5, "Input/output error")
            b[: len(b)] = b"x" * len(b)
            return len(b)

    before = vault.chain_head()
    with pytest.raises(LockerError, match="Reading the file failed"):
        vault.add_item(
            NewItem(kind="file", case="C"),
            [
                NewArtifact("original", "ok.bin", b"fine"),
                NewArtifact("second", "bad.bin", Exploding()),
            ],
        )  # type: ignore[arg-type]
    assert vault.count_items(archived=None) == 0
    assert vault.read().execute("SELECT count(*) FROM chunks").fetchone()[0] == 0
    assert vault.chain_head() == before
    assert verify_vault(vault).ok


def test_byte_flips_anywhere_past_the_salt_are_detected(vault: Vault, tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.bin").write_bytes(os.urandom(20_000))
        vault.add_file(tmp_path / f"{i}.bin")
    key, _salt = vault.key_material
    path = vault.path
    vault.close()
    pristine = path.read_bytes()
    rng = random.Random(1234)
    positions = sorted(rng.sample(range(16, len(pristine)), 150))
    victim = tmp_path / "victim.locker"
    for pos in positions:
        data = bytearray(pristine)
        data[pos] ^= 1 << rng.randrange(8)
        victim.write_bytes(bytes(data))
        try:
            opened = Vault.open(victim, key=key)
        except Exception:  # noqa: BLE001 - refusing to open is a detection
            continue  # refusing to open is a detection
        try:
            report = verify_vault(opened)
        except Exception:  # noqa: BLE001 - an error is also a detection
            continue
        finally:
            opened.close()
        assert not report.ok, f"flip at byte {pos} went unnoticed"
        for suffix in ("-wal", "-shm"):
            Path(str(victim) + suffix).unlink(missing_ok=True)


def test_open_never_creates_or_replaces(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "v.locker"
    Vault.create(path, passphrase).close()
    with pytest.raises(VaultExists):
        Vault.create(path, passphrase)
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "nope")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.locker"]
    damaged = tmp_path / "damaged.locker"
    damaged.write_bytes(before[:-100])
    with pytest.raises(CorruptVault):
        Vault.open(damaged, passphrase)


def _high_frequency_energy(img: Image.Image) -> float:
    gray = img.convert("L")
    w, h = gray.size
    px = gray.load()
    total = 0.0
    for y in range(h - 1):
        for x in range(w - 1):
            total += abs(px[x, y] - px[x + 1, y]) + abs(px[x, y] - px[x, y + 1])
    return total / (w * h)


def test_thumbnail_of_sharp_pattern_is_blurred(vault: Vault) -> None:
    img = Image.new("RGB", (800, 600))
    px = img.load()
    for y in range(600):
        for x in range(800):
            px[x, y] = (255, 255, 255) if (x // 8 + y // 8) % 2 else (0, 0, 0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    item = vault.add_item(
        NewItem(kind="file", case="C", title="pattern.png"),
        [NewArtifact("original", "pattern.png", buf.getvalue(), "image/png")],
    )
    thumb = Image.open(io.BytesIO(vault.thumbnail(item.id) or b""))
    sharp = img.copy()
    sharp.thumbnail(thumb.size, Image.Resampling.NEAREST)
    ratio = _high_frequency_energy(thumb) / _high_frequency_energy(sharp)
    assert ratio < 0.05, ratio
    assert vault.get_item(item.id).preview_note == ""


def test_undecodable_image_is_still_stored(vault: Vault) -> None:
    bogus = b"\x89PNG\r\n\x1a\n" + os.urandom(500)
    item = vault.add_item(
        NewItem(kind="file", case="C", title="broken.png"),
        [NewArtifact("original", "broken.png", bogus, "image/png")],
    )
    assert vault.thumbnail(item.id) is None
    assert "preview unavailable" in vault.get_item(item.id).preview_note
    assert vault.open_artifact(item.id).read() == bogus


def test_received_case_is_read_only(vault: Vault, tmp_path: Path) -> None:
    with vault.write() as conn:
        conn.execute(
            "INSERT INTO cases (name, created_at, origin, read_only) VALUES"
            " ('From lawyer', '2026-01-01T00:00:00Z', 'received', 1)"
        )
    with pytest.raises(ReadOnlyCase):
        vault.add_item(
            NewItem(kind="file", case="From lawyer"), [NewArtifact("original", "a", b"a")]
        )


def test_backup_is_verified_copy_and_never_overwrites(
    vault: Vault, tmp_path: Path, passphrase: str
) -> None:
    from app.vault.maintenance import backup

    (tmp_path / "a.txt").write_bytes(b"evidence")
    vault.add_file(tmp_path / "a.txt")
    dest = tmp_path / "backups"
    dest.mkdir()
    made = backup(vault, dest)
    with Vault.open(made, passphrase) as copy:
        assert [i.sha256 for i in copy.list_items()] == [i.sha256 for i in vault.list_items()]
        assert verify_vault(copy).ok
    with pytest.raises(VaultExists):
        backup(vault, made)
    assert vault.custody_log()[-1].event == "backup_made"


def test_change_passphrase_rekeys(vault: Vault, tmp_path: Path, passphrase: str) -> None:
    from app.vault.maintenance import change_passphrase

    (tmp_path / "a.txt").write_bytes(b"evidence")
    vault.add_file(tmp_path / "a.txt")
    old_salt = vault.key_material[1]
    reopened = change_passphrase(vault, "a brand new passphrase")
    try:
        assert reopened.key_material[1] != old_salt
        assert reopened.open_artifact(1).read() == b"evidence"
        assert verify_vault(reopened).ok
    finally:
        reopened.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(reopened.path, passphrase)
    Vault.open(reopened.path, "a brand new passphrase").close()


def test_copy_of_closed_file_is_complete(vault: Vault, tmp_path: Path, passphrase: str) -> None:
    (tmp_path / "a.txt").write_bytes(b"evidence")
    vault.add_file(tmp_path / "a.txt")
    path = vault.path
    vault.close()
    assert not Path(str(path) + "-wal").exists()
    copy = tmp_path / "copy.locker"
    shutil.copyfile(path, copy)
    with Vault.open(copy, passphrase) as v:
        assert v.open_artifact(1).read() == b"evidence"


def test_keyring_refuses_plaintext_backend(vault: Vault) -> None:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    from app.errors import KeyringError
    from app.vault import keyring_store

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        with pytest.raises(KeyringError, match="does not protect secrets"):
            keyring_store.remember(vault.path, *vault.key_material)
        assert keyring_store.recall(vault.path) is None
    finally:
        keyring.set_keyring(previous)


def test_schema_version_is_latest(vault: Vault) -> None:
    version = vault.read().execute("PRAGMA user_version").fetchone()[0]
    assert version == schema.latest_version()


def test_open_refuses_a_file_replaced_while_opening(
    tmp_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`passwd` in another program replaces the vault (new salt) while this open waits:
    the connection would be on the old, unlinked file, and its writes lost."""
    from app.errors import StorageError
    from app.vault import db
    from app.vault.maintenance import change_passphrase

    path = tmp_path / "v.locker"
    Vault.create(path, passphrase).close()
    real_check = db.check_key
    replaced: list[bool] = []

    def check_then_rekey_elsewhere(p, key, salt):  # type: ignore[no-untyped-def]
        real_check(p, key, salt)
        if not replaced:
            replaced.append(True)
            monkeypatch.setattr(db, "check_key", real_check)
            change_passphrase(Vault.open(path, passphrase), "the new one").close()

    monkeypatch.setattr(db, "check_key", check_then_rekey_elsewhere)
    with pytest.raises(StorageError, match="replaced while it was being opened"):
        Vault.open(path, passphrase)
    assert replaced
    with Vault.open(path, "the new one") as vault:
        assert verify_vault(vault).ok


def test_open_refuses_when_the_file_is_replaced_under_its_connection(
    tmp_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other case of the race: the connection is already on the old file when the new
    one is renamed into place; the open is refused instead of writing into a lost file."""
    from app.errors import StorageError

    path, other = tmp_path / "v.locker", tmp_path / "other.locker"
    Vault.create(path, passphrase).close()
    Vault.create(other, "the new one").close()
    real_migrate = schema.migrate
    done: list[bool] = []

    def migrate_then_replace(conn):  # type: ignore[no-untyped-def]
        real_migrate(conn)
        if not done:
            done.append(True)
            os.replace(other, path)

    monkeypatch.setattr(schema, "migrate", migrate_then_replace)
    with pytest.raises(StorageError, match="replaced while it was being opened"):
        Vault.open(path, passphrase)
    monkeypatch.setattr(schema, "migrate", real_migrate)
    with Vault.open(path, "the new one") as vault:
        assert verify_vault(vault).ok
