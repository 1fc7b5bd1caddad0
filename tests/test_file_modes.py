"""Private file modes: under umask 022 everything the app writes outside its config folder
is 0600 (files) / 0700 (folders): the vault and its -wal/-shm, backups, bundles,
extracted originals and tokens, opened bundle folders, stamp files, identity files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.timestamp import service
from app.timestamp.config import tsa_from_args
from tests.conftest import PASSPHRASE
from tests.helpers.cli import locker
from tests.helpers.tsa import LocalTSA, isolated_tsa_config, local_tsa  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def umask_022(request: pytest.FixtureRequest) -> Iterator[None]:
    request.getfixturevalue("isolated_tsa_config")
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def assert_private_tree(root: Path) -> None:
    assert mode(root) == 0o700, root
    for path in root.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_everything_written_is_private(tmp_path: Path, local_tsa: Callable[..., LocalTSA]) -> None:  # noqa: F811
    from app.bundle.export import export_bundle, select_items
    from app.bundle.opener import open_bundle
    from app.bundle.seal import Sealing
    from app.bundle.stamp_later import write_stamp
    from app.services.extract import extract_item
    from app.vault import Vault
    from app.vault.identity import export_age_identity
    from app.vault.maintenance import backup, change_passphrase
    from app.vault.models import NewArtifact, NewItem

    tsa = local_tsa()
    tsas = [tsa_from_args(tsa.url, [tsa.ca_pem])]
    path = tmp_path / "case.locker"
    vault = Vault.create(path, PASSPHRASE)
    try:
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600 and mode(Path(f"{path}-shm")) == 0o600
        vault.add_item(
            NewItem("file", "Case 1", "photo.jpg"),
            [NewArtifact("original", "photo.jpg", b"\xff\xd8 synthetic", "image/jpeg")],
        )
        assert service.stamp_pending(vault, tsas).ok

        (tmp_path / "usb").mkdir()
        copy = backup(vault, f"{tmp_path / 'usb'}/")
        assert mode(copy) == 0o600

        bundle = export_bundle(
            vault,
            tmp_path / "case.bundle",
            select_items(vault, "Case 1"),
            Sealing(passphrase="seal"),
            stamp=False,
        ).path
        assert mode(bundle) == 0o600
        assert service.stamp_pending(vault, tsas).ok
        assert mode(write_stamp(vault, bundle, stamp_now=False)) == 0o600

        written = extract_item(vault, "1", tmp_path / "exhibits" / "case 1")
        assert any(p.suffix == ".tsr" for p in written)  # token files too
        assert_private_tree(tmp_path / "exhibits")

        export_age_identity(vault, tmp_path / "identity.txt")
        assert mode(tmp_path / "identity.txt") == 0o600

        vault = change_passphrase(vault, PASSPHRASE + " new")
        assert mode(path) == 0o600
    finally:
        vault.close()

    report, _ = open_bundle(bundle, tmp_path / "opened", passphrase="seal")
    assert report.ok
    assert_private_tree(tmp_path / "opened")


def test_cli_init_is_private(tmp_path: Path, passphrase_file: Path) -> None:
    res = locker("init", tmp_path / "new.locker", passphrase_file=passphrase_file)
    assert res.returncode == 0, res.stderr
    assert mode(tmp_path / "new.locker") == 0o600
    assert res.stderr == ""  # a normal disk keeps files private: no warning
