"""Capture fidelity: the full-page PNG shows what the page showed (every lazy image,
overlays once, one moment for every artifact, the whole scrolling box, late single-page
app content), or the metadata says exactly what it misses.

The pages (tests/capture/fidelity_site.py) have known geometry and solid colours: the
reference for each PNG is the page's own layout, checked pixel by pixel, and the PNG is
compared with the capture's own text, PDF and MHTML."""

from __future__ import annotations

import email
import email.policy
import io
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.capture import fidelity_site as fs


@pytest.fixture(scope="module")
def fsite() -> Iterator[fs.FidelitySite]:
    yield from fs.serve()


_CAPTURES: dict[str, Any] = {}


def _captured(capture: Any, url: str) -> Any:
    """One capture per URL for the whole module (tests that look at it differently share
    it, which keeps the suite's runtime modest)."""
    if url not in _CAPTURES:
        _CAPTURES[url] = capture(url)
    return _CAPTURES[url]


def _image(result: Any) -> Image.Image:
    return Image.open(io.BytesIO(result.png)).convert("RGB")


def _close(got: tuple[int, ...], want: tuple[int, int, int], tol: int = 6) -> bool:
    return max(abs(a - b) for a, b in zip(got, want, strict=False)) <= tol


def _rows_with(image: Image.Image, color: tuple[int, int, int], x: int) -> list[int]:
    """The y of every pixel row whose pixel at ``x`` has ``color``."""
    raw = image.crop((x, 0, x + 1, image.height)).tobytes()  # RGB, one pixel per row
    return [y for y in range(image.height) if _close(tuple(raw[3 * y : 3 * y + 3]), color)]


def _bands(rows: list[int]) -> list[tuple[int, int]]:
    bands: list[tuple[int, int]] = []
    for y in rows:
        if bands and y == bands[-1][1] + 1:
            bands[-1] = (bands[-1][0], y)
        else:
            bands.append((y, y))
    return bands


def _mhtml_html(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text/html part in the MHTML")


def _shot(result: Any) -> dict[str, Any]:
    shot: dict[str, Any] = result.metadata()["screenshot"]
    return shot


def test_lazy_images_with_network_delay_are_all_in_the_picture(fsite: Any, capture: Any) -> None:
    result = _captured(capture, fsite.url("/lazy"))
    image = _image(result)
    assert image.height >= fs.LAZY_TOP + 5 * fs.LAZY_SPACING + fs.LAZY_SIZE[1]
    for i, color in enumerate(fs.LAZY_COLORS):
        center = (100 + fs.LAZY_SIZE[0] // 2, fs.LAZY_TOP + i * fs.LAZY_SPACING + 100)
        assert _close(image.getpixel(center), color), (i, image.getpixel(center))
    meta = result.metadata()
    assert _shot(result)["full_page"] is True and "partial_reasons" not in _shot(result)
    assert meta["settle"]["settled"] is True and "pending" not in meta["settle"]
    assert meta["settle"]["scroll_steps"] >= 1
    assert "사진 5" in result.text


def test_fixed_and_sticky_elements_appear_once_in_png_and_pdf(
    fsite: Any, capture: Any, tmp_path: Path
) -> None:
    result = capture(fsite.url("/overlays"))
    image = _image(result)
    assert image.height > 2 * 8000  # three render slices
    # Once each: the bottom banner after the end of the page (it covers nothing there),
    # the others where the 1280 x 800 window showed them at the top of the page.
    assert _bands(_rows_with(image, fs.BANNER, 1000)) == [(image.height - 70, image.height - 1)]
    assert _bands(_rows_with(image, fs.HEADER, 1000)) == [(0, 49)]
    assert _bands(_rows_with(image, fs.LOGIN, 1250)) == [(120, 269)]
    assert _shot(result)["full_page"] is True
    if shutil.which("pdftotext"):
        pdf = tmp_path / "page.pdf"
        pdf.write_bytes(result.pdf)
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert text.count("COOKIE-BANNER") == 1 and text.count("LOGIN-BOX") == 1
        assert text.count("STICKY-HEADER") == 1 and "댓글 99" in text
    # The MHTML keeps the page's own markup: the banner is fixed there, as served.
    html = _mhtml_html(result.mhtml)
    assert "position:fixed" in html and "data-evidence-locker" not in html


def test_bottom_banner_goes_after_the_page_and_covers_no_comment(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/cover-banner"))
    image = _image(result)
    assert image.height == 30 * 100 + 120
    assert _bands(_rows_with(image, fs.BANNER, 1000)) == [(3000, 3119)]
    # Comment 7's line (y 700-720) is drawn, not hidden under the banner.
    dark = [x for x in range(0, 400) if sum(image.getpixel((x, 710))) < 300]
    assert dark, "comment 7 is not visible"
    assert _shot(result)["full_page"] is True
    assert any("after the end of the page" in n for n in result.metadata()["notes"])


def test_overlay_that_covers_text_is_reported(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/cover-promo"))
    shot = _shot(result)
    assert shot["full_page"] is False
    reasons = " ".join(shot["partial_reasons"])
    assert "overlay covers text: 2 text block(s)" in reasons and "div#promo" in reasons
    assert _bands(_rows_with(_image(result), fs.PROMO, 500)) == [(300, 449)]


def test_clock_and_rotating_ads_one_moment_in_every_artifact(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/clock"))
    ticks = set(re.findall(r"TICK-(\d+)", result.text))
    assert len(ticks) == 1, ticks  # top, middle and bottom of the text show one tick
    tick = int(ticks.pop())
    image = _image(result)
    want = fs.PALETTE[tick % len(fs.PALETTE)]
    for top in fs.CLOCK_TOPS:
        assert _close(image.getpixel((300, top + 200)), want), (
            top,
            image.getpixel((300, top + 200)),
        )
    html = _mhtml_html(result.mhtml)
    assert set(re.findall(r"TICK-(\d+)", html)) == {str(tick)}
    assert result.metadata()["screenshot"]["one_moment"] is True
    assert _shot(result)["full_page"] is True


def test_slow_single_page_app_is_captured_with_its_content(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/spa#!/posts/7"))
    assert "SPA-CONTENT" in result.text and "로딩 중" not in result.text
    assert result.title == "게시글 7" == result.metadata()["title"]
    image = _image(result)
    assert any(
        _close(image.getpixel((x, y)), fs.LAZY_COLORS[2])
        for x in range(10, 300, 20)
        for y in range(60, 400, 20)
    )
    assert "SPA-CONTENT" in _mhtml_html(result.mhtml)
    assert _shot(result)["full_page"] is True


def test_finite_feed_is_whole_in_picture_and_text(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/feed40"))
    assert "POST-40" in result.text and "POST-41" not in result.text
    assert result.png_size[1] >= 40 * 200
    assert _shot(result)["full_page"] is True
    assert result.metadata()["text_check"]["outside"] == 0


def test_feed_that_grows_on_scroll_events_is_whole(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/scrollfeed"))
    for i in (1, 11, fs.SCROLL_POSTS):
        assert f"SFEED-{i} " in result.text, i
    assert _image(result).height >= fs.SCROLL_POSTS * 302
    assert _shot(result)["full_page"] is True


def test_scroll_event_lazy_images_load_and_unloaded_ones_are_reported(
    fsite: Any, capture: Any
) -> None:
    result = capture(fsite.url("/scrolllazy"))
    image = _image(result)
    for top, color in zip(fs.SCROLL_LAZY_TOPS, (fs.LAZY_COLORS[0], fs.LAZY_COLORS[2]), strict=True):
        assert _close(image.getpixel((150, top + 100)), color), (
            top,
            image.getpixel((150, top + 100)),
        )
    shot = _shot(result)
    assert shot["full_page"] is False
    reasons = " ".join(shot["partial_reasons"])
    assert "lazy images not loaded (1 " in reasons and fs.SCROLL_LAZY_NEVER in reasons
    assert result.metadata()["settle"]["lazy_images_not_loaded"] == [fs.SCROLL_LAZY_NEVER]


def test_endless_feed_is_cut_and_says_so(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/feed"), max_height=4000)
    shot = _shot(result)
    assert shot["full_page"] is False and result.png_size[1] == 4000
    reasons = " ".join(shot["partial_reasons"])
    assert "cut at the maximum height" in reasons and "kept growing" in reasons
    # Text and MHTML are of the same moment: the same posts.
    posts = max(int(n) for n in re.findall(r"POST-(\d+)", result.text))
    assert posts == max(int(n) for n in re.findall(r"POST-(\d+)", _mhtml_html(result.mhtml)))
    assert result.metadata()["text_check"]["outside"] > 0


def test_page_scrolling_inside_a_box_shows_every_comment(fsite: Any, capture: Any) -> None:
    result = _captured(capture, fsite.url("/scrollbox"))
    image = _image(result)
    assert image.height >= fs.BOX_TOP + fs.COMMENTS * fs.COMMENT_H
    for i in (0, 7, 8, 60, fs.COMMENTS - 1):
        y = fs.BOX_TOP + i * fs.COMMENT_H + fs.COMMENT_H // 2
        assert _close(image.getpixel((5, y)), fs.PALETTE[i % len(fs.PALETTE)]), (i, y)
    meta = result.metadata()
    assert meta["screenshot"]["full_page"] is True
    assert meta["scroll_box"]["element"] == "div#box" and meta["scroll_box"]["hidden_height"] == 0
    assert f"COMMENT-{fs.COMMENTS}" in result.text


def test_scroll_box_that_cannot_grow_is_an_honest_partial(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/scrollbox-stuck"))
    shot = _shot(result)
    assert shot["full_page"] is False
    assert any("scrolls inside a box (div#box)" in r for r in shot["partial_reasons"])
    assert result.metadata()["text_check"]["clipped"] > 0


def test_mhtml_carries_the_web_fonts(fsite: Any, capture: Any, qapp: Any, tmp_path: Path) -> None:
    result = capture(fsite.url("/fonts"))
    message = email.message_from_bytes(result.mhtml, policy=email.policy.default)
    fonts = [p for p in message.walk() if p.get("Content-Location") == fsite.url("/font.ttf")]
    assert len(fonts) == 1 and fonts[0].get_payload(decode=True) == fs.FONT_PATH.read_bytes()
    assert result.metadata()["mhtml_fonts"] == {"referenced": 1, "embedded": 1}
    # Opened offline, the web-font lines use the font, not the monospace fallback.
    path = tmp_path / "page.mhtml"
    path.write_bytes(result.mhtml)
    before = fsite.hits.get("/font.ttf", 0)
    widths = _offline_widths(path)
    assert widths["w"] != widths["m"], widths
    assert fsite.hits.get("/font.ttf", 0) == before  # from the archive, not the network


def _offline_widths(path: Path) -> dict[str, float]:
    import json

    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineScript

    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)
    loop = QEventLoop()
    out: dict[str, Any] = {}
    page.loadFinished.connect(lambda _ok: QTimer.singleShot(800, loop.quit))
    page.load(QUrl.fromLocalFile(str(path)))
    QTimer.singleShot(15000, loop.quit)
    loop.exec()
    page.runJavaScript(
        "JSON.stringify({w: document.getElementById('w').offsetWidth, "
        "m: document.getElementById('m').offsetWidth})",
        int(QWebEngineScript.ScriptWorldId.ApplicationWorld),  # MHTML: no page scripts
        lambda v: (out.update(json.loads(v)), loop.quit()),
    )
    loop.exec()
    page.deleteLater()
    del page
    return out


def test_redirect_chains_are_recorded(fsite: Any, capture: Any) -> None:
    late = capture(fsite.url("/interstitial"))  # location.replace() 2 s after load
    meta = late.metadata()
    assert meta["final_url"] == fsite.url("/landing") and meta["redirected"] is True
    assert meta["redirect_chain"] == [fsite.url("/interstitial"), fsite.url("/landing")]
    assert "LANDING-PAGE" in late.text and "INTERSTITIAL" not in late.text
    hops = capture(fsite.url("/hop1")).metadata()
    assert hops["redirect_chain"] == [fsite.url(p) for p in ("/hop1", "/hop2", "/landing")]


def test_iframe_text_stands_at_its_place(fsite: Any, capture: Any) -> None:
    text = capture(fsite.url("/frames")).text
    assert text.index("BEFORE-TEXT") < text.index("IFRAME-TEXT") < text.index("AFTER-TEXT")


def test_unsettled_page_and_missing_wait_for_are_reported(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/hang"), wait_for="NEVER-THERE", settle_budget_s=1.5)
    shot = _shot(result)
    assert shot["full_page"] is False
    reasons = " ".join(shot["partial_reasons"])
    assert "1 image(s) had not loaded" in reasons and "'NEVER-THERE' never appeared" in reasons
    settle = result.metadata()["settle"]
    assert settle["settled"] is False and settle["pending"]["images"] == [fsite.url("/hangimg.png")]
    assert "wait-for: NEVER-THERE" in settle["waited_for"]


def test_image_that_never_arrives_gives_a_partial_capture_not_a_failure(
    fsite: Any, capture: Any
) -> None:
    started = time.monotonic()
    result = capture(fsite.url("/hangdoc"), timeout_s=6.0)
    assert time.monotonic() - started < 30
    assert "HANGDOC-TEXT" in result.text and "AFTER-IMAGE" in result.text
    shot = _shot(result)
    assert shot["full_page"] is False
    reasons = " ".join(shot["partial_reasons"])
    assert "loading was stopped" in reasons and "images not loaded" in reasons
    assert fsite.url("/neverimg.png") in reasons
    stopped = result.metadata()["settle"]["loading_stopped"]
    assert stopped["images"] == [fsite.url("/neverimg.png")] and stopped["after_s"] <= 6
    assert _image(result).height >= 100 and result.mhtml and result.pdf


def test_virtual_list_is_an_honest_partial(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/virtual"))
    shot = _shot(result)
    assert result.png_size[1] == 15000 and shot["full_page"] is False
    assert any("virtual list" in r for r in shot["partial_reasons"])
    assert result.metadata()["settle"]["drops_rows_out_of_view"] is True
    assert "ROW-0 " in result.text  # the rows of the first slice, as frozen


def test_page_that_polls_for_ever_still_settles(fsite: Any, capture: Any) -> None:
    result = capture(fsite.url("/poll"))
    settle = result.metadata()["settle"]
    assert settle["settled"] is True and settle["waited_ms"] < 9000
    assert _shot(result)["full_page"] is True
    ticks = re.findall(r"POLL-(\d+)", result.text)
    assert ticks and ticks == re.findall(r"POLL-(\d+)", _mhtml_html(result.mhtml))


def test_cli_wait_for_late_content_and_partial_report(
    fsite: Any, tmp_path: Path, passphrase_file: Path
) -> None:
    import json

    from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point

    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    late = locker(
        "capture-url",
        vault,
        fsite.url("/late"),
        "--wait-for",
        "LATE-CONTENT",
        "--json",
        passphrase_file=passphrase_file,
    )
    assert late.returncode == 0, late.stderr
    row = json.loads(late.stdout)
    assert row["full_page"] is True and row["partial_reasons"] == []
    assert row["settle"].startswith("settled after ")
    meta = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)[
        "metadata"
    ]
    assert meta["title"] == "LATE-CONTENT" and meta["settle"]["waited_ms"] >= 5500
    stuck = locker(
        "capture-url", vault, fsite.url("/scrollbox-stuck"), passphrase_file=passphrase_file
    )
    assert stuck.returncode == 0, stuck.stderr
    assert stuck.stdout.startswith("2\t")
    line = [x for x in stuck.stderr.splitlines() if x.startswith("partial\t")]
    assert len(line) == 1 and line[0].startswith("partial\t2\t")
    assert "scrolls inside a box" in line[0] and "settled after" in line[0]


def _chromium_reference(url: str, height: int, out: Path) -> Image.Image:
    """Debian chromium's headless full-height screenshot of ``url``: a window as tall as
    the page, so it needs no scrolling or stitching. Background networking is off and
    every non-loopback request goes to a dead proxy: nothing leaves the machine."""
    shot = out / "reference.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--proxy-server=http://127.0.0.1:9",
            f"--user-data-dir={out / 'profile'}",
            "--virtual-time-budget=8000",
            f"--window-size=1280,{height}",
            f"--screenshot={shot}",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return Image.open(shot).convert("RGB")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium not installed")
@pytest.mark.parametrize("path", ["/lazy", "/scrollbox"])
def test_png_matches_a_headless_chromium_reference(
    fsite: Any, capture: Any, tmp_path: Path, path: str
) -> None:
    from PIL import ImageChops

    ours = _image(_captured(capture, fsite.url(path)))
    reference = _chromium_reference(fsite.url(path), ours.height, tmp_path)
    assert reference.size == ours.size
    for i, color in enumerate(fs.LAZY_COLORS if path == "/lazy" else []):
        top = fs.LAZY_TOP + i * fs.LAZY_SPACING  # every image, in both, at the same place
        box = (100, top, 100 + fs.LAZY_SIZE[0], top + fs.LAZY_SIZE[1])
        for image in (ours, reference):
            colors = image.crop(box).getcolors(4)
            assert colors is not None and _close(colors[0][1], color), (i, colors)
    # The same font on both sides: only anti-aliasing may differ, in a tiny share of pixels.
    diff = ImageChops.difference(ours, reference).convert("L").point(lambda v: 255 if v > 48 else 0)
    changed = diff.histogram()[255] / (ours.width * ours.height)
    assert changed < 0.002, changed
