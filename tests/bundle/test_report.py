"""The custody report (PDF and HTML) lists exhibits with blurred thumbnails, hashes,
capture and timestamp times, TSAs, custody events and the certification template, and
Korean text survives (checked with pdftotext)."""

from __future__ import annotations

import json
import re
import subprocess

from app.bundle.export import export_bundle, select_items
from app.bundle.opener import open_bundle
from app.bundle.seal import Sealing
from tests.bundle.conftest import KOREAN_TITLE, fill_vault, stamp


def test_reports_render_korean_and_everything_a_court_needs(make_vault, tsa_configured, tmp_path):
    vault = make_vault("a")
    items = fill_vault(vault)
    vault.record_reveal(items[0].id, "counsellor session")
    stamp(vault, tsa_configured)
    bundle = tmp_path / "r.zip"
    export_bundle(vault, bundle, select_items(vault, case="사건 1"), Sealing())
    bag = tmp_path / "bag"
    report, _ = open_bundle(bundle, bag)
    assert report.ok

    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(bag / "data/report/custody-report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    assert KOREAN_TITLE in flat and "증거 목록" in flat and "Chain of Custody Report" in flat
    for item in items:
        assert item.sha256 in flat.replace(" ", "")
    assert "902(14)" in flat and "해시값 인증서" in flat
    assert "item_revealed" in flat and "bundle_exported" in flat
    assert "Local test TSA" in flat or "Evidence Locker Test TSA" in flat

    html = (bag / "data/report/custody-report.html").read_text(encoding="utf-8")
    assert KOREAN_TITLE in html and "902(14)" in html
    assert html.count("data:image/png;base64,") == len(items)  # blurred thumbnails inline
    assert not re.search(r"(src|href)=['\"]https?:", html) and "<script" not in html
    meta = json.loads((bag / "data/exhibits/E-001/metadata.json").read_text(encoding="utf-8"))
    assert meta["timestamps"] and meta["timestamps"][0]["gen_time"]
    assert meta["thumbnail"]["derived"] is True and meta["thumbnail"]["blurred"] is True
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    from app.vault.identity import fingerprint_of

    assert f"Exporter-Identity-Fingerprint: {fingerprint_of(vault.signing_key().public_key())}" in info
    assert "Bag-Software-Agent: Evidence Locker" in info and "Bagging-Date:" in info
