"""`locker verify-token --proof` reads a proof file someone handed over: hostile members
(nesting 100,000 deep, a nonce "²" or of 5,000 digits, a list as custody_seq, NaN) are
one-line refusals with exit 5, never "unexpected error" (issue 10 §5)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.timestamp import merkle
from app.timestamp.client import build_request, post_request
from tests.helpers.cli import locker
from tests.helpers.tsa import LocalTSA

ENTRY_HASH = hashlib.sha256(b"entry").hexdigest()


def _good(root: str) -> dict:  # type: ignore[type-arg]
    return {
        "token": {"nonce": "99"},
        "merkle": {"root": root, "tree_size": 1},
        "leaves": [{"custody_seq": 1, "leaf_index": 0, "leaf_data": ENTRY_HASH, "audit_path": []}],
    }


HOSTILE = {
    "nested": lambda d: json.dumps(d)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "nonce superscript": lambda d: json.dumps({**d, "token": {"nonce": "\u00b2"}}),
    "nonce 5000 digits": lambda d: json.dumps({**d, "token": {"nonce": "7" * 5000}}),
    "custody_seq list": lambda d: json.dumps(
        {**d, "leaves": [{**d["leaves"][0], "custody_seq": [1]}]}
    ),
    "NaN tree size": lambda d: json.dumps(d).replace('"tree_size": 1', '"tree_size": NaN'),
}


@pytest.fixture
def token(local_tsa: Callable[..., LocalTSA], tmp_path: Path) -> tuple[Path, Path, dict]:  # type: ignore[type-arg]
    tsa = local_tsa()
    root = merkle.root([bytes.fromhex(ENTRY_HASH)])
    tsr = tmp_path / "t.tsr"
    tsr.write_bytes(post_request(tsa.url, build_request(root, 99)))
    return tsr, tsa.ca_pem, _good(root.hex())


def test_good_proof_verifies(token: tuple[Path, Path, dict], tmp_path: Path) -> None:  # type: ignore[type-arg]
    tsr, ca, doc = token
    proof = tmp_path / "p.json"
    proof.write_text(json.dumps(doc))
    proc = locker("verify-token", "--token", tsr, "--proof", proof, "--ca", ca)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_hostile_proof_is_a_clean_refusal(
    token: tuple[Path, Path, dict],
    tmp_path: Path,  # type: ignore[type-arg]
    label: str,
) -> None:
    tsr, ca, doc = token
    proof = tmp_path / "p.json"
    proof.write_text(HOSTILE[label](doc))
    proc = locker("verify-token", "--token", tsr, "--proof", proof, "--ca", ca)
    assert proc.returncode == 5, proc.stdout + proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "unexpected" not in proc.stderr
