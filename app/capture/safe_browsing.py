"""Safe browsing, second line: a style layer for the pictures the network never sees.

The first line is ``image_shield``: picture files reach the page already blurred. What
remains are pictures a page makes itself (``data:``/``blob:`` images from scripts,
canvas, inline SVG, video frames) and documents that are pictures (an image, SVG or XML
file opened directly or in a frame). A script in the application's isolated world
(page scripts cannot see or patch it; a Content-Security-Policy cannot block it), run
at document creation in every frame:

- swaps every ``data:``/``blob:`` picture it finds (``<img>`` src/srcset, ``<source>``,
  posters, SVG ``<image>``; backgrounds, the root's included, list, border and mask
  images, ``content``) for a blurred copy of the same size drawn through a tiny canvas,
  set in the attribute or as the element's inline ``!important`` style (which outranks
  every page rule and replaces the page's own inline value): the element is not blurred,
  so its text stays sharp; the page's values come back when images are shown;
- adopts a constructed stylesheet (``adoptedStyleSheets``: no ``<style>`` element, so
  CSP ``style-src`` does not apply) into the document and every shadow root, which blurs
  media elements, ``data:``/``blob:`` pictures in pseudo-elements, and whatever the swap
  could not reach; it is re-adopted
  (a fresh copy) whenever the page removes, disables or rewrites it: on every DOM
  mutation and on a short timer, so a page turning styles off gets them back;
- replaces a document that is not a web page (image, video, audio, SVG, XML) with a
  neutral placeholder, before any of its own scripts run.

The shown/hidden state lives only inside that world (no attribute a page could set).
Only the browser's own page gets the scripts; captures load the page separately and
store it unblurred.
"""

from __future__ import annotations

import json

from PySide6.QtWebEngineCore import QWebEngineFrame, QWebEnginePage, QWebEngineScript

SCRIPT_NAME = "evidence-locker-safe-browsing"
SHOW_ATTR = "data-evidence-locker-show"  # kept in the selectors: marks our rules in snapshots
BG_ATTR = "data-evidence-locker-bg"
DRAWN_ATTR = "data-evidence-locker-drawn"  # gradient / paint() backgrounds: taken away
GLYPH_ATTR = "data-evidence-locker-glyph"  # text that is only icon / pictograph glyphs
GRID_ATTR = "data-evidence-locker-grid"  # a picture drawn as a grid of coloured boxes
GRID_MIN, GRID_CELL = 16, 64  # at least this many text-less coloured boxes, each at most px
BLUR = "blur(32px) saturate(0.4)"
DETAIL, INNER = 10, 40  # blurred copies of data:/blob: pictures, as image_shield makes them

_MEDIA = (
    "img",
    "picture",
    "video",
    "canvas",
    "svg",
    "embed",
    "object",
    "input[type=image]",
    f"[{BG_ATTR}]",
    f"[{GLYPH_ATTR}]",
    f"[{GRID_ATTR}]",
)

# ":not(#id)" matches every element but weighs like an id: it outranks the ordinary
# "!important" rules a page may have for its images.
_WEIGHT = f":not([{SHOW_ATTR}]):not(#el-safe-a):not(#el-safe-b):not(#el-safe-c)"
PSEUDO_ATTR = "data-evidence-locker-pseudo"  # a data:/blob: picture in ::before/::after
MARKER_ATTR = "data-evidence-locker-marker"  # a data:/blob: picture as the ::marker
_CSS = (
    "".join(
        f"{sel}{_WEIGHT}{{filter:{BLUR} !important;transition:none !important;"
        f"animation:none !important}}"
        for sel in _MEDIA
    )
    + "video::-webkit-media-controls{display:none !important;}"
    + "".join(
        # A picture drawn with gradients or a paint worklet: the element keeps its colour and
        # its text stays sharp; only the drawing goes.
        f"[{DRAWN_ATTR}]{_WEIGHT}{pseudo}{{background-image:none !important;"
        f"border-image-source:none !important;-webkit-mask-image:none !important;"
        f"mask-image:none !important}}"
        for pseudo in ("", "::before", "::after")
    )
    + "".join(
        # Pseudo-elements cannot be given inline styles: the picture in one is blurred, and
        # only it (the element's own text stays sharp).
        f"[{PSEUDO_ATTR}]{_WEIGHT}{pseudo}{{filter:{BLUR} !important;transition:none "
        f"!important;animation:none !important}}"
        for pseudo in ("::before", "::after")
    )
    + (f"[{MARKER_ATTR}]{_WEIGHT}::marker{{content:normal !important}}")
)

PLACEHOLDER_TEXT = "Picture hidden. Use \u201cShow images\u201d to see it."

_JS = r"""
(function () {
  const SHOW = %(show)s, BG = '%(bg_attr)s', DRAWN = '%(drawn_attr)s';
  const PSEUDO = '%(pseudo_attr)s', MARKER = '%(marker_attr)s';
  const GLYPH = '%(glyph_attr)s', GRID = '%(grid_attr)s';
  const CSS = %(css)s, TEXT = %(text)s;
  if (window.__evidenceLockerSafe) { window.__evidenceLockerSafe(SHOW); return; }
  let shown = SHOW;
  const roots = new Set([document]);   // the document and every shadow root seen
  const sheets = new Map();            // root -> our current sheet
  const type = (document.contentType || '').toLowerCase();
  const notAPage = /^(image|video|audio)\//.test(type) ||
                   (/xml/.test(type) && type !== 'application/xhtml+xml');

  // A document that is a picture: its content never renders while hidden.
  let hiddenRoot = null;
  function placeholder() {
    if (shown || !notAPage) return;
    const r = document.documentElement;
    if (r && r === hiddenRoot) return;
    const html = document.createElementNS('http://www.w3.org/1999/xhtml', 'html');
    const body = document.createElementNS('http://www.w3.org/1999/xhtml', 'body');
    body.setAttribute('style', 'margin:0;padding:2em;font:16px sans-serif;color:#333;' +
                      'background:#c8c8cc;min-height:100vh;box-sizing:border-box');
    body.textContent = TEXT;
    html.appendChild(body);
    if (r) document.replaceChild(html, r); else document.appendChild(html);
    hiddenRoot = html;
  }

  function freshSheet() {
    const s = new CSSStyleSheet();
    s.replaceSync(CSS);
    return s;
  }
  function intact(root, s) {
    try {
      const list = root.adoptedStyleSheets;
      return !s.disabled && s.media.length === 0 && s.cssRules.length === RULES &&
             list[list.length - 1] === s;
    } catch (e) { return false; }
  }
  const RULES = freshSheet().cssRules.length;
  function assertRoot(root) {
    let s = sheets.get(root);
    let list;
    try { list = Array.from(root.adoptedStyleSheets); } catch (e) { return; }
    if (shown) {
      if (s && list.includes(s)) root.adoptedStyleSheets = list.filter(x => x !== s);
      return;
    }
    if (s && intact(root, s)) return;
    // Tampered with (or new): a fresh sheet the page has never had its hands on.
    const old = s;
    s = freshSheet(); sheets.set(root, s);
    root.adoptedStyleSheets = list.filter(x => x !== old).concat([s]);
  }
  // Pictures in data:/blob: addresses never pass the image shield (no request). They are
  // swapped for a blurred copy of the same size, made here: drawn into a tiny canvas
  // (about ten blocks of colour) and scaled up smoothly, so no detail survives whatever
  // the page's styles do. Elements are not blurred for them: their text stays sharp.
  const OURS = new Set();              // our blurred copies and placeholders
  const copies = new Map();            // original address -> copy, or waiting callbacks
  const saved = new Map();             // element -> {attributes, styles} as the page had them
  function ours(u) { OURS.add(u); try { OURS.add(new URL(u).href); } catch (e) {} return u; }
  function isLocal(u) { return /^\s*(data|blob):/i.test(u || '') && !OURS.has(u.trim()); }
  function svg(w, h, inner) {
    return 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" ' +
      'width="' + w + '" height="' + h + '" ' + inner + '</svg>');
  }
  function grey(w, h) {
    return ours(svg(w || 300, h || 150, '><rect width="100%%" height="100%%" fill="#c8c8cc"/>'));
  }
  function canvas(w, h) { const c = document.createElement('canvas'); c.width = w; c.height = h; return c; }
  function blurred(img) {
    const w = img.naturalWidth, h = img.naturalHeight, longer = Math.max(w, h);
    if (!w || !h) return grey(0, 0);
    const tw = Math.max(1, Math.round(%(detail)d * w / longer));
    const th = Math.max(1, Math.round(%(detail)d * h / longer));
    let cur = img, cw = w, ch = h;
    while (cw > 2 * tw || ch > 2 * th) {   // halving steps: every pixel counts in the mean
      const nw = Math.max(tw, Math.ceil(cw / 2)), nh = Math.max(th, Math.ceil(ch / 2));
      const c = canvas(nw, nh); c.getContext('2d').drawImage(cur, 0, 0, nw, nh);
      cur = c; cw = nw; ch = nh;
    }
    const tiny = canvas(tw, th); tiny.getContext('2d').drawImage(cur, 0, 0, tw, th);
    const iw = Math.max(2, Math.round(%(inner)d * w / longer));
    const ih = Math.max(2, Math.round(%(inner)d * h / longer));
    const soft = canvas(iw, ih), x = soft.getContext('2d');
    x.imageSmoothingEnabled = true; x.drawImage(tiny, 0, 0, iw, ih);
    x.filter = 'blur(%(soften)dpx)'; x.drawImage(tiny, 0, 0, iw, ih);
    const png = soft.toDataURL('image/png');   // throws if tainted: then a grey box
    return ours(svg(w, h, 'viewBox="0 0 ' + iw + ' ' + ih + '" preserveAspectRatio="none">' +
      '<image width="' + iw + '" height="' + ih + '" preserveAspectRatio="none" href="' +
      png + '"/>'));
  }
  // The blurred copy of a data:/blob: picture if made already; else null, and `then` is
  // called with it once made.
  function copyOf(u, then) {
    const known = copies.get(u);
    if (typeof known === 'string') return known;
    if (known) { known.push(then); return null; }
    copies.set(u, [then]);
    const img = new Image();
    const done = made => {
      const waiting = copies.get(u); copies.set(u, made);
      if (Array.isArray(waiting)) waiting.forEach(f => { try { f(made); } catch (e) {} });
    };
    img.onload = () => { let made; try { made = blurred(img); } catch (e) {
      made = grey(img.naturalWidth, img.naturalHeight); } done(made); };
    img.onerror = () => done(grey(0, 0));
    img.src = u;
    return null;
  }
  function keep(el) {
    let s = saved.get(el);
    if (!s) { s = {attrs: new Map(), styles: new Map(), mine: new Map()}; saved.set(el, s); }
    return s;
  }
  function keepAttr(el, name) {
    const s = keep(el);
    if (!s.attrs.has(name)) s.attrs.set(name, el.getAttribute(name));
  }
  const LISTS = /(^|,)\s*(data|blob):/i;
  // Attributes naming a picture: swapped for the blurred copy (a grey box until it is made).
  function swapAttr(el, name) {
    const v = el.getAttribute(name);
    if (!isLocal(v)) return;
    keepAttr(el, name);
    const later = made => { if (!shown && el.getAttribute(name) === pending) el.setAttribute(name, made); };
    const made = copyOf(v.trim(), later);
    const pending = made || grey(el.naturalWidth || el.width, el.naturalHeight || el.height);
    el.setAttribute(name, pending);
  }
  function swapPictures(el) {
    const tag = el.localName;
    if (tag === 'img' || tag === 'source') {
      const set = el.getAttribute('srcset');
      if (set && LISTS.test(set)) {
        // Its candidates go; an <img> without a src of its own gets the copy of the first.
        const first = set.match(/(?:^|,)\s*((?:data|blob):\S+)/i);
        keepAttr(el, 'srcset'); el.removeAttribute('srcset');
        if (tag === 'img' && first && !el.getAttribute('src')) {
          keepAttr(el, 'src'); el.setAttribute('src', first[1].replace(/,$/, ''));
        }
      }
      swapAttr(el, 'src');
    } else if (tag === 'input') swapAttr(el, 'src');
    else if (tag === 'video') swapAttr(el, 'poster');
    else if (tag === 'image' || tag === 'feImage') { swapAttr(el, 'href'); swapAttr(el, 'xlink:href'); }
  }
  // Style properties naming pictures: set inline, !important, from this world (an inline
  // declaration outranks every rule of the page, and the page's own inline one is replaced).
  const PROPS = [['background-image', 'backgroundImage'], ['border-image-source', 'borderImageSource'],
                 ['-webkit-mask-image', 'webkitMaskImage'], ['mask-image', 'maskImage'],
                 ['-webkit-mask-box-image-source', 'webkitMaskBoxImageSource'],
                 ['list-style-image', 'listStyleImage'], ['content', 'content']];
  const URLS = /url\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g;
  function swapStyles(el) {
    let cs = getComputedStyle(el);
    for (const [prop, key] of PROPS) {
      const s = saved.get(el), mine = s && s.mine.get(prop);
      const ourValue = !!mine && el.style.getPropertyValue(prop) === mine.value &&
                       el.style.getPropertyPriority(prop) === 'important';
      if (ourValue && mine.pending.length && mine.pending.every(u => typeof copies.get(u) === 'string')) {
        // Set while the copy was being made: look at the page's own value again.
        const [pv, pp] = s.styles.get(prop);
        if (pv) el.style.setProperty(prop, pv, pp); else el.style.removeProperty(prop);
        cs = getComputedStyle(el);
      } else if (ourValue) continue;
      const v = cs[key];
      if (!v || !/url\(/i.test(v)) continue;
      let local = false;
      const pending = [];
      const value = v.replace(URLS, (m, u) => {
        u = u.replace(/\\(.)/g, '$1');
        if (!isLocal(u)) return m;
        local = true;
        const made = copyOf(u, () => queue(true));
        if (!made) pending.push(u);
        return made ? 'url("' + made + '")' : 'none';
      });
      if (!local) continue;
      const k = keep(el);
      if (!ourValue)  // the page's inline value now (it may have replaced ours)
        k.styles.set(prop, [el.style.getPropertyValue(prop), el.style.getPropertyPriority(prop)]);
      el.style.setProperty(prop, value, 'important');
      if (!el.style.getPropertyValue(prop)) el.style.setProperty(prop, 'none', 'important');
      k.mine.set(prop, {value: el.style.getPropertyValue(prop), pending: pending});
    }
  }
  function restore() {
    saved.forEach((s, el) => {
      s.attrs.forEach((v, name) => {
        if (v === null) el.removeAttribute(name); else el.setAttribute(name, v);
      });
      s.styles.forEach(([v, p], prop) => {
        if (v) el.style.setProperty(prop, v, p); else el.style.removeProperty(prop);
      });
    });
    saved.clear();
  }
  function isData(v) { return !!v && /url\(\s*["']?\s*(data|blob):/i.test(v) &&
    Array.from(v.matchAll(URLS)).some(m => isLocal(m[1].replace(/\\(.)/g, '$1'))); }
  function isDrawn(v) { return !!v && /gradient\(|paint\(/i.test(v); }
  function mark(el, attr, on) {
    if (on !== el.hasAttribute(attr)) { if (on) el.setAttribute(attr, ''); else el.removeAttribute(attr); }
  }
  // Icon and colour fonts draw pictures with glyphs: text made only of Private Use Area
  // characters (any font), or of pictographs (emoji) in a web font, is blurred; text with
  // ordinary letters stays sharp.
  const PUA = /^[\s\uE000-\uF8FF\u{F0000}-\u{10FFFF}]*[\uE000-\uF8FF\u{F0000}-\u{10FFFF}][\s\uE000-\uF8FF\u{F0000}-\u{10FFFF}]*$/u;
  const PICTO = /^[\s\uE000-\uF8FF\u{F0000}-\u{10FFFF}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Emoji_Component}\uFE0E\uFE0F\u200D]*\p{Extended_Pictographic}[\s\uE000-\uF8FF\u{F0000}-\u{10FFFF}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Emoji_Component}\uFE0E\uFE0F\u200D]*$/u;
  function webFonts() {
    const names = new Set();
    try { document.fonts.forEach(f => names.add(f.family.replace(/^["']|["']$/g, '').toLowerCase())); }
    catch (e) {}
    return names;
  }
  let fontNames = new Set();
  function inWebFont(cs) {
    return (cs.fontFamily || '').split(',').some(
      f => fontNames.has(f.trim().replace(/^["']|["']$/g, '').toLowerCase()));
  }
  function isGlyphs(text, cs) {
    if (!text || !/\S/.test(text)) return false;
    return PUA.test(text) || (PICTO.test(text) && /\p{Extended_Pictographic}/u.test(text) && inWebFont(cs));
  }
  function ownText(el) {
    let t = '';
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) t += n.data;
    return t;
  }
  function contentText(v) {   // the string of a computed `content` ("\f101" -> the char)
    const m = /^"((?:[^"\\]|\\.)*)"$/.exec((v || '').trim());
    return m ? m[1].replace(/\\(.)/g, '$1') : '';
  }
  // Pictures drawn as a grid of small, coloured, text-less boxes: counted per container
  // during the scan (the boxes' styles are read anyway), the container is blurred.
  let cells = new Map();
  function cell(el, own) {
    if (el.firstElementChild || /\S/.test(el.textContent || '')) return;
    const bg = own.backgroundColor;
    if (!bg || bg === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(bg)) return;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.width > %(grid_cell)d || r.height > %(grid_cell)d) return;
    const d = own.display;
    let box = null;
    if (d === 'table-cell') box = el.closest('table');
    else if (d === 'inline-block' || d === 'inline' || d === 'inline-flex') box = el.parentElement;
    else {
      const p = el.parentElement;
      const pd = p ? getComputedStyle(p).display : '';
      if (/grid|flex/.test(pd)) box = p;
      else if (p && own.float !== 'none') box = p;
    }
    if (box) cells.set(box, (cells.get(box) || 0) + 1);
  }
  function check(el) {
    if (el.shadowRoot && !roots.has(el.shadowRoot)) adopt(el.shadowRoot);
    try {
      swapPictures(el);
      swapStyles(el);
      const own = getComputedStyle(el);
      const styles = [own, getComputedStyle(el, '::before'), getComputedStyle(el, '::after')];
      let bg = false, pseudo = false, drawn = false;
      styles.forEach((cs, i) => {
        for (const v of [cs.backgroundImage, cs.borderImageSource, cs.webkitMaskImage, cs.content]) {
          if (isData(v)) { if (i) pseudo = true; else bg = true; }  // own: if the swap failed
          if (v !== cs.content && isDrawn(v)) drawn = true;
        }
      });
      mark(el, BG, bg);
      if (own.display === 'list-item' && !el.hasAttribute(MARKER))
        mark(el, MARKER, isData(getComputedStyle(el, '::marker').content));
      if (!el.hasAttribute(DRAWN)) mark(el, DRAWN, drawn);  // its own rule hides the value
      [1, 2].forEach(i => {
        if (isGlyphs(contentText(styles[i].content), styles[i])) pseudo = true;
      });
      mark(el, PSEUDO, pseudo);
      mark(el, GLYPH, isGlyphs(ownText(el), own));
      cell(el, own);
    } catch (e) {}
  }
  function scan(root) {
    const all = root.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) check(all[i]);
  }
  function scanAll() {
    fontNames = webFonts(); cells = new Map();
    roots.forEach(r => { if (r.querySelectorAll) scan(r); });
    const grids = new Set();
    cells.forEach((n, box) => { if (n >= %(grid_min)d) grids.add(box); });
    roots.forEach(r => {
      if (!r.querySelectorAll) return;
      r.querySelectorAll('[' + GRID + ']').forEach(el => { if (!grids.has(el)) mark(el, GRID, false); });
    });
    grids.forEach(el => mark(el, GRID, true));
    cells = new Map();
  }
  let scheduled = false, full = true;
  function flush() {
    scheduled = false;
    placeholder();
    roots.forEach(assertRoot);
    if (shown) { restore(); return; }
    if (full) { full = false; scanAll(); }
  }
  function queue(rescan) {
    if (rescan) full = true;
    if (!scheduled) { scheduled = true; Promise.resolve().then(flush); }
  }
  const observer = new MutationObserver(records => {
    let rescan = false;
    for (const rec of records) {
      if (rec.type === 'childList' || ![BG, DRAWN, PSEUDO, MARKER, GLYPH, GRID].includes(rec.attributeName))
        rescan = true;
    }
    queue(rescan);
  });
  const options = {childList: true, subtree: true, attributes: true};
  function adopt(root) {
    roots.add(root); observer.observe(root, options); queue(true);
  }
  observer.observe(document, options);
  document.addEventListener('%(event)s', e => {
    const host = e.composedPath()[0];
    if (host && host.shadowRoot && !roots.has(host.shadowRoot)) adopt(host.shadowRoot);
  }, true);
  // Styles can change without a DOM mutation (insertRule, :target, media queries,
  // animations, disabling a sheet): look again a few times a second.
  setInterval(() => queue(true), 250);
  ['DOMContentLoaded', 'load', 'hashchange', 'resize', 'animationend', 'transitionend']
    .forEach(n => window.addEventListener(n, () => queue(true), true));
  window.__evidenceLockerSafe = show => { shown = show; queue(true); };
  // A service worker (installed while images were shown, or in an earlier session) could
  // hand the page its pictures past the image shield: the page stays invisible, the
  // worker is unregistered and the page loaded again without it.
  try {
    const sw = navigator.serviceWorker;
    if (!shown && sw && sw.controller) {
      const veil = new CSSStyleSheet(); veil.replaceSync(':root{opacity:0 !important}');
      sheets.set(document, veil); document.adoptedStyleSheets = [veil];
      sw.getRegistrations().then(rs => Promise.all(rs.map(r => r.unregister())))
        .then(() => location.reload());
      return;
    }
  } catch (e) {}
  placeholder(); assertRoot(document); queue(true);
})();
"""

# Runs in the page's own world before its scripts: shadow roots are made open (so the
# style layer can reach inside them) and announced with an event it listens to.
_SHADOW_JS = r"""
(function () {
  const proto = Element.prototype, original = proto.attachShadow;
  if (!original || original.__evidenceLocker) return;
  const patched = function (init) {
    const sr = original.call(this, Object.assign({}, init, {mode: 'open'}));
    try { this.dispatchEvent(new CustomEvent('%(event)s', {bubbles: true, composed: true})); }
    catch (e) {}
    return sr;
  };
  patched.__evidenceLocker = true;
  proto.attachShadow = patched;
})();
"""
EVENT = "evidence-locker-shadow-root"


def script_source(show: bool, placeholder_text: str = PLACEHOLDER_TEXT) -> str:
    return _JS % {
        "show": "true" if show else "false",
        "bg_attr": BG_ATTR,
        "drawn_attr": DRAWN_ATTR,
        "pseudo_attr": PSEUDO_ATTR,
        "marker_attr": MARKER_ATTR,
        "glyph_attr": GLYPH_ATTR,
        "grid_attr": GRID_ATTR,
        "grid_min": GRID_MIN,
        "grid_cell": GRID_CELL,
        "detail": DETAIL,
        "inner": INNER,
        "soften": INNER // DETAIL,
        "css": json.dumps(_CSS),
        "text": json.dumps(placeholder_text),
        "event": EVENT,
    }


def _script(show: bool, placeholder_text: str) -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME)
    script.setSourceCode(script_source(show, placeholder_text))
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setRunsOnSubFrames(True)
    script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    return script


def strip_from_snapshot(mhtml: bytes) -> bytes:
    """An MHTML snapshot of a blurred page, without the blur stylesheet (Blink saves it
    as a linked CSS part). Read and written with the standard email package."""
    import email
    import email.generator
    import email.policy
    import io

    message = email.message_from_bytes(mhtml, policy=email.policy.compat32)
    changed = False
    for part in message.walk():
        if part.get_content_type() != "text/css":
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and SHOW_ATTR.encode() in payload:
            part.set_payload("")
            changed = True
    if not changed:
        return mhtml
    out = io.BytesIO()
    generator = email.generator.BytesGenerator(
        out, mangle_from_=False, policy=email.policy.compat32.clone(linesep="\r\n")
    )
    generator.flatten(message)
    return out.getvalue()


def _shadow_script() -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME + "-shadow")
    script.setSourceCode(_SHADOW_JS % {"event": EVENT})
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setRunsOnSubFrames(True)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    return script


def install(
    page: QWebEnginePage, show: bool = False, placeholder_text: str = PLACEHOLDER_TEXT
) -> None:
    """Blur images on every page ``page`` loads from now on (unless ``show``)."""
    scripts = page.scripts()
    for name in (SCRIPT_NAME, SCRIPT_NAME + "-shadow"):
        for old in scripts.find(name):
            scripts.remove(old)
    scripts.insert(_shadow_script())
    scripts.insert(_script(show, placeholder_text))


def set_images_shown(
    page: QWebEnginePage, show: bool, placeholder_text: str = PLACEHOLDER_TEXT
) -> None:
    """Show or blur images in the page on screen now, in every frame, and on later pages."""
    install(page, show, placeholder_text)
    code = script_source(show, placeholder_text)
    frames: list[QWebEngineFrame] = [page.mainFrame()]
    world = int(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    while frames:
        frame = frames.pop()
        if frame.isValid():
            frame.runJavaScript(code, world)
            frames.extend(frame.children())
