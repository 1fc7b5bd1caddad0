"""Issue 11 §1 and §2: what one bundle may claim about other evidence and about earlier
holders. Built from real exported bundles; the forger holds only their own key."""

from __future__ import annotations

import json
import uuid

import pytest

from app.bundle import claims
from app.bundle.errors import BundleRejected
from app.bundle.export import export_bundle, select_items
from app.bundle.holders import UnverifiedHolders
from app.bundle.importer import import_bundle
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.errors import EXIT_REJECTED
from app.vault.models import NewArtifact, NewItem
from app.vault.verify import verify_vault
from tests.bundle.conftest import fill_vault
from tests.bundle.craft import read_members, resign, write_zip
from tests.helpers.cli import locker


def _add_with_uid(vault, monkeypatch, uid: str, data: bytes, case: str = "M"):
    real = uuid.uuid4
    calls = iter([uuid.UUID(uid)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(calls, None) or real())
    try:
        return vault.add_item(
            NewItem("file", case, "forged"), [NewArtifact("original", "x.txt", data, "text/plain")]
        )
    finally:
        monkeypatch.setattr(uuid, "uuid4", real)


def _drop_exhibit(members: dict[str, bytes], uid: str) -> dict[str, bytes]:
    """M's real bundle, with the exhibit for ``uid`` taken out (its chain entries stay)."""
    bundle = json.loads(members["data/bundle.json"])
    gone = [e for e in bundle["exhibits"] if e["uid"] == uid]
    assert len(gone) == 1
    bundle["exhibits"] = [e for e in bundle["exhibits"] if e["uid"] != uid]
    if isinstance(bundle.get("events"), dict):
        bundle["events"].pop(uid, None)
    members = {
        n: d for n, d in members.items() if not n.startswith(f"data/exhibits/{gone[0]['exhibit']}/")
    }
    members["data/bundle.json"] = json.dumps(bundle, ensure_ascii=False).encode()
    return members


def test_bundle_cannot_poison_evidence_received_earlier(make_vault, tmp_path, monkeypatch):
    s, r, m = make_vault("s"), make_vault("r"), make_vault("m")
    fill_vault(s, count=1)
    export_bundle(s, tmp_path / "s.zip", select_items(s, case="사건 1"), Sealing())
    received = import_bundle(r, tmp_path / "s.zip")
    target = received.items[0]["uid"]
    assert verify_vault(r).ok

    # M makes an item with the same uid and other bytes, exports it with another item,
    # then takes that exhibit out and signs again with M's own key.
    _add_with_uid(m, monkeypatch, target, b"M says this item had other bytes")
    m.add_item(
        NewItem("file", "M", "carrier"),
        [NewArtifact("original", "y.txt", b"carrier", "text/plain")],
    )
    export_bundle(m, tmp_path / "m.zip", select_items(m, case="M"), Sealing())
    key = m.signing_key()
    crafted = write_zip(
        tmp_path / "poison.zip",
        resign(_drop_exhibit(read_members(tmp_path / "m.zip"), target), key),
        key=key,
    )

    with pytest.raises(BundleRejected, match="does not carry"):
        verify_bundle(crafted)
    with pytest.raises(BundleRejected, match="does not carry"):
        import_bundle(r, crafted)
    assert verify_vault(r).ok
    cli = locker("verify-bundle", crafted)
    assert cli.returncode == EXIT_REJECTED and "does not carry" in cli.stderr

    # A vault that imported such a bundle before this check: its received file is still
    # checked only against the chain of the bundle that brought it.
    monkeypatch.setattr(claims, "reject_foreign", lambda *a: None)
    import_bundle(r, crafted)
    report = verify_vault(r)
    assert report.ok, report.text()
    check = next(c for c in report.checks if c.name == "received evidence")
    assert any("did not bring, is ignored" in n for n in check.notes)


def _forge_earlier_holder(a, m, r, tmp_path, monkeypatch):
    """A -> M (real), then M passes it on with A's chain swapped for the chain of a vault
    R that M made (same item uid and bytes, captured a year earlier), without any bundle
    signed by R. Returns (honest M bundle, forged M bundle, uid)."""
    from app.bundle.chains import entry_line, local_chain
    from app.bundle.checks import check_chains
    from app.bundle.layout import chain_path

    fill_vault(a, count=1)
    export_bundle(a, tmp_path / "a.zip", select_items(a, case="사건 1"), Sealing())
    got = import_bundle(m, tmp_path / "a.zip")
    uid = got.items[0]["uid"]
    item = m.get_item(got.items[0]["id"])
    arts = []
    for art in item.artifacts:
        with m.open_artifact_by_id(art.id) as fh:
            arts.append(NewArtifact(art.role, art.name, fh.read(), art.media_type))
    real = uuid.uuid4
    calls = iter([uuid.UUID(uid)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(calls, None) or real())
    r.add_item(
        NewItem(
            item.kind,
            "R",
            item.title,
            source_url=item.source_url,
            captured_at="2025-01-01T00:00:00Z",
            metadata=item.metadata,
        ),
        arts,
    )
    monkeypatch.setattr(uuid, "uuid4", real)

    honest = tmp_path / "m.zip"
    export_bundle(m, honest, select_items(m, case=got.case), Sealing())
    members = read_members(honest)
    bundle = json.loads(members["data/bundle.json"])
    r_chain = local_chain(r, {uid})
    _, checked = check_chains({r.vault_id: r_chain})
    c = checked[r.vault_id]
    members = {
        n: d for n, d in members.items() if n != chain_path(a.vault_id) and "/provenance/" not in n
    }
    members[chain_path(r.vault_id)] = b"".join(entry_line(e) for e in r_chain)
    bundle["chains"] = [ch for ch in bundle["chains"] if ch["vault_id"] != a.vault_id] + [
        {
            "vault_id": r.vault_id,
            "fingerprint": c.fingerprint,
            "path": chain_path(r.vault_id),
            "entries": c.entries,
            "head": c.head,
            "head_seq": c.head_seq,
            "role": "earlier holder",
        }
    ]
    bundle["earlier_bundles"] = []
    back_dated = r.get_item(1).captured_at
    for name in [
        n for n in members if n.startswith("data/exhibits/") and n.endswith("/metadata.json")
    ]:
        meta = json.loads(members[name])
        meta["captured_at"] = back_dated
        members[name] = json.dumps(meta, ensure_ascii=False).encode()
    for ex in bundle["exhibits"]:
        ex["captured_at"] = back_dated
    members["data/bundle.json"] = json.dumps(bundle, ensure_ascii=False).encode()
    key = m.signing_key()
    forged = write_zip(tmp_path / "forged.zip", resign(members, key), key=key)
    return honest, forged, uid


def test_forged_earlier_holder_is_unverified(make_vault, tmp_path, monkeypatch):
    a, m, r, c = make_vault("a"), make_vault("m"), make_vault("r"), make_vault("c")
    honest, forged, uid = _forge_earlier_holder(a, m, r, tmp_path, monkeypatch)
    from app.vault.identity import fingerprint_of

    fp_a = fingerprint_of(a.signing_key().public_key())
    fp_r = fingerprint_of(r.signing_key().public_key())

    # The honest bundle: A is proven by A's own signed manifests, carried on.
    good = verify_bundle(honest)
    assert good.ok, good.text()
    holders = next(ch for ch in good.checks if ch.name == "earlier holders")
    assert holders.ok and "1 of 1" in holders.detail and fp_a in holders.notes[0]

    # The forged one: R is named as the earlier holder, the capture a year older.
    report = verify_bundle(forged)
    assert not report.ok
    failed = {ch.name for ch in report.checks if not ch.ok}
    assert failed == {"earlier holders"}, report.text()
    assert [u["fingerprint"] for u in report.unverified_holders] == [fp_r]
    assert "UNVERIFIED earlier holder " + fp_r in report.text()
    cli = locker("verify-bundle", forged)
    assert cli.returncode == 4 and "UNVERIFIED" in cli.stdout
    accepted = locker("verify-bundle", forged, "--accept-unverified-holders")
    assert accepted.returncode == 0, accepted.stdout
    assert "accepted by the person" in accepted.stdout
    assert "UNVERIFIED earlier holder " + fp_r in accepted.stdout

    with pytest.raises(UnverifiedHolders, match="is UNVERIFIED") as refused:
        import_bundle(c, forged)
    assert refused.value.exit_code == 4 and c.list_items() == []
    pf = _pf(tmp_path)
    d = tmp_path / "d.locker"
    assert locker("init", d, passphrase_file=pf).returncode == 0
    refused_cli = locker("import", d, forged, passphrase_file=pf)
    assert refused_cli.returncode == 4 and "--accept-unverified-holders" in refused_cli.stderr
    taken = locker("import", d, forged, "--accept-unverified-holders", passphrase_file=pf)
    assert taken.returncode == 0 and "UNVERIFIED earlier holder " + fp_r in taken.stdout
    result = import_bundle(c, forged, accept_unverified_holders=True)
    from app.bundle.received import received_details

    details = received_details(c, uid)
    assert details is not None
    assert [u["fingerprint"] for u in details["unverified_holders"]] == [fp_r]
    flags = {e["vault_id"]: e["holder_verified"] for e in details["sender_history"]}
    assert flags[r.vault_id] is False and flags[m.vault_id] is True
    shown = locker("show", c.path, str(result.items[0]["id"]), passphrase_file=_pf(tmp_path))
    assert "UNVERIFIED" in shown.stdout, shown.stdout + shown.stderr
    assert verify_vault(c).ok
    # Passed on again: the custody report says so.
    export_bundle(c, tmp_path / "c.zip", select_items(c, case=result.case), Sealing())
    html = read_members(tmp_path / "c.zip")["data/report/custody-report.html"]
    assert "earlier holder, UNVERIFIED" in html.decode()


def _pf(tmp_path):
    from tests.conftest import PASSPHRASE

    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path
