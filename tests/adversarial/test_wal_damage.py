"""Issue 11 §4 and issue 10 §8: a leftover -wal after a crash.

Real crashed vaults: `locker add` of 30 files is SIGKILLed right after it reported all 30
saved (they are in the -wal, not yet in the main file). Then one bit of the -wal is
flipped. SQLite would silently drop every committed frame after the flip; the product
must instead keep a copy of the log, open read-only, say what happened, refuse writes,
fail verify, and `locker recover` must bring back everything intact into a new vault.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from app.vault import kdf, page_format, walcheck
from tests.adversarial.killer import locker_cmd, run_and_kill
from tests.helpers.cli import locker

FILES = 30
FRAME_HEADER = 24  # page number, commit size, salt (8 bytes), checksum (8 bytes)
SUFFIXES = ("", "-wal", "-shm")


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A vault killed after `add` reported FILES items saved; returns it and uid->sha."""
    from tests.conftest import PASSPHRASE

    base = tmp_path_factory.mktemp("crashed")
    pf = base / "pass.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    vault = base / "v.locker"
    assert locker("init", vault, passphrase_file=pf).returncode == 0
    src = base / "in"
    src.mkdir()
    for i in range(FILES):
        (src / f"f{i:02d}.txt").write_bytes(hashlib.sha256(b"%d" % i).digest() * (40 + i))
    run = run_and_kill(locker_cmd("add", vault, src, "--passphrase-file", pf), after_lines=FILES)
    assert run.killed, "the child finished before it could be killed"
    reported = dict(line.split("\t")[:2] for line in run.lines)
    assert len(reported) == FILES
    wal = Path(f"{vault}-wal")
    report = walcheck.analyse(wal)
    assert report is not None and report.header_ok and not report.would_drop
    assert report.page_size == page_format.FORMATS[kdf.CURRENT_VERSION].page_size
    assert sum(1 for f in report.frames if f.commit) >= FILES  # saved items are in the log
    return vault, reported


def _copy(vault: Path, dest: Path) -> Path:
    dest.mkdir()
    for s in SUFFIXES:
        shutil.copyfile(f"{vault}{s}", f"{dest / vault.name}{s}")
    return dest / vault.name


def _state(vault: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for s in SUFFIXES:
        p = Path(f"{vault}{s}")
        out[s] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    return out


def _flip(vault: Path, where: str) -> None:
    wal = Path(f"{vault}-wal")
    report = walcheck.analyse(wal)
    assert report is not None
    frame = FRAME_HEADER + report.page_size  # the vault's real page size (16 KiB: format 2)
    data = bytearray(wal.read_bytes())
    frames = (len(data) - 32) // frame
    assert frames == len(report.frames) and (len(data) - 32) % frame == 0
    offset = {
        "page bytes of a middle frame": 32 + (frames // 3) * frame + 24 + 1000,
        "salt of a middle frame": 32 + (frames // 2) * frame + 9,
        "checksum of a middle frame": 32 + (frames // 2) * frame + 17,
        "page bytes of the last frame": 32 + (frames - 1) * frame + 24 + 77,
        "salt in the log header": 17,
    }[where]
    in_frame = (offset - 32) % (FRAME_HEADER + report.page_size)
    if where.startswith(("salt of", "checksum of")):
        assert in_frame < FRAME_HEADER, f"{where}: offset {offset} is not in a frame header"
    elif where.startswith("page bytes"):
        assert in_frame >= FRAME_HEADER, f"{where}: offset {offset} is not in page data"
    data[offset] ^= 0x10
    wal.write_bytes(bytes(data))


def _items(vault: Path, pf: Path) -> tuple[list[dict[str, str]], str]:
    out = locker("list", vault, "--json", passphrase_file=pf)
    assert out.returncode == 0, out.stderr  # never locked out
    return json.loads(out.stdout), out.stderr


@pytest.mark.parametrize(
    "where",
    [
        "page bytes of a middle frame",
        "salt of a middle frame",
        "checksum of a middle frame",
        "page bytes of the last frame",
        "salt in the log header",
    ],
)
def test_flipped_bit_in_leftover_wal_is_caught_and_recovered(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path, passphrase_file: Path, where: str
) -> None:
    vault = _copy(crashed[0], tmp_path / "v")
    reported = crashed[1]
    _flip(vault, where)
    before = _state(vault)

    items, warning = _items(vault, passphrase_file)
    assert len(items) < FILES  # what SQLite alone would show: saved items missing ...
    assert "opened read-only" in warning and "locker recover" in warning  # ... but said
    assert warning.count("write-ahead log left by") == 1  # once, not once per layer
    kept = list(vault.parent.glob("v.locker-wal.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == Path(f"{vault}-wal").read_bytes()

    added = locker("note", vault, "1", "x", passphrase_file=passphrase_file)
    assert added.returncode != 0 and "Nothing can be written" in added.stderr
    assert added.stderr.count("write-ahead log left by") == 1
    verify = locker("verify", vault, passphrase_file=passphrase_file)
    assert verify.returncode == 4 and "write-ahead log" in verify.stdout
    assert (verify.stdout + verify.stderr).count("WARNING: The vault was opened read-only") == 1
    as_json = locker("verify", vault, "--json", passphrase_file=passphrase_file)
    assert json.loads(as_json.stdout)["damaged_log"]["lost_commits"] >= 1
    assert _state(vault) == before  # nothing was written: not the vault, -wal or -shm

    new = tmp_path / "recovered.locker"
    rec = locker("recover", vault, "--out", new, "--json", passphrase_file=passphrase_file)
    assert rec.returncode == 0, rec.stderr
    got, _ = _items(new, passphrase_file)
    got_shas = {i["sha256"] for i in got}
    lost = set(reported.values()) - got_shas
    if where == "page bytes of the last frame":
        # Its page is gone; everything committed before it is back.
        assert len(lost) <= 1
    else:
        assert not lost, f"recover lost {len(lost)} items"
    checked = locker("verify", new, passphrase_file=passphrase_file)
    assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr
    log = json.loads(locker("log", new, "--json", passphrase_file=passphrase_file).stdout)
    assert [e["event"] for e in log][-2:] == ["vault_recovered", "vault_verified"]
    assert _state(vault) == before  # recover only read the damaged vault
    again = locker("recover", vault, "--out", new, passphrase_file=passphrase_file)
    assert again.returncode == 2  # never over an existing file


def test_extract_from_a_read_only_vault_is_refused_before_writing(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path, passphrase_file: Path
) -> None:
    """Extracting is a custody event the damaged vault cannot record: nothing is written
    (it used to write the file and then fail), and the message names `locker recover`."""
    vault = _copy(crashed[0], tmp_path / "v")
    _flip(vault, "page bytes of a middle frame")
    out = tmp_path / "out"
    done = locker("extract", vault, "1", "--out", out, passphrase_file=passphrase_file)
    assert done.returncode != 0 and "Nothing can be written" in done.stderr
    assert "locker recover" in done.stderr
    assert not out.exists() or not list(out.iterdir())


def test_undamaged_leftover_wal_opens_normally(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path, passphrase_file: Path
) -> None:
    vault = _copy(crashed[0], tmp_path / "v")
    items, warning = _items(vault, passphrase_file)
    assert len(items) == FILES and "WARNING" not in warning
    assert locker("verify", vault, passphrase_file=passphrase_file).returncode == 0


def test_deleted_wal_is_flagged_as_a_rollback(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path, passphrase_file: Path
) -> None:
    """Deleting the -wal loses the same items; the head seen before flags it."""
    vault = _copy(crashed[0], tmp_path / "v")
    assert len(_items(vault, passphrase_file)[0]) == FILES  # seen here, with the log
    shutil.copyfile(crashed[0], vault)
    for s in ("-wal", "-shm"):
        Path(f"{vault}{s}").unlink(missing_ok=True)
    items, warning = _items(vault, passphrase_file)
    assert len(items) < FILES
    assert "custody events are missing" in warning


def test_wrong_passphrase_on_crashed_vault_writes_nothing(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Issue 10 §8: the read-only retry with the -wal used to rewrite the -shm."""
    vault = _copy(crashed[0], tmp_path / "v")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    before = _state(vault)
    out = locker("list", vault, passphrase_file=wrong)
    assert out.returncode == 3
    assert _state(vault) == before


def test_live_log_of_a_vault_open_elsewhere_is_not_treated_as_leftover(
    tmp_path: Path, passphrase_file: Path
) -> None:
    """SQLite's read lock on the -shm tells a live log (another program has the vault
    open) from one a crash left behind; only the latter is checked."""
    import subprocess
    import sys

    from tests.helpers.cli import ROOT

    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from app.vault import Vault; "
            "from tests.conftest import PASSPHRASE; v = Vault.open(sys.argv[1], PASSPHRASE); "
            "v.list_items(); print('open', flush=True); time.sleep(60)",
            str(vault),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert walcheck.in_use_elsewhere(vault)
    finally:
        holder.kill()
        holder.wait()
    assert not walcheck.in_use_elsewhere(vault)  # the lock died with the process


def test_check_agrees_with_sqlite_on_random_flips(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path, soak: bool
) -> None:
    """For seeded random bit flips anywhere in the log: the check flags the log exactly
    when SQLite's own replay (read-only, as it would open) shows fewer items; so it never
    passes a loss silently and never raises a false alarm."""
    import random

    from app.vault import db
    from app.vault.kdf import derive_key
    from tests.conftest import PASSPHRASE

    salt = db.read_salt(crashed[0])
    key = derive_key(PASSPHRASE, salt)
    size = Path(f"{crashed[0]}-wal").stat().st_size
    rng = random.Random(1104)
    for trial in range(200 if soak else 40):
        vault = _copy(crashed[0], tmp_path / f"t{trial}")
        wal = Path(f"{vault}-wal")
        data = bytearray(wal.read_bytes())
        pos = rng.randrange(size)
        data[pos] ^= 1 << rng.randrange(8)
        wal.write_bytes(bytes(data))
        conn = db.connect_readonly(vault, key, salt)
        try:
            seen = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        except db.DatabaseError:
            seen = -1  # a damaged page SQLite did replay: not silent, reading fails
        finally:
            conn.close()
        flagged = walcheck.check(vault) is not None
        if seen >= 0:
            assert flagged == (seen < FILES), f"byte {pos}: {seen} items seen, flagged={flagged}"


def test_crash_then_deleted_wal_is_flagged(tmp_path: Path, passphrase_file: Path) -> None:
    """Issue 11 §4: deleting the -wal a crash left loses the items `add` reported saved;
    the head this computer saw during that session flags it on the next open."""
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    src = tmp_path / "in"
    src.mkdir()
    for i in range(FILES):
        (src / f"f{i:02d}.txt").write_bytes(b"saved %d" % i)
    run = run_and_kill(
        locker_cmd("add", vault, src, "--passphrase-file", passphrase_file), after_lines=5
    )
    assert run.killed and len(run.lines) >= 5  # killed mid-run: the -wal was left
    for s in ("-wal", "-shm"):
        Path(f"{vault}{s}").unlink()
    items, warning = _items(vault, passphrase_file)
    assert len(items) < len(run.lines)  # items reported saved are gone ...
    assert "custody events are missing" in warning  # ... and that is said


def test_recovery_is_a_fork_not_a_rollback(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path, passphrase_file: Path
) -> None:
    """After `locker recover`, the intact copy from before the damage (same vault id, more
    items) and the damaged vault itself are the other branch of a fork: not flagged as
    put back from an older copy. A real rollback of the recovered vault still is."""
    intact = _copy(crashed[0], tmp_path / "pre")  # e.g. a copy on a stick from before
    vault = _copy(crashed[0], tmp_path / "v")
    _flip(vault, "page bytes of the last frame")
    assert len(_items(vault, passphrase_file)[0]) < FILES
    new = tmp_path / "recovered.locker"
    rec = locker("recover", vault, "--out", new, passphrase_file=passphrase_file)
    assert rec.returncode == 0, rec.stderr

    items, warning = _items(intact, passphrase_file)
    assert len(items) == FILES and "WARNING" not in warning
    _, warning = _items(vault, passphrase_file)
    assert "opened read-only" in warning and "older copy" not in warning
    assert "WARNING" not in _items(new, passphrase_file)[1]

    old_copy = tmp_path / "recovered-old.locker"
    shutil.copyfile(new, old_copy)
    (tmp_path / "more.txt").write_bytes(b"after the recovery")
    assert (
        locker("add", new, tmp_path / "more.txt", passphrase_file=passphrase_file).returncode == 0
    )
    assert "WARNING" not in _items(intact, passphrase_file)[1]  # the fork is still known
    shutil.copyfile(old_copy, new)
    assert "custody events are missing" in _items(new, passphrase_file)[1]


def test_recover_names_what_it_could_not_bring_back(
    crashed: tuple[Path, dict[str, str]], tmp_path: Path, passphrase_file: Path
) -> None:
    """The damaged last frame holds the last saved item: recover says how many saved
    changes and custody events it left out, and names the lost item by title and SHA-256
    (read from the intact frames of the damaged log)."""
    vault = _copy(crashed[0], tmp_path / "v")
    reported = crashed[1]
    _flip(vault, "page bytes of the last frame")
    new = tmp_path / "recovered.locker"
    rec = locker("recover", vault, "--out", new, "--json", passphrase_file=passphrase_file)
    assert rec.returncode == 0, rec.stderr
    lost_report = json.loads(rec.stdout)["lost"]
    got = {i["sha256"] for i in _items(new, passphrase_file)[0]}
    lost = {sha for sha in reported.values() if sha not in got}
    assert lost  # this damage does lose the last item ...
    assert lost_report["commits"] >= len(lost)  # ... and says so
    assert {i["sha256"] for i in lost_report["items"]} == lost
    assert all(i["title"] and i["uid"] for i in lost_report["items"])
    assert lost_report["custody_events"] >= len(lost)

    text = locker(
        "recover", vault, "--out", tmp_path / "again.locker", passphrase_file=passphrase_file
    )
    assert text.returncode == 0, text.stderr
    assert "NOT recovered" in text.stdout
    for item in lost_report["items"]:
        assert item["sha256"] in text.stdout and item["title"] in text.stdout
