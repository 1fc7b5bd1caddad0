"""The in-app browser: browse with every image blurred, capture the page unblurred.

``BrowserWidget`` is the embeddable part (address bar, back/forward/reload, the "Show
images" toggle, a prominent "Capture this page" button). ``BrowserWindow(controller,
case)`` puts it in its own window and follows the controller (hides on quick exit,
closes when the vault locks).

- Safe browsing (``app.capture.safe_browsing``) is on by default.
- Capturing loads the current address again in a hidden page of the same profile, so a
  logged-in session carries over while what is on screen stays blurred; the stored PNG,
  MHTML and PDF are unblurred.
- The profile is off the record (nothing on disk) unless the person explicitly chooses
  to stay logged in; that profile lives in ``persistent_profile_dir()`` (README).
- Downloads go into the vault as items (kind 'download'), never to a Downloads folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.capture import safe_browsing, spool
from app.capture.batch import StoreRunner, ThreadStoreRunner
from app.capture.errors import CaptureFailed
from app.capture.image_shield import ImageShield
from app.capture.page_snapshot import PageSnapshot
from app.capture.web import MAX_DOWNLOAD_BYTES, PageCapturer, engine_description
from app.capture.web_engine import (
    QuietPage,
    off_the_record_profile,
    persistent_profile,
    persistent_profile_dir,
)
from app.capture.web_result import DirectFile, PageCapture
from app.capture.web_store import store_capture, store_download
from app.errors import LockerError
from app.ui.error_text import describe
from app.ui.item_model import case_label
from app.ui.style import fit_on_screen
from app.vault import Vault
from app.vault.models import utc_now

if TYPE_CHECKING:
    from app.ui.controller import Controller

VaultProvider = Callable[[], Vault]


class BrowserPage(QuietPage):
    """A link the person clicks that asks for a new window opens in this same view, as a
    normal navigation (so safe browsing applies to it); pop-ups a page opens on its own
    are dropped."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.settings().setAttribute(
            QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False
        )
        self.newWindowRequested.connect(self._new_window)

    def acceptNavigationRequest(self, url: QUrl | str, nav_type: Any, is_main_frame: bool) -> bool:
        """Web pages only: no local files or other schemes in the browser."""
        scheme = QUrl(url).scheme().lower()
        if is_main_frame:
            return scheme in ("http", "https", "about")
        return scheme in ("http", "https", "about", "data", "blob")

    def _new_window(self, request: QWebEngineNewWindowRequest) -> None:
        url = request.requestedUrl()
        if request.isUserInitiated() and url.scheme() in ("http", "https"):
            self.load(url)


class BrowserWidget(QWidget):
    """Signals: ``stored(kind, item_id)`` after a capture or download is in the vault,
    ``failed(message)``, ``status(message)``, ``images_toggled(shown)``, ``loaded(ok)``
    (the page is replaced when images are shown or hidden: listen here, not on it)."""

    stored = Signal(str, int)
    failed = Signal(str)
    status = Signal(str)
    images_toggled = Signal(bool)
    loaded = Signal(bool)  # the current page finished loading (ok)

    def __init__(
        self,
        vault: VaultProvider,
        case: str,
        parent: QWidget | None = None,
        *,
        safe: bool = True,
        persistent: bool = False,
        store_runner: StoreRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self.case = case
        self.persistent = persistent
        self._own_runner = ThreadStoreRunner(self) if store_runner is None else None
        self._runner: StoreRunner = store_runner or self._own_runner  # type: ignore[assignment]
        self._downloads: list[QWebEngineDownloadRequest] = []
        self._snapshotting = False
        self._snapshot: PageSnapshot | None = None  # "Capture as shown" saving the page
        self._snapshot_folder: Path | None = None  # its spool folder
        self._closed = False
        self._show_confirmed = not safe  # safe browsing off in Settings: already chosen
        spool.sweep_stale()
        self._build()
        self.profile: QWebEngineProfile
        self.page: BrowserPage
        self._capturer: PageCapturer
        self._make_profile(persistent)
        self.show_images.setChecked(not safe)
        self.retranslate()

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        self.back = QToolButton(self)
        self.forward = QToolButton(self)
        self.reload = QToolButton(self)
        self.address = QLineEdit(self)
        self.address.returnPressed.connect(self._go)
        self.show_images = QToolButton(self)
        self.show_images.setCheckable(True)
        self.show_images.toggled.connect(self._toggle_images)
        self.capture_button = QPushButton(self)
        font = QFont(self.capture_button.font())
        font.setBold(True)
        self.capture_button.setFont(font)
        self.capture_button.setMinimumHeight(34)
        self.capture_button.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.capture_button.clicked.connect(self.capture_page)
        self.capture_shown_button = QToolButton(self)
        self.capture_shown_button.clicked.connect(self.capture_as_shown)
        self.profile_choice = QComboBox(self)
        self.profile_choice.addItems(["", ""])
        self.profile_choice.activated.connect(self._choose_profile)
        self.info = QLabel(self)
        for button, action in (
            (self.back, QWebEnginePage.WebAction.Back),
            (self.forward, QWebEnginePage.WebAction.Forward),
            (self.reload, QWebEnginePage.WebAction.Reload),
        ):
            button.clicked.connect(lambda _=False, a=action: self.page.triggerAction(a))
        self.view = QWebEngineView(self)
        bar = QHBoxLayout()
        for widget in (self.back, self.forward, self.reload):
            bar.addWidget(widget)
        bar.addWidget(self.address, 1)
        bar.addWidget(self.show_images)
        bar.addWidget(self.capture_button)
        bar.addWidget(self.capture_shown_button)
        second = QHBoxLayout()
        second.addWidget(self.profile_choice)
        second.addWidget(self.info, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(second)
        layout.addWidget(self.view, 1)

    def _make_profile(self, persistent: bool) -> None:
        old_page = getattr(self, "page", None)
        old_profile = getattr(self, "profile", None)
        old_capturer = getattr(self, "_capturer", None)
        if persistent:
            self.profile = persistent_profile(persistent_profile_dir(), self)
        else:
            self.profile = off_the_record_profile(self)
        self.persistent = persistent
        self._make_page()
        self.profile.downloadRequested.connect(self._download)
        label = "persistent" if persistent else "off-the-record"
        self._capturer = PageCapturer(
            self.profile, self, method="in-app browser", profile_label=label
        )
        self._capturer.finished.connect(self._captured)
        self._capturer.failed.connect(lambda _url, error: self._fail(str(error)))
        self.profile_choice.setCurrentIndex(1 if persistent else 0)
        for obj in (old_capturer, old_page, old_profile):
            if obj is not None:
                obj.deleteLater()
        self._update_actions()

    def _make_page(self) -> None:
        """A new page (and so a renderer with an empty picture cache) for this profile,
        with the image shield and the style layer set to the current choice."""
        self.page = BrowserPage(self.profile, self)
        self.shield = ImageShield(self.page, self.profile, hidden=not self.show_images.isChecked())
        safe_browsing.install(
            self.page, show=self.show_images.isChecked(), placeholder_text=self._placeholder_text()
        )
        self.view.setPage(self.page)
        self.page.urlChanged.connect(lambda url: self.address.setText(url.toString()))
        self.page.loadFinished.connect(lambda _ok: self._update_actions())
        self.page.loadFinished.connect(self.loaded)

    def retranslate(self) -> None:
        self.back.setText("◀")
        self.back.setToolTip(self.tr("Back"))
        self.forward.setText("▶")
        self.forward.setToolTip(self.tr("Forward"))
        self.reload.setText("⟳")
        self.reload.setToolTip(self.tr("Reload"))
        self.address.setPlaceholderText(self.tr("Web address"))
        self.show_images.setText(
            self.tr("Hide images") if self.show_images.isChecked() else self.tr("Show images")
        )
        self.show_images.setToolTip(self.tr("Images are blurred; showing them is your choice."))
        self.capture_button.setText(self.tr("Capture this page"))
        self.capture_button.setToolTip(
            self.tr(
                "Save the whole page (picture, source, PDF, text) in the vault, unblurred, "
                "without showing it."
            )
        )
        self.capture_shown_button.setText(self.tr("As shown"))
        self.capture_shown_button.setToolTip(
            self.tr(
                "Capture the page exactly as it is now, with what you opened or scrolled to, "
                "without loading it again."
            )
        )
        self.profile_choice.setItemText(0, self.tr("Private: forget logins when closed"))
        self.profile_choice.setItemText(1, self.tr("Stay logged in (saved on this computer)"))
        self.info.setText(
            self.tr('Captures and downloads go to the case "{0}".').format(case_label(self.case))
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- browsing ------------------------------------------------------------------

    def load(self, url: str) -> None:
        """Open an address; one typed without a scheme is tried over https."""
        text = url.strip()
        if not text:
            return
        qurl = QUrl.fromUserInput(text)
        if "://" not in text and qurl.scheme() == "http":
            qurl.setScheme("https")
        if qurl.scheme() not in ("http", "https") or not qurl.host() or " " in text:
            self.status.emit(self.tr("Type a web address, such as https://example.org/post/1."))
            return
        self.view.setUrl(qurl)

    def _go(self) -> None:
        self.load(self.address.text())

    def _update_actions(self) -> None:
        history = self.page.history()
        self.back.setEnabled(history.canGoBack())
        self.forward.setEnabled(history.canGoForward())

    def _toggle_images(self, show: bool) -> None:
        if show and not self._show_confirmed:
            if not self._confirm_show():
                self.show_images.blockSignals(True)
                self.show_images.setChecked(False)
                self.show_images.blockSignals(False)
                return
            self._show_confirmed = True
        # The renderer keeps the pictures it has decoded and reuses them on later pages,
        # sharp or blurred: a new page (a new renderer) follows the new choice, loading
        # the same address again (the back/forward history starts anew).
        url = self.page.url()
        old = self.page
        self._make_page()
        self.view.setFocus()
        if old.parent() is self:
            old.deleteLater()
        if url.scheme() in ("http", "https"):
            self.page.load(url)
        self._update_actions()
        self.retranslate()
        self.images_toggled.emit(show)

    def _placeholder_text(self) -> str:
        """What a picture opened on its own (an image, SVG or XML file) shows instead."""
        return self.tr("Picture hidden. Use \u201cShow images\u201d to see it.")

    def _confirm_show(self) -> bool:
        """Showing images is a deliberate choice, asked once per window."""
        answer = QMessageBox.question(
            self,
            self.tr("Show images?"),
            self.tr(
                "Pictures on web pages will be shown sharp, unblurred, in this window until you "
                "hide them again. Show images?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def images_shown(self) -> bool:
        return self.show_images.isChecked()

    def _choose_profile(self, index: int) -> None:
        persistent = index == 1
        if persistent == self.persistent:
            return
        if persistent:
            answer = QMessageBox.question(
                self,
                self.tr("Stay logged in?"),
                self.tr(
                    "Logins (cookies and site storage) will be kept on this computer in {0}, so "
                    "anyone using this computer account could use them. Page content and images "
                    "are still never cached on disk. Continue?"
                ).format(str(persistent_profile_dir())),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.profile_choice.setCurrentIndex(0)
                return
        url = self.page.url()
        self._make_profile(persistent)
        if url.isValid() and url.scheme() in ("http", "https"):
            self.view.setUrl(url)

    # -- capturing -----------------------------------------------------------------

    @property
    def capturing(self) -> bool:
        return self._capturer.busy

    def _can_capture(self) -> bool:
        if self.page.url().scheme() not in ("http", "https"):
            self._fail(self.tr("Open a web page first."))
            return False
        if self._capturer.busy or self._snapshotting:
            self.status.emit(self.tr("A capture is already running."))
            return False
        return True

    def capture_page(self) -> None:
        """Load the address again in a hidden page of this profile and capture that."""
        if not self._can_capture():
            return
        url = self.page.url()
        self.capture_button.setEnabled(False)
        self.status.emit(self.tr("Capturing {0}…").format(url.toString()))
        self._capturer.capture(url.toString())

    def capture_as_shown(self) -> None:
        """Capture the page exactly as it is now (expanded comments, posts loaded by
        scrolling): an MHTML snapshot of it is rendered unblurred off screen."""
        if not self._can_capture():
            return
        url = self.page.url().toString()
        folder = spool.make_spool_dir()
        path = folder / "shown.mhtml"
        self._snapshotting = True
        self.capture_button.setEnabled(False)
        self.status.emit(self.tr("Capturing {0} as shown…").format(url))

        def saved(data: bytes | None) -> None:
            self._snapshot = self._snapshot_folder = None
            self._snapshotting = False
            spool.remove_spool_dir(folder)
            if not data:
                self._fail(self.tr("The page could not be saved as shown; nothing was stored."))
                return
            # Pictures on screen came through the image shield: store their originals.
            data, _missing = self.shield.restore_snapshot(data)
            self._capturer.capture_snapshot(data, url)

        self._snapshot_folder = folder
        self._snapshot = PageSnapshot(self.page, path, saved)

    def _captured(self, capture: PageCapture) -> None:
        case = self.case
        self._store(
            "capture",
            lambda vault, cancelled: store_capture(vault, capture, case, cancelled=cancelled),
            capture,
        )

    def _store(
        self, what: str, work: Callable[[Vault, Callable[[], bool]], Any], capture: PageCapture
    ) -> None:
        try:
            vault = self._vault()
        except LockerError as exc:
            capture.discard()
            self._fail(describe(exc))
            return
        self._runner(
            lambda cancelled: work(vault, cancelled),
            lambda item: self._stored(what, item, None),
            lambda message: self._stored(what, None, message),
        )

    def _stored(self, what: str, item: Any, error: str | None) -> None:
        if what == "capture":
            self.capture_button.setEnabled(True)
        if error is not None or item is None:
            self._fail(error or "")
            return
        self.stored.emit(what, int(item.id))
        shot = (getattr(item, "metadata", None) or {}).get("screenshot") or {}
        if shot.get("full_page") is False:
            self.status.emit(
                self.tr(
                    "Saved in the vault as item {0}; the picture is not the whole page: {1}"
                ).format(item.id, "; ".join(str(r) for r in shot.get("partial_reasons") or []))
            )
        else:
            self.status.emit(self.tr("Saved in the vault as item {0}.").format(item.id))

    def _fail(self, message: str) -> None:
        self.capture_button.setEnabled(True)
        self._snapshotting = False
        self.failed.emit(message)

    # -- downloads -----------------------------------------------------------------

    def _download(self, request: QWebEngineDownloadRequest) -> None:
        if request.page() is not self.page or request.isSavePageDownload():
            return
        if request.totalBytes() > MAX_DOWNLOAD_BYTES:
            request.cancel()
            self._fail(
                self.tr("The file is too large to keep (over {0} MiB).").format(
                    MAX_DOWNLOAD_BYTES // 1024**2
                )
            )
            return
        folder = spool.make_spool_dir()
        request.setDownloadDirectory(str(folder))
        request.setDownloadFileName("download.bin")
        self._downloads.append(request)
        request.receivedBytesChanged.connect(lambda: self._check_download(request))
        request.isFinishedChanged.connect(lambda: self._download_done(request, folder))
        request.accept()
        self.status.emit(self.tr("Downloading into the vault…"))

    def _check_download(self, request: QWebEngineDownloadRequest) -> None:
        if request.receivedBytes() > MAX_DOWNLOAD_BYTES and not request.isFinished():
            request.cancel()

    def _download_done(self, request: QWebEngineDownloadRequest, folder: Path) -> None:
        if not request.isFinished():
            return
        if request in self._downloads:
            self._downloads.remove(request)
        if request.state() != QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            spool.remove_spool_dir(folder)
            self._fail(self.tr("The download did not finish; nothing was stored."))
            return
        path = folder / request.downloadFileName()
        name = "".join(c for c in request.suggestedFileName() if c.isprintable() and c not in "/\\")
        capture = PageCapture(
            requested_url=request.url().toString(),
            final_url=request.url().toString(),
            title=name or "download",
            captured_at=utc_now(),
            http_status=None,
            content_type=request.mimeType(),
            user_agent=self.profile.httpUserAgent(),
            engine=engine_description(),
            viewport=(0, 0),
            method="in-app browser download",
            profile="persistent" if self.persistent else "off-the-record",
            direct_file=DirectFile(
                path,
                name or "download",
                request.mimeType() or "application/octet-stream",
                path.stat().st_size if path.exists() else 0,
                folder,
            ),
        )
        case = self.case
        self._store(
            "download", lambda vault, _cancelled: store_download(vault, capture, case), capture
        )

    def shutdown(self) -> None:
        """Stop everything before the window goes away (a running capture is dropped)."""
        if self._snapshot is not None:
            self._snapshot.cancel()
            self._snapshot = None
            if self._snapshot_folder is not None:
                spool.remove_spool_dir(self._snapshot_folder)
                self._snapshot_folder = None
        for request in list(self._downloads):
            request.cancel()
        if self._capturer.busy:
            self._capturer.cancel()
        if self._closed:
            return
        self._closed = True
        self.view.stop()
        if self._own_runner is not None:
            self._own_runner.shutdown()
        # QtWebEngine needs every page gone before its profile: delete the page now
        # (children would otherwise be destroyed profile first).
        self.view.setPage(QWebEnginePage(self.view))  # a blank default page for the view
        shiboken6.delete(self.page)


class BrowserWindow(QMainWindow):
    """The browser in its own window, tied to the app's controller."""

    def __init__(self, controller: Controller, case: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Closing (or locking) frees the profile: in-memory cookies and cached pages go.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.controller = controller
        safe = bool(getattr(getattr(controller, "settings", None), "safe_browsing", True))
        from app.ui.capture_dialogs import controller_store_runner

        self.browser = BrowserWidget(
            controller.require_vault,
            case,
            self,
            safe=safe,
            store_runner=controller_store_runner(controller),
        )
        self.setCentralWidget(self.browser)
        fit_on_screen(self, 1200, 850)
        self.browser.stored.connect(lambda _kind, _id: controller.items_changed.emit())
        self.browser.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.browser.failed.connect(self._show_failure)
        self.browser.images_toggled.connect(lambda _shown: self.retranslate())
        controller.hide_now.connect(self.hide)
        controller.locked.connect(self._locked)  # bound methods disconnect when deleted
        self.retranslate()

    def _locked(self, _reason: str) -> None:
        self.close()

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Browser (images shown)")
            if self.browser.images_shown()
            else self.tr("Browser (images blurred)")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_failure(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, 15000)
            if self.isVisible():
                box = QMessageBox(
                    QMessageBox.Icon.Warning,
                    self.tr("Not captured"),
                    message,
                    QMessageBox.StandardButton.Ok,
                    self,
                )
                box.open()

    def closeEvent(self, event: Any) -> None:
        self.browser.shutdown()
        super().closeEvent(event)


__all__ = ["BrowserPage", "BrowserWidget", "BrowserWindow", "CaptureFailed"]
