"""Issue 11 §3/§4 in the app: a rolled-back vault and a damaged leftover -wal are said
out loud right after unlocking (never refused)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.vault import Vault
from app.vault.models import NewArtifact, NewItem
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_vault, unlock


def _boxes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.text() for b in app.main_window.findChildren(QMessageBox) if b.isVisible()]


def test_rolled_back_vault_warns_after_unlock(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    old = tmp_path / "old.locker"
    shutil.copyfile(path, old)
    with Vault.open(path, PASSPHRASE) as vault:  # this computer sees two more events
        for n in range(2):
            vault.add_item(NewItem("file", "C", f"t{n}"),
                           [NewArtifact("original", "a.txt", b"x%d" % n, "text/plain")])
    shutil.copyfile(old, path)
    unlock(gui, qtbot, path)
    qtbot.waitUntil(lambda: any("2 custody events are missing" in t for t in _boxes(gui)),
                    timeout=5_000)
    assert gui.controller.is_unlocked  # never refused


def test_damaged_log_opens_read_only_with_a_warning(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The -wal of a vault whose writer stopped without closing, with one bit flipped."""
    path = make_vault(tmp_path / "v.locker")
    writer = Vault.open(path, PASSPHRASE)
    for n in range(6):
        writer.add_item(NewItem("file", "C", f"t{n}"),
                        [NewArtifact("original", "a.txt", b"y%d" % n, "text/plain")])
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for s in ("", "-wal", "-shm"):  # the files as a crash leaves them
        shutil.copyfile(f"{path}{s}", f"{crashed / 'v.locker'}{s}")
    writer.close()
    wal = crashed / "v.locker-wal"
    data = bytearray(wal.read_bytes())
    data[32 + 2 * (24 + 4096) + 24 + 100] ^= 1
    wal.write_bytes(bytes(data))
    unlock(gui, qtbot, crashed / "v.locker")
    qtbot.waitUntil(lambda: any("opened read-only" in t for t in _boxes(gui)), timeout=5_000)
    assert gui.controller.vault.damaged_log is not None
