"""The main window's actions with their shortcuts, the toolbar that shows them (less
frequent ones in small menus, so the bar fits a 1280 px window), and the quick-exit bar.
The window connects the actions to what they do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget


class MainToolbar(QToolBar):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.act_capture = self._action("Ctrl+U")
        self.act_browser = self._action("Ctrl+B")
        self.act_screenshot = self._action("Ctrl+Shift+S")
        self.act_import = self._action("Ctrl+O")
        self.act_import_folder = self._action("Ctrl+Shift+O")
        self.act_new_case = self._action("Ctrl+N")
        self.act_receive = self._action("Ctrl+R")
        self.act_export = self._action("Ctrl+E")
        self.act_grid = self._action("Ctrl+1", checkable=True)
        self.act_table = self._action("Ctrl+2", checkable=True)
        group = QActionGroup(window)
        group.addAction(self.act_grid)
        group.addAction(self.act_table)
        self.act_text_only = self._action("Ctrl+T", checkable=True)
        self.act_verify = self._action("Ctrl+Shift+V")
        self.act_settings = self._action("Ctrl+,")
        self.act_lock = self._action("Ctrl+L")
        self.setObjectName("mainToolbar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setEnabled(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_capture, self.act_browser, self.act_screenshot):
            self.addAction(action)
        self.import_button = self._menu_button((self.act_import_folder,), self.act_import)
        self.bundles = self._menu_button((self.act_receive, self.act_export))
        self.bundles.setVisible(self.act_receive.isVisible() or self.act_export.isVisible())
        self.addSeparator()
        for action in (self.act_verify, self.act_settings, self.act_lock):
            self.addAction(action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)

    def _action(self, shortcut: str, *, checkable: bool = False) -> QAction:
        """An action of the window (its shortcut works wherever the focus is in it)."""
        action = QAction(self.window_)
        action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        self.window_.addAction(action)
        return action

    def _menu_button(
        self, actions: tuple[QAction, ...], default: QAction | None = None
    ) -> QToolButton:
        button = QToolButton(self)
        if default is not None:  # click runs it; the arrow opens the rest
            button.setDefaultAction(default)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        else:
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for action in actions:
            menu.addAction(action)
        button.setMenu(menu)
        self.addWidget(button)
        return button

    def retranslate(self) -> None:
        texts = {
            self.act_capture: (
                self.tr("Capture pages"),
                self.tr("Capture web pages by address (Ctrl+U)"),
            ),
            self.act_browser: (
                self.tr("Browser"),
                self.tr("Browse with images blurred and capture (Ctrl+B)"),
            ),
            self.act_screenshot: (
                self.tr("Screenshot"),
                self.tr("Capture the screen (Ctrl+Shift+S)"),
            ),
            self.act_import: (
                self.tr("Import files"),
                self.tr("Import files; originals are kept bit-exact (Ctrl+O)"),
            ),
            self.act_import_folder: (
                self.tr("Import folder"),
                self.tr("Import every file in a folder (Ctrl+Shift+O)"),
            ),
            self.act_new_case: (self.tr("New case"), self.tr("Start a new case (Ctrl+N)")),
            self.act_export: (
                self.tr("Export bundle"),
                self.tr("Hand a case or an item over as a sealed bundle (Ctrl+E)"),
            ),
            self.act_receive: (
                self.tr("Receive bundle"),
                self.tr("Verify and import a sealed bundle (Ctrl+R)"),
            ),
            self.act_grid: (self.tr("Grid"), self.tr("Blurred thumbnails (Ctrl+1)")),
            self.act_table: (self.tr("Table"), self.tr("Table of items (Ctrl+2)")),
            self.act_text_only: (
                self.tr("Text only"),
                self.tr("Hide even blurred thumbnails (Ctrl+T)"),
            ),
            self.act_verify: (
                self.tr("Verify vault"),
                self.tr("Check every file and the custody history (Ctrl+Shift+V)"),
            ),
            self.act_settings: (self.tr("Settings"), self.tr("Settings (Ctrl+,)")),
            self.act_lock: (self.tr("Lock"), self.tr("Lock the vault (Ctrl+L)")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip)
        self.setWindowTitle(self.tr("Actions"))
        self.bundles.setText(self.tr("Bundles"))
        self.bundles.setToolTip(self.tr("Receive or export sealed bundles"))


class ExitBar(QToolBar):
    """The quick-exit button on its own bar, so a narrow window never pushes it into an
    overflow menu."""

    def __init__(self, window: QMainWindow, quick_exit: QAction) -> None:
        super().__init__(window)
        self.setObjectName("exitToolbar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setEnabled(False)
        self.button = QToolButton(self)
        self.button.setObjectName("quickExit")
        self.button.setDefaultAction(quick_exit)
        self.addWidget(self.button)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Quick exit"))
