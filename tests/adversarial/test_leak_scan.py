"""Leak scan: a scripted session (create a vault, import files carrying markers, capture
a local page carrying a marker, list/show/verify, export a sealed bundle, open the vault
in the desktop app, lock) with HOME, the XDG folders and TMPDIR pointed at fresh folders.
Afterwards no Qt settings file (QtProject.conf) and no ~/Downloads exist, and no marker appears in plaintext (UTF-8 or UTF-16) anywhere in the temp dir,
cache/config/data dirs (QtWebEngine's storage included), /dev/shm, the folder beside
the vault, the vault file itself or the sealed bundle; and not on the clipboard.

Guards: SQLCipher encryption at rest, temp_store=MEMORY, encrypted spools for capture and
export, the off-the-record QtWebEngine profile, thumbnails kept inside the vault.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.util import scan_for, synthetic_png
from tests.helpers.cli import ROOT
from tests.helpers.http import PageHandler, serve


def _encodings(markers: list[str]) -> list[bytes]:
    out = []
    for m in markers:
        out += [m.encode("utf-8"), m.encode("utf-16-le")]
    return out


@pytest.fixture
def page_server() -> Iterator[tuple[str, str]]:
    """A local page whose text, title and image metadata carry a marker."""
    marker = f"PAGEMARK{uuid.uuid4().hex[:12]}"
    image = synthetic_png(120, 90, seed=9, text=marker)
    html = (
        f"<html><head><title>{marker}</title></head><body><h1>{marker}</h1>"
        f'<img src="/pic.png"><p>{marker} 한글</p></body></html>'
    ).encode()

    class Handler(PageHandler):
        def do_GET(self) -> None:
            body, ctype = (
                (image, "image/png")
                if self.path.startswith("/pic")
                else (html, "text/html; charset=utf-8")
            )
            self.send(200, body, ctype)

    with serve(Handler) as base:
        yield f"{base}/page", marker


def _run(args: list[object], env: dict[str, str], timeout: float = 240) -> str:
    import subprocess

    result = subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, (args, result.stdout, result.stderr[-3000:])
    return result.stdout


def _shm_files() -> set[str]:
    shm = Path("/dev/shm")
    return {p.name for p in shm.iterdir()} if shm.is_dir() else set()


def test_scripted_session_leaves_no_plaintext_marker(
    tmp_path: Path, page_server: tuple[str, str]
) -> None:
    url, page_marker = page_server
    file_marker = f"FILEMARK{uuid.uuid4().hex[:12]}"
    image_marker = f"IMGMARK{uuid.uuid4().hex[:12]}"
    note_marker = f"NOTEMARK{uuid.uuid4().hex[:12]}"
    markers = [file_marker, image_marker, note_marker, page_marker]

    source = tmp_path / "source"  # the person's own files: not scanned
    source.mkdir()
    (source / "message.txt").write_text(f"threat: {file_marker}\n" * 200, encoding="utf-8")
    (source / "photo.png").write_bytes(synthetic_png(200, 150, seed=3, text=image_marker))
    (source / "pass.txt").write_text("leak scan passphrase\n", encoding="utf-8")
    (source / "seal.txt").write_text("bundle seal passphrase\n", encoding="utf-8")

    home, tmp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "vaults"
    for d in (home, tmp, work):
        d.mkdir()
    env = dict(
        os.environ,
        HOME=str(home),
        TMPDIR=str(tmp),
        LOCKER_NO_GUI="1",
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_RUNTIME_DIR=str(tmp / "runtime"),
        LOCKER_CONFIG_DIR=str(home / ".config/locker"),
        LEAK_MARKERS=",".join(markers),
        PYTHONDONTWRITEBYTECODE="1",
    )
    (tmp / "runtime").mkdir(mode=0o700)
    env.pop("LOCKER_PASSPHRASE_FILE", None)
    shm_before = _shm_files()

    vault = work / "case.locker"
    pf = ["--passphrase-file", source / "pass.txt"]
    cli = ["-m", "app.cli"]
    _run([*cli, "init", vault, *pf], env)
    _run(
        [
            *cli,
            "add",
            vault,
            source / "message.txt",
            source / "photo.png",
            "--note",
            f"found on forum {note_marker}",
            *pf,
        ],
        env,
    )
    try:
        import app.commands.capture_cmds
    except ModuleNotFoundError:
        captured = False
    else:
        out = _run([*cli, "capture-url", vault, url, "--timeout", "60", *pf], env)
        captured = out.startswith(("1", "2", "3", "4", "5", "6", "7", "8", "9"))
        assert captured, out
    for step in (
        ["list", vault],
        ["show", vault, "1"],
        ["show", vault, "2"],
        ["log", vault],
        ["verify", vault],
    ):
        _run([*cli, *step, *pf], env)
    bundle = work / "exports" / "case.bundle"
    bundle.parent.mkdir()
    try:
        import app.bundle.export
    except ModuleNotFoundError:
        pass
    else:
        _run(
            [
                *cli,
                "export",
                vault,
                "--out",
                bundle,
                "--case",
                "General",
                "--no-stamp",
                "--seal-passphrase-file",
                source / "seal.txt",
                *pf,
            ],
            env,
        )
        assert bundle.exists()
    try:
        import app.ui.main  # noqa: F401
    except ModuleNotFoundError:
        pass
    else:
        out = _run(
            [
                "-m",
                "tests.adversarial.gui_session",
                vault,
                source / "pass.txt",
                "--seconds",
                "3",
                "--file-dialog",
            ],
            env,
        )
        assert "clipboard clean" in out and "file dialog shown" in out, out

    needles = _encodings(markers)
    hits = []
    for root in (home, tmp, work):
        hits += scan_for(root, needles)
    for name in _shm_files() - shm_before:
        hits += (
            scan_for(Path("/dev/shm") / name, needles)
            if (Path("/dev/shm") / name).is_dir()
            else [f"/dev/shm/{name}: {m!r}" for m in needles if m in _read(Path("/dev/shm") / name)]
        )
    assert not hits, "plaintext evidence found:\n" + "\n".join(hits[:30])
    # The scan would have seen them: the markers are in the source files.
    assert scan_for(source, needles)
    # No other traces: Qt's own settings (the file dialog's history names the vault's
    # folder) and an empty ~/Downloads made by QtWebEngine's page save.
    qt_files = [str(p) for p in home.rglob("*") if p.name.startswith(("QtProject", "Trolltech"))]
    assert not qt_files, qt_files
    assert not (home / "Downloads").exists(), "a capture created ~/Downloads"
    leftovers = sorted(p.name for p in work.iterdir())
    assert leftovers == ["case.locker", "exports"] or leftovers == ["case.locker"], leftovers
    del captured


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
