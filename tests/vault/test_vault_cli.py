"""The foundation's acceptance points, through the real `locker` command."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import EXIT_AUTH, EXIT_NOT_FOUND, EXIT_REJECTED, EXIT_USAGE
from tests.helpers.cli import locker


def sha256_file(path: Path) -> str:
    return subprocess.run(
        ["sha256sum", str(path)], capture_output=True, text=True, check=True
    ).stdout.split()[0]


def test_version_and_help_document_exit_codes() -> None:
    out = locker("--version")
    assert out.returncode == 0 and out.stdout.startswith("locker ")
    help_text = locker("--help").stdout
    for line in ("3  wrong passphrase", "4  verification failed", "5  input rejected"):
        assert line in help_text


def test_round_trip_arbitrary_files(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    src = tmp_path / "src"
    src.mkdir()
    files = {
        "empty.bin": b"",
        "text.txt": "증거 evidence\r\n".encode(),
        "random.bin": os.urandom(3 * 1024 * 1024 + 17),  # several chunks, odd size
        "exactly-one-chunk.bin": os.urandom(1024 * 1024),
        "photo.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    out = locker(
        "add", vault, *sorted(src.iterdir()), "--case", "사건 1", passphrase_file=passphrase_file
    )
    assert out.returncode == 0, out.stderr
    reported = [line.split("\t") for line in out.stdout.splitlines()]
    assert len(reported) == len(files)

    listed = json.loads(locker("list", vault, "--json", passphrase_file=passphrase_file).stdout)
    by_title = {entry["title"]: entry for entry in listed}
    for name in files:
        entry = by_title[name]
        assert entry["sha256"] == sha256_file(src / name)
        assert entry["case"] == "사건 1" and entry["archived"] is False
        assert entry["captured_at"].endswith("Z")
        assert {"id", "kind", "source_url"} <= entry.keys()
        out_dir = tmp_path / f"out-{entry['id']}"
        ext = locker(
            "extract", vault, str(entry["id"]), "--out", out_dir, passphrase_file=passphrase_file
        )
        assert ext.returncode == 0, ext.stderr
        written = [p for p in out_dir.iterdir() if p.name.endswith(name)]
        assert len(written) == 1
        assert written[0].read_bytes() == files[name]


@pytest.mark.slow
def test_one_gib_file_streams_with_bounded_memory(tmp_path: Path, passphrase_file: Path) -> None:
    big = tmp_path / "big.bin"
    block = os.urandom(1024 * 1024)
    digest = hashlib.sha256()
    with open(big, "wb") as fh:
        for i in range(1024):
            chunk = block[:-4] + i.to_bytes(4, "big")
            digest.update(chunk)
            fh.write(chunk)
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    # VmHWM is this process's own peak (getrusage's ru_maxrss would include the forked
    # pytest parent's memory, which Linux carries across execve).
    probe = (
        "import re, sys; from app.cli import main; rc = main(sys.argv[1:]); "
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
        "print('MAXRSS', hwm, file=sys.stderr); sys.exit(rc)"
    )
    env = dict(os.environ, LOCKER_NO_GUI="1")
    for args in (
        ["add", str(vault), str(big)],
        ["extract", str(vault), "1", "--out", str(tmp_path / "out")],
    ):
        proc = subprocess.run(
            [sys.executable, "-c", probe, *args, "--passphrase-file", str(passphrase_file)],
            capture_output=True,
            text=True,
            env=env,
            cwd=Path(__file__).parents[2],
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr
        max_rss_kib = int(proc.stderr.split("MAXRSS")[1].split()[0])
        assert max_rss_kib < 300 * 1024, f"{args[0]} used {max_rss_kib} KiB"
    assert proc.returncode == 0
    assert sha256_file(tmp_path / "out" / "1-big.bin") == digest.hexdigest()
    listed = json.loads(locker("list", vault, "--json", passphrase_file=passphrase_file).stdout)
    assert listed[0]["sha256"] == digest.hexdigest()


def test_wrong_passphrase_leaves_file_untouched(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    (tmp_path / "a.txt").write_text("x")
    locker("add", vault, tmp_path / "a.txt", passphrase_file=passphrase_file)
    before = (vault.read_bytes(), os.stat(vault).st_mtime_ns)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    for command in (("list", vault), ("verify", vault), ("add", vault, tmp_path / "a.txt")):
        out = locker(*command, passphrase_file=wrong)
        assert out.returncode == EXIT_AUTH
        assert "passphrase is not right" in out.stderr
        assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert (vault.read_bytes(), os.stat(vault).st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.txt",
        "passphrase.txt",
        "v.locker",
        "wrong.txt",
    ]


def test_corrupt_or_foreign_files_are_rejected_unchanged(
    tmp_path: Path, passphrase_file: Path
) -> None:
    for name, data in (
        ("random.locker", os.urandom(10_000)),
        ("tiny.locker", b"abc"),
        ("sqlite.locker", b"SQLite format 3\x00" + bytes(4080)),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        before = os.stat(path).st_mtime_ns
        out = locker("list", path, passphrase_file=passphrase_file)
        assert out.returncode in (EXIT_REJECTED, EXIT_AUTH), out.stderr
        assert "Traceback" not in out.stderr
        assert path.read_bytes() == data and os.stat(path).st_mtime_ns == before
    missing = locker("list", tmp_path / "nope.locker", passphrase_file=passphrase_file)
    assert missing.returncode == EXIT_NOT_FOUND


def test_init_never_overwrites(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    vault.write_bytes(b"precious")
    out = locker("init", vault, passphrase_file=passphrase_file)
    assert out.returncode == EXIT_USAGE and "already exists" in out.stderr
    assert vault.read_bytes() == b"precious"


def test_marker_never_in_plaintext(tmp_path: Path, passphrase_file: Path) -> None:
    marker = "MARKER-7f3a9c-unique-evidence-text"
    src = tmp_path / "src"
    src.mkdir()
    (src / "note.txt").write_text(f"before {marker} after " * 50)
    private_tmp = tmp_path / "tmpdir"
    private_tmp.mkdir()
    env = {"TMPDIR": str(private_tmp)}
    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file, env=env)
    # Keep a reader open so the WAL stays on disk while we look at it.
    from app.vault import Vault

    holder = Vault.open(vault, passphrase_file.read_text().strip())
    holder.list_items()
    try:
        out = locker(
            "add",
            vault,
            src / "note.txt",
            "--note",
            marker,
            passphrase_file=passphrase_file,
            env=env,
        )
        assert out.returncode == 0, out.stderr
        wal = Path(str(vault) + "-wal")
        for path in [vault, wal, *private_tmp.rglob("*")]:
            if path.is_file():
                data = path.read_bytes()
                assert marker.encode() not in data, path
                assert marker.encode("utf-16-le") not in data, path
    finally:
        holder.close()
    assert marker.encode() not in vault.read_bytes()


def test_kill_during_add_loses_nothing_reported(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    src = tmp_path / "many"
    src.mkdir()
    for i in range(120):
        (src / f"f{i:03}.bin").write_bytes(os.urandom(200_000))
    env = dict(os.environ, LOCKER_NO_GUI="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "add",
            str(vault),
            str(src),
            "--passphrase-file",
            str(passphrase_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
    )
    reported = []
    assert proc.stdout is not None
    for line in proc.stdout:
        reported.append(line.split("\t")[:2])
        if len(reported) == 25:
            proc.kill()
            break
    proc.wait()
    from app.vault import Vault
    from app.vault.verify import verify_vault

    with Vault.open(vault, passphrase_file.read_text().strip()) as v:
        stored = {str(i.id): i.sha256 for i in v.list_items()}
        for item_id, sha in reported:
            assert stored[item_id] == sha
        assert len(stored) < 120
        report = verify_vault(v)
        assert report.ok, report.text()


def test_archive_unarchive_logged_and_listed(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    (tmp_path / "a.txt").write_text("a")
    locker("add", vault, tmp_path / "a.txt", passphrase_file=passphrase_file)
    assert locker("archive", vault, "1", passphrase_file=passphrase_file).returncode == EXIT_USAGE
    assert (
        locker(
            "archive", vault, "1", "--reason", "duplicate", passphrase_file=passphrase_file
        ).returncode
        == 0
    )
    assert json.loads(locker("list", vault, "--json", passphrase_file=passphrase_file).stdout) == []
    archived = json.loads(
        locker("list", vault, "--archived", "--json", passphrase_file=passphrase_file).stdout
    )
    assert [a["archived"] for a in archived] == [True]
    assert locker("unarchive", vault, "1", passphrase_file=passphrase_file).returncode == 0
    log = json.loads(locker("log", vault, "--json", passphrase_file=passphrase_file).stdout)
    events = [e["event"] for e in log]
    assert events[:4] == ["vault_created", "item_added", "item_archived", "item_unarchived"]
    assert log[2]["payload"]["data"]["reason"] == "duplicate"
    assert locker("verify", vault, passphrase_file=passphrase_file).returncode == 0
    from app.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert not {"delete", "rm", "remove", "purge", "destroy"} & set(sub.choices or ())


def test_tag_changes_that_change_nothing_are_refused_and_not_logged(
    tmp_path: Path, passphrase_file: Path
) -> None:
    """Removing a tag the item does not have, adding one it has, or an empty tag used to
    exit 0 and append a meaningless tag event to the custody chain."""
    vault = tmp_path / "v.locker"
    (tmp_path / "a.txt").write_text("a")
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    assert locker("add", vault, tmp_path / "a.txt", passphrase_file=passphrase_file).returncode == 0

    def log_lines() -> int:
        return len(locker("log", vault, passphrase_file=passphrase_file).stdout.splitlines())

    before = log_lines()
    for args, message in (
        (("1", "never", "--remove"), "has no tag 'never'"),
        (("1", "   "), "tag cannot be empty"),
        (("1", "", "--remove"), "tag cannot be empty"),
    ):
        out = locker("tag", vault, *args, passphrase_file=passphrase_file)
        assert out.returncode == EXIT_USAGE and message in out.stderr, out.stderr
        assert "Traceback" not in out.stderr
    assert log_lines() == before
    assert locker("tag", vault, "1", "포럼", passphrase_file=passphrase_file).returncode == 0
    again = locker("tag", vault, "1", " 포럼 ", passphrase_file=passphrase_file)
    assert again.returncode == EXIT_USAGE and "already has the tag '포럼'" in again.stderr
    assert (
        locker("tag", vault, "1", "포럼", "--remove", passphrase_file=passphrase_file).returncode
        == 0
    )
    assert (
        locker("tag", vault, "1", "포럼", "--remove", passphrase_file=passphrase_file).returncode
        == EXIT_USAGE
    )
    assert log_lines() == before + 2
    shown = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    assert shown["tags"] == []


def test_extract_mistakes_name_the_path_and_leave_nothing_behind(
    tmp_path: Path, passphrase_file: Path
) -> None:
    vault = tmp_path / "v.locker"
    (tmp_path / "a.txt").write_text("a")
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    assert locker("add", vault, tmp_path / "a.txt", passphrase_file=passphrase_file).returncode == 0
    # A wrong item id: exit 6 and no empty output folder created.
    wrong = locker(
        "extract", vault, "7", "--out", tmp_path / "새 폴더", passphrase_file=passphrase_file
    )
    assert wrong.returncode == EXIT_NOT_FOUND and not (tmp_path / "새 폴더").exists()
    # --out names an existing file: the one-line error says which path (not just "File exists").
    (tmp_path / "exhibits").write_text("not a folder")
    clash = locker(
        "extract", vault, "1", "--out", tmp_path / "exhibits", passphrase_file=passphrase_file
    )
    assert clash.returncode == 1 and str(tmp_path / "exhibits") in clash.stderr, clash.stderr
    assert len(clash.stderr.strip().splitlines()) == 1 and "Traceback" not in clash.stderr


def test_passphrase_file_from_a_windows_editor(tmp_path: Path, passphrase_file: Path) -> None:
    """A UTF-8 byte order mark (Notepad) is not part of the passphrase; a file in another
    encoding (cp949 on Korean Windows) is a clear one-line error, not a crash."""
    from app.vault import Vault

    passphrase = passphrase_file.read_text(encoding="utf-8").splitlines()[0]
    vault = tmp_path / "v.locker"
    bom_file = tmp_path / "bom.txt"
    bom_file.write_bytes(b"\xef\xbb\xbf" + passphrase.encode() + b"\r\n")
    assert locker("init", vault, passphrase_file=bom_file).returncode == 0
    # The vault opens with the passphrase as typed, without the mark.
    assert locker("list", vault, passphrase_file=passphrase_file).returncode == 0
    assert locker("list", vault, passphrase_file=bom_file).returncode == 0
    # A vault made when the mark was still kept in the passphrase opens from the same file.
    old = tmp_path / "old.locker"
    Vault.create(old, "\ufeff" + passphrase).close()
    assert locker("list", old, passphrase_file=bom_file).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_bytes(b"\xef\xbb\xbfnot it\n")
    assert locker("list", old, passphrase_file=wrong).returncode == EXIT_AUTH

    korean = tmp_path / "ko.txt"
    korean.write_bytes("비밀 문장 하나\r\n".encode("cp949"))
    out = locker("init", tmp_path / "k.locker", passphrase_file=korean)
    assert out.returncode == EXIT_USAGE and "not UTF-8" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and "unexpected" not in out.stderr
    assert not (tmp_path / "k.locker").exists()


_HOLDER = """
import sys, time
from app.vault import Vault
vault = Vault.open(sys.argv[1], sys.argv[2])
vault.list_items()
print("open", flush=True)
sys.stdin.readline()          # the test says when to write
from app.vault.models import NewArtifact, NewItem
vault.add_item(NewItem("file", "General", "after"), [NewArtifact("original", "after.txt", b"after")])
vault.close()
print("saved", flush=True)
"""


def test_passwd_refuses_while_another_program_has_the_vault_open(
    tmp_path: Path, passphrase_file: Path
) -> None:
    """passwd replaced the file under a running `add` (or the app): the other program's
    later items went into the replaced file, and its WAL beside the new file made the
    vault unreadable with either passphrase."""
    from tests.conftest import PASSPHRASE

    vault = tmp_path / "v.locker"
    (tmp_path / "a.txt").write_text("a")
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    assert locker("add", vault, tmp_path / "a.txt", passphrase_file=passphrase_file).returncode == 0
    new = tmp_path / "new.txt"
    new.write_text("a new passphrase 새 암호\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(vault), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "open"
        refused = locker(
            "passwd", vault, "--new-passphrase-file", new, passphrase_file=passphrase_file
        )
        assert refused.returncode == 1 and "open in another program" in refused.stderr
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "saved"
    finally:
        holder.wait(timeout=60)
    # Nothing changed: the old passphrase opens it and the other program's item is there.
    listed = json.loads(locker("list", vault, "--json", passphrase_file=passphrase_file).stdout)
    assert sorted(i["title"] for i in listed) == ["a.txt", "after"]
    # Once nobody else has it open, the change works and keeps everything.
    assert (
        locker(
            "passwd", vault, "--new-passphrase-file", new, passphrase_file=passphrase_file
        ).returncode
        == 0
    )
    assert locker("verify", vault, passphrase_file=new).returncode == 0
    assert len(json.loads(locker("list", vault, "--json", passphrase_file=new).stdout)) == 2


def test_case_names_with_stray_spaces_are_the_case_as_typed(
    tmp_path: Path, passphrase_file: Path
) -> None:
    """`--case "   "` used to make a case with a blank (invisible) name, and `--case "사건 1 "`
    a second case that looks like "사건 1"."""
    vault = tmp_path / "v.locker"
    (tmp_path / "a.txt").write_text("a")
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    for case in ("사건 1", " 사건 1 ", "   ", ""):
        out = locker(
            "add", vault, tmp_path / "a.txt", "--case", case, passphrase_file=passphrase_file
        )
        assert out.returncode == 0, out.stderr
    listed = json.loads(locker("list", vault, "--json", passphrase_file=passphrase_file).stdout)
    assert sorted(i["case"] for i in listed) == ["General", "General", "사건 1", "사건 1"]
