"""Tab moves on from every multi-line text field (a note, the list of web addresses, the
verify report): a keyboard user is never trapped inside one. A tab character in a note
or an address list is never what she meant."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows


def tab_leaves(qtbot, edit: QPlainTextEdit) -> bool:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.waitUntil(lambda: edit.hasFocus(), timeout=2_000)
    before = edit.toPlainText()
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    return QApplication.focusWidget() is not edit and edit.toPlainText() == before


def test_tab_leaves_the_note_field(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    main = gui.main_window
    main.activateWindow()
    main.import_paths([checkerboard(tmp_path / "a.png")])
    wait_rows(gui, qtbot, 1)
    main.grid.setCurrentIndex(main.model.index(0, 0))
    details = main.details
    qtbot.waitUntil(lambda: details.item is not None)
    assert tab_leaves(qtbot, details.note_edit)


def test_tab_leaves_the_address_list_and_the_verify_report(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.capture_dialogs import CaptureDialog
    from app.ui.dialogs import VerifyDialog

    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    capture = CaptureDialog(gui.main_window, gui.controller, "General")
    capture.show()
    capture.activateWindow()
    assert tab_leaves(qtbot, capture.urls)
    capture.close()
    report = VerifyDialog(True, "[OK] storage", gui.main_window)
    report.show()
    report.activateWindow()
    assert tab_leaves(qtbot, report.text)
    report.close()
