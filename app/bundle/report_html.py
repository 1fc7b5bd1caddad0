"""The custody report as one self-contained HTML file (thumbnails inline, no scripts,
no external resources)."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from app.bundle.report_text import TITLE, L, certification, event_line

_CSS = """body{font-family:'Noto Sans CJK KR','Nanum Gothic','Malgun Gothic',sans-serif;margin:2em;color:#111}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #999;padding:4px;
vertical-align:top;font-size:90%}code{font-size:85%;word-break:break-all}.ok{color:#060}.bad{color:#a00}
img{width:128px;filter:blur(2px)}pre{white-space:pre-wrap;border:1px solid #999;padding:1em}"""


def _row(label: str, value: Any) -> str:
    return f"<tr><th>{escape(label)}</th><td>{escape(str(value if value is not None else ''))}</td></tr>"


def render_html(model: dict[str, Any], thumbs: dict[str, bytes]) -> bytes:
    fps = {c["vault_id"]: c["fingerprint"] for c in model["chains"]}
    check = model["self_check"]
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
           f"<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
           f"<title>{escape(TITLE)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{escape(TITLE)}</h1><table>",
           _row(L["bundle"], model["bundle_id"]), _row(L["created"], model["created_at"]),
           _row(L["exporter"], model["exporter"]["fingerprint"]),
           _row(L["software"], f"{model['software']['name']} {model['software']['version']}"),
           _row(L["sealing"], model["sealing"]), "</table>",
           f"<h2>{escape(L['verification'])}</h2>",
           f"<p class='{'ok' if check['ok'] else 'bad'}'>"
           f"{escape(L['verified_ok'] if check['ok'] else L['verified_fail'])}</p>"]
    if check["problems"]:
        out.append("<ul>" + "".join(f"<li>{escape(p)}</li>" for p in check["problems"]) + "</ul>")
    out.append(f"<h2>{escape(L['exhibits'])}</h2>")
    for e in model["exhibits"]:
        out.append(f"<h3>{escape(L['exhibit'])} {escape(e['exhibit'])}: {escape(e['title'])}</h3>")
        png = thumbs.get(e["exhibit"])
        out.append(f"<img alt='{escape(L['thumb'])}' src='data:image/png;base64,"
                   f"{base64.b64encode(png).decode()}'>" if png else f"<p>{escape(L['no_thumb'])}</p>")
        out.append("<table>" + _row("ID", e["uid"]) + _row(L["kind"], e["kind"])
                   + _row(L["source"], e["source_url"]) + _row(L["captured"], e["captured_at"])
                   + _row(L["stored"], e["stored_at"]) + "</table>")
        out.append(f"<h4>{escape(L['files'])}</h4><table>")
        for a in e["artifacts"]:
            out.append(f"<tr><td>{escape(a['role'])}</td><td>{escape(a['path'])}</td>"
                       f"<td>{a['size']}</td><td><code>SHA-256 {escape(a['sha256'])}</code></td></tr>")
        out.append(f"</table><h4>{escape(L['timestamps'])}</h4>")
        if e["timestamps"]:
            out.append("<table>" + "".join(
                f"<tr><td>{escape(str(t.get('gen_time')))}</td><td>{escape(str(t.get('tsa')))}</td>"
                f"<td>{escape(str(t.get('tsa_url')))}</td><td>{escape(str(t.get('signer') or ''))}</td><td><code>{escape(str(t.get('tsr')))}</code></td></tr>"
                for t in e["timestamps"]) + "</table>")
        else:
            out.append(f"<p>{escape(L['no_timestamps'])}</p>")
        out.append(f"<h4>{escape(L['events'])}</h4><ul>")
        out += [f"<li><code>{escape(event_line(ev, fps))}</code></li>"
                for ev in model["events"].get(e["uid"], [])]
        out.append("</ul>")
    out.append(f"<h2>{escape(L['transfers'])}</h2><ul>")
    out += [f"<li>{escape(str(t['at']))} {escape(str(t['event']))} by {escape(t['holder'])} "
            + ("" if t.get("holder_verified", True) else "<b class='bad'>[UNVERIFIED holder]</b> ")
            + f"(bundle {escape(str(t['bundle_id']))})"
            + (f": {escape(str(t['reason']))}" if t.get("reason") else "") + "</li>"
            for t in model["transfers"]]
    out.append(f"</ul><h2>{escape(L['chains'])}</h2><table>")
    out += [f"<tr><td>{escape(c['role'])}</td><td>{escape(c['fingerprint'])}</td><td>{c['entries']}</td>"
            f"<td><code>{escape(c['head'])}</code></td><td>{escape(c['path'])}</td></tr>"
            for c in model["chains"]]
    en, ko = certification(model)
    out.append(f"</table><h2>{escape(L['certification'])}</h2><pre>{escape(en)}</pre>"
               f"<pre lang='ko'>{escape(ko)}</pre></body></html>")
    return "\n".join(out).encode("utf-8")
