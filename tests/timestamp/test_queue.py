"""The offline queue: capture never waits for a TSA, failures are recorded with backoff,
nothing is lost across restarts, and two TSAs each stamp (redundancy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from app.timestamp import service
from app.timestamp.config import tsa_from_args
from app.timestamp.status import item_timestamps, vault_summary
from app.vault import Vault
from app.vault.events import Event
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE
from tests.helpers.tsa import LocalTSA, openssl_verify


def _add(vault: Vault, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(f"synthetic evidence {name}".encode())
    return vault.add_file(path, case="Case 1").uid


def test_tsa_down_then_back_across_a_restart(
    local_tsa: Callable[..., LocalTSA], vault_path: Path, tmp_path: Path
) -> None:
    tsa = local_tsa()
    config = tsa_from_args(tsa.url, [tsa.ca_pem])
    tsa.stop()
    vault = Vault.create(vault_path, PASSPHRASE)
    uid = _add(vault, tmp_path, "a.txt")
    assert all(t["status"] == "pending" for t in item_timestamps(vault, uid))
    report = service.stamp_pending(vault, [config])
    assert not report.ok and "not reachable" in report.outcomes[0].error
    rows = item_timestamps(vault, uid)
    assert rows and all(
        r["status"] == "failed" and "not reachable" in r["reason"] and r["next_retry_at"]
        for r in rows
    )
    assert rows[0]["local_time"] and rows[0]["captured_at"]
    # Capture still works while the TSA is down.
    uid2 = _add(vault, tmp_path, "b.txt")
    pending = service.pending_count(vault)
    assert pending >= 3
    # The background retry respects the backoff.
    skipped = service.stamp_due(vault, [config])
    assert skipped.outcomes[0].skipped and tsa.request_count == 0
    vault.close()

    # Restart: the queue is in the vault file.
    vault = Vault.open(vault_path, PASSPHRASE)
    assert service.pending_count(vault) == pending
    tsa.start()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)
    report = service.stamp_pending(vault, [config], respect_backoff=True, now=later)
    assert report.ok and report.outcomes[0].entries == pending and tsa.request_count == 1
    assert service.pending_count(vault) == 0
    for u in (uid, uid2):
        rows = item_timestamps(vault, u)
        assert rows and all(r["status"] == "stamped" and r["gen_time"] for r in rows)
        assert all(r["tree_size"] == pending and isinstance(r["audit_path"], list) for r in rows)
    assert vault_summary(vault)["last_error"] is None
    # Every stored token passes OpenSSL's own verification against its root.
    raw, root = vault.read().execute("SELECT response, root FROM ts_tokens").fetchone()
    assert (
        openssl_verify(bytes(raw), ca_pem=tsa.ca_pem, digest_hex=root, workdir=tmp_path).returncode
        == 0
    )
    verified = verify_vault(vault)
    assert verified.ok, verified.text()
    vault.close()


def test_stamp_due_after_backoff_and_nothing_to_do(
    local_tsa: Callable[..., LocalTSA], vault: Vault, tmp_path: Path
) -> None:
    tsa = local_tsa()
    config = tsa_from_args(tsa.url, [tsa.ca_pem])
    report = service.stamp_due(vault, [config])
    assert report.ok and report.stamped >= 1 and tsa.request_count == 1
    assert service.stamp_due(vault, [config]).stamped == 0
    assert tsa.request_count == 1  # nothing pending: no request


def test_garbage_and_rejection_are_failed_attempts(
    local_tsa: Callable[..., LocalTSA], vault: Vault, tmp_path: Path
) -> None:
    tsa = local_tsa()
    config = tsa_from_args(tsa.url, [tsa.ca_pem])
    uid = _add(vault, tmp_path, "c.txt")
    for mode, words in (
        ("garbage", "not a readable"),
        ("reject", "did not grant"),
        ("wrong_nonce", "nonce"),
    ):
        tsa.mode = mode
        report = service.stamp_pending(vault, [config])
        assert not report.ok and words in report.outcomes[0].error
        assert item_timestamps(vault, uid)[0]["status"] == "failed"
    state = service.attempt_state(vault)[0]
    assert state["failures"] == 3 and state["attempts"] == 3
    assert service.backoff_seconds(3) == 120
    assert vault.read().execute("SELECT COUNT(*) FROM ts_tokens").fetchone()[0] == 0
    tsa.mode = "ok"
    assert service.stamp_pending(vault, [config]).ok
    assert item_timestamps(vault, uid)[0]["status"] == "stamped"
    assert service.attempt_state(vault)[0]["failures"] == 0


def test_two_tsas_each_stamp_and_a_late_one_catches_up(
    local_tsa: Callable[..., LocalTSA], vault: Vault, tmp_path: Path
) -> None:
    a, b = local_tsa(name="TSA A"), local_tsa(name="TSA B", key="ec")
    tsas = [tsa_from_args(a.url, [a.ca_pem], name="A"), tsa_from_args(b.url, [b.ca_pem], name="B")]
    uid = _add(vault, tmp_path, "d.txt")
    b.stop()
    report = service.stamp_pending(vault, tsas)
    assert [o.ok for o in report.outcomes] == [True, False]
    assert item_timestamps(vault, uid)[0]["status"] == "stamped"
    b.start()
    report = service.stamp_pending(vault, tsas)
    assert report.ok and report.outcomes[0].entries == 0 and report.outcomes[1].entries >= 2
    rows = item_timestamps(vault, uid)
    assert all({t["tsa"] for t in r["tokens"]} == {"A", "B"} for r in rows)
    assert verify_vault(vault).ok
    # OpenSSL accepts every stored token (RSA from A, ECDSA from B).
    for url, raw, root in vault.read().execute("SELECT tsa_url, response, root FROM ts_tokens"):
        ca = a.ca_pem if url == a.url else b.ca_pem
        assert (
            openssl_verify(bytes(raw), ca_pem=ca, digest_hex=root, workdir=tmp_path).returncode == 0
        )


def test_background_retry_from_a_worker_thread(
    local_tsa: Callable[..., LocalTSA],
    vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json
    import threading

    tsa = local_tsa()
    cfg = tmp_path / "tsa.json"
    cfg.write_text(
        json.dumps({"tsas": [{"name": "Local", "url": tsa.url, "roots": [str(tsa.ca_pem)]}]})
    )
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(cfg))
    uid = _add(vault, tmp_path, "e.txt")
    results: list[service.StampReport] = []
    worker = threading.Thread(target=lambda: results.append(service.stamp_due(vault)))
    worker.start()
    worker.join(60)
    assert results and results[0].ok and results[0].outcomes[0].tsa == "Local"
    assert item_timestamps(vault, uid)[0]["status"] == "stamped"
    # An unreadable TSA list is reported, not raised, to the worker.
    cfg.write_text("{broken")
    report = service.stamp_due(vault)
    assert not report.ok and "not readable JSON" in report.outcomes[0].error


def test_a_very_long_queue_is_split_into_batches(
    local_tsa: Callable[..., LocalTSA], vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "MAX_BATCH", 4)
    with vault.write() as conn:
        for i in range(9):
            vault.append_event(conn, Event.NOTE_ADDED, None, {"n": i})
    tsa = local_tsa()
    report = service.stamp_pending(vault, [tsa_from_args(tsa.url, [tsa.ca_pem])])
    assert report.ok and report.outcomes[0].entries == 10 and tsa.request_count == 3
    assert service.pending_count(vault) == 0 and verify_vault(vault).ok


def test_verify_uses_the_configured_roots(
    local_tsa: Callable[..., LocalTSA],
    vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    from app.timestamp.vault_checks import check_timestamps

    tsa, other = local_tsa(), local_tsa(name="Other")
    assert service.stamp_pending(vault, [tsa_from_args(tsa.url, [tsa.ca_pem])]).ok
    cfg = tmp_path / "tsa.json"
    cfg.write_text(
        json.dumps({"tsas": [{"name": "Local", "url": tsa.url, "roots": [str(tsa.ca_pem)]}]})
    )
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(cfg))
    result = check_timestamps(vault)
    assert result.ok and not [n for n in result.notes if "recorded" in n]
    # The configured root changed since: still valid against the recorded root, said so.
    cfg.write_text(
        json.dumps({"tsas": [{"name": "Local", "url": tsa.url, "roots": [str(other.ca_pem)]}]})
    )
    result = check_timestamps(vault)
    assert result.ok and any("not the one configured now" in n for n in result.notes)
    # A token whose recorded anchor is wrong too fails.
    with vault.write() as conn:
        conn.execute("DROP TRIGGER ts_tokens_no_update")
        conn.execute("UPDATE ts_tokens SET trust_pem = ?", (other.ca_pem.read_text(),))
    result = check_timestamps(vault)
    assert not result.ok and any("trust anchor" in p for p in result.problems)
