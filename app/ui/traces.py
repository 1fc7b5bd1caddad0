"""Keep Qt's own settings off disk.

Qt's file dialog saves its history, last folder and sidebar to ``QSettings(UserScope,
"QtProject")`` (``~/.config/QtProject.conf`` on Linux, the registry on Windows): on a
watched computer that names the folder of the vault even with "remember recent vaults"
off. The app itself keeps no QSettings (its settings are a JSON file), so every Qt
settings file is pointed at a location that cannot be created: writes fail silently and
Qt keeps the values in memory for this run only.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

# A path below the null device can never be a folder, on any platform.
NOWHERE = os.path.join(os.devnull, "qt-settings")


def keep_qt_settings_off_disk() -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # no registry / plist either
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, NOWHERE)
