"""The Takedowns view of a case: locations and requests with status, deadline, next step
and overdue marks, in English and Korean; recording a status and a re-check from it are
custody events; it shows text only (no image widget)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QLabel

from app.takedown import model
from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.takedown.conftest import Site
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows
from tests.ui.test_accessibility import unnamed_controls


def _cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_takedowns_view(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.i18n import install_language
    from app.ui.takedowns_view import TakedownsDialog

    site = Site()
    try:
        site.mode.update({"/p/1": "404", "/p/2": "up"})
        path = make_vault(tmp_path / "v.locker")
        with Vault.open(path, PASSPHRASE) as vault:
            item = vault.add_file(checkerboard(tmp_path / "one.png"), case="사건 1").id
            model.add_location(vault, item, site.url("/p/1"))
            model.add_location(vault, item, site.url("/p/2"), platform="x")
            late = model.new_request(vault, "x", "tida", [item])
            model.mark(vault, str(late.id), "submitted", "X-1")
            # Submitted three days ago: past the 48-hour deadline.
            with vault.write() as conn:
                model.record_status(
                    vault,
                    conn,
                    late.id,
                    "submitted",
                    "person",
                    at=(dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).strftime(
                        "%Y-%m-%dT%H:%M:%SZ"
                    ),
                )
            model.new_request(vault, "127.0.0.1", "kr", [item])
        unlock(gui, qtbot, path)
        wait_rows(gui, qtbot, 1)
        main = gui.main_window
        main.cases.setCurrentRow(
            [main.cases.item(i).text() for i in range(main.cases.count())].index("사건 1")
        )
        main.takedowns_button.click()
        dialog = main.findChild(TakedownsDialog, "takedownsDialog")
        assert dialog is not None and dialog.isVisible()
        rows = _cells(dialog.request_table)
        assert rows[0][1] == "x" and rows[0][3] == "submitted" and rows[0][4] == "X-1"
        assert "(overdue)" in rows[0][5] and "Deadline passed" in rows[0][6]
        assert rows[1][3] == "drafted" and "Write the notice" in rows[1][6]
        urls = [r[0] for r in _cells(dialog.location_table)]
        assert urls == [site.url("/p/1"), site.url("/p/2")]
        assert "1 request(s) past their deadline" in dialog.summary.text()
        assert all(
            not label.pixmap() or label.pixmap().isNull() for label in dialog.findChildren(QLabel)
        )
        assert unnamed_controls(dialog) == []

        # Record 'acknowledged' on the drafted request.
        dialog.request_table.selectRow(1)
        dialog.mark_status.setCurrentIndex(dialog.mark_status.findData("acknowledged"))
        dialog.reference.setText("KR-77")
        dialog.mark_button.click()  # written by the controller, in the background
        qtbot.waitUntil(
            lambda: _cells(dialog.request_table)[1][3] == "acknowledged", timeout=10_000
        )
        vault = gui.controller.require_vault()
        assert model.get_request(vault, 2).reference == "KR-77"
        notice = tmp_path / "notice.txt"
        dialog.notice_lang.setCurrentIndex(dialog.notice_lang.findData("ko"))
        dialog.write_notice_to(str(notice))
        qtbot.waitUntil(lambda: "Notice written" in dialog.status.text(), timeout=10_000)
        assert site.url("/p/1") in notice.read_text(encoding="utf-8")
        assert "전기통신사업법" in notice.read_text(encoding="utf-8")

        # Re-check in the background: only the page is fetched.
        dialog.recheck_button.click()
        qtbot.waitUntil(lambda: "checked" in dialog.status.text(), timeout=30_000)
        assert sorted(site.log) == ["/p/1", "/p/2"]  # no image, style sheet or script
        states = {r[0]: r[2] for r in _cells(dialog.location_table)}
        assert states[site.url("/p/1")] == "gone (404/410)"
        events = [e.event for e in vault.custody_log()]
        assert "takedown_check" in events and events.count("takedown_status") >= 3

        install_language("ko")
        qtbot.waitUntil(lambda: dialog.windowTitle() == "삭제 요청", timeout=5_000)
        assert _cells(dialog.request_table)[1][3] == "접수 확인"
        gui.controller.lock("user")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    finally:
        site.close()
