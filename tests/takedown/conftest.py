"""A loopback 'platform' whose posts can be switched between up, 404, 410, a soft-404
page, a login wall and a national block page; it logs every request it gets. Synthetic
photo-like images (no real photos)."""

from __future__ import annotations

import io
import random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from app.vault import Vault

POST = (b"<html><head><title>post</title><link rel=stylesheet href='/style.css'>"
        b"<script src='/app.js'></script></head><body><h1>A post</h1>"
        b"<img src='/img/photo.jpg'><img src='https://127.0.0.1:1/remote.png'>"
        b"<p>" + b"words " * 50 + b"</p></body></html>")
SOFT_404 = (b"<html><head><title>Sorry, this page isn't available</title></head>"
            b"<body><p>The link may be broken, or the page may have been removed.</p></body></html>")
LOGIN = b"<html><body><form><input name=u><input type=password name=p></form></body></html>"


class Site:
    def __init__(self) -> None:
        self.mode: dict[str, str] = {}
        self.log: list[str] = []
        self.cookies: list[str] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
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
                    self.send_response(302)
                    self.send_header("Location", "/login?next=" + self.path)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if mode == "block":
                    return self._send(200, b"<html><body><iframe src='http://warning.or.kr'>"
                                           b"</iframe></body></html>")
                return self._send(404, b"no such thing")

            def _send(self, code: int, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Set-Cookie", "session=abc; Path=/")
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


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


def photo_like(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A synthetic 'photo': smooth colour fields, shapes and grain."""
    rng = random.Random(seed)
    img = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    w, h = size
    for _ in range(40):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randrange(20, w // 3)
        fill = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=fill)
    img = img.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(img, noise, 0.08)


def jpeg_bytes(img: Image.Image, quality: int = 92) -> bytes:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality)
    return out.getvalue()
