"""Schema step 2: RFC 3161 tokens, Merkle leaves and the per-TSA retry state.

The queue is implicit: a custody entry is pending for a TSA while no leaf ties it to a
token from that TSA, so the queue survives restarts and crashes without extra state.
Tokens and leaves are append-only; ``ts_attempts`` is the only mutable table here.
"""

from __future__ import annotations

from app.vault import schema
from app.vault.registry import Step

APPEND_ONLY_TABLES = ("ts_tokens", "ts_leaves")

STEP_2 = """
CREATE TABLE ts_tokens (
    id           INTEGER PRIMARY KEY,
    tsa_url      TEXT NOT NULL,
    tsa_name     TEXT NOT NULL,                 -- configured name of the TSA
    signer_name  TEXT NOT NULL DEFAULT '',      -- TSA name / signer subject in the token
    requested_at TEXT NOT NULL,                 -- RFC 3339 UTC, local clock
    received_at  TEXT NOT NULL,                 -- RFC 3339 UTC, local clock
    gen_time     TEXT NOT NULL,                 -- RFC 3339 UTC, the TSA's genTime
    serial       TEXT NOT NULL,                 -- token serial number (decimal)
    policy       TEXT NOT NULL,                 -- policy OID
    hash_alg     TEXT NOT NULL,                 -- sha256 / sha384 / sha512
    nonce        TEXT,                          -- decimal, as sent in the request
    imprint      TEXT NOT NULL,                 -- hex message imprint (= Merkle root)
    root         TEXT NOT NULL,                 -- hex Merkle root the token covers
    tree_size    INTEGER NOT NULL,
    first_seq    INTEGER NOT NULL,              -- custody seqs covered by this batch
    last_seq     INTEGER NOT NULL,
    trust_pem    TEXT NOT NULL DEFAULT '',      -- trust anchors used when it was stamped
    response     BLOB NOT NULL                  -- TimeStampResp bytes exactly as received
);
CREATE INDEX ts_tokens_url ON ts_tokens(tsa_url);
CREATE TABLE ts_leaves (
    custody_seq  INTEGER NOT NULL REFERENCES custody(seq),
    token_id     INTEGER NOT NULL REFERENCES ts_tokens(id),
    leaf_index   INTEGER NOT NULL,
    audit_path   TEXT NOT NULL,                 -- JSON list of hex sibling hashes
    PRIMARY KEY (custody_seq, token_id)
);
CREATE INDEX ts_leaves_token ON ts_leaves(token_id, leaf_index);
CREATE TABLE ts_attempts (                      -- retry state per TSA (mutable)
    tsa_url         TEXT PRIMARY KEY,
    tsa_name        TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0, -- all attempts ever
    failures        INTEGER NOT NULL DEFAULT 0, -- consecutive failures (drives backoff)
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    last_error_at   TEXT,
    next_retry_at   TEXT                        -- RFC 3339 UTC; NULL = try any time
);
""" + schema.append_only_triggers(*APPEND_ONLY_TABLES)

# Registered by app.extensions.
STEPS: list[Step] = [
    (2, "timestamps: RFC 3161 tokens, Merkle leaves, TSA retry state", schema.run_script(STEP_2)),
]
