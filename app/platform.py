"""Everything that differs between Linux, Windows and macOS, in one place (no Qt here, so
the core may import it). The README's "Installers" section lists each difference.

- Folders: the user config and data folders (platformdirs: ~/.config and ~/.local/share
  on Linux, %APPDATA%/%LOCALAPPDATA% on Windows, ~/Library/Application Support on macOS).
- Temporary storage for the few files Qt only writes to a path: memory-backed folders
  (/dev/shm, $XDG_RUNTIME_DIR) on Linux; the system temp folder elsewhere.
- Keyring: which OS keyring backends are trusted for "remember on this device".
- Screen lock / suspend (app/ui/lockguard.py) and window listing (app/capture/windows.py)
  need Qt and stay there; :data:`SCREEN_LOCK_SOURCES` and :func:`window_listing` say what
  each platform has.
- Core dumps (app/hardening.py): rlimit + prctl on Linux, rlimit on macOS, SetErrorMode on
  Windows.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

APP_ID = "evidence-locker"


def system() -> str:
    """ "linux", "windows", "macos" or "other"."""
    if sys.platform.startswith("linux"):
        return "linux"
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "other"


def user_config_dir() -> Path:
    """The platform's config folder for the app (no override)."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def user_data_dir() -> Path:
    """The platform's data folder for the app (the optional browser profile)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def memory_temp_dirs() -> list[Path]:
    """Writable memory-backed folders, best first (Linux only; none on Windows/macOS)."""
    if system() != "linux":
        return []
    found = []
    for candidate in ("/dev/shm", os.environ.get("XDG_RUNTIME_DIR", "")):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK | os.X_OK):
            found.append(Path(candidate))
    return found


def private_temp_base() -> Path:
    """Where short-lived private folders go: memory-backed storage when there is any,
    else the system temp folder (files there are unlinked at once)."""
    memory = memory_temp_dirs()
    return memory[0] if memory else Path(tempfile.gettempdir())


# OS keyrings trusted with a vault key (module prefixes of keyring backends): Secret
# Service/KWallet/libsecret (Linux), Keychain (macOS), Credential Locker (Windows).
TRUSTED_KEYRING_BACKENDS = (
    "keyring.backends.SecretService",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
    "keyring.backends.kwallet",
    "keyring.backends.libsecret",
)

# What tells the app that the session locks or the machine suspends (app/ui/lockguard.py).
SCREEN_LOCK_SOURCES = {
    "linux": (
        "Qt application state",
        "logind PrepareForSleep",
        "logind session Lock",
        "org.freedesktop.ScreenSaver ActiveChanged",
        "org.gnome.ScreenSaver ActiveChanged",
    ),
    "windows": ("Qt application state",),
    "macos": ("Qt application state",),
    "other": ("Qt application state",),
}


def window_listing() -> str | None:
    """How single windows can be listed for a screenshot: "x11" on an X11 session
    (python-xlib; app/capture/windows.py also checks Qt's platform), else None."""
    if system() == "linux" and os.environ.get("DISPLAY"):
        return "x11"
    return None
