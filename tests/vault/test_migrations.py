"""Every schema step applies to a vault at the previous version and keeps its data."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from app.vault import kdf, schema
from app.vault.db import _apply_key


def _raw(path: Path) -> tuple[object, bytes, bytes]:
    salt = kdf.new_salt()
    key = kdf.derive_key("pw", salt)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    _apply_key(conn, key, salt)
    return conn, key, salt


def test_step_1_from_empty(tmp_path: Path) -> None:
    conn, _, _ = _raw(tmp_path / "v.db")
    assert schema.migrate(conn, target=1) == 1  # type: ignore[arg-type]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}  # type: ignore[attr-defined]
    assert {"items", "artifacts", "chunks", "custody", "derived", "annotations"} <= tables
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}  # type: ignore[attr-defined]
    assert set(schema.required_triggers(1)) <= triggers


def test_all_steps_in_order_keep_data(tmp_path: Path) -> None:
    conn, _, _ = _raw(tmp_path / "v.db")
    schema.migrate(conn, target=1)  # type: ignore[arg-type]
    conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', 'x')")  # type: ignore[attr-defined]
    assert schema.migrate(conn) == schema.latest_version()  # type: ignore[arg-type]
    assert conn.execute("SELECT value FROM meta").fetchone()[0] == "x"  # type: ignore[attr-defined]
    # Running again is a no-op.
    assert schema.migrate(conn) == schema.latest_version()  # type: ignore[arg-type]


def test_newer_vault_is_refused(tmp_path: Path) -> None:
    import pytest

    from app.errors import NotAVault

    conn, _, _ = _raw(tmp_path / "v.db")
    schema.migrate(conn)  # type: ignore[arg-type]
    conn.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")  # type: ignore[attr-defined]
    with pytest.raises(NotAVault, match="newer version"):
        schema.migrate(conn)  # type: ignore[arg-type]
