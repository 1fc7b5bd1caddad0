"""The collector's statement (data/report/collection-statement.pdf/.html): bilingual,
pre-filled from the vault (identity, how, when in KST and UTC, each exhibit with its
SHA-256), blanks to sign, the 902(14)-style certification, marked as a template for
counsel; listed in the bag's manifest like every payload file."""

from __future__ import annotations

import hashlib
import re

from app.bundle.export import export_bundle, select_items
from app.bundle.opener import open_bundle
from app.bundle.seal import Sealing
from app.vault.identity import fingerprint_of
from app.vault.models import NewArtifact, NewItem
from tests.bundle.conftest import KOREAN_TITLE, fill_vault, stamp
from tests.bundle.test_report import font_sizes, pdf_pages


def test_collection_statement(make_vault, tsa_configured, tmp_path):
    vault = make_vault("s")
    items = fill_vault(vault, count=2)
    items.append(
        vault.add_item(
            NewItem("file", "사건 1", "받은 메시지 사진"),
            [NewArtifact("original", "msg.jpg", b"\xff\xd8synthetic", "image/jpeg")],
        )
    )
    stamp(vault, tsa_configured)
    bundle = tmp_path / "s.zip"
    export_bundle(vault, bundle, select_items(vault, case="사건 1"), Sealing())
    bag = tmp_path / "bag"
    report, _ = open_bundle(bundle, bag)
    assert report.ok
    pdf = bag / "data/report/collection-statement.pdf"
    pages = pdf_pages(pdf)
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    flat = re.sub(r"\s+", " ", " ".join(pdf_pages(pdf, layout=False)))
    assert "Statement of Evidence Collection / 증거 수집 확인서" in flat
    assert fingerprint_of(vault.signing_key().public_key()) in flat
    assert "Screenshot taken in the app" in flat and "앱에서 화면 캡처" in flat
    assert "Imported file" in flat and "기존 파일을 앱으로 가져옴" in flat
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d KST \(\+09:00\)", flat)
    assert "UTC" in flat and KOREAN_TITLE in flat
    compact = flat.replace(" ", "")
    for item in items:
        assert item.sha256 in compact
    for words in (
        "did not alter",
        "변경·편집하거나",
        "Name / 성명",
        "Date / 일자",
        "Place / 장소",
        "Signature / 서명",
        "무결성·동일성",
        "integrity and identity",
        "902(14)",
        "template for counsel",
    ):
        assert words in flat, words
    assert min(font_sizes(pdf)) >= 8
    html = (bag / "data/report/collection-statement.html").read_text(encoding="utf-8")
    for words in ("증거 수집 확인서", "Signature / 서명", "902(14)", items[0].sha256, "KST"):
        assert words in html, words
    manifest = (bag / "manifest-sha256.txt").read_text(encoding="utf-8")
    for name in ("collection-statement.pdf", "collection-statement.html"):
        digest = hashlib.sha256((bag / "data/report" / name).read_bytes()).hexdigest()
        assert f"{digest}  data/report/{name}" in manifest
