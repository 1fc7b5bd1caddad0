"""A background task that finishes after the controller is gone (the app closing) does
nothing: no "Signal source has been deleted" traceback from its callback."""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication

from app.ui.attempts import AttemptLog
from app.ui.controller import Controller
from app.ui.settings import Settings


def test_task_finishing_after_the_controller_is_deleted(qtbot, qapp, config_dir: Path) -> None:  # type: ignore[no-untyped-def]
    controller = Controller(Settings(language="en"), AttemptLog(config_dir / "attempts.json"))
    release = threading.Event()
    called: list[object] = []

    def work(_ctx):  # type: ignore[no-untyped-def]
        release.wait(5)
        return 7

    def done(result: object) -> None:
        called.append(result)
        controller.status_changed.emit()

    controller.run(work, quiet=True, on_done=done)
    controller.run(
        lambda _ctx: (release.wait(5), 1 / 0),
        quiet=True,
        on_fail=lambda m: controller.status_changed.emit(),
    )
    threading.Timer(0.2, release.set).start()
    shiboken6.delete(controller)  # its pool waits for both tasks; their signals are queued
    for _ in range(5):
        QCoreApplication.processEvents()
        qtbot.wait(20)
    assert called == []  # pytest-qt fails the test on any exception in the event loop
