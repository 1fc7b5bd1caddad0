"""The main window: cases on the left, evidence as a blurred grid or a table in the
middle, details on the right, a toolbar with the capture actions and an always-visible
quick-exit button, and the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import integrations
from app.ui.controller import Controller, UnlockInfo
from app.ui.details import DetailsPane
from app.ui.dialogs import VerifyDialog, ask
from app.ui.grid_delegate import CELL, GridDelegate, TitleDelegate
from app.ui.item_model import ItemModel, ListFilter, case_label, local_time
from app.ui.statusbar import StatusBar
from app.ui.style import fit_on_screen
from app.ui.unlock_window import FILE_FILTER_OPTIONS
from app.vault.store import DEFAULT_CASE

ALL, ARCHIVED = "\x00all", "\x00archived"  # sidebar entries that are not case names


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller, quick_exit: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        fit_on_screen(self, 1280, 800)
        self.model = ItemModel(controller)
        self.extra_cases: list[str] = []
        self.unlock_info: UnlockInfo | None = None
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
        self.banner = QFrame(body)
        self.banner.setObjectName("banner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(16, 8, 8, 8)
        self.history_line = QLabel(self.banner)
        self.history_line.setWordWrap(True)
        self.banner_close = QPushButton(self.banner)
        self.banner_close.setObjectName("small")
        self.banner_close.clicked.connect(self.banner.hide)
        banner_row.addWidget(self.history_line, 1)
        banner_row.addWidget(self.banner_close)
        outer.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Horizontal, body)
        side = QWidget(splitter)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 12, 6, 12)
        self.cases_heading = QLabel(side)
        self.cases_heading.setObjectName("subheading")
        self.cases = QListWidget(side)
        self.cases.setObjectName("cases")
        self.new_case_button = QPushButton(side)
        self.new_case_button.clicked.connect(self._new_case)
        side_layout.addWidget(self.cases_heading)
        side_layout.addWidget(self.cases, 1)
        side_layout.addWidget(self.new_case_button)
        self.takedowns_button = QPushButton(side)  # issue 14: locations, requests, re-checks
        self.takedowns_button.clicked.connect(self._takedowns)
        side_layout.addWidget(self.takedowns_button)
        middle = QWidget(splitter)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 12, 6, 12)
        middle_layout.setSpacing(8)
        view_bar = QHBoxLayout()
        self.list_heading = QLabel(middle)
        self.list_heading.setObjectName("subheading")
        view_bar.addWidget(self.list_heading, 1)
        self.view_buttons: list[QToolButton] = []
        for action in (self.act_grid, self.act_table, self.act_text_only):
            button = QToolButton(middle)
            button.setObjectName("viewToggle")
            button.setDefaultAction(action)
            view_bar.addWidget(button)
            self.view_buttons.append(button)
        middle_layout.addLayout(view_bar)
        self.views = QStackedWidget(middle)
        middle_layout.addWidget(self.views, 1)
        self.grid = QListView(self.views)
        self.grid.setObjectName("grid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setItemDelegate(GridDelegate(self.grid))
        self.grid.setGridSize(CELL)
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(200)
        self.table = QTableView(self.views)
        self.table.setObjectName("table")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(0, TitleDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(36)
        for view in (self.grid, self.table):
            view.setModel(self.model)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.selectionModel().selectionChanged.connect(self._selection_changed)
            self.views.addWidget(view)
        self._size_columns()
        self.model.modelReset.connect(self._size_columns)
        self.empty_label = QLabel(self.views)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("quiet")
        self.views.addWidget(self.empty_label)
        self.details = DetailsPane(self.controller, splitter)
        splitter.addWidget(side)
        splitter.addWidget(middle)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 650, 420])
        outer.addWidget(splitter, 1)
        self.setCentralWidget(body)
        self.cases.currentItemChanged.connect(lambda cur, prev: self._case_changed())
        self.model.rowsInserted.connect(lambda *a: self._update_empty())
        self.model.modelReset.connect(self._update_empty)
        self._scroll = (0, 0)
        self.model.restored.connect(self._restore_scroll)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)  # notes take what is left
        for column, width in ((0, 150), (1, 135), (2, 100), (3, 55), (4, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

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
        self.cases_heading.setText(self.tr("Cases"))
        self.cases.setAccessibleName(self.tr("Cases"))
        self.new_case_button.setText(self.tr("New case"))
        self.takedowns_button.setText(self.tr("Takedowns"))
        self.takedowns_button.setToolTip(self.tr("Where the material was seen, takedown requests and re-checks of the selected case"))
        self.grid.setAccessibleName(self.tr("Evidence, blurred thumbnails"))
        self.table.setAccessibleName(self.tr("Evidence table"))
        self.banner_close.setText(self.tr("Dismiss"))
        self.banner_close.setAccessibleName(self.tr("Dismiss the unlock history"))
        self._fill_cases()
        self._show_history()
        self._update_empty()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                              self.model.columnCount() - 1)
            self.reload()
        super().changeEvent(event)

    def _show_history(self) -> None:
        info = self.unlock_info
        if info is None:
            self.banner.hide()
            return
        if info.created:
            text = self.tr("New vault created. Nothing is ever deleted; items can be archived.")
        elif info.previous_unlock:
            text = self.tr("Last unlocked %1.").replace("%1", local_time(info.previous_unlock))
        else:
            text = self.tr("No earlier unlock is on record.")
        if info.failures.count:
            text += " " + self.tr("%n failed attempt(s) on this device since the last unlock, the latest at %1.",
                                  "", info.failures.count).replace(
                "%1", local_time(info.failures.last_at))
        elif not info.created:
            text += " " + self.tr("No failed attempts since then.")
        self.history_line.setText(text)
        self.history_line.setAccessibleName(text)

    # -- state ---------------------------------------------------------------------------

    def on_unlocked(self, info: UnlockInfo) -> None:
        self.unlock_info = info
        self.extra_cases = []
        self.banner.show()
        self._show_history()
        self._fill_cases()
        self.reload()
        current = self.views.currentWidget()
        if current is not None:
            current.setFocus()

    def on_locked(self) -> None:
        self.model.clear()
        self.details.show_item(None)
        self.cases.clear()
        self.unlock_info = None

    def _fill_cases(self) -> None:
        current = self.current_case_key()
        self.cases.blockSignals(True)
        self.cases.clear()
        entries = [(ALL, self.tr("All evidence"))]
        if self.controller.is_unlocked:
            names = [c.name for c in self.controller.require_vault().list_cases()]
            entries += [(n, case_label(n)) for n in names]
            entries += [(n, case_label(n)) for n in self.extra_cases if n not in names]
        entries.append((ARCHIVED, self.tr("Archived")))
        for key, text in entries:
            entry = QListWidgetItem(text, self.cases)
            entry.setData(Qt.ItemDataRole.UserRole, key)
        keys = [k for k, _ in entries]
        self.cases.setCurrentRow(keys.index(current) if current in keys else 0)
        self.cases.blockSignals(False)

    def current_case_key(self) -> str:
        entry = self.cases.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else ALL

    def target_case(self) -> str:
        key = self.current_case_key()
        return DEFAULT_CASE if key in (ALL, ARCHIVED) else key

    def _case_changed(self) -> None:
        # Another case: the details pane never stays on an item of the case left behind.
        self.details.show_item(None)
        self.reload()

    def reload(self) -> None:
        if not self.controller.is_unlocked:
            return
        self._scroll = (self.grid.verticalScrollBar().value(),
                        self.table.verticalScrollBar().value())
        key = self.current_case_key()
        selected = self.details.item.id if self.details.item else None
        self.model.reload(ListFilter(case=None if key in (ALL, ARCHIVED) else key,
                                     archived=key == ARCHIVED))
        cases_now = {self.cases.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.cases.count())}
        if any(c.name not in cases_now for c in self.controller.require_vault().list_cases()):
            self._fill_cases()
        self.details.show_item(selected)

    def _restore_scroll(self) -> None:
        """After a reload, back to where the person was in the list."""
        self.grid.verticalScrollBar().setValue(self._scroll[0])
        self.table.verticalScrollBar().setValue(self._scroll[1])

    def _update_empty(self) -> None:
        entry = self.cases.currentItem()
        name = entry.text() if entry is not None else ""
        self.list_heading.setText(self.tr("%1 · %n item(s)", "", self.model.total()).replace("%1", name)
                                  if self.controller.is_unlocked else "")
        if self.model.total() == 0 and self.controller.is_unlocked:
            if self.current_case_key() == ARCHIVED:
                self.empty_label.setText(self.tr("Nothing is archived."))
            else:
                self.empty_label.setText(self.tr(
                    "No evidence here yet. Import files, or drop them on this window."))
            self.views.setCurrentWidget(self.empty_label)
        else:
            self.views.setCurrentWidget(self.table if self.act_table.isChecked() else self.grid)

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

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        item = self.model.item_at(indexes[0].row()) if indexes else None
        self.details.show_item(item.id if item else None)

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
        if name not in self.extra_cases:
            self.extra_cases.append(name)
        self._fill_cases()
        for i in range(self.cases.count()):
            if self.cases.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.cases.setCurrentRow(i)

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

        key = self.current_case_key()
        case = None if key in (ALL, ARCHIVED) or key in self.extra_cases else key
        open_export_dialog(self, case, self.details.item.id if self.details.item else None)

    def _takedowns(self) -> None:
        from app.ui.takedowns_view import open_takedowns

        key = self.current_case_key()
        open_takedowns(self, None if key in (ALL, ARCHIVED) else key)

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
