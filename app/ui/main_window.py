"""The main window: cases on the left (cases_panel), evidence as a blurred grid or a
table in the middle (item_views), details on the right (details), the unlock history
above them (history_banner), the actions on a toolbar and the always-visible quick-exit
button (main_toolbar), and the status bar. The window composes these and turns actions into
controller calls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui.cases_panel import CasesPanel
from app.ui.controller import Controller, UnlockInfo
from app.ui.details import DetailsPane
from app.ui.dialogs import VerifyDialog, ask
from app.ui.history_banner import HistoryBanner
from app.ui.item_model import ItemModel, ListFilter
from app.ui.item_views import ItemViews
from app.ui.main_toolbar import ExitBar, MainToolbar
from app.ui.statusbar import StatusBar
from app.ui.style import fit_on_screen
from app.ui.unlock_window import FILE_FILTER_OPTIONS


class MainWindow(QMainWindow):
    def __init__(
        self, controller: Controller, quick_exit: QAction, parent: QWidget | None = None
    ) -> None:
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

    def _build_actions(self, quick_exit: QAction) -> None:
        self.toolbar = bar = MainToolbar(self)
        (
            self.act_capture,
            self.act_browser,
            self.act_screenshot,
            self.act_import,
            self.act_import_folder,
            self.act_new_case,
            self.act_receive,
            self.act_export,
            self.act_grid,
            self.act_table,
            self.act_text_only,
            self.act_verify,
            self.act_settings,
            self.act_lock,
        ) = (
            bar.act_capture,
            bar.act_browser,
            bar.act_screenshot,
            bar.act_import,
            bar.act_import_folder,
            bar.act_new_case,
            bar.act_receive,
            bar.act_export,
            bar.act_grid,
            bar.act_table,
            bar.act_text_only,
            bar.act_verify,
            bar.act_settings,
            bar.act_lock,
        )
        for action, slot in (
            (bar.act_capture, self._capture_urls),
            (bar.act_browser, self._open_browser),
            (bar.act_screenshot, self._screenshot),
            (bar.act_import, self._import_files),
            (bar.act_import_folder, self._import_folder),
            (bar.act_new_case, self._new_case),
            (bar.act_receive, self._receive_bundle),
            (bar.act_export, self._export_bundle),
            (bar.act_grid, lambda: self.set_view("grid")),
            (bar.act_table, lambda: self.set_view("table")),
            (bar.act_verify, self._verify),
            (bar.act_lock, lambda: self.controller.lock("user")),
        ):
            action.triggered.connect(slot)
        bar.act_text_only.toggled.connect(self.set_text_only)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.addToolBar(bar)
        self.exit_bar = ExitBar(self, quick_exit)
        self.quick_exit_button = self.exit_bar.button
        self.addToolBar(self.exit_bar)

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
        self.items = ItemViews(
            self.model, (self.act_grid, self.act_table, self.act_text_only), splitter
        )
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
        self.toolbar.retranslate()
        self.exit_bar.retranslate()
        self.cases_panel.retranslate()
        self.items.retranslate()
        self.banner.retranslate()
        self._update_empty()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
            )
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
        self.model.reload(
            ListFilter(case=self.cases_panel.filter_case(), archived=self.cases_panel.archived())
        )
        self.details.show_item(selected)

    def _update_empty(self) -> None:
        self.items.show_state(
            self.cases_panel.current_text(),
            self.controller.is_unlocked,
            self.cases_panel.archived(),
            self.act_table.isChecked(),
        )

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
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import files"), "", "", options=FILE_FILTER_OPTIONS
        )
        self.import_paths([Path(f) for f in files])

    def _import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Import folder"),
            "",
            QFileDialog.Option.ShowDirsOnly | FILE_FILTER_OPTIONS,
        )
        if folder:
            self.import_paths([Path(folder)])

    def _new_case(self) -> None:
        ask(
            self,
            "newCaseDialog",
            self.tr("New case"),
            self.tr("Case name:"),
            lambda name: self.add_case(name.strip()) if name.strip() else None,
            cancel_text=self.tr("Cancel"),
        )

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
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Something went wrong"),
                message,
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _show_notice(self, message: str) -> None:
        """Once per drive: e.g. a USB stick that cannot keep the files private."""
        summary = self.tr(
            "This drive cannot keep files private to you. What was written "
            "there was written; anyone using this computer can read it."
        )
        self.status.showMessage(summary, 30_000)
        if self.isVisible():
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Note"),
                f"{summary}\n\n{message}",
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _capture_urls(self) -> None:
        from app.ui.capture_dialogs import open_capture_dialog

        open_capture_dialog(self, self.controller, self.target_case())

    def _open_browser(self) -> None:
        from app.ui.browser import BrowserWindow  # loads QtWebEngine: only when asked

        if self.controller.is_unlocked:
            self._browser = BrowserWindow(self.controller, self.target_case())
            self._browser.show()

    def _screenshot(self) -> None:
        from app.ui.capture_dialogs import open_screenshot_dialog

        if self.controller.is_unlocked:
            open_screenshot_dialog(self, self.controller, self.target_case())

    def receive_bundle(self, path: Path, passphrase: str | None = None) -> None:
        """Verify, show the signer's fingerprint to confirm, then import."""
        from app.ui.fingerprint import check_then_receive

        check_then_receive(self, path, passphrase)

    def _ask_unverified_holders(self, message: str, retry: object) -> None:
        """A bundle whose earlier holders no signature of theirs proves: import only when
        the person accepts; they stay marked UNVERIFIED (app/bundle/holders.py)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unverified earlier holders"),
            self.tr(
                "This bundle names earlier holders whose custody record is "
                "not proven by their own signature. Import it anyway? They "
                "will be marked UNVERIFIED."
            )
            + "\n\n"
            + message,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("unverifiedHoldersBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes) and callable(
                retry
            ):
                retry()

        box.finished.connect(answered)
        box.open()

    def _receive_bundle(self) -> None:
        from app.ui.export_dialog import ask_receive_bundle

        ask_receive_bundle(self)

    def _export_bundle(self) -> None:
        from app.ui.export_dialog import open_export_dialog

        open_export_dialog(
            self,
            self.cases_panel.stored_case(),
            self.details.item.id if self.details.item else None,
        )

    def _takedowns(self) -> None:
        from app.ui.takedowns_view import open_takedowns

        open_takedowns(self, self.cases_panel.filter_case())

    def _exported(self, path: str, ok: bool) -> None:
        text = (
            self.tr("Bundle written and checked: %1")
            if ok
            else self.tr("Bundle written, but its self-check found problems: %1")
        ).replace("%1", path)
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
