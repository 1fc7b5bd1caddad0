"""A USB stick chosen in the app's export dialog: the bundle is written there and
verifies, the app says once that the stick cannot keep files private, and a stick without
room is refused at once with a message (nothing written)."""

from __future__ import annotations

import collections
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import atomic
from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import drives
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows


@pytest.fixture(params=["exfat", "standin"])
def stick(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    if request.param == "exfat":
        try:
            with drives.exfat_stick(tmp_path) as mounted:
                yield mounted.mount
        except drives.DriveUnavailable as exc:
            pytest.skip(f"no exFAT stick here: {exc}")
        return

    drives.act_like_a_stick(monkeypatch)
    folder = tmp_path / "standin-stick"
    folder.mkdir()
    yield folder


def _export_to(gui, qtbot, tmp_path: Path, out: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.export_dialog import ExportDialog

    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"), case="For the lawyer")
    unlock(gui, qtbot, path)
    main = gui.main_window
    rows = [main.cases.item(i).text() for i in range(main.cases.count())]
    main.cases.setCurrentRow(rows.index("For the lawyer"))
    wait_rows(gui, qtbot, 1)
    atomic.reset_notices()  # the vault above was made on the same (stand-in) drive
    main.act_export.trigger()
    dialog = main.findChild(ExportDialog)
    dialog.out_edit.setText(str(out))
    dialog.pass1.setText("four calm unrelated words")
    dialog.pass2.setText("four calm unrelated words")
    dialog.buttons.accepted.emit()


def test_export_to_a_stick_from_the_dialog(gui, qtbot, tmp_path: Path, stick: Path) -> None:  # type: ignore[no-untyped-def]
    from app.bundle.verify import verify_bundle

    notices: list[str] = []
    gui.controller.notice.connect(notices.append)
    written: list[str] = []
    gui.controller.exported.connect(lambda p, ok: written.append(p))
    _export_to(gui, qtbot, tmp_path, stick / "handover.zip")
    qtbot.waitUntil(lambda: bool(written), timeout=60_000)
    assert verify_bundle(stick / "handover.zip", "four calm unrelated words").ok
    qtbot.waitUntil(lambda: any(str(stick) in n for n in notices), timeout=5_000)
    about_stick = [n for n in notices if str(stick) in n]
    assert len(about_stick) == 1 and "cannot keep files private" in about_stick[0]
    from PySide6.QtWidgets import QMessageBox

    shown = [b.text() for b in gui.main_window.findChildren(QMessageBox) if b.isVisible()]
    assert len(shown) == 1 and "cannot keep files private" in shown[0]
    atomic.reset_notices()


def test_a_full_stick_is_refused_at_once(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "full-stick"
    stick.mkdir()
    real = shutil.disk_usage
    usage = collections.namedtuple("usage", "total used free")
    monkeypatch.setattr(
        shutil,
        "disk_usage",
        lambda p: usage(10**6, 10**6 - 1000, 1000) if Path(p) == stick else real(p),
    )
    errors: list[str] = []
    gui.controller.error.connect(errors.append)
    _export_to(gui, qtbot, tmp_path, stick / "handover.zip")
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert "Not enough free space" in errors[0]
    assert list(stick.iterdir()) == []
