"""A case with a few hundred small items, all covered by one shared token: export,
verify and import work and every exhibit's token and proof hold."""

from __future__ import annotations

from app.bundle.export import export_bundle, select_items
from app.bundle.importer import import_bundle
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.vault.models import NewArtifact, NewItem
from app.vault.verify import verify_vault
from tests.bundle.conftest import stamp


def test_many_items_share_one_token(make_vault, tsa_configured, tmp_path):
    vault = make_vault("many")
    for n in range(300):
        vault.add_item(
            NewItem(
                "web",
                "Takedowns",
                f"post {n}",
                source_url=f"https://x.test/{n}",
                thumbnail_role=None,
            ),
            [NewArtifact("original", f"post-{n}.html", f"<p>{n}</p>".encode(), "text/html")],
        )
    stamp(vault, tsa_configured)
    bundle = tmp_path / "many.zip"
    result = export_bundle(
        vault, bundle, select_items(vault, case="Takedowns"), Sealing(), stamp=False
    )
    assert result.exhibits[-1] == "E-300" and result.self_check_ok
    report = verify_bundle(bundle)
    assert report.ok, report.text()
    assert all(e["timestamps"] == 1 for e in report.exhibits)
    receiver = make_vault("receiver")
    imported = import_bundle(receiver, bundle)
    assert len(imported.items) == 300 and verify_vault(receiver).ok
