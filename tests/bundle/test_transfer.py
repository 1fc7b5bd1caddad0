"""Import into a second vault: same SHA-256s, the chain verifies, received events exist;
export from there and import into a third: the chain shows both transfers. Importing the
same bundle twice is detected; received evidence is read-only."""

from __future__ import annotations

import json

import pytest

from app.bundle.errors import AlreadyImported
from app.bundle.export import export_bundle, select_items
from app.bundle.importer import import_bundle
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.errors import ReadOnlyCase
from app.vault.identity import age_recipient_of, fingerprint_of
from app.vault.verify import verify_vault
from tests.bundle.conftest import fill_vault, stamp


def _fp(vault):
    return fingerprint_of(vault.signing_key().public_key())


def test_two_transfers_keep_the_chain(make_vault, tsa_configured, tmp_path):
    a, b, c = make_vault("a"), make_vault("b"), make_vault("c")
    originals = fill_vault(a)
    a.add_note(originals[0].id, "메모: 게시자 계정 확인")
    stamp(a, tsa_configured)
    ab = tmp_path / "a-to-b.age"
    export_bundle(
        a,
        ab,
        select_items(a, case="사건 1"),
        Sealing(recipients=(age_recipient_of(b.age_identity()),)),
        reason="for counsel (변호사 전달)",
    )

    first = import_bundle(b, ab)
    assert first.sender_fingerprint == _fp(a)
    received = b.list_items(case=first.case)
    assert sorted(i.sha256 for i in received) == sorted(i.sha256 for i in originals)
    assert {i.uid for i in received} == {i.uid for i in originals}
    assert all(i.read_only for i in received)
    report = verify_vault(b)
    assert report.ok, report.text()
    assert any(ch.name == "received evidence" and ch.ok for ch in report.checks)
    events = [e.event for e in b.custody_log()]
    assert events.count("received") == 2 and "bundle_imported" in events
    got = b.get_item(received[0].id)
    with b.open_artifact(got.id) as fh, a.open_artifact(got.uid) as orig:
        assert fh.read() == orig.read()
    with pytest.raises(ReadOnlyCase):
        b.add_note(got.id, "not allowed")
    with pytest.raises(ReadOnlyCase):
        b.archive(got.id, "no")
    with pytest.raises(AlreadyImported):
        import_bundle(b, ab)

    # B passes the received evidence on to C: the chain shows both transfers.
    stamp(b, tsa_configured)
    bc = tmp_path / "b-to-c.zip"
    export_bundle(b, bc, select_items(b, case=first.case), Sealing())
    onward = verify_bundle(bc)
    assert onward.ok, onward.text()
    assert onward.transfers[0]["reason"] == "for counsel (변호사 전달)"
    earlier = next(ch for ch in onward.checks if ch.name == "earlier transfers")
    assert earlier.ok and "1 earlier transfer" in earlier.detail
    assert any(_fp(a) in note for note in earlier.notes)  # A's own signature travels along
    holders = [(t["event"], t["holder"]) for t in onward.transfers]
    assert holders == [
        ("bundle_exported", _fp(a)),
        ("bundle_imported", _fp(b)),
        ("bundle_exported", _fp(b)),
    ]
    second = import_bundle(c, bc)
    assert second.sender_fingerprint == _fp(b)
    in_c = c.list_items(case=second.case)
    assert sorted(i.sha256 for i in in_c) == sorted(i.sha256 for i in originals)
    report = verify_vault(c)
    assert report.ok, report.text()
    # C keeps both earlier chains; A's note event and item_added are disclosed, the other
    # case's item is not.
    chains = {
        vid: [
            json.loads(p)
            for (p,) in c.read().execute(
                "SELECT payload FROM received_custody WHERE vault_id = ? AND payload IS NOT NULL ORDER BY seq",
                (vid,),
            )
        ]
        for (vid,) in c.read().execute("SELECT DISTINCT vault_id FROM received_custody")
    }
    assert set(chains) == {a.vault_id, b.vault_id}
    a_events = [p["event"] for p in chains[a.vault_id]]
    assert "note_added" in a_events and a_events.count("item_added") == 2
    assert all(p["data"].get("title") != "unrelated secret" for p in chains[a.vault_id])
    b_events = [p["event"] for p in chains[b.vault_id]]
    assert b_events.count("received") == 2 and "bundle_imported" in b_events
    received_check = next(ch for ch in report.checks if ch.name == "received evidence")
    assert " 0 received token" not in received_check.detail  # the senders' tokens re-verified
    from app.bundle.received import received_details

    details = received_details(c, originals[0].uid)
    assert details is not None and details["bundles"][0]["sender_fingerprint"] == _fp(b)
    history = [e["event"] for e in details["sender_history"]]
    assert history[0] == "item_added" and "note_added" in history and "received" in history
    assert history.count("bundle_exported") == 2 and "bundle_imported" in history
    c_events = [e for e in c.custody_log() if e.event == "received"]
    assert {e.payload["data"]["from"] for e in c_events} == {_fp(b)}
    assert {e.payload["data"]["origin_vault_id"] for e in c_events} == {a.vault_id}


def test_received_check_catches_a_forged_sender_chain(make_vault, tmp_path):
    a, b = make_vault("a"), make_vault("b")
    fill_vault(a, count=1)
    bundle = tmp_path / "x.zip"
    export_bundle(a, bundle, select_items(a, case="사건 1"), Sealing())
    import_bundle(b, bundle)
    conn = b.read()
    # The append-only trigger stops edits; a forger with the key could drop it first.
    conn.execute("DROP TRIGGER received_custody_no_update")
    conn.execute(
        "UPDATE received_custody SET payload = replace(payload, 'screenshot', 'file')"
        " WHERE payload LIKE '%item_added%'"
    )
    report = verify_vault(b)
    assert not report.ok
    failed = {ch.name for ch in report.checks if not ch.ok}
    assert "received evidence" in failed


def test_updated_bundle_links_exhibits_already_held(make_vault, tmp_path):
    a, b = make_vault("a"), make_vault("b")
    first_items = fill_vault(a, count=1)
    export_bundle(a, tmp_path / "1.zip", select_items(a, case="사건 1"), Sealing())
    first = import_bundle(b, tmp_path / "1.zip")
    from app.vault.models import NewArtifact, NewItem

    a.add_item(
        NewItem("file", "사건 1", "second capture"),
        [NewArtifact("original", "two.txt", b"second piece of evidence", "text/plain")],
    )
    progress: list[tuple[int, int]] = []
    export_bundle(a, tmp_path / "2.zip", select_items(a, case="사건 1"), Sealing())
    second = import_bundle(b, tmp_path / "2.zip", progress=lambda d, t: progress.append((d, t)))
    held = [i for i in second.items if i.get("already_held")]
    assert [i["uid"] for i in held] == [first_items[0].uid] and held[0]["case"] == first.case
    assert [i.title for i in b.list_items(case=second.case)] == ["second capture"]
    assert progress and progress[-1][0] == progress[-1][1]
    assert verify_vault(b).ok
    assert [e.event for e in b.custody_log(first_items[0].uid)].count("received_again") == 1
    with pytest.raises(AlreadyImported, match="already"):
        import_bundle(b, tmp_path / "1.zip")


def test_same_bundle_imported_twice_at_once_is_one_clear_refusal(make_vault, tmp_path, monkeypatch):
    """Two imports of one bundle at the same time (two locker commands, or the app and a
    command): the second used to end in 'unexpected error (IntegrityError ...)'."""
    from app.bundle import importer
    from app.vault import Vault
    from tests.conftest import PASSPHRASE

    a, b = make_vault("a"), make_vault("b")
    fill_vault(a, count=1)
    export_bundle(a, tmp_path / "1.zip", select_items(a, case="사건 1"), Sealing())
    real = importer._refuse_duplicates
    raced: list[object] = []

    def other_program_imports_meanwhile(vault, vb):  # type: ignore[no-untyped-def]
        held = real(vault, vb)
        if vault is b and not raced:
            raced.append(None)
            raced[0] = import_bundle(other, tmp_path / "1.zip")
        return held

    other = Vault.open(b.path, PASSPHRASE)
    try:
        monkeypatch.setattr(importer, "_refuse_duplicates", other_program_imports_meanwhile)
        with pytest.raises(AlreadyImported, match="already imported"):
            import_bundle(b, tmp_path / "1.zip")
    finally:
        other.close()
    assert raced and len(b.list_items()) == 1
    assert [c.name for c in b.list_cases()].count(raced[0].case) == 1  # type: ignore[attr-defined]
    assert verify_vault(b).ok


def test_cancelled_export_and_import_leave_nothing(make_vault, tmp_path):
    from app.errors import LockerError

    a, b = make_vault("a"), make_vault("b")
    fill_vault(a)
    out = tmp_path / "cancelled.zip"
    with pytest.raises(LockerError, match="cancelled"):
        export_bundle(a, out, select_items(a, case="사건 1"), Sealing(), cancelled=lambda: True)
    assert not out.exists() and not list(tmp_path.glob(".cancelled.zip.*"))
    assert [e.event for e in a.custody_log()][-1] == "bundle_export_failed"
    export_bundle(a, out, select_items(a, case="사건 1"), Sealing())
    calls = []
    with pytest.raises(LockerError, match="Cancelled"):
        import_bundle(b, out, progress=lambda d, t: calls.append(d), cancelled=lambda: bool(calls))
    assert not [c for c in b.list_cases() if c.origin == "received"]
    assert import_bundle(b, out).items


def test_forged_earlier_signature_is_caught(make_vault, tmp_path):
    a, b = make_vault("a"), make_vault("b")
    fill_vault(a, count=1)
    export_bundle(a, tmp_path / "ab.zip", select_items(a, case="사건 1"), Sealing())
    received = import_bundle(b, tmp_path / "ab.zip")
    conn = b.read()
    conn.execute("DROP TRIGGER bundle_provenance_no_update")
    conn.execute("UPDATE bundle_provenance SET data = zeroblob(64) WHERE name = 'signature'")
    export_bundle(b, tmp_path / "bc.zip", select_items(b, case=received.case), Sealing())
    report = verify_bundle(tmp_path / "bc.zip")
    failed = {ch.name: ch for ch in report.checks if not ch.ok}
    assert set(failed) == {"earlier transfers", "earlier holders"}  # A is no longer proven
    assert "signature invalid" in failed["earlier transfers"].problems[0]
    assert "UNVERIFIED" in failed["earlier holders"].problems[0]


def test_archived_exhibit_stays_archived_on_import(make_vault, tmp_path):
    """An exhibit the sender archived is marked in verify-bundle's listing and shown
    archived in the recipient's vault (item_state + a custody event saying why)."""
    a, b = make_vault("a"), make_vault("b")
    items = fill_vault(a, count=2)
    a.archive(items[1].id, "duplicate")
    out = tmp_path / "a.zip"
    export_bundle(a, out, select_items(a, case="사건 1", include_archived=True), Sealing())
    report = verify_bundle(out)
    marked = {e["uid"]: e["archived"] for e in report.exhibits}
    assert marked == {items[0].uid: False, items[1].uid: True}
    listed = [line for line in report.text().splitlines() if "[ARCHIVED by the sender]" in line]
    assert len(listed) == 1 and items[1].title in listed[0]

    got = import_bundle(b, out)
    shown = {i.uid: i.archived for i in b.list_items(case=got.case, archived=None)}
    assert shown == {items[0].uid: False, items[1].uid: True}
    log = b.custody_log(items[1].uid)
    assert [e.event for e in log][-2:] == ["received", "item_archived"]
    assert log[-1].payload["data"]["reason"] == "archived by the sender"
    assert verify_vault(b).ok
