"""The storage shape of the ``chunks`` table: a rowid table with a UNIQUE (artifact_id, seq)
index, not the ``WITHOUT ROWID`` table schema step 1 made.

A ``WITHOUT ROWID`` table keeps each whole row, 1 MiB blob included, as the key of an index
b-tree: SQLite reads a key that spills to overflow pages in full to compare it, so every
insert and every lookup decrypted and MAC-checked neighbouring megabytes (docs/performance.md).
In a rowid table the blob sits in the table b-tree and the index holds two integers.

Columns, names, triggers and every query stay the same, so either shape works with all of
the app (and older versions of it read a converted vault). Converting is one transaction
(the copy is checked row for row before the old table is dropped) and needs free room for
a second copy of the chunks plus its write-ahead log: when that room is missing the vault
keeps the old shape, works as before, and is converted at a later open.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from app.vault import db, schema

Connection = Any

CREATE = """
CREATE TABLE chunks_rowid (
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id) DEFERRABLE INITIALLY DEFERRED,
    seq         INTEGER NOT NULL,
    data        BLOB NOT NULL
)"""
# Room needed besides the chunks themselves: the new copy, its WAL frames and slack.
MARGIN = 64 * 1024 * 1024


def is_old_layout(conn: Connection) -> bool:
    row = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chunks'"
    ).fetchone()
    return row is not None and "WITHOUT ROWID" in str(row[0]).upper()


def room_needed(conn: Connection) -> int:
    """Bytes of free disk a conversion needs: the copy, its WAL frames, a margin."""
    return 2 * _stored_bytes(conn) + MARGIN


def _stored_bytes(conn: Connection) -> int:
    # artifacts.size is what the chunks hold (verify checks it); reading it avoids a pass
    # over every chunk.
    return int(conn.execute("SELECT coalesce(sum(size), 0) FROM artifacts").fetchone()[0])


def upgrade(conn: Connection, path: Path) -> bool:
    """Convert an old-shape ``chunks`` table; True when converted. Never partial: on any
    failure (or too little room) the transaction rolls back and the old table stays."""
    if not is_old_layout(conn):
        return False
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return False
    if free < room_needed(conn):
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not is_old_layout(conn):  # another process converted it meanwhile
            conn.execute("ROLLBACK")
            return False
        conn.execute(CREATE)
        conn.execute("CREATE UNIQUE INDEX chunks_key ON chunks_rowid (artifact_id, seq)")
        conn.execute(
            "INSERT INTO chunks_rowid (artifact_id, seq, data)"
            " SELECT artifact_id, seq, data FROM chunks ORDER BY artifact_id, seq"
        )
        # The copy must hold exactly the same rows before the original goes.
        old = conn.execute("SELECT count(*), coalesce(sum(length(data)), 0) FROM chunks").fetchone()
        new = conn.execute(
            "SELECT count(*), coalesce(sum(length(data)), 0) FROM chunks_rowid"
        ).fetchone()
        differ = conn.execute(
            "SELECT count(*) FROM chunks o LEFT JOIN chunks_rowid n"
            " ON n.artifact_id = o.artifact_id AND n.seq = o.seq"
            " WHERE n.data IS NULL OR n.data != o.data"
        ).fetchone()[0]
        if tuple(old) != tuple(new) or differ:
            raise RuntimeError("the converted chunks differ from the originals")
        conn.execute("DROP TABLE chunks")  # drops its append-only triggers with it
        conn.execute("ALTER TABLE chunks_rowid RENAME TO chunks")  # the index follows
        for statement in schema._split_sql(schema.append_only_triggers("chunks")):
            conn.execute(statement)
        conn.execute("COMMIT")
    except (db.DatabaseError, RuntimeError):
        # A full disk meanwhile, or a copy that does not match: the old table is kept and
        # still works; this open goes on, and `verify` reports any damage.
        conn.execute("ROLLBACK")
        return False
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True
