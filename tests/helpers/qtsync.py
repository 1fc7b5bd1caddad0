"""Waiting for the GUI's background work by its completion, not by a guessed delay."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def settle(controller: Any, timeout_ms: int = 30_000) -> None:
    """Until the controller's thread pool is idle and every result it posted to the GUI
    thread (done/failed signals, and work those start) has been delivered."""
    for _ in range(50):
        assert controller.pool.waitForDone(timeout_ms), "background work did not finish"
        QCoreApplication.sendPostedEvents(None, 0)
        QCoreApplication.processEvents()
        if controller.pool.activeThreadCount() == 0:
            return
    raise AssertionError("background work kept starting more work")
