"""Network discipline: with no capture or stamping requested, neither the `locker`
command nor the desktop app opening a vault creates a single internet socket (IPv4 or
IPv6, not even for a DNS lookup). Watched with strace over the whole process tree.

Guards: offline-first design; no update checks, telemetry, font/CDN fetches or
automatic TSA contact when no TSA is configured; QtWebEngine started only for captures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.adversarial.netwatch import run_traced, strace_works
from tests.adversarial.util import synthetic_png
from tests.conftest import PASSPHRASE

_WHY_NOT = strace_works()
pytestmark = pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")


def _cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "app.cli", *map(str, args)]


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    """Private config dirs and an explicitly empty TSA list: nothing asks for stamping."""
    tsa = tmp_path / "tsa.json"
    tsa.write_text(json.dumps({"tsas": []}), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LOCKER_CONFIG_DIR": str(home / "locker-config"),
        "LOCKER_TSA_CONFIG": str(tsa),
    }


def test_the_watch_itself_sees_a_connection(tmp_path: Path) -> None:
    """Control: a child connecting to 127.0.0.1 is caught, so silence below means something."""
    code = (
        "import socket; s = socket.socket(); s.settimeout(0.5); "
        "s.connect_ex(('127.0.0.1', 9)); s.close()"
    )
    traced = run_traced([sys.executable, "-c", code], tmp_path / "trace.log")
    assert traced.inet_calls, "strace did not report the test connection"


def test_cli_session_opens_no_network_socket(
    tmp_path: Path, passphrase_file: Path, offline_env: dict[str, str]
) -> None:
    vault = tmp_path / "v.locker"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.png").write_bytes(synthetic_png())
    (tmp_path / "in" / "b.txt").write_text("evidence", encoding="utf-8")
    pf = ["--passphrase-file", str(passphrase_file)]
    steps = [
        ["init", vault, *pf],
        [
            "add",
            vault,
            tmp_path / "in",
            "--note",
            "n",
            "--source-url",
            "https://example.test/x",
            *pf,
        ],
        ["list", vault, "--json", *pf],
        ["show", vault, "1", *pf],
        ["note", vault, "1", "another note", *pf],
        ["tag", vault, "1", "posted", *pf],
        ["archive", vault, "2", "--reason", "duplicate", *pf],
        ["log", vault, *pf],
        ["verify", vault, *pf],
        ["extract", vault, "1", "--out", tmp_path / "out", *pf],
        ["backup", vault, tmp_path / "backup.locker", *pf],
    ]
    try:
        import app.bundle.export  # noqa: F401
    except ModuleNotFoundError:
        pass
    else:
        steps += [
            [
                "export",
                vault,
                "--out",
                tmp_path / "b.zip",
                "--case",
                "General",
                "--include-archived",
                "--no-encrypt",
                "--no-stamp",
                *pf,
            ],
            ["verify-bundle", tmp_path / "b.zip"],
        ]
    for n, step in enumerate(steps):
        traced = run_traced(_cli(*step), tmp_path / f"trace-{n}.log", env=offline_env)
        assert traced.returncode == 0, (step[0], traced.stdout, traced.stderr)
        assert not traced.inet_calls, f"`locker {step[0]}` opened sockets: {traced.inet_calls[:5]}"


def test_desktop_app_opening_a_vault_opens_no_network_socket(
    tmp_path: Path, passphrase_file: Path, offline_env: dict[str, str]
) -> None:
    from app.vault import Vault
    from app.vault.models import NewArtifact, NewItem

    vault = tmp_path / "v.locker"
    with Vault.create(vault, PASSPHRASE) as v:
        for i in range(3):
            v.add_item(
                NewItem("screenshot", "General", f"shot {i}"),
                [NewArtifact("original", f"s{i}.png", synthetic_png(seed=i), "image/png")],
            )
    traced = run_traced(
        [
            sys.executable,
            "-m",
            "tests.adversarial.gui_session",
            str(vault),
            str(passphrase_file),
            "--seconds",
            "3",
            "--verify",
        ],
        tmp_path / "trace-gui.log",
        env=offline_env,
    )
    assert traced.returncode == 0 and "unlocked 3" in traced.stdout, (
        traced.stdout + traced.stderr[-2000:]
    )
    assert not traced.inet_calls, f"the app opened sockets: {traced.inet_calls[:5]}"
