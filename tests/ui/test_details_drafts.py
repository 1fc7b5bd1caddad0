"""An unsaved note or tag typed for one item never follows the person to another item
(notes cannot be removed once added), and is back when she returns; lock drops it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.qtsync import settle
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows


def test_note_draft_stays_with_its_item(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "case.locker")
    unlock(gui, qtbot, path)
    main = gui.main_window
    main.import_paths([checkerboard(tmp_path / "a.png"), checkerboard(tmp_path / "b.png", cell=6)])
    wait_rows(gui, qtbot, 2)
    details = main.details
    first, second = main.model.item_at(0).id, main.model.item_at(1).id

    main.grid.setCurrentIndex(main.model.index(0, 0))
    qtbot.waitUntil(lambda: details.item is not None and details.item.id == first)
    details.note_edit.setPlainText("seen on site X")
    details.tag_edit.setText("site-x")

    main.grid.setCurrentIndex(main.model.index(1, 0))
    qtbot.waitUntil(lambda: details.item is not None and details.item.id == second)
    assert details.note_edit.toPlainText() == ""
    assert details.tag_edit.text() == ""
    details.add_note_button.click()  # nothing to add for the second item
    settle(gui.controller)  # a write the click started has finished
    vault = gui.controller.require_vault()
    assert not [a for a in vault.get_item(second).annotations if a.kind == "note"]

    main.grid.setCurrentIndex(main.model.index(0, 0))
    qtbot.waitUntil(lambda: details.item is not None and details.item.id == first)
    assert details.note_edit.toPlainText() == "seen on site X"
    assert details.tag_edit.text() == "site-x"

    gui.controller.lock("user")
    assert details.note_edit.toPlainText() == "" and details.tag_edit.text() == ""
    unlock(gui, qtbot, path)
    wait_rows(gui, qtbot, 2)
    row = next(r for r in range(2) if main.model.item_at(r).id == first)
    main.grid.setCurrentIndex(main.model.index(row, 0))
    qtbot.waitUntil(lambda: details.item is not None and details.item.id == first)
    assert details.note_edit.toPlainText() == ""
