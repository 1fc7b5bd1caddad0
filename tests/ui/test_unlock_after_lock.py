"""Getting back in after a lock: the unlock form for the vault that was open, with why
it locked and nothing else to choose; a fresh start follows "remember recent vaults";
the "Receive a bundle" tab says a vault is needed and offers to create one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_vault, unlock


def test_after_auto_lock_only_the_open_vault_is_offered(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    window = gui.unlock_window
    window.create_tab.click()  # where she was before opening (e.g. looked at "create")
    unlock(gui, qtbot, path)
    assert not gui.controller.settings.remember_recent
    gui.lock_if_open("idle")
    assert window.isVisible() and not gui.controller.is_unlocked
    assert window.open_tab.isChecked() and window.pages.currentIndex() == 0
    assert window.path_edit.text() == str(path) and window.path_edit.isReadOnly()
    assert window.lock_note.isVisible()
    assert window.lock_note.text().startswith("Locked after 5 minutes without use.")
    # Nothing else to choose: no tabs, no file dialog button.
    for widget in (window.open_tab, window.create_tab, window.bundle_tab, window.path_button):
        assert not widget.isVisible()
    assert window.pass_edit.hasFocus() or not window.isActiveWindow()
    # The passphrase gets her back in.
    window.pass_edit.setText(PASSPHRASE)
    window.unlock_button.click()
    qtbot.waitUntil(lambda: gui.controller.is_unlocked, timeout=15_000)


def test_after_lock_another_vault_can_still_be_opened(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = make_vault(tmp_path / "a.locker"), make_vault(tmp_path / "b.locker")
    window = gui.unlock_window
    unlock(gui, qtbot, first)
    gui.main_window.act_lock.trigger()
    assert window.lock_note.text().startswith("Locked.")
    window.other_vault_button.click()
    assert window.path_edit.text() == "" and not window.path_edit.isReadOnly()
    assert window.path_button.isVisible() and window.create_tab.isVisible()
    assert not window.lock_note.isVisible()
    unlock(gui, qtbot, second)
    assert gui.controller.vault_path == second


def test_session_lock_says_why(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    gui.lock_if_open("session")
    assert "computer was locked" in gui.unlock_window.lock_note.text()
    assert gui.unlock_window.path_edit.text() == str(path)


def test_fresh_start_follows_remember_recent(
    qtbot, qapp, tmp_path: Path, config_dir: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.attempts import AttemptLog
    from app.ui.controller import Controller
    from app.ui.settings import Settings
    from app.ui.unlock_window import UnlockWindow

    path = str(make_vault(tmp_path / "v.locker"))
    off = Controller(
        Settings(language="en", recent_vaults=[]), AttemptLog(config_dir / "a.json", clock)
    )
    window = UnlockWindow(off)
    qtbot.addWidget(window)
    assert window.path_edit.text() == "" and not window.lock_note.isVisible()
    on = Controller(
        Settings(language="en", remember_recent=True, recent_vaults=[path]),
        AttemptLog(config_dir / "a.json", clock),
    )
    window = UnlockWindow(on)
    qtbot.addWidget(window)
    assert window.path_edit.text() == path and not window.path_edit.isReadOnly()


def test_receive_tab_needs_a_vault_and_offers_to_create_one(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = gui.unlock_window
    if not window.bundle_tab.isVisible():
        return  # this build cannot receive bundles
    window.bundle_tab.click()
    assert window.bundle_note.isVisible()
    assert "vault you already have" in window.bundle_note.text()
    bundle = tmp_path / "from-counsellor.bundle"
    bundle.write_bytes(b"not a real bundle")
    window.bundle_edit.setText(str(bundle))
    qtbot.mouseClick(window.bundle_create_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert window.create_tab.isChecked() and window.pages.currentIndex() == 1
    assert "bundle" in window.status.text()
    window.new_path_edit.setText(str(tmp_path / "mine.locker"))
    window.new_pass_edit.setText(PASSPHRASE)
    window.repeat_edit.setText(PASSPHRASE)
    received: list[Path] = []
    gui.main_window.receive_bundle = lambda path, secret=None: received.append(path)
    window.create_button.click()
    qtbot.waitUntil(lambda: gui.controller.is_unlocked, timeout=15_000)
    assert received == [bundle]  # the new vault receives it next
    with Vault.open(tmp_path / "mine.locker", PASSPHRASE):
        pass
