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
            vault.add_item(
                NewItem("file", "C", f"t{n}"),
                [NewArtifact("original", "a.txt", b"x%d" % n, "text/plain")],
            )
    shutil.copyfile(old, path)
    unlock(gui, qtbot, path)
    qtbot.waitUntil(
        lambda: any("2 custody events are missing" in t for t in _boxes(gui)), timeout=5_000
    )
    assert gui.controller.is_unlocked  # never refused


def test_damaged_log_opens_read_only_with_a_warning(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The -wal of a vault whose writer stopped without closing, with one bit flipped."""
    path = make_vault(tmp_path / "v.locker")
    writer = Vault.open(path, PASSPHRASE)
    for n in range(6):
        writer.add_item(
            NewItem("file", "C", f"t{n}"),
            [NewArtifact("original", "a.txt", b"y%d" % n, "text/plain")],
        )
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


def test_receiving_unverified_earlier_holders_asks_first(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.bundle.test_trust import _forge_earlier_holder

    made = [Vault.create(tmp_path / f"{n}.locker", PASSPHRASE) for n in ("a", "m", "r")]
    try:
        _honest, forged, uid = _forge_earlier_holder(
            made[0], made[1], made[2], tmp_path, monkeypatch
        )
    finally:
        for v in made:
            v.close()
    path = make_vault(tmp_path / "c.locker")
    unlock(gui, qtbot, path)

    def box():  # type: ignore[no-untyped-def]
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "unverifiedHoldersBox" and w.isVisible()
        ]
        return found[0] if found else None

    def confirm():  # type: ignore[no-untyped-def]
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "receiveConfirmDialog" and w.isVisible()
        ]
        return found[0] if found else None

    gui.main_window.receive_bundle(forged)
    # First the signer's fingerprint is shown to confirm, then the unproven holders asked.
    qtbot.waitUntil(lambda: confirm() is not None, timeout=20_000)
    confirm().accept()
    qtbot.waitUntil(lambda: box() is not None, timeout=20_000)
    assert "UNVERIFIED" in box().text()
    assert gui.controller.vault.list_items() == []  # nothing imported before the answer
    box().button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: len(gui.controller.vault.list_items()) == 1, timeout=20_000)
    item = gui.controller.vault.list_items()[0]
    assert item.uid == uid
    details = gui.main_window.details
    details.show_item(item.id)  # read in the background
    qtbot.waitUntil(lambda: details.item is not None and details.item.id == item.id)
    lines = [details.history.item(i).text() for i in range(details.history.count())]
    assert any(line.startswith("UNVERIFIED earlier holder") for line in lines)
