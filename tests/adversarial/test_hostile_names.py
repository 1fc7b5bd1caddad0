"""Hostile file names and URLs: control characters, RTL overrides, very long names, bytes
that are not UTF-8, names that look like options or paths. Every file is stored with its
bytes intact, terminal output never carries raw control or bidi characters, extracted
files land inside the chosen folder under a safe name, and bad text gives a clean error.

Guards: items.add_file's name handling and lookup.clean_text, commands.common.safe_terminal,
app.services.extract.safe_file_name / write_new_file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import LockerError, UsageError
from app.services.extract import safe_file_name
from app.vault import Vault
from app.vault.models import NewArtifact, NewItem
from tests.helpers.cli import locker

RAW_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
FILE_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\\u202a-\u202e\u2066-\u2069]")

HOSTILE_NAMES: list[bytes] = [
    "invoice\u202egnp.exe".encode(),  # right-to-left override
    "\u2067isolate\u2069.txt".encode(),
    b"bell\x07esc\x1b[31mred\x1b[0m.txt",  # terminal escapes
    b"new\nline\rreturn\ttab.txt",
    b"\xff\xfe\xfd.png",  # not UTF-8
    b"latin1-caf\xe9.jpg",
    b"-rf",  # looks like an option
    b"--passphrase-file",
    b"...",
    b" leading and trailing . ",
    b"CON",
    b"aux.txt",
    b"x:y*z?.png",  # Windows-hostile
    ("\ud55c\uae00" * 42).encode(),  # 252 bytes of Korean
    b"x" * 251 + b".png",  # 255 bytes, the usual limit
    b"\xe2\x80\xae" * 80 + b".txt",  # only bidi overrides
]


def _make_files(folder: Path) -> dict[bytes, str]:
    folder.mkdir()
    shas = {}
    for i, name in enumerate(HOSTILE_NAMES):
        data = b"evidence %d " % i + name
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(data)
        shas[name] = hashlib.sha256(data).hexdigest()
    return shas


def test_hostile_names_through_add_list_show_extract(tmp_path: Path, passphrase_file: Path) -> None:
    shas = _make_files(tmp_path / "in")
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    added = locker("add", vault, tmp_path / "in", passphrase_file=passphrase_file)
    assert added.returncode == 0, added.stderr
    assert "unexpected error" not in added.stderr
    lines = added.stdout.splitlines()
    assert len(lines) == len(HOSTILE_NAMES), added.stdout
    for out in (added.stdout, locker("list", vault, passphrase_file=passphrase_file).stdout):
        assert not RAW_UNSAFE.search(out.replace("\n", "").replace("\t", "")), repr(out)
    assert sorted(line.split("\t")[1] for line in lines) == sorted(shas.values())

    for item_id in ("1", "5", str(len(HOSTILE_NAMES))):
        shown = locker("show", vault, item_id, passphrase_file=passphrase_file)
        assert shown.returncode == 0, shown.stderr
        assert not RAW_UNSAFE.search(shown.stdout.replace("\n", "").replace("\t", "")), shown.stdout

    from app.services.extract import extract_item  # what `locker extract` runs

    out_dir = tmp_path / "out"
    with Vault.open(vault, passphrase_file.read_text(encoding="utf-8").strip()) as opened:
        for item in opened.list_items():
            meta = item.metadata
            raw = meta.get("original_name_bytes_hex")
            original = bytes.fromhex(raw) if raw else meta["original_name"].encode()
            assert item.sha256 == shas[original], item.title
            extract_item(opened, str(item.id), out_dir)
    written = sorted(out_dir.iterdir())
    assert len(written) == len(HOSTILE_NAMES)
    for path in written:
        assert path.parent == out_dir and not path.is_symlink()
        assert not FILE_UNSAFE.search(path.name), repr(path.name)
        assert len(os.fsencode(path.name)) <= 255
    assert sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in written) == sorted(
        shas.values()
    )
    assert locker("verify", vault, passphrase_file=passphrase_file).returncode == 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_safe_file_name_is_always_safe(name: str) -> None:
    safe = safe_file_name(name)
    assert safe and safe not in (".", "..")
    assert not FILE_UNSAFE.search(safe), repr(safe)
    assert len(safe.encode("utf-8")) <= 255
    assert safe == safe.strip(" .")


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    vault = Vault.create(tmp_path_factory.mktemp("names") / "v.locker", "pw")
    yield vault
    vault.close()


@settings(max_examples=60, deadline=None)
@given(
    name=st.binary(min_size=1, max_size=255).filter(
        lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")
    )
)
def test_any_file_name_on_disk_is_imported_bit_exact(
    tmp_path_factory: pytest.TempPathFactory, shared_vault: Vault, name: bytes
) -> None:
    folder = tmp_path_factory.mktemp("f")
    data = b"content of " + name
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    path.write_bytes(data)
    item = shared_vault.add_file(path)
    with shared_vault.open_artifact(item.id) as reader:
        assert reader.read() == data
    meta = item.metadata
    stored = (
        bytes.fromhex(meta["original_name_bytes_hex"])
        if "original_name_bytes_hex" in meta
        else meta["original_name"].encode()
    )
    assert stored == name


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(max_size=300),
    url=st.one_of(st.none(), st.text(max_size=300)),
    note=st.one_of(st.none(), st.text(max_size=200)),
    case=st.text(max_size=60),
)
def test_any_text_is_stored_exactly_or_refused_cleanly(
    shared_vault: Vault, title: str, url: str | None, note: str | None, case: str
) -> None:
    """Titles, URLs, notes and case names, including surrogates and NULs: either stored
    exactly or refused with a UsageError, and never a partial item."""
    before = shared_vault.count_items(archived=None)
    try:
        item = shared_vault.add_item(
            NewItem("file", case, title, source_url=url, note=note),
            [NewArtifact("original", "x", b"x")],
        )
    except UsageError:
        assert shared_vault.count_items(archived=None) == before
        return
    except LockerError as exc:  # e.g. a read-only case name collision: still clean
        assert shared_vault.count_items(archived=None) == before, exc
        return
    got = shared_vault.get_item(item.id)
    assert (got.title, got.source_url) == (title, url)
    if note and note.strip():
        assert note in [a.text for a in got.annotations]


def test_cli_url_and_note_with_control_characters(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    evidence = tmp_path / "e.txt"
    evidence.write_bytes(b"e")
    url = "https://example.test/\u202eexe.gnp?\x1b[2J\x07"
    added = locker(
        "add",
        vault,
        evidence,
        "--source-url",
        url,
        "--note",
        "n\x1b]0;title\x07",
        passphrase_file=passphrase_file,
    )
    assert added.returncode == 0, added.stderr
    shown = locker("show", vault, "1", passphrase_file=passphrase_file)
    assert shown.returncode == 0
    assert not RAW_UNSAFE.search(shown.stdout.replace("\n", "").replace("\t", "")), repr(
        shown.stdout
    )
    data = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    assert data["source_url"] == url  # stored exactly; only the display is neutralised


def test_cli_errors_quoting_hostile_input_are_neutralised(
    tmp_path: Path, passphrase_file: Path
) -> None:
    """Regression: error messages quoted item ids and paths raw, so `locker show V
    $'\\e[2J'` could drive the terminal (escape sequences, bidi reordering)."""
    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    for args in (
        ("show", vault, "abcdefghij\x1b[2J\u202e"),
        ("add", vault, str(tmp_path / "no\x1b]0;title\x07such")),
        ("extract", vault, "zzzzzzzz\x1b[31m", "--out", str(tmp_path / "o")),
    ):
        result = locker(*args, passphrase_file=passphrase_file)
        assert result.returncode != 0
        assert not RAW_UNSAFE.search(result.stderr.replace("\n", "")), (
            args[0],
            repr(result.stderr),
        )
        assert "\\u001b" in result.stderr, repr(result.stderr)  # shown, escaped


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=300)
    | st.from_regex(
        r"(https?|file|javascript|data|chrome|about|ftp)"
        r":(//)?[\x00-\x7f\u202e]{0,40}",
        fullmatch=True,
    )
)
def test_capture_url_check_accepts_only_web_addresses(url: str) -> None:
    from app.capture import web

    try:
        qurl = web.check_url(url)
    except UsageError:
        return
    assert qurl.scheme().lower() in ("http", "https") and qurl.host()


def test_pipes_and_devices_are_refused_not_read_forever(
    tmp_path: Path, passphrase_file: Path
) -> None:
    """Regression: `locker add V fifo` blocked forever in open(), and `locker add V
    /dev/zero` (or a symlink to it) filled the disk through the -wal."""
    import socket

    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "innocent.jpg"
    link.symlink_to("/dev/zero")
    sock_path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    ok = tmp_path / "ok.txt"
    ok.write_bytes(b"fine")
    try:
        result = locker(
            "add",
            vault,
            fifo,
            "/dev/zero",
            link,
            sock_path,
            ok,
            passphrase_file=passphrase_file,
            timeout=60,
        )
    finally:
        server.close()
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert [line.split("\t")[0] for line in lines] == ["error"] * 4 + ["1"], lines
    assert all("not a regular file" in line for line in lines[:4]), lines
    assert vault.stat().st_size < 1024 * 1024
