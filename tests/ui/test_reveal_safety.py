"""Reveal never leaves an original on screen: a release anywhere, focus loss, window
deactivation and lock all re-blur; key auto-repeat neither flickers, nor logs more
than one reveal, nor defeats the time cap; the layout never moves the held button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def _open_item(gui, qtbot, text_only: bool = False):  # type: ignore[no-untyped-def]
    """The item of the ``checker_vault`` fixture, selected, its reveal control ready."""
    main = gui.main_window
    main.resize(1366, 768)
    if text_only:
        main.act_text_only.trigger()
    main.table.selectRow(0)
    reveal = main.details.reveal
    qtbot.waitUntil(lambda: reveal.item_id is not None and reveal.button.isEnabled())
    main.activateWindow()
    qtbot.waitUntil(lambda: main.isActiveWindow(), timeout=5_000)
    qtbot.wait(100)  # layout settled, as when a person reaches for the button
    return main, reveal


def _reveals(gui, item_id: int) -> int:  # type: ignore[no-untyped-def]
    log = gui.controller.require_vault().custody_log(item_id)
    return [e.event for e in log].count("item_revealed")


def _key(button: QWidget, kind: QEvent.Type, repeat: bool) -> None:
    QApplication.sendEvent(
        button, QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", repeat)
    )


def test_release_counts_when_the_button_has_moved_away(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    _main, reveal = _open_item(gui, qtbot, text_only=True)
    before = reveal.button.mapToGlobal(QPoint(0, 0))
    qtbot.mousePress(reveal.button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    qtbot.wait(50)
    # Text-only mode: the original appears in reserved space, the button stays put.
    assert reveal.button.mapToGlobal(QPoint(0, 0)) == before
    # The pointer is no longer over the button when it is let go: still a release.
    qtbot.mouseRelease(reveal.button, Qt.MouseButton.LeftButton, pos=QPoint(-300, -300))
    assert not reveal.revealed
    assert reveal.canvas.image is None  # text-only: nothing at all, not even the blur


def test_space_auto_repeat_is_one_reveal_and_the_cap_holds(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    _main, reveal = _open_item(gui, qtbot)
    item_id = reveal.item_id
    reveal.timer.setInterval(600)
    reveal.button.setFocus()
    _key(reveal.button, QEvent.Type.KeyPress, False)
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    shown = reveal.canvas.image
    # X11 auto-repeat: release/press pairs flagged as auto-repeat, ~30 per second.
    for _ in range(30):
        _key(reveal.button, QEvent.Type.KeyRelease, True)
        assert reveal.revealed or reveal.timer.remainingTime() <= 0  # no flicker
        _key(reveal.button, QEvent.Type.KeyPress, True)
        qtbot.wait(33)
    assert not reveal.revealed, "the cap must hold while the key is held"
    assert reveal.canvas.image is not shown
    qtbot.wait(300)
    assert not reveal.revealed
    _key(reveal.button, QEvent.Type.KeyRelease, False)
    gui.controller.pool.waitForDone(5_000)
    assert _reveals(gui, item_id) == 1
    # A new, real press is a new reveal.
    qtbot.wait(250)
    _key(reveal.button, QEvent.Type.KeyPress, False)
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    _key(reveal.button, QEvent.Type.KeyRelease, False)
    assert not reveal.revealed
    gui.controller.pool.waitForDone(5_000)
    assert _reveals(gui, item_id) == 2


def test_focus_loss_reblurs(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    main, reveal = _open_item(gui, qtbot)
    reveal.button.setFocus()
    _key(reveal.button, QEvent.Type.KeyPress, False)
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    main.details.tag_edit.setFocus()  # e.g. Tab, or a click elsewhere, key still down
    qtbot.waitUntil(lambda: not reveal.revealed, timeout=1_000)
    assert reveal.canvas.image is reveal.blurred


def test_window_deactivation_reblurs(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    main, reveal = _open_item(gui, qtbot)
    qtbot.mousePress(reveal.canvas, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not main.isActiveWindow(), timeout=5_000)
    assert not reveal.revealed
    assert reveal.canvas.image is reveal.blurred


def test_lock_reblurs_while_held(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    _main, reveal = _open_item(gui, qtbot)
    qtbot.mousePress(reveal.button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    gui.controller.lock("idle")
    assert not reveal.revealed
    assert reveal.canvas.image is None and reveal.blurred is None
    assert not reveal.button.isDown()


def test_unflagged_key_repeat_does_not_reveal_again(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    """Auto-repeat some X servers do not flag: quick release/press pairs."""
    _main, reveal = _open_item(gui, qtbot)
    item_id = reveal.item_id
    reveal.button.setFocus()
    _key(reveal.button, QEvent.Type.KeyPress, False)
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    for _ in range(20):
        _key(reveal.button, QEvent.Type.KeyRelease, False)
        assert not reveal.revealed  # a release is a release
        _key(reveal.button, QEvent.Type.KeyPress, False)
        qtbot.wait(30)
        assert not reveal.revealed
    _key(reveal.button, QEvent.Type.KeyRelease, False)
    gui.controller.pool.waitForDone(5_000)
    assert _reveals(gui, item_id) == 1
