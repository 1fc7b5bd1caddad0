"""Numbered schema migrations. ``PRAGMA user_version`` holds the schema version.

Each step runs in its own transaction. Never edit a released step: add a new one.
Other packages (timestamps, bundles, takedowns) add their steps by number through
app/vault/registry.py (filled by app.extensions.register(), which the entry points call at
start and the registry itself calls on first use), so one ordered list exists;
tests/vault/test_migrations.py checks every step.
"""

from __future__ import annotations

from collections.abc import Callable

from app.vault import registry
from app.vault.registry import Connection, Step

# Tables holding evidence or history are append-only: these triggers refuse any UPDATE
# or DELETE. `verify` checks that every one of them (core and registered) is still present.
APPEND_ONLY_TABLES = ("custody", "items", "artifacts", "chunks", "annotations", "cases")


def append_only_triggers(*tables: str) -> str:
    """The SQL of the no-update and no-delete triggers of each table. Existing vaults hold
    this text in sqlite_master: never change it (a new guard is a new step)."""
    return "".join(
        f"""
CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, 'append-only: {table} rows cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, 'append-only: {table} rows cannot be deleted'); END;
"""
        for table in tables
    )


def append_only_tables(version: int | None = None) -> list[str]:
    """Every append-only table, the core's and the registered packages', made by the
    schema steps up to ``version`` (default: all)."""
    pairs = [(1, APPEND_ONLY_TABLES), *registry.append_only()]
    return [t for step, tables in pairs if version is None or step <= version for t in tables]


def required_triggers(version: int | None = None) -> list[str]:
    """The guards a vault at schema ``version`` (default: latest) must hold."""
    return [
        f"{t}_{what}" for t in append_only_tables(version) for what in ("no_update", "no_delete")
    ]


STEP_1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE identity (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    signing_key  BLOB NOT NULL,      -- Ed25519 private key, raw 32 bytes
    age_identity TEXT NOT NULL,      -- age X25519 secret key (AGE-SECRET-KEY-1...)
    created_at   TEXT NOT NULL
);
CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    origin      TEXT NOT NULL DEFAULT 'local',   -- 'local' or 'received'
    read_only   INTEGER NOT NULL DEFAULT 0,
    source_json TEXT NOT NULL DEFAULT '{}'       -- for received cases: sender, bundle id
);
CREATE TABLE items (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,          -- stable across vaults (bundles keep it)
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    kind          TEXT NOT NULL,                 -- file, web, screenshot, download, ...
    title         TEXT NOT NULL DEFAULT '',
    source_url    TEXT,
    captured_at   TEXT NOT NULL,                 -- RFC 3339 UTC, when the evidence was taken
    created_at    TEXT NOT NULL,                 -- RFC 3339 UTC, when stored in this vault
    metadata_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX items_case ON items(case_id);
CREATE TABLE artifacts (                          -- original evidence bytes, bit-exact
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED,
    role        TEXT NOT NULL,                   -- original, page.png, page.mhtml, ...
    name        TEXT NOT NULL,                   -- file name as received (display only)
    media_type  TEXT NOT NULL DEFAULT 'application/octet-stream',
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    chunk_count INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (item_id, role)
);
CREATE INDEX artifacts_item ON artifacts(item_id);
CREATE TABLE chunks (
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id) DEFERRABLE INITIALLY DEFERRED,
    seq         INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (artifact_id, seq)
) WITHOUT ROWID;
CREATE TABLE derived (                            -- made by the app, never evidence
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    artifact_id INTEGER REFERENCES artifacts(id),
    kind        TEXT NOT NULL,                   -- thumbnail.blurred, text, ...
    media_type  TEXT,
    data        BLOB,                            -- NULL when unavailable
    note        TEXT NOT NULL DEFAULT '',        -- e.g. why a preview is unavailable
    created_at  TEXT NOT NULL,
    UNIQUE (item_id, kind)
);
CREATE TABLE annotations (                        -- notes and tags, append-only
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES items(id),
    kind       TEXT NOT NULL,                    -- note, tag, untag
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    custody_seq INTEGER NOT NULL
);
CREATE INDEX annotations_item ON annotations(item_id);
CREATE TABLE item_state (                         -- current archive state; history is in custody
    item_id    INTEGER PRIMARY KEY REFERENCES items(id),
    archived   INTEGER NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL
);
CREATE TABLE custody (                            -- append-only hash chain of every event
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    app_version  TEXT NOT NULL,
    event        TEXT NOT NULL,
    item_uid     TEXT,
    payload      TEXT NOT NULL,                  -- canonical JSON (see custody.py)
    payload_hash TEXT NOT NULL,                  -- SHA-256(payload)
    prev_hash    TEXT NOT NULL,
    entry_hash   TEXT NOT NULL UNIQUE            -- SHA-256(prev_hash || payload_hash)
);
CREATE INDEX custody_item ON custody(item_uid);
CREATE TABLE unlocks (                            -- successful unlocks in the app
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    app_version TEXT NOT NULL
);
""" + append_only_triggers(*APPEND_ONLY_TABLES)


def run_script(sql: str) -> Callable[[Connection], None]:
    """A step that runs an SQL script, statement by statement."""

    def apply(conn: Connection) -> None:
        for statement in _split_sql(sql):
            conn.execute(statement)

    return apply


def _split_sql(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (BEGIN ... END;) whole."""
    statements: list[str] = []
    current: list[str] = []
    in_trigger = False
    for line in sql.splitlines():
        stripped = line.split("--", 1)[0].strip()
        if not stripped and not current:
            continue
        current.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if in_trigger:
            if upper.endswith("END;"):
                statements.append("\n".join(current))
                current, in_trigger = [], False
        elif stripped.endswith(";"):
            statements.append("\n".join(current))
            current = []
    if "".join(current).strip():
        statements.append("\n".join(current))
    return statements


# The core's own steps (version, description, apply); see registry.Step.
STEPS: list[Step] = [
    (1, "core: cases, items, artifacts, derived, custody chain, identity", run_script(STEP_1)),
]


def all_steps() -> list[Step]:
    """The core's steps and the registered extensions' steps, in order."""
    return sorted(STEPS + registry.steps(), key=lambda s: s[0])


def latest_version() -> int:
    return all_steps()[-1][0]


def migrate(conn: Connection, target: int | None = None) -> int:
    """Bring the schema up to ``target`` (default: latest). Returns the new version."""
    steps = all_steps()
    latest = steps[-1][0]
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    goal = latest if target is None else target
    if current > latest:
        from app.errors import NotAVault

        raise NotAVault(
            "This vault was written by a newer version of Evidence Locker; update the app."
        )
    for version, _desc, apply in steps:
        if current < version <= goal:
            conn.execute("BEGIN IMMEDIATE")
            try:
                apply(conn)
                conn.execute(f"PRAGMA user_version = {int(version)}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            current = version
    return current
