"""Every control a person can reach has a name (text or accessible name), can take
keyboard focus, and every main action has a keyboard shortcut."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QSpinBox,
    QToolBar,
    QWidget,
)

INPUTS = (QLineEdit, QPlainTextEdit, QAbstractItemView, QComboBox, QSpinBox)


def unnamed_controls(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton):
            if not (widget.text() or widget.accessibleName()):
                problems.append(f"button {widget.objectName() or widget}")
            if (
                widget.focusPolicy() == Qt.FocusPolicy.NoFocus
                and widget.parent() is not None
                and not isinstance(widget.parent(), (QToolBar, QScrollBar))
            ):
                problems.append(f"button without keyboard focus: {widget.text()}")
        elif isinstance(widget, INPUTS) and type(widget).__name__ != "QComboBoxListView":
            if (
                not widget.accessibleName()
                and widget.parent() is not None
                and not isinstance(widget.parent(), (QComboBox, QSpinBox))
            ):
                problems.append(f"{type(widget).__name__} {widget.objectName()}")
    return problems


def test_unlock_window_controls_are_named(gui) -> None:  # type: ignore[no-untyped-def]
    assert unnamed_controls(gui.unlock_window) == []


def test_main_window_controls_are_named_and_actions_have_keys(
    gui, qtbot, checker_vault: Path
) -> None:  # type: ignore[no-untyped-def]
    main = gui.main_window
    main.grid.setCurrentIndex(main.model.index(0, 0))
    qtbot.waitUntil(lambda: main.details.item is not None)
    assert unnamed_controls(main) == []
    for action in main.toolbar.actions():
        if action.isVisible() and action.text():
            assert not action.shortcut().isEmpty(), action.text()
    # The list can be used from the keyboard: arrows move, the details follow.
    main.grid.setFocus()
    qtbot.keyClick(main.grid, Qt.Key.Key_Home)
    assert main.details.item is not None
