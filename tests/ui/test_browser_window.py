"""The browser window: "Show images" is asked for once per window, and the title says
truthfully whether images are shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.conftest import make_vault, unlock


def test_title_follows_the_confirmed_choice_per_window(
    gui: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.browser import BrowserWindow

    unlock(gui, qtbot, make_vault(tmp_path / "v.locker"))
    asked: list[int] = []
    reply = [QMessageBox.StandardButton.No]

    def question(*_args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(1)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    first = BrowserWindow(gui.controller, "Case A")
    qtbot.addWidget(first)
    assert "blurred" in first.windowTitle()
    first.browser.show_images.setChecked(True)  # declined
    assert not first.browser.images_shown() and "blurred" in first.windowTitle()
    reply[0] = QMessageBox.StandardButton.Yes
    first.browser.show_images.setChecked(True)
    assert first.browser.images_shown() and "shown" in first.windowTitle()
    first.browser.show_images.setChecked(False)
    assert "blurred" in first.windowTitle()
    first.browser.show_images.setChecked(True)
    assert len(asked) == 2  # confirmed once for this window

    second = BrowserWindow(gui.controller, "Case A")  # another window asks again
    qtbot.addWidget(second)
    assert "blurred" in second.windowTitle()
    second.browser.show_images.setChecked(True)
    assert len(asked) == 3 and "shown" in second.windowTitle()
    first.close()
    second.close()
