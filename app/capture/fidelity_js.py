"""JavaScript for settling, freezing and preparing a page before it is rendered.

``PROBE_JS`` is installed in the page's own (main) world at document creation: it counts
open fetch/XHR requests and pending one-shot timers, and can freeze the page (timers,
animation frames, observers, scroll/resize handlers and network results stop reaching
page scripts). Everything else runs in the capture's isolated world; it talks to the probe
through DOM events and one attribute it removes at once. Every script returns a number
or JSON text, never a boolean (PySide6 mishandles booleans from JavaScript).
"""

from __future__ import annotations

import json

PROBE_ATTR = "data-evidence-locker-probe"
MARK = "data-evidence-locker-"
STYLE_ID = "evidence-locker-capture-style"
TIMER_MAX_MS = 5000  # one-shot timers up to this delay are waited for (redirects, SPAs)


def _fill(script: str, **values: object) -> str:
    """Put ``values`` (and the shared constants) in for ``__NAME__`` in ``script``."""
    names = {
        "TIMER_MAX": TIMER_MAX_MS,
        "ATTR": PROBE_ATTR,
        "MARK": MARK,
        "STYLE_ID": STYLE_ID,
        "HELPERS": globals().get("_HELPERS", ""),
        **values,
    }
    for name, value in names.items():
        script = script.replace(f"__{name}__", str(value))
    return script


PROBE_JS = _fill("""(() => {
  if (window.__evidenceLockerProbe) return;
  Object.defineProperty(window, '__evidenceLockerProbe', {value: 1});
  const stringify = JSON.stringify, doc = document;
  const st = {frozen: 0, inflight: 0, timers: new Set(), depth: 0};
  const wrap = (fn, ref) => function (...a) {
    if (ref) st.timers.delete(ref.id);
    if (st.frozen) return undefined;
    st.depth++;
    try { return fn.apply(this, a); } finally { st.depth--; }
  };
  const sT = window.setTimeout, cT = window.clearTimeout, sI = window.setInterval;
  const rAF = window.requestAnimationFrame;
  window.setTimeout = function (fn, ms, ...args) {
    if (typeof fn !== 'function') return sT.call(window, fn, ms, ...args);
    const counted = st.depth === 0 && !st.frozen && (Number(ms) || 0) <= __TIMER_MAX__;
    const ref = counted ? {id: 0} : null;
    const id = sT.call(window, wrap(fn, ref), ms, ...args);
    if (ref) { ref.id = id; st.timers.add(id); }
    return id;
  };
  window.clearTimeout = function (id) { st.timers.delete(id); return cT.call(window, id); };
  window.setInterval = function (fn, ms, ...args) {
    return sI.call(window, typeof fn === 'function' ? wrap(fn, null) : fn, ms, ...args);
  };
  if (rAF) window.requestAnimationFrame = function (fn) {
    return rAF.call(window, typeof fn === 'function' ? wrap(fn, null) : fn);
  };
  const never = () => new Promise(() => {});
  const f = window.fetch;
  if (f) window.fetch = function (...a) {
    st.inflight++;
    let open = 1;
    const end = () => { if (open) { open = 0; st.inflight--; } };
    return f.apply(this, a).then(r => { end(); return st.frozen ? never() : r; },
                                 e => { end(); if (st.frozen) return never(); throw e; });
  };
  const X = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (X) {
    const send = X.send;
    X.send = function (...a) {
      st.inflight++;
      let open = 1;
      this.addEventListener('loadend', () => { if (open) { open = 0; st.inflight--; } });
      for (const t of ['readystatechange', 'load', 'loadend'])
        this.addEventListener(t, e => { if (st.frozen) e.stopImmediatePropagation(); });
      return send.apply(this, a);
    };
  }
  for (const name of ['IntersectionObserver', 'ResizeObserver']) {
    const O = window[name];
    if (!O) continue;
    const W = function (cb, opts) { return new O((...a) => { if (!st.frozen) cb(...a); }, opts); };
    W.prototype = O.prototype;
    window[name] = W;
  }
  for (const t of ['scroll', 'resize', 'wheel'])
    window.addEventListener(t, e => { if (st.frozen) e.stopImmediatePropagation(); }, true);
  doc.addEventListener('evidence-locker-probe', () => {
    doc.documentElement.setAttribute('__ATTR__', stringify(
      {inflight: st.inflight, timers: st.timers.size, frozen: st.frozen}));
  });
  doc.addEventListener('evidence-locker-freeze', () => { st.frozen = 1; });
})();""")

# Shared helpers for the isolated-world scripts below.
_HELPERS = _fill("""
const MARK = '__MARK__';
const docs = () => {
  const out = [document];
  for (let i = 0; i < out.length && out.length < 50; i++) {
    for (const f of out[i].querySelectorAll('iframe, frame')) {
      try { if (f.contentDocument) out.push(f.contentDocument); } catch (e) {}
    }
  }
  return out;
};
const probe = () => {
  const html = document.documentElement;
  if (!html) return {};
  document.dispatchEvent(new Event('evidence-locker-probe'));
  const raw = html.getAttribute('__ATTR__');
  html.removeAttribute('__ATTR__');
  try { return raw ? JSON.parse(raw) : {}; } catch (e) { return {}; }
};
const findBox = () => {
  let best = null, most = 0;
  const minWidth = innerWidth * 0.4;
  for (const e of document.querySelectorAll('body *')) {
    if (e.clientWidth < minWidth || e.scrollHeight <= e.clientHeight + 16) continue;
    const oy = getComputedStyle(e).overflowY;
    if (oy !== 'auto' && oy !== 'scroll' && oy !== 'overlay') continue;
    const hidden = e.scrollHeight - e.clientHeight;
    if (hidden > most) { best = e; most = hidden; }
  }
  return best;
};
const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (typeof e.className === 'string' && e.className.trim()
    ? '.' + e.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
const pageHeight = () => {
  const d = document.documentElement, b = document.body;
  return Math.max(d ? d.scrollHeight : 0, b ? b.scrollHeight : 0, d ? d.clientHeight : 0);
};
""")


def settle_state_js(wait_for: str) -> str:
    """The page's state while settling: readiness, images still loading or broken, open
    requests, pending timers, time since the DOM last changed, and ``wait_for``."""
    return _fill(
        """JSON.stringify((() => {__HELPERS__
  if (!window.__elWatch) {
    const w = window.__elWatch = {last: performance.now(), count: 0};
    new MutationObserver(ms => {
      for (const m of ms) {
        if (m.type === 'attributes' && (m.attributeName || '').startsWith(MARK)) continue;
        w.count++; w.last = performance.now();
      }
    }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  }
  const loading = [], broken = [], lazy = [];
  for (const d of docs()) for (const i of Array.from(d.images)) {
    if (!i.getClientRects().length) continue;  // not rendered: not in the picture
    const src = (i.currentSrc || i.src || '').slice(0, 300);
    if (!i.complete) loading.push(src);
    else if (!i.naturalWidth && src) broken.push(src);
    // A script-loaded image (data-src, data-original) still showing its placeholder.
    const want = i.getAttribute('data-src') || i.getAttribute('data-original') ||
      i.getAttribute('data-lazy-src') || '';
    const own = (i.getAttribute('src') || '').trim();
    if (want.trim() && (!own || own.startsWith('data:') ||
        (i.complete && i.naturalWidth <= 2 && i.naturalHeight <= 2)))
      lazy.push(want.trim().slice(0, 300));
  }
  const want = __WANT__;
  let met = want ? 0 : 1;
  if (want) {
    try { if (document.querySelector(want)) met = 1; } catch (e) {}
    if (!met && document.body && document.body.innerText.includes(want)) met = 1;
  }
  const p = probe(), box = findBox();
  return {h: pageHeight(), type: document.contentType || '', ready: document.readyState,
          title: document.title || '', loading: loading.slice(0, 50), n_loading: loading.length,
          broken: broken.slice(0, 50), n_broken: broken.length, lazy: lazy.slice(0, 50),
          fonts: document.fonts && document.fonts.status === 'loading' ? 1 : 0,
          inflight: p.inflight || 0, timers: p.timers || 0, probe: 'inflight' in p ? 1 : 0,
          quiet_ms: Math.round(performance.now() - window.__elWatch.last),
          want_met: met, box_hidden: box ? box.scrollHeight - box.clientHeight : 0};
})())""",
        WANT=json.dumps(wait_for or ""),
    )


def scroll_step_js(step: int) -> str:
    """Scroll the window and the main scrolling box one screenful on (to the top for step
    0), to start lazy loading; reports whether both have reached their end."""
    return _fill(
        """JSON.stringify((() => {__HELPERS__
  const vh = innerHeight, box = findBox(), first = __STEP__ === 0;
  window.scrollTo({top: first ? 0 : scrollY + vh, left: 0, behavior: 'instant'});
  let end = scrollY + vh >= pageHeight() - 2 ? 1 : 0;
  if (box) {
    box.scrollTop = first ? 0 : box.scrollTop + box.clientHeight;
    if (box.scrollTop + box.clientHeight < box.scrollHeight - 2) end = 0;
  }
  return {end: end, h: pageHeight()};
})())""",
        STEP=step,
    )


# A virtual list keeps only the rows in view: lines of text seen at the top of the page
# go missing further down (a feed that grows keeps them). "keep" remembers the lines,
# "check" counts how many of them are gone.
def lines_js(keep: bool) -> str:
    return _fill(
        """JSON.stringify((() => {
  const lines = (document.body ? document.body.innerText : '').split('\\n')
    .map(l => l.trim()).filter(l => l.length > 2);
  if (__KEEP__ || !window.__elLines) {
    window.__elLines = Array.from(new Set(lines)).slice(0, 3000);
    return {kept: window.__elLines.length, gone: 0};
  }
  const now = new Set(lines);
  const gone = window.__elLines.filter(l => !now.has(l)).length;
  return {kept: window.__elLines.length, gone: gone};
})())""",
        KEEP=1 if keep else 0,
    )


SCROLL_TOP_JS = _fill("""(() => {__HELPERS__
  const box = findBox();
  if (box) box.scrollTop = 0;
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});
  return 0;
})()""")

# Make the picture whole: the main scrolling box (and the ancestors that clip it) grows
# to its content; fixed and sticky elements are pinned where they are at the top of the
# page, so they appear once instead of on every slice and PDF page. Elements fixed at the
# bottom of the window (cookie banners, app bars) go after the end of the page instead,
# where they cover nothing; text that the other pinned overlays cover is counted
# ("covered"). Everything changed is remembered and put back by RESTORE_JS before the
# MHTML is saved.
PREPARE_JS = _fill("""JSON.stringify((() => {__HELPERS__
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});
  const saved = window.__elSaved = window.__elSaved || [];
  const css = document.createElement('style');
  css.id = '__STYLE_ID__';
  css.textContent = '[' + MARK + 'expand]{height:auto!important;max-height:none!important;' +
    'bottom:auto!important;flex:none!important}' +
    '[' + MARK + 'expand-up]{height:auto!important;max-height:none!important;' +
    'min-height:0!important;overflow:visible!important}';
  (document.head || document.documentElement).appendChild(css);
  const out = {box: '', box_before: 0, box_after: 0, box_left: 0, pinned: 0, moved: 0,
               covered: 0, covered_by: []};
  const box = findBox();
  if (box) {
    out.box = describe(box);
    out.box_before = box.clientHeight;
    box.setAttribute(MARK + 'expand', '');
    for (let e = box.parentElement; e; e = e.parentElement) e.setAttribute(MARK + 'expand-up', '');
    box.scrollTop = 0;
    out.box_after = box.clientHeight;
    out.box_left = Math.max(0, box.scrollHeight - box.clientHeight);
  }
  const pin = [];
  for (const e of document.querySelectorAll('body *')) {
    const pos = getComputedStyle(e).position;
    if (pos === 'fixed' || pos === 'sticky') pin.push([e, pos, e.getBoundingClientRect()]);
  }
  for (const [e, pos] of pin) saved.push([e, e.getAttribute('style')]);
  const end = pageHeight(), vh = innerHeight;
  const atBottom = (pos, r) => pos === 'fixed' && r.height > 0 && r.width > 0 &&
    r.bottom >= vh - 2 && r.top >= vh / 2;
  let top0 = Infinity;
  for (const [e, pos, r] of pin) if (atBottom(pos, r)) top0 = Math.min(top0, r.top);
  const want = new Map();
  for (const [e, pos, r] of pin) {
    const moved = atBottom(pos, r);
    want.set(e, moved ? end + (r.top - top0) : r.top);
    if (moved) out.moved++;
  }
  for (const [e, pos, r] of pin) {
    const s = e.style;
    if (pos === 'sticky') {
      s.setProperty('position', 'relative', 'important');
      for (const k of ['top', 'bottom', 'left', 'right']) s.setProperty(k, 'auto', 'important');
      continue;
    }
    s.setProperty('position', 'absolute', 'important');
    s.setProperty('top', want.get(e) + 'px', 'important');
    s.setProperty('left', r.left + 'px', 'important');
    s.setProperty('bottom', 'auto', 'important');
    s.setProperty('right', 'auto', 'important');
    s.setProperty('margin', '0', 'important');
    s.setProperty('transform', 'none', 'important');
    s.setProperty('width', r.width + 'px', 'important');
    if (!e.hasAttribute(MARK + 'expand-up') && !e.hasAttribute(MARK + 'expand'))
      s.setProperty('height', r.height + 'px', 'important');
  }
  for (const [e, pos, r] of pin) {  // inside a positioned ancestor: correct the offset
    if (pos !== 'fixed') continue;
    const now = e.getBoundingClientRect(), top = want.get(e);
    e.style.setProperty('top', (top + (top - now.top - scrollY)) + 'px', 'important');
    e.style.setProperty('left', (r.left + (r.left - now.left)) + 'px', 'important');
  }
  out.pinned = pin.length;
  // Text under the overlays left at their first-screen place (topmost there: covered).
  const over = [];
  for (const [e, pos, r] of pin) {
    if (pos !== 'fixed' || atBottom(pos, r)) continue;
    const b = e.getBoundingClientRect(), cs = getComputedStyle(e);
    if (b.width > 0 && b.height > 0 && cs.visibility !== 'hidden' && Number(cs.opacity) > 0)
      over.push([e, b]);
  }
  if (over.length && document.body) {
    const range = document.createRange(), by = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = walker.nextNode(); n && seen < 20000; n = walker.nextNode()) {
      if (!n.data.trim() || !n.parentElement) continue;
      seen++;
      range.selectNodeContents(n);
      const t = range.getBoundingClientRect();
      if (!t.width || !t.height || t.top >= vh) continue;
      for (const [e, b] of over) {
        if (e.contains(n)) continue;
        const x0 = Math.max(t.left, b.left), x1 = Math.min(t.right, b.right);
        const y0 = Math.max(t.top, b.top), y1 = Math.min(t.bottom, b.bottom, vh);
        if (x1 - x0 < 2 || y1 - y0 < 2) continue;
        const hit = document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
        if (hit && e.contains(hit) && !hit.contains(n)) {
          out.covered++; by.add(describe(e)); break;
        }
      }
    }
    out.covered_by = Array.from(by).slice(0, 5);
  }
  return out;
})())""")

# One moment: page timers, animation frames, observers and network results stop; CSS
# animations, transitions and media pause. Returns a fingerprint of the text and height.
FREEZE_JS = _fill("""JSON.stringify((() => {__HELPERS__
  document.dispatchEvent(new Event('evidence-locker-freeze'));
  const css = document.getElementById('__STYLE_ID__');
  if (css) css.textContent += '*,*::before,*::after{animation-play-state:paused!important;' +
    'transition:none!important;caret-color:transparent!important}';
  for (const d of docs()) {
    try { d.getAnimations().forEach(a => { try { a.pause(); } catch (e) {} }); } catch (e) {}
    d.querySelectorAll('video, audio').forEach(m => { try { m.pause(); } catch (e) {} });
  }
  return {frozen: probe().frozen || 0};
})())""")

FINGERPRINT_JS = _fill("""JSON.stringify((() => {__HELPERS__
  const t = document.body ? document.body.innerText : '';
  let hash = 0;
  for (let i = 0; i < t.length; i++) hash = (hash * 31 + t.charCodeAt(i)) | 0;
  return {len: t.length, hash: hash, h: pageHeight()};
})())""")

RESTORE_JS = _fill("""(() => {
  const MARK = '__MARK__';
  for (const [e, style] of (window.__elSaved || [])) {
    if (style === null) e.removeAttribute('style'); else e.setAttribute('style', style);
  }
  window.__elSaved = [];
  document.querySelectorAll('[' + MARK + 'expand], [' + MARK + 'expand-up]').forEach(e => {
    e.removeAttribute(MARK + 'expand'); e.removeAttribute(MARK + 'expand-up');
  });
  const css = document.getElementById('__STYLE_ID__');
  if (css) css.remove();
  return 0;
})()""")


def text_check_js(width: int, height: int) -> str:
    """Where the page's text lies: how many text blocks fall below or right of a
    ``width`` x ``height`` picture (text a box clips, or text moved off to the left or
    top to hide it, is not counted there), and how many are hidden inside scrolling
    boxes."""
    return _fill(
        """JSON.stringify((() => {
  const W = __W__, H = __H__, range = document.createRange(), clipCache = new Map();
  const clipper = (e) => {  // the nearest ancestor that clips its content
    if (clipCache.has(e)) return clipCache.get(e);
    let found = null;
    for (let a = e; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const oy = getComputedStyle(a).overflowY;
      if (oy !== 'visible') { found = [a, oy === 'auto' || oy === 'scroll' || oy === 'overlay']; break; }
    }
    clipCache.set(e, found);
    return found;
  };
  let blocks = 0, outside = 0, clipped = 0, bottom = 0;
  if (!document.body) return {blocks: 0, outside: 0, clipped: 0, bottom: 0};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && blocks < 50000; n = walker.nextNode()) {
    if (!n.data.trim() || !n.parentElement) continue;
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    blocks++;
    const top = r.top + scrollY, left = r.left + scrollX;
    bottom = Math.max(bottom, Math.round(top + r.height));
    const clip = clipper(n.parentElement);
    let hidden = 0;
    if (clip) {
      const b = clip[0].getBoundingClientRect();
      hidden = (r.bottom <= b.top || r.top >= b.bottom || r.right <= b.left || r.left >= b.right) ? 1 : 0;
      if (hidden && clip[1]) clipped++;
    }
    if (!hidden && (top >= H || left >= W)) outside++;
  }
  return {blocks: blocks, outside: outside, clipped: clipped, bottom: bottom};
})())""",
        W=width,
        H=height,
    )


# The visible text in document order, each same-origin frame's text at its place.
TEXT_JS = _fill("""JSON.stringify((() => {
  const added = [];
  let foreign = 0;
  const inline = (doc) => {
    for (const f of Array.from(doc.querySelectorAll('iframe, frame'))) {
      if (!f.getClientRects().length) continue;
      let inner = null;
      try { inner = f.contentDocument; } catch (e) {}
      if (!inner || !inner.body) { foreign++; continue; }
      inline(inner);
      const div = doc.createElement('div');
      div.style.whiteSpace = 'pre-wrap';
      div.textContent = inner.body.innerText;
      f.parentNode.insertBefore(div, f);
      added.push(div);
    }
  };
  inline(document);
  const text = document.body ? document.body.innerText : '';
  for (const d of added) d.remove();
  return {text: text, foreign: foreign};
})())""")


def fetch_fonts_js(urls: list[str], max_bytes: int) -> str:
    """Start fetching ``urls`` (from the page's cache) as data URLs into a variable that
    FONTS_DONE_JS reads."""
    return _fill(
        """(() => {
  const urls = __URLS__, max = __MAX__;
  window.__elFonts = {done: 0, data: {}};
  const one = (u) => fetch(u, {credentials: 'include'}).then(r => r.ok ? r.blob() : null)
    .then(b => (!b || b.size > max) ? null : new Promise(res => {
      const fr = new FileReader();
      fr.onload = () => res(fr.result); fr.onerror = () => res(null);
      fr.readAsDataURL(b);
    })).catch(() => null)
    .then(d => { if (d) window.__elFonts.data[u] = d; });
  Promise.all(urls.map(one)).then(() => { window.__elFonts.done = 1; });
  return 0;
})()""",
        URLS=json.dumps(urls),
        MAX=max_bytes,
    )


FONTS_DONE_JS = (
    "JSON.stringify(window.__elFonts && window.__elFonts.done ? window.__elFonts.data : null)"
)
