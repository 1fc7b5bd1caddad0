"""Running docs/verifier/check_bundle.py the way an examiner would (the system python3
in isolated mode, the system openssl), and forging bundles the way issue 12 describes."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.bundle import signing
from app.vault import custody
from app.vault.identity import fingerprint_of
from tests.helpers.cli import ROOT

CHECKER = ROOT / "docs" / "verifier" / "check_bundle.py"
SYSTEM_PYTHON = "/usr/bin/python3"


def check(
    bundle: Path,
    *roots: Path,
    expect: str | None = None,
    untrusted: Path | None = None,
    flags: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    args = [SYSTEM_PYTHON, "-I", str(CHECKER), str(bundle), *flags]
    for root in roots:
        args += ["--tsa-root", str(root)]
    if untrusted:
        args += ["--untrusted", str(untrusted)]
    if expect:
        args += ["--expect-fingerprint", expect]
    return subprocess.run(args, capture_output=True, text=True, timeout=600, cwd="/")


def forge(
    members: dict[str, bytes],
    *,
    change_original: bool,
    keep_tokens: bool = False,
    rewrite_chain: bool = True,
) -> tuple[dict[str, bytes], Ed25519PrivateKey]:
    """The forgery of issue 12: (optionally) change an original, write a fresh key's
    fingerprint wherever the old one appeared (rewriting the custody chain and its hashes
    so it checks end to end), rebuild both manifests, re-sign, drop the tag manifest's
    token. Without ``keep_tokens`` the exhibit tokens (which no longer fit) go too; without
    ``rewrite_chain`` the custody chain files are left as they were."""
    from tests.bundle.craft import resign

    out = dict(members)
    key = Ed25519PrivateKey.generate()
    bundle = json.loads(out["data/bundle.json"])
    old_fp, new_fp = bundle["exporter"]["fingerprint"], fingerprint_of(key.public_key())
    swaps = [(old_fp, new_fp)]
    if change_original:
        name = next(n for n in sorted(out) if "/original/" in n and n.endswith(".png"))
        old = out[name]
        out[name] = old[:-1] + bytes([old[-1] ^ 1])
        swaps.append((hashlib.sha256(old).hexdigest(), hashlib.sha256(out[name]).hexdigest()))
    for name, data in list(out.items()):
        if (
            name.endswith((".json", ".txt", ".html", ".jsonl"))
            and not name.endswith(".proof.json")
            and (rewrite_chain or not name.endswith(".jsonl"))
        ):
            text = data.decode("utf-8")
            for a, b in swaps:
                text = text.replace(a, b)
            out[name] = text.encode("utf-8")
    heads = {}
    for name in [n for n in out if n.startswith("data/custody/chain-")]:
        prev, lines = custody.GENESIS_PREV, []
        for line in out[name].decode().splitlines():
            e = json.loads(line)
            if "payload" in e:
                e["payload_hash"] = custody.payload_hash(e["payload"])
            e["prev_hash"], e["entry_hash"] = prev, custody.entry_hash(prev, e["payload_hash"])
            prev = e["entry_hash"]
            lines.append(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
        out[name] = "".join(lines).encode()
        heads[name] = prev
    bundle = json.loads(out["data/bundle.json"])
    bundle["exporter"]["public_key_pem"] = signing.public_pem(key).decode()
    for c in bundle["chains"]:
        c["head"] = heads[c["path"]]
    if not keep_tokens:
        for n in [n for n in out if "/timestamps/" in n]:
            del out[n]
        for e in bundle["exhibits"]:
            e["timestamps"] = []
            meta = json.loads(out[e["metadata_path"]])
            meta["timestamps"] = []
            out[e["metadata_path"]] = json.dumps(meta, ensure_ascii=False).encode()
    out["data/bundle.json"] = json.dumps(bundle, ensure_ascii=False).encode()
    out["signature/signer-ed25519.pem"] = signing.public_pem(key)
    out.pop("signature/tagmanifest-sha256.txt.tsa-ca.pem", None)
    return resign(out, key), key


def rewrite_chain(
    members: dict[str, bytes], vault_id: str, change: Callable[[dict[str, Any]], None]
) -> None:
    """Apply ``change`` to every disclosed payload of one custody chain and recompute the
    chain's hashes and its head in bundle.json, as a forger would (then re-sign)."""
    path = f"data/custody/chain-{vault_id}.jsonl"
    prev, lines = custody.GENESIS_PREV, []
    for line in members[path].decode().splitlines():
        e = json.loads(line)
        if "payload" in e:
            payload = json.loads(e["payload"])
            change(payload)
            e["payload"] = json.dumps(
                payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
            e["payload_hash"] = custody.payload_hash(e["payload"])
        e["prev_hash"], e["entry_hash"] = prev, custody.entry_hash(prev, e["payload_hash"])
        prev = e["entry_hash"]
        lines.append(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
    members[path] = "".join(lines).encode()
    bundle = json.loads(members["data/bundle.json"])
    for c in bundle["chains"]:
        if c["vault_id"] == vault_id:
            c["head"] = prev
    members["data/bundle.json"] = json.dumps(bundle, ensure_ascii=False).encode()


def drop_tokens(members: dict[str, bytes]) -> None:
    """Remove every exhibit's timestamp tokens (and their mentions)."""
    for n in [n for n in members if "/timestamps/" in n]:
        del members[n]
    bundle = json.loads(members["data/bundle.json"])
    for e in bundle["exhibits"]:
        e["timestamps"] = []
        meta = json.loads(members[e["metadata_path"]])
        meta["timestamps"] = []
        members[e["metadata_path"]] = json.dumps(meta, ensure_ascii=False).encode()
    members["data/bundle.json"] = json.dumps(bundle, ensure_ascii=False).encode()
