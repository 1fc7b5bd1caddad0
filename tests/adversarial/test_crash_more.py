"""Crash injection beyond `add`: SIGKILL during `locker stamp` (the timestamp queue),
`locker import` (a received bundle) and `locker capture-url` (a local page). After each
kill the vault opens and verifies, the timestamp queue accounts for every custody entry,
an import is all or nothing, and every capture reported as saved is present.

Guards: tokens and their leaves stored in one transaction (app.timestamp.service), the
single import transaction (app.bundle.importer._commit), capture's one add_item per page.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.vault import Vault
from tests.adversarial.killer import locker_cmd, run_and_kill
from tests.adversarial.test_crash_injection import assert_vault_whole
from tests.adversarial.util import synthetic_png
from tests.conftest import PASSPHRASE
from tests.helpers.http import PageHandler, serve
from tests.helpers.tsa import LocalTSA


def _stamp_accounting(vault: Vault) -> None:
    from app.timestamp.service import pending_count

    conn = vault.read()
    total = conn.execute("SELECT count(*) FROM custody").fetchone()[0]
    covered = conn.execute("SELECT count(DISTINCT custody_seq) FROM ts_leaves").fetchone()[0]
    assert pending_count(vault) + covered == total
    orphans = conn.execute(
        "SELECT count(*) FROM ts_leaves WHERE token_id NOT IN (SELECT id FROM ts_tokens)"
    ).fetchone()[0]
    assert orphans == 0, "timestamp leaves without their token"


def test_kill_during_stamp_keeps_the_queue_whole(
    tmp_path: Path, passphrase_file: Path, soak: bool
) -> None:
    tsa_a, tsa_b = (
        LocalTSA(tmp_path / "tsa-a", name="A"),
        LocalTSA(tmp_path / "tsa-b", key="ec", name="B"),
    )
    try:
        path = tmp_path / "v.locker"
        with Vault.create(path, PASSPHRASE) as vault:
            vault.add_file(_write(tmp_path / "e0.txt", b"first"))
        cmd = locker_cmd(
            "stamp",
            path,
            "--tsa",
            tsa_a.url,
            "--tsa-ca",
            tsa_a.ca_pem,
            "--tsa",
            tsa_b.url,
            "--tsa-ca",
            tsa_b.ca_pem,
            "--passphrase-file",
            passphrase_file,
        )
        rng = random.Random(7700)
        for trial in range(40 if soak else 10):
            with Vault.open(path, PASSPHRASE) as vault:  # new entries to stamp each round
                vault.add_file(_write(tmp_path / f"e{trial + 1}.txt", b"more %d" % trial))
            result = run_and_kill(cmd, after_seconds=rng.uniform(0.2, 2.0))
            assert "Traceback" not in result.stderr, result.stderr
            with Vault.open(path, PASSPHRASE) as vault:
                assert_vault_whole(vault)  # includes every stored token's verification
                _stamp_accounting(vault)
        final = run_and_kill(cmd, after_seconds=300)
        assert final.returncode == 0, "\n".join(final.lines) + final.stderr
        with Vault.open(path, PASSPHRASE) as vault:
            from app.timestamp.service import pending_count

            assert_vault_whole(vault)
            assert pending_count(vault) <= 1  # the stamp run logs nothing new itself, or one entry
    finally:
        tsa_a.stop()
        tsa_b.stop()


def test_kill_during_import_is_all_or_nothing(
    tmp_path: Path, passphrase_file: Path, soak: bool
) -> None:
    from app.bundle.export import export_bundle, select_items
    from app.bundle.seal import Sealing
    from app.vault.models import NewArtifact, NewItem

    with Vault.create(tmp_path / "sender.locker", "sender") as sender:
        for n in range(6):
            sender.add_item(
                NewItem("file", "Sent", f"exhibit {n}"),
                [NewArtifact("original", f"f{n}.bin", bytes([n]) * 400_000)],
            )
        bundle = tmp_path / "b.bundle"
        export_bundle(sender, bundle, select_items(sender, case="Sent"), Sealing(), stamp=False)
    path = tmp_path / "receiver.locker"
    Vault.create(path, PASSPHRASE).close()
    rng = random.Random(7800)
    for trial in range(30 if soak else 8):
        case = f"Received {trial}"
        result = run_and_kill(
            locker_cmd(
                "import", path, bundle, "--case", case, "--passphrase-file", passphrase_file
            ),
            after_seconds=rng.uniform(0.2, 2.5),
        )
        assert "Traceback" not in result.stderr, result.stderr
        with Vault.open(path, PASSPHRASE) as vault:
            assert_vault_whole(vault)
            got = vault.count_items(case=case, archived=None)
            assert got in (0, 6), f"trial {trial}: a partial import of {got} items"
            if not result.killed:
                assert result.returncode in (0, 5), result.stderr  # 5: already imported
            if got:  # the same bundle cannot be imported twice: start from a fresh vault
                vault.close()
                path.unlink()
                Vault.create(path, PASSPHRASE).close()


@pytest.fixture
def pages() -> Iterator[str]:
    class Handler(PageHandler):
        def do_GET(self) -> None:
            if self.path.endswith(".png"):
                body, ctype = synthetic_png(160, 120, seed=len(self.path)), "image/png"
            else:
                body = (
                    f"<html><head><title>{self.path}</title></head><body>"
                    f"<h1>{self.path}</h1><img src='{self.path}.png'></body></html>"
                ).encode()
                ctype = "text/html; charset=utf-8"
            self.send(200, body, ctype)

    with serve(Handler) as base:
        yield base


def test_kill_during_capture_keeps_every_reported_page(
    tmp_path: Path, passphrase_file: Path, pages: str, soak: bool
) -> None:
    path = tmp_path / "v.locker"
    Vault.create(path, PASSPHRASE).close()
    urls = [f"{pages}/post/{n}" for n in range(4)]
    rng = random.Random(7900)
    reported: dict[int, str] = {}
    first = run_and_kill(
        locker_cmd("capture-url", path, *urls, "--passphrase-file", passphrase_file),
        after_seconds=300,
    )
    assert first.returncode == 0 and len(first.lines) == 4, (first.lines, first.stderr)
    end = first.times[-1]
    for line in first.lines:
        reported[int(line.split("\t")[0])] = line.split("\t")[1]
    for trial in range(20 if soak else 5):
        result = run_and_kill(
            locker_cmd("capture-url", path, *urls, "--passphrase-file", passphrase_file),
            after_seconds=rng.uniform(first.times[0] * 0.7, end),
        )
        assert "Traceback" not in result.stderr, result.stderr
        for line in result.lines:
            item_id, sha, _url = line.split("\t", 2)
            reported[int(item_id)] = sha
        with Vault.open(path, PASSPHRASE) as vault:
            for number, sha in reported.items():
                assert vault.get_item(number).sha256 == sha, f"trial {trial}: item {number}"
            assert_vault_whole(vault)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_kill_during_export_never_leaves_a_half_bundle(
    tmp_path: Path, passphrase_file: Path, soak: bool
) -> None:
    """A bundle appears under its name only when complete: after any kill, the file is
    either absent or verifies; the vault verifies either way."""
    from app.bundle.verify import verify_bundle
    from app.vault.models import NewArtifact, NewItem

    path = tmp_path / "v.locker"
    with Vault.create(path, PASSPHRASE) as vault:
        for n in range(4):
            vault.add_item(
                NewItem("file", "Out", f"exhibit {n}"),
                [NewArtifact("original", f"f{n}.bin", bytes([n + 1]) * 700_000)],
            )
    rng = random.Random(8000)
    for trial in range(25 if soak else 6):
        out = tmp_path / f"bundle-{trial}.zip"
        result = run_and_kill(
            locker_cmd(
                "export",
                path,
                "--out",
                out,
                "--case",
                "Out",
                "--no-encrypt",
                "--no-stamp",
                "--passphrase-file",
                passphrase_file,
            ),
            after_seconds=rng.uniform(0.3, 3.0),
        )
        assert "Traceback" not in result.stderr, result.stderr
        if out.exists():
            assert verify_bundle(out).ok, f"trial {trial}: a bundle under its name does not verify"
        else:
            assert result.killed, result.stderr
        with Vault.open(path, PASSPHRASE) as vault:
            assert_vault_whole(vault)
