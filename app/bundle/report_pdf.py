"""The custody report as PDF (fpdf2) with an embedded Korean-capable TrueType font."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path
from typing import Any

from app.bundle.report_text import TITLE, L, certification, event_line
from app.resources import resource_path

# TrueType/OpenType fonts with Hangul, in order of preference: the one bundled in an
# installer build (resources/fonts), then the system's (Debian: fonts-nanum).
FONT_CANDIDATES = (
    str(resource_path("fonts", "NanumGothic.ttf")),
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJKkr-Regular.otf",
    "/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf",
    "/Library/Fonts/AppleGothic.ttf",
    "/System/Library/Fonts/Supplemental/AppleGothic.ttf",
    "C:/Windows/Fonts/malgun.ttf",
)
FALLBACK_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_ENV = "LOCKER_REPORT_FONT"


def find_font() -> tuple[str | None, bool]:
    """(font path, whether it has Hangul). None: use a core PDF font (Latin only)."""
    env = os.environ.get(FONT_ENV)
    for path in ([env] if env else []) + list(FONT_CANDIDATES):
        if path and Path(path).is_file():
            return path, True
    return (FALLBACK_FONT, False) if Path(FALLBACK_FONT).is_file() else (None, False)


def render_pdf(model: dict[str, Any], thumbs: dict[str, bytes]) -> bytes:
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # subsetting chatter on stderr

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title("Chain of Custody Report")
    pdf.set_creator(f"{model['software']['name']} {model['software']['version']}")
    font, hangul = find_font()
    if font:
        pdf.add_font("report", fname=font)
        family = "report"
    else:
        family = "helvetica"

    def text(value: str) -> str:
        if font:
            return value if hangul else "".join(c if ord(c) < 0x1100 else "?" for c in value)
        return value.encode("latin-1", "replace").decode("latin-1")

    def para(value: str, size: float = 9, height: float = 5) -> None:
        pdf.set_font(family, size=size)
        pdf.multi_cell(0, height, text(value), align="L", new_x="LMARGIN", new_y="NEXT")

    def heading(value: str, size: float = 13) -> None:
        pdf.ln(2)
        para(value, size, size * 0.55)

    pdf.add_page()
    heading(TITLE, 16)
    fps = {c["vault_id"]: c["fingerprint"] for c in model["chains"]}
    para(f"{L['bundle']}: {model['bundle_id']}")
    para(f"{L['created']}: {model['created_at']}")
    para(f"{L['exporter']}: {model['exporter']['fingerprint']}")
    para(f"{L['software']}: {model['software']['name']} {model['software']['version']}")
    para(f"{L['sealing']}: {model['sealing']}")
    check = model["self_check"]
    heading(L["verification"])
    para(L["verified_ok"] if check["ok"] else L["verified_fail"])
    for problem in check["problems"][:50]:
        para(f"- {problem}")
    heading(L["exhibits"], 14)
    for e in model["exhibits"]:
        heading(f"{L['exhibit']} {e['exhibit']}: {e['title']}", 12)
        png = thumbs.get(e["exhibit"])
        if png:
            try:
                pdf.image(io.BytesIO(png), w=30)
            except Exception:  # noqa: BLE001 - a preview is optional in the report
                para(L["no_thumb"])
            para(L["thumb"], 7)
        else:
            para(L["no_thumb"])
        para(f"ID: {e['uid']}")
        para(f"{L['kind']}: {e['kind']}    {L['source']}: {e['source_url'] or '-'}")
        para(f"{L['captured']}: {e['captured_at']}")
        para(f"{L['stored']}: {e['stored_at']}")
        para(L["files"], 10)
        for a in e["artifacts"]:
            para(f"{a['role']}: {a['path']} ({a['size']} bytes)\nSHA-256 {a['sha256']}", 8, 4)
        para(L["timestamps"], 10)
        if not e["timestamps"]:
            para(L["no_timestamps"], 8)
        for t in e["timestamps"]:
            para(f"{t.get('gen_time')}  {t.get('tsa')} ({t.get('tsa_url')})\n"
                 f"  TSA signer: {t.get('signer') or '-'}", 8, 4)
        para(L["events"], 10)
        for ev in model["events"].get(e["uid"], []):
            para(event_line(ev, fps), 7, 3.5)
    heading(L["transfers"])
    for t in model["transfers"]:
        para(f"{t['at']}  {t['event']}  {t['holder']}  bundle {t['bundle_id']}"
             + (f"\n  {t['reason']}" if t.get("reason") else ""), 8, 4)
    heading(L["chains"])
    for c in model["chains"]:
        para(f"{c['role']}: {c['fingerprint']}  {c['entries']} entries  head {c['head']}", 8, 4)
    pdf.add_page()
    heading(L["certification"])
    en, ko = certification(model)
    para(en, 9, 4.5)
    para(ko, 9, 4.5)
    return bytes(pdf.output())
