"""Issue 15: the vault page format (page_format.py). New vaults get 16 KiB pages with
HMAC-SHA256; vaults made before keep 4 KiB pages with HMAC-SHA512 and keep working
everywhere (open, add, verify, backup, recover, the -wal parser); a passphrase change
moves a vault to the newest format. Real SQLCipher files throughout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import NotAVault
from app.vault import Vault, db, kdf, page_format, walcheck
from app.vault.maintenance import backup, change_passphrase
from app.vault.models import NewArtifact, NewItem
from app.vault.recover import recover
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE

BIG = bytes(range(256)) * (3 * 4096 + 17)  # several chunks, overflow chains


@pytest.fixture
def old_format(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Vaults created meanwhile get the salt (and so the format) of before issue 15."""
    real = kdf.new_salt
    monkeypatch.setattr(kdf, "new_salt", lambda version=1: real(version))
    yield


def _add(vault: Vault, name: str, data: bytes) -> None:
    vault.add_item(
        NewItem("file", "Case", name),
        [NewArtifact("original", name, data, "application/octet-stream")],
    )


def _cipher_settings(path: Path, key: bytes) -> tuple[int, str]:
    conn = db.connect_readonly(path, key, db.read_salt(path))
    try:
        size = int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])
        hmac = str(conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0])
    finally:
        conn.close()
    return size, hmac


def _contents(vault: Vault) -> list[bytes]:
    out = []
    for item in vault.list_items():
        for art in vault.get_item(str(item.id)).artifacts:
            with vault.open_artifact_by_id(art.id) as reader:
                out.append(reader.read())
    return sorted(out, key=len, reverse=True)


def test_new_vault_uses_16k_pages_and_hmac_sha256(tmp_path: Path) -> None:
    path = tmp_path / "new.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        _add(vault, "big.bin", BIG)
        key = vault.key_material[0]
    assert db.read_salt(path)[0] == kdf.CURRENT_VERSION == 2
    assert path.stat().st_size % 16384 == 0
    assert _cipher_settings(path, key) == (16384, "HMAC_SHA256")
    with Vault.open(path, PASSPHRASE) as vault:
        assert verify_vault(vault).ok
        assert _contents(vault) == [BIG]


def test_wal_of_a_new_vault_is_parsed_with_its_page_size(tmp_path: Path) -> None:
    path = tmp_path / "new.locker"
    Vault.create(path, PASSPHRASE).close()
    with Vault.open(path, PASSPHRASE) as vault:
        _add(vault, "a.bin", BIG)
        report = walcheck.analyse(Path(f"{path}-wal"))  # still open: frames in the log
        assert report is not None and report.header_ok and report.page_size == 16384
        assert report.frames and not report.would_drop


def test_old_format_vault_opens_writes_verifies_backs_up_and_recovers(
    tmp_path: Path, old_format: None
) -> None:
    path = tmp_path / "old.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        _add(vault, "first.bin", BIG)
    assert db.read_salt(path)[0] == 1
    fmt = page_format.for_salt(db.read_salt(path))
    assert (fmt.page_size, fmt.hmac) == (4096, "HMAC_SHA512")
    with Vault.open(path, PASSPHRASE) as vault:  # read and written in its own format
        _add(vault, "second.bin", b"later evidence")
        assert verify_vault(vault).ok
        key = vault.key_material[0]
        copy = backup(vault, tmp_path / "copy.locker")
    assert db.read_salt(copy) == db.read_salt(path)
    for p in (path, copy):
        assert p.stat().st_size % 4096 == 0
        assert _cipher_settings(p, key) == (4096, "HMAC_SHA512")
        with Vault.open(p, PASSPHRASE) as vault:
            assert verify_vault(vault).ok
            assert _contents(vault) == [BIG, b"later evidence"]
    result = recover(path, tmp_path / "recovered.locker", key)
    assert result.items == 2
    with Vault.open(result.out, PASSPHRASE) as vault:
        assert verify_vault(vault).ok


def test_passphrase_change_moves_an_old_vault_to_the_new_format(
    tmp_path: Path, old_format: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        _add(vault, "first.bin", BIG)
    monkeypatch.undo()  # the passphrase change itself runs with today's code
    vault = change_passphrase(Vault.open(path, PASSPHRASE), "a new passphrase")
    try:
        assert verify_vault(vault).ok
        key = vault.key_material[0]
    finally:
        vault.close()
    assert db.read_salt(path)[0] == 2 and path.stat().st_size % 16384 == 0
    assert _cipher_settings(path, key) == (16384, "HMAC_SHA256")
    with Vault.open(path, "a new passphrase") as vault:
        assert _contents(vault) == [BIG]


def test_unknown_format_byte_is_refused_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "new.locker"
    Vault.create(path, PASSPHRASE).close()
    data = bytearray(path.read_bytes())
    data[0] = 9
    path.write_bytes(bytes(data))
    with pytest.raises(NotAVault):
        Vault.open(path, PASSPHRASE)
    assert path.read_bytes() == bytes(data)


def test_flips_in_the_iv_and_mac_of_every_16k_page_are_detected(tmp_path: Path) -> None:
    """The adversarial tamper suite flips bytes on a 4 KiB grid; here the reserved end of
    each page of the new format (16-byte IV, then the 32-byte HMAC-SHA256) is hit on
    every page."""
    from tests.adversarial.tamper import UNDETECTED, outcome

    path = tmp_path / "new.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        _add(vault, "big.bin", BIG)
        key = vault.key_material[0]
    original = path.read_bytes()
    page, reserve = 16384, 48
    missed = []
    for start in range(0, len(original), page):
        for off in (page - reserve + 7, page - 32 + 11):  # inside the IV, inside the MAC
            data = bytearray(original)
            data[start + off] ^= 0x01
            if outcome(bytes(data), tmp_path / "t.locker", key)[0] == UNDETECTED:
                missed.append(start + off)
    assert len(original) // page >= 50 and not missed, missed[:20]


def test_kdf_and_page_format_tables_name_the_same_bytes() -> None:
    """One salt byte names both; a KDF set without page settings would be a crash."""
    assert set(kdf.PARAM_SETS) == set(page_format.FORMATS)
    assert kdf.CURRENT_VERSION in page_format.FORMATS


def test_kdf_set_without_page_settings_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(kdf.PARAM_SETS, 3, kdf.KdfParams(3, 3, 4, 64 * 1024))
    with pytest.raises(NotAVault, match="newer version"):
        page_format.for_salt(kdf.new_salt(3))


def test_verify_notes_an_old_page_format_until_passwd_converts_it(
    tmp_path: Path, passphrase_file: Path, old_format: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from tests.helpers.cli import locker

    path = tmp_path / "old.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        _add(vault, "first.bin", b"evidence")
    monkeypatch.undo()
    text = locker("verify", path, passphrase_file=passphrase_file)
    assert text.returncode == 0, text.stderr  # a note, not a failure
    assert "page format 1" in text.stdout and "locker passwd" in text.stdout, text.stdout
    data = json.loads(locker("verify", path, "--json", passphrase_file=passphrase_file).stdout)
    assert data["ok"] is True
    notes = [n for c in data["checks"] for n in c["notes"]]
    assert any("page format 1" in n and "locker passwd" in n for n in notes), notes

    new = tmp_path / "new.txt"
    new.write_text("a new passphrase\n")
    args = ("--new-passphrase-file", new)
    assert locker("passwd", path, *args, passphrase_file=passphrase_file).returncode == 0
    after = locker("verify", path, passphrase_file=new)
    assert after.returncode == 0 and "page format" not in after.stdout, after.stdout
    with Vault.open(path, "a new passphrase") as vault:
        row = (
            vault.read()
            .execute("SELECT payload FROM custody WHERE event = 'passphrase_changed'")
            .fetchone()
        )
    assert '"page_format":2' in row[0], row[0]
