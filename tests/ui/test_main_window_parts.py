"""The main window is composed of its parts (history banner, cases panel, item views,
details), the lists read the vault off the GUI thread, and a screenshot is stored through
the controller (Controller.store_screenshot), not by the dialog."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from app.ui.cases_panel import CasesPanel
from app.ui.history_banner import HistoryBanner
from app.ui.item_views import ItemViews
from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows

# Reads the lists and the unlock line need; none of them may run on the GUI thread.
LIST_READS = (
    "list_cases",
    "count_items",
    "list_items",
    "latest_notes",
    "unlock_history",
    "get_item",
    "custody_log",
    "thumbnail",
)


def _spy_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    on_gui: list[str] = []
    gui_thread = threading.get_ident()
    for name in LIST_READS:
        real = getattr(Vault, name)

        def spy(self, *args, _real=real, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            if threading.get_ident() == gui_thread:
                on_gui.append(_name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(Vault, name, spy)
    return on_gui


def test_main_window_parts_read_the_vault_off_the_gui_thread(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "a.png"), case="Alpha")
        vault.add_file(checkerboard(tmp_path / "b.png"), case="Beta")
    on_gui = _spy_reads(monkeypatch)
    unlock(gui, qtbot, path)
    main = gui.main_window
    assert isinstance(main.banner, HistoryBanner) and main.banner.isVisible()
    assert isinstance(main.cases_panel, CasesPanel) and isinstance(main.items, ItemViews)
    rows = [main.cases.item(i).text() for i in range(main.cases.count())]
    assert rows == ["All evidence", "Alpha", "Beta", "Archived"]  # read with the unlock
    wait_rows(gui, qtbot, 2)
    main.cases.setCurrentRow(rows.index("Beta"))
    qtbot.waitUntil(lambda: main.model.rowCount() == 1 and main.model.total() == 1, timeout=10_000)
    assert main.items.heading.text() == "Beta · 1 item"
    # A case that appears in the vault (another window stored there) shows after a reload.
    vault = gui.controller.require_vault()
    writer = threading.Thread(
        target=vault.add_file, args=(checkerboard(tmp_path / "c.png"),), kwargs={"case": "Gamma"}
    )
    writer.start()
    writer.join(30)
    main.reload()
    qtbot.waitUntil(lambda: main.cases.count() == 5, timeout=10_000)
    assert main.cases.currentItem().text() == "Beta"  # the selection stays
    wait_rows(gui, qtbot, 1)
    item = main.model.item_at(0)
    assert item is not None
    main.table.selectRow(0)  # the details pane reads the item in the background
    qtbot.waitUntil(
        lambda: main.details.item is not None and main.details.item.id == item.id, timeout=10_000
    )
    assert main.details.history.count() >= 1
    gui.controller.add_note(item.id, "a note written in the app")
    qtbot.waitUntil(
        lambda: "a note written" in str(main.model.data(main.model.index(0, 5))), timeout=10_000
    )
    qtbot.waitUntil(lambda: main.details.notes.count() == 1, timeout=10_000)
    assert on_gui == []


def test_screenshot_is_stored_through_the_controller(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.capture.screenshot import Screenshot
    from app.vault.models import utc_now

    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs want bytes; runtime wants str
    shot = Screenshot(
        png=bytes(data.data()),
        width=40,
        height=30,
        mode="region",
        captured_at=utc_now(),
        area=(0, 0, 40, 30),
    )
    with qtbot.waitSignal(gui.controller.task_finished, timeout=10_000):
        gui.controller.store_screenshot(shot, "Shots", "Storing")
    wait_rows(gui, qtbot, 1)
    items = gui.controller.require_vault().list_items("Shots")
    assert [i.kind for i in items] == ["screenshot"]
    stored = gui.controller.require_vault().open_artifact(items[0].id, "original").read()
    assert stored == shot.png  # bit-exact
