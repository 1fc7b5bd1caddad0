"""docs/verifier/check_bundle.py, run with the system python3 -I and openssl: real bundles
(zip and folder) pass; the forgery of issue 12 (with and without a changed original), a
re-signed bundle, a wrong TSA root and a sample of what verify-bundle rejects fail."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.bundle.export import export_bundle, select_items
from app.bundle.opener import open_bundle
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.vault.identity import fingerprint_of
from tests.bundle.checker import check, drop_tokens, forge, rewrite_chain
from tests.bundle.conftest import fill_vault, stamp
from tests.bundle.craft import read_members, resign, write_zip
from tests.helpers.tsa import make_pki


@pytest.fixture
def real(make_vault, tsa_configured, tmp_path):
    vault = make_vault("sender")
    fill_vault(vault)
    stamp(vault, tsa_configured)
    path = tmp_path / "real.zip"
    export_bundle(vault, path, select_items(vault, case="사건 1"), Sealing())
    return path, vault, tsa_configured.ca_pem


def test_real_bundle_zip_and_folder_pass(real, tmp_path):
    path, vault, root = real
    fp = fingerprint_of(vault.signing_key().public_key())
    done = check(path, root)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for step in (
        "1. manifests",
        "2. Ed25519",
        "4. token",
        "4. Merkle",
        "4. tag-manifest token",
        "3. custody chains",
        "5. exhibit E-001",
        "5. exhibit E-002",
        "6. signer identity",
    ):
        assert f"[ OK ] {step}" in out, (step, out)
    assert fp in out and "[FAIL]" not in out and "trusted TSA root" in out
    bag = tmp_path / "bag"
    open_bundle(path, bag)
    folder = check(bag, root)
    assert folder.returncode == 0, folder.stdout
    assert "whole zip" not in folder.stdout.split("2. Ed25519", 1)[1].splitlines()[0]


@pytest.mark.parametrize(
    "change_original", [True, False], ids=["changed-original", "same-originals"]
)
def test_issue_forgery_is_rejected(real, tmp_path, change_original):
    path, _vault, root = real
    members, key = forge(read_members(path), change_original=change_original)
    forged = write_zip(tmp_path / "forged.zip", members, key=key)
    # The stock route is fooled: the bundle is self-consistent under the new key.
    assert {c.name for c in verify_bundle(forged).checks if not c.ok} <= {"timestamps"}
    done = check(forged, root)
    assert done.returncode == 1, done.stdout
    assert "[FAIL] 6. signer identity" in done.stdout
    assert "no verified timestamp token anchors" in done.stdout
    # Even told the forger's fingerprint is expected, it is not what the chain recorded
    # ... unless the chain was rewritten; then the real fingerprint (by phone) exposes it.
    real_fp = fingerprint_of(_vault.signing_key().public_key())
    assert check(forged, root, expect=real_fp).returncode == 1
    # Keeping the (now unfitting) tokens: the Merkle paths no longer reach the chain.
    members2, key2 = forge(read_members(path), change_original=change_original, keep_tokens=True)
    forged2 = write_zip(tmp_path / "forged2.zip", members2, key=key2)
    done2 = check(forged2, root)
    assert done2.returncode == 1 and "is not in the bundle's custody chain" in done2.stdout


@pytest.mark.parametrize(
    "change_original", [True, False], ids=["changed-original", "same-originals"]
)
def test_issue_forgery_leaving_the_chain_alone_is_rejected(real, tmp_path, change_original):
    """The forgery as the issue words it: the fingerprint replaced in VERIFY.txt,
    bag-info.txt, bundle.json and the report, the chain files untouched, tokens kept."""
    path, _vault, root = real
    members, key = forge(
        read_members(path), change_original=change_original, keep_tokens=True, rewrite_chain=False
    )
    done = check(write_zip(tmp_path / "forged.zip", members, key=key), root)
    assert done.returncode == 1, done.stdout
    assert "[FAIL] 6. signer identity" in done.stdout
    assert (
        "is not the vault's identity" in done.stdout and "time-stamped vault_created" in done.stdout
    )
    if change_original:
        assert "[FAIL] 5. exhibit E-001" in done.stdout


def test_tokens_of_real_tsas_verify_at_gen_time():
    """Real tokens (fixtures from public TSAs): the IdenTrust signer certificate expired
    after genTime and must still verify; a damaged signature and a wrong root must not."""
    import importlib.util
    import tempfile
    from pathlib import Path

    from tests.bundle.checker import CHECKER

    spec = importlib.util.spec_from_file_location("check_bundle", CHECKER)
    assert spec is not None and spec.loader is not None
    cb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cb)
    real_dir = Path("/work/shared/fixtures/tsa-real")
    if not real_dir.is_dir():
        pytest.skip("no real TSA fixtures on this machine")
    identrust = (real_dir / "identrust/issue-104.tsr").read_bytes()
    chain = real_dir / "sigstage/ts_chain.pem"
    with tempfile.TemporaryDirectory() as tmp:
        ssl = cb.OpenSSL(tmp)
        hello = ssl.file(b"hello")
        ok = ssl.ts_verify(
            identrust,
            str(real_dir / "identrust/identrust-commercial-root-ca-1.pem"),
            b"",
            data_path=hello,
        )
        assert ok[0] and ok[1] == "2025-03-11T08:52:08Z" and "at genTime" in ok[2]
        assert ssl.ts_verify(
            (real_dir / "sigstage/response-sha256.tsr").read_bytes(),
            str(chain),
            chain.read_bytes(),
            data_path=hello,
        )[0]
        assert not ssl.ts_verify(
            (real_dir / "sigstage/response-invalid-signature.tsr").read_bytes(),
            str(chain),
            chain.read_bytes(),
            data_path=hello,
        )[0]
        assert not ssl.ts_verify(identrust, str(chain), b"", data_path=hello)[0]
        assert not ssl.ts_verify(
            identrust,
            str(real_dir / "identrust/identrust-commercial-root-ca-1.pem"),
            b"",
            data_path=ssl.file(b"hellO"),
        )[0]


def test_resigned_only_bundle_is_rejected(real, tmp_path):
    path, _vault, root = real
    key = Ed25519PrivateKey.generate()
    from app.bundle import signing

    members = read_members(path)
    members["signature/signer-ed25519.pem"] = signing.public_pem(key)
    forged = write_zip(tmp_path / "resigned.zip", resign(members, key), key=key)
    done = check(forged, root)
    assert done.returncode == 1 and "[FAIL] 6. signer identity" in done.stdout, done.stdout


def test_wrong_root_is_rejected(real, tmp_path):
    path, _vault, _root = real
    other_root, _, _ = make_pki(tmp_path / "other-pki", ca_name="Another TSA Root")
    done = check(path, other_root)
    assert done.returncode == 1, done.stdout
    assert "[FAIL] 4. token" in done.stdout and "[FAIL] 6. signer identity" in done.stdout
    assert "no --tsa-root given for this TSA (its root is " in done.stdout, done.stdout
    # The needed root among the untrusted certificates (openssl: "self-signed certificate
    # in certificate chain"): the same plain message, naming the root to obtain.
    both = check(path, other_root, untrusted=_root)
    assert both.returncode == 1, both.stdout
    line = next(x for x in both.stdout.splitlines() if x.startswith("[FAIL] 4. token"))
    assert "no --tsa-root given for this TSA (its root is " in line and "self-signed" not in line


def test_unstamped_bundle_needs_the_fingerprint_confirmed(make_vault, tsa_configured, tmp_path):
    vault = make_vault("offline")
    fill_vault(vault, count=1)
    path = tmp_path / "offline.zip"
    export_bundle(vault, path, select_items(vault, case="사건 1"), Sealing(), stamp=False)
    fp = fingerprint_of(vault.signing_key().public_key())
    done = check(path, tsa_configured.ca_pem)
    assert done.returncode == 1 and "pass --expect-fingerprint" in done.stdout, done.stdout
    confirmed = check(path, tsa_configured.ca_pem, expect=fp.replace("-", "").lower())
    assert confirmed.returncode == 0, confirmed.stdout
    assert "matches --expect-fingerprint" in confirmed.stdout
    other = fingerprint_of(Ed25519PrivateKey.generate().public_key())
    assert check(path, tsa_configured.ca_pem, expect=other).returncode == 1


def _flip(path, pos, out):
    data = bytearray(path.read_bytes())
    data[pos] ^= 0x04
    out.write_bytes(bytes(data))
    return out


def test_what_verify_bundle_rejects_the_checker_rejects(real, tmp_path):
    path, sender, root = real
    size = path.stat().st_size
    cases = {
        f"flip-{pos}": _flip(path, pos, tmp_path / f"flip-{pos}.zip")
        for pos in (0, 200, size // 3, size // 2, size - 200, size - 1)
    }
    members = read_members(path)
    cases["traversal"] = write_zip(tmp_path / "trav.zip", {**members, "../escape.txt": b"x"})
    cases["symlink"] = write_zip(
        tmp_path / "link.zip", {**members, "data/link": b"/etc/passwd"}, symlinks=("data/link",)
    )
    cases["collision"] = write_zip(tmp_path / "coll.zip", {**members, "VERIFY.TXT": b"x"})
    cases["unlisted"] = write_zip(
        tmp_path / "unlisted.zip", {**members, "data/extra.txt": b"x"}, key=sender.signing_key()
    )
    tsr = next(n for n in members if n.endswith(".tsr") and n.startswith("data/"))
    cases["garbage-tsr"] = write_zip(
        tmp_path / "tsr.zip",
        resign({**members, tsr: b"\x30\x03garbage"}, sender.signing_key()),
        key=sender.signing_key(),
    )
    original = next(n for n in members if "/original/" in n)
    cases["other-key"] = write_zip(
        tmp_path / "other.zip",
        resign({**members, original: members[original] + b"\0"}, Ed25519PrivateKey.generate()),
    )
    # A zip without our signature comment is a re-packed bag (issue 10 §7): both accept
    # it on the bag's own signature.
    repacked = write_zip(tmp_path / "nosig.zip", members)
    assert verify_bundle(repacked).ok
    assert check(repacked, root).returncode == 0
    chain = next(n for n in members if n.startswith("data/custody/chain-"))
    lines = members[chain].split(b"\n")
    cases["chain-entry-dropped"] = write_zip(
        tmp_path / "chain.zip",
        resign({**members, chain: b"\n".join(lines[:1] + lines[2:])}, sender.signing_key()),
        key=sender.signing_key(),
    )
    for name, bundle in cases.items():
        try:
            app_rejects = not verify_bundle(bundle).ok
        except Exception:  # noqa: BLE001 - a rejection
            app_rejects = True
        assert app_rejects, name
        done = check(bundle, root)
        assert done.returncode == 1 and "[FAIL]" in done.stdout, (name, done.stdout)
        assert "Traceback" not in done.stderr, (name, done.stderr)


def test_earlier_holder_is_checked(make_vault, tsa_configured, tmp_path):
    from app.bundle.importer import import_bundle

    sender, lawyer = make_vault("survivor"), make_vault("lawyer")
    fill_vault(sender, count=1)
    stamp(sender, tsa_configured)
    first = tmp_path / "first.zip"
    export_bundle(sender, first, select_items(sender, case="사건 1"), Sealing())
    import_bundle(lawyer, first)
    stamp(lawyer, tsa_configured)
    second = tmp_path / "second.zip"
    received = [i for i in lawyer.list_items() if i.read_only]
    export_bundle(lawyer, second, [lawyer.get_item(received[0].id)], Sealing())
    done = check(second, tsa_configured.ca_pem)
    assert done.returncode == 0, done.stdout
    assert "[ OK ] 7. earlier holder" in done.stdout
    assert fingerprint_of(sender.signing_key().public_key()) in done.stdout
    # An earlier holder's signed manifest swapped for one signed by someone else.
    members = read_members(second)
    base = next(n.rsplit("/", 1)[0] for n in members if n.startswith("data/custody/provenance/"))
    key = Ed25519PrivateKey.generate()
    from app.bundle import signing

    members[f"{base}/signer-ed25519.pem"] = signing.public_pem(key)
    members[f"{base}/signature.sig"] = key.sign(members[f"{base}/tagmanifest-sha256.txt"])
    forged = write_zip(
        tmp_path / "swapped.zip", resign(members, lawyer.signing_key()), key=lawyer.signing_key()
    )
    bad = check(forged, tsa_configured.ca_pem)
    assert bad.returncode == 1 and "[FAIL] 7. earlier holder" in bad.stdout, bad.stdout


def test_verify_txt_whole_zip_signature_commands_work(real, tmp_path):
    import shutil
    import subprocess

    path, _vault, _root = real
    bag = tmp_path / "bag-for-text"
    open_bundle(path, bag)
    text = (bag / "VERIFY.txt").read_text(encoding="utf-8")
    part = text.split("python3 -c 'import zipfile", 1)[1].split("Then unpack", 1)[0]
    script = "python3 -c 'import zipfile" + "\n".join(
        line.strip() for line in part.splitlines() if line.strip()
    )
    work = tmp_path / "zipsig"
    work.mkdir()
    shutil.copy(path, work / "bundle.zip")
    done = subprocess.run(["bash", "-c", script], cwd=work, capture_output=True, text=True)
    assert done.returncode == 0 and "Signature Verified Successfully" in done.stdout, done.stderr
    _flip(path, path.stat().st_size // 2, work / "bundle.zip")
    bad = subprocess.run(["bash", "-c", script], cwd=work, capture_output=True, text=True)
    assert bad.returncode != 0


@pytest.fixture
def passed_on(make_vault, tsa_configured, tmp_path):
    """Survivor S exports to lawyer M, who imports and passes the evidence on."""
    from app.bundle.importer import import_bundle

    sender, lawyer = make_vault("survivor"), make_vault("lawyer")
    fill_vault(sender, count=1)
    stamp(sender, tsa_configured)
    first = tmp_path / "first.zip"
    export_bundle(sender, first, select_items(sender, case="사건 1"), Sealing())
    import_bundle(lawyer, first)
    stamp(lawyer, tsa_configured)
    second = tmp_path / "second.zip"
    received = [i for i in lawyer.list_items() if i.read_only]
    export_bundle(lawyer, second, [lawyer.get_item(received[0].id)], Sealing())
    return second, sender, lawyer, tsa_configured.ca_pem


@pytest.mark.parametrize("keep_provenance", [False, True], ids=["provenance-dropped", "kept"])
def test_rewritten_earlier_holder_fails(passed_on, tmp_path, keep_provenance):
    """The forger (holding M's key) rewrites S's chain: another vault_created fingerprint,
    back-dated times; drops the tokens (and the provenance), re-signs. The app says
    UNVERIFIED earlier holder; so must the checker, unless told to accept it."""
    path, sender, lawyer, root = passed_on
    members = read_members(path)
    fake = "RRRRR-RRRRR-RRRRR-RRRRR-RRRRR-RRRRR-RR"

    def rewrite(payload):
        payload["at"] = payload["at"].replace("2026-", "2025-")
        if payload["event"] == "vault_created":
            payload["data"]["identity_fingerprint"] = fake

    rewrite_chain(members, sender.vault_id, rewrite)
    drop_tokens(members)
    if not keep_provenance:
        for n in [n for n in members if n.startswith("data/custody/provenance/")]:
            del members[n]
    forged = write_zip(
        tmp_path / "forged.zip", resign(members, lawyer.signing_key()), key=lawyer.signing_key()
    )
    assert "earlier holders" in [c.name for c in verify_bundle(forged).checks if not c.ok]
    m_fp = fingerprint_of(lawyer.signing_key().public_key())
    done = check(forged, root, expect=m_fp)
    assert done.returncode == 1, done.stdout
    assert "[ OK ] 6. signer identity" in done.stdout
    assert f"[FAIL] 7. earlier holder {fake}" in done.stdout and "UNVERIFIED" in done.stdout
    accepted = check(forged, root, expect=m_fp, flags=("--accept-unverified-holders",))
    if keep_provenance:  # S's own signed manifests contradict the rewritten identity
        assert accepted.returncode == 1, accepted.stdout
        assert (
            "[FAIL] 7. earlier bundle" in accepted.stdout
            and "not by the identity" in accepted.stdout
        )
        return
    assert accepted.returncode == 0, accepted.stdout
    assert f"[WARN] 7. earlier holder {fake}" in accepted.stdout
    assert "UNVERIFIED" in accepted.stdout and "[FAIL]" not in accepted.stdout


def test_own_earlier_exports_are_not_earlier_holders(real, tmp_path):
    """A sender's own earlier export shows in its chain; it is no earlier holder and
    needs no note (the reviewer saw "no signed manifests carried" on a plain bundle)."""
    path, vault, root = real
    again = tmp_path / "again.zip"
    export_bundle(vault, again, select_items(vault, case="사건 1"), Sealing())
    done = check(again, root)
    assert done.returncode == 0, done.stdout
    assert "no signed manifests carried" not in done.stdout and "7. earlier" not in done.stdout


def _hostile(members, case):
    """Members with one document made hostile the way the reviewer did."""
    import json
    import re

    out = dict(members)
    bundle = out["data/bundle.json"].decode()
    meta_name = "data/exhibits/E-001/metadata.json"
    chain = next(n for n in out if n.startswith("data/custody/chain-"))
    if case == "duplicate-keys":
        out["data/bundle.json"] = ('{"bundle_id": "x", ' + bundle[1:]).encode()
    elif case in ("nan", "huge-exponent"):
        out["data/bundle.json"] = re.sub(
            r'"entries": \d+',
            '"entries": ' + ("NaN" if case == "nan" else "1e99999"),
            bundle,
            count=1,
        ).encode()
    elif case == "deep":
        meta = json.loads(out[meta_name])
        meta["metadata"] = {"x": None}
        out[meta_name] = json.dumps(meta).replace("null", "[" * 100000 + "]" * 100000).encode()
    elif case in ("seq-true", "seq-float"):
        lines = out[chain].decode().splitlines()
        first = json.loads(lines[0])
        first["seq"] = True if case == "seq-true" else 1.0
        out[chain] = "\n".join([json.dumps(first)] + lines[1:]).encode() + b"\n"
    elif case == "exhibits-number":
        out["data/bundle.json"] = json.dumps({**json.loads(bundle), "exhibits": 5}).encode()
    elif case == "exhibits-strings":
        out["data/bundle.json"] = json.dumps({**json.loads(bundle), "exhibits": ["E-001"]}).encode()
    elif case == "chains-object":
        out["data/bundle.json"] = json.dumps({**json.loads(bundle), "chains": {"a": 1}}).encode()
    elif case == "artifacts-string":
        out[meta_name] = json.dumps({**json.loads(out[meta_name]), "artifacts": "x"}).encode()
    elif case == "bundle-list":
        out["data/bundle.json"] = b"[]"
    return out


HOSTILE = (
    "duplicate-keys",
    "nan",
    "huge-exponent",
    "deep",
    "seq-true",
    "seq-float",
    "exhibits-number",
    "exhibits-strings",
    "chains-object",
    "artifacts-string",
    "bundle-list",
)


def test_hostile_json_is_rejected_in_one_clear_line(real, tmp_path):
    path, sender, root = real
    members = read_members(path)
    key = sender.signing_key()
    for case in HOSTILE:
        bundle = write_zip(tmp_path / f"{case}.zip", resign(_hostile(members, case), key), key=key)
        try:
            app_rejects = not verify_bundle(bundle).ok
        except Exception:  # noqa: BLE001 - a rejection
            app_rejects = True
        assert app_rejects, case
        done = check(bundle, root)
        assert done.returncode == 1 and "[FAIL]" in done.stdout, (case, done.stdout)
        assert "Traceback" not in done.stderr, (case, done.stderr)
        for raw in (
            "object is not iterable",
            "has no attribute",
            "maximum recursion",
            "object is not subscriptable",
            "unhashable",
        ):
            assert raw not in done.stdout, (case, done.stdout)
        fails = [line for line in done.stdout.splitlines() if line.startswith("[FAIL]")]
        assert any(w in fails[0] for w in ("JSON", "not a", "whole number", "not an object")), (
            case,
            fails,
        )


def test_claims_about_items_not_carried_are_rejected(real, tmp_path):
    """A disclosed chain entry about an item the bundle does not carry (claims.py)."""
    import json

    path, sender, root = real
    members = read_members(path)
    bundle = json.loads(members["data/bundle.json"])
    bundle["exhibits"] = [e for e in bundle["exhibits"] if e["exhibit"] == "E-001"]
    members["data/bundle.json"] = json.dumps(bundle, ensure_ascii=False).encode()
    members = {n: d for n, d in members.items() if not n.startswith("data/exhibits/E-002/")}
    key = sender.signing_key()
    bad = write_zip(tmp_path / "foreign.zip", resign(members, key), key=key)
    with pytest.raises(Exception, match="claims about evidence"):
        verify_bundle(bad)
    done = check(bad, root)
    assert done.returncode == 1, done.stdout
    assert (
        "[FAIL] REJECTED: the bundle makes claims about evidence it does not carry" in done.stdout
    )


def test_bag_rezipped_with_info_zip_passes(real, tmp_path):
    """`zip -r` (Info-ZIP) stores Korean names without the UTF-8 flag, maybe inside one
    top folder, and macOS/Windows add junk files: the bag's own signature still holds."""
    import subprocess

    path, _vault, root = real
    bag = tmp_path / "증거 묶음"
    open_bundle(path, bag)
    assert any(not n.isascii() for n in read_members(path)), "the test needs non-ASCII names"
    flat = tmp_path / "flat.zip"
    subprocess.run(["zip", "-qr", str(flat), "."], cwd=bag, check=True, env={"LC_ALL": "C"})
    (bag / ".DS_Store").write_bytes(b"junk")
    (bag / "data" / "Thumbs.db").write_bytes(b"junk")
    folder = tmp_path / "folder.zip"
    subprocess.run(
        ["zip", "-qr", str(folder), bag.name], cwd=tmp_path, check=True, env={"LC_ALL": "C"}
    )
    for rezipped in (flat, folder):
        done = check(rezipped, root)
        assert done.returncode == 0, (rezipped.name, done.stdout)
        assert "re-packed by another tool" in done.stdout
    # Junk is ignored in re-packed zips only; in a bag folder it is an unlisted file.
    assert check(bag, root).returncode == 1
