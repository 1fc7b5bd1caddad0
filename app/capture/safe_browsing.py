"""Safe browsing: every image, video, canvas and background image blurred in every frame.

A script injected at document creation into every frame (sub-frames included) adds a
stylesheet that blurs media elements, and a MutationObserver marks any element that
gets a CSS background image (now or later, by class, style or script) so it is blurred
too; removing the stylesheet brings it back. Showing images is a deliberate toggle: it
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

_CSS = "".join(
    f"html:not([{SHOW_ATTR}]) {sel}{{filter:{BLUR} !important;}}" for sel in _MEDIA
) + f"html:not([{SHOW_ATTR}]) video::-webkit-media-controls{{display:none !important;}}"

_JS = r"""
(function () {
  const SHOW = %(show)s, ATTR = '%(show_attr)s', BG = '%(bg_attr)s', ID = '%(style_id)s';
  const CSS = %(css)s;
  if (window.__evidenceLockerSafe) { window.__evidenceLockerSafe(SHOW); return; }
  let shown = SHOW;
  function root() { return document.documentElement; }
  function setShown(show) {
    shown = show;
    const r = root(); if (!r) return;
    if (show) r.setAttribute(ATTR, ''); else r.removeAttribute(ATTR);
  }
  function ensureStyle() {
    const r = root(); if (!r) return;
    if (!document.getElementById(ID)) {
      const s = document.createElement('style'); s.id = ID; s.textContent = CSS;
      (document.head || r).appendChild(s);
    }
  }
  function hasImage(value) { return !!value && value !== 'none' && /url\(|image-set\(/.test(value); }
  function check(el) {
    if (!(el instanceof Element) || el.hasAttribute(BG)) return;
    try {
      const cs = getComputedStyle(el);
      if (hasImage(cs.backgroundImage) || hasImage(cs.borderImageSource) || hasImage(cs.maskImage) ||
          hasImage(getComputedStyle(el, '::before').backgroundImage) ||
          hasImage(getComputedStyle(el, '::after').backgroundImage) ||
          hasImage(getComputedStyle(el, '::before').content) ||
          hasImage(getComputedStyle(el, '::after').content)) {
        el.setAttribute(BG, '');
      }
    } catch (e) {}
  }
  function scan(node) {
    if (!(node instanceof Element)) return;
    check(node);
    const all = node.getElementsByTagName('*');
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
  new MutationObserver(records => {
    for (const rec of records) {
      if (rec.type === 'childList') {
        rec.addedNodes.forEach(n => queue(n));
        rec.removedNodes.forEach(n => { if (n.id === ID) queue(root()); });
      } else if (rec.target instanceof Element) {
        rec.target.removeAttribute(BG); queue(rec.target);
      }
    }
  }).observe(document, {childList: true, subtree: true, attributes: true,
                        attributeFilter: ['style', 'class']});
  window.__evidenceLockerSafe = setShown;
  setShown(SHOW); ensureStyle();
  if (root()) queue(root());
  document.addEventListener('DOMContentLoaded', () => queue(root()));
  window.addEventListener('load', () => queue(root()));
})();
"""


def script_source(show: bool) -> str:
    import json

    return _JS % {"show": "true" if show else "false", "show_attr": SHOW_ATTR,
                  "bg_attr": BG_ATTR, "style_id": STYLE_ID, "css": json.dumps(_CSS)}


def _script(show: bool) -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME)
    script.setSourceCode(script_source(show))
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setRunsOnSubFrames(True)
    script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    return script


def install(page: QWebEnginePage, show: bool = False) -> None:
    """Blur images on every page ``page`` loads from now on (unless ``show``)."""
    scripts = page.scripts()
    for old in scripts.find(SCRIPT_NAME):
        scripts.remove(old)
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
