"""Bilingual (English / Korean) wording shared by the HTML and PDF custody reports."""

from __future__ import annotations

from typing import Any

_BIDI = {0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def visible(text: str) -> str:
    """Untrusted text for a report: control characters, bidi controls and lone surrogates
    shown as ``<U+XXXX>`` so they cannot hide or reorder what a reader sees (and fonts are
    not asked for glyphs they lack). Line breaks are kept."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch != "\n" and (code < 0x20 or 0x7F <= code < 0xA0 or code in _BIDI
                           or 0xD800 <= code <= 0xDFFF):
            out.append(f"<U+{code:04X}>")
        else:
            out.append(ch)
    return "".join(out)


TITLE = "Chain of Custody Report / 증거 보관 연속성 보고서"
L = {
    "bundle": "Bundle / 번들",
    "created": "Exported at (UTC) / 내보낸 시각",
    "exporter": "Exporting vault identity / 내보낸 보관함 식별자",
    "software": "Software / 소프트웨어",
    "sealing": "Sealing / 봉인",
    "exhibits": "Exhibits / 증거 목록",
    "exhibit": "Exhibit / 증거",
    "title": "Description / 설명",
    "kind": "Kind / 종류",
    "source": "Source / 출처",
    "captured": "Captured at (UTC, local clock) / 수집 시각",
    "stored": "Stored at (UTC) / 저장 시각",
    "files": "Files and SHA-256 hash values / 파일 및 SHA-256 해시값",
    "timestamps": "Trusted timestamps (RFC 3161) / 신뢰 타임스탬프",
    "no_timestamps": "No timestamp token yet (queued) / 아직 타임스탬프 없음 (대기 중)",
    "events": "Custody events / 보관 이력",
    "transfers": "Transfers / 인계 기록",
    "chains": "Custody chains / 보관 이력 체인",
    "verification": "Verification result / 검증 결과",
    "verified_ok": "All checks passed at export / 내보낼 때 모든 검증 통과",
    "verified_fail": "Problems found at export / 내보낼 때 문제 발견",
    "thumb": "Blurred preview (derived, not evidence) / 흐린 미리보기 (파생물, 증거 아님)",
    "no_thumb": "No preview / 미리보기 없음",
    "certification": "Certification template / 인증서 서식",
}

CERTIFICATION_EN = """CERTIFICATION OF AUTHENTICITY OF DATA COPIED FROM AN ELECTRONIC DEVICE, STORAGE
MEDIUM, OR FILE (hash-authenticated records, Federal Rule of Evidence 902(14))

I, ______________________________, declare under penalty of perjury under the laws of
______________________ that the following is true and correct:

1. I am ______________________ (title / role) and am qualified by training and experience
   in ______________________ to authenticate the records described in this certification.
2. The exhibits listed in this report (bundle {bundle_id}) were copied from the Evidence
   Locker vault with identity fingerprint {fingerprint}.
3. Each exhibit was identified by its SHA-256 hash value, listed in this report. I
   compared the SHA-256 hash value of each copy with the value recorded in the custody
   log when the evidence was collected, and they are identical. The custody log is a
   SHA-256 hash chain anchored by RFC 3161 trusted timestamps.
4. The verification steps are described in VERIFY.txt and can be repeated by anyone with
   standard tools (sha256sum, openssl, a BagIt validator).

Date: ____________________    Place: ____________________

Signature: ______________________________
"""

CERTIFICATION_KO = """해시값 인증서 (서식)

본인 __________ 은(는) 이 보고서에 기재된 증거(번들 {bundle_id})가 식별자 {fingerprint} 의
Evidence Locker 보관함에서 복사되었으며, 각 사본의 SHA-256 해시값이 수집 당시 보관 이력에
기록된 해시값과 동일함을 확인합니다. 검증 방법은 VERIFY.txt 에 있습니다.

일자: __________   장소: __________   서명: __________
"""


def certification(model: dict[str, Any]) -> tuple[str, str]:
    args = {"bundle_id": model["bundle_id"], "fingerprint": model["exporter"]["fingerprint"]}
    return CERTIFICATION_EN.format(**args), CERTIFICATION_KO.format(**args)


def event_line(event: dict[str, Any], fingerprints: dict[str, str]) -> str:
    data = event.get("data") or {}
    holder = fingerprints.get(str(event.get("vault_id")), "")[:11]
    extra = ""
    name = event.get("event")
    if name == "item_added":
        extra = f"captured {data.get('captured_at', '')}"
    elif name == "bundle_exported":
        extra = f"bundle {str(data.get('bundle_id', ''))[:8]}… sealed {data.get('sealing', '')}"
        if data.get("recipient"):
            extra += f" to {data.get('recipient')}"
        if data.get("reason"):
            extra += f" — {data.get('reason')}"
    elif name == "bundle_imported":
        extra = f"bundle {str(data.get('bundle_id', ''))[:8]}… from {data.get('sender_fingerprint', '')}"
    elif name == "received":
        extra = f"received from {data.get('from', '')}"
    elif name in ("item_archived",):
        extra = str(data.get("reason", ""))
    elif name == "item_revealed":
        extra = f"viewed unblurred ({data.get('context', '')})"
    return f"{event.get('at')}  #{event.get('seq')}  {name}  [{holder}]  {extra}".rstrip()
