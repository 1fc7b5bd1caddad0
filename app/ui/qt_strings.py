"""Qt's own strings that Qt's shipped Korean catalogue (qtbase_ko.qm) lacks in this Qt
version: they are listed here so that lupdate puts them (in Qt's context) into the app's
catalogue, which is installed after Qt's and so consulted first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_strings() -> list[str]:
    """Never needed at run time; the literal calls are what lupdate extracts."""
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
    ]
