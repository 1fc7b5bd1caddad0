"""The custody report as PDF (fpdf2): exhibit index on the first page, every page numbered
"Page X of Y" with the bundle id, times in UTC and KST, events in plain words, a page on
what the checks prove, and the certification template."""

from __future__ import annotations

import io
from typing import Any

from app.bundle.report_pdfdoc import FONT_CANDIDATES, FONT_ENV, DocPDF, find_font
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

__all__ = ["FONT_CANDIDATES", "FONT_ENV", "find_font", "render_pdf"]


def render_pdf(model: dict[str, Any], thumbs: dict[str, bytes]) -> bytes:
    pdf = DocPDF(
        TITLE, model["bundle_id"], f"{model['software']['name']} {model['software']['version']}"
    )
    pdf.add_page()
    pdf.heading(TITLE, 15)
    pdf.para(
        f"{L['bundle']}: {model['bundle_id']}\n"
        f"{L['created']}: {when(model['created_at'], True)}\n"
        f"{L['exporter']}: {model['exporter']['fingerprint']}\n"
        f"{L['software']}: {model['software']['name']} {model['software']['version']}    "
        f"{L['sealing']}: {sealing_words(model['sealing'])}",
        9,
    )
    pdf.heading(L["index"], 12)
    pdf.table(INDEX_HEAD, index_rows(model, short=True), (13, 36, 20, 32, 34, 36, 19))
    check = model["self_check"]
    pdf.heading(L["verification"], 11)
    pdf.para(L["verified_ok"] if check["ok"] else L["verified_fail"], 9, bold_color=not check["ok"])
    for problem in check["problems"][:50]:
        pdf.para(f"- {shown(problem)}", 8)
    pdf.heading(L["times"], 11)
    pdf.para(LOCAL_CLOCK, 8, 4)
    pdf.heading(L["manifest_stamp"], 11)
    pdf.para(MANIFEST_STAMP, 8, 4)

    fps = {c["vault_id"]: c["fingerprint"] for c in model["chains"]}
    pdf.add_page()
    pdf.heading(L["exhibits"], 13)
    for e in model["exhibits"]:
        _exhibit(pdf, e, thumbs.get(e["exhibit"]), model["events"].get(e["uid"], []), fps)
    pdf.heading(L["transfers"], 12)
    for t in model["transfers"]:
        pdf.para(
            f"{when(t['at'], True)}\n  {event_words(t['event'])} — holder {t['holder']}"
            + (
                ""
                if t.get("holder_verified", True)
                else " [UNVERIFIED holder / 검증되지 않은 보유자]"
            )
            + f", bundle {shown(t['bundle_id'])}"
            + (f"\n  reason / 사유: {shown(t['reason'], True)}" if t.get("reason") else ""),
            8,
            4,
        )
    pdf.heading(L["chains"], 12)
    for c in model["chains"]:
        pdf.para(
            f"{ROLES.get(c['role'], shown(c['role']))}: identity {c['fingerprint']}, {c['entries']} entries, "
            f"head {c['head']}\n  {c['path']}",
            8,
            4,
        )

    pdf.add_page()
    pdf.heading(L["explainer"], 13)
    for head, en, ko in EXPLAINER:
        pdf.heading(head, 10)
        pdf.para(en, 8.5, 4)
        pdf.ln(1)
        pdf.para(ko, 8.5, 4)

    pdf.add_page()
    pdf.heading(L["certification"], 12)
    pdf.para(L["template"], 8.5, 4, bold_color=True)
    pdf.ln(2)
    en, ko = certification(model)
    pdf.para(en, 9, 4.5)
    pdf.ln(3)
    pdf.para(ko, 9, 4.5)
    return bytes(pdf.output())


def _exhibit(
    pdf: DocPDF,
    e: dict[str, Any],
    png: bytes | None,
    events: list[dict[str, Any]],
    fps: dict[str, str],
) -> None:
    mark = f"   [{L['archived']}]" if e.get("archived") else ""
    pdf.heading(f"{L['exhibit']} {shown(e['exhibit'])}: {shown(e['title'])}{mark}", 11)
    if png:
        try:
            pdf.image(io.BytesIO(png), w=28)
            pdf.para(L["thumb"], 8)
        except Exception:  # noqa: BLE001 - a preview is optional in the report
            pdf.para(L["no_thumb"], 8)
    pdf.para(
        f"ID: {shown(e['uid'])}    {L['kind']}: {shown(e['kind'])}    "
        f"{L['case']}: {shown(e.get('case'))}\n"
        f"{L['source']}: {shown(e.get('source_url')) or '-'}\n"
        f"{L['captured']}: {when(e['captured_at'], True)}\n"
        f"{L['stored']}: {when(e['stored_at'], True)}",
        8.5,
        4.2,
    )
    pdf.para(L["files"], 9.5)
    for a in e["artifacts"]:
        pdf.para(
            f"{shown(a['role'])}: {shown(a['name'])} — {size_text(a['size'])}\n"
            f"  {a['path']}\n  SHA-256 {a['sha256']}",
            8,
            4,
        )
    pdf.para(L["timestamps"], 9.5)
    if not e["timestamps"]:
        pdf.para(L["no_timestamps"], 8)
    for t in e["timestamps"]:
        pdf.para(tsa_line(t), 8, 4)
    pdf.para(L["notes"], 9.5)
    for note in e.get("notes") or [L["no_notes"]]:
        pdf.para(f"“{shown(note, True)}”" if note != L["no_notes"] else note, 8.5, 4.2)
    if e.get("tags"):
        pdf.para(f"{L['tags']}: " + ", ".join(shown(t) for t in e["tags"]), 8.5)
    pdf.para(L["events"], 9.5)
    for ev in events:
        holder = fps.get(str(ev.get("vault_id")), "")[:11]
        detail = event_detail(ev)
        pdf.para(
            f"{when(ev.get('at'), True)} — #{ev.get('seq')} [{holder}]\n"
            f"  {event_words(ev.get('event'))}" + (f": {detail}" if detail else ""),
            8,
            4,
        )
    pdf.ln(2)
