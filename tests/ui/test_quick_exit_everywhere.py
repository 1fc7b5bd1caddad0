"""The red quick-exit button is on every window and dialog that can hold focus (a dialog
covers the main window's), and works from there; the neutral title covers the in-app
browser's window too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from tests.ui.conftest import make_vault, unlock


def _exit_button(window: QWidget, qtbot) -> QToolButton:  # type: ignore[no-untyped-def]
    found: list[QToolButton] = []

    def has() -> bool:
        found[:] = [b for b in window.findChildren(QToolButton, "quickExit") if b.isVisible()]
        return bool(found)

    qtbot.waitUntil(has, timeout=3_000)
    return found[0]


def _top(kind: str) -> Any:  # the window's own class (reject, browser, ...)
    return next(
        w for w in QApplication.topLevelWidgets() if w.isVisible() and type(w).__name__ == kind
    )


def test_browser_window_has_quick_exit_and_neutral_title(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gui.controller.settings.neutral_title = True
    gui.apply_settings()
    unlock(gui, qtbot, make_vault(tmp_path / "v.locker"))
    gui.main_window.act_browser.trigger()
    qtbot.waitUntil(
        lambda: any(
            type(w).__name__ == "BrowserWindow" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        ),
        timeout=10_000,
    )
    window = _top("BrowserWindow")
    button = _exit_button(window, qtbot)
    qtbot.waitUntil(lambda: window.windowTitle() == "Notes", timeout=3_000)
    window.setWindowTitle("Browser (images blurred)")  # e.g. on a language change
    assert window.windowTitle() == "Notes"
    reasons: list[str] = []
    gui.controller.locked.connect(reasons.append)
    button.click()
    assert reasons == ["quick_exit"]
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())


def test_dialogs_have_quick_exit(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unlock(gui, qtbot, make_vault(tmp_path / "v.locker"))
    main = gui.main_window
    main.act_settings.trigger()
    dialog = _top("SettingsDialog")
    _exit_button(dialog, qtbot)
    dialog.reject()
    if main.act_capture.isVisible():
        main.act_capture.trigger()
        dialog = _top("CaptureDialog")
        button = _exit_button(dialog, qtbot)
        reasons: list[str] = []
        gui.controller.locked.connect(reasons.append)
        button.click()
        assert reasons == ["quick_exit"] and not dialog.isVisible()


def test_unlock_window_has_quick_exit(gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    _exit_button(gui.unlock_window, qtbot)
