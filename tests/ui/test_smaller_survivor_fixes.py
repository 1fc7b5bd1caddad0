"""The smaller survivor-safety fixes of issue 13: archive with the item's actions and an
empty reason that says why OK is disabled, switching case clears the details, "Got it"
does not move the buttons, the status bar tells the truth about time-stamp servers, and
grid tiles of same-titled captures differ by site and time."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.qtsync import settle
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows


def test_archive_is_with_the_actions_and_blank_reason_says_why(
    gui, qtbot, checker_vault: Path
) -> None:  # type: ignore[no-untyped-def]
    main = gui.main_window
    main.resize(1366, 768)
    main.table.selectRow(0)
    details = main.details
    qtbot.waitUntil(lambda: details.item is not None)
    qtbot.wait(50)
    y = details.archive_button.mapTo(details.content, QPoint(0, 0)).y()
    assert y < details.notes_heading.mapTo(details.content, QPoint(0, 0)).y()
    assert y + details.archive_button.height() < details.viewport().height()  # above the fold
    details.archive_button.click()
    dialog: Any = next(
        w
        for w in QApplication.topLevelWidgets()  # a QInputDialog
        if w.isVisible() and w.objectName() == "archiveDialog"
    )
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    label = "\n".join(lbl.text() for lbl in dialog.findChildren(QLabel))
    assert not ok.isEnabled() and "Write a reason to archive" in label
    dialog.setTextValue("not for court")
    label = "\n".join(lbl.text() for lbl in dialog.findChildren(QLabel))
    assert ok.isEnabled() and "Write a reason to archive" not in label
    dialog.reject()


def test_switching_case_clears_the_details(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "a.png"), case="Alpha")
        vault.add_file(checkerboard(tmp_path / "b.png"), case="Beta")
    unlock(gui, qtbot, path)
    main = gui.main_window
    rows = [main.cases.item(i).text() for i in range(main.cases.count())]
    main.cases.setCurrentRow(rows.index("Alpha"))
    wait_rows(gui, qtbot, 1)
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    assert main.details.item.case == "Alpha"
    main.cases.setCurrentRow(rows.index("Beta"))
    settle(gui.controller)  # the Beta list has loaded
    assert main.details.item is None or main.details.item.case == "Beta"


def test_got_it_does_not_move_the_buttons(qtbot, qapp, config_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from app.ui.attempts import AttemptLog
    from app.ui.controller import Controller
    from app.ui.settings import Settings
    from app.ui.unlock_window import UnlockWindow

    controller = Controller(Settings(language="en"), AttemptLog(config_dir / "a.json", clock))
    window = UnlockWindow(controller)
    qtbot.addWidget(window)
    window.resize(720, 560)
    window.show()
    qtbot.wait(50)
    assert window.safety.isVisible()
    before = [
        w.mapTo(window, QPoint(0, 0))
        for w in (window.safety_skip, window.open_tab, window.unlock_button)
    ]
    window.safety_skip.click()
    qtbot.wait(50)
    assert not window.safety.isVisible()
    after = [w.mapTo(window, QPoint(0, 0)) for w in (window.open_tab, window.unlock_button)]
    assert after == before[1:]


def test_status_bar_says_when_time_stamp_servers_are_unreachable(
    gui, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as s:  # a closed local port: connection refused, no internet
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = tmp_path / "tsa-closed.json"
    config.write_text(
        json.dumps(
            {
                "tsas": [
                    {
                        "name": "Closed",
                        "url": f"http://127.0.0.1:{port}/",
                        "roots": [],
                        "enabled": True,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"))
    unlock(gui, qtbot, path)
    status = gui.main_window.status
    gui.controller.refresh_status()
    qtbot.waitUntil(lambda: gui.controller.tsa_unreachable_since is not None, timeout=20_000)
    assert "Time-stamp servers unreachable since" in status.network.text()
    assert "online" not in status.network.text()


def test_grid_tiles_show_site_and_time(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.item_model import SubtitleRole

    path = make_vault(tmp_path / "v.locker")
    name = "a-very-long-page-title-that-is-the-same-on-every-page-of-this-thread.png"
    hosts = ("forum.example", "mirror.example", "archive.example")
    with Vault.open(path, PASSPHRASE) as vault:
        for n, host in enumerate(hosts):
            folder = tmp_path / f"p{n}"
            folder.mkdir()
            vault.add_file(checkerboard(folder / name), source_url=f"https://{host}/t/{n}")
    unlock(gui, qtbot, path)
    main = gui.main_window
    wait_rows(gui, qtbot, 3)
    model = main.model
    subtitles = [str(model.data(model.index(r, 0), SubtitleRole)) for r in range(3)]
    assert sorted(s.split(" · ")[0] for s in subtitles) == sorted(hosts)
    assert all(
        re.search(r" · ((\d{4}-)?\d\d-\d\d )?\d\d:\d\d$", s) for s in subtitles
    )  # local time
