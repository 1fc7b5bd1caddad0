"""The collector's statement (Korean / English), pre-filled from the vault, for the survivor
or the counsellor who helped to sign: who collected, with which device and how, when,
each exhibit with its SHA-256, that the originals were not altered; blanks for name, date,
place and signature; and the FRE 902(14)-style certification for a qualified person.
The legal wording is a template for counsel to review (said on the page)."""

from __future__ import annotations

from html import escape
from typing import Any

from app.bundle.report_html import esc, page_head
from app.bundle.report_pdfdoc import DocPDF
from app.bundle.report_text import L, certification, earliest_stamp, main_file
from app.bundle.report_words import parse_time, shown, when, when_short

TITLE = "Statement of Evidence Collection / 증거 수집 확인서"
HOW = {
    "web": ("Captured in the app from a web page", "앱에서 웹페이지 캡처"),
    "screenshot": ("Screenshot taken in the app", "앱에서 화면 캡처(스크린숏)"),
    "download": ("File downloaded in the app's browser", "앱 브라우저에서 내려받은 파일"),
    "file": ("Imported file (an existing file added to the app)", "기존 파일을 앱으로 가져옴"),
}
RECEIVED = (
    "Received in a sealed bundle from an earlier holder",
    "이전 보유자에게 봉인된 번들로 받음",
)
INTEGRITY = (
    "Korean courts admit digital evidence when its integrity and identity (무결성·동일성) are "
    "shown: the file presented is the same as the one collected and was not changed after "
    "collection. The SHA-256 hash values below were recorded when each file was collected; a "
    "copy with the same value is bit-for-bit identical. The custody report and VERIFY.txt "
    "in this bundle show how to check them.\n"
    "법원은 디지털 증거의 무결성·동일성, 즉 제출된 파일이 수집한 파일과 같고 수집 후 변경되지 "
    "않았음이 증명될 때 증거로 사용합니다. 아래 SHA-256 해시값은 각 파일을 수집할 때 기록되었으며, "
    "해시값이 같은 사본은 원본과 비트 단위로 동일합니다. 확인 방법은 이 번들의 보관 연속성 보고서와 "
    "VERIFY.txt 에 있습니다."
)
DECLARATION = (
    "I collected the exhibits listed above myself, or helped the person named below to collect "
    "them, in the way and at the times stated. Each original file was stored in the app as it "
    "was collected; I did not alter, edit or re-save any original. To the best of my knowledge "
    "the facts in this statement are true.\n"
    "본인은 위 증거를 직접 수집하였거나, 아래 기재한 사람의 수집을 도왔으며, 수집 방법과 일시는 "
    "위와 같습니다. 각 원본 파일은 수집한 그대로 앱에 보관되었고, 본인은 어떤 원본도 변경·편집하거나 "
    "다시 저장하지 않았습니다. 이 확인서의 내용은 본인이 아는 한 사실입니다."
)
BLANKS = [
    ("Name / 성명", ""),
    (
        "Role / 관계",
        "[ ] the survivor / 피해자 본인\n[ ] counsellor who "
        "helped / 도운 상담원\n[ ] other / 기타: ________",
    ),
    ("Collected for (if helping) / 피해자 성명 (도운 경우)", ""),
    ("Date / 일자", ""),
    ("Place / 장소", ""),
    ("Signature / 서명", ""),
]


def how_collected(e: dict[str, Any]) -> tuple[str, str]:
    if e.get("received"):
        return RECEIVED
    return HOW.get(str(e.get("kind")), (f"Added to the app ({shown(e.get('kind'))})", "앱에 추가"))


def device_lines(model: dict[str, Any]) -> list[str]:
    """What the vault recorded about the collecting device and tool, as found."""
    found: list[str] = []
    for e in model["exhibits"]:
        meta = e.get("metadata") or {}
        candidates = [
            f"Evidence Locker {meta['app_version']}" if meta.get("app_version") else "",
            f"browser engine / 브라우저 엔진: {meta['engine']}" if meta.get("engine") else "",
            f"user agent: {meta['user_agent']}" if meta.get("user_agent") else "",
            f"screen capture platform / 화면 캡처 플랫폼: {meta['platform']}"
            if meta.get("platform")
            else "",
        ]
        for line in candidates:
            if line and shown(line) not in found:
                found.append(shown(line))
    software = f"{model['software']['name']} {model['software']['version']} (export / 내보내기)"
    return [*found[:12], software]


def prefilled(model: dict[str, Any]) -> list[tuple[str, str]]:
    times = sorted(t for t in (parse_time(e.get("captured_at")) for e in model["exhibits"]) if t)
    period = f"{when(times[0], True)}\n— {when(times[-1], True)}" if times else "-"
    kinds = sorted({" / ".join(how_collected(e)) for e in model["exhibits"]})
    return [
        (
            "Collected with the vault identity / 수집한 보관함 식별자",
            f"{model['exporter']['fingerprint']} (vault {model['exporter']['vault_id']})",
        ),
        ("Device and tool, as recorded / 기록된 기기 및 도구", "\n".join(device_lines(model))),
        (
            "Device description (computer, owner) / 기기 설명 (컴퓨터, 소유자)",
            "______________________",
        ),
        ("How / 수집 방법", "\n".join(kinds)),
        ("When (first and last capture) / 수집 일시 (처음과 마지막)", period),
        ("Bundle / 번들", model["bundle_id"]),
    ]


def exhibit_rows(model: dict[str, Any], short: bool) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for e in model["exhibits"]:
        main = main_file(e)
        sha = str(main.get("sha256") or "-")
        rows.append(
            (
                shown(e["exhibit"]),
                f"{shown(e.get('title'))}\n{shown(main.get('name'))}",
                "\n".join(how_collected(e)),
                (when_short if short else when)(e.get("captured_at"), True),
                " ".join(sha[i : i + 16] for i in range(0, 64, 16)) if short else sha,
            )
        )
    return rows


HEAD = (
    "No. / 번호",
    "Exhibit / 증거",
    "How / 방법",
    "Captured / 수집 일시",
    "SHA-256 (original / 원본)",
)


def render_statement_pdf(model: dict[str, Any]) -> bytes:
    pdf = DocPDF(
        TITLE, model["bundle_id"], f"{model['software']['name']} {model['software']['version']}"
    )
    pdf.add_page()
    pdf.heading(TITLE, 15)
    pdf.para(L["template"], 8.5, 4, bold_color=True)
    pdf.ln(1)
    pdf.table(("Pre-filled from the vault / 보관함 기록", ""), prefilled(model), (70, 116), 8.5)
    pdf.heading("Exhibits / 증거 목록", 11)
    pdf.table(HEAD, exhibit_rows(model, True), (14, 50, 38, 40, 44))
    for e in model["exhibits"]:
        pdf.para(
            f"{shown(e['exhibit'])} — earliest trusted timestamp / 최초 신뢰 타임스탬프: "
            f"{earliest_stamp(e)}",
            8,
            4,
        )
    pdf.heading("Integrity and identity / 무결성·동일성", 11)
    pdf.para(INTEGRITY, 8.5, 4.2)
    if pdf.will_page_break(105):  # the declaration and its signature stay on one page
        pdf.add_page()
    pdf.heading("Declaration / 확인", 11)
    pdf.para(DECLARATION, 9, 4.5)
    pdf.ln(2)
    pdf.table(
        ("To be filled in by hand / 직접 기재", ""),
        [(k, v or " \n ") for k, v in BLANKS],
        (70, 116),
        9,
    )
    pdf.add_page()
    pdf.heading(L["certification"], 12)
    pdf.para(L["template"], 8.5, 4, bold_color=True)
    en, ko = certification(model)
    pdf.para(en, 9, 4.5)
    pdf.ln(3)
    pdf.para(ko, 9, 4.5)
    return bytes(pdf.output())


def render_statement_html(model: dict[str, Any]) -> bytes:
    out = [
        page_head(TITLE, model["bundle_id"]),
        f"<p class='bad'>{escape(L['template'])}</p><table>",
    ]
    out += [
        f"<tr><th>{escape(k)}</th><td class='note'>{esc(v)}</td></tr>" for k, v in prefilled(model)
    ]
    out.append(
        "</table><h2>Exhibits / 증거 목록</h2><table><tr>"
        + "".join(f"<th>{escape(h)}</th>" for h in HEAD)
        + "</tr>"
    )
    for row in exhibit_rows(model, False):
        out.append(
            "<tr>"
            + "".join(f"<td class='note'>{escape(c)}</td>" for c in row[:4])
            + f"<td><code>{escape(row[4])}</code></td></tr>"
        )
    out.append(
        "</table><ul>"
        + "".join(
            f"<li>{esc(e['exhibit'])} — earliest trusted timestamp / 최초 신뢰 타임스탬프: "
            f"{escape(earliest_stamp(e))}</li>"
            for e in model["exhibits"]
        )
        + "</ul>"
    )
    out.append(
        "<h2>Integrity and identity / 무결성·동일성</h2>"
        + "".join(f"<p>{escape(p)}</p>" for p in INTEGRITY.split("\n"))
    )
    out.append(
        "<h2>Declaration / 확인</h2>"
        + "".join(f"<p>{escape(p)}</p>" for p in DECLARATION.split("\n"))
    )
    out.append(
        "<table>"
        + "".join(
            f"<tr><th>{escape(k)}</th><td style='height:2.2em'>{escape(v)}</td></tr>"
            for k, v in BLANKS
        )
        + "</table>"
    )
    en, ko = certification(model)
    out.append(
        f"<h2 class='page'>{escape(L['certification'])}</h2><pre>{escape(en)}</pre>"
        f"<pre lang='ko'>{escape(ko)}</pre></body></html>"
    )
    return "\n".join(out).encode("utf-8")
