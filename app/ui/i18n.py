"""Translations: the app's own .qm files (resources/i18n) plus Qt's for standard dialog
buttons. Switching installs new translators; Qt then sends LanguageChange to every
widget, and each widget's retranslate() sets its texts again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import resource_path

I18N_DIR = resource_path("i18n")
SUPPORTED = ("en", "ko")
_installed: list[QTranslator] = []


def resolve_language(setting: str) -> str:
    """ "system" follows the system locale (Korean if it is Korean, else English)."""
    if setting in SUPPORTED:
        return setting
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


def install_language(setting: str) -> str:
    """Install the translators for ``setting``; returns the language now in use."""
    app = QCoreApplication.instance()
    language = resolve_language(setting)
    if app is None:
        return language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # English is the source language; its .qm only carries plural forms.
    wanted = [(f"app_{language}", str(I18N_DIR))]
    if language != "en":
        wanted.insert(0, (f"qtbase_{language}", qt_dir))
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return language
