"""Crafted bundles are rejected with a clear error before anything is written: path
traversal, absolute paths, backslashes, drive letters, symlinks, duplicate and colliding
names, unlisted members, too many members, a zip bomb, garbage .tsr and malformed JSON."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from app.bundle.errors import BundleInvalid, BundleRejected
from app.bundle.export import export_bundle, select_items
from app.bundle.importer import import_bundle
from app.bundle.opener import open_bundle
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from tests.bundle.conftest import fill_vault, stamp
from tests.bundle.craft import (
    many_small_bombs,
    overlap_zip,
    read_members,
    resign,
    write_zip,
    zip_bomb,
)
from tests.helpers.cli import locker


def _state(vault) -> tuple[int, ...]:
    conn = vault.read()
    return tuple(
        int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in (
            "custody",
            "items",
            "artifacts",
            "chunks",
            "cases",
            "received_bundles",
            "received_custody",
        )
    )


@pytest.fixture
def good_bundle(make_vault, tsa_configured, tmp_path):
    vault = make_vault("sender")
    fill_vault(vault)
    stamp(vault, tsa_configured)
    path = tmp_path / "good.zip"
    export_bundle(vault, path, select_items(vault, case="사건 1"), Sealing())
    return path, vault


NAME_ATTACKS = {
    "../escape.txt": "escapes",
    "data/../../escape.txt": "escapes",
    "/etc/passwd": "absolute",
    "C:/Windows/evil.txt": "absolute",
    "data\\evil.txt": "backslash",
    "data/ev\nil.txt": "control",
    "data/\u202eevil.txt": "control",
    "data/./x.txt": "escapes",
}


@pytest.mark.parametrize("name", sorted(NAME_ATTACKS))
def test_hostile_member_names(tmp_path, name):
    path = write_zip(tmp_path / "evil.zip", {"bagit.txt": b"BagIt-Version: 1.0\n", name: b"x"})
    with pytest.raises(BundleRejected) as err:
        verify_bundle(path)
    assert NAME_ATTACKS[name] in str(err.value) or "control" in str(err.value)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize(
    "names, word",
    [
        (["data/a.txt", "data/a.txt"], "twice"),
        (["data/Report.txt", "data/report.TXT"], "colliding"),
        (["data/\u00e9.txt", "data/e\u0301.txt"], "colliding"),
    ],
)
def test_duplicate_and_colliding_names(tmp_path, names, word):
    path = write_zip(tmp_path / "dup.zip", [(n, b"x") for n in names])
    with pytest.raises(BundleRejected, match=word):
        verify_bundle(path)


def test_symlink_member(tmp_path):
    path = write_zip(tmp_path / "link.zip", {"data/link": b"/etc/passwd"}, symlinks=("data/link",))
    with pytest.raises(BundleRejected, match="symbolic link"):
        verify_bundle(path)


def test_unlisted_member_in_a_signed_bundle(good_bundle, tmp_path):
    path, _vault = good_bundle
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("data/exhibits/E-001/smuggled.exe", b"MZ...")
    with pytest.raises(BundleRejected, match="do not list"):
        verify_bundle(path)


def test_too_many_members(tmp_path):
    many = write_zip(tmp_path / "many.zip", [(f"data/f{n}.txt", b"") for n in range(10_000)])
    with pytest.raises(BundleRejected):
        verify_bundle(many)
    too_many = write_zip(tmp_path / "toomany.zip", [(f"data/f{n}.txt", b"") for n in range(20_001)])
    with pytest.raises(BundleRejected, match="too many members"):
        verify_bundle(too_many)


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.zip")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(BundleRejected, match="zip bomb"):
        verify_bundle(bomb)


def test_overlapping_members_and_many_small_bombs(tmp_path):
    with pytest.raises(BundleRejected, match="overlap"):
        verify_bundle(overlap_zip(tmp_path / "overlap.zip"))
    with pytest.raises(BundleRejected, match="far beyond"):
        verify_bundle(many_small_bombs(tmp_path / "small-bombs.zip"))


def test_garbage_tsr_fails_verification_and_import_writes_nothing(
    good_bundle, make_vault, tmp_path
):
    path, sender = good_bundle
    members = read_members(path)
    tsr = next(n for n in members if n.endswith(".tsr") and n.startswith("data/"))
    members[tsr] = b"\x30\x03garbage that is not DER"
    forged = write_zip(
        tmp_path / "forged.zip", resign(members, sender.signing_key()), key=sender.signing_key()
    )
    report = verify_bundle(forged)
    assert not report.ok
    failed = {c.name: c for c in report.checks if not c.ok}
    assert set(failed) == {"timestamps"}
    assert any("not a readable time-stamp response" in p for p in failed["timestamps"].problems)
    receiver = make_vault("receiver")
    before = _state(receiver)
    with pytest.raises(BundleInvalid, match="nothing was imported"):
        import_bundle(receiver, forged)
    assert _state(receiver) == before


def test_malformed_json_is_a_clear_rejection(good_bundle, tmp_path):
    path, sender = good_bundle
    members = read_members(path)
    members["data/exhibits/E-001/metadata.json"] = b'{"exhibit": "E-001", "uid": '
    forged = write_zip(
        tmp_path / "badjson.zip", resign(members, sender.signing_key()), key=sender.signing_key()
    )
    with pytest.raises(BundleRejected, match="not valid JSON"):
        verify_bundle(forged)
    members["data/bundle.json"] = json.dumps({"exhibits": "nope", "chains": []}).encode()
    forged2 = write_zip(
        tmp_path / "badbundle.zip", resign(members, sender.signing_key()), key=sender.signing_key()
    )
    with pytest.raises(BundleRejected):
        verify_bundle(forged2)


def test_forged_content_with_another_key_fails(good_bundle, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path, _sender = good_bundle
    members = read_members(path)
    original = next(n for n in members if n.endswith(".png") and "/original/" in n)
    members[original] = members[original][:-1] + b"\x00"
    forged = write_zip(tmp_path / "forged.zip", resign(members, Ed25519PrivateKey.generate()))
    report = verify_bundle(forged)
    assert not report.ok
    failed = {c.name for c in report.checks if not c.ok}
    assert {"signature", "exhibits"} <= failed


def test_cli_rejections_write_nothing(good_bundle, make_vault, tmp_path, passphrase_file):
    path, _ = good_bundle
    receiver = make_vault("r")
    before = _state(receiver)
    receiver.close()
    vault_file = tmp_path / "r.locker"
    evil = write_zip(tmp_path / "evil.zip", {"../../evil.txt": b"x"})
    bomb = zip_bomb(tmp_path / "bomb.zip", 64 * 1024 * 1024)
    private_tmp = tmp_path / "private-tmp"
    private_tmp.mkdir()
    files_before = set(os.listdir(tmp_path))
    for bad in (evil, bomb, tmp_path / "passphrase.txt"):
        result = locker(
            "import",
            vault_file,
            bad,
            passphrase_file=passphrase_file,
            env={"TMPDIR": str(private_tmp)},
        )
        assert result.returncode == 5, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    as_json = locker("verify-bundle", evil, "--json")
    assert as_json.returncode == 5
    assert (
        json.loads(as_json.stdout)["ok"] is False
        and "escapes" in json.loads(as_json.stdout)["error"]
    )
    out = tmp_path / "opened"
    result = locker("open-bundle", evil, "--out", out)
    assert result.returncode == 5 and not out.exists()
    assert set(os.listdir(tmp_path)) == files_before
    assert os.listdir(private_tmp) == []
    from app.vault import Vault
    from tests.conftest import PASSPHRASE

    with Vault.open(vault_file, PASSPHRASE) as again:
        assert _state(again) == before


def test_open_bundle_refuses_a_used_folder(good_bundle, tmp_path):
    path, _ = good_bundle
    target = tmp_path / "used"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    from app.errors import UsageError

    with pytest.raises(UsageError):
        open_bundle(path, target)
    report, written = open_bundle(path, tmp_path / "fresh")
    assert report.ok and all(p.is_file() for p in written)


def test_hostile_bundles_keep_memory_bounded(tmp_path):
    """Rejections happen before anything big is read or built: a zip bomb, a directory of
    20,001 entries and a JSON bomb stay well under 300 MB in the real CLI."""
    from tests.bundle.tools import locker_rss

    bomb = zip_bomb(tmp_path / "bomb.zip", 512 * 1024 * 1024)
    many = write_zip(tmp_path / "many.zip", [(f"data/{n}", b"") for n in range(20_001)])
    for path in (bomb, many):
        done, rss = locker_rss("verify-bundle", path)
        assert done.returncode == 5 and "Traceback" not in done.stderr, done.stderr
        assert rss < 300 * 1024, (path.name, rss)


def test_json_bomb_is_refused(good_bundle, tmp_path):
    path, sender = good_bundle
    members = read_members(path)
    members["data/bundle.json"] = b"[" + b",".join(b"[%d]" % n for n in range(600_000)) + b"]"
    forged = write_zip(
        tmp_path / "jsonbomb.zip", resign(members, sender.signing_key()), key=sender.signing_key()
    )
    with pytest.raises(BundleRejected, match="nested"):
        verify_bundle(forged)
    members["data/bundle.json"] = b"[" * 100_000
    forged = write_zip(
        tmp_path / "deep.zip", resign(members, sender.signing_key()), key=sender.signing_key()
    )
    with pytest.raises(BundleRejected):
        verify_bundle(forged)


def test_sealed_bundle_larger_than_the_budget_is_refused(good_bundle, make_vault, tmp_path):
    from app.bundle.safezip import Limits
    from app.vault.identity import age_recipient_of

    _path, sender = good_bundle
    receiver = make_vault("receiver")
    sealed = tmp_path / "sealed.age"
    export_bundle(
        sender,
        sealed,
        select_items(sender, case="사건 1"),
        Sealing(recipients=(age_recipient_of(receiver.age_identity()),)),
    )
    before = _state(receiver)
    with pytest.raises(BundleRejected, match="more than a bundle may hold"):
        import_bundle(receiver, sealed, limits=Limits(max_total_bytes=10_000, max_members=10))
    assert _state(receiver) == before


def test_unpacked_folder_verifies_and_changes_are_caught(good_bundle, make_vault, tmp_path):
    path, _ = good_bundle
    folder = tmp_path / "opened"
    open_bundle(path, folder)
    assert locker("verify-bundle", folder).returncode == 0
    original = next(folder.glob("data/exhibits/E-001/original/*"))
    data = original.read_bytes()
    original.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    changed = locker("verify-bundle", folder)
    assert changed.returncode == 4 and "does not match the manifest" in changed.stdout
    original.write_bytes(data)
    (folder / "data" / "extra.txt").write_text("smuggled")
    assert locker("verify-bundle", folder).returncode == 5
    (folder / "data" / "extra.txt").unlink()
    (folder / "data" / "link").symlink_to("/etc/passwd")
    linked = locker("verify-bundle", folder)
    assert linked.returncode == 5 and "symbolic link" in linked.stderr
    (folder / "data" / "link").unlink()
    receiver = make_vault("from-folder")
    result = import_bundle(receiver, folder)
    assert len(result.items) == 2 and verify_vault_ok(receiver)


def verify_vault_ok(vault) -> bool:
    from app.vault.verify import verify_vault

    return verify_vault(vault).ok
