"""Web page capture against pages served from 127.0.0.1: what a survivor relies on."""

from __future__ import annotations

import email
import email.policy
import io
from typing import Any

import pytest
from PIL import Image

from app.capture.errors import CaptureTimeout, HttpErrorStatus, TLSFailure, Unreachable
from app.capture.web_store import store_capture
from tests.capture.conftest import KOREAN, MARKER, TALL_HEIGHT, sha256


def _mhtml_html(data: bytes) -> str:
    """The decoded HTML part of an MHTML archive (read with the standard email parser)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text/html part in the MHTML")


def test_tall_page_after_redirect_is_one_complete_item(vault: Any, site: Any, capture: Any) -> None:
    result = capture(site.url("/redirect"))
    item = store_capture(vault, result, "Case A")

    assert item.kind == "web"
    roles = {a.role: a for a in item.artifacts}
    assert set(roles) == {"page.png", "page.mhtml", "page.pdf", "page.txt"}
    assert item.sha256 == roles["page.png"].sha256  # the PNG is the item's main hash

    png = vault.open_artifact(item.id, "page.png").read()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (1280, TALL_HEIGHT)  # the whole scroll height, not the viewport
    # The last block really was rendered (not blank): its colour is hsl(319,70%,60%).
    r, g, b = image.convert("RGB").getpixel((1000, TALL_HEIGHT - 20))
    assert r > 200 and g < 150 and b > 150

    html = _mhtml_html(vault.open_artifact(item.id, "page.mhtml").read())
    assert KOREAN in html and MARKER in html
    assert vault.open_artifact(item.id, "page.pdf").read().startswith(b"%PDF-")
    text = vault.open_artifact(item.id, "page.txt").read().decode("utf-8")
    assert KOREAN in text

    meta = item.metadata
    assert meta["requested_url"] == site.url("/redirect")
    assert meta["final_url"] == site.url("/tall")
    assert meta["redirected"] is True
    assert meta["title"] == f"증거 페이지 {MARKER}" == item.title
    assert meta["http_status"] == 200
    assert meta["viewport"] == {"width": 1280, "height": 800}
    assert meta["screenshot"]["full_page"] is True
    assert meta["page"]["height"] == TALL_HEIGHT
    assert "QtWebEngine" in meta["user_agent"] and meta["app_version"]
    assert meta["captured_at"].endswith("Z")
    assert item.source_url == site.url("/tall")
    assert meta["page_meta"] == {
        "canonical": "https://example.org/p/42",
        "og:site_name": "게시판",
        "author": "uploader123",
        "lang": "ko",
    }

    # One custody event lists every artifact's hash...
    added = [e for e in vault.custody_log(item.id) if e.event == "item_added"]
    assert len(added) == 1
    logged = {a["role"]: a["sha256"] for a in added[0].payload["data"]["artifacts"]}
    assert logged == {role: a.sha256 for role, a in roles.items()}
    # ... and so it is waiting in the timestamp queue.
    from app.timestamp.status import item_timestamps

    queued = [r for r in item_timestamps(vault, item.uid) if r["event"] == "item_added"]
    assert queued and queued[0]["status"] == "pending"
    # The preview is the vault's blurred thumbnail of the PNG.
    assert vault.thumbnail(item.id)


def test_script_redirect_after_load_captures_the_final_page(site: Any, capture: Any) -> None:
    result = capture(site.url("/jsredirect"))
    assert result.final_url == site.url("/tall")
    assert result.requested_url == site.url("/jsredirect")
    assert result.png_size == (1280, TALL_HEIGHT)
    assert KOREAN in result.text and "moving" not in result.text


def test_page_taller_than_one_render_slice_is_stitched_correctly(site: Any, capture: Any) -> None:
    from tests.capture.conftest import VERY_TALL_COLORS

    result = capture(site.url("/verytall"))
    image = Image.open(io.BytesIO(result.png)).convert("RGB")
    assert image.size == (1280, 1000 * len(VERY_TALL_COLORS))
    for i, color in enumerate(VERY_TALL_COLORS):
        want = tuple(int(color[k : k + 2], 16) for k in (1, 3, 5))
        for y in (i * 1000 + 5, i * 1000 + 500, i * 1000 + 995):
            got = image.getpixel((640, y))
            assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 3, (i, y, got)


def test_page_scripts_cannot_tamper_with_the_capture(site: Any, capture: Any) -> None:
    # The page redefines JSON.stringify, Math.max and requestAnimationFrame, opens
    # pop-ups and alerts: the capture's own scripts run in an isolated world.
    result = capture(site.url("/hostile"))
    assert result.png_size[0] == 1280 and 240 <= result.png_size[1] < 2000
    assert result.title == "hostile" and result.pdf.startswith(b"%PDF-")


def test_page_taller_than_the_maximum_is_cut_and_says_so(
    vault: Any, site: Any, capture: Any
) -> None:
    result = capture(site.url("/tall"), max_height=2000)
    item = store_capture(vault, result, "Case A")
    png = Image.open(io.BytesIO(vault.open_artifact(item.id, "page.png").read()))
    assert png.size == (1280, 2000)
    shot = item.metadata["screenshot"]
    assert shot["full_page"] is False and shot["max_height"] == 2000
    assert item.metadata["page"]["height"] == TALL_HEIGHT
    assert "maximum" in item.metadata["notes"][0]


@pytest.mark.parametrize(
    "path, error, words",
    [
        ("/gone/post", HttpErrorStatus, "HTTP 404"),
        ("/error", HttpErrorStatus, "HTTP 500"),
    ],
)
def test_http_error_status_stores_nothing(
    vault: Any, site: Any, capture: Any, path: str, error: type, words: str
) -> None:
    before = vault.chain_head()
    with pytest.raises(error, match=words):
        capture(site.url(path))
    assert vault.count_items(archived=None) == 0
    assert vault.chain_head() == before


def test_unreachable_tls_and_timeout_store_nothing(vault: Any, site: Any, capture: Any) -> None:
    before = vault.chain_head()
    with pytest.raises(Unreachable, match="Could not load"):
        capture(site.unreachable)
    with pytest.raises(TLSFailure, match="certificate"):
        capture(site.https_base + "/tall")
    with pytest.raises(CaptureTimeout, match="did not load within"):
        capture(site.url("/slow"), timeout_s=1.0)
    assert vault.count_items(archived=None) == 0
    assert vault.chain_head() == before


def test_20_mb_image_url_stores_the_file_bit_exact(vault: Any, site: Any, capture: Any) -> None:
    result = capture(site.url("/big.png"))
    assert result.direct_file is not None
    item = store_capture(vault, result, "Case A")
    assert [a.role for a in item.artifacts] == ["original"]
    assert item.size == len(site.big) > 20 * 1024 * 1024
    assert item.sha256 == sha256(site.big)
    assert item.metadata["direct_file"]["media_type"] == "image/png"
    assert item.metadata["final_url"] == site.url("/big.png")
    # The spool file is gone once stored.
    assert not result.direct_file.path.exists()
    assert not result.direct_file.path.parent.exists()


@pytest.mark.parametrize(
    "path, media_type", [("/clip.mp4", "video/mp4"), ("/doc.pdf", "application/pdf")]
)
def test_video_or_pdf_url_stores_the_file(
    vault: Any, site: Any, capture: Any, path: str, media_type: str
) -> None:
    from tests.capture.conftest import FAKE_PDF, FAKE_VIDEO

    result = capture(site.url(path))
    item = store_capture(vault, result, "Case A")
    assert [a.role for a in item.artifacts] == ["original"]
    assert item.artifacts[0].media_type == media_type
    assert item.sha256 == sha256(FAKE_VIDEO if path.endswith("mp4") else FAKE_PDF)
    assert item.artifacts[0].name == path[1:]


def test_file_larger_than_the_limit_is_refused(vault: Any, site: Any, capture: Any) -> None:
    from app.capture.errors import DownloadTooLarge

    with pytest.raises(DownloadTooLarge, match="larger than"):
        capture(site.url("/big.png"), max_download=1024 * 1024)
    assert vault.count_items(archived=None) == 0


def test_not_a_web_address_is_refused(capture: Any) -> None:
    from app.capture.errors import CaptureFailed

    for bad in ("file:///etc/passwd", "javascript:alert(1)", "not a url"):
        with pytest.raises(CaptureFailed, match="Not a web address"):
            capture(bad)
