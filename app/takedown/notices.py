"""Takedown notices: one notice per request listing every URL, with the elements its legal
basis requires, in English or Korean; written as .txt, .eml (stdlib email, never sent) or
.pdf (fpdf2, the report's Korean font). The person submits it herself.

- tida: US TAKE IT DOWN Act notice-and-removal request: signature; identification and
  location of the depiction; good-faith statement that it is not consensual; contact.
- dsa: EU Digital Services Act Art. 16(2): (a) substantiated explanation; (b) exact URLs;
  (c) name and email; (d) bona fide statement that the notice is accurate and complete.
- kr: request to the platform under the Telecommunications Business Act §22-5 (removal of
  illegally filmed material etc.), with the items the platform needs, in Korean.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any

from app.atomic import write_new_file
from app.errors import UsageError
from app.takedown import platforms
from app.takedown.model import Request, get_request
from app.vault import Vault
from app.vault.events import Event

LANGS = ("en", "ko")
FORMATS = (".txt", ".eml", ".pdf")
BLANK = "______________________________"


@dataclass
class Sender:
    name: str = ""
    email: str = ""
    contact: str = ""  # postal address or phone, optional
    on_behalf_of: str = ""  # when a counsellor or lawyer writes for the person
    explanation: str = ""  # the person's own words, added to the standard text


def _f(value: str) -> str:
    return value or BLANK


EN: dict[str, Any] = {
    "subject": {
        "tida": "Removal request under the TAKE IT DOWN Act (non-consensual intimate images)",
        "dsa": "Notice under Article 16 of the Digital Services Act (illegal content: non-consensual intimate images)",
        "kr": "Removal request: illegally filmed / non-consensual intimate images",
        "other": "Removal request: non-consensual intimate images",
    },
    "to": "To",
    "date": "Date",
    "ref": "Our reference",
    "urls": "Location of the material (exact URLs, {n})",
    "urls_intro": "The material is at each of the following addresses:",
    "explain_head": "Explanation",
    "explain": (
        "These addresses show intimate images of me (or of the person I act for) that "
        "were published without consent. They are non-consensual intimate images; "
        "publishing them is unlawful."
    ),
    "tida_good_faith": (
        "Good-faith statement: I have a good faith belief that each intimate "
        "visual depiction identified above is not consensual. It was published "
        "without the consent of the identifiable individual."
    ),
    "tida_remove": (
        "Under the TAKE IT DOWN Act you must remove the depictions within 48 hours "
        "of this valid request and make reasonable efforts to remove known "
        "identical copies."
    ),
    "dsa_explain": (
        "(a) Substantiated explanation: the content is illegal because it shows "
        "intimate images of an identifiable person disseminated without consent "
        "(non-consensual sharing of intimate or manipulated material)."
    ),
    "dsa_urls": "(b) Exact electronic location: the URLs listed above.",
    "dsa_bona_fide": (
        "(d) I confirm my bona fide belief that the information and allegations "
        "in this notice are accurate and complete."
    ),
    "kr_note": "(The Korean version of this notice carries the items Korean law asks for.)",
    "other_statement": (
        "I state in good faith that these images were published without "
        "consent and that the information in this notice is accurate."
    ),
    "contact_head": "Contact",
    "name": "Name",
    "email": "Email",
    "contact": "Address / phone",
    "behalf": "Acting on behalf of the depicted person",
    "signature": "Signature (physical or electronic)",
    "signed_date": "Date",
    "evidence": (
        "Evidence of these pages has been preserved with trusted timestamps; I do not "
        "attach the images."
    ),
    "platform_form": "Platform's form or address",
    "checked": "Platform data checked",
    "not_checked": "not yet confirmed: check the form first",
    "never_sent": "This notice was written by Evidence Locker and has not been sent to anyone.",
}

KO: dict[str, Any] = {
    "subject": {
        "tida": "TAKE IT DOWN Act에 따른 삭제 요청 (비동의 촬영물·유포물)",
        "dsa": "디지털서비스법(DSA) 제16조에 따른 불법 콘텐츠 신고 (비동의 성적 촬영물)",
        "kr": "불법촬영물등 삭제 요청 (전기통신사업법 제22조의5)",
        "other": "비동의 성적 촬영물 삭제 요청",
    },
    "to": "받는 곳",
    "date": "날짜",
    "ref": "요청 번호",
    "urls": "삭제 요청 대상 정보의 위치 (URL {n}개)",
    "urls_intro": "다음 주소 모두에 해당 촬영물이 게시되어 있습니다.",
    "explain_head": "요청 사유",
    "explain": (
        "위 주소에는 본인(또는 본인이 대리하는 피해자)의 성적 촬영물이 동의 없이 게시되어 "
        "있습니다. 이는 동의 없이 유포된 촬영물로서 그 게시와 유포는 위법합니다."
    ),
    "tida_good_faith": (
        "선의의 진술: 위에 적은 성적 촬영물은 모두 촬영된 당사자의 동의 없이 "
        "게시된 것이라고 선의로 믿습니다."
    ),
    "tida_remove": (
        "TAKE IT DOWN Act에 따라 유효한 요청을 받은 때부터 48시간 안에 삭제하고, "
        "알려진 동일 사본도 삭제하도록 합리적인 노력을 하여야 합니다."
    ),
    "dsa_explain": (
        "(a) 불법성의 근거: 해당 콘텐츠는 식별 가능한 사람의 성적 촬영물(또는 합성물)을 "
        "동의 없이 유포한 것으로 불법 콘텐츠에 해당합니다."
    ),
    "dsa_urls": "(b) 정확한 위치: 위에 적은 URL.",
    "dsa_bona_fide": "(d) 이 신고의 정보와 주장이 정확하고 완전하다고 선의로 확인합니다.",
    "kr_items": [
        "법적 근거: 전기통신사업법 제22조의5 제1항(부가통신사업자의 불법촬영물등 유통방지 의무)에 "
        "따라, 신고·삭제요청을 통해 불법촬영물등의 유통을 알게 된 경우 지체 없이 삭제·접속차단 등 "
        "유통방지에 필요한 조치를 하여 주시기 바랍니다.",
        "해당 정보의 종류: 성폭력범죄의 처벌 등에 관한 특례법 제14조에 따른 촬영물 또는 복제물"
        "(같은 법 제14조의2에 따른 편집물 등 포함)로서 촬영 대상자의 의사에 반하여 유포된 것.",
        "요청인과 피해자의 관계: 아래 '대리' 칸에 적은 경우 외에는 요청인이 피해자 본인입니다.",
        "조치 결과(삭제 여부와 일시)를 아래 연락처로 알려 주시기 바랍니다.",
    ],
    "other_statement": "이 촬영물들이 동의 없이 게시되었으며 이 요청의 내용이 사실임을 선의로 진술합니다.",
    "contact_head": "요청인 정보",
    "name": "성명",
    "email": "이메일",
    "contact": "주소 / 전화번호",
    "behalf": "대리하는 피해자",
    "signature": "서명 (자필 또는 전자서명)",
    "signed_date": "작성일",
    "evidence": "해당 게시물은 신뢰 타임스탬프와 함께 증거로 보존하였으며, 촬영물은 첨부하지 않습니다.",
    "platform_form": "플랫폼 신고 양식/주소",
    "checked": "플랫폼 정보 확인일",
    "not_checked": "아직 확인되지 않음: 먼저 양식을 확인하세요",
    "referrals": "도움을 받을 수 있는 곳",
    "never_sent": "이 요청서는 Evidence Locker가 작성했으며 아직 아무에게도 보내지 않았습니다.",
}


def notice_text(
    req: Request, lang: str, sender: Sender, today: dt.date | None = None
) -> tuple[str, str]:
    """(subject, body) of the notice."""
    if lang not in LANGS:
        raise UsageError("The language must be ko or en.")
    w = KO if lang == "ko" else EN
    info = platforms.platform_info(req.platform)
    today = today or dt.datetime.now(dt.UTC).date()
    subject = w["subject"][req.basis]
    lines = [
        subject,
        "",
        f"{w['to']}: {info.get('name') or req.platform}",
        f"{w['date']}: {today.isoformat()}",
        f"{w['ref']}: {req.uid}",
    ]
    if req.reference:
        lines.append(f"{req.platform}: {req.reference}")
    lines += ["", w["urls"].format(n=len(req.locations)), w["urls_intro"]]
    lines += [f"  {i}. {loc.url}" for i, loc in enumerate(req.locations, 1)]
    lines += ["", w["explain_head"], w["explain"]]
    if sender.explanation:
        lines.append(sender.explanation)
    lines.append("")
    if req.basis == "tida":
        lines += [w["tida_good_faith"], "", w["tida_remove"]]
    elif req.basis == "dsa":
        lines += [w["dsa_explain"], w["dsa_urls"], "", w["dsa_bona_fide"]]
    elif req.basis == "kr":
        lines += (
            [f"{i}. {t}" for i, t in enumerate(KO["kr_items"], 1)]
            if lang == "ko"
            else [w["kr_note"]]
        )
    else:
        lines.append(w["other_statement"])
    lines += [
        "",
        w["evidence"],
        "",
        w["contact_head"],
        f"  {w['name']}: {_f(sender.name)}",
        f"  {w['email']}: {_f(sender.email)}",
        f"  {w['contact']}: {_f(sender.contact)}",
    ]
    if sender.on_behalf_of:
        lines.append(f"  {w['behalf']}: {sender.on_behalf_of}")
    lines += [
        "",
        f"{w['signature']}: {BLANK}",
        f"{w['signed_date']}: {BLANK}",
        "",
        "--",
        f"{w['platform_form']}: {info.get('form_url') or '-'} ({info.get('channel') or '-'})",
        f"{w['checked']}: {info.get('checked') or w['not_checked']}",
    ]
    if lang == "ko":
        lines.append(f"{w['referrals']}:")
        lines += [
            f"  - {r['name']}: {r['contact']} ({r['what']})" for r in platforms.referrals_ko()
        ]
    lines.append(w["never_sent"])
    return subject, "\n".join(lines) + "\n"


def _pdf(subject: str, body: str) -> bytes:
    from fpdf import FPDF

    from app.bundle.report_pdfdoc import find_font

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(subject)
    pdf.set_creator("Evidence Locker")
    font, hangul = find_font()
    pdf.add_page()
    if font:
        pdf.add_font("doc", fname=font)
        pdf.set_font("doc", size=10)
        if not hangul:
            body = "".join(c if ord(c) < 0x1100 else "?" for c in body)
    else:
        pdf.set_font("helvetica", size=10)
        body = body.encode("latin-1", "replace").decode("latin-1")
    for line in body.split("\n"):
        pdf.multi_cell(0, 5.5, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write_notice(vault: Vault, ref: str, lang: str, out: Path, sender: Sender) -> Path:
    """Write the notice to a new file (never over an existing one) and log it."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError("The notice file must end in .txt, .eml or .pdf.")
    req = get_request(vault, ref)
    subject, body = notice_text(req, lang, sender)
    if suffix == ".txt":
        data = body.encode("utf-8")
    elif suffix == ".eml":
        msg = EmailMessage()
        msg["Subject"] = subject
        msg["Date"] = formatdate(usegmt=True)
        if sender.email:
            msg["From"] = sender.email
        msg["X-Evidence-Locker"] = "draft, not sent"
        msg.set_content(body)
        data = bytes(msg)
    else:
        data = _pdf(subject, body)
    try:
        final = write_new_file(out, data, rename_if_exists=False)
    except FileExistsError as exc:
        raise UsageError(f"{out} already exists; choose another name.") from exc
    vault.log_event(
        Event.TAKEDOWN_NOTICE_WRITTEN,
        None,
        {
            "request": req.uid,
            "lang": lang,
            "format": suffix.lstrip("."),
            "urls": len(req.locations),
            "items": sorted({uid for loc in req.locations for uid in loc.items}),
        },
    )
    return final
