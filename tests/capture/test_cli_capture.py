"""`locker capture-url` end to end in a subprocess, and the leak scan after it."""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point


def _isolated_env(root: Path) -> dict[str, str]:
    dirs = {
        name: root / name for name in ("home", "cache", "config", "data", "state", "tmp", "runtime")
    }
    for path in dirs.values():
        path.mkdir(mode=0o700, parents=True)
    return {
        "HOME": str(dirs["home"]),
        "XDG_CACHE_HOME": str(dirs["cache"]),
        "XDG_CONFIG_HOME": str(dirs["config"]),
        "XDG_DATA_HOME": str(dirs["data"]),
        "XDG_STATE_HOME": str(dirs["state"]),
        "TMPDIR": str(dirs["tmp"]),
        "XDG_RUNTIME_DIR": str(dirs["runtime"]),
        "QT_QPA_PLATFORM": "offscreen",
    }


def _pid_alive(name: str) -> bool:
    pid = name.split("-", 1)[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _files_containing(roots: list[Path], needles: list[bytes], since: float) -> list[str]:
    hits = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root, followlinks=False):
            for name in files:
                path = Path(dirpath) / name
                try:
                    st = path.lstat()
                    if (
                        not path.is_file()
                        or path.is_symlink()
                        or st.st_mtime < since
                        or st.st_size > 512 * 1024 * 1024
                    ):
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue
                if any(n in data for n in needles):
                    hits.append(str(path))
    return hits


def test_capture_url_prints_results_and_leaves_no_plaintext(
    tmp_path: Path, site: Any, passphrase_file: Path
) -> None:
    start = time.time() - 2
    token = f"SECRETMARK{uuid.uuid4().hex}"
    env = _isolated_env(tmp_path / "user")
    vault = tmp_path / "case.locker"
    assert locker("init", vault, passphrase_file=passphrase_file, env=env).returncode == 0

    url_list = tmp_path / "urls.txt"
    url_list.write_text(f"# list\n{site.url('/big.png')}\n", encoding="utf-8")
    good = site.url(f"/secret/{token}")
    result = locker(
        "capture-url",
        vault,
        good,
        site.url("/gone/9"),
        "--case",
        "Leak",
        "--from-file",
        url_list,
        passphrase_file=passphrase_file,
        env=env,
    )
    assert result.returncode == 1, result.stderr  # one URL failed, the rest were captured
    # One line per URL as it finishes (a failure may print before an earlier URL's item
    # commits): "ID<TAB>SHA-256<TAB>FINAL-URL" or "error<TAB>URL<TAB>why".
    rows = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert len(rows) == 3 and all(len(r) == 3 for r in rows)
    by_url = {r[2] if r[0] != "error" else r[1]: r for r in rows}
    first = by_url[good]
    assert first[0] == "1" and len(first[1]) == 64
    assert (
        by_url[site.url("/gone/9")][0] == "error" and "HTTP 404" in by_url[site.url("/gone/9")][2]
    )
    assert by_url[site.url("/big.png")][0] == "2"
    assert "Traceback" not in result.stderr

    show = locker("show", vault, "1", "--json", passphrase_file=passphrase_file, env=env)
    data = json.loads(show.stdout)
    meta = data["metadata"]
    assert meta["requested_url"] == meta["final_url"] == good
    assert meta["title"] == token and meta["http_status"] == 200
    assert {"viewport", "user_agent", "app_version", "captured_at", "screenshot"} <= set(meta)
    assert {a["role"] for a in data["artifacts"]} == {
        "page.png",
        "page.mhtml",
        "page.pdf",
        "page.txt",
    }
    assert data["sha256"] == first[1]

    # Nothing from the page in plaintext: the test's temp tree (home, cache, config, data,
    # QtWebEngine storage, TMPDIR, the vault itself), /dev/shm and the real /tmp.
    roots = [tmp_path, Path("/tmp")] + ([Path("/dev/shm")] if Path("/dev/shm").is_dir() else [])
    needles = [token.encode(), token.encode("utf-16-le")]
    assert _files_containing(roots, needles, start) == []
    canary = tmp_path / "user" / "cache" / "canary.bin"  # the scan itself does find things
    canary.write_bytes(b"xx" + token.encode("utf-16-le"))
    assert _files_containing([tmp_path], needles, start) == [str(canary)]
    # No spool folder left behind by a finished process (others may be running right now).
    from app.capture import spool

    left = [
        p
        for p in spool.spool_base().glob(f"{spool.PREFIX}*")
        if p.stat().st_mtime >= start and not _pid_alive(p.name[len(spool.PREFIX) :])
    ]
    assert left == []


def test_capture_url_json_lines_and_usage_errors(
    tmp_path: Path, site: Any, passphrase_file: Path
) -> None:
    env = _isolated_env(tmp_path / "user")
    vault = tmp_path / "v.locker"
    locker("init", vault, passphrase_file=passphrase_file, env=env)
    result = locker(
        "capture-url",
        vault,
        site.url("/page/j1"),
        "--json",
        passphrase_file=passphrase_file,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout.strip())
    assert row["ok"] is True and row["item"] == 1 and len(row["sha256"]) == 64

    none = locker("capture-url", vault, passphrase_file=passphrase_file, env=env)
    assert none.returncode == 2 and "at least one URL" in none.stderr
    bad = locker(
        "capture-url", vault, "ftp://example.org/x", passphrase_file=passphrase_file, env=env
    )
    assert bad.returncode == 1 and "Not a web address" in bad.stdout


def test_kill_during_a_batch_loses_nothing_reported_saved(
    tmp_path: Path, site: Any, passphrase_file: Path, passphrase: str
) -> None:
    import signal
    import subprocess
    import sys

    from app.vault import Vault
    from app.vault.verify import verify_vault
    from tests.helpers.cli import ROOT

    env = {**os.environ, **_isolated_env(tmp_path / "user"), "LOCKER_NO_GUI": "1"}
    vault = tmp_path / "k.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    urls = [site.url(f"/page/k{n}") for n in range(40)]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "capture-url",
            str(vault),
            *urls,
            "--passphrase-file",
            str(passphrase_file),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    reported = []
    for line in proc.stdout:
        reported.append(line.split("\t"))
        if len(reported) == 3:
            proc.send_signal(signal.SIGKILL)  # mid-batch, possibly mid-transaction
            break
    proc.wait()
    with Vault.open(vault, passphrase) as v:
        for item_id, sha, _url in reported:
            assert v.get_item(item_id).sha256 == sha
        assert verify_vault(v).ok
    from app.capture import spool

    spool.sweep_stale()  # what the next start does with the killed run's spool folder
    assert not [p for p in spool.spool_base().glob(f"{spool.PREFIX}{proc.pid}-*")]


BROWSER_SESSION = r"""
import sys
from app.capture.qt_app import ensure_app
app = ensure_app()
from PySide6.QtCore import QEventLoop, QTimer, QUrl
from app.ui.browser import BrowserWidget
from app.vault import Vault

url, vault_path, passphrase = sys.argv[1:4]
vault = Vault.create(vault_path, passphrase)
browser = BrowserWidget(lambda: vault, "Browser leak")
browser.resize(900, 700)
browser.show()
stored = []
browser.stored.connect(lambda kind, item: (stored.append(kind), loop.quit()))
browser.failed.connect(lambda message: (print("failed", message), loop.quit()))
loop = QEventLoop()
browser.loaded.connect(lambda ok: loop.quit())  # also the page that replaces it on a toggle
browser.load(url)
loop.exec()
browser._confirm_show = lambda: True  # the person confirms "Show images" in the dialog
browser.show_images.setChecked(True)
loop.exec()
browser.show_images.setChecked(False)
loop.exec()
browser.loaded.disconnect()
browser.capture_page()
loop.exec()
browser.page.download(QUrl(url), "post.html")
loop.exec()
browser.shutdown()
print(",".join(stored), vault.count_items("Browser leak"))
vault.close()
"""


def test_in_app_browser_session_leaves_no_plaintext(
    tmp_path: Path, site: Any, passphrase: str
) -> None:
    import subprocess
    import sys

    from tests.helpers.cli import ROOT

    start = time.time() - 2
    token = f"BROWSERMARK{uuid.uuid4().hex}"
    env = {**os.environ, **_isolated_env(tmp_path / "user")}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            BROWSER_SESSION,
            site.url(f"/secret/{token}"),
            str(tmp_path / "b.locker"),
            passphrase,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip().splitlines()[-1] == "capture,download 2", done.stdout + done.stderr
    roots = [tmp_path, Path("/tmp")] + ([Path("/dev/shm")] if Path("/dev/shm").is_dir() else [])
    assert _files_containing(roots, [token.encode(), token.encode("utf-16-le")], start) == []


def test_ctrl_c_stops_a_batch_cleanly(
    tmp_path: Path, site: Any, passphrase_file: Path, passphrase: str
) -> None:
    import signal
    import subprocess
    import sys

    from app.vault import Vault
    from tests.helpers.cli import ROOT

    env = {**os.environ, **_isolated_env(tmp_path / "user"), "LOCKER_NO_GUI": "1"}
    vault = tmp_path / "c.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    urls = [site.url(f"/page/i{n}") for n in range(40)]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "capture-url",
            str(vault),
            *urls,
            "--passphrase-file",
            str(passphrase_file),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    printed = [line for line in (first + rest).splitlines() if not line.startswith("error")]
    with Vault.open(vault, passphrase) as v:
        assert v.count_items() == len(printed) < 40
