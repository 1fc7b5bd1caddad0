"""A stored web capture's requested and final URLs become locations of its item, and its
screenshot gets a PDQ hash (store_capture is what the CLI batch and the app both call)."""

from __future__ import annotations

import io

from PIL import Image

from app.capture.web_result import PageCapture
from app.capture.web_store import store_capture
from app.takedown import model, pdq
from app.vault import Vault
from tests.takedown.conftest import photo_like


def test_capture_urls_become_locations(vault: Vault) -> None:
    png = io.BytesIO()
    photo_like(5, (400, 300)).save(png, format="PNG")
    capture = PageCapture(
        requested_url="https://t.co/abc",
        final_url="https://x.com/u/status/77",
        title="post",
        captured_at="2026-11-30T09:00:00Z",
        http_status=200,
        content_type="text/html",
        user_agent="ua",
        engine="test",
        viewport=(1280, 800),
        png=png.getvalue(),
        text="post",
    )
    item = store_capture(vault, capture, "사건 1")
    locs = model.list_locations(vault, item=item.id)
    assert {(loc.url, loc.platform, loc.source) for loc in locs} == {
        ("https://t.co/abc", "x", "capture"),
        ("https://x.com/u/status/77", "x", "capture"),
    }
    assert [e.event for e in vault.custody_log()].count("takedown_location_added") == 2
    (row,) = pdq.item_hashes(vault, item.id)
    assert row["role"] == "page.png" and len(row["hash"]) == 64
    # The same page captured again links the existing locations to the new item.
    again = PageCapture(**{**capture.__dict__, "png": png.getvalue()})
    item2 = store_capture(vault, again, "사건 1")
    assert {loc.id for loc in model.list_locations(vault, item=item2.id)} == {
        loc.id for loc in locs
    }
    assert Image.open(io.BytesIO(png.getvalue())).size == (400, 300)
