"""Receiving a sealed bundle through the app: verified first, imported as a read-only
received case, shown blurred like everything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import checkerboard, make_vault

export = pytest.importorskip("app.bundle.export")
seal = pytest.importorskip("app.bundle.seal")


def test_receive_bundle_from_first_run(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sender = make_vault(tmp_path / "sender.locker")
    bundle = tmp_path / "exhibits.bundle"
    with Vault.open(sender, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"), case="Sent")
        export.export_bundle(vault, bundle, export.select_items(vault, case="Sent"),
                             seal.Sealing(passphrase="bundle pass words"),
                             stamp=False)
    path = make_vault(tmp_path / "lawyer.locker")
    window = gui.unlock_window
    assert window.bundle_tab.isVisible()
    window.bundle_tab.click()
    assert window.bundle_edit.isVisible()
    window.path_edit.setText(str(path))
    window.pass_edit.setText(PASSPHRASE)
    window.bundle_edit.setText(str(bundle))
    window.bundle_pass_edit.setText("bundle pass words")
    errors: list[str] = []
    gui.controller.error.connect(errors.append)
    window.unlock_button.click()
    qtbot.waitUntil(lambda: gui.controller.is_unlocked, timeout=15_000)
    qtbot.waitUntil(lambda: bool(errors) or gui.main_window.model.rowCount() >= 1,
                   timeout=60_000)
    assert errors == []
    main = gui.main_window
    item = main.model.item_at(0)
    assert item.read_only
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    assert not main.details.archive_button.isEnabled()  # received evidence stays as sent


def test_export_a_case_as_a_sealed_bundle(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.export_dialog import ExportDialog

    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"), case="For the lawyer")
    from tests.ui.conftest import unlock, wait_rows

    unlock(gui, qtbot, path)
    main = gui.main_window
    rows = [main.cases.item(i).text() for i in range(main.cases.count())]
    main.cases.setCurrentRow(rows.index("For the lawyer"))
    wait_rows(gui, qtbot, 1)
    main.act_export.trigger()
    dialog = main.findChild(ExportDialog)
    assert dialog is not None and dialog.what_case.isChecked()
    out = tmp_path / "handover.zip"
    dialog.out_edit.setText(str(out))
    dialog.pass1.setText("four calm unrelated words")
    dialog.pass2.setText("four calm unrelated words")
    written: list[str] = []
    gui.controller.exported.connect(lambda p, ok: written.append(p))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(written), timeout=60_000)
    assert out.exists() and out.stat().st_size > 0
    events = [e.event for e in gui.controller.require_vault().custody_log()]
    assert "bundle_exported" in events and "bundle_written" in events


def test_export_dialog_keeps_what_was_typed_when_the_place_is_wrong(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A missing folder or an existing file is reported in the open dialog: the two
    passphrases the person typed are not lost, and nothing is logged or written."""
    from app.ui.export_dialog import ExportDialog

    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"), case="For the lawyer")
    from tests.ui.conftest import unlock, wait_rows

    unlock(gui, qtbot, path)
    main = gui.main_window
    rows = [main.cases.item(i).text() for i in range(main.cases.count())]
    main.cases.setCurrentRow(rows.index("For the lawyer"))
    wait_rows(gui, qtbot, 1)
    main.act_export.trigger()
    dialog = main.findChild(ExportDialog)
    assert dialog is not None
    dialog.pass1.setText("four calm unrelated words")
    dialog.pass2.setText("four calm unrelated words")
    taken = tmp_path / "taken.zip"
    taken.write_bytes(b"keep me")
    for out, words in ((tmp_path / "no-such-folder" / "handover.zip", "does not exist"),
                       (taken, "already exists")):
        dialog.out_edit.setText(str(out))
        dialog.buttons.accepted.emit()
        qtbot.wait(50)
        assert dialog.isVisible() and words in dialog.status.text()
        assert dialog.pass1.text() == dialog.pass2.text() == "four calm unrelated words"
    assert taken.read_bytes() == b"keep me"
    events = [e.event for e in gui.controller.require_vault().custody_log()]
    assert "bundle_exported" not in events
    dialog.out_edit.setText(str(tmp_path / "handover.zip"))
    written: list[str] = []
    gui.controller.exported.connect(lambda p, ok: written.append(p))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(written), timeout=60_000)
    assert (tmp_path / "handover.zip").exists()
