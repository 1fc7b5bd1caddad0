"""No temp files of evidence, not even short-lived ones: a scripted session (import,
capture a local page, export a sealed bundle, import it elsewhere, verify, back up, open
in the desktop app and reveal) runs under strace, and every file it creates must be the
vault or its SQLite side files, the destination the person chose, memory-backed spools
(/dev/shm), the app's settings, or GPU shader caches. An anonymous O_TMPFILE (never
linked, encrypted spool) is the only thing allowed in the temp folder.

Guards: temp_store=MEMORY, capture spools in memory-backed storage, the encrypted
O_TMPFILE bundle spool, build-then-link writes beside their destination.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.adversarial.filewatch import run_watched
from tests.adversarial.netwatch import strace_works
from tests.adversarial.test_leak_scan import page_server  # noqa: F401 - fixture
from tests.adversarial.util import synthetic_png

_WHY_NOT = strace_works()
pytestmark = pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")


def _allowed(path: str, roots: dict[str, Path]) -> bool:
    if path.startswith("O_TMPFILE:"):
        return True  # anonymous: no name, gone when closed
    p = Path(path)
    if p.parts[:2] in (("/", "dev"), ("/", "proc"), ("/", "sys")):
        return True  # /dev/shm spools, /dev/null, ttys
    if p.is_relative_to(roots["vaults"]):
        return ".locker" in p.name or p == roots["vaults"]
    if p.is_relative_to(roots["out"]) or p.is_relative_to(roots["config"]):
        return True
    if p in roots["config"].parents and p.is_relative_to(roots["home"]):
        return True  # the folders holding the settings
    if "tmp" in roots and p.parent == roots["tmp"] and re.fullmatch(r"[a-z0-9_]{8}", p.name):
        return True  # Python's tempfile.gettempdir() probe: writes b"blat", then unlinks it
    home = roots["home"]
    if p.is_relative_to(home / ".cache" / "mesa_shader_cache") or p in (
        home / ".cache",
        home / "Downloads",
    ):
        return True
    return False


def test_session_creates_no_stray_files(tmp_path: Path, page_server: tuple[str, str]) -> None:  # noqa: F811
    url, _marker = page_server
    source, home, tmp = tmp_path / "source", tmp_path / "home", tmp_path / "tmp"
    vaults, out, config = tmp_path / "vaults", tmp_path / "out", home / ".config" / "locker"
    for d in (source, home, tmp, vaults, out):
        d.mkdir(parents=True)
    (source / "pass.txt").write_text("watch passphrase\n", encoding="utf-8")
    (source / "photo.png").write_bytes(synthetic_png(160, 120, seed=5))
    (source / "note.txt").write_text("evidence text\n", encoding="utf-8")
    env = dict(
        os.environ,
        HOME=str(home),
        TMPDIR=str(tmp),
        LOCKER_NO_GUI="1",
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local/share"),
        LOCKER_CONFIG_DIR=str(config),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("LOCKER_PASSPHRASE_FILE", None)
    pf = ["--passphrase-file", str(source / "pass.txt")]
    vault, other = vaults / "case.locker", vaults / "received.locker"
    cli = [sys.executable, "-m", "app.cli"]
    steps: list[list[str]] = [
        [*cli, "init", str(vault), *pf],
        [*cli, "add", str(vault), str(source / "photo.png"), str(source / "note.txt"), *pf],
        [*cli, "verify", str(vault), *pf],
        [*cli, "backup", str(vault), str(out / "backup.locker"), *pf],
        [*cli, "init", str(other), *pf],
    ]
    try:
        import app.commands.capture_cmds
    except ModuleNotFoundError:
        pass
    else:
        steps.insert(2, [*cli, "capture-url", str(vault), url, "--timeout", "60", *pf])
    try:
        import app.bundle.export
    except ModuleNotFoundError:
        pass
    else:
        steps += [
            [
                *cli,
                "export",
                str(vault),
                "--out",
                str(out / "b.bundle"),
                "--case",
                "General",
                "--no-stamp",
                "--seal-passphrase-file",
                str(source / "pass.txt"),
                *pf,
            ],
            [
                *cli,
                "verify-bundle",
                str(out / "b.bundle"),
                "--seal-passphrase-file",
                str(source / "pass.txt"),
            ],
            [
                *cli,
                "import",
                str(other),
                str(out / "b.bundle"),
                "--seal-passphrase-file",
                str(source / "pass.txt"),
                *pf,
            ],
        ]
    try:
        import app.ui.main  # noqa: F401
    except ModuleNotFoundError:
        pass
    else:
        steps.append(
            [
                sys.executable,
                "-m",
                "tests.adversarial.gui_session",
                str(vault),
                str(source / "pass.txt"),
                "--seconds",
                "2",
                "--verify",
                "--reveal-all",
            ]
        )
    roots = {"vaults": vaults, "out": out, "config": config, "home": home, "tmp": tmp}
    stray: list[str] = []
    seen: set[str] = set()
    for n, step in enumerate(steps):
        result, created = run_watched(step, tmp_path / f"files-{n}.log", env)
        seen |= created
        assert result.returncode == 0, (step[3:5], result.stdout, result.stderr[-2000:])
        stray += [f"{' '.join(step[2:4])}: {p}" for p in sorted(created) if not _allowed(p, roots)]
    assert str(vault) in seen and str(vault) + "-wal" in seen, "the watch saw nothing"
    assert not stray, "files created outside the vault and the chosen destination:\n" + "\n".join(
        stray[:40]
    )


def test_the_watch_catches_a_deleted_temp_file(tmp_path: Path) -> None:
    """Control: a plaintext temp file written and removed at once is still reported."""
    code = (
        "import tempfile, os; tempfile.gettempdir(); "
        "f = tempfile.NamedTemporaryFile(delete=False); "
        "f.write(b'evidence'); f.close(); os.unlink(f.name)"
    )
    env = dict(os.environ, TMPDIR=str(tmp_path))
    _result, created = run_watched([sys.executable, "-c", code], tmp_path / "ctl.log", env)
    roots = {
        "vaults": tmp_path / "v",
        "out": tmp_path / "o",
        "config": tmp_path / "c",
        "home": tmp_path / "h",
        "tmp": tmp_path,
    }
    assert [p for p in created if not _allowed(p, roots) and p.startswith(str(tmp_path))]
