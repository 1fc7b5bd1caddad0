"""Crash injection: `locker add`, `passwd`, `backup` and `init` are killed with SIGKILL at
random moments. Afterwards every item the child reported as saved is present with the
same SHA-256, no item is partial, and the vault opens and verifies.

Guards: one BEGIN IMMEDIATE transaction per item with WAL + synchronous=FULL (store.add_item),
printing an item only after it committed (vault_cmds.cmd_add), and the build-then-link /
verify-then-replace steps of init, backup and passphrase change.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from app.errors import WrongPassphrase
from app.vault import Vault
from app.vault.kdf import derive_key
from app.vault.verify import verify_vault
from tests.adversarial.killer import locker_cmd, run_and_kill
from tests.adversarial.util import synthetic_png
from tests.conftest import PASSPHRASE

TRIALS_PER_VAULT = 10


def _inputs(folder: Path) -> dict[str, str]:
    """Files to import: small texts, images (thumbnails run in the transaction) and one
    file spanning two 1 MiB chunks. Returns name -> sha256."""
    folder.mkdir()
    files: dict[str, bytes] = {}
    for i in range(8):
        files[f"msg-{i:02d}.txt"] = f"message {i} ".encode() * (50 + 300 * i)
    files["shot-a.png"] = synthetic_png(seed=1)
    files["shot-b.png"] = synthetic_png(96, 64, seed=2)
    files["clip.bin"] = hashlib.shake_256(b"clip").digest(1024 * 1024 + 4321)
    files["zz-last.txt"] = b"the last one"
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def _key_for(path: Path, passphrase: str = PASSPHRASE) -> bytes:
    with open(path, "rb") as fh:
        return derive_key(passphrase, fh.read(16))


def assert_vault_whole(vault: Vault) -> None:
    """Verify passes, no item lacks artifacts or its item_added event."""
    report = verify_vault(vault)
    assert report.ok, report.text()
    conn = vault.read()
    bare = conn.execute(
        "SELECT count(*) FROM items WHERE id NOT IN (SELECT item_id FROM artifacts)"
    ).fetchone()[0]
    assert bare == 0, f"{bare} items have no stored bytes"
    unlogged = conn.execute(  # received items carry their sender's chain instead
        "SELECT count(*) FROM items i JOIN cases c ON c.id = i.case_id WHERE c.origin = 'local'"
        " AND i.uid NOT IN (SELECT item_uid FROM custody WHERE event = 'item_added')"
    ).fetchone()[0]
    assert unlogged == 0, f"{unlogged} items have no item_added event"


def test_kill_during_add_loses_nothing_reported(
    tmp_path: Path, passphrase_file: Path, soak: bool
) -> None:
    shas = _inputs(tmp_path / "in")
    trials = 400 if soak else 50
    rng = random.Random(7100)
    seed_note = "seed 7100"
    vault_path = None
    key = b""
    reported: dict[int, str] = {}
    first_line = full_run = 0.0
    killed_mid_run = 0
    for trial in range(trials):
        if trial % TRIALS_PER_VAULT == 0:
            vault_path = tmp_path / f"v{trial}.locker"
            Vault.create(vault_path, PASSPHRASE).close()
            key = _key_for(vault_path)
            reported = {}
        assert vault_path is not None
        cmd = locker_cmd(
            "add",
            vault_path,
            tmp_path / "in",
            "--case",
            "Crash",
            "--passphrase-file",
            passphrase_file,
        )
        if trial == 0:  # one full run to learn when the imports happen
            result = run_and_kill(cmd, after_seconds=600)
            assert result.returncode == 0, result.stderr
            assert len(result.lines) == len(shas), result.lines
            first_line, full_run = result.times[0], result.times[-1]
        elif trial % 4 == 1:  # anywhere, start-up included
            result = run_and_kill(cmd, after_seconds=rng.uniform(0.0, full_run * 1.1))
        elif trial % 2:  # while items are being written
            result = run_and_kill(cmd, after_seconds=rng.uniform(first_line * 0.8, full_run))
        else:  # just after the child reported an item
            result = run_and_kill(
                cmd, after_lines=rng.randrange(1, len(shas)), extra_delay=rng.uniform(0.0, 0.03)
            )
        if result.killed and 0 < len(result.lines) < len(shas):
            killed_mid_run += 1
        assert "Traceback" not in result.stderr, result.stderr
        for line in result.lines:
            item_id, sha, path = line.split("\t", 2)
            assert item_id.isdigit(), f"{seed_note} trial {trial}: odd line {line!r}"
            assert sha == shas[Path(path).name], f"{seed_note} trial {trial}: {line!r}"
            reported[int(item_id)] = sha
        with Vault.open(vault_path, key=key) as vault:
            for number, sha in reported.items():
                item = vault.get_item(number)  # raises NotFound if lost
                assert item.sha256 == sha, f"{seed_note} trial {trial}: item {number} changed"
                assert item.title in shas and shas[item.title] == sha
            assert_vault_whole(vault)
    # The randomness must really have hit the middle of imports, not only before/after.
    assert killed_mid_run >= trials // 5, f"only {killed_mid_run} kills landed mid-import"


def _open_with_either(path: Path, passphrases: list[str]) -> tuple[Vault, str]:
    for phrase in passphrases:
        try:
            return Vault.open(path, phrase), phrase
        except WrongPassphrase:
            continue
    raise AssertionError(f"{path} opens with none of the passphrases: locked out")


def test_kill_during_passphrase_change_never_locks_out(tmp_path: Path, soak: bool) -> None:
    path = tmp_path / "v.locker"
    phrases = [PASSPHRASE, "second passphrase", "third one"]
    files = {}
    with Vault.create(path, PASSPHRASE) as vault:
        for i in range(4):
            data = f"evidence {i}".encode() * 100
            files[f"e{i}"] = data
            vault.add_file(_write(tmp_path / f"e{i}.txt", data))
    shas = {hashlib.sha256(d).hexdigest() for d in files.values()}
    rng = random.Random(7200)
    current = PASSPHRASE
    trials = 40 if soak else 8
    for trial in range(trials):
        new = rng.choice([p for p in phrases if p != current])
        old_file = _write(tmp_path / "old.txt", current.encode())
        new_file = _write(tmp_path / "new.txt", new.encode())
        cmd = locker_cmd(
            "passwd", path, "--passphrase-file", old_file, "--new-passphrase-file", new_file
        )
        result = run_and_kill(cmd, after_seconds=rng.uniform(0.0, 1.5))
        assert "Traceback" not in result.stderr, result.stderr
        vault, current = _open_with_either(path, [current, new])
        with vault:
            assert {i.sha256 for i in vault.list_items(archived=None)} == shas, f"trial {trial}"
            assert_vault_whole(vault)
        if not result.killed:
            assert result.returncode == 0 and current == new, (trial, result.stderr)


def test_kill_during_backup_leaves_no_unverified_backup(
    tmp_path: Path, passphrase_file: Path, soak: bool
) -> None:
    path = tmp_path / "v.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        vault.add_file(_write(tmp_path / "e.bin", hashlib.shake_256(b"e").digest(600_000)))
    key = _key_for(path)
    rng = random.Random(7300)
    for trial in range(30 if soak else 8):
        dest = tmp_path / f"backup-{trial}.locker"
        result = run_and_kill(
            locker_cmd("backup", path, dest, "--passphrase-file", passphrase_file),
            after_seconds=rng.uniform(0.0, 1.2),
        )
        assert "Traceback" not in result.stderr, result.stderr
        if dest.exists():  # a backup only appears under its name once verified
            with Vault.open(dest, key=key) as copy:
                assert_vault_whole(copy)
                assert copy.count_items() == 1
        else:
            assert result.killed, result.stderr
        with Vault.open(path, key=key) as vault:
            assert_vault_whole(vault)


def test_kill_during_init_never_leaves_a_half_vault(
    tmp_path: Path, passphrase_file: Path, soak: bool
) -> None:
    rng = random.Random(7400)
    for trial in range(30 if soak else 8):
        path = tmp_path / f"new-{trial}.locker"
        result = run_and_kill(
            locker_cmd("init", path, "--passphrase-file", passphrase_file),
            after_seconds=rng.uniform(0.0, 1.0),
        )
        assert "Traceback" not in result.stderr, result.stderr
        if path.exists():
            with Vault.open(path, PASSPHRASE) as vault:
                assert_vault_whole(vault)
                assert vault.vault_id
        else:
            assert result.killed, result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


_CHILD_WITHOUT_CHECKPOINT = """
import hashlib, os, sys
from pathlib import Path
from app.vault import Vault
from app.vault.models import NewArtifact, NewItem
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
vault.read().execute("PRAGMA wal_autocheckpoint = 0")
for i in range(5):
    data = hashlib.shake_256(bytes([i])).digest(300_000)
    vault.add_item(NewItem("file", "Crash", f"f{i}"), [NewArtifact("original", f"f{i}", data)])
    print(hashlib.sha256(data).hexdigest(), flush=True)
os._exit(0)  # dies like a SIGKILL: no close, no checkpoint
"""


def test_vault_killed_mid_checkpoint_still_opens(tmp_path: Path) -> None:
    """Regression (found by the kill loop): a process killed while checkpointing leaves a
    main file that is consistent only together with its -wal. Opening used to read the
    main file alone and called the passphrase wrong, locking the person out."""
    import shutil
    import subprocess
    import sys

    from app.vault import db
    from tests.helpers.cli import ROOT

    path = tmp_path / "v.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        vault.add_file(_write(tmp_path / "first.txt", b"first"))
    old_size = path.stat().st_size
    child = subprocess.run(
        [sys.executable, "-c", _CHILD_WITHOUT_CHECKPOINT, str(path), PASSPHRASE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    committed = child.stdout.split()
    assert len(committed) == 5 and Path(f"{path}-wal").stat().st_size > 0
    # What a finished checkpoint would write, cut where the kill stopped it: every page
    # below the old end of file is new, the file was not yet extended.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    for side in ("", "-wal", "-shm"):
        shutil.copyfile(f"{path}{side}", scratch / f"v.locker{side}")
    key = _key_for(path)
    conn = db.connect(scratch / "v.locker", key, db.read_salt(path))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    path.write_bytes((scratch / "v.locker").read_bytes()[:old_size])
    before = (path.read_bytes(), Path(f"{path}-wal").read_bytes())

    with pytest.raises(WrongPassphrase):
        Vault.open(path, "not the passphrase")
    assert (path.read_bytes(), Path(f"{path}-wal").read_bytes()) == before, "a failed open wrote"

    with Vault.open(path, PASSPHRASE) as vault:
        assert {i.sha256 for i in vault.list_items(case="Crash")} == set(committed)
        assert_vault_whole(vault)
