"""Screenshots: regions, screens, PNG originals in the vault, and the CLI under a real X
server (Xvfb) when one is installed."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.capture.errors import ScreenshotFailed
from app.capture.screenshot import (
    grab_region,
    parse_region,
    store_screenshot,
    take_screenshot,
)
from app.errors import UsageError
from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point


def test_region_is_cropped_and_stored_bit_exact(qapp: Any, vault: Any) -> None:
    shot = take_screenshot(region=(10, 20, 150, 90), allow_offscreen=True)
    image = Image.open(io.BytesIO(shot.png))
    assert image.format == "PNG" and image.size == (150, 90)
    item = store_screenshot(vault, shot, "Shots", note="chat window")
    assert item.kind == "screenshot" and item.notes == ["chat window"]
    assert vault.open_artifact(item.id, "original").read() == shot.png
    assert item.metadata["mode"] == "region"
    assert item.metadata["area"] == {"x": 10, "y": 20, "width": 150, "height": 90}
    added = [e for e in vault.custody_log(item.id) if e.event == "item_added"]
    assert added and added[0].payload["data"]["artifacts"][0]["sha256"] == item.sha256


def test_whole_screen_and_bad_requests(qapp: Any) -> None:
    shot = take_screenshot(screen=0, allow_offscreen=True)
    assert (shot.width, shot.height) == (shot.screens[0]["width"], shot.screens[0]["height"])
    with pytest.raises(UsageError, match="no screen 7"):
        take_screenshot(screen=7, allow_offscreen=True)
    with pytest.raises(UsageError, match="outside every screen"):
        grab_region(50_000, 50_000, 10, 10)
    with pytest.raises(UsageError, match="X,Y,W,H"):
        parse_region("1,2,3")
    with pytest.raises(UsageError, match="one of"):
        take_screenshot(screen=0, region=(0, 0, 1, 1), allow_offscreen=True)
    # Without a real display there is nothing true to capture: refuse, store nothing.
    with pytest.raises(ScreenshotFailed, match="no display"):
        take_screenshot()


WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.setStyleSheet('background:#12c834'); w.setGeometry(200, 150, 300, 200)
w.setWindowTitle('Chat 대화 window')
w.show(); print('shown', flush=True); app.exec()
"""


def _wait_for_x(display: str, xvfb: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Until the X server on ``display`` accepts a connection (not a guessed delay)."""
    from Xlib import display as xdisplay
    from Xlib.error import DisplayError

    deadline = time.monotonic() + timeout
    while True:
        assert xvfb.poll() is None, "Xvfb exited"
        try:
            xdisplay.Display(display).close()
            return
        except DisplayError:
            assert time.monotonic() < deadline, f"Xvfb on {display} did not start"
            time.sleep(0.05)


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_cli_screenshot_of_a_region_under_a_real_x_server(
    tmp_path: Path, passphrase_file: Path, passphrase: str
) -> None:
    display = f":{40 + os.getpid() % 500}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    window = None
    try:
        _wait_for_x(display, xvfb)
        window = subprocess.Popen(
            [sys.executable, "-c", WINDOW],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **env},
        )
        assert window.stdout is not None and window.stdout.readline().strip() == b"shown"
        time.sleep(0.8)
        vault = tmp_path / "shots.locker"
        locker("init", vault, passphrase_file=passphrase_file)
        result = locker(
            "screenshot",
            vault,
            "--region",
            "250,200,100,80",
            "--delay",
            "0.2",
            "--case",
            "Shots",
            passphrase_file=passphrase_file,
            env=env,
        )
        if "could not load the Qt platform plugin" in result.stderr.lower():
            pytest.skip("the xcb platform libraries are not installed")
        assert result.returncode == 0, result.stderr
        item_id, sha, size = result.stdout.strip().split("\t")
        assert size == "100x80" and len(sha) == 64
        listed = locker("screenshot", vault, "--list-screens", env=env)
        assert listed.stdout.startswith("0\t1024x768+0+0")

        windows = locker("screenshot", vault, "--list-windows", env=env)
        assert windows.returncode == 0, windows.stderr
        chat = [
            line.split("\t")
            for line in windows.stdout.splitlines()
            if line.endswith("Chat 대화 window")
        ]
        assert len(chat) == 1 and chat[0][1] == "300x200+200+150"
        shot = locker(
            "screenshot",
            vault,
            "--window",
            chat[0][0],
            "--json",
            passphrase_file=passphrase_file,
            env=env,
        )
        assert shot.returncode == 0, shot.stderr
        window_item = json.loads(shot.stdout)
        assert window_item["metadata"]["mode"] == "window"
        assert window_item["metadata"]["window_title"] == "Chat 대화 window"
        assert window_item["title"] == "Chat 대화 window"
    finally:
        if window is not None:
            window.kill()
            window.wait()
        xvfb.kill()
        xvfb.wait()

    from app.vault import Vault

    with Vault.open(vault, passphrase) as v:
        png = v.open_artifact(item_id, "original").read()
        assert v.get_item(item_id).kind == "screenshot"
        whole = v.open_artifact(window_item["id"], "original").read()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (100, 80)
    assert image.getpixel((50, 40)) == (0x12, 0xC8, 0x34)  # the window's colour, grabbed
    window_png = Image.open(io.BytesIO(whole)).convert("RGB")
    assert window_png.size == (300, 200)
    assert window_png.getpixel((150, 100)) == (0x12, 0xC8, 0x34)


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_headless_capture_never_shows_the_page_on_a_real_display(
    tmp_path: Path, passphrase_file: Path, site: Any
) -> None:
    """On a desktop, capture-url renders off screen: no window ever appears."""
    import threading

    display = f":{600 + os.getpid() % 300}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: list[tuple[int, int]] = []
    stop = threading.Event()
    watcher: threading.Thread | None = None
    try:
        _wait_for_x(display, xvfb)
        from Xlib import X
        from Xlib import display as xdisplay

        def watch() -> None:
            conn = xdisplay.Display(display)
            root = conn.screen().root
            while not stop.is_set():
                for window in root.query_tree().children:
                    try:
                        if window.get_attributes().map_state == X.IsViewable:
                            geom = window.get_geometry()
                            seen.append((geom.width, geom.height))
                    except Exception:  # noqa: BLE001 - windows come and go
                        pass
                time.sleep(0.02)
            conn.close()

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        vault = tmp_path / "x.locker"
        locker("init", vault, passphrase_file=passphrase_file)
        result = locker(
            "capture-url",
            vault,
            site.url("/sharp"),
            site.url("/tall"),
            passphrase_file=passphrase_file,
            env={"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
        )
        if "could not load the Qt platform plugin" in result.stderr.lower():
            pytest.skip("the xcb platform libraries are not installed")
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.strip().splitlines()) == 2
    finally:
        stop.set()
        if watcher is not None:
            watcher.join(timeout=5)
        xvfb.kill()
        xvfb.wait()
    assert seen == [], f"windows were shown: {sorted(set(seen))}"
