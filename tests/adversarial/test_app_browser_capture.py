"""The full desktop app (with its quick-exit and idle-lock event filters) capturing a page
from the in-app browser: the app must keep running, store the capture, and leave no
marker from the page in the temp, cache, config or data folders (QtWebEngine's storage).

Regression (found by this suite): App used application-wide Python event filters (quick
exit, idle lock). During an in-app browser capture PySide6 wrapped QtWebEngine's internal
QObjects to call them and died with SIGSEGV (__dynamic_cast in Shiboken findDerivedType <-
getWrapperForQObject <- sendThroughApplicationEventFilters). Fixed in app/ui by watching
each top-level window instead (commit 59e45b9).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.vault import Vault
from tests.adversarial.util import scan_for, synthetic_png
from tests.conftest import PASSPHRASE
from tests.helpers.cli import ROOT
from tests.helpers.http import PageHandler, serve


@pytest.fixture
def marked_page() -> Iterator[tuple[str, str]]:
    marker = f"BROWSEMARK{uuid.uuid4().hex[:12]}"
    image = synthetic_png(120, 90, seed=4, text=marker)
    html = (
        f"<html><head><title>{marker}</title></head><body><h1>{marker}</h1>"
        f'<img src="/pic.png"></body></html>'
    ).encode()

    class Handler(PageHandler):
        def do_GET(self) -> None:
            body, ctype = (
                (image, "image/png") if self.path.startswith("/pic") else (html, "text/html")
            )
            self.send(200, body, ctype)

    with serve(Handler) as base:
        yield f"{base}/post", marker


def test_app_captures_from_its_browser_and_leaves_no_trace(
    tmp_path: Path, passphrase_file: Path, marked_page: tuple[str, str]
) -> None:
    url, marker = marked_page
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    vault = tmp_path / "v.locker"
    Vault.create(vault, PASSPHRASE).close()
    env = dict(
        os.environ,
        HOME=str(home),
        TMPDIR=str(tmp),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local/share"),
        LOCKER_CONFIG_DIR=str(home / ".config/locker"),
        LEAK_MARKERS=marker,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.adversarial.gui_session",
            str(vault),
            str(passphrase_file),
            "--seconds",
            "1",
            "--browse",
            url,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, f"the app died ({result.returncode}): {result.stderr[-1500:]}"
    assert "browsed stored" in result.stdout and "clipboard clean" in result.stdout, result.stdout
    needles = [marker.encode(), marker.encode("utf-16-le")]
    hits = scan_for(home, needles) + scan_for(tmp, needles) + scan_for(tmp_path, needles)
    assert not hits, hits[:20]
    with Vault.open(vault, PASSPHRASE) as v:
        assert v.count_items(case="Browsed") == 1
