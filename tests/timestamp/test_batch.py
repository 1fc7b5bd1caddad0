"""10,000 pending entries, one TSA request; every entry verifies alone from its audit
path, and changing any entry breaks only its own verification."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from app.timestamp import service
from app.timestamp.config import tsa_from_args
from app.timestamp.proofs import check_leaf, proofs_for_entries
from app.timestamp.vault_checks import check_timestamps
from app.vault import Vault
from app.vault.events import Event
from app.vault.verify import check_triggers
from tests.helpers.tsa import LocalTSA, openssl_verify

N = 10_000


@pytest.fixture
def big_vault(vault: Vault) -> Vault:
    with vault.write() as conn:
        for i in range(N - 1):  # plus vault_created
            vault.append_event(conn, Event.NOTE_ADDED, None, {"n": i})
    return vault


def test_ten_thousand_entries_one_request(
    local_tsa: Callable[..., LocalTSA], big_vault: Vault, tmp_path: Path
) -> None:
    tsa = local_tsa()
    assert service.pending_count(big_vault) == N
    report = service.stamp_pending(big_vault, [tsa_from_args(tsa.url, [tsa.ca_pem])])
    assert report.ok and report.outcomes[0].entries == N
    assert tsa.request_count == 1
    assert service.pending_count(big_vault) == 0

    raw, root, size = (
        big_vault.read().execute("SELECT response, root, tree_size FROM ts_tokens").fetchone()
    )
    assert size == N
    assert (
        openssl_verify(bytes(raw), ca_pem=tsa.ca_pem, digest_hex=root, workdir=tmp_path).returncode
        == 0
    )

    # Every entry verifies alone from its own proof.
    proofs = proofs_for_entries(big_vault, range(1, N + 1))
    assert len(proofs) == 1 and len(proofs[0].leaves) == N
    leaves = proofs[0].leaves
    assert all(not check_leaf(leaf, root, N) for leaf in leaves)

    # Changing any one entry breaks its verification and nobody else's.
    for victim in (0, 1, 4097, N // 2, N - 2, N - 1):
        changed = copy.deepcopy(leaves[victim])
        payload = changed["entry"]["payload"]
        changed["entry"]["payload"] = payload[:-1] + " }"
        assert check_leaf(changed, root, N)
        changed = copy.deepcopy(leaves[victim])
        changed["leaf_data"] = ("0" if changed["leaf_data"][0] != "0" else "1") + changed[
            "leaf_data"
        ][1:]
        assert check_leaf(changed, root, N)
        neighbours = [leaves[i] for i in (victim - 1, victim + 1) if 0 <= i < N]
        assert all(not check_leaf(leaf, root, N) for leaf in neighbours)


def test_vault_check_pins_a_changed_entry(local_tsa: Callable[..., LocalTSA], vault: Vault) -> None:
    tsa = local_tsa()
    with vault.write() as conn:
        for i in range(40):
            vault.append_event(conn, Event.NOTE_ADDED, None, {"n": i})
    assert service.stamp_pending(vault, [tsa_from_args(tsa.url, [tsa.ca_pem])]).ok
    result = check_timestamps(vault)
    assert result.ok, result.problems
    # Someone with the key rewrites entry 17 behind the triggers' back.
    with vault.write() as conn:
        conn.execute("DROP TRIGGER custody_no_update")
        conn.execute("UPDATE custody SET entry_hash = ? WHERE seq = 17", ("ab" * 32,))
    result = check_timestamps(vault)
    assert not result.ok
    assert len(result.problems) == 1 and "custody entry 17" in result.problems[0]
    # A token's bytes changed: its own check fails with a clear reason.
    with vault.write() as conn:
        conn.execute("DROP TRIGGER ts_tokens_no_update")
        raw = bytes(conn.execute("SELECT response FROM ts_tokens").fetchone()[0])
        conn.execute("UPDATE ts_tokens SET response = ?", (raw[:-1] + bytes([raw[-1] ^ 1]),))
    problems = check_timestamps(vault).problems
    assert "trigger ts_tokens_no_update is missing" in check_triggers(vault).problems
    assert any("token 1" in p and "signature" in p for p in problems)
