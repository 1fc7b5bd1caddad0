"""Quick exit (button and shortcut, also during an import), auto-lock after idle time,
lock on session lock, and throttled unlock attempts with the history line."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import Qt

from app.vault import Vault
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_vault, unlock


def _hidden_and_locked(app) -> bool:  # type: ignore[no-untyped-def]
    return not app.controller.is_unlocked and not app.main_window.isVisible()


def test_quick_exit_button_hides_and_locks_within_a_second(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    vault = gui.controller.vault
    start = time.monotonic()
    gui.main_window.quick_exit_button.click()
    assert time.monotonic() - start < 1.0
    assert _hidden_and_locked(gui) and vault.closed
    assert not gui.unlock_window.isVisible()  # nothing left on screen


def test_quick_exit_keys_work_wherever_the_focus_is(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    main = gui.main_window
    main.cases.setFocus()  # a list view, which takes many keys itself
    # Keys are sent through the window system (the window), as a real keyboard does.
    qtbot.keyClick(main.windowHandle(), Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: _hidden_and_locked(gui), timeout=1_000)

    unlock(gui, qtbot, path)
    main.details.tag_edit.setFocus()  # a text field
    qtbot.keyClick(
        main.windowHandle(),
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _hidden_and_locked(gui), timeout=1_000)
    assert main.details.tag_edit.text() == ""


def test_quick_exit_from_the_unlock_window_hides_it(gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert gui.unlock_window.isVisible()
    gui.unlock_window.pass_edit.setFocus()
    qtbot.keyClick(gui.unlock_window.windowHandle(), Qt.Key.Key_F12)
    assert not gui.unlock_window.isVisible()


def test_quick_exit_during_import_keeps_no_partial_item(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    big = tmp_path / "big.bin"
    with open(big, "wb") as fh:
        fh.truncate(400 * 1024 * 1024)
    unlock(gui, qtbot, path)
    progress: list[int] = []
    gui.controller.task_progress.connect(lambda task_id, done, total: progress.append(done))
    gui.main_window.import_paths([big])
    qtbot.waitUntil(lambda: bool(progress), timeout=20_000)
    start = time.monotonic()
    gui.controller.quick_exit()
    elapsed = time.monotonic() - start
    assert _hidden_and_locked(gui)
    assert elapsed < 1.0, f"quick exit took {elapsed:.2f} s"
    gui.controller.pool.waitForDone(20_000)
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.count_items(archived=None) == 0
        assert [e.event for e in vault.custody_log()] == ["vault_created"]
        assert verify_vault(vault).ok


def test_auto_lock_after_idle(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    reasons: list[str] = []
    gui.controller.locked.connect(reasons.append)
    gui.idle.set_timeout(1500)
    gui.idle.start()
    qtbot.wait(1000)
    # Input through the window system restarts the countdown.
    qtbot.keyClick(gui.main_window.windowHandle(), Qt.Key.Key_Down)
    qtbot.wait(1000)  # 2 s since the start, 1 s since the key: not idle yet
    assert gui.controller.is_unlocked
    qtbot.waitUntil(lambda: not gui.controller.is_unlocked, timeout=5_000)
    assert reasons == ["idle"]
    assert gui.unlock_window.isVisible() and not gui.main_window.isVisible()
    # Back to the unlock form for the vault that was open, saying why (issue 13).
    assert gui.unlock_window.path_edit.text() == str(path)
    assert "Locked after 5 minutes without use" in gui.unlock_window.lock_note.text()


def test_default_auto_lock_is_five_minutes(gui) -> None:  # type: ignore[no-untyped-def]
    assert gui.controller.settings.autolock_minutes == 5
    assert gui.idle.timer.interval() == 5 * 60_000


def test_session_lock_signal_locks(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    gui.session.on_screensaver(True)  # what the D-Bus ActiveChanged(true) signal calls
    qtbot.waitUntil(lambda: not gui.controller.is_unlocked, timeout=2_000)


def test_wrong_passphrase_five_times_is_throttled_and_reported(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    clock,
    config_dir: Path,
) -> None:
    path = make_vault(tmp_path / "v.locker")
    before = path.read_bytes()
    window = gui.unlock_window
    window.path_edit.setText(str(path))
    for attempt in range(5):
        qtbot.waitUntil(lambda: window.unlock_button.isEnabled(), timeout=10_000)
        window.pass_edit.setText(f"wrong guess {attempt}")
        with qtbot.waitSignal(gui.controller.unlock_failed, timeout=15_000):
            window.unlock_button.click()
        if attempt < 4:
            clock.advance(3600)  # let any delay pass; the count still grows
    assert "Too many attempts" in window.status.text()
    assert not window.unlock_button.isEnabled()
    assert gui.controller.attempts.wait_seconds(path) > 0
    # While throttled, even the right passphrase is not tried.
    gui.controller.unlock(path, PASSPHRASE)
    assert not gui.controller.is_unlocked
    assert path.read_bytes() == before  # failures never touch the vault
    record = (config_dir / "attempts.json").read_text()
    assert str(path) not in record and "v.locker" not in record
    assert set(json.loads(record)[next(iter(json.loads(record)))]) <= {"times", "count"}

    clock.advance(3600)
    qtbot.waitUntil(lambda: window.unlock_button.isEnabled(), timeout=3_000)
    unlock(gui, qtbot, path)
    line = gui.main_window.history_line.text()
    assert "5 failed attempts" in line
    assert gui.main_window.history_line.isVisible()
    # The successful unlock is recorded in the vault; the next line reports it.
    gui.controller.lock("user")
    unlock(gui, qtbot, path)
    line = gui.main_window.history_line.text()
    assert "Last unlocked" in line and "No failed attempts" in line


def test_nothing_but_settings_and_attempts_in_config(
    gui, qtbot, tmp_path: Path, config_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    gui.controller.lock("user")
    names = sorted(os.listdir(config_dir)) if config_dir.exists() else []
    # heads.json: the last chain head seen per vault (rollback detection), keyed by a
    # hash of the vault id; nothing about the evidence or the vault's name.
    assert set(names) <= {"settings.json", "attempts.json", "heads.json"}
    if "settings.json" in names:
        assert str(path) not in (config_dir / "settings.json").read_text()  # no recent list
    if "heads.json" in names:
        heads = (config_dir / "heads.json").read_text()
        with Vault.open(path, PASSPHRASE) as vault:
            vault_id = vault.vault_id
        assert path.name not in heads and vault_id not in heads


def test_quick_exit_hides_the_browser_and_capture_dialogs_too(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    main = gui.main_window
    opened = []
    for action in (main.act_browser, main.act_capture, main.act_settings):
        if action.isVisible():
            action.trigger()
            opened.append(action)
    qtbot.waitUntil(
        lambda: len([w for w in QApplication.topLevelWidgets() if w.isVisible()]) >= 1 + len(opened)
    )
    # The front window has become the active one (where the window system sends keys).
    qtbot.waitUntil(
        lambda: (
            QApplication.activeWindow() is not None
            and QApplication.activeWindow()
            is (QApplication.activeModalWidget() or QApplication.activeWindow())
        )
    )
    # The key goes through the window system to the front window (here a modal dialog,
    # which blocks the main window's shortcuts): the window filters still catch it.
    front = QApplication.activeModalWidget() or QApplication.activeWindow() or main
    qtbot.keyClick(front.windowHandle(), Qt.Key.Key_F12)
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not gui.controller.is_unlocked
