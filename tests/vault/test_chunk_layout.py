"""The reader and `verify` agree on every stored byte (issue 10 §6).

An item is written with plain SQL INSERTs into a real SQLCipher vault (the append-only
triggers allow inserts, so none is bypassed), with an SHA-256, size, chunk count and
custody entry that all match its chunks end to end, but with a chunk layout the reader
would not return whole. Today `verify` passes such a vault and `extract` writes a
shorter file with exit 0; both must refuse it.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import pytest

from app.errors import EXIT_REJECTED, EXIT_VERIFY, CorruptVault
from app.vault import Vault, items
from app.vault.artifact_io import CHUNK_SIZE
from app.vault.events import Event
from app.vault.models import utc_now
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import locker

MiB = CHUNK_SIZE

LAYOUTS = {
    # (seq, length) of each stored chunk
    "short middle chunk": [(0, MiB), (1, MiB // 2), (2, 700_000)],
    "short first chunk": [(0, 10), (1, MiB)],
    "overlong chunk": [(0, MiB + 10), (1, 5000)],
    "empty chunk at the end": [(0, MiB), (1, 0)],
    "empty middle chunk": [(0, MiB), (1, 0), (2, 10)],
    "indexes from 1": [(1, MiB), (2, 10)],
    "gap in indexes": [(0, MiB), (2, 10)],
    "single empty chunk": [(0, 0)],
}


def forge_item(vault: Vault, layout: list[tuple[int, int]]) -> tuple[int, bytes]:
    """Insert an item whose artifact has this chunk layout; returns (item id, all bytes)."""
    chunks = [(seq, os.urandom(length)) for seq, length in layout]
    data = b"".join(c for _, c in chunks)
    sha = hashlib.sha256(data).hexdigest()
    uid = str(uuid.uuid4())
    now = utc_now()
    with vault.write() as conn:
        case_id = items.case_id(conn, "General")
        item_id = int(
            conn.execute(
                "INSERT INTO items (uid, case_id, kind, title, source_url, captured_at, created_at,"
                " metadata_json) VALUES (?, ?, 'file', 'clip.mp4', NULL, ?, ?, '{}')",
                (uid, case_id, now, now),
            ).lastrowid
        )
        art_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM artifacts").fetchone()[0])
        for seq, chunk in chunks:
            conn.execute(
                "INSERT INTO chunks (artifact_id, seq, data) VALUES (?, ?, ?)", (art_id, seq, chunk)
            )
        conn.execute(
            "INSERT INTO artifacts (id, item_id, role, name, media_type, size, sha256,"
            " chunk_count, created_at) VALUES (?, ?, 'original', 'clip.mp4', 'video/mp4',"
            " ?, ?, ?, ?)",
            (art_id, item_id, len(data), sha, len(chunks), now),
        )
        conn.execute(
            "INSERT INTO item_state (item_id, archived, reason, changed_at) VALUES (?, 0, '', ?)",
            (item_id, now),
        )
        vault.append_event(
            conn,
            Event.ITEM_ADDED,
            uid,
            {
                "case": "General",
                "kind": "file",
                "title": "clip.mp4",
                "source_url": None,
                "captured_at": now,
                "artifacts": [
                    {
                        "role": "original",
                        "name": "clip.mp4",
                        "sha256": sha,
                        "size": len(data),
                        "media_type": "video/mp4",
                    }
                ],
            },
        )
    return item_id, data


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=list(LAYOUTS))
def test_verify_and_reader_refuse_layouts_the_reader_cannot_return_whole(
    vault: Vault, layout: list[tuple[int, int]]
) -> None:
    item_id, _data = forge_item(vault, layout)
    report = verify_vault(vault)
    assert not report.ok
    failed = [c for c in report.checks if not c.ok]
    assert [c.name for c in failed] == ["evidence files"], report.text()
    assert any(f"item {item_id} original" in p for p in failed[0].problems), failed[0].problems
    with pytest.raises(CorruptVault, match="damaged"), vault.open_artifact(item_id) as reader:
        reader.read()


def test_whole_layouts_verify_and_read_back(vault: Vault, tmp_path: Path) -> None:
    """The check is not too strict: what add writes (any size) verifies and reads whole."""
    for size in (0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB):
        (tmp_path / "f.bin").write_bytes(data := os.urandom(size))
        item = vault.add_file(tmp_path / "f.bin")
        with vault.open_artifact(item.id) as reader:
            assert reader.read() == data
            reader.seek(max(0, size - 3))
            assert reader.read() == data[-3:] if size >= 3 else True
    # and a forged item with the normal layout passes too
    forge_item(vault, [(0, MiB), (1, MiB), (2, 123)])
    assert verify_vault(vault).ok, verify_vault(vault).text()


def test_cli_verify_and_extract_refuse_a_short_middle_chunk(
    tmp_path: Path, passphrase_file: Path
) -> None:
    path = tmp_path / "v.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        item_id, _ = forge_item(vault, LAYOUTS["short middle chunk"])
    verified = locker("verify", path, passphrase_file=passphrase_file)
    assert verified.returncode == EXIT_VERIFY, verified.stdout + verified.stderr
    assert "laid out wrongly" in verified.stdout
    out = tmp_path / "out"
    extracted = locker("extract", path, str(item_id), "--out", out, passphrase_file=passphrase_file)
    assert extracted.returncode == EXIT_REJECTED, extracted.stderr
    assert "damaged" in extracted.stderr and "Traceback" not in extracted.stderr
    assert not out.exists() or not any(out.iterdir())
