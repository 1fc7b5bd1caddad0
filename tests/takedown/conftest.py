"""A loopback 'platform' whose posts can be switched between up, 404, 410, a soft-404
page, a login wall and a national block page; it logs every request it gets. Synthetic
photo-like images (no real photos)."""

from __future__ import annotations

import io
import random
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from app.vault import Vault
from tests.helpers.http import PageHandler, serve

POST = (
    b"<html><head><title>post</title><link rel=stylesheet href='/style.css'>"
    b"<script src='/app.js'></script></head><body><h1>A post</h1>"
    b"<img src='/img/photo.jpg'><img src='https://127.0.0.1:1/remote.png'>"
    b"<p>" + b"words " * 50 + b"</p></body></html>"
)
SOFT_404 = (
    b"<html><head><title>Sorry, this page isn't available</title></head>"
    b"<body><p>The link may be broken, or the page may have been removed.</p></body></html>"
)
LOGIN = b"<html><body><form><input name=u><input type=password name=p></form></body></html>"


class Site:
    def __init__(self) -> None:
        self.mode: dict[str, str] = {}
        self.log: list[str] = []
        self.cookies: list[str] = []
        self.lock = threading.Lock()
        site = self

        class Handler(PageHandler):
            def do_GET(self) -> None:
                with site.lock:
                    site.log.append(self.path)
                    if self.headers.get("Cookie"):
                        site.cookies.append(str(self.headers.get("Cookie")))
                    mode = site.mode.get(self.path, "")
                if self.path.split("?")[0] == "/login":
                    return self._send(200, LOGIN)
                if mode == "up":
                    return self._send(200, POST)
                if mode in ("404", "410"):
                    return self._send(int(mode), b"<html><body>gone</body></html>")
                if mode == "soft404":
                    return self._send(200, SOFT_404)
                if mode == "login":
                    return self.send(302, b"", extra={"Location": "/login?next=" + self.path})
                if mode == "block":
                    return self._send(
                        200,
                        b"<html><body><iframe src='http://warning.or.kr'></iframe></body></html>",
                    )
                return self._send(404, b"no such thing")

            def _send(self, code: int, body: bytes) -> None:
                self.send(code, body, extra={"Set-Cookie": "session=abc; Path=/"})

        self._serving = ExitStack()
        self.base = self._serving.enter_context(serve(Handler))

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self._serving.close()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


@pytest.fixture
def vault(tmp_path: Path, passphrase: str) -> Iterator[Vault]:
    v = Vault.create(tmp_path / "v.locker", passphrase)
    v.close()
    opened = Vault.open(tmp_path / "v.locker", passphrase)
    yield opened
    opened.close()


def photo_like(seed: int, size: tuple[int, int] = (800, 600)) -> Image.Image:
    """A synthetic 'photo': a sky-to-ground gradient, a few large soft shapes, grain."""
    rng = random.Random(seed)
    w, h = size
    grad = Image.linear_gradient("L").resize(size)
    img = Image.composite(
        Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3))),
        Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3))),
        grad,
    )
    draw = ImageDraw.Draw(img)
    for _ in range(9):
        x, y = rng.randrange(w), rng.randrange(h)
        rx, ry = rng.randrange(w // 10, w // 3), rng.randrange(h // 10, h // 3)
        draw.ellipse(
            (x - rx, y - ry, x + rx, y + ry), fill=tuple(rng.randrange(256) for _ in range(3))
        )
    img = img.filter(ImageFilter.GaussianBlur(max(w, h) / 100))
    return Image.blend(img, Image.effect_noise(size, 20).convert("RGB"), 0.06)


def jpeg_bytes(img: Image.Image, quality: int = 92) -> bytes:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality)
    return out.getvalue()
