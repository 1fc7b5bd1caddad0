"""Korean throughout: in Korean mode every visible text of every window and dialog a
person meets (unlock in all its states, the main window with an item selected, settings,
export, archive, receive confirmation, capture, screenshot, verify, and Qt's own file
dialog) is Korean; Latin-only text is allowed only for names, addresses, hashes, file
names, fingerprints and key names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.qtsync import settle
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows

# Key names, formats and product names that stay as they are in Korean text.
ALLOWED = {
    "F12",
    "Ctrl",
    "Shift",
    "Alt",
    "SHA",
    "PDF",
    "MHTML",
    "HTML",
    "PNG",
    "URL",
    "HTTP",
    "HTTPS",
    "UTC",
    "MiB",
    "KB",
    "MB",
    "GB",
    "English",
    "age",
    "SQLCipher",
    "HMAC",
    "OK",
    "Tab",
    "Esc",
    "RFC",
}
DATA = [
    r"\S+://\S*",  # addresses
    r"(?:[A-Za-z]:)?[\\/][^\s]*",  # paths
    r"[\w.-]+\.(?:png|jpe?g|txt|pdf|zip|bundle|locker|json|mhtml|html)\b",  # file names
    r"\b[0-9a-f]{8,}\b",  # hashes
    r"\b[A-Z2-7]{5}(?:[- ][A-Z2-7]{5})+\b",  # fingerprints
    r"\bage1[0-9a-z]+\b",
]


def _texts(root: QWidget) -> list[tuple[str, str]]:
    found = [("window title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if widget.property("evidenceData") or widget.property("dataText"):
            continue
        name = type(widget).__name__
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append((name, widget.text()))
        if isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            found.append((name + " placeholder", widget.placeholderText()))
        if isinstance(widget, QPlainTextEdit) and widget.isReadOnly():
            found += [(name, line) for line in widget.toPlainText().splitlines()]
        if isinstance(widget, QComboBox) and not widget.isEditable():
            found += [(name + " item", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            found += [
                ("header", widget.horizontalHeaderItem(c).text())
                for c in range(widget.columnCount())
                if widget.horizontalHeaderItem(c)
            ]
        found.append((name + " tooltip", widget.toolTip()))
        found.append((name + " accessible name", widget.accessibleName()))
    return [(k, re.sub(r"<[^>]+>", " ", t)) for k, t in found if t and t.strip()]


def latin_only(texts: list[tuple[str, str]], data: set[str] = frozenset()) -> list[tuple[str, str]]:  # type: ignore[assignment]
    bad = []
    for kind, text in texts:
        if re.search(r"[가-힣]", text) or text in data:
            continue
        rest = text
        for pattern in DATA:
            rest = re.sub(pattern, " ", rest)
        words = set(re.findall(r"[A-Za-z]{2,}", rest)) - ALLOWED
        if words:
            bad.append((kind, text))
    return bad


def _korean(gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = gui.controller.settings
    settings.language = "ko"
    gui.save_settings(settings)
    settle(gui.controller)  # windows re-read in the background after a language change


def _top(kind: str) -> Any:  # the window's own class (reject, browser, ...)
    return next(
        w for w in QApplication.topLevelWidgets() if w.isVisible() and type(w).__name__ == kind
    )


def test_every_window_and_dialog_is_korean(gui, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "synthetic-checker.png"), case="General")
        hidden = vault.add_file(checkerboard(tmp_path / "hidden.png", cell=5), case="General")
        vault.archive(hidden.id, "사적인 사진")
    assert latin_only(_texts(gui.unlock_window)), "the check must see English before switching"
    _korean(gui, qtbot)
    problems: list[tuple[str, str, str]] = []

    def walk(where: str, root: QWidget, data: set[str] = set()) -> None:  # noqa: B006
        problems.extend((where, k, t) for k, t in latin_only(_texts(root), data))

    window = gui.unlock_window
    for tab in (window.open_tab, window.create_tab, window.bundle_tab):
        if tab.isVisible():
            tab.click()
            walk("unlock " + tab.text(), window)
    window.open_tab.click()
    # Qt's own file dialog (non-native, as the app uses it) in Korean.
    dialog = QFileDialog(window, "", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    walk("Qt file dialog", dialog, {p.name for p in tmp_path.iterdir()})
    assert dialog.findChild(QLabel, "lookInLabel").text() != "Look in:"
    dialog.reject()

    unlock(gui, qtbot, path)
    main = gui.main_window
    wait_rows(gui, qtbot, 1)
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    walk("main window", main, {"synthetic-checker.png"})
    metadata = main.details.values["metadata"].text()
    assert "original_name" not in metadata and "원래 파일 이름" in metadata

    main.act_settings.trigger()
    walk("settings", _top("SettingsDialog"))
    _top("SettingsDialog").reject()

    main.cases.setCurrentRow(0)  # all evidence
    main.act_export.trigger()
    walk("export", _top("ExportDialog"))
    _top("ExportDialog").reject()

    main.details.archive_button.click()
    walk("archive", _top("QInputDialog"))
    _top("QInputDialog").reject()

    if main.act_capture.isVisible():
        main.act_capture.trigger()
        walk("capture", _top("CaptureDialog"))
        _top("CaptureDialog").reject()
    if main.act_screenshot.isVisible():
        main.act_screenshot.trigger()
        walk("screenshot", _top("ScreenshotDialog"))
        _top("ScreenshotDialog").reject()

    # The in-app browser window, in both image states (Show images confirmed in Korean).
    assert main.act_browser.isVisible()
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def confirm(
        _parent: object, title: str, text: str, *_a: object, **_k: object
    ) -> QMessageBox.StandardButton:
        asked.append(title + " " + text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    main.act_browser.trigger()
    browser = _top("BrowserWindow")
    walk("browser", browser)
    browser.browser.show_images.setChecked(True)  # confirmed (in Korean) first
    walk("browser, images shown", browser)
    assert len(asked) == 1 and browser.browser.images_shown()
    problems.extend(
        ("browser confirmation", "question", t) for t in asked if not re.search(r"[가-힣]", t)
    )
    browser.close()

    main.act_verify.trigger()
    qtbot.waitUntil(
        lambda: any(
            type(w).__name__ == "VerifyDialog" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        ),
        timeout=30_000,
    )
    verify = _top("VerifyDialog")
    assert "[정상]" in verify.text.toPlainText()
    walk("verify", verify)
    _top("VerifyDialog").reject()

    gui.lock_if_open("idle")
    walk("unlock after lock", window)
    assert "분 동안 사용하지 않아" in window.lock_note.text()
    assert problems == []


def test_received_case_and_core_messages_in_korean(gui, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.core_text import translate
    from app.ui.item_model import case_label

    _korean(gui, qtbot)
    assert (
        case_label("Received 2026-11-30 from GAGUS-MHH2R (2)")
        == "2026-11-30에 GAGUS-MHH2R에게서 받음 (2)"
    )
    for english in (
        "The server answered HTTP 404 for http://127.0.0.1:9/x; nothing was stored.",
        "https://tsa.example/ is not reachable (<urlopen error [Errno -2] Name or "
        "service not known>).",
        "Cancelled before it was captured.",
        "Capture cancelled; nothing was stored.",
    ):
        text = translate(english)
        assert re.search(r"[가-힣]", text) and "not" not in text, text
