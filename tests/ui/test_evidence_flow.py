"""Create -> unlock -> import -> blurred grid -> reveal (sharp, logged) -> re-blur."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from tests.conftest import PASSPHRASE
from tests.ui.conftest import checkerboard, edge_energy, unlock, wait_rows


def test_create_import_blurred_reveal_logged(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sharp_path = checkerboard(tmp_path / "synthetic-checker.png")
    window = gui.unlock_window
    window.create_tab.click()
    window.new_path_edit.setText(str(tmp_path / "case.locker"))
    window.new_pass_edit.setText("weak")
    window.repeat_edit.setText("weak")
    window.create_button.click()
    assert "too easy" in window.status.text()
    window.new_pass_edit.setText(PASSPHRASE)
    window.repeat_edit.setText(PASSPHRASE)
    window.create_button.click()
    qtbot.waitUntil(lambda: gui.main_window.isVisible(), timeout=15_000)
    main = gui.main_window
    assert not window.isVisible()
    main.act_lock.trigger()  # lock, then unlock with the passphrase
    assert window.isVisible() and not main.isVisible() and not gui.controller.is_unlocked
    unlock(gui, qtbot, tmp_path / "case.locker")

    main.import_paths([sharp_path])
    wait_rows(gui, qtbot, 1)
    item_id = main.model.item_at(0).id
    qtbot.waitUntil(lambda: main.model.thumbnail_loaded(item_id), timeout=10_000)
    qtbot.wait(50)

    # The grid shows a blurred thumbnail: far less edge detail than the sharp original.
    rect = main.grid.visualRect(main.model.index(0, 0))
    cell = main.grid.viewport().grab(rect).toImage()
    thumb = cell.copy(20, 14, cell.width() - 40, 110)
    sharp = QImage(str(sharp_path)).scaled(
        thumb.size(),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    assert edge_energy(sharp) > 20
    assert edge_energy(thumb) < edge_energy(sharp) * 0.15

    # Select it: the details pane shows the blurred preview too.
    main.grid.setCurrentIndex(main.model.index(0, 0))
    details = main.details
    qtbot.waitUntil(lambda: details.item is not None and details.item.id == item_id)
    reveal = details.reveal
    blurred_energy = edge_energy(reveal.canvas.grab().toImage())
    vault = gui.controller.require_vault()
    before = [e.event for e in vault.custody_log(item_id)]
    assert "item_revealed" not in before

    # Press and hold: the original is shown sharp, and the reveal is a custody event.
    qtbot.mousePress(reveal.button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    shown = reveal.canvas.grab().toImage()
    assert edge_energy(shown) > blurred_energy * 5
    events = [e.event for e in vault.custody_log(item_id)]
    assert events.count("item_revealed") == 1

    # Release: blurred again.
    qtbot.mouseRelease(reveal.button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not reveal.revealed
    assert edge_energy(reveal.canvas.grab().toImage()) < blurred_energy * 1.5

    # The details show the hash, the custody history includes the reveal.
    qtbot.waitUntil(
        lambda: any(
            "viewed" in details.history.item(i).text() for i in range(details.history.count())
        ),
        timeout=5_000,
    )
    assert details.values["sha256"].text().replace("\n", "") == vault.get_item(item_id).sha256


def test_reveal_reblurs_by_itself(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    main = gui.main_window
    main.table.selectRow(0)
    reveal = main.details.reveal
    qtbot.waitUntil(lambda: reveal.item_id is not None)
    reveal.timer.setInterval(300)
    reveal.hold(True)
    qtbot.waitUntil(lambda: reveal.revealed, timeout=10_000)
    qtbot.waitUntil(lambda: not reveal.revealed, timeout=3_000)  # still "held", re-blurred


def test_text_only_hides_thumbnails(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    main = gui.main_window
    main.act_text_only.trigger()
    assert main.act_table.isChecked() and not main.act_grid.isEnabled()
    assert main.model.data(main.model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    assert main.details.reveal.canvas.image is None


def test_text_only_is_remembered(gui, qtbot, tmp_path: Path, config_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.settings import Settings
    from tests.ui.conftest import make_vault

    unlock(gui, qtbot, make_vault(tmp_path / "v.locker"))
    gui.main_window.act_text_only.trigger()
    saved = Settings.load(config_dir / "settings.json")
    assert saved.text_only and saved.view_mode == "table"
