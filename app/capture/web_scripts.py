"""JavaScript the capture runs in the page's isolated world (the page cannot redefine
what these use). Each returns plain JSON text."""

MEASURE_JS = """JSON.stringify((() => {
  const d = document.documentElement, b = document.body;
  const h = Math.max(d ? d.scrollHeight : 0, b ? b.scrollHeight : 0, d ? d.clientHeight : 0);
  const w = Math.max(d ? d.scrollWidth : 0, b ? b.scrollWidth : 0);
  const imgs = Array.from(document.images || []);
  return {h: h, w: w, type: document.contentType || '', ready: document.readyState,
          images: imgs.every(i => i.complete), title: document.title || ''};
})())"""


# Descriptive tags a page carries about itself (canonical address, author, dates), kept
# as found: useful to identify a post, never trusted over the URLs we saw ourselves.
PAGE_META_JS = """JSON.stringify((() => {
  const out = {};
  const canon = document.querySelector('link[rel~="canonical"]');
  if (canon && canon.href) out['canonical'] = canon.href;
  const names = ['og:url', 'og:title', 'og:site_name', 'og:type', 'og:description',
    'article:published_time', 'article:modified_time', 'article:author', 'author',
    'description', 'twitter:creator', 'twitter:site', 'datePublished'];
  for (const m of document.querySelectorAll('meta[property], meta[name], meta[itemprop]')) {
    const key = m.getAttribute('property') || m.getAttribute('name') || m.getAttribute('itemprop');
    if (names.includes(key) && !(key in out)) out[key] = (m.getAttribute('content') || '');
  }
  const lang = document.documentElement ? document.documentElement.lang : '';
  if (lang) out['lang'] = lang;
  for (const k in out) out[k] = String(out[k]).slice(0, 2000);
  return out;
})())"""

# Two animation frames after a resize or scroll: the new view has been painted.
FRAMES_START_JS = (
    "window.__evidenceLockerFrame = false; requestAnimationFrame(() => "
    "requestAnimationFrame(() => { window.__evidenceLockerFrame = true; })); 0"
)
FRAMES_DONE_JS = "window.__evidenceLockerFrame === true ? 1 : 0"  # a number, never a bool

# A snapshot from the in-app browser carries the safe-browsing stylesheet (saved as a
# linked sheet) and its marker attributes: all of it is removed before the snapshot is
# rendered and saved again for the capture, so the stored page is the page as shown.
UNBLUR_SNAPSHOT_JS = """(() => {
  const MARK = 'data-evidence-locker-';
  const roots = [document];
  while (roots.length) {
    const root = roots.pop();
    const sheets = Array.from(root.styleSheets || []);
    for (const sheet of sheets) {
      let ours = false;
      try { ours = Array.from(sheet.cssRules).some(r => (r.selectorText || '').includes(MARK)); }
      catch (e) {}
      if (ours && sheet.ownerNode) sheet.ownerNode.remove();
    }
    root.querySelectorAll('*').forEach(e => {
      for (const a of Array.from(e.attributes)) if (a.name.startsWith(MARK)) e.removeAttribute(a.name);
      if (e.shadowRoot) roots.push(e.shadowRoot);
    });
  }
  const html = document.documentElement;
  if (html) for (const a of Array.from(html.attributes)) if (a.name.startsWith(MARK)) html.removeAttribute(a.name);
  return 0;
})()"""
