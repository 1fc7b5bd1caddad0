"""Schema step 3: bundles received into this vault and the senders' custody chains.

``received_custody`` keeps every chain entry a bundle carried (undisclosed entries as bare
hashes), per bundle and per originating vault, so received evidence stays verifiable
against the sender's chain and can be passed on with it.
"""

from __future__ import annotations

from app.vault import schema
from app.vault.registry import Step

APPEND_ONLY_TABLES = (
    "received_bundles",
    "received_custody",
    "received_items",
    "received_tokens",
    "bundle_provenance",
)

STEP_3 = """
CREATE TABLE received_bundles (
    id                 INTEGER PRIMARY KEY,
    bundle_id          TEXT NOT NULL UNIQUE,
    tagmanifest_sha256 TEXT NOT NULL UNIQUE,
    case_id            INTEGER NOT NULL REFERENCES cases(id),
    sender_vault_id    TEXT NOT NULL,
    sender_fingerprint TEXT NOT NULL,
    sender_public_key  TEXT NOT NULL,
    exported_at        TEXT NOT NULL,
    imported_at        TEXT NOT NULL,
    bundle_json        TEXT NOT NULL,
    custody_seq        INTEGER NOT NULL
);
CREATE TABLE received_custody (
    bundle_id    TEXT NOT NULL REFERENCES received_bundles(bundle_id),
    vault_id     TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    payload_hash TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    entry_hash   TEXT NOT NULL,
    payload      TEXT,
    PRIMARY KEY (bundle_id, vault_id, seq)
);
CREATE TABLE received_items (
    item_uid     TEXT NOT NULL,
    bundle_id    TEXT NOT NULL REFERENCES received_bundles(bundle_id),
    exhibit      TEXT NOT NULL,
    origin_vault TEXT NOT NULL,
    PRIMARY KEY (item_uid, bundle_id)
);
CREATE TABLE bundle_provenance (                 -- signed manifests of earlier transfers
    origin_bundle_id TEXT NOT NULL,
    name             TEXT NOT NULL,              -- tagmanifest, manifest, signature, signer_pem
    data             BLOB NOT NULL,
    PRIMARY KEY (origin_bundle_id, name)
);
CREATE TABLE received_tokens (
    bundle_id  TEXT NOT NULL REFERENCES received_bundles(bundle_id),
    item_uid   TEXT NOT NULL,
    name       TEXT NOT NULL,
    data       BLOB NOT NULL,
    PRIMARY KEY (bundle_id, item_uid, name)
);
""" + schema.append_only_triggers(*APPEND_ONLY_TABLES)

# Registered by app.extensions.
STEPS: list[Step] = [
    (3, "bundles: received bundles, senders' custody chains and tokens", schema.run_script(STEP_3)),
]
