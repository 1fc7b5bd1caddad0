"""The evidence list loads lazily: pages of rows as the view scrolls, thumbnails only for
what is shown, cached in memory only."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from app.ui.item_model import PAGE_SIZE
from app.vault import Vault
from app.vault.models import NewArtifact, NewItem
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_vault, unlock, wait_rows

COUNT = 1000


def tiny_png(n: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), ((n * 37) % 256, (n * 91) % 256, 120)).save(out, format="PNG")
    return out.getvalue()


def test_pages_and_thumbnails_load_on_demand(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "many.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        for n in range(COUNT):
            vault.add_item(
                NewItem("file", "Many", f"synthetic-{n:04d}.png"),
                [NewArtifact("original", f"s{n}.png", tiny_png(n), "image/png")],
            )
    unlock(gui, qtbot, path)
    main, model = gui.main_window, gui.main_window.model
    wait_rows(gui, qtbot, 1)
    assert model.total() == COUNT
    assert model.rowCount() == PAGE_SIZE  # only the first page

    # Only thumbnails that were painted are loaded.
    main.grid.scrollToTop()
    qtbot.waitUntil(lambda: model.thumbnail_loaded(model.item_at(0).id), timeout=10_000)
    loaded = sum(model.thumbnail_loaded(model.item_at(r).id) for r in range(model.rowCount()))
    assert 0 < loaded < PAGE_SIZE

    # Scrolling to the end fetches further pages until everything is there.
    main.set_view("table")
    for _ in range(COUNT // PAGE_SIZE + 5):
        main.table.scrollToBottom()
        qtbot.wait(60)
        if model.rowCount() == COUNT:
            break
    assert model.rowCount() == COUNT
    titles = {model.item_at(r).title for r in range(COUNT)}
    assert len(titles) == COUNT
    # A change elsewhere (an import, an archive) reloads the list; the place is kept.
    qtbot.wait(100)
    position = main.table.verticalScrollBar().value()
    assert position > 0
    with qtbot.waitSignal(model.restored, timeout=20_000):
        main.reload()
    assert model.rowCount() == COUNT
    qtbot.waitUntil(lambda: main.table.verticalScrollBar().value() == position, timeout=5_000)
