"""Plain words for the custody report and the collection statement: times in UTC and
Korean time, custody events in English and Korean, and vault text made safe to print."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from app.vault.events import Event

KST = dt.timezone(dt.timedelta(hours=9), "KST")
_HIDDEN = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def shown(value: Any, multiline: bool = False) -> str:
    """Text from the vault or a bundle as it may be printed: control, bidi and invisible
    characters become visible ``<U+202E>`` marks (newlines stay only where allowed)."""
    text = "" if value is None else str(value)
    if multiline:
        text = text.replace("\r\n", "\n")
        return "\n".join(_HIDDEN.sub(_mark, line) for line in text.split("\n"))
    return _HIDDEN.sub(_mark, text)


def _mark(m: re.Match[str]) -> str:
    return f"<U+{ord(m.group(0)):04X}>"


def parse_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed


def when(value: Any, local_clock: bool = False) -> str:
    """'30 Nov 2026 20:18:30 UTC = 2026년 12월 1일 05:18:30 KST (UTC+09:00)'; ``local_clock``
    marks times the collecting computer's clock gave (see LOCAL_CLOCK)."""
    t = parse_time(value)
    if t is None:
        return shown(value) or "-"
    u, k = t.astimezone(dt.UTC), t.astimezone(KST)
    text = (
        f"{u.day} {_MONTHS[u.month - 1]} {u.year} {u:%H:%M:%S} UTC = "
        f"{k.year}년 {k.month}월 {k.day}일 {k:%H:%M:%S} KST (UTC+09:00)"
    )
    return text + (" [local clock / 컴퓨터 시계]" if local_clock else "")


def size_text(size: Any) -> str:
    try:
        n = int(size)
    except (TypeError, ValueError):
        return "-"
    if n < 1024:
        return f"{n} bytes"
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            break
    return f"{value:.1f} {unit} ({n:,} bytes)"


LOCAL_CLOCK = (
    "Times marked [local clock] come from the clock of the computer that recorded them; "
    "the app cannot prove that clock was right. A trusted timestamp (RFC 3161) is the "
    "independent proof: its time (genTime) is set by the time-stamp authority and shows the "
    "record existed by then.\n"
    "[컴퓨터 시계]로 표시된 시각은 기록한 컴퓨터의 시계에서 온 것으로, 그 시계가 정확했는지는 앱이 "
    "증명할 수 없습니다. 신뢰 타임스탬프(RFC 3161)의 시각(genTime)은 타임스탬프 기관이 정하며, "
    "기록이 늦어도 그 시각에 존재했음을 증명합니다."
)

MANIFEST_STAMP = (
    "This bundle's tag manifest (tagmanifest-sha256.txt, which fixes the hash of every file "
    "including this report) is time-stamped after this report was written, so its time "
    "cannot appear here: it is signature/tagmanifest-sha256.txt.tsr in the bundle (if a TSA "
    "answered at export; otherwise a later BUNDLE.stamp.json). check_bundle.py and "
    "`locker verify-bundle` print its time; VERIFY.txt shows the openssl command.\n"
    "이 번들의 태그 매니페스트(이 보고서를 포함한 모든 파일의 해시값 목록)의 타임스탬프는 이 보고서를 "
    "만든 뒤에 받으므로 여기에 적을 수 없습니다. 번들의 signature/tagmanifest-sha256.txt.tsr 에 "
    "있으며, check_bundle.py 와 locker verify-bundle 이 그 시각을 보여 줍니다."
)

EVENTS: dict[str, tuple[str, str]] = {
    Event.VAULT_CREATED: ("Evidence vault created", "증거 보관함 생성"),
    Event.ITEM_ADDED: ("Evidence collected and stored", "증거 수집·저장"),
    Event.NOTE_ADDED: ("Note added", "메모 추가"),
    Event.TAG_ADDED: ("Tag added", "태그 추가"),
    Event.TAG_REMOVED: ("Tag removed", "태그 제거"),
    Event.ITEM_ARCHIVED: ("Archived (kept, hidden from the normal list)", "숨김 보관 (삭제 아님)"),
    Event.ITEM_UNARCHIVED: ("Taken out of the archive", "숨김 보관 해제"),
    Event.ITEM_REVEALED: ("Viewed unblurred", "흐림 없이 열람"),
    Event.ITEM_EXTRACTED: ("Copied out of the vault", "보관함 밖으로 사본 추출"),
    Event.VAULT_VERIFIED: ("Vault integrity checked", "보관함 무결성 검사"),
    Event.BACKUP_MADE: ("Backup made", "백업 생성"),
    Event.PASSPHRASE_CHANGED: ("Vault passphrase changed", "보관함 암호 변경"),
    Event.IDENTITY_EXPORTED: ("Vault key exported", "보관함 키 내보내기"),
    Event.VAULT_RECOVERED: (
        "Vault rebuilt from a damaged vault's intact records",
        "손상된 보관함의 온전한 기록으로 보관함 복구",
    ),
    Event.HISTORY_GAP_ACCEPTED: (
        "Noted: the vault's history is shorter than this computer saw",
        "확인됨: 보관함 기록이 이 컴퓨터가 본 것보다 짧음",
    ),
    Event.BUNDLE_EXPORTED: ("Handed over in a sealed bundle", "봉인된 번들로 인계"),
    Event.BUNDLE_WRITTEN: ("Bundle file written", "번들 파일 작성"),
    Event.BUNDLE_EXPORT_FAILED: ("Bundle export failed", "번들 내보내기 실패"),
    Event.BUNDLE_IMPORTED: ("Bundle received and checked", "번들 수령 및 검증"),
    Event.RECEIVED: ("Received from an earlier holder", "이전 보유자로부터 수령"),
    Event.RECEIVED_AGAIN: ("Received again (same evidence)", "같은 증거 다시 수령"),
    Event.TAKEDOWN_LOCATION_ADDED: (
        "Location where the material was seen recorded",
        "게시 위치(URL) 기록",
    ),
    Event.TAKEDOWN_LOCATION_LINKED: (
        "Location linked to more evidence",
        "게시 위치를 다른 증거와 연결",
    ),
    Event.TAKEDOWN_REQUEST_CREATED: ("Takedown request drafted", "삭제 요청 작성"),
    Event.TAKEDOWN_STATUS: ("Takedown request status recorded", "삭제 요청 상태 기록"),
    Event.TAKEDOWN_NOTICE_WRITTEN: (
        "Takedown notice written (not sent by the app)",
        "삭제 요청서 작성 (앱이 보내지 않음)",
    ),
    Event.TAKEDOWN_CHECK: (
        "Location re-checked (page only, no images)",
        "게시 위치 재확인 (페이지만, 이미지 없음)",
    ),
    Event.TAKEDOWN_LOCATION_STATUS: (
        "Location status confirmed by re-checks",
        "재확인으로 게시 위치 상태 확정",
    ),
    Event.TAKEDOWN_HASHES_EXPORTED: (
        "Perceptual hash list exported (no images)",
        "지각 해시 목록 내보내기 (이미지 없음)",
    ),
}

TAKEDOWN_STATES = {
    "drafted": "작성",
    "submitted": "제출",
    "acknowledged": "접수 확인",
    "removed": "삭제됨",
    "refused": "거부",
    "partial": "일부 삭제",
    "reappeared": "재게시",
    "up": "게시 중",
    "gone": "없음 (404/410)",
    "soft_404": "없음 페이지",
    "login_wall": "로그인 필요",
    "blocked": "차단 페이지",
    "error": "오류",
}


SEALING = {
    "none": "not encrypted / 암호화 안 함",
    "passphrase": "age, passphrase / age 암호",
    "recipients": "age, recipient's key / age 받는 사람 키",
}


def sealing_words(kind: Any) -> str:
    return SEALING.get(str(kind), shown(kind))


def event_words(name: Any) -> str:
    en, ko = EVENTS.get(str(name), (str(name).replace("_", " ").capitalize(), ""))
    return f"{en} / {ko}" if ko else shown(en)


def event_detail(event: dict[str, Any]) -> str:
    """The facts of one custody event worth reading, in plain words (vault text escaped)."""
    data = event.get("data") or {}
    name = event.get("event")
    if name == Event.ITEM_ADDED:
        arts = data.get("artifacts") or []
        return (
            f"captured {when(data.get('captured_at'), True)}; {len(arts)} file(s) with "
            "their SHA-256 recorded"
        )
    if name == Event.NOTE_ADDED:
        return f"“{shown(data.get('text'), True)}”"
    if name in (Event.TAG_ADDED, Event.TAG_REMOVED):
        return shown(data.get("text"))
    if name in (Event.ITEM_ARCHIVED, Event.ITEM_UNARCHIVED):
        return f"reason: {shown(data.get('reason'))}" if data.get("reason") else ""
    if name == Event.ITEM_REVEALED:
        return shown(data.get("context"))
    if name == Event.BUNDLE_EXPORTED:
        text = (
            f"bundle {shown(data.get('bundle_id'))}, sealing: {sealing_words(data.get('sealing'))}"
        )
        if data.get("recipient"):
            text += f", to {shown(data.get('recipient'))}"
        if data.get("reason"):
            text += f"; reason: {shown(data.get('reason'), True)}"
        return text
    if name == Event.BUNDLE_IMPORTED:
        return (
            f"bundle {shown(data.get('bundle_id'))} from identity "
            f"{shown(data.get('sender_fingerprint'))}"
        )
    if name in (Event.RECEIVED, Event.RECEIVED_AGAIN):
        return f"from identity {shown(data.get('from'))}, bundle {shown(data.get('bundle_id'))}"
    if str(name).startswith("takedown_"):
        return _takedown_detail(str(name), data)
    if name == Event.ITEM_EXTRACTED:
        return ", ".join(shown(f) for f in data.get("files") or [])
    return ""


def _takedown_detail(name: str, data: dict[str, Any]) -> str:
    state = str(data.get("classification") or data.get("status") or "")
    words = f"{state} / {TAKEDOWN_STATES[state]}" if state in TAKEDOWN_STATES else shown(state)
    if name in (Event.TAKEDOWN_LOCATION_ADDED, Event.TAKEDOWN_LOCATION_LINKED):
        return f"{shown(data.get('url'))} ({shown(data.get('platform') or '')})".replace(" ()", "")
    if name == Event.TAKEDOWN_REQUEST_CREATED:
        return (
            f"{shown(data.get('platform'))}, basis {shown(data.get('basis'))}, "
            f"{len(data.get('urls') or [])} URL(s)"
        )
    if name in (Event.TAKEDOWN_STATUS, Event.TAKEDOWN_LOCATION_STATUS):
        ref = f", ref {shown(data.get('reference'))}" if data.get("reference") else ""
        by = f" by {shown(data.get('source'))}" if data.get("source") else ""
        return f"{words}{by}{ref} {shown(data.get('url') or '')}".strip()
    if name == Event.TAKEDOWN_CHECK:
        return f"{words}, HTTP {shown(data.get('http_status') or '-')}, {shown(data.get('url'))}"
    if name == Event.TAKEDOWN_NOTICE_WRITTEN:
        return f"{shown(data.get('lang'))}, {shown(data.get('format'))}, {data.get('urls')} URL(s)"
    return ""


def when_short(value: Any, local_clock: bool = False) -> str:
    """Two short lines for tables: UTC, then KST."""
    t = parse_time(value)
    if t is None:
        return shown(value) or "-"
    return (
        f"{t.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC\n"
        f"{t.astimezone(KST):%Y-%m-%d %H:%M:%S} KST (+09:00)"
        + ("\n[local clock / 컴퓨터 시계]" if local_clock else "")
    )
