"""Chunks live in a rowid table (issue 15): a `WITHOUT ROWID` table made SQLite read whole
neighbouring 1 MiB chunks to compare keys on every insert and lookup. Vaults written with
the old shape are converted when opened, byte for byte, with every guard kept."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.vault import Vault, chunk_layout, db
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE

FILES = {"multi.bin": 3 * 1024 * 1024 + 17, "small.txt": 10, "exact.bin": 1024 * 1024}


def _old_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[int, str]]:
    """A vault as versions before the conversion wrote it (chunks WITHOUT ROWID)."""
    with monkeypatch.context() as m:
        m.setattr(chunk_layout, "upgrade", lambda conn, path: False)
        path = tmp_path / "old.locker"
        hashes = {}
        with Vault.create(path, PASSPHRASE) as vault:
            assert chunk_layout.is_old_layout(vault.read())
            for name, size in FILES.items():
                src = tmp_path / name
                src.write_bytes(os.urandom(size))
                item = vault.add_file(src)
                hashes[item.id] = hashlib.sha256(src.read_bytes()).hexdigest()
    return path, hashes


def _assert_guarded(vault: Vault) -> None:
    conn = vault.read()
    with pytest.raises(db.IntegrityError, match="append-only"):
        conn.execute("UPDATE chunks SET data = x'00'")
    with pytest.raises(db.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM chunks")
    with pytest.raises(db.IntegrityError):  # (artifact_id, seq) stays unique
        conn.execute(
            "INSERT INTO chunks (artifact_id, seq, data) SELECT artifact_id, seq, data"
            " FROM chunks LIMIT 1"
        )


def test_new_vault_keeps_chunks_in_a_rowid_table(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v.locker", PASSPHRASE) as vault:
        assert not chunk_layout.is_old_layout(vault.read())
        src = tmp_path / "a.bin"
        src.write_bytes(os.urandom(2 * 1024 * 1024 + 5))
        item = vault.add_file(src)
        assert vault.open_artifact(item.id).readall() == src.read_bytes()
        _assert_guarded(vault)
        assert verify_vault(vault).ok


def test_old_vault_is_converted_on_open_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, hashes = _old_vault(tmp_path, monkeypatch)
    with Vault.open(path, PASSPHRASE) as vault:
        head = vault.chain_head()
        assert not chunk_layout.is_old_layout(vault.read())
        for item_id, sha in hashes.items():
            assert hashlib.sha256(vault.open_artifact(item_id).readall()).hexdigest() == sha
        report = verify_vault(vault)
        assert report.ok, report.text()
        _assert_guarded(vault)
    with Vault.open(path, PASSPHRASE) as vault:  # converting again is a no-op
        assert vault.chain_head() == head
        assert not chunk_layout.upgrade(vault.read(), path)


def test_without_room_the_old_shape_stays_and_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, hashes = _old_vault(tmp_path, monkeypatch)
    monkeypatch.setattr(chunk_layout, "MARGIN", 1 << 62)  # more than any disk has free
    with Vault.open(path, PASSPHRASE) as vault:
        assert chunk_layout.is_old_layout(vault.read())
        src = tmp_path / "later.bin"
        src.write_bytes(os.urandom(1024 * 1024 + 1))
        item = vault.add_file(src)
        assert vault.open_artifact(item.id).readall() == src.read_bytes()
        assert verify_vault(vault).ok
        _assert_guarded(vault)
    monkeypatch.undo()
    with Vault.open(path, PASSPHRASE) as vault:  # converted once there is room
        assert not chunk_layout.is_old_layout(vault.read())
        for item_id, sha in hashes.items():
            assert hashlib.sha256(vault.open_artifact(item_id).readall()).hexdigest() == sha
        assert verify_vault(vault).ok


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.15, 0.35, 0.6, 1.0])
def test_conversion_killed_at_any_moment_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delay: float
) -> None:
    import subprocess
    import sys
    import time

    from tests.helpers.cli import ROOT

    path, hashes = _old_vault_big(tmp_path, monkeypatch)  # the copy takes a while
    code = "import sys; from app.vault import Vault; Vault.open(sys.argv[1], sys.argv[2]).close()"
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), PASSPHRASE], cwd=ROOT)
    time.sleep(delay)
    proc.kill()
    proc.wait()
    with Vault.open(path, PASSPHRASE) as vault:
        assert not chunk_layout.is_old_layout(vault.read())
        for item_id, sha in hashes.items():
            assert hashlib.sha256(vault.open_artifact(item_id).readall()).hexdigest() == sha
        report = verify_vault(vault)
        assert report.ok, report.text()


def _old_vault_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[int, str]]:
    with monkeypatch.context() as m:
        m.setattr(chunk_layout, "upgrade", lambda conn, path: False)
        path = tmp_path / "big-old.locker"
        hashes = {}
        with Vault.create(path, PASSPHRASE) as vault:
            for n in range(3):
                src = tmp_path / f"big{n}.bin"
                src.write_bytes(os.urandom(16 * 1024 * 1024 + n))
                hashes[vault.add_file(src).id] = hashlib.sha256(src.read_bytes()).hexdigest()
    return path, hashes
