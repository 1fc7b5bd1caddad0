"""What every PyInstaller spec (Linux, Windows, macOS) bundles. Plain Python without
PyInstaller imports, so the test suite can check it (tests/test_packaging.py).

Resources land under ``resources/`` inside the frozen folder (``sys._MEIPASS``), the
same layout as in a source checkout, so ``app.resources.resource_path`` finds them in both.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
APP_ID = "evidence-locker"
NEUTRAL_ID = "notes"

# Resource files shipped, as globs under resources/ (sources such as .ts stay out).
RESOURCE_GLOBS = (
    "i18n/*.qm",
    "tsa/*.json",
    "tsa/*.pem",
    "tsa/README.md",
    "icons/*.svg",
    "takedown/*.json",
)

# Packages whose metadata is read at run time (versions in the report, entry points).
METADATA_PACKAGES = ("bagit", "keyring", "fpdf2", "rfc3161-client", "rfc3161ng", "pyrage",
                     "sqlcipher3", "cryptography", "PySide6", "platformdirs")
# Big parts of Qt the app never uses (keeps the folder smaller). QtWebEngine stays.
QT_EXCLUDES = ("PySide6.Qt3DAnimation", "PySide6.Qt3DCore", "PySide6.Qt3DExtras",
               "PySide6.Qt3DInput", "PySide6.Qt3DLogic", "PySide6.Qt3DRender",
               "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.QtGraphs",
               "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtQuick3D",
               "PySide6.QtSpatialAudio", "PySide6.QtTextToSpeech", "PySide6.QtSensors",
               "PySide6.QtSerialPort", "PySide6.QtSerialBus", "PySide6.QtBluetooth",
               "PySide6.QtNfc", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
               "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools",
               "PySide6.QtLocation", "PySide6.QtHttpServer", "PySide6.QtQuickControls2",
               "tkinter", "pytest", "hypothesis", "mypy", "ruff")


def version() -> str:
    """app.__version__, read without importing the app."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise RuntimeError("app/__init__.py has no __version__")
    return match.group(1)


def resource_files() -> list[Path]:
    """Every file under resources/ that a frozen build ships."""
    found: set[Path] = set()
    for pattern in RESOURCE_GLOBS:
        found.update(p for p in RESOURCES.glob(pattern) if p.is_file())
    return sorted(found)


def resource_datas() -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for Analysis(datas=...)."""
    return [(str(p), str(Path("resources") / p.parent.relative_to(RESOURCES)))
            for p in resource_files()]


def needed_resources() -> list[str]:
    """Paths (relative to resources/) the app reads at run time: each shipped language's
    translation, the shipped TSA list and every certificate it names, the launcher icons
    and the report font. The test suite checks that resource_files() covers them."""
    needed = ["i18n/app_en.qm", "i18n/app_ko.qm", "tsa/tsas.json",
              f"icons/{APP_ID}.svg", f"icons/{NEUTRAL_ID}.svg", "takedown/platforms.json"]
    config = json.loads((RESOURCES / "tsa" / "tsas.json").read_text(encoding="utf-8"))
    for tsa in config.get("tsas", []):
        for name in list(tsa.get("roots", [])) + list(tsa.get("untrusted", [])):
            needed.append(f"tsa/{name}")
    return needed


# The Korean-capable TrueType font bundled for PDF reports (SIL OFL; Debian fonts-nanum).
# fpdf2 cannot embed the Noto CJK .ttc collection, so it must be a .ttf.
DEFAULT_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
FONT_LICENSE = Path("/usr/share/doc/fonts-nanum/copyright")


def font_datas() -> list[tuple[str, str]]:
    """The report font ($LOCKER_BUILD_FONT or NanumGothic) and its licence, to go into
    resources/fonts/. Raises when there is none: a build without it would print Korean
    reports as question marks."""
    font = Path(os.environ.get("LOCKER_BUILD_FONT") or DEFAULT_FONT)
    if not font.is_file() or font.suffix.lower() != ".ttf":
        raise SystemExit(f"no Korean report font at {font}: install fonts-nanum "
                         "or set LOCKER_BUILD_FONT to a .ttf with Hangul")
    datas = [(str(font), "resources/fonts")]
    licence = Path(os.environ.get("LOCKER_BUILD_FONT_LICENSE") or FONT_LICENSE)
    if licence.is_file():
        datas.append((str(licence), "resources/fonts/LICENSE"))
    return datas


# Parts of PySide6 the app never loads, dropped from the frozen folder (about half its
# size). QtWebEngine itself links Qml/Quick/QuickWidgets/Positioning/WebChannel, so those
# stay; QML plugins, Quick 3D/Controls and the other add-on modules go. Chromium's UI
# strings and Qt's own translations are kept for English and Korean only.
_DROP_QT_LIB = re.compile(
    r"libQt6(3D\w*|Charts\w*|DataVisualization\w*|Graphs\w*|Location|Multimedia\w*|"
    r"Sensors\w*|TextToSpeech|VirtualKeyboard\w*|RemoteObjects\w*|Scxml\w*|StateMachine\w*|"
    r"SpatialAudio|Quick3D\w*|QuickControls2\w*|QuickDialogs2\w*|QuickParticles|"
    r"QuickTimeline\w*|QuickVectorImage\w*|QuickEffects|QuickShapes\w*|QuickLayouts|"
    r"QuickTest|QuickTemplates2|Test|Labs\w*|QmlDesignSupport|QmlLocalStorage|"
    r"QmlXmlListModel|QmlNetwork|QmlCore|WebEngineQuick\w*|WebView\w*|WebChannelQuick|"
    r"WaylandCompositor|PdfQuick|PositioningQuick|ShaderTools|SerialPort|Sql|WebSockets)"
    r"\.so")
_KEEP_LOCALES = ("en-US.pak", "ko.pak")


def keep_in_bundle(dest: str) -> bool:
    """Whether a file PyInstaller collected (its path inside the folder) is shipped."""
    path = dest.replace("\\", "/")
    if ("PySide6/Qt/qml/" in path or "/plugins/qmltooling/" in path
            or path.endswith("/libqtvirtualkeyboardplugin.so")):
        return False
    name = path.rsplit("/", 1)[-1]
    if "PySide6/Qt/lib/" in path and _DROP_QT_LIB.match(name):
        return False
    if "/qtwebengine_locales/" in path:
        return name in _KEEP_LOCALES
    if "PySide6/Qt/translations/" in path and name.endswith(".qm"):
        return name.endswith(("_ko.qm", "_en.qm"))
    return True


def checker_datas() -> list[tuple[str, str]]:
    """The independent bundle checker, copied into every exported bundle's verifier/."""
    return [(str(ROOT / "docs" / "verifier" / "check_bundle.py"), "resources/verifier")]
