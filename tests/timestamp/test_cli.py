"""The real `locker` command end to end with a local TSA: stamp, show, extract, the
third-party check with `openssl ts -verify`, verify-token --proof, and `locker verify`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from app.timestamp import merkle
from tests.helpers.cli import locker
from tests.helpers.tsa import LocalTSA, openssl_verify


def _vault_with_items(tmp_path: Path, passphrase_file: Path, count: int = 2) -> Path:
    vault = tmp_path / "case.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    for i in range(count):
        f = tmp_path / f"evidence-{i}.txt"
        f.write_bytes(f"synthetic evidence {i}".encode())
        proc = locker("add", vault, f, "--case", "Case 1", passphrase_file=passphrase_file)
        assert proc.returncode == 0, proc.stderr
    return vault


def test_stamp_show_extract_and_third_party_check(
    local_tsa: Callable[..., LocalTSA], tmp_path: Path, passphrase_file: Path
) -> None:
    tsa = local_tsa()
    vault = _vault_with_items(tmp_path, passphrase_file)
    show = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    assert {t["status"] for t in show["timestamps"]} == {"pending"}

    tsa.stop()
    proc = locker(
        "stamp", vault, "--tsa", tsa.url, "--tsa-ca", tsa.ca_pem, passphrase_file=passphrase_file
    )
    assert proc.returncode == 1 and "FAILED" in proc.stdout and "queued" in proc.stdout
    assert "Traceback" not in proc.stderr
    tsa.start()
    proc = locker(
        "stamp",
        vault,
        "--tsa",
        tsa.url,
        "--tsa-ca",
        tsa.ca_pem,
        "--json",
        passphrase_file=passphrase_file,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] and report["pending_after"] == 0 and tsa.request_count == 1

    show = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    ts = show["timestamps"][0]
    assert ts["status"] == "stamped" and ts["gen_time"] and ts["tsa"] == tsa.url
    assert ts["root"] and ts["tree_size"] >= 3 and isinstance(ts["audit_path"], list)
    assert ts["local_time"] and ts["captured_at"]
    text = locker("show", vault, "1", passphrase_file=passphrase_file).stdout
    assert "timestamp        stamped" in text

    out = tmp_path / "exhibits"
    proc = locker("extract", vault, "1", "--out", out, passphrase_file=passphrase_file)
    assert proc.returncode == 0, proc.stderr
    tsr = sorted(out.glob("*.tsr"))
    proofs = sorted(out.glob("*.proof.json"))
    assert len(tsr) == 1 and len(proofs) == 1 and sorted(out.glob("*.tsa-ca.pem"))

    # The third party's check, exactly as the README describes it.
    doc = json.loads(proofs[0].read_text())
    root = doc["merkle"]["root"]
    assert openssl_verify(tsr[0], ca_pem=tsa.ca_pem, digest_hex=root).returncode == 0
    leaf = doc["leaves"][0]
    entry = leaf["entry"]
    assert (
        json.loads(entry["payload"])["data"]["artifacts"][0]["sha256"]
        == show["artifacts"][0]["sha256"]
    )
    got = merkle.root_from_path(
        bytes.fromhex(leaf["leaf_data"]),
        leaf["leaf_index"],
        doc["merkle"]["tree_size"],
        [bytes.fromhex(p) for p in leaf["audit_path"]],
    )
    assert got.hex() == root

    proc = locker("verify-token", "--token", tsr[0], "--proof", proofs[0], "--ca", tsa.ca_pem)
    assert proc.returncode == 0 and "VALID" in proc.stdout, proc.stdout + proc.stderr
    proc = locker("verify-token", "--token", tsr[0], "--digest", root, "--ca", tsa.ca_pem)
    assert proc.returncode == 0
    # A proof edited to claim another entry fails.
    entry["payload"] = entry["payload"].replace("evidence-0", "evidence-9")
    forged = tmp_path / "forged.proof.json"
    forged.write_text(json.dumps(doc))
    proc = locker(
        "verify-token", "--token", tsr[0], "--proof", forged, "--ca", tsa.ca_pem, "--json"
    )
    assert proc.returncode == 4
    assert any("payload" in p for p in json.loads(proc.stdout)["problems"])
    # The nonce recorded in the proof is checked against the token.
    doc = json.loads(proofs[0].read_text())
    doc["token"]["nonce"] = str(int(doc["token"]["nonce"]) + 1)
    forged.write_text(json.dumps(doc))
    proc = locker(
        "verify-token", "--token", tsr[0], "--proof", forged, "--ca", tsa.ca_pem, "--json"
    )
    assert proc.returncode == 4
    assert any("nonce" in p for p in json.loads(proc.stdout)["problems"])

    proc = locker("verify", vault, "--json", passphrase_file=passphrase_file)
    assert proc.returncode == 0, proc.stdout
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert checks["timestamps"]["ok"] and "1 tokens" in checks["timestamps"]["detail"]


def test_stamp_usage_errors_and_status(tmp_path: Path, passphrase_file: Path) -> None:
    vault = _vault_with_items(tmp_path, passphrase_file, count=1)
    proc = locker(
        "stamp", vault, "--tsa", "http://127.0.0.1:9/tsa", passphrase_file=passphrase_file
    )
    assert proc.returncode == 2 and "--tsa-ca" in proc.stderr
    proc = locker("stamp", vault, "--tsa-ca", tmp_path / "x.pem", passphrase_file=passphrase_file)
    assert proc.returncode == 2
    # The test environment's TSA list is empty: a clear message, nothing contacted.
    proc = locker("stamp", vault, passphrase_file=passphrase_file)
    assert proc.returncode == 2 and "No TSA" in proc.stderr
    proc = locker("stamp", vault, "--status", "--json", passphrase_file=passphrase_file)
    assert proc.returncode == 0 and json.loads(proc.stdout)["pending"] >= 2


def test_tsas_lists_the_configured_authorities(tmp_path: Path, real_fixtures: Path) -> None:
    cfg = tmp_path / "tsa.json"
    (tmp_path / "root.pem").write_bytes(
        (real_fixtures / "identrust" / "identrust-commercial-root-ca-1.pem").read_bytes()
    )
    cfg.write_text(
        json.dumps(
            {"tsas": [{"name": "Mine", "url": "http://127.0.0.1:1/", "roots": ["root.pem"]}]}
        )
    )
    proc = locker("tsas", "--json", env={"LOCKER_TSA_CONFIG": str(cfg)})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["config"] == str(cfg)
    assert data["tsas"][0]["root_certificates"][0]["sha256"].startswith("5d56499b")
