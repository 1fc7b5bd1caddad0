"""Schema step 2 (from a version-1 vault, append-only), the shipped TSA list, user
configuration, and hostile token bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import NotFound, RejectedInput
from app.timestamp import config
from app.timestamp.verify import verify_token
from app.vault import Vault, schema


def test_step_2_applies_to_a_version_1_vault(tmp_path: Path) -> None:
    conn = sqlcipher3.connect(str(tmp_path / "plain.db"), isolation_level=None)
    assert schema.migrate(conn, target=1) == 1
    conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', 'kept')")
    assert schema.migrate(conn, target=2) == 2
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"ts_tokens", "ts_leaves", "ts_attempts"} <= names
    assert {"ts_tokens_no_update", "ts_tokens_no_delete", "ts_leaves_no_update"} <= names
    assert set(schema.required_triggers(2)) <= names
    assert conn.execute("SELECT value FROM meta").fetchone()[0] == "kept"


def test_tokens_and_leaves_are_append_only(vault: Vault) -> None:
    with vault.write() as conn:
        conn.execute(
            "INSERT INTO ts_tokens (tsa_url, tsa_name, requested_at, received_at, gen_time,"
            " serial, policy, hash_alg, imprint, root, tree_size, first_seq, last_seq,"
            " response) VALUES ('u','n','t','t','t','1','1.2','sha256','ab','ab',1,1,1,x'00')"
        )
        conn.execute("INSERT INTO ts_leaves VALUES (1, 1, 0, '[]')")
    for sql in (
        "UPDATE ts_tokens SET response = x'01'",
        "DELETE FROM ts_tokens",
        "UPDATE ts_leaves SET leaf_index = 3",
        "DELETE FROM ts_leaves",
    ):
        with pytest.raises(Exception, match="append-only"), vault.write() as conn:
            conn.execute(sql)


def test_shipped_list_loads_and_its_identrust_root_verifies_a_real_token(
    real_fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(config.CONFIG_ENV)
    shipped = config.load_tsas(config.SHIPPED_CONFIG, include_disabled=True)
    assert len(shipped) >= 4 and all(t.roots_pem for t in shipped)
    enabled = config.load_tsas(config.SHIPPED_CONFIG)
    assert len(enabled) == 2 and len({t.url for t in enabled}) == 2
    identrust = next(t for t in shipped if "identrust" in t.url)
    raw = (real_fixtures / "identrust" / "issue-104.tsr").read_bytes()
    verdict = verify_token(
        raw, digest=hashlib.sha512(b"hello").digest(), roots_pem=list(identrust.roots_pem)
    )
    assert verdict.ok and verdict.signer_expired_since


def test_user_config_and_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_fixtures: Path
) -> None:
    root = tmp_path / "root.pem"
    root.write_bytes((real_fixtures / "sigstage" / "ts_chain.pem").read_bytes())
    cfg = tmp_path / "tsa.json"
    cfg.write_text(
        json.dumps(
            {
                "tsas": [
                    {
                        "name": "Mine",
                        "url": "http://127.0.0.1:1/tsa",
                        "roots": ["root.pem"],
                        "policy": "1.2.3",
                    },
                    {
                        "name": "Off",
                        "url": "http://127.0.0.1:2/tsa",
                        "roots": ["root.pem"],
                        "enabled": False,
                    },
                ]
            }
        )
    )
    monkeypatch.setenv(config.CONFIG_ENV, str(cfg))
    assert config.config_path() == cfg
    tsas = config.load_tsas()
    assert [t.name for t in tsas] == ["Mine"] and tsas[0].policy == "1.2.3"
    assert config.trust_for("http://127.0.0.1:2/tsa") is not None
    cfg.write_text("{not json")
    with pytest.raises(RejectedInput):
        config.load_tsas()
    cfg.write_text(json.dumps({"tsas": [{"url": "http://x/", "roots": ["missing.pem"]}]}))
    with pytest.raises(NotFound):
        config.load_tsas()
    with pytest.raises(RejectedInput):
        config.tsa_from_args("ftp://x/", [root])
    with pytest.raises(RejectedInput):
        config.tsa_from_args("http://x/", [])
    not_pem = tmp_path / "x.pem"
    not_pem.write_text("hello")
    with pytest.raises(RejectedInput):
        config.tsa_from_args("http://x/", [not_pem])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_tokens_never_crash(real_fixtures: Path, data: st.DataObject) -> None:
    raw = bytearray((real_fixtures / "identrust" / "issue-104.tsr").read_bytes())
    root = (real_fixtures / "identrust" / "identrust-commercial-root-ca-1.pem").read_bytes()
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(raw)))
    verdict = verify_token(
        bytes(raw[:cut]), digest=hashlib.sha512(b"hello").digest(), roots_pem=[root]
    )
    assert isinstance(verdict.ok, bool)
    assert verdict.ok or verdict.problems
