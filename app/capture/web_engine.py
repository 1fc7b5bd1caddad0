"""QtWebEngine pieces shared by headless capture and the in-app browser: profiles, a
page that never opens dialogs, windows or permission prompts on its own, the engine's name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    qWebEngineChromiumVersion,
    qWebEngineVersion,
)


def engine_description() -> str:
    """The engine named in every capture's metadata."""
    version, chromium = str(qWebEngineVersion()), str(qWebEngineChromiumVersion())
    return f"QtWebEngine {version} (Chromium {chromium})"


def off_the_record_profile(parent: QObject | None = None) -> QWebEngineProfile:
    """A profile that keeps cookies, cache and storage in memory only."""
    profile = QWebEngineProfile(parent)  # no storage name: off the record
    _harden(profile)
    return profile


def persistent_profile(storage: Path, parent: QObject | None = None) -> QWebEngineProfile:
    """A profile that keeps logins (cookies, local storage) in ``storage``, which the app
    controls and documents. The HTTP cache still lives in memory, so page content and
    images are never cached on disk."""
    storage.mkdir(parents=True, exist_ok=True, mode=0o700)
    profile = QWebEngineProfile("evidence-locker-browser", parent)
    profile.setPersistentStoragePath(str(storage / "storage"))
    profile.setCachePath(str(storage / "cache"))
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.ForcePersistentCookies
    )
    _harden(profile)
    return profile


def _harden(profile: QWebEngineProfile) -> None:
    from PySide6.QtCore import QStandardPaths

    from app.capture.spool import default_download_dir, note_user_downloads

    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    if downloads:
        note_user_downloads(Path(downloads))  # see spool.remove_made_downloads
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setDownloadPath(str(default_download_dir()))  # never ~/Downloads
    profile.setSpellCheckEnabled(False)
    settings = profile.settings()
    attr = QWebEngineSettings.WebAttribute
    settings.setAttribute(attr.PdfViewerEnabled, False)  # PDFs arrive as files
    settings.setAttribute(attr.PluginsEnabled, False)
    settings.setAttribute(attr.HyperlinkAuditingEnabled, False)
    settings.setAttribute(attr.DnsPrefetchEnabled, False)
    settings.setAttribute(attr.JavascriptCanAccessClipboard, False)
    settings.setAttribute(attr.JavascriptCanPaste, False)
    settings.setAttribute(attr.ScreenCaptureEnabled, False)
    settings.setAttribute(attr.PlaybackRequiresUserGesture, True)


class QuietPage(QWebEnginePage):
    """A page for untrusted content: no JavaScript dialogs, pop-up windows, file
    choosers or permission grants, muted audio, and certificate errors always rejected."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.setAudioMuted(True)
        self.last_certificate_error = ""
        self.certificateError.connect(self._reject_certificate)
        self.permissionRequested.connect(lambda permission: permission.deny())

    def _reject_certificate(self, error: QWebEngineCertificateError) -> None:
        self.last_certificate_error = error.description()
        error.rejectCertificate()

    def javaScriptAlert(self, origin: QUrl | str, msg: str) -> None:
        return None

    def javaScriptConfirm(self, origin: QUrl | str, msg: str) -> bool:
        return False

    def javaScriptPrompt(self, origin: QUrl | str, msg: str, default: str) -> tuple[bool, str]:
        return False, ""

    def chooseFiles(self, mode, old_files, accepted_mime_types):  # type: ignore[no-untyped-def]
        return []

    def createWindow(self, window_type):  # type: ignore[no-untyped-def]
        return None


def persistent_profile_dir() -> Path:
    """Where the optional logged-in browser profile lives (documented in the README):
    the platform's user data folder / ``browser-profile``; ``LOCKER_BROWSER_PROFILE_DIR``
    overrides it (tests, portable use)."""
    import os

    override = os.environ.get("LOCKER_BROWSER_PROFILE_DIR")
    if override:
        return Path(override)
    from app.platform import user_data_dir

    return user_data_dir() / "browser-profile"
