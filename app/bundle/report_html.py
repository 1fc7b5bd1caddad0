"""The custody report as one self-contained HTML file (thumbnails inline, no scripts,
no external resources), with the same content as the PDF."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from app.bundle.report_text import (
    EXPLAINER,
    INDEX_HEAD,
    ROLES,
    TITLE,
    L,
    certification,
    index_rows,
    tsa_line,
)
from app.bundle.report_words import (
    LOCAL_CLOCK,
    MANIFEST_STAMP,
    event_detail,
    event_words,
    sealing_words,
    shown,
    size_text,
    when,
)

CSS = """body{font-family:'Noto Sans CJK KR','Nanum Gothic','Malgun Gothic',sans-serif;margin:2em;color:#111;font-size:11pt}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #999;padding:4px;
vertical-align:top;font-size:9pt;text-align:left}code{font-size:9pt;word-break:break-all}.ok{color:#060}.bad{color:#a00}
img{width:128px;filter:blur(2px)}pre{white-space:pre-wrap;border:1px solid #999;padding:1em;font-size:10pt}
.bundle{font-size:9pt;color:#444}.archived{color:#a00;font-weight:bold}.note{white-space:pre-wrap}
.page{page-break-before:always}
@page{size:A4;margin:15mm;@bottom-center{content:"Page " counter(page) " of " counter(pages);font-size:8pt}}"""


def esc(value: Any) -> str:
    return escape(shown(value))


def page_head(title: str, bundle_id: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<p class='bundle'>{escape(L['bundle'])} {esc(bundle_id)}</p><h1>{escape(title)}</h1>"
    )


def _row(label: str, value: Any) -> str:
    return f"<tr><th>{escape(label)}</th><td>{esc(value)}</td></tr>"


def paras(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n"))


def render_html(model: dict[str, Any], thumbs: dict[str, bytes]) -> bytes:
    fps = {c["vault_id"]: c["fingerprint"] for c in model["chains"]}
    check = model["self_check"]
    out = [
        page_head(TITLE, model["bundle_id"]),
        "<table>",
        _row(L["bundle"], model["bundle_id"]),
        _row(L["created"], when(model["created_at"], True)),
        _row(L["exporter"], model["exporter"]["fingerprint"]),
        _row(L["software"], f"{model['software']['name']} {model['software']['version']}"),
        _row(L["sealing"], sealing_words(model["sealing"])),
        "</table>",
        f"<h2>{escape(L['index'])}</h2><table><tr>"
        + "".join(f"<th>{escape(h)}</th>" for h in INDEX_HEAD)
        + "</tr>",
    ]
    for row in index_rows(model):
        out.append(
            "<tr>"
            + "".join(
                f"<td>{'<code>' + escape(c) + '</code>' if n == 3 else escape(c)}</td>"
                for n, c in enumerate(row)
            )
            + "</tr>"
        )
    out += [
        "</table>",
        f"<h2>{escape(L['verification'])}</h2>",
        f"<p class='{'ok' if check['ok'] else 'bad'}'>"
        f"{escape(L['verified_ok'] if check['ok'] else L['verified_fail'])}</p>",
    ]
    if check["problems"]:
        out.append("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in check["problems"]) + "</ul>")
    out += [
        f"<h2>{escape(L['times'])}</h2>",
        paras(LOCAL_CLOCK),
        f"<h2>{escape(L['manifest_stamp'])}</h2>",
        paras(MANIFEST_STAMP),
        f"<h2 class='page'>{escape(L['exhibits'])}</h2>",
    ]
    for e in model["exhibits"]:
        out.append(_exhibit(e, thumbs.get(e["exhibit"]), model["events"].get(e["uid"], []), fps))
    out.append(f"<h2>{escape(L['transfers'])}</h2><ul>")
    out += [
        f"<li>{escape(when(t['at'], True))}: {escape(event_words(t['event']))} — holder "
        f"{esc(t['holder'])}"
        + (
            ""
            if t.get("holder_verified", True)
            else " <b class='bad'>[UNVERIFIED holder / 검증되지 않은 보유자]</b>"
        )
        + f", bundle {esc(t['bundle_id'])}"
        + (f"; reason / 사유: {esc(t['reason'])}" if t.get("reason") else "")
        + "</li>"
        for t in model["transfers"]
    ]
    out.append(f"</ul><h2>{escape(L['chains'])}</h2><table>")
    out += [
        f"<tr><td>{escape(ROLES.get(c['role'], shown(c['role'])))}</td><td>{esc(c['fingerprint'])}</td><td>{c['entries']}</td>"
        f"<td><code>{esc(c['head'])}</code></td><td>{esc(c['path'])}</td></tr>"
        for c in model["chains"]
    ]
    out.append(f"</table><h2 class='page'>{escape(L['explainer'])}</h2>")
    for head, en, ko in EXPLAINER:
        out.append(f"<h3>{escape(head)}</h3><p>{escape(en)}</p><p lang='ko'>{escape(ko)}</p>")
    en, ko = certification(model)
    out.append(
        f"<h2 class='page'>{escape(L['certification'])}</h2><p class='bad'>"
        f"{escape(L['template'])}</p><pre>{escape(en)}</pre>"
        f"<pre lang='ko'>{escape(ko)}</pre></body></html>"
    )
    return "\n".join(out).encode("utf-8")


def _exhibit(
    e: dict[str, Any], png: bytes | None, events: list[dict[str, Any]], fps: dict[str, str]
) -> str:
    mark = f" <span class='archived'>[{escape(L['archived'])}]</span>" if e.get("archived") else ""
    out = [
        f"<h3>{escape(L['exhibit'])} {esc(e['exhibit'])}: {esc(e['title'])}{mark}</h3>",
        f"<img alt='{escape(L['thumb'])}' src='data:image/png;base64,"
        f"{base64.b64encode(png).decode()}'>"
        if png
        else f"<p>{escape(L['no_thumb'])}</p>",
        "<table>"
        + _row("ID", e["uid"])
        + _row(L["kind"], e["kind"])
        + _row(L["case"], e.get("case"))
        + _row(L["source"], e.get("source_url") or "-")
        + _row(L["captured"], when(e["captured_at"], True))
        + _row(L["stored"], when(e["stored_at"], True))
        + "</table>",
        f"<h4>{escape(L['files'])}</h4><table>",
    ]
    out += [
        f"<tr><td>{esc(a['role'])}</td><td>{esc(a['name'])}<br><small>{esc(a['path'])}</small></td>"
        f"<td>{escape(size_text(a['size']))}</td><td><code>SHA-256 {esc(a['sha256'])}</code></td></tr>"
        for a in e["artifacts"]
    ]
    out.append(f"</table><h4>{escape(L['timestamps'])}</h4>")
    out.append(
        "<ul>" + "".join(f"<li>{escape(tsa_line(t))}</li>" for t in e["timestamps"]) + "</ul>"
        if e["timestamps"]
        else f"<p>{escape(L['no_timestamps'])}</p>"
    )
    out.append(f"<h4>{escape(L['notes'])}</h4>")
    out.append(
        "".join(f"<p class='note'>“{escape(shown(n, True))}”</p>" for n in e.get("notes") or [])
        or f"<p>{escape(L['no_notes'])}</p>"
    )
    if e.get("tags"):
        out.append(f"<p>{escape(L['tags'])}: {', '.join(esc(t) for t in e['tags'])}</p>")
    out.append(f"<h4>{escape(L['events'])}</h4><ul>")
    for ev in events:
        detail = event_detail(ev)
        out.append(
            f"<li>{escape(when(ev.get('at'), True))} — #{esc(ev.get('seq'))} "
            f"[{esc(fps.get(str(ev.get('vault_id')), '')[:11])}] "
            f"<b>{escape(event_words(ev.get('event')))}</b>"
            + (f": <span class='note'>{escape(detail)}</span>" if detail else "")
            + "</li>"
        )
    out.append("</ul>")
    return "\n".join(out)
