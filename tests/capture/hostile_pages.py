"""A corpus of hostile (and ordinary) pages for safe browsing, served from 127.0.0.1,
and a sharpness score for what the browser shows.

Every case puts a synthetic high-detail picture (a fine checkerboard: blurred, it turns
grey) in the box ``PIC`` (or the region it names) and a line of text at ``TEXT``. A case
sets ``document.title = 'ready'`` once it has done everything it does (its attack
included); the test then waits for the screen to stop changing and scores it.
"""

from __future__ import annotations

import base64
import io
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageFilter

from tests.helpers import http
from tests.helpers.http import PageHandler

PIC = (20, 20, 260, 260)  # left, top, right, bottom of the picture on screen
# Scored inside its outline: the edge of a blurred box against the page is not detail.
INSET = 12
TEXT = (20, 300, 420, 330)
TEXT_LINE = "Find my post 게시물 42"
TILE = 12


def checker(size: int, cell: int) -> Image.Image:
    small = Image.new("L", (size // cell, size // cell))
    small.putdata(
        [255 if (x + y) % 2 else 0 for y in range(size // cell) for x in range(size // cell)]
    )
    return small.resize((size, size), Image.Resampling.NEAREST).convert("RGB")


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _dark_shapes(size: int = 980) -> Image.Image:
    """Large dark shapes on white (what a fixed 32 px blur left recognisable)."""
    from PIL import ImageDraw

    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((size * 0.1, size * 0.1, size * 0.55, size * 0.9), fill="black")
    draw.rectangle((size * 0.6, size * 0.2, size * 0.9, size * 0.5), fill="black")
    return image


PHOTO = _png(checker(240, 4))
# The same with see-through black cells: masks that use alpha draw it with any colour.
_alpha = checker(240, 4).convert("RGBA")
_alpha.putalpha(checker(240, 4).convert("L"))
PHOTO_ALPHA = _png(_alpha)
PHOTO_DATA = "data:image/png;base64," + base64.b64encode(PHOTO).decode()
BIG = _png(checker(4800, 80))  # shown at 5%: 4 px cells on screen
DARK = _png(_dark_shapes())
SVG_PIC = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240">'
    b'<defs><pattern id="p" width="8" height="8" patternUnits="userSpaceOnUse">'
    b'<rect width="4" height="4"/><rect x="4" y="4" width="4" height="4"/></pattern>'
    b'</defs><rect width="240" height="240" fill="url(#p)"/>'
    b'<g id="g"><rect width="240" height="240" fill="url(#p)"/></g></svg>'
)


def icon_font() -> bytes:
    """A font whose glyphs U+E000 and U+1F5BC (an emoji) are a fine checkerboard (an icon
    or colour font drawing a picture)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    cells, em = 48, 960
    step = em // cells
    pen = TTGlyphPen(None)
    for i in range(cells):
        for j in range(cells):
            if (i + j) % 2:
                x, y = i * step, j * step
                pen.moveTo((x, y))
                pen.lineTo((x, y + step))
                pen.lineTo((x + step, y + step))
                pen.lineTo((x + step, y))
                pen.closePath()
    builder = FontBuilder(em, isTTF=True)
    builder.setupGlyphOrder([".notdef", "pic"])
    builder.setupCharacterMap({0xE000: "pic", 0x1F5BC: "pic"})  # and a pictograph
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "pic": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (em, 0), "pic": (em, 0)})
    builder.setupHorizontalHeader(ascent=em, descent=0)
    builder.setupNameTable({"familyName": "Pic", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=em, usWinAscent=em, usWinDescent=0)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


PAINT_JS = (
    b"registerPaint('chk', class { paint(ctx, size) { ctx.fillStyle = '#000';"
    b"for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++)"
    b" if ((i + j) % 2) ctx.fillRect(i * 4, j * 4, 4, 4); } });"
)


SW_JS = (
    b"self.addEventListener('install', () => self.skipWaiting());"
    b"self.addEventListener('activate', e => e.waitUntil(self.clients.claim()));"
    b"self.addEventListener('fetch', e => { if (e.request.url.includes('sw-pic'))"
    b" e.respondWith(fetch('/photo.png?from-worker')); });"
)


def blurred_control() -> Image.Image:
    """The picture as a plain Gaussian blur would show it: the score's reference."""
    return checker(240, 4).filter(ImageFilter.GaussianBlur(6))


def tile_scores(image: Image.Image, box: tuple[int, int, int, int]) -> list[float]:
    """Edge energy of each TILE x TILE tile inside ``box``: the mean absolute difference
    of each pixel to its right plus its lower neighbour, in the strongest colour channel."""
    left, top, right, bottom = box
    w, h = (right - left) - (right - left) % TILE, (bottom - top) - (bottom - top) % TILE
    region = image.convert("RGB").crop((left, top, left + w + 1, top + h + 1))
    right = ImageChops.difference(region.crop((0, 0, w, h)), region.crop((1, 0, w + 1, h)))
    down = ImageChops.difference(region.crop((0, 0, w, h)), region.crop((0, 1, w, h + 1)))
    energy = ImageChops.add(right, down)  # clipped at 255 per pixel: plenty for a score
    means = energy.resize((w // TILE, h // TILE), Image.Resampling.BOX)
    return [float(max(px)) for px in means.get_flattened_data()]


def sharpness(image: Image.Image, box: tuple[int, int, int, int], inset: int = 0) -> float:
    left, top, right, bottom = box
    inner = (left + inset, top + inset, right - inset, bottom - inset)
    return max(tile_scores(image, inner), default=0.0)


@dataclass
class Case:
    name: str
    body: str  # inside <body>, after the text line; or the whole document with raw=True
    head: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    raw: bool = False
    region: tuple[int, int, int, int] = PIC
    text: bool = True  # the case has the text line to check
    fragment: str = ""
    holds_today: bool = False  # a control: the old per-element blur already held it
    covered: bool = True  # False: a documented gap, still sharp (README)


READY = (
    "<script>addEventListener('load', () => requestAnimationFrame(() => "
    "requestAnimationFrame(() => { document.title = 'ready'; })));</script>"
)
LATE = (
    "<script>addEventListener('load', () => setTimeout(() => {{ {0}; "
    "requestAnimationFrame(() => requestAnimationFrame(() => "
    "{{ document.title = 'ready'; }})); }}, 50));</script>"
)
BOX = "position:absolute;left:20px;top:20px;width:240px;height:240px;margin:0;padding:0"
IMG = f'<img class="box" src="/photo.png" width="240" height="240" style="{BOX}">'
DIV = f'<div id="a" style="{BOX}"></div>'
CANVAS_JS = (
    "const c=document.createElement('canvas');c.width=c.height=240;"
    "const x=c.getContext('2d');x.fillStyle='#fff';x.fillRect(0,0,240,240);"
    "x.fillStyle='#000';for(let i=0;i<60;i++)for(let j=0;j<60;j++)"
    "if((i+j)%2)x.fillRect(i*4,j*4,4,4);"
)


def _cases() -> list[Case]:
    c: list[Case] = []

    def add(name: str, body: str, **kw: object) -> None:
        c.append(Case(name, body, **kw))  # type: ignore[arg-type]

    # Controls: these held with the old per-element blur.
    add("img", IMG, holds_today=True)
    add(
        "srcset",
        f'<picture><source srcset="/photo.png?s 1x"><img src="/photo.png?x" '
        f'srcset="/photo.png?y 1x" width="240" height="240" style="{BOX}"></picture>',
        holds_today=True,
    )
    add(
        "lazy",
        f'<img loading="lazy" src="/photo.png?lazy" width="240" height="240" style="{BOX}">',
        holds_today=True,
    )
    add(
        "css-background",
        DIV,
        head="<style>#a{background:url(/photo.png)}</style>",
        holds_today=True,
    )
    add(
        "before-after",
        DIV,
        head="<style>#a::before{content:url(/photo.png);display:block}</style>",
        holds_today=True,
    )
    add(
        "border-image",
        f'<div style="{BOX};box-sizing:border-box;border:120px solid;'
        f'border-image:url(/photo.png) 120"></div>',
        holds_today=True,
    )
    add(
        "object",
        f'<object data="/photo.png" type="image/png" style="{BOX}"></object>',
        holds_today=True,
    )
    add("embed", f'<embed src="/photo.png" type="image/png" style="{BOX}">', holds_today=True)
    add(
        "video-poster",
        f'<video poster="/photo.png" width="240" height="240" '
        f'style="{BOX};object-fit:fill"></video>',
        holds_today=True,
    )
    add(
        "canvas-script",
        f"<script>{CANVAS_JS}c.style='{BOX}';document.body.appendChild(c);</script>",
        holds_today=True,
    )
    add("iframe", f'<iframe src="/frame" style="{BOX};border:0"></iframe>', holds_today=True)
    add(
        "iframe-srcdoc",
        f'<iframe srcdoc="<body style=margin:0><img src=/photo.png>" '
        f'style="{BOX};border:0"></iframe>',
        holds_today=True,
    )
    for mode in ("open", "closed"):
        add(
            f"shadow-{mode}",
            f'<div id="h" style="{BOX}"></div><script>'
            f"document.getElementById('h').attachShadow({{mode:'{mode}'}}).innerHTML="
            "'<img src=/photo.png style=display:block>';</script>",
            holds_today=True,
        )
    add(
        "data-url",
        f"<script>{CANVAS_JS}const i=new Image();i.src=c.toDataURL();"
        f"i.style='{BOX}';document.body.appendChild(i);</script>",
        holds_today=True,
    )
    add(
        "blob-url",
        f'<img id="b" style="{BOX}"><script>{CANVAS_JS}'
        "c.toBlob(b=>{document.getElementById('b').src=URL.createObjectURL(b);});</script>",
        holds_today=True,
    )

    # What defeated the old blur.
    add(
        "crossorigin",
        f'<img crossorigin="anonymous" src="/photo.png?co" width="240" '
        f'height="240" style="{BOX};filter:none !important">',
    )
    add(
        "csp-header",
        IMG,
        headers={
            "Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self' "
            "'unsafe-inline'"
        },
    )
    add(
        "csp-meta-nonce",
        IMG,
        head='<meta http-equiv="Content-Security-Policy" '
        "content=\"style-src 'nonce-abc'; script-src 'unsafe-inline'\">",
    )
    add(
        "body-background",
        "",
        head="<style>body{background:url(/photo.png) !important}</style>",
        region=(300, 20, 700, 260),
    )
    add(
        "html-background",
        "",
        head="<style>html{background:url(/photo.png)}</style>",
        region=(300, 20, 700, 260),
    )
    add(
        "inline-important",
        f'<img src="/photo.png" width="240" height="240" style="{BOX};filter:none !important">',
    )
    add(
        "specificity",
        f'<div id="w"><img class="p" src="/photo.png" width="240" height="240" '
        f'style="{BOX}"></div>',
        head="<style>html body div#w img.p:not(#x):not(#y):not(#z)"
        ":not(#q){filter:none !important}</style>",
    )
    add("layer-important", IMG, head="<style>@layer a{img{filter:none !important}}</style>")
    add("transition", IMG, head="<style>img{transition:filter 100000s}</style>")
    add(
        "sheets-disabled",
        IMG,
        head=LATE.format(
            "for (const s of document.styleSheets) s.disabled = true; "
            "for (const s of document.adoptedStyleSheets) s.disabled = true; "
            "document.adoptedStyleSheets = []"
        ),
        text=True,
    )
    add(
        "style-cleared",
        IMG,
        head=LATE.format(
            "document.querySelectorAll('style').forEach(s => { s.media = 'print'; "
            "s.textContent = ''; })"
        ),
    )
    add(
        "list-style-image",
        '<ul style="position:absolute;left:0;top:20px;margin:0;'
        'padding-left:20px;list-style-position:inside;font-size:0"><li style="list-style-image:'
        'url(/photo.png);height:240px"></li></ul>',
    )
    add(
        "marker",
        '<ul style="position:absolute;left:20px;top:20px;margin:0;padding:0;'
        'list-style-position:inside"><li id="m" style="font-size:0">x</li></ul>',
        head="<style>#m::marker{content:url(/photo.png)}</style>",
    )
    add(
        "scrollbar",
        f'<div id="s" style="{BOX};overflow:scroll"><div style="height:4000px"></div></div>',
        head="<style>#s::-webkit-scrollbar{width:240px;background:url(/photo.png)}</style>",
    )
    add(
        "progress",
        f'<progress value="1" max="1" style="{BOX};-webkit-appearance:none"></progress>',
        head="<style>progress::-webkit-progress-bar{background:url(/photo.png)}"
        "progress::-webkit-progress-value{background:url(/photo.png)}</style>",
    )
    add(
        "backdrop",
        '<dialog id="d" style="position:absolute;left:300px;top:20px;margin:0">.</dialog>',
        head="<style>#d::backdrop{background:url(/photo.png)}</style>"
        + LATE.format("document.getElementById('d').showModal()"),
        text=False,
    )
    add(
        "first-letter",
        f'<p id="f" style="{BOX};font-size:200px;line-height:240px">W</p>',
        head="<style>#f::first-letter{background:url(/photo.png);color:transparent}</style>",
    )
    add(
        "mask-luminance",
        f'<div style="{BOX};background:#000;-webkit-mask-image:'
        'url(/photo.png);mask-image:url(/photo.png);mask-mode:luminance"></div>',
    )
    add(
        "mask-box-image",
        f'<div style="{BOX};background:#000;'
        '-webkit-mask-box-image:url(/alpha.png) 0 stretch"></div>',
    )
    add(
        "fe-image",
        '<svg width="240" height="240" style="position:absolute;left:20px;top:20px">'
        '<filter id="f" x="0" y="0" width="1" height="1"><feImage href="/photo.png" '
        'width="240" height="240"/></filter><rect width="240" height="240" filter="url(#f)"/>'
        "</svg>",
    )
    add(
        "filter-url",
        f'<svg width="0" height="0" style="position:absolute"><filter id="g" '
        'x="0" y="0" width="1" height="1"><feImage href="/photo.png" width="240" height="240"/>'
        f'</filter></svg><div style="{BOX};background:#fff;filter:url(#g)"></div>',
    )
    add(
        "use-external",
        '<svg width="240" height="240" style="position:absolute;left:20px;'
        'top:20px"><use href="/pic.svg#g"/></svg>',
    )
    add(
        "declarative-shadow",
        f'<div style="{BOX}"><template shadowrootmode="closed">'
        '<img src="/photo.png" style="display:block"></template></div>',
    )
    # Documents that are pictures become a placeholder with a line of text at the top.
    below = (20, 130, 240, 240)
    add(
        "svg-document",
        SVG_PIC.decode(),
        raw=True,
        content_type="image/svg+xml",
        text=False,
        region=below,
    )
    add(
        "svg-iframe",
        f'<iframe src="/pic.svg" style="{BOX};border:0"></iframe>',
        region=(20, 150, 260, 260),
    )
    add(
        "image-document",
        "",
        raw=True,
        content_type="image/png",
        text=False,
        region=(400, 166, 632, 398),
    )  # centred in the view
    add(
        "xml-document",
        '<?xml version="1.0"?><root xmlns:h="http://www.w3.org/1999/xhtml">'
        '<h:img src="/photo.png" width="240" height="240" style="position:absolute;left:20px;'
        'top:20px"/></root>',
        raw=True,
        content_type="application/xml",
        text=False,
        region=below,
    )
    add(
        "target",
        f'<div id="t" style="{BOX}"></div>',
        fragment="#t",
        head="<style>#t:target{background:url(/photo.png)}</style>",
    )
    add(
        "insert-rule",
        DIV,
        head=LATE.format("document.styleSheets[0].insertRule('#a{background:url(/photo.png?ir)}')")
        + "<style></style>",
    )
    add(
        "late-stylesheet",
        DIV,
        head=LATE.format(
            "const s=document.createElement('style');s.textContent='#a{background:"
            "url(/photo.png?ls)}';document.head.appendChild(s)"
        ),
    )
    add(
        "attribute-change",
        DIV,
        head="<style>#a.on{background:url(/photo.png?ac)}</style>"
        + LATE.format("document.getElementById('a').className='on'"),
    )
    add(
        "delayed-animation",
        DIV,
        head="<style>@keyframes k{to{background-image:"
        "url(/photo.png?an)}}#a{animation:k 1ms 30ms forwards}</style>" + LATE.format("void 0"),
    )
    add(
        "scale-transform",
        '<img src="/big.png" style="position:absolute;left:20px;top:20px;'
        'transform:scale(0.05);transform-origin:0 0">',
    )
    add(
        "scale-zoom",
        '<img src="/big.png?z" style="position:absolute;left:400px;top:400px;zoom:0.05">',
        region=(20, 20, 260, 260),
    )
    add(
        "scale-viewbox",
        '<svg viewBox="0 0 4800 4800" width="240" height="240" '
        'style="position:absolute;left:20px;top:20px"><image href="/big.png?v" width="4800" '
        'height="4800"/></svg>',
    )
    # A worker that answers the picture request itself (from the network, unblurred).
    add(
        "service-worker",
        f'<img id="sw" style="{BOX};filter:none !important">',
        head="<script>"
        "function show() { const i = document.getElementById('sw'); i.onload = i.onerror = () =>"
        " requestAnimationFrame(() => requestAnimationFrame(() => { document.title = 'ready'; }));"
        " i.src = '/sw-pic.png'; }"
        "navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready)"
        ".then(() => { if (navigator.serviceWorker.controller) show(); else {"
        " navigator.serviceWorker.addEventListener('controllerchange', show);"
        " setTimeout(show, 1000); } }).catch(show);</script>",
    )
    # Pictures that are not image files.
    add(
        "inline-svg",
        '<svg width="240" height="240" style="position:absolute;left:20px;'
        'top:20px">'
        + "".join(
            f'<rect x="{x * 4}" y="{y * 4}" width="4" height="4"/>'
            for y in range(60)
            for x in range(60)
            if (x + y) % 2
        )
        + "</svg>",
    )
    add(
        "gradient",
        f'<div style="{BOX};background:repeating-conic-gradient(#000 0 25%,'
        '#fff 0 50%) 0 0/8px 8px"></div>',
    )
    add(
        "gradient-before",
        f'<div id="gb" style="{BOX}"></div>',
        head="<style>#gb::before{"
        "content:'';display:block;width:240px;height:240px;background:repeating-linear-"
        "gradient(90deg,#000 0 4px,#fff 4px 8px)}</style>",
    )
    add(
        "paint-worklet",
        f'<div style="{BOX};background-image:paint(chk)"></div>',
        head="<script>CSS.paintWorklet.addModule('/paint.js')</script>" + LATE.format("void 0"),
    )
    # Pictures in data:/blob: addresses the network never sees, fighting the style layer:
    # they must become blurred copies, not blur the element (and its text) instead.
    add(
        "data-inline-important",
        f'<img src="{PHOTO_DATA}" width="240" height="240" style="{BOX};filter:none !important">',
    )
    add(
        "data-srcset",
        f'<img srcset="{PHOTO_DATA} 1x" width="240" height="240" '
        f'style="{BOX};filter:none !important">',
    )
    add(
        "data-root-background",
        "",
        head=f"<style>body{{background:url({PHOTO_DATA}) "
        "no-repeat 20px 20px !important;filter:none !important}</style>",
    )
    add(
        "blob-root-background",
        "",
        head="<script>fetch('/photo.bin').then(r => r.blob())"
        ".then(b => { const u = URL.createObjectURL(new Blob([b], {type: 'image/png'}));"
        "document.documentElement.style.background = 'url(' + u + ') no-repeat 20px 20px';"
        "const i = new Image(); i.onload = () => requestAnimationFrame(() =>"
        " requestAnimationFrame(() => { document.title = 'ready'; })); i.src = u; });</script>",
    )
    add(
        "data-list-style-image",
        '<ul style="position:absolute;left:0;top:20px;margin:0;'
        'padding-left:20px;list-style-position:inside;font:20px sans-serif"><li>'
        f'<span class="text" style="top:280px">{TEXT_LINE}</span></li></ul>',
        head=f"<style>ul{{list-style-image:url({PHOTO_DATA}) !important}}</style>",
    )
    add(
        "data-before-text",
        f'<p class="text" id="dt">{TEXT_LINE}</p>',
        head=f"<style>#dt::before{{content:url({PHOTO_DATA});position:absolute;left:0;"
        "top:-280px;filter:none !important}</style>",
    )
    # Pictures drawn from plain boxes or with a font's glyphs.
    add(
        "div-grid",
        f'<div style="{BOX};display:grid;grid-template-columns:repeat(60,4px)">'
        + "".join(
            f'<div style="height:4px;background:{"#000" if (x + y) % 2 else "#fff"}"></div>'
            for y in range(60)
            for x in range(60)
        )
        + "</div>",
    )
    add(
        "icon-font",
        f'<span style="{BOX};font:240px/1 Pic">&#xE000;</span>',
        head="<style>@font-face{font-family:Pic;src:url(/icons.ttf)}</style>"
        + LATE.format("void 0"),
    )
    # Icon and colour fonts: glyphs that are pictures are blurred, letters in the same web
    # font stay sharp.
    add(
        "icon-font-before",
        f'<span class="ic" style="{BOX}"></span>',
        head="<style>@font-face{font-family:Pic;src:url(/icons.ttf)}"
        '.ic::before{content:"\\e000";font:240px/1 Pic}</style>' + LATE.format("void 0"),
    )
    add(
        "emoji-web-font",
        f'<span style="{BOX};font:240px/1 Pic">&#x1F5BC;&#xFE0F;</span>',
        head="<style>@font-face{font-family:Pic;src:url(/icons.ttf)}</style>"
        + LATE.format("void 0"),
    )
    add(
        "icon-font-letters",
        f'<span style="{BOX};font:240px/1 Pic">&#xE000;</span>'
        f'<p class="text" style="font-family:Pic,sans-serif">{TEXT_LINE}</p>',
        head="<style>@font-face{font-family:Pic;src:url(/icons.ttf)}</style>"
        + LATE.format("void 0"),
    )
    add(
        "table-grid",
        f'<table style="{BOX};border-spacing:0;border-collapse:collapse">'
        + "".join(
            "<tr>"
            + "".join(
                f'<td style="width:8px;height:8px;padding:0;background:'
                f'{"#000" if (x + y) % 2 else "#fff"}"></td>'
                for x in range(30)
            )
            + "</tr>"
            for y in range(30)
        )
        + "</table>",
    )
    add(
        "inline-block-grid",
        f'<div style="{BOX};font-size:0;line-height:0">'
        + "".join(
            f'<span style="display:inline-block;width:8px;height:8px;background:'
            f'{"#000" if (x + y) % 2 else "#fff"}"></span>' + ("<br>" if x == 29 else "")
            for y in range(30)
            for x in range(30)
        )
        + "</div>",
    )
    add(
        "dark-shapes",
        '<img src="/dark.png" width="490" height="490" style="position:absolute;'
        'left:500px;top:20px">',
        region=(500, 20, 990, 510),
    )
    return c


CASES = _cases()
ICON_FONT = icon_font()
LAYOUT = (
    f".box{{{BOX}}} .text{{position:absolute;left:20px;top:300px;margin:0;"
    f"font:20px sans-serif;color:#000;white-space:nowrap}}"
).encode()
_TEXT_P = (
    f'<p class="text" style="position:absolute;left:20px;top:300px;margin:0;font:20px sans-serif;'
    f'color:#000;background:#fff;white-space:nowrap">{TEXT_LINE}</p>'
)


def page_bytes(case: Case) -> bytes:
    if case.raw:
        return case.body.encode() if case.body else PHOTO
    text = _TEXT_P if case.text and TEXT_LINE not in case.body else ""
    ready = "" if "document.title = 'ready'" in case.head else READY
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>loading</title>'
        f'<link rel="stylesheet" nonce="abc" href="/layout.css">{case.head}{ready}</head><body style="margin:0;background:#fff">{text}'
        f"{case.body}</body></html>"
    ).encode()


def _handler() -> type[PageHandler]:
    by_name = {case.name: case for case in CASES}

    class Handler(PageHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            headers: dict[str, str] = {}
            if path in ("/photo.png", "/sw-pic.png"):
                body, ctype = PHOTO, "image/png"
            elif path == "/photo.bin":  # picture bytes fetched as data, not as an image
                body, ctype = PHOTO, "application/octet-stream"
            elif path == "/alpha.png":
                body, ctype = PHOTO_ALPHA, "image/png"
            elif path == "/big.png":
                body, ctype = BIG, "image/png"
            elif path == "/dark.png":
                body, ctype = DARK, "image/png"
            elif path == "/layout.css":  # the layout without inline styles (for CSP cases)
                body, ctype = LAYOUT, "text/css"
            elif path == "/sw.js":
                body, ctype = SW_JS, "text/javascript"
            elif path == "/paint.js":
                body, ctype = PAINT_JS, "text/javascript"
            elif path == "/icons.ttf":
                body, ctype = ICON_FONT, "font/ttf"
            elif path == "/pic.svg":
                body, ctype = SVG_PIC, "image/svg+xml"
            elif path == "/frame":
                body, ctype = (
                    b'<body style="margin:0"><img src="/photo.png?f"></body>',
                    "text/html",
                )
            elif path.startswith("/case/") and path[6:] in by_name:
                case = by_name[path[6:]]
                body, ctype, headers = page_bytes(case), case.content_type, case.headers
            else:
                self.send_error(404)
                return
            self.send(200, body, ctype, extra={"Cache-Control": "max-age=3600", **headers})

    return Handler


def serve() -> AbstractContextManager[str]:
    """The corpus on a loopback port (base URL)."""
    return http.serve(_handler())
