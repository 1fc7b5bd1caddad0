"""Local web servers for capture tests: synthetic pages and images on 127.0.0.1 only."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import PySide6.QtWebEngineWidgets  # noqa: F401 - must be imported before the QApplication
import pytest
from PIL import Image

from app.capture.image_shield import register_scheme
from tests.helpers.http import PageHandler

register_scheme()  # as the app does: before the QApplication exists

MARKER = "LEAKMARKER-7f3a9c"
KOREAN = "불법촬영 증거 보존 테스트"
TALL_BLOCKS = 12
BLOCK_HEIGHT = 400  # px; the tall page is TALL_BLOCKS * BLOCK_HEIGHT tall
TALL_HEIGHT = TALL_BLOCKS * BLOCK_HEIGHT
# 19 blocks of 1000 px: taller than two 8000 px render slices, so three are stitched.
VERY_TALL_COLORS = [
    f"#{(i * 53) % 256:02x}{(255 - i * 13) % 256:02x}{(i * 97) % 256:02x}" for i in range(19)
]


def png_bytes(width: int, height: int, color: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (width, height), color)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def checker_png(size: int = 240, cell: int = 4) -> bytes:
    """A sharp black-and-white checkerboard: blur turns it grey."""
    image = Image.new("L", (size, size))
    image.putdata(
        [255 if ((x // cell) + (y // cell)) % 2 else 0 for y in range(size) for x in range(size)]
    )
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "PNG")
    return buf.getvalue()


def big_png(target: int = 20 * 1024 * 1024) -> bytes:
    """A PNG of random pixels, a little over ``target`` bytes (noise does not compress)."""
    side = int((target / 3) ** 0.5) + 8
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=0)
    return buf.getvalue()


def tall_page() -> bytes:
    blocks = "".join(
        f'<div style="height:{BLOCK_HEIGHT}px;margin:0;background:hsl({i * 29 % 360},70%,60%)">'
        f'<p style="margin:0">구역 {i} {KOREAN} {MARKER}</p>'
        + (f'<img src="/img/{i}.png" width="120" height="80">' if i % 3 == 0 else "")
        + "</div>"
        for i in range(TALL_BLOCKS)
    )
    return (
        f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>증거 페이지 '
        f'{MARKER}</title><link rel="canonical" href="https://example.org/p/42">'
        f'<meta property="og:site_name" content="게시판">'
        f'<meta name="author" content="uploader123"></head>'
        f'<body style="margin:0">{blocks}</body></html>'
    ).encode()


SHARP_PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>sharp</title></head>
<body style="margin:0;background:#fff">
<style>.bg { background-image: url(/checker.png); }</style>
<img id="first" src="/checker.png" width="240" height="240" style="position:absolute;left:0;top:0">
<div id="bg" class="bg" style="position:absolute;left:600px;top:0;width:240px;height:240px"></div>
<iframe src="/frame" style="position:absolute;left:0;top:300px;width:260px;height:260px;border:0"></iframe>
<x-card style="position:absolute;left:300px;top:300px;width:240px;height:240px;display:block"></x-card>
<script>
customElements.define('x-card', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({mode: 'closed'});
    root.innerHTML = '<img src="/checker.png" width="240" height="240" style="display:block">';
  }
});
window.addEventListener('load', () => setTimeout(() => {
  const img = document.createElement('img');
  img.id = 'late'; img.src = '/checker.png'; img.width = 240; img.height = 240;
  img.style = 'position:absolute;left:300px;top:0';
  document.body.appendChild(img);
}, 150));
</script></body></html>"""


# A page that fights the blur: an "!important" filter reset, then (after load) removing
# every style element and setting the attribute that means "images shown".
HOSTILE_PAGE = b"""<!doctype html><html><head><title>hostile</title>
<style>#wrap img { filter: none !important; }</style>
<script>JSON.stringify = () => '{"h": 99999999}'; Math.max = () => 1;
window.requestAnimationFrame = () => 0;</script></head><body style="margin:0">
<div id="wrap"><img src="/checker.png" width="240" height="240"
  style="position:absolute;left:0;top:0"></div>
<script>
addEventListener('load', () => setTimeout(() => {
  document.querySelectorAll('style').forEach(s => { if (s.id) s.remove(); });
  document.documentElement.setAttribute('data-evidence-locker-show', '');
  for (let i = 0; i < 5; i++) { try { alert('x'); window.open('/page/popup'); } catch (e) {} }
}, 100));
</script></body></html>"""


# Served files that are not pages (synthetic bytes; only their exact storage matters).
FAKE_VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64
FAKE_PDF = b"%PDF-1.4\n% synthetic test file\n" + b"0" * 5000 + b"\n%%EOF\n"


# Content that appears only after the person clicks "more" (kept by "capture as shown").
EXPAND_PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>thread</title></head>
<body style="margin:0"><button id="more" style="position:absolute;left:0;top:260px">more</button>
<script>
document.getElementById('more').addEventListener('click', () => {
  const img = document.createElement('img');
  img.src = '/checker.png'; img.width = 240; img.height = 240;
  img.style = 'position:absolute;left:0;top:0';
  document.body.appendChild(img);
  const p = document.createElement('p');
  p.textContent = 'EXPANDED-REPLY \\ub313\\uae00';
  p.style = 'position:absolute;left:0;top:300px';
  document.body.appendChild(p);
});
</script></body></html>"""


@dataclass
class Site:
    base: str
    https_base: str
    unreachable: str
    big: bytes
    hits: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path


GATES: dict[str, threading.Event] = {}  # /gate/NAME answers once GATES[NAME] is set


def _handler(big: bytes, hits: dict[str, int]) -> type[BaseHTTPRequestHandler]:
    tall = tall_page()
    checker = checker_png()

    class Handler(PageHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            hits[path] = hits.get(path, 0) + 1
            if path == "/redirect":
                self.send(302, b"", extra={"Location": "/tall"})
            elif path == "/tall":
                self.send(200, tall)
            elif path.startswith("/img/"):
                n = int(path[5:].split(".")[0])
                self.send(200, png_bytes(120, 80, ((n * 70) % 256, 90, 160)), "image/png")
            elif path == "/checker.png":
                self.send(200, checker, "image/png")
            elif path.startswith("/secret/"):
                token = path[8:]
                self.send(
                    200,
                    f"<html><head><title>{token}</title></head><body><h1>{token}</h1>"
                    f'<img src="/img/1.png"><p data-x="{token}">{KOREAN} {token}</p>'
                    f"</body></html>".encode(),
                )
            elif path == "/verytall":
                blocks = "".join(
                    f'<div style="height:1000px;background:{c}"></div>' for c in VERY_TALL_COLORS
                )
                self.send(200, f'<html><body style="margin:0">{blocks}</body></html>'.encode())
            elif path == "/jsredirect":
                self.send(
                    200,
                    b'<html><body>moving<script>addEventListener("load", () => '
                    b'setTimeout(() => location.replace("/tall"), 100))</script>'
                    b"</body></html>",
                )
            elif path == "/clip.mp4":
                self.send(200, FAKE_VIDEO, "video/mp4")
            elif path == "/doc.pdf":
                self.send(200, FAKE_PDF, "application/pdf")
            elif path == "/expand":
                self.send(200, EXPAND_PAGE)
            elif path == "/links":
                self.send(
                    200,
                    b'<html><body style="margin:0"><a href="/sharp" target="_blank" '
                    b'style="display:block;width:400px;height:200px;background:#ccc">'
                    b"open in a new window</a></body></html>",
                )
            elif path == "/hostile":
                self.send(200, HOSTILE_PAGE)
            elif path == "/frame":
                self.send(
                    200,
                    b'<html><body style="margin:0"><img src="/checker.png" '
                    b'width="240" height="240"></body></html>',
                )
            elif path == "/sharp":
                self.send(200, SHARP_PAGE)
            elif path == "/big.png":
                self.send(200, big, "image/png")
            elif path.startswith("/page/"):
                post = path[6:]
                self.send(
                    200,
                    f"<html><head><title>Post {post}</title></head><body><h1>Post {post}"
                    f"</h1><p>{MARKER}</p></body></html>".encode(),
                )
            elif path.startswith("/gone/"):
                self.send(404, b"<html><body><h1>Not found</h1></body></html>")
            elif path == "/error":
                self.send(500, b"<html><body>server error</body></html>")
            elif path == "/slow":
                time.sleep(5)
                self.send(200, b"<html><body>slow</body></html>")
            elif path.startswith("/gate/"):
                # Answers once the test opens the gate (30 s at most): a page that is
                # slow for exactly as long as a test needs.
                GATES.setdefault(path[6:], threading.Event()).wait(30)
                self.send(200, f"<html><body>gate {path[6:]}</body></html>".encode())
            else:
                self.send(404, b"not found")

    return Handler


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # rejected TLS handshakes and dropped connections are expected here


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    big = big_png()
    hits: dict[str, int] = {}
    handler = _handler(big, hits)
    http = _QuietServer(("127.0.0.1", 0), handler)
    https = _QuietServer(("127.0.0.1", 0), handler)
    cert, key = _self_signed(tmp_path_factory.mktemp("tls"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    https.socket = context.wrap_socket(https.socket, server_side=True)
    for server in (http, https):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Site(
        base=f"http://127.0.0.1:{http.server_address[1]}",
        https_base=f"https://127.0.0.1:{https.server_address[1]}",
        unreachable=f"http://127.0.0.1:{_free_port()}/nothing-listens-here",
        big=big,
        hits=hits,
    )
    for server in (http, https):
        server.shutdown()
        server.server_close()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


FAST: dict[str, Any] = {"settle_ms": 150, "render_ms": 200}


@pytest.fixture
def capture(qapp: object) -> Callable[..., object]:
    """capture(url, **options) -> PageCapture, with short settle times."""
    from app.capture.web import capture_url

    def run(url: str, **options: object) -> object:
        merged: dict[str, object] = {**FAST, "timeout_s": 20.0, **options}
        return capture_url(url, **merged)  # type: ignore[arg-type]

    return run
