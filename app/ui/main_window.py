"""The main window: cases on the left (cases_panel), evidence as a blurred grid or a
table in the middle (item_views), details on the right (details), the unlock history
above them (history_banner), a toolbar with the capture actions and an always-visible
quick-exit button, and the status bar. The window composes these and turns actions into
controller calls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import integrations
from app.ui.cases_panel import CasesPanel
from app.ui.controller import Controller, UnlockInfo
from app.ui.details import DetailsPane
from app.ui.dialogs import VerifyDialog, ask
from app.ui.history_banner import HistoryBanner
from app.ui.item_model import ItemModel, ListFilter
from app.ui.item_views import ItemViews
from app.ui.statusbar import StatusBar
from app.ui.style import fit_on_screen
from app.ui.unlock_window import FILE_FILTER_OPTIONS


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller, quick_exit: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        fit_on_screen(self, 1280, 800)
        self.model = ItemModel(controller)
        self._build_actions(quick_exit)
        self._build_body()
        self.status = StatusBar(controller, self)
        self.setStatusBar(self.status)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(400)
        self._reload_timer.timeout.connect(self.reload)
        controller.items_changed.connect(self._reload_timer.start)
        controller.item_changed.connect(self.model.refresh_item)
        controller.verify_done.connect(self._show_verify)
        controller.exported.connect(self._exported)
        controller.error.connect(self._show_error)
        controller.notice.connect(self._show_notice)
        controller.holders_unverified.connect(self._ask_unverified_holders)
        self.retranslate()
        self.set_text_only(controller.settings.text_only)
        self.set_view(controller.settings.view_mode)

    # -- building ---------------------------------------------------------------------

    def _action(self, shortcut: str | None, slot: object, *, checkable: bool = False) -> QAction:
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if callable(slot):
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self, quick_exit: QAction) -> None:
        self.act_capture = self._action("Ctrl+U", self._capture_urls)
        self.act_browser = self._action("Ctrl+B", self._open_browser)
        self.act_screenshot = self._action("Ctrl+Shift+S", self._screenshot)
        self.act_import = self._action("Ctrl+O", self._import_files)
        self.act_import_folder = self._action("Ctrl+Shift+O", self._import_folder)
        self.act_new_case = self._action("Ctrl+N", self._new_case)
        self.act_receive = self._action("Ctrl+R", self._receive_bundle)
        self.act_receive.setVisible(integrations.bundle_import_fn() is not None)
        self.act_export = self._action("Ctrl+E", self._export_bundle)
        self.act_export.setVisible(integrations.bundle_export_fn() is not None)
        self.act_grid = self._action("Ctrl+1", lambda: self.set_view("grid"), checkable=True)
        self.act_table = self._action("Ctrl+2", lambda: self.set_view("table"), checkable=True)
        group = QActionGroup(self)
        group.addAction(self.act_grid)
        group.addAction(self.act_table)
        self.act_text_only = self._action("Ctrl+T", None, checkable=True)
        self.act_text_only.toggled.connect(self.set_text_only)
        self.act_verify = self._action("Ctrl+Shift+V", self._verify)
        self.act_settings = self._action("Ctrl+,", None)
        self.act_lock = self._action("Ctrl+L", lambda: self.controller.lock("user"))
        dialogs = integrations.capture_dialogs()
        self.act_capture.setVisible(callable(getattr(dialogs, "open_capture_dialog", None)))
        self.act_browser.setVisible(integrations.browser_window_class() is not None)
        self.act_screenshot.setVisible(callable(getattr(dialogs, "open_screenshot_dialog", None)))
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setEnabled(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        for action in (self.act_capture, self.act_browser, self.act_screenshot):
            self.toolbar.addAction(action)
        # Less frequent actions sit in small menus so the bar fits a 1280 px window.
        self.import_button = self._menu_button((self.act_import_folder,), self.act_import)
        self.bundles = self._menu_button((self.act_receive, self.act_export))
        self.bundles.setVisible(self.act_receive.isVisible() or self.act_export.isVisible())
        self.toolbar.addSeparator()
        for action in (self.act_verify, self.act_settings, self.act_lock):
            self.toolbar.addAction(action)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.addToolBar(self.toolbar)
        # Its own toolbar, so a narrow window never pushes it into an overflow menu.
        self.exit_bar = QToolBar(self)
        self.exit_bar.setObjectName("exitToolbar")
        self.exit_bar.setMovable(False)
        self.exit_bar.setFloatable(False)
        self.exit_bar.toggleViewAction().setEnabled(False)
        self.quick_exit_button = QToolButton(self.exit_bar)
        self.quick_exit_button.setObjectName("quickExit")
        self.quick_exit_button.setDefaultAction(quick_exit)
        self.exit_bar.addWidget(self.quick_exit_button)
        self.addToolBar(self.exit_bar)

    def _menu_button(self, actions: tuple[QAction, ...],
                     default: QAction | None = None) -> QToolButton:
        button = QToolButton(self.toolbar)
        if default is not None:  # click runs it; the arrow opens the rest
            button.setDefaultAction(default)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        else:
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for action in actions:
            menu.addAction(action)
        button.setMenu(menu)
        self.toolbar.addWidget(button)
        return button

    def _build_body(self) -> None:
        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = HistoryBanner(body)
        self.history_line = self.banner.history_line
        outer.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Horizontal, body)
        self.cases_panel = CasesPanel(self.controller, splitter)
        self.cases = self.cases_panel.cases
        self.takedowns_button = self.cases_panel.takedowns_button
        self.cases_panel.new_case_button.clicked.connect(self._new_case)
        self.takedowns_button.clicked.connect(self._takedowns)
        self.items = ItemViews(self.model, (self.act_grid, self.act_table, self.act_text_only),
                               splitter)
        self.grid, self.table = self.items.grid, self.items.table
        self.details = DetailsPane(self.controller, splitter)
        self.items.selected.connect(self.details.show_item)
        splitter.addWidget(self.cases_panel)
        splitter.addWidget(self.items)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 650, 420])
        outer.addWidget(splitter, 1)
        self.setCentralWidget(body)
        self.cases_panel.case_changed.connect(self._case_changed)
        self.model.rowsInserted.connect(lambda *a: self._update_empty())
        self.model.modelReset.connect(self._update_empty)
        self.model.counted.connect(self._update_empty)

    # -- text ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        neutral = self.controller.settings.neutral_title
        self.setWindowTitle(self.tr("Notes") if neutral else self.tr("Evidence Locker"))
        texts = {
            self.act_capture: (self.tr("Capture pages"), self.tr("Capture web pages by address (Ctrl+U)")),
            self.act_browser: (self.tr("Browser"), self.tr("Browse with images blurred and capture (Ctrl+B)")),
            self.act_screenshot: (self.tr("Screenshot"), self.tr("Capture the screen (Ctrl+Shift+S)")),
            self.act_import: (self.tr("Import files"), self.tr("Import files; originals are kept bit-exact (Ctrl+O)")),
            self.act_import_folder: (self.tr("Import folder"), self.tr("Import every file in a folder (Ctrl+Shift+O)")),
            self.act_new_case: (self.tr("New case"), self.tr("Start a new case (Ctrl+N)")),
            self.act_export: (self.tr("Export bundle"), self.tr("Hand a case or an item over as a sealed bundle (Ctrl+E)")),
            self.act_receive: (self.tr("Receive bundle"), self.tr("Verify and import a sealed bundle (Ctrl+R)")),
            self.act_grid: (self.tr("Grid"), self.tr("Blurred thumbnails (Ctrl+1)")),
            self.act_table: (self.tr("Table"), self.tr("Table of items (Ctrl+2)")),
            self.act_text_only: (self.tr("Text only"), self.tr("Hide even blurred thumbnails (Ctrl+T)")),
            self.act_verify: (self.tr("Verify vault"), self.tr("Check every file and the custody history (Ctrl+Shift+V)")),
            self.act_settings: (self.tr("Settings"), self.tr("Settings (Ctrl+,)")),
            self.act_lock: (self.tr("Lock"), self.tr("Lock the vault (Ctrl+L)")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip)
        self.toolbar.setWindowTitle(self.tr("Actions"))
        self.bundles.setText(self.tr("Bundles"))
        self.bundles.setToolTip(self.tr("Receive or export sealed bundles"))
        self.exit_bar.setWindowTitle(self.tr("Quick exit"))
        self.cases_panel.retranslate()
        self.items.retranslate()
        self.banner.retranslate()
        self._update_empty()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                              self.model.columnCount() - 1)
            self.reload()
        super().changeEvent(event)

    # -- state ---------------------------------------------------------------------------

    def on_unlocked(self, info: UnlockInfo) -> None:
        self.banner.show_info(info)
        self.cases_panel.show_cases(info.cases)
        self._reload_items()
        current = self.items.views.currentWidget()
        if current is not None:
            current.setFocus()

    def on_locked(self) -> None:
        self.model.clear()
        self.details.show_item(None)
        self.cases_panel.clear()
        self.banner.show_info(None)

    def current_case_key(self) -> str:
        return self.cases_panel.current_key()

    def target_case(self) -> str:
        return self.cases_panel.target_case()

    def _case_changed(self) -> None:
        # Another case: the details pane never stays on an item of the case left behind.
        self.details.show_item(None)
        self.reload()

    def reload(self) -> None:
        """Reload the items; re-read the case names beside them (off the GUI thread)."""
        if not self.controller.is_unlocked:
            return
        self._reload_items()
        self.cases_panel.refresh()

    def _reload_items(self) -> None:
        self.items.keep_scroll()
        selected = self.details.item.id if self.details.item else None
        self.model.reload(ListFilter(case=self.cases_panel.filter_case(),
                                     archived=self.cases_panel.archived()))
        self.details.show_item(selected)

    def _update_empty(self) -> None:
        self.items.show_state(self.cases_panel.current_text(), self.controller.is_unlocked,
                              self.cases_panel.archived(), self.act_table.isChecked())

    def set_view(self, mode: str) -> None:
        if self.act_text_only.isChecked() and mode == "grid":
            mode = "table"
        (self.act_table if mode == "table" else self.act_grid).setChecked(True)
        if self.controller.settings.view_mode != mode:
            self.controller.settings.view_mode = mode
            self.controller.apply_settings(self.controller.settings)  # kept for next time
        self._update_empty()

    def set_text_only(self, on: bool) -> None:
        if self.act_text_only.isChecked() != on:
            self.act_text_only.setChecked(on)
        if self.controller.settings.text_only != on:
            self.controller.settings.text_only = on
            self.controller.apply_settings(self.controller.settings)  # kept for next time
        self.model.text_only = on
        self.act_grid.setEnabled(not on)
        self.model.layoutChanged.emit()
        self.details.set_text_only(on)
        if on:
            self.set_view("table")

    # -- actions -------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> None:
        if paths and self.controller.is_unlocked:
            label = self.tr("Importing %n file(s)…", "", len(paths))
            self.controller.import_paths(paths, self.target_case(), label=label)

    def _import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"), "", "",
                                                options=FILE_FILTER_OPTIONS)
        self.import_paths([Path(f) for f in files])

    def _import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import folder"), "",
            QFileDialog.Option.ShowDirsOnly | FILE_FILTER_OPTIONS)
        if folder:
            self.import_paths([Path(folder)])

    def _new_case(self) -> None:
        ask(self, "newCaseDialog", self.tr("New case"), self.tr("Case name:"),
            lambda name: self.add_case(name.strip()) if name.strip() else None,
            cancel_text=self.tr("Cancel"))

    def add_case(self, name: str) -> None:
        self.cases_panel.add_case(name)

    def _verify(self) -> None:
        if self.controller.is_unlocked:
            self.controller.verify(self.tr("Verifying the vault…"))

    def _show_verify(self, ok: bool, report: str) -> None:
        if self.isVisible():
            VerifyDialog(ok, report, self).open()

    def _show_error(self, message: str) -> None:
        if self.isVisible() and self.controller.is_unlocked:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Something went wrong"),
                              message, QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _show_notice(self, message: str) -> None:
        """Once per drive: e.g. a USB stick that cannot keep the files private."""
        summary = self.tr("This drive cannot keep files private to you. What was written "
                          "there was written; anyone using this computer can read it.")
        self.status.showMessage(summary, 30_000)
        if self.isVisible():
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Note"),
                              f"{summary}\n\n{message}", QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _capture_urls(self) -> None:
        module = integrations.capture_dialogs()
        opener = getattr(module, "open_capture_dialog", None) if module else None
        if callable(opener):
            opener(self, self.controller, self.target_case())

    def _open_browser(self) -> None:
        cls = integrations.browser_window_class()
        if cls is not None and self.controller.is_unlocked:
            self._browser = cls(self.controller, self.target_case())
            self._browser.show()

    def _screenshot(self) -> None:
        module = integrations.capture_dialogs()
        opener = getattr(module, "open_screenshot_dialog", None) if module else None
        if callable(opener) and self.controller.is_unlocked:
            opener(self, self.controller, self.target_case())

    def receive_bundle(self, path: Path, passphrase: str | None = None) -> None:
        """Verify, show the signer's fingerprint to confirm, then import."""
        from app.ui.fingerprint import check_then_receive

        check_then_receive(self, path, passphrase)

    def _ask_unverified_holders(self, message: str, retry: object) -> None:
        """A bundle whose earlier holders no signature of theirs proves: import only when
        the person accepts; they stay marked UNVERIFIED (app/bundle/holders.py)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unverified earlier holders"),
                          self.tr("This bundle names earlier holders whose custody record is "
                                  "not proven by their own signature. Import it anyway? They "
                                  "will be marked UNVERIFIED.") + "\n\n" + message,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("unverifiedHoldersBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes) and callable(retry):
                retry()

        box.finished.connect(answered)
        box.open()

    def _receive_bundle(self) -> None:
        from app.ui.export_dialog import ask_receive_bundle

        ask_receive_bundle(self)

    def _export_bundle(self) -> None:
        from app.ui.export_dialog import open_export_dialog

        open_export_dialog(self, self.cases_panel.stored_case(),
                           self.details.item.id if self.details.item else None)

    def _takedowns(self) -> None:
        from app.ui.takedowns_view import open_takedowns

        open_takedowns(self, self.cases_panel.filter_case())

    def _exported(self, path: str, ok: bool) -> None:
        text = (self.tr("Bundle written and checked: %1") if ok else
                self.tr("Bundle written, but its self-check found problems: %1")).replace("%1", path)
        self.status.showMessage(text, 30_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window locks the vault and ends the app."""
        if self.controller.is_unlocked:
            self.controller.lock("closed")
        event.accept()

    # -- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.controller.is_unlocked:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
