"""Timestamps in the app: items are stamped in the background by a real (local) RFC 3161
TSA; the status bar's queue empties and the details show who stamped when. Offline, the
queue stays and the details say so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.tsa import local_tsa  # noqa: F401 - fixture
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows


def test_background_stamping_with_a_local_tsa(
    gui,
    qtbot,
    tmp_path: Path,
    local_tsa,  # type: ignore[no-untyped-def]  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tsa = local_tsa(name="Local UI TSA")
    shutil.copy(tsa.ca_pem, tmp_path / "root.pem")
    config = tmp_path / "tsa-local.json"
    config.write_text(
        json.dumps({"tsas": [{"name": "Local UI TSA", "url": tsa.url, "roots": ["root.pem"]}]}),
        encoding="utf-8",
    )
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        vault.add_file(checkerboard(tmp_path / "c.png"))
    unlock(gui, qtbot, path)  # unlocking starts a background stamping round
    main = gui.main_window
    qtbot.waitUntil(lambda: gui.controller.pending_timestamps == 0, timeout=30_000)
    assert "0 pending" in main.status.stamps.text()
    assert tsa.request_count >= 1
    main.reload()
    wait_rows(gui, qtbot, 1)
    assert main.model.data(main.model.index(0, 4)).startswith("Stamped")
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    assert "Stamped by Local UI TSA" in main.details.values["timestamp"].text()


def test_offline_items_stay_pending(gui, qtbot, checker_vault: Path) -> None:  # type: ignore[no-untyped-def]
    main = gui.main_window
    qtbot.waitUntil(lambda: (gui.controller.pending_timestamps or 0) > 0, timeout=10_000)
    assert "pending" in main.status.stamps.text()
    main.table.selectRow(0)
    qtbot.waitUntil(lambda: main.details.item is not None)
    assert main.details.values["timestamp"].text().startswith("Pending")
