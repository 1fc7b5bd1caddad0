"""The GUI thread stays responsive while a 500 MB file imports: a 20 ms timer is never
more than 100 ms late (measured as the timer's lateness, not as a wall-clock budget for
the import). The 500 MiB run is a soak test; the normal run imports 48 MiB, which still
takes long enough for dozens of ticks, and checks the same lateness bounds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_vault, unlock

INTERVAL_MS = 20


@pytest.mark.parametrize("mib", [pytest.param(500, marks=pytest.mark.soak), 48])
def test_event_loop_latency_while_a_large_file_imports(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    mib: int,
) -> None:
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    lateness: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        lateness.append((now - last[0]) * 1000 - INTERVAL_MS)
        last[0] = now

    timer = QTimer()
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(tick)
    done: list[object] = []
    gui.controller.task_finished.connect(lambda task_id, summary: done.append(task_id))
    # A fast machine imports 48 MiB in a fraction of a second: import more files (one at a
    # time, each a task of its own) until the timer has ticked often enough to judge.
    imported = 0
    while len(lateness) < 50 and imported < 12:
        big = tmp_path / f"large-recording-{imported}.bin"
        block = bytes([imported]) + bytes(range(256)) * 4096  # ~1 MiB, distinct per file
        with open(big, "wb") as fh:
            for _ in range(mib):
                fh.write(block)
        timer.start()
        last[0] = time.monotonic()
        gui.main_window.import_paths([big])
        qtbot.waitUntil(lambda n=imported: len(done) > n, timeout=300_000)
        timer.stop()
        imported += 1
        qtbot.waitUntil(lambda n=imported: gui.main_window.model.rowCount() == n, timeout=10_000)
    assert len(lateness) >= 50, f"only {len(lateness)} timer ticks during {imported} imports"
    ordered = sorted(lateness)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    worst = ordered[-1]
    print(
        f"{imported} imports, ticks {len(lateness)}, p99 lateness {p99:.1f} ms, worst {worst:.1f} ms"
    )
    assert p99 < 100, f"event loop was late by {p99:.0f} ms (p99)"
    assert worst < 250, f"event loop stalled for {worst:.0f} ms"
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.get_item(1).size == mib * (1024 * 1024 + 1)
