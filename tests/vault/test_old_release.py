"""A vault written by the oldest release (commit a962e38, schema 1: three items in a case,
notes, a tag, an archived item, one file over two chunks) is kept as a committed fixture,
tests/fixtures/old_vault/ (how it was made: make_fixture.py there). Today's code must run
every schema step on it without losing or changing anything that was there, and then
open it with its items, bytes, notes, tags, archive state and custody chain intact."""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.vault import Vault, chunk_layout, db, kdf, schema
from tests.helpers.cli import locker

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "old_vault"
EXPECTED = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))
PASSPHRASE = "old vault from release a962e38"  # as in the fixture's make_fixture.py
OLD_VERSION = 1
OLD_LAST_CUSTODY_SEQ = 8  # vault created, 3 items added, note, tag, archive (+ identity)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "old.locker"
    shutil.copyfile(FIXTURE / "schema1.locker", target)
    return target


@cache
def _key() -> bytes:
    return kdf.derive_key(PASSPHRASE, db.read_salt(FIXTURE / "schema1.locker"))


def _tables(conn: Any) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def _snapshot(conn: Any) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every table; blobs as their SHA-256 (so evidence bytes compare)."""
    out: dict[str, set[tuple[Any, ...]]] = {}
    for table in _tables(conn):
        rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
        out[table] = {
            tuple(hashlib.sha256(v).hexdigest() if isinstance(v, bytes) else v for v in row)
            for row in rows
        }
    return out


def _step_checks(
    version: int,
    before: dict[str, set[tuple[Any, ...]]],
    after: dict[str, set[tuple[Any, ...]]],
    conn: Any,
) -> None:
    """What each step adds, on top of "nothing that was there changed"."""
    new_tables = set(after) - set(before)
    if version == 2:
        assert {"ts_tokens", "ts_leaves", "ts_attempts"} <= new_tables
    elif version == 3:
        assert {
            "received_bundles",
            "received_custody",
            "received_items",
            "received_tokens",
            "bundle_provenance",
        } <= new_tables
    elif version == 4:
        assert {
            "td_locations",
            "td_location_items",
            "td_requests",
            "td_request_locations",
            "td_status",
            "td_checks",
        } <= new_tables
    elif version == 5:  # the one image of the old vault gets its PDQ hash, as derived data
        pdq = conn.execute(
            "SELECT DISTINCT item_id FROM derived WHERE kind LIKE 'pdq.%' AND data IS NOT NULL"
        ).fetchall()
        assert [r[0] for r in pdq] == [1]


def _steps_after_old() -> list[int]:
    return [version for version, _desc, _apply in schema.all_steps() if version > OLD_VERSION]


def test_every_step_since_the_old_release_is_tested() -> None:
    # The parameter list below comes from the registry: an empty one would skip silently.
    assert _steps_after_old() == list(range(OLD_VERSION + 1, schema.latest_version() + 1))
    assert len(_steps_after_old()) >= 4


@pytest.mark.parametrize("version", _steps_after_old())
def test_each_schema_step_keeps_the_old_vaults_data(tmp_path: Path, version: int) -> None:
    path = _copy(tmp_path)
    conn = db.connect(path, _key(), db.read_salt(path))
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == OLD_VERSION
        schema.migrate(conn, target=version - 1)
        before = _snapshot(conn)
        assert schema.migrate(conn, target=version) == version
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        after = _snapshot(conn)
        for table, rows in before.items():
            assert table in after, f"step {version} dropped table {table}"
            assert rows <= after[table], f"step {version} changed or removed rows of {table}"
        # Evidence and history themselves gain nothing from a schema step.
        for table in ("items", "artifacts", "chunks", "custody", "annotations", "cases"):
            assert after[table] == before[table], f"step {version} changed {table}"
        _step_checks(version, before, after, conn)
    finally:
        conn.close()


def test_old_vault_opens_with_todays_code(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    with Vault.open(path, PASSPHRASE) as vault:
        conn = vault.read()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        assert not chunk_layout.is_old_layout(conn)  # chunks moved to the rowid table
        assert vault.chain_head()[0] == OLD_LAST_CUSTODY_SEQ  # opening logs nothing
        items = {i.title: i for i in vault.list_items(archived=None)}
        assert {name: i.sha256 for name, i in items.items()} == EXPECTED["files"]
        for name, item in items.items():
            data = vault.open_artifact(item.id).read()
            assert hashlib.sha256(data).hexdigest() == EXPECTED["files"][name]
            assert item.case == "Harassment 2026"
        assert items["chat.txt"].archived and not items["recording.bin"].archived

    pw = tmp_path / "pw.txt"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    checked = locker("verify", path, passphrase_file=pw)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "custody chain: 8 entries" in checked.stdout
    first = json.loads(locker("show", path, "1", "--json", passphrase_file=pw).stdout)
    assert first["notes"] == ["screenshot from the group chat"]
    assert first["tags"] == ["first-report"]
    assert first["source_url"] == "https://example.net/p/1"
    second = json.loads(locker("show", path, "2", "--json", passphrase_file=pw).stdout)
    assert second["notes"] == ["call recording, second of two"]
    archived = json.loads(locker("list", path, "--archived", "--json", passphrase_file=pw).stdout)
    assert [i["title"] for i in archived] == ["chat.txt"]
    out = tmp_path / "out"
    assert locker("extract", path, "2", "--out", out, passphrase_file=pw).returncode == 0
    extracted = [p for p in out.rglob("*") if p.is_file()]
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in extracted] == [
        EXPECTED["files"]["recording.bin"]
    ], extracted
