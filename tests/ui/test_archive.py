"""Archive and unarchive through the UI are custody events; there is no delete."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QInputDialog

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows


def _all_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.findChildren(type(window.act_lock))]
    texts += [b.text() for b in window.findChildren(QAbstractButton)]
    return texts


def test_archive_and_unarchive_are_custody_events(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "one.png"))
        vault.add_file(checkerboard(tmp_path / "two.png", cell=20))
    unlock(gui, qtbot, path)
    main = gui.main_window
    wait_rows(gui, qtbot, 2)
    main.table.selectRow(0)
    details = main.details
    qtbot.waitUntil(lambda: details.item is not None)
    item_id = details.item.id
    assert details.archive_button.text() == "Archive…"
    details.archive_button.click()
    dialog = main.findChild(QInputDialog, "archiveDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("duplicate of the other capture")
    dialog.accept()
    qtbot.waitUntil(lambda: main.model.total() == 1, timeout=10_000)
    vault = gui.controller.require_vault()
    assert vault.get_item(item_id).archived
    assert vault.custody_log(item_id)[-1].event == "item_archived"
    assert (
        vault.custody_log(item_id)[-1].payload["data"]["reason"] == "duplicate of the other capture"
    )

    # The Archived view shows it; unarchive brings it back, again as an event.
    rows = [main.cases.item(i).text() for i in range(main.cases.count())]
    main.cases.setCurrentRow(rows.index("Archived"))
    wait_rows(gui, qtbot, 1)
    assert main.model.item_at(0).id == item_id
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: details.item is not None and details.item.archived)
    assert details.archive_button.text() == "Unarchive"
    details.archive_button.click()
    qtbot.waitUntil(lambda: not vault.get_item(item_id).archived, timeout=10_000)
    assert vault.custody_log(item_id)[-1].event == "item_unarchived"
    assert vault.count_items(archived=None) == 2  # nothing was removed

    assert not any("delete" in t.lower() or "remove item" in t.lower() for t in _all_texts(main))


def test_notes_and_tags_are_added_never_overwritten(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "one.png"), note="first note")
    unlock(gui, qtbot, path)
    main = gui.main_window
    wait_rows(gui, qtbot, 1)
    main.table.selectRow(0)
    details = main.details
    qtbot.waitUntil(lambda: details.item is not None)
    details.note_edit.setPlainText("second note")
    details.add_note_button.click()
    qtbot.waitUntil(lambda: details.notes.count() == 2, timeout=10_000)
    details.tag_edit.setText("instagram")
    details.add_tag_button.click()
    qtbot.waitUntil(lambda: details.values["tags"].text() == "instagram", timeout=10_000)
    events = [e.event for e in gui.controller.require_vault().custody_log(details.item.id)]
    assert events == ["item_added", "note_added", "note_added", "tag_added"]
    qtbot.waitUntil(lambda: main.model.data(main.model.index(0, 5)) == "second note", timeout=5_000)


def test_new_case_and_remove_tag_prompts_do_not_block(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        item = vault.add_file(checkerboard(tmp_path / "one.png"))
        vault.add_tag(item.id, "forum")
    unlock(gui, qtbot, path)
    main = gui.main_window
    main.act_new_case.trigger()
    prompt = main.findChild(QInputDialog, "newCaseDialog")
    assert prompt is not None and prompt.isVisible()
    prompt.setTextValue("사건 3")
    prompt.accept()
    assert main.target_case() == "사건 3"
    main.cases.setCurrentRow(0)
    wait_rows(gui, qtbot, 1)
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    main.details.remove_tag_button.click()
    prompt = main.findChild(QInputDialog, "removeTagDialog")
    assert prompt is not None
    prompt.setTextValue("forum")
    prompt.accept()
    qtbot.waitUntil(lambda: main.details.values["tags"].text() == "none", timeout=10_000)
    assert gui.controller.require_vault().custody_log(item.id)[-1].event == "tag_removed"


def test_archive_needs_a_reason_before_ok_can_be_pressed(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A blank reason used to close the dialog and silently archive nothing: OK now
    stays disabled until a reason is written."""
    from PySide6.QtWidgets import QDialogButtonBox

    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "one.png"))
    unlock(gui, qtbot, path)
    main = gui.main_window
    wait_rows(gui, qtbot, 1)
    main.table.selectRow(0)
    details = main.details
    qtbot.waitUntil(lambda: details.item is not None)
    details.archive_button.click()
    dialog = main.findChild(QInputDialog, "archiveDialog")
    assert dialog is not None and dialog.isVisible()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.setTextValue("   ")
    assert not ok.isEnabled()
    dialog.setTextValue("posted twice")
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: main.model.total() == 0, timeout=10_000)
