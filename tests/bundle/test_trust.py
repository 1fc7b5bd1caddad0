"""Issue 11 §1 and §2: what one bundle may claim about other evidence and about earlier
holders. Built from real exported bundles; the forger holds only their own key."""

from __future__ import annotations

import json
import uuid

import pytest

from app.bundle import claims
from app.bundle.errors import BundleRejected
from app.bundle.export import export_bundle, select_items
from app.bundle.importer import import_bundle
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.errors import EXIT_REJECTED
from app.vault import store as store_mod
from app.vault.models import NewArtifact, NewItem
from app.vault.verify import verify_vault
from tests.bundle.conftest import fill_vault
from tests.bundle.craft import read_members, resign, write_zip
from tests.helpers.cli import locker


def _add_with_uid(vault, monkeypatch, uid: str, data: bytes, case: str = "M"):
    real = uuid.uuid4
    calls = iter([uuid.UUID(uid)])
    monkeypatch.setattr(store_mod.uuid, "uuid4", lambda: next(calls, None) or real())
    try:
        return vault.add_item(NewItem("file", case, "forged"),
                              [NewArtifact("original", "x.txt", data, "text/plain")])
    finally:
        monkeypatch.setattr(store_mod.uuid, "uuid4", real)


def _drop_exhibit(members: dict[str, bytes], uid: str) -> dict[str, bytes]:
    """M's real bundle, with the exhibit for ``uid`` taken out (its chain entries stay)."""
    bundle = json.loads(members["data/bundle.json"])
    gone = [e for e in bundle["exhibits"] if e["uid"] == uid]
    assert len(gone) == 1
    bundle["exhibits"] = [e for e in bundle["exhibits"] if e["uid"] != uid]
    if isinstance(bundle.get("events"), dict):
        bundle["events"].pop(uid, None)
    members = {n: d for n, d in members.items()
               if not n.startswith(f"data/exhibits/{gone[0]['exhibit']}/")}
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
    m.add_item(NewItem("file", "M", "carrier"),
               [NewArtifact("original", "y.txt", b"carrier", "text/plain")])
    export_bundle(m, tmp_path / "m.zip", select_items(m, case="M"), Sealing())
    key = m.signing_key()
    crafted = write_zip(tmp_path / "poison.zip",
                        resign(_drop_exhibit(read_members(tmp_path / "m.zip"), target), key),
                        key=key)

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
