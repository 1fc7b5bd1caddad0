"""The image shield's picture: same size as the original, no detail, decoded only when
allow-listed and within the limits; anything else is a grey placeholder."""

from __future__ import annotations

import io
import re

from PIL import Image

from app.capture.image_shield import MARK, shielded_picture
from tests.capture.hostile_pages import BIG, PHOTO, SVG_PIC


def _size(svg: bytes) -> tuple[int, int]:
    match = re.search(rb'<svg[^>]*width="(\d+)" height="(\d+)"', svg)
    assert match, svg[:200]
    return int(match.group(1)), int(match.group(2))


def _inner(svg: bytes) -> Image.Image:
    import base64

    match = re.search(rb"base64,([A-Za-z0-9+/=]+)", svg)
    assert match
    return Image.open(io.BytesIO(base64.b64decode(match.group(1))))


def test_a_picture_keeps_its_size_and_loses_its_detail() -> None:
    for data, size in ((PHOTO, (240, 240)), (BIG, (4800, 4800))):
        out = shielded_picture(data)
        assert out.startswith(MARK) and _size(out) == size
        inner = _inner(out).convert("L")
        assert max(inner.size) <= 40
        low, high = inner.getextrema()
        assert high - low < 40  # a black-and-white checkerboard became an even grey


def test_what_is_not_an_allowed_picture_becomes_a_placeholder() -> None:
    assert _size(shielded_picture(SVG_PIC)) == (240, 240)  # SVG: its declared size
    assert b"base64" not in shielded_picture(SVG_PIC)
    assert _size(shielded_picture(b"<html>not a picture</html>")) == (300, 150)
    # A header claiming far more pixels than the decoder allows is never decoded.
    bomb = io.BytesIO()
    Image.new("1", (30000, 30000)).save(bomb, "PNG")
    out = shielded_picture(bomb.getvalue())
    assert b"base64" not in out and _size(out) == (300, 150)
