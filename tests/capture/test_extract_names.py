"""Extracted files are named after the item and the file, not `1-page.png-page.png`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.capture.web_result import PageCapture
from app.capture.web_store import store_capture
from app.services.extract import extract_item
from tests.capture.conftest import png_bytes


def test_web_capture_extracts_with_plain_names(vault: Any, tmp_path: Path) -> None:
    capture = PageCapture(
        requested_url="http://127.0.0.1/x",
        final_url="http://127.0.0.1/x",
        title="x",
        captured_at="2026-01-01T00:00:00Z",
        http_status=200,
        content_type="text/html",
        user_agent="ua",
        engine="e",
        viewport=(1280, 800),
        png=png_bytes(4, 4, (1, 2, 3)),
        pdf=b"%PDF-1.4\n%%EOF\n",
        text="hello",
    )
    item = store_capture(vault, capture, "Case A")
    names = sorted(
        p.name
        for p in extract_item(vault, str(item.id), tmp_path / "out")
        if not p.name.endswith((".tsr", ".tsq", ".json"))
    )
    assert names == [f"{item.id}-page.pdf", f"{item.id}-page.png", f"{item.id}-page.txt"]
