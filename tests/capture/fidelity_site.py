"""Local pages built like real boards, feeds and single-page apps, for the capture
fidelity suite: one server on 127.0.0.1, images served with an ordinary network delay.

Every page has a known geometry and solid colours, so the suite can check the PNG pixel
by pixel against what the page showed (a reference by construction)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.capture.conftest import png_bytes
from tests.helpers import http
from tests.helpers.http import PageHandler

IMAGE_DELAY_S = 0.8
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
KO = "게시판 댓글 테스트"
# Six lazy images: solid colours at known places (y of the top of each image).
LAZY_COLORS = [
    (220, 30, 30),
    (30, 160, 40),
    (30, 60, 220),
    (230, 200, 20),
    (150, 30, 200),
    (20, 200, 200),
]
LAZY_SPACING = 1500
LAZY_TOP = 100
LAZY_SIZE = (300, 200)
BANNER = (255, 0, 170)  # fixed cookie banner at the bottom of the viewport
HEADER = (0, 170, 255)  # sticky header
LOGIN = (255, 140, 0)  # fixed login box
PALETTE = [
    (200, 0, 0),
    (0, 150, 0),
    (0, 0, 200),
    (200, 150, 0),
    (150, 0, 150),
    (0, 150, 150),
    (90, 90, 90),
    (240, 100, 150),
]
CLOCK_TOPS = (0, 9000, 17000)
COMMENTS = 119
COMMENT_H = 100
BOX_TOP = 60


def _rgb(c: tuple[int, int, int]) -> str:
    return f"rgb({c[0]},{c[1]},{c[2]})"


# One named font, so QtWebEngine and Debian chromium (the reference) draw the same glyphs.
FONT_STYLE = "<style>body { font-family: 'NanumGothic', sans-serif; }</style>"


def _page(title: str, body: str, head: str = "", body_style: str = "margin:0") -> bytes:
    return (
        f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>'
        f'{FONT_STYLE}{head}</head><body style="{body_style}">{body}</body></html>'
    ).encode()


def lazy_page() -> bytes:
    parts = []
    for i, _c in enumerate(LAZY_COLORS):
        top = LAZY_TOP + i * LAZY_SPACING
        w, h = LAZY_SIZE
        style = f"position:absolute;left:100px;top:{top}px;width:{w}px;height:{h}px"
        if i % 2:  # a script loads it when it scrolls into view
            parts.append(f'<img class="io" data-src="/lazyimg/{i}.png" style="{style}" alt="">')
        else:
            parts.append(f'<img loading="lazy" src="/lazyimg/{i}.png" style="{style}" alt="">')
        parts.append(f'<p style="position:absolute;left:500px;top:{top}px">사진 {i} {KO}</p>')
    height = LAZY_TOP + len(LAZY_COLORS) * LAZY_SPACING
    parts.append(f'<div style="height:{height}px"></div>')
    parts.append("""<script>
const io = new IntersectionObserver(es => es.forEach(e => {
  if (e.isIntersecting) { e.target.src = e.target.dataset.src; io.unobserve(e.target); }
}));
document.querySelectorAll('img.io').forEach(i => io.observe(i));
</script>""")
    return _page("lazy", "".join(parts))


def overlay_page() -> bytes:
    comments = "".join(
        f'<p style="height:200px;margin:0;border-top:1px solid #ddd">댓글 {i} {KO}</p>'
        for i in range(100)
    )
    body = (
        f'<div style="height:50px;position:sticky;top:0;background:{_rgb(HEADER)}">'
        f"STICKY-HEADER 게시판</div>{comments}"
        # Text hidden the usual ways is not "outside the picture": screen-reader text
        # moved off to the left, and the next slides of a carousel that clips them.
        '<span style="position:absolute;left:-10000px">건너뛰기 skip link</span>'
        '<div style="overflow:hidden;width:300px;height:40px;white-space:nowrap">'
        '<span style="display:inline-block;width:1500px">슬라이드 1</span>'
        '<span style="display:inline-block;width:1500px">슬라이드 2</span></div>'
        f'<div style="position:fixed;left:0;right:0;bottom:0;height:70px;'
        f'background:{_rgb(BANNER)}">COOKIE-BANNER 쿠키 동의</div>'
        f'<div style="position:fixed;right:20px;top:120px;width:200px;height:150px;'
        f'background:{_rgb(LOGIN)}">LOGIN-BOX 로그인</div>'
    )
    return _page("overlays", body)


def clock_page() -> bytes:
    blocks = "".join(
        f'<div class="clock" style="position:absolute;left:0;top:{top}px;width:600px;'
        f'height:300px">TICK-0</div>'
        for top in CLOCK_TOPS
    )
    script = """<script>
const palette = %s;
let tick = 0;
const show = () => document.querySelectorAll('.clock').forEach(c => {
  c.textContent = 'TICK-' + tick; c.style.background = palette[tick %% palette.length];
});
show();
setInterval(() => { tick++; show(); }, 150);
const ad = () => { document.getElementById('ad').textContent = 'AD-' + tick; setTimeout(ad, 100); };
const spin = () => { document.getElementById('spin').style.width = (tick %% 50 + 10) + 'px';
                     requestAnimationFrame(spin); };
window.addEventListener('load', () => { ad(); spin(); });
</script>""" % ("[" + ",".join(f"'{_rgb(c)}'" for c in PALETTE) + "]")
    body = (
        blocks + '<div id="ad" style="position:absolute;left:700px;top:0">AD</div>'
        '<div id="spin" style="position:absolute;left:700px;top:100px;height:20px;'
        'background:#000;animation:s 1s infinite"></div>'
        "<style>@keyframes s { from { opacity: 0 } to { opacity: 1 } }</style>"
        '<div style="height:17400px"></div>' + script
    )
    return _page("clock", body)


def spa_page() -> bytes:
    body = """<div id="app">로딩 중…</div><script>
window.addEventListener('load', () => setTimeout(() => {
  const id = (location.hash.match(/#!\\/posts\\/(\\d+)/) || [])[1] || '0';
  fetch('/api/post/' + id).then(r => r.json()).then(post => {
    document.title = post.title;
    document.getElementById('app').innerHTML = '<h1>' + post.title + '</h1><p>' + post.body +
      '</p><img src="/lazyimg/2.png" width="300" height="200">';
  });
}, 1000));
</script>"""
    return _page("앱", body)


SCROLL_POSTS = 50  # a feed that adds ten 300 px posts on window scroll events


def scroll_feed_page() -> bytes:
    body = """<div id="f"></div><script>
let c = 0, busy = 0;
const add = () => { for (let i = 0; i < 10 && c < TOTAL; i++) { c++;
  const d = document.createElement('div');
  d.style = 'height:300px;margin:0;border-bottom:2px solid #333';
  d.textContent = 'SFEED-' + c + ' 피드'; document.getElementById('f').appendChild(d); } };
add();
addEventListener('scroll', () => {
  if (busy || c >= TOTAL || innerHeight + scrollY <= document.body.scrollHeight - 400) return;
  busy = 1; setTimeout(() => { add(); busy = 0; }, 300);
});
</script>""".replace("TOTAL", str(SCROLL_POSTS))
    return _page("scroll feed", body)


# jQuery-lazyload style: data-src becomes src when a scroll event finds it near the view.
SCROLL_LAZY_TOPS = (1500, 3200)  # the two images the script loads (colours 0 and 2)
SCROLL_LAZY_NEVER = "/lazyimg/4.png"  # one its script never handles


def scroll_lazy_page() -> bytes:
    w, h = LAZY_SIZE
    body = (
        f'<div style="height:1500px">위</div><img class="l" width={w} height={h} '
        f'data-src="/lazyimg/0.png" style="display:block">'
        f'<div style="height:1500px">가운데</div><img class="l" width={w} height={h} '
        f'data-src="/lazyimg/2.png" style="display:block">'
        f'<div style="height:600px">아래</div><img class="other" width={w} height={h} '
        f'data-src="{SCROLL_LAZY_NEVER}" style="display:block"><p>SCROLL-LAZY-END</p>'
        "<script>const check = () => { for (const i of document.querySelectorAll('img.l'))"
        " if (!i.src && i.getBoundingClientRect().top < innerHeight + 50) "
        "i.src = i.dataset.src; }; addEventListener('scroll', check);</script>"
    )
    return _page("scroll lazy", body)


PROMO = (0, 200, 100)  # a fixed box in the middle of the window, over the comments


def cover_page(promo: bool) -> bytes:
    """Comments 100 px apart (text at the top of each); a 120 px cookie banner fixed at
    the bottom of the window lies over comment 7, a fixed promo box over comments 3-4."""
    comments = "".join(
        f'<p style="height:100px;margin:0">COVER-COMMENT-{i} {KO}</p>' for i in range(30)
    )
    box = (
        (
            f'<div id="promo" style="position:fixed;left:0;top:300px;width:600px;height:150px;'
            f'background:{_rgb(PROMO)}">PROMO 앱 설치</div>'
        )
        if promo
        else ""
    )
    banner = (
        f'<div style="position:fixed;left:0;right:0;bottom:0;height:120px;'
        f'background:{_rgb(BANNER)}">COOKIE-BANNER 쿠키</div>'
    )
    return _page("cover", comments + box + banner)


def feed_page(total: int) -> bytes:
    body = """<div id="feed"></div><div id="more" style="height:10px"></div><script>
let n = 0;
const feed = document.getElementById('feed'), more = document.getElementById('more');
const io = new IntersectionObserver(es => {
  if (!es.some(e => e.isIntersecting) || (TOTAL && n >= TOTAL)) return;
  io.unobserve(more);
  fetch('/api/feed?from=' + n).then(r => r.json()).then(posts => {
    for (const p of posts) {
      const d = document.createElement('div');
      d.style = 'height:200px;border-top:1px solid #ccc';
      d.textContent = p; feed.appendChild(d); n++;
    }
    if (!TOTAL || n < TOTAL) io.observe(more);
  });
});
io.observe(more);
</script>""".replace("TOTAL", str(total))
    return _page("feed", body)


def scrollbox_page(stuck: bool) -> bytes:
    limit = ' style="max-height:400px !important"' if stuck else ""
    comments = "".join(
        f'<div style="height:{COMMENT_H}px;box-sizing:border-box;border-left:12px solid '
        f'{_rgb(PALETTE[i % len(PALETTE)])}">댓글 {i + 1} COMMENT-{i + 1} {KO}</div>'
        for i in range(COMMENTS)
    )
    body = (
        f'<div style="height:{BOX_TOP}px;background:#eee">게시글 제목</div>'
        f'<div id="posts"{limit}><div style="position:absolute;top:{BOX_TOP}px;left:0;'
        f'right:0;bottom:0;overflow:auto" id="box">{comments}</div></div>'
    )
    if stuck:  # the box itself cannot grow: a fixed height with !important inline
        body = (
            f'<div style="height:{BOX_TOP}px;background:#eee">게시글 제목</div>'
            f'<div id="box" style="height:400px !important;max-height:400px !important;'
            f'overflow:auto">{comments}</div>'
        )
    return _page("scrollbox", body, body_style="margin:0;overflow:hidden;height:100vh")


def font_page() -> bytes:
    head = (
        "<style>@font-face { font-family: WebSerif; src: url('/font.ttf'); }"
        ".w { font-family: WebSerif, monospace; font-size: 40px }"
        ".m { font-family: monospace; font-size: 40px }</style>"
    )
    body = (
        '<span class="w" id="w">Web font line 웹폰트</span><br>'
        '<span class="w" id="w2">Second web font line</span><br>'
        '<span class="m" id="m">Web font line 웹폰트</span>'
    )
    return _page("fonts", body, head)


def iframe_page() -> bytes:
    return _page(
        "frames",
        '<p>BEFORE-TEXT 앞</p><iframe src="/inner" style="width:400px;'
        'height:100px;border:0"></iframe><p>AFTER-TEXT 뒤</p>',
    )


@dataclass
class FidelitySite:
    base: str
    hits: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(hits: dict[str, int]) -> type[BaseHTTPRequestHandler]:
    font = FONT_PATH.read_bytes()
    pages = {
        "/lazy": lazy_page(),
        "/overlays": overlay_page(),
        "/clock": clock_page(),
        "/spa": spa_page(),
        "/feed": feed_page(0),
        "/feed40": feed_page(40),
        "/scrollbox": scrollbox_page(False),
        "/scrollbox-stuck": scrollbox_page(True),
        "/fonts": font_page(),
        "/frames": iframe_page(),
        "/inner": _page("inner", "<p>IFRAME-TEXT 안</p>"),
        "/landing": _page("도착", "<p>LANDING-PAGE 도착했습니다</p>"),
        # Content 5.5 s after load: later than the timers settling waits for.
        "/late": _page(
            "로딩",
            "<p id='x'>로딩 중…</p><script>addEventListener('load', "
            "() => setTimeout(() => { document.title = 'LATE-CONTENT'; "
            "document.getElementById('x').textContent = 'LATE-CONTENT 본문'; "
            "}, 5500))</script>",
        ),
        # Polls its server every 700 ms for ever (a timer set from each response).
        "/poll": _page(
            "poll",
            "<p id='n'>POLL-0</p><script>let k = 0; const poll = () => "
            "fetch('/api/ping').then(() => { document.getElementById('n')"
            ".textContent = 'POLL-' + (++k); setTimeout(poll, 700); }); "
            "poll();</script>",
        ),
        # A virtual list: only the rows near the view exist in the DOM.
        "/virtual": _page(
            "virtual",
            """<div id="list" style="position:relative;
height:15000px"></div><script>
const list = document.getElementById('list');
const draw = () => {
  const from = Math.max(0, Math.floor((scrollY - 300) / 100));
  const to = Math.min(150, Math.ceil((scrollY + innerHeight + 300) / 100));
  list.innerHTML = '';
  for (let i = from; i < to; i++) {
    const row = document.createElement('div');
    row.style = 'position:absolute;left:0;height:100px;top:' + i * 100 + 'px';
    row.textContent = 'ROW-' + i + ' 행 ' + i;
    list.appendChild(row);
  }
};
addEventListener('scroll', () => requestAnimationFrame(draw));
addEventListener('resize', () => requestAnimationFrame(draw));
draw();
</script>""",
        ),
        "/hang": _page(
            "hang",
            "<p>HANG</p><script>addEventListener('load', () => {"
            "const i = new Image(50, 50); i.src = '/hangimg.png'; "
            "document.body.appendChild(i); })</script>",
        ),
        # A parsed page with one image that never arrives (the load never ends).
        "/scrollfeed": scroll_feed_page(),
        "/scrolllazy": scroll_lazy_page(),
        "/cover-banner": cover_page(False),
        "/cover-promo": cover_page(True),
        "/hangdoc": _page(
            "hangdoc",
            "<p>HANGDOC-TEXT 본문</p><img width=50 height=50 "
            "src='/neverimg.png'><p>AFTER-IMAGE 뒤</p>",
        ),
        "/interstitial": _page(
            "잠시만",
            "<p>INTERSTITIAL 이동 중</p><script>"
            "addEventListener('load', () => setTimeout(() => "
            "location.replace('/landing'), 2000))</script>",
        ),
    }

    class Handler(PageHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path, query = parts.path, parse_qs(parts.query)
            hits[path] = hits.get(path, 0) + 1
            if path in pages:
                self.send(200, pages[path])
            elif path.startswith("/lazyimg/"):
                time.sleep(IMAGE_DELAY_S)
                n = int(path[9:].split(".")[0])
                self.send(200, png_bytes(*LAZY_SIZE, LAZY_COLORS[n]), "image/png")
            elif path == "/hangimg.png":  # an image that never arrives within a test
                time.sleep(8)
                self.send(200, png_bytes(50, 50, (0, 0, 0)), "image/png")
            elif path == "/neverimg.png":  # longer than any test waits
                time.sleep(60)
                self.send(200, png_bytes(50, 50, (0, 0, 0)), "image/png")
            elif path == "/font.ttf":
                self.send(200, font, "font/ttf")
            elif path.startswith("/api/post/"):
                time.sleep(1.5)
                post = {"title": f"게시글 {path[10:]}", "body": "SPA-CONTENT 본문입니다"}
                self.send(200, json.dumps(post).encode(), "application/json")
            elif path == "/api/ping":
                self.send(200, b"{}", "application/json")
            elif path == "/api/feed":
                time.sleep(0.2)
                start = int(query.get("from", ["0"])[0])
                posts = ",".join(f'"POST-{i + 1} 글 {i + 1}"' for i in range(start, start + 10))
                self.send(200, f"[{posts}]".encode(), "application/json")
            elif path in ("/hop1", "/hop2"):
                self.send(302, b"", extra={"Location": "/hop2" if path == "/hop1" else "/landing"})
            else:
                self.send(404, b"not found")

    return Handler


def serve() -> Iterator[FidelitySite]:
    hits: dict[str, int] = {}
    with http.serve(_handler(hits)) as base:
        yield FidelitySite(base, hits)
