"""Safe browsing: every image, video, canvas and background image blurred in every frame.

A script injected at document creation into every frame (sub-frames included) adds a
stylesheet that blurs media elements, and a MutationObserver marks any element that
gets a CSS background image (now or later, by class, style or script) so it is blurred
too; removing the stylesheet brings it back. Shadow roots (web components) get the same
stylesheet: a small page-world script makes every attached shadow root open and
announces it, so images inside components are blurred as well. Showing images is a deliberate toggle: it
sets an attribute on each frame's root element, and the script is re-installed with the
new default so the next pages follow it. Only the browser's own page gets the script;
captures load the page separately and store it unblurred.
"""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineFrame, QWebEnginePage, QWebEngineScript

SCRIPT_NAME = "evidence-locker-safe-browsing"
SHOW_ATTR = "data-evidence-locker-show"
BG_ATTR = "data-evidence-locker-bg"
STYLE_ID = "evidence-locker-safe-browsing-style"
BLUR = "blur(32px) saturate(0.4)"

_MEDIA = ("img", "picture", "video", "canvas", "svg image", "svg foreignObject", "embed",
          "object", "input[type=image]", f"[{BG_ATTR}]")

# ":not(#id)" matches every element but weighs like an id: three of them outrank the
# ordinary "!important" rules a page may have for its images.
_WEIGHT = ":not(#el-safe-a):not(#el-safe-b):not(#el-safe-c)"
_SHADOW_CSS = "".join(f"{sel}{_WEIGHT}{{filter:{BLUR} !important;}}" for sel in _MEDIA)
EVENT = "evidence-locker-shadow-root"

_CSS = "".join(
    f"html:not([{SHOW_ATTR}]){_WEIGHT} {sel}{{filter:{BLUR} !important;}}" for sel in _MEDIA
) + f"html:not([{SHOW_ATTR}]) video::-webkit-media-controls{{display:none !important;}}"

_JS = r"""
(function () {
  const SHOW = %(show)s, ATTR = '%(show_attr)s', BG = '%(bg_attr)s', ID = '%(style_id)s';
  const CSS = %(css)s, SHADOW_CSS = %(shadow_css)s, EVENT = '%(event)s';
  if (window.__evidenceLockerSafe) { window.__evidenceLockerSafe(SHOW); return; }
  let shown = SHOW;
  const shadowRoots = new Set();
  const options = {childList: true, subtree: true, attributes: true,
                   attributeFilter: ['style', 'class', ATTR, BG]};
  function root() { return document.documentElement; }
  function setShown(show) {
    shown = show;
    const r = root();
    if (r && r.hasAttribute(ATTR) !== show) {
      if (show) r.setAttribute(ATTR, ''); else r.removeAttribute(ATTR);
    }
    shadowRoots.forEach(sr => { const st = sr.getElementById(ID); if (st) st.disabled = show; });
  }
  function ensureStyle() {
    const r = root(); if (!r) return;
    if (!document.getElementById(ID)) {
      const s = document.createElement('style'); s.id = ID; s.textContent = CSS;
      (document.head || r).appendChild(s);
    }
  }
  function ensureShadowStyle(sr) {
    if (!sr.getElementById(ID)) {
      const s = document.createElement('style'); s.id = ID; s.textContent = SHADOW_CSS;
      s.disabled = shown; sr.appendChild(s);
    }
  }
  function hasImage(value) { return !!value && value !== 'none' && /url\(|image-set\(/.test(value); }
  function check(el) {
    if (el.shadowRoot) adopt(el.shadowRoot);
    if (el.hasAttribute(BG)) return;
    try {
      const cs = getComputedStyle(el);
      if (hasImage(cs.backgroundImage) || hasImage(cs.borderImageSource) || hasImage(cs.maskImage) ||
          hasImage(cs.content) ||
          hasImage(getComputedStyle(el, '::before').backgroundImage) ||
          hasImage(getComputedStyle(el, '::after').backgroundImage) ||
          hasImage(getComputedStyle(el, '::before').content) ||
          hasImage(getComputedStyle(el, '::after').content)) {
        el.setAttribute(BG, '');
      }
    } catch (e) {}
  }
  function scan(node) {
    if (node instanceof ShadowRoot) { ensureShadowStyle(node); }
    else if (node instanceof Element) { check(node); }
    else return;
    const all = node.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) check(all[i]);
  }
  let pending = new Set(), scheduled = false;
  function flush() {
    scheduled = false; ensureStyle(); setShown(shown);
    const nodes = pending; pending = new Set();
    nodes.forEach(n => { if (n.isConnected) scan(n); });
  }
  function queue(node) {
    pending.add(node);
    if (!scheduled) { scheduled = true; Promise.resolve().then(flush); }
  }
  const observer = new MutationObserver(records => {
    for (const rec of records) {
      if (rec.type === 'childList') {
        rec.addedNodes.forEach(n => queue(n));
        rec.removedNodes.forEach(n => {
          if (n.id === ID) queue(rec.target.getRootNode() instanceof ShadowRoot ?
                                rec.target.getRootNode() : root());
        });
      } else if (rec.attributeName === ATTR) {
        queue(rec.target);  // flush puts back the state the person chose
      } else if (rec.target instanceof Element) {
        if (rec.attributeName !== BG) rec.target.removeAttribute(BG);
        queue(rec.target);
      }
    }
  });
  function adopt(sr) {
    if (shadowRoots.has(sr)) return;
    shadowRoots.add(sr); observer.observe(sr, options); ensureShadowStyle(sr); queue(sr);
  }
  observer.observe(document, options);
  // The page-world helper reports every shadow root as it is attached.
  document.addEventListener(EVENT, e => {
    const host = e.composedPath()[0];
    if (host && host.shadowRoot) adopt(host.shadowRoot);
  }, true);
  window.__evidenceLockerSafe = setShown;
  setShown(SHOW); ensureStyle();
  if (root()) queue(root());
  document.addEventListener('DOMContentLoaded', () => queue(root()));
  window.addEventListener('load', () => queue(root()));
})();
"""

# Runs in the page's own world before its scripts: shadow roots are made open (so the
# blur can reach inside them) and announced with an event the blur script listens to.
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


def script_source(show: bool) -> str:
    import json

    return _JS % {"show": "true" if show else "false", "show_attr": SHOW_ATTR,
                  "bg_attr": BG_ATTR, "style_id": STYLE_ID, "css": json.dumps(_CSS),
                  "shadow_css": json.dumps(_SHADOW_CSS), "event": EVENT}


def _script(show: bool) -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME)
    script.setSourceCode(script_source(show))
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
        out, mangle_from_=False, policy=email.policy.compat32.clone(linesep="\r\n"))
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


def install(page: QWebEnginePage, show: bool = False) -> None:
    """Blur images on every page ``page`` loads from now on (unless ``show``)."""
    scripts = page.scripts()
    for name in (SCRIPT_NAME, SCRIPT_NAME + "-shadow"):
        for old in scripts.find(name):
            scripts.remove(old)
    scripts.insert(_shadow_script())
    scripts.insert(_script(show))


def set_images_shown(page: QWebEnginePage, show: bool) -> None:
    """Show or blur images in the page on screen now, in every frame, and on later pages."""
    install(page, show)
    code = script_source(show)
    frames: list[QWebEngineFrame] = [page.mainFrame()]
    world = int(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    while frames:
        frame = frames.pop()
        if frame.isValid():
            frame.runJavaScript(code, world)
            frames.extend(frame.children())
