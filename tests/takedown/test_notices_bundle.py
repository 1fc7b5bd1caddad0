"""Notices in both languages list every URL with each legal element of their basis (.txt,
.eml, .pdf); status changes and checks are custody events that appear in the exported
bundle's custody chain and in the custody report's plain-words event list."""

from __future__ import annotations

import datetime as dt
import email
import json
import subprocess
from pathlib import Path

import pytest

from app.bundle.export import export_bundle, select_items
from app.bundle.opener import open_bundle
from app.bundle.seal import Sealing
from app.takedown import model
from app.takedown.notices import Sender, write_notice
from app.takedown.recheck import recheck
from app.vault import Vault
from tests.takedown.conftest import Site

URLS = ["https://x.com/u/status/11", "https://x.com/u/status/12", "https://twitter.com/u/status/13"]
ELEMENTS = {
    ("tida", "en"): [
        "Signature",
        "Good-faith statement",
        "not consensual",
        "Contact",
        "Email",
        "48 hours",
    ],
    ("tida", "ko"): ["서명", "선의의 진술", "동의 없이", "요청인 정보", "이메일", "48시간"],
    ("dsa", "en"): [
        "(a) Substantiated explanation",
        "(b) Exact electronic location",
        "Name",
        "Email",
        "(d) I confirm my bona fide belief",
    ],
    ("dsa", "ko"): ["(a) 불법성의 근거", "(b) 정확한 위치", "성명", "이메일", "(d)"],
    ("kr", "ko"): [
        "전기통신사업법 제22조의5",
        "성폭력범죄의 처벌 등에 관한 특례법 제14조",
        "성명",
        "연락처",
        "서명",
        "02-735-8994",
        "1366",
        "1377",
    ],
    ("kr", "en"): ["Korean version", "Signature", "Contact"],
    ("other", "en"): ["good faith", "Signature"],
}


def _request(vault: Vault, tmp_path: Path, basis: str) -> tuple[int, model.Request]:
    p = tmp_path / f"{basis}.txt"
    p.write_text(basis)
    item = vault.add_file(p, case="사건 1").id
    for url in URLS:
        model.add_location(vault, item, url)
    return item, model.new_request(vault, "x", basis, [item])


@pytest.mark.parametrize("basis,lang", sorted(ELEMENTS))
def test_notice_has_every_url_and_element(
    vault: Vault, tmp_path: Path, basis: str, lang: str
) -> None:
    _item, req = _request(vault, tmp_path, basis)
    sender = Sender(name="김지은", email="jieun@example.org", contact="010-0000-0000")
    out = write_notice(vault, str(req.id), lang, tmp_path / f"{basis}-{lang}.txt", sender)
    text = out.read_text(encoding="utf-8")
    for url in URLS:
        assert url in text
    for element in ELEMENTS[(basis, lang)]:
        assert element in text, element
    assert "김지은" in text and "jieun@example.org" in text
    eml = write_notice(vault, str(req.id), lang, tmp_path / f"{basis}-{lang}.eml", sender)
    msg = email.message_from_bytes(eml.read_bytes())
    body = msg.get_payload(decode=True).decode(msg.get_content_charset() or "utf-8")
    assert all(url in body for url in URLS) and msg["X-Evidence-Locker"] == "draft, not sent"
    events = [e for e in vault.custody_log() if e.event == "takedown_notice_written"]
    assert len(events) == 2


def test_pdf_notice_in_korean(vault: Vault, tmp_path: Path) -> None:
    _item, req = _request(vault, tmp_path, "kr")
    pdf = write_notice(vault, str(req.id), "ko", tmp_path / "n.pdf", Sender(name="김지은"))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for url in URLS:
        assert url in text
    assert "전기통신사업법" in text and "02-735-8994" in text
    with pytest.raises(Exception, match="already exists"):
        write_notice(vault, str(req.id), "ko", tmp_path / "n.pdf", Sender())


def test_takedown_events_in_bundle_and_custody_report(
    vault: Vault, tmp_path: Path, site: Site
) -> None:
    item, req = _request(vault, tmp_path, "tida")
    model.mark(vault, str(req.id), "submitted", "X-555")
    site.mode["/gone"] = "410"
    model.add_location(vault, item, site.url("/gone"))
    recheck(vault, [item], now=lambda: dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC))
    bundle = tmp_path / "b.zip"
    export_bundle(vault, bundle, select_items(vault, case="사건 1"), Sealing(), stamp=False)
    bag = tmp_path / "bag"
    report, _ = open_bundle(bundle, bag)
    assert report.ok
    disclosed = []
    for chain in bag.rglob("*.jsonl"):
        for line in chain.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if "payload" in entry:
                disclosed.append(json.loads(entry["payload"])["event"])
    for event in (
        "takedown_location_added",
        "takedown_request_created",
        "takedown_status",
        "takedown_check",
    ):
        assert event in disclosed, event
    html = next(bag.rglob("custody-report.html")).read_text(encoding="utf-8")
    assert "Takedown request status recorded / 삭제 요청 상태 기록" in html
    assert "Location re-checked (page only, no images)" in html
    assert "게시 위치 재확인" in html and "X-555" in html and "gone / 없음 (404/410)" in html
    pdf = next(bag.rglob("custody-report.pdf"))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "삭제 요청 작성" in text
