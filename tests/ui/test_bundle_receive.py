"""Receiving a sealed bundle through the app: verified first, imported as a read-only
received case, shown blurred like everything else."""

from __future__ import annotations

from pathlib import Path

from app.bundle import export, seal
from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.qtsync import settle
from tests.ui.conftest import checkerboard, make_vault


def test_receive_bundle_from_first_run(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sender = make_vault(tmp_path / "sender.locker")
    bundle = tmp_path / "exhibits.bundle"
    with Vault.open(sender, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"), case="Sent")
        sender_fp = export.export_bundle(
            vault,
            bundle,
            export.select_items(vault, case="Sent"),
            seal.Sealing(passphrase="bundle pass words"),
            stamp=False,
        ).fingerprint
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
    # Verified first; the signer's fingerprint is shown to confirm before any import.
    from app.ui.fingerprint import ReceiveConfirmDialog, grouped

    main = gui.main_window
    qtbot.waitUntil(
        lambda: bool(errors) or main.findChild(ReceiveConfirmDialog) is not None, timeout=60_000
    )
    assert errors == []
    confirm = main.findChild(ReceiveConfirmDialog)
    assert confirm.box.value.text() == grouped(sender_fp)
    assert "Confirm this fingerprint with the sender" in confirm.box.caption.text()
    # Not stamped: nothing ties the key to the sender's vault, said in the dialog itself.
    assert confirm.unanchored is not None and confirm.unanchored.isVisible()
    assert "MUST confirm the fingerprint" in confirm.unanchored.text()
    assert main.model.rowCount() == 0  # nothing imported before the person confirms
    confirm.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(errors) or gui.main_window.model.rowCount() >= 1, timeout=60_000)
    assert errors == []
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


def test_export_dialog_keeps_what_was_typed_when_the_place_is_wrong(
    gui, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
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
    for out, words in (
        (tmp_path / "no-such-folder" / "handover.zip", "does not exist"),
        (taken, "already exists"),
    ):
        dialog.out_edit.setText(str(out))
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda words=words: words in dialog.status.text())
        assert dialog.isVisible()
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


def test_receive_can_be_declined_at_the_fingerprint(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.fingerprint import ReceiveConfirmDialog
    from tests.ui.conftest import unlock

    sender = make_vault(tmp_path / "sender.locker")
    bundle = tmp_path / "exhibits.bundle"
    with Vault.open(sender, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"), case="Sent")
        export.export_bundle(
            vault,
            bundle,
            export.select_items(vault, case="Sent"),
            seal.Sealing(passphrase="bundle pass words"),
            stamp=False,
        )
    path = make_vault(tmp_path / "lawyer.locker")
    unlock(gui, qtbot, path)
    main = gui.main_window
    main.receive_bundle(bundle, "bundle pass words")
    qtbot.waitUntil(lambda: main.findChild(ReceiveConfirmDialog) is not None, timeout=60_000)
    main.findChild(ReceiveConfirmDialog).buttons.rejected.emit()
    settle(gui.controller)
    assert gui.controller.require_vault().count_items(archived=None) == 0


def test_export_shows_fingerprint_case_choice_archived_and_bundle_name(
    gui, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from app.ui.export_dialog import ExportDialog
    from app.ui.fingerprint import grouped
    from app.vault.identity import fingerprint_of
    from tests.ui.conftest import unlock, wait_rows

    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        kept = vault.add_file(checkerboard(tmp_path / "c.png"), case="For the lawyer")
        hidden = vault.add_file(
            checkerboard(tmp_path / "private-one.png", cell=7), case="For the lawyer"
        )
        vault.archive(hidden.id, "not for court")
        expected_fp = fingerprint_of(vault.signing_key().public_key())
    del kept
    unlock(gui, qtbot, path)
    main = gui.main_window
    wait_rows(gui, qtbot, 1)
    main.cases.setCurrentRow(0)  # "All evidence"
    main.act_export.trigger()
    dialog = main.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()  # not "Something went wrong"
    assert dialog.case_combo.isVisible() and dialog.what_case.isChecked()
    assert dialog.chosen_case() == "For the lawyer"
    assert dialog.fingerprint.value.text() == grouped(expected_fp)
    assert "Read this fingerprint to the recipient" in dialog.fingerprint.caption.text()
    assert dialog.left_out.isVisible() and "private-one.png" in dialog.left_out.text()
    seen: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (seen.append(a[2]), ("", ""))[1]
    )
    dialog._choose()
    dialog.seal_none.setChecked(True)
    dialog._choose()
    assert seen[0].endswith(".bundle") and seen[1].endswith(".zip")
    dialog.seal_pass.setChecked(True)
    out = tmp_path / "handover.bundle"
    dialog.out_edit.setText(str(out))
    dialog.pass1.setText("four calm unrelated words")
    dialog.pass2.setText("four calm unrelated words")
    written: list[str] = []
    gui.controller.exported.connect(lambda p, ok: written.append(p))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(written), timeout=60_000)
    assert out.exists()
