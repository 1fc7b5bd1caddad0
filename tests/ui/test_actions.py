"""Verify with a readable report, cancel running work, drop files on the window, and a
lock that happens while the key is still being derived."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.ui.dialogs import VerifyDialog
from tests.conftest import PASSPHRASE
from tests.helpers.qtsync import settle
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows


def test_verify_vault_shows_a_report_and_updates_the_status(
    gui, qtbot, checker_vault: Path
) -> None:  # type: ignore[no-untyped-def]
    main = gui.main_window
    assert "not run yet" in main.status.verified.text()
    main.act_verify.trigger()
    qtbot.waitUntil(lambda: main.findChild(VerifyDialog) is not None, timeout=20_000)
    dialog = main.findChild(VerifyDialog)
    assert dialog.ok and "Everything holds" in dialog.summary.text()
    assert "[OK]" in dialog.text.toPlainText()
    assert "passed" in main.status.verified.text()
    assert gui.controller.require_vault().custody_log()[-1].event == "vault_verified"
    dialog.reject()
    # The result is remembered in the custody log, so the next session shows it too.
    gui.controller.lock("user")
    unlock(gui, qtbot, checker_vault)
    qtbot.waitUntil(lambda: "passed" in main.status.verified.text(), timeout=5_000)


def test_cancel_a_running_import_keeps_nothing(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    big = tmp_path / "big.bin"
    with open(big, "wb") as fh:
        fh.truncate(300 * 1024 * 1024)
    unlock(gui, qtbot, path)
    main = gui.main_window
    ended: list[str] = []
    gui.controller.task_failed.connect(lambda task_id, message: ended.append("failed"))
    gui.controller.task_finished.connect(lambda task_id, summary: ended.append("finished"))
    main.import_paths([big])
    qtbot.waitUntil(lambda: main.status.cancel_button.isVisibleTo(main), timeout=5_000)
    assert "Importing 1 file" in main.status.task_label.text()
    main.status.cancel_button.click()
    qtbot.waitUntil(lambda: bool(ended), timeout=30_000)
    assert gui.controller.require_vault().count_items(archived=None) == 0
    assert not main.status.cancel_button.isVisibleTo(main)


def test_dropping_files_imports_them_into_the_selected_case(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    main = gui.main_window
    main.add_case("Case 7")
    assert main.target_case() == "Case 7"
    files = [checkerboard(tmp_path / "a.png"), checkerboard(tmp_path / "b.png", cell=30)]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    main.dropEvent(event)
    wait_rows(gui, qtbot, 2)
    vault = gui.controller.require_vault()
    assert {i.case for i in vault.list_items()} == {"Case 7"}


def test_lock_while_unlocking_never_opens_the_window(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    window = gui.unlock_window
    window.path_edit.setText(str(path))
    window.pass_edit.setText(PASSPHRASE)
    window.unlock_button.click()
    gui.controller.quick_exit()  # while Argon2id is still running
    settle(gui.controller)  # the unlock finished and its result was delivered
    assert not gui.controller.is_unlocked
    assert not gui.main_window.isVisible()


def test_errors_are_explained_in_korean(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    settings = gui.controller.settings
    settings.language = "ko"
    gui.save_settings(settings)
    errors: list[str] = []
    gui.controller.error.connect(errors.append)
    gui.main_window.import_paths([tmp_path / "does-not-exist.png"])
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    first, detail = errors[0].split("\n", 1)
    assert first == "필요한 파일이나 항목을 찾지 못했습니다."
    assert "does-not-exist.png" in detail
