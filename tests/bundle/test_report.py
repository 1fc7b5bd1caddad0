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


def test_control_and_bidi_characters_are_escaped_and_library_chatter_stays_quiet(
        tmp_path, passphrase_file):
    """Issue 10 §8: an item title with U+202E (and a glyph the font lacks) must not reach
    stderr through fpdf2's "missing glyphs" warning, and the reports show the control
    characters as visible escapes instead of letting them reorder the text."""
    from tests.helpers.cli import locker

    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    # The title of an added file is its name.
    evidence = tmp_path / "post \u202egpj.exe\u202c by user\x07 \U0001F600.txt"
    evidence.write_bytes(b"synthetic")
    proc = locker("add", vault, evidence, "--case", "C", passphrase_file=passphrase_file)
    assert proc.returncode == 0, proc.stderr
    bundle = tmp_path / "b.bundle"
    proc = locker("export", vault, "--out", bundle, "--case", "C", "--no-encrypt", "--no-stamp",
                  passphrase_file=passphrase_file)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr                 # no library chatter at all
    assert "\u202e" not in proc.stdout
    bag = tmp_path / "bag"
    report, _ = open_bundle(bundle, bag)
    assert report.ok
    pdf = subprocess.run(["pdftotext", "-enc", "UTF-8", str(bag / "data/report/custody-report.pdf"),
                          "-"], capture_output=True, text=True, check=True).stdout
    html = (bag / "data/report/custody-report.html").read_text(encoding="utf-8")
    for text in (pdf, html):
        assert "\u202e" not in text and "\u202c" not in text and "\x07" not in text
        assert "<U+202E>" in text.replace("&lt;", "<").replace("&gt;", ">")
