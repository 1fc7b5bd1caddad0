"""A bundle whose signing key nothing time-stamped ties to the sender's vault.

A forger who changes an original, rewrites the chain with a new ``vault_created``
fingerprint, strips every token and re-signs with a fresh key produces exactly what an
unstamped export of a brand-new vault is: a bundle that verifies, with nothing anchoring
its identity. `verify-bundle` keeps exit 0 (the fingerprint confirmation is the defence)
but says so loudly, first and last, and in --json; a stamped bundle does not.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.bundle.export import export_bundle, select_items
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.vault.identity import fingerprint_of
from tests.bundle.conftest import fill_vault, stamp
from tests.helpers.cli import locker

LOUD = "NOTHING TIME-STAMPED TIES THIS SIGNING KEY"


def test_unanchored_signer_is_a_loud_warning(make_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    forger = make_vault("fresh")
    fill_vault(forger, count=1)
    out = tmp_path / "b.zip"
    export_bundle(forger, out, select_items(forger, case="사건 1"), Sealing())
    fp = fingerprint_of(forger.signing_key().public_key())

    report = verify_bundle(out)
    assert report.ok and not report.identity_anchored
    assert report.warnings and fp in report.warnings[0] and "by phone" in report.warnings[0]

    text = locker("verify-bundle", out)
    assert text.returncode == 0, text.stderr  # the phone call is the defence
    lines = text.stdout.splitlines()
    assert LOUD in lines[2] and LOUD in lines[-2]  # first and last, where eyes land
    assert "everything holds" not in text.stdout
    doc = json.loads(locker("verify-bundle", out, "--json").stdout)
    assert doc["ok"] and doc["identity_anchored"] is False
    assert len(doc["warnings"]) == 1 and fp in doc["warnings"][0]


def test_stamped_chain_anchors_the_signer(make_vault, tsa_configured, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = make_vault("a")
    fill_vault(a, count=1)
    stamp(a, tsa_configured)
    out = tmp_path / "b.zip"
    export_bundle(a, out, select_items(a, case="사건 1"), Sealing())
    report = verify_bundle(out)
    assert report.ok and report.identity_anchored and report.warnings == []
    text = locker("verify-bundle", out)
    assert text.returncode == 0 and LOUD not in text.stdout
    assert "Bundle verified: everything holds." in text.stdout
