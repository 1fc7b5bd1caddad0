"""After a session in the app (import, notes, reveal, verify, lock) nothing from the
evidence is found in the temp, config, cache or data folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from tests.ui.conftest import make_vault, unlock, wait_rows

MARKER = "ZQXJ-marker-7734"


def scan(folder: Path) -> list[Path]:
    hits = []
    needles = (MARKER.encode(), MARKER.encode("utf-16-le"))
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if MARKER in name:
                hits.append(path)
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if any(n in data for n in needles):
                hits.append(path)
    return hits


def test_a_session_leaves_no_evidence_outside_the_vault(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    config_dir: Path,
) -> None:
    evidence_dir = tmp_path / "source"
    evidence_dir.mkdir()
    scratch = tmp_path / "scratch"
    for sub in ("tmp", "cache", "data", "xdgconfig"):
        (scratch / sub).mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(scratch / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch / "tmp"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(scratch / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(scratch / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(scratch / "xdgconfig"))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKER)
    image = evidence_dir / f"{MARKER}.png"
    Image.new("RGB", (300, 200), (200, 30, 30)).save(image, pnginfo=info)
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    main = gui.main_window
    main.import_paths([image])
    wait_rows(gui, qtbot, 1)
    main.table.selectRow(0)
    details = main.details
    qtbot.waitUntil(lambda: details.item is not None)
    details.note_edit.setPlainText(f"note {MARKER}")
    details.add_note_button.click()
    qtbot.waitUntil(lambda: details.notes.count() == 1, timeout=10_000)
    details.reveal.hold(True)
    qtbot.waitUntil(lambda: details.reveal.revealed, timeout=10_000)
    details.reveal.hold(False)
    gui.controller.verify()
    qtbot.waitUntil(lambda: gui.controller.last_verify is not None, timeout=30_000)
    gui.controller.lock("user")
    gui.controller.settings.save()
    assert scan(scratch) == []
    assert scan(config_dir) == []
    assert MARKER.encode() not in path.read_bytes()  # the vault itself is encrypted
