"""The red quick-exit button on every window and dialog that can hold focus (the main
window has its own toolbar). Dialogs cover the main window's button, so each gets its
own: in the row a window offers (``quick_exit_row``), else in its button box when it has
one, else in a row at the top; a separate main window
(the in-app browser) gets a toolbar. The neutral title ("Notes") is applied to every
parentless window as well, and kept when the window changes its own title."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QDialogButtonBox,
    QHBoxLayout,
    QMainWindow,
    QToolBar,
    QToolButton,
    QWidget,
)

MARK = "quickExitAttached"


def quick_exit_button(action: QAction, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setObjectName("quickExit")
    button.setDefaultAction(action)
    return button


def attach(window: QWidget, action: QAction) -> bool:
    """Give ``window`` a quick-exit button once. Returns whether one was added."""
    if window.property(MARK):
        return False
    if isinstance(window, QMainWindow):
        bar = QToolBar(window)
        bar.setObjectName("exitToolbar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setEnabled(False)
        bar.addWidget(quick_exit_button(action, bar))
        window.addToolBar(bar)
    elif isinstance(getattr(window, "quick_exit_row", None), QBoxLayout):
        window.quick_exit_row.addWidget(quick_exit_button(action, window))  # type: ignore[attr-defined]
    else:
        boxes = window.findChildren(QDialogButtonBox)
        if boxes:
            box = boxes[-1]
            box.addButton(quick_exit_button(action, box), QDialogButtonBox.ButtonRole.ActionRole)
        elif isinstance(window.layout(), QBoxLayout):
            layout = window.layout()
            assert isinstance(layout, QBoxLayout)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(quick_exit_button(action, window))
            layout.insertLayout(0, row)
        else:
            return False
    window.setProperty(MARK, True)
    return True


def attach_to_open_windows(
    action: QAction, skip: tuple[QWidget, ...], neutral_title: str | None
) -> None:
    """Every visible top-level widget (dialogs included) except ``skip``."""
    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible() or widget in skip or not widget.isWindow():
            continue
        if widget.windowType().name in ("Popup", "ToolTip", "SplashScreen", "Desktop"):
            continue
        attach(widget, action)
        if widget.parentWidget() is not None:
            continue
        if neutral_title is not None:
            keep_title(widget, neutral_title)
        elif widget.property("neutralTitle"):
            widget.setProperty("neutralTitle", None)  # turned off: windows title themselves


def keep_title(window: QWidget, title: str) -> None:
    if window.windowTitle() != title:
        window.setWindowTitle(title)
    if not window.property("neutralTitleKept"):
        window.setProperty("neutralTitleKept", True)

        def changed(_text: str, w: QWidget = window) -> None:
            wanted = w.property("neutralTitle")
            if wanted and w.windowTitle() != wanted:
                w.setWindowTitle(wanted)

        window.windowTitleChanged.connect(changed)
    window.setProperty("neutralTitle", title)
