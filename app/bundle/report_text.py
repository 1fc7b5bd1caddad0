"""Bilingual (English / Korean) wording shared by the HTML and PDF custody reports."""

from __future__ import annotations

from typing import Any

from app.bundle.report_words import shown, size_text, when, when_short

TITLE = "Chain of Custody Report / 증거 보관 연속성 보고서"
L = {
    "bundle": "Bundle / 번들",
    "created": "Exported at / 내보낸 시각",
    "exporter": "Exporting vault identity / 내보낸 보관함 식별자",
    "software": "Software / 소프트웨어",
    "sealing": "Sealing / 봉인",
    "index": "Exhibit index / 증거 목록",
    "exhibits": "Exhibits in detail / 증거 상세",
    "exhibit": "Exhibit / 증거",
    "title": "Description / 설명",
    "kind": "Kind / 종류",
    "case": "Case / 사건",
    "source": "Source / 출처",
    "captured": "Captured at / 수집 시각",
    "stored": "Stored in the vault at / 보관함 저장 시각",
    "files": "Files and SHA-256 hash values / 파일 및 SHA-256 해시값",
    "timestamps": "Trusted timestamps (RFC 3161) / 신뢰 타임스탬프",
    "no_timestamps": "No timestamp token yet (queued) / 아직 타임스탬프 없음 (대기 중)",
    "notes": "Notes / 메모",
    "no_notes": "No notes / 메모 없음",
    "tags": "Tags / 태그",
    "events": "Custody events / 보관 이력",
    "transfers": "Transfers / 인계 기록",
    "chains": "Custody chains / 보관 이력 체인",
    "verification": "Verification result / 검증 결과",
    "verified_ok": "All checks passed at export / 내보낼 때 모든 검증 통과",
    "verified_fail": "Problems found at export / 내보낼 때 문제 발견",
    "thumb": "Blurred preview (derived, not evidence) / 흐린 미리보기 (파생물, 증거 아님)",
    "no_thumb": "No preview / 미리보기 없음",
    "archived": "ARCHIVED / 숨김 보관됨",
    "manifest_stamp": "Timestamp of this bundle's tag manifest / 태그 매니페스트 타임스탬프",
    "times": "About the times / 시각에 대하여",
    "explainer": "What these checks prove / 검증이 증명하는 것",
    "certification": "Certification template (for counsel to review) / 인증서 서식 (변호인 검토용)",
    "template": (
        "The legal wording in this document is a template for counsel to review and "
        "adapt; it is not legal advice. / 이 문서의 법률 문구는 변호인이 검토·수정할 "
        "서식이며 법률 자문이 아닙니다."
    ),
}
ROLES = {
    "exporter": "Exporting vault / 내보낸 보관함",
    "earlier holder": "Earlier holder / 이전 보유자",
}
INDEX_HEAD = (
    "No. / 번호",
    "File / 파일",
    "Size / 크기",
    "SHA-256",
    "Captured / 수집",
    "Earliest timestamp / 최초 타임스탬프",
    "Archived / 숨김 보관",
)

EXPLAINER: list[tuple[str, str, str]] = [
    (
        "Hash value (SHA-256) / 해시값",
        "A SHA-256 hash is a 64-character fingerprint computed from every bit of a file. Changing "
        "even one bit gives a completely different value, so an equal hash proves the copy is "
        "bit-for-bit identical to the file that was hashed. It does not prove who made the file, "
        "when, or that its content is true. Check: sha256sum FILE (Windows: certutil -hashfile "
        "FILE SHA256) and compare with the value listed here.",
        "SHA-256 해시값은 파일의 모든 비트로 계산한 64자리 지문입니다. 한 비트만 바뀌어도 값이 완전히 "
        "달라지므로, 해시값이 같으면 사본이 원본과 비트 단위로 동일함(무결성·동일성)이 증명됩니다. 누가, "
        "언제 만들었는지나 내용이 사실인지는 증명하지 않습니다. 확인: sha256sum 파일 (Windows: "
        "certutil -hashfile 파일 SHA256) 결과를 이 보고서의 값과 비교합니다.",
    ),
    (
        "Custody chain / 보관 이력 체인",
        "Every action on the evidence (collection, notes, viewing, export, import) is a record "
        "whose hash includes the hash of the record before it. Changing, removing or inserting "
        "any earlier record changes every hash after it, so the chain shows the history was not "
        "rewritten after it was anchored by a timestamp. It does not prove that the computer's "
        "clock was right or that nothing happened outside the app. Check: VERIFY.txt step 5, or "
        "check_bundle.py.",
        "증거에 대한 모든 행위(수집, 메모, 열람, 내보내기, 가져오기)는 바로 앞 기록의 해시값을 포함한 "
        "기록으로 남습니다. 앞의 기록을 바꾸거나 지우거나 끼워 넣으면 이후의 모든 해시값이 달라지므로, "
        "타임스탬프로 고정된 뒤 이력이 다시 쓰이지 않았음을 보여 줍니다. 컴퓨터 시계가 정확했는지, 앱 "
        "밖에서 일어난 일은 증명하지 않습니다. 확인: VERIFY.txt 5단계 또는 check_bundle.py.",
    ),
    (
        "Merkle proof / 머클 증명",
        "One timestamp can cover many custody records at once: their hashes are combined in a "
        "Merkle tree (RFC 6962) whose single top hash (the root) is what the time-stamp authority "
        "signs. The proof is the short list of hashes that leads from one record to that root. "
        "It proves the record was among those stamped; it reveals nothing about the other "
        "records. Check: the Python lines in VERIFY.txt step 4, or check_bundle.py.",
        "타임스탬프 하나로 여러 보관 기록을 함께 고정합니다. 기록들의 해시값을 머클 트리(RFC 6962)로 "
        "묶은 맨 위 해시값(루트)에 타임스탬프 기관이 서명합니다. 증명은 한 기록에서 루트까지 이어지는 "
        "짧은 해시값 목록이며, 그 기록이 함께 고정되었음을 증명하고 다른 기록의 내용은 드러내지 않습니다. "
        "확인: VERIFY.txt 4단계의 Python 명령 또는 check_bundle.py.",
    ),
    (
        "Trusted timestamp (RFC 3161) / 신뢰 타임스탬프",
        "An independent time-stamp authority (TSA) signs a hash together with its own time "
        "(genTime). The token proves the stamped records, and so the evidence hashes they "
        "contain, existed no later than genTime and were not changed since. It does not prove "
        "when the evidence was first created, nor anything about its content. Check: openssl "
        "ts -verify with the TSA's root certificate obtained from the TSA itself (VERIFY.txt "
        "step 4), or check_bundle.py --tsa-root.",
        "독립된 타임스탬프 기관(TSA)이 해시값과 자신의 시각(genTime)에 함께 서명합니다. 토큰은 고정된 "
        "기록과 그 안의 증거 해시값이 늦어도 genTime에 존재했고 그 뒤 바뀌지 않았음을 증명합니다. "
        "증거가 처음 만들어진 시각이나 내용의 진실성은 증명하지 않습니다. 확인: TSA에서 직접 받은 루트 "
        "인증서로 openssl ts -verify (VERIFY.txt 4단계) 또는 check_bundle.py --tsa-root.",
    ),
    (
        "Who signed this bundle / 번들 서명자",
        "The bundle is signed with the exporting vault's key. Because the vault's first custody "
        "record names that key's fingerprint and timestamps anchor the chain, check_bundle.py "
        "can tell whether the signing key is really the vault's. If nothing was time-stamped "
        "yet, confirm the fingerprint with the sender by phone or in person.",
        "번들은 내보낸 보관함의 키로 서명됩니다. 보관함의 첫 보관 기록에 그 키의 지문이 있고 타임스탬프가 "
        "체인을 고정하므로, check_bundle.py 로 서명 키가 실제 보관함의 키인지 확인할 수 있습니다. 아직 "
        "타임스탬프가 없으면 보낸 사람에게 전화 등으로 지문을 직접 확인하십시오.",
    ),
]

CERTIFICATION_EN = """CERTIFICATION OF AUTHENTICITY OF DATA COPIED FROM AN ELECTRONIC DEVICE, STORAGE
MEDIUM, OR FILE (hash-authenticated records, Federal Rule of Evidence 902(14) style)
[Template for counsel to review; to be signed by a qualified person.]

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
   standard tools (sha256sum, openssl, a BagIt validator) or with check_bundle.py.

Date: ____________________    Place: ____________________

Signature: ______________________________
"""

CERTIFICATION_KO = """해시값 인증서 (서식, 변호인 검토용)

본인 ______________ 은(는) 이 보고서에 기재된 증거(번들 {bundle_id})가 식별자 {fingerprint} 의 \
Evidence Locker 보관함에서 복사되었으며, 각 사본의 SHA-256 해시값이 수집 당시 보관 이력에 기록된 \
해시값과 동일함을 확인합니다. 이는 디지털 증거에 대해 법원이 요구하는 무결성·동일성(원본과 사본이 \
같고 수집 후 바뀌지 않았음)을 해시값 비교로 보이기 위한 것입니다. 검증 방법은 VERIFY.txt 에 있습니다.

직위·자격: ______________   일자: __________   장소: __________   서명: __________
"""


def certification(model: dict[str, Any]) -> tuple[str, str]:
    args = {"bundle_id": model["bundle_id"], "fingerprint": model["exporter"]["fingerprint"]}
    return CERTIFICATION_EN.format(**args), CERTIFICATION_KO.format(**args)


def main_file(exhibit: dict[str, Any]) -> dict[str, Any]:
    arts = exhibit.get("artifacts") or [{}]
    return next((a for a in arts if a.get("role") == "original"), arts[0])


def tsa_name(t: dict[str, Any]) -> str:
    """The TSA's name; when only its URL is known, the signer's organisation or name."""
    name = str(t.get("tsa") or "")
    if name and "://" not in name:
        return shown(name)
    parts = dict(p.split("=", 1) for p in str(t.get("signer") or "").split(",") if "=" in p)
    return shown(parts.get("O") or parts.get("CN") or "TSA")


def earliest(exhibit: dict[str, Any]) -> dict[str, Any] | None:
    stamps = [t for t in exhibit.get("timestamps") or [] if t.get("gen_time")]
    return min(stamps, key=lambda t: str(t.get("gen_time"))) if stamps else None


def earliest_stamp(exhibit: dict[str, Any], short: bool = False) -> str:
    first = earliest(exhibit)
    if first is None:
        return "not yet / 아직 없음"
    return f"{tsa_name(first)}:{chr(10) if short else ' '}" + (
        when_short(first.get("gen_time")) if short else when(first.get("gen_time"))
    )


def index_rows(model: dict[str, Any], short: bool = False) -> list[tuple[str, ...]]:
    """One row per exhibit: number, main file, size, SHA-256, capture time, earliest
    timestamp (TSA, genTime), archived."""
    rows: list[tuple[str, ...]] = []
    for e in model["exhibits"]:
        main = main_file(e)
        more = len(e.get("artifacts") or []) - 1
        name = shown(main.get("name") or main.get("path")) + (
            f" (+{more} more / 외 {more}개)" if more > 0 else ""
        )
        sha = str(main.get("sha256") or "-")
        rows.append(
            (
                shown(e["exhibit"]),
                name,
                size_text(main.get("size")),
                " ".join(sha[i : i + 16] for i in range(0, len(sha), 16)) if short else sha,
                (when_short if short else when)(e.get("captured_at"), True),
                earliest_stamp(e, short),
                "ARCHIVED / 숨김 보관됨" if e.get("archived") else "no / 아니오",
            )
        )
    return rows


def tsa_line(t: dict[str, Any]) -> str:
    """A token in one line: TSA name (never its URL again), genTime, signer."""
    return f"{tsa_name(t)} — genTime {when(t.get('gen_time'))}" + (
        f" — signer: {shown(t.get('signer'))}" if t.get("signer") else ""
    )
