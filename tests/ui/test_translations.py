"""Korean is complete: the .ts has a translation for every string, and after switching
live to Korean no visible string of the main window is left in English."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.qtsync import settle
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
# Words that are the same in Korean text: names, formats, key names.
ALLOWED = {
    "SHA",
    "F12",
    "Ctrl",
    "Shift",
    "English",
    "PDF",
    "URL",
    "MiB",
    "KB",
    "MB",
    "GB",
    "locker",
    "stamp",
    "help",
    "png",
    "synthetic",
    "checker",
    "General",
}


def english_sources() -> set[str]:
    tree = ET.parse(I18N / "app_ko.ts")
    return {m.findtext("source") or "" for m in tree.getroot().iter("message")}


def test_korean_ts_is_complete_and_compiled() -> None:
    tree = ET.parse(I18N / "app_ko.ts")
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 150
    for message in messages:
        translation = message.find("translation")
        assert translation is not None and translation.get("type") != "unfinished", (
            message.findtext("source")
        )
        text = "".join(translation.itertext()).strip()
        assert text and re.search(r"[가-힣]", text) or text.startswith("SHA"), text
    assert (I18N / "app_ko.qm").stat().st_size > 5000
    assert (I18N / "app_en.qm").exists()


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.property("evidenceData"):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append((type(widget).__name__, widget.text()))
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            found.append(("placeholder", widget.placeholderText()))
        found.append(("tooltip", widget.toolTip()))
        found.append(("accessible name", widget.accessibleName()))
        for action in widget.actions():
            if action.isVisible():
                found += [("action", action.text()), ("action tip", action.toolTip())]
    model = getattr(root, "model", None)
    if model is not None:
        found += [
            (
                "header",
                str(
                    model.headerData(
                        c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal
                    )
                ),
            )
            for c in range(model.columnCount())
        ]
    return [(kind, text) for kind, text in found if text]


def untranslated(texts: list[tuple[str, str]], sources: set[str]) -> list[tuple[str, str]]:
    bad = []
    for kind, text in texts:
        if re.fullmatch(r"[0-9a-f\s]+", text):  # hashes are data, not language
            continue
        if text in sources and re.search(r"[A-Za-z]{3,}", text) and text not in ALLOWED:
            bad.append((kind, text))
            continue
        words = set(re.findall(r"[A-Za-z]{3,}", text))
        if (
            not re.search(r"[가-힣]", text)
            and words - ALLOWED
            and not re.search(r"\d{4}-\d\d", text)
        ):
            bad.append((kind, text))
    return bad


def test_switching_to_korean_translates_every_visible_string(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "synthetic-checker.png"), case="General")
    unlock(gui, qtbot, path)
    main = gui.main_window
    wait_rows(gui, qtbot, 1)
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    sources = english_sources()
    english = visible_texts(main)
    assert untranslated(english, sources), "the check must see English before switching"

    settings = gui.controller.settings
    settings.language = "ko"
    gui.save_settings(settings)
    # The case list and the details pane re-read in the background after a language change:
    # wait for that work (not a guessed delay; 50 ms was sometimes too short under load).
    settle(gui.controller)
    texts = visible_texts(main)
    assert any(re.search(r"[가-힣]", t) for _, t in texts)
    user_data = {"synthetic-checker.png"}  # the title shown in lists
    problems = [(k, t) for k, t in untranslated(texts, sources) if t not in user_data]
    assert problems == []
    # The default case the app itself creates is shown in Korean (stored as "General").
    cases = [main.cases.item(i).text() for i in range(main.cases.count())]
    assert "일반" in cases and "General" not in cases
    assert main.details.values["case"].text() == "일반"
    assert main.windowTitle() == "증거 보관함"
    assert gui.quick_exit_action.text() == "빠른 종료"

    # And back to English, live.
    settings.language = "en"
    gui.save_settings(settings)
    settle(gui.controller)
    assert main.windowTitle() == "Evidence Locker"


def test_unlock_window_in_korean(gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = gui.controller.settings
    settings.language = "ko"
    gui.save_settings(settings)
    qtbot.wait(50)
    window = gui.unlock_window
    problems = untranslated(visible_texts(window), english_sources())
    assert problems == []
    assert "잊으시면" in window.forget_note.text()


def test_ts_covers_every_string_in_the_sources(tmp_path: Path) -> None:
    """A new tr() string without a Korean translation fails here (run
    resources/i18n/update_translations.py after changing UI text)."""
    import subprocess
    import sys

    root = I18N.parents[1]
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (root / "app" / "ui").glob("*.py"))
    subprocess.run(
        [str(Path(sys.executable).parent / "pyside6-lupdate"), *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )

    def keys(path: Path) -> set[tuple[str, str]]:
        tree = ET.parse(path)
        return {
            (c.findtext("name") or "", m.findtext("source") or "")
            for c in tree.getroot().iter("context")
            for m in c.iter("message")
        }

    missing = keys(fresh) - keys(I18N / "app_ko.ts")
    assert missing == set()
