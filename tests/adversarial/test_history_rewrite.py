"""A key holder rewrites history: swaps the bytes of a stored original, fixes its
SHA-256, rewrites the custody log and recomputes the whole hash chain, and puts the
append-only guards back. Every vault-internal check can be made to agree again, so only
the RFC 3161 tokens stamped before the rewrite can expose it, and they must.

Guards: app.timestamp.vault_checks (each Merkle leaf re-derived from the custody entry's
*current* hash), on top of the chain and artifact checks in app.vault.verify.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from app.vault import Vault, custody, db, schema
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE
from tests.helpers.tsa import LocalTSA


def _rewrite_history(path: Path, key: bytes, salt: bytes, item_uid: str, forged: bytes) -> None:
    """What an attacker holding the key can do with any SQLCipher client."""
    conn = db.connect(path, key, salt)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for name in schema.required_triggers():
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        (art_id,) = conn.execute(
            "SELECT a.id FROM artifacts a JOIN items i ON i.id = a.item_id"
            " WHERE i.uid = ? AND a.role = 'original'",
            (item_uid,),
        ).fetchone()
        conn.execute(
            "UPDATE chunks SET data = ? WHERE artifact_id = ? AND seq = 0", (forged, art_id)
        )
        new_sha = hashlib.sha256(forged).hexdigest()
        conn.execute(
            "UPDATE artifacts SET sha256 = ?, size = ? WHERE id = ?", (new_sha, len(forged), art_id)
        )
        prev = custody.GENESIS_PREV
        for seq, payload in conn.execute(
            "SELECT seq, payload FROM custody ORDER BY seq"
        ).fetchall():
            data = json.loads(payload)
            if data["event"] == "item_added" and data["item"] == item_uid:
                for art in data["data"]["artifacts"]:
                    if art["role"] == "original":
                        art["sha256"], art["size"] = new_sha, len(forged)
            text = custody.canonical_json(data)
            p_hash = custody.payload_hash(text)
            e_hash = custody.entry_hash(prev, p_hash)
            conn.execute(
                "UPDATE custody SET payload = ?, payload_hash = ?, prev_hash = ?,"
                " entry_hash = ? WHERE seq = ?",
                (text, p_hash, prev, e_hash, seq),
            )
            prev = e_hash
        conn.execute("COMMIT")
        # the guards go back, as if never touched
        conn.executescript(schema.append_only_triggers(*schema.append_only_tables()))
    finally:
        conn.close()


def test_rewritten_history_is_exposed_by_earlier_tokens(tmp_path: Path) -> None:
    from app.timestamp.config import tsa_from_args
    from app.timestamp.service import pending_count, stamp_pending

    tsa = LocalTSA(tmp_path / "tsa")
    try:
        path = tmp_path / "v.locker"
        original = b"the threatening message, as received" * 10
        with Vault.create(path, PASSPHRASE) as vault:
            (tmp_path / "msg.txt").write_bytes(original)
            item = vault.add_file(tmp_path / "msg.txt")
            vault.add_note(item.id, "reported to the platform")
            report = stamp_pending(vault, [tsa_from_args(tsa.url, [tsa.ca_pem], name="Local")])
            assert report.ok and pending_count(vault) == 0
            key, salt = vault.key_material
            uid = item.uid
            assert verify_vault(vault).ok

        forged = b"a harmless message, nothing to see here" * 9
        _rewrite_history(path, key, salt, uid, forged)

        with Vault.open(path, key=key) as vault:
            with vault.open_artifact(uid) as reader:
                assert reader.read() == forged  # the forgery is in place
            full = verify_vault(vault)
            by_name = {c.name: c for c in full.checks}
            # The attacker made every internal check agree again ...
            assert by_name["custody chain"].ok and by_name["evidence files"].ok, full.text()
            # ... but the tokens stamped before the rewrite do not.
            assert not full.ok, "a rewritten history verified OK despite earlier timestamps"
            failing = [c for c in full.checks if not c.ok]
            assert any(p for c in failing for p in c.problems), full.text()
    finally:
        tsa.stop()
