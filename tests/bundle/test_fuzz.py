"""Damaged or random input never crashes verification: every failure is a LockerError
(a one-line message and an exit code), never another exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bundle.export import export_bundle, select_items
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.errors import LockerError
from app.vault import Vault
from tests.bundle.conftest import fill_vault
from tests.bundle.craft import write_zip
from tests.conftest import PASSPHRASE


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("fuzz")
    with Vault.create(folder / "v.locker", PASSPHRASE) as vault:
        fill_vault(vault, count=1)
        export_bundle(
            vault, folder / "b.zip", select_items(vault, case="사건 1"), Sealing(), stamp=False
        )
    return (folder / "b.zip").read_bytes()


def _verify_quietly(path: Path) -> None:
    try:
        report = verify_bundle(path)
    except LockerError:
        return
    assert not report.ok


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_bundles_fail_cleanly(small_bundle, tmp_path, data):
    blob = bytearray(small_bundle)
    kind = data.draw(st.sampled_from(["overwrite", "truncate", "insert"]))
    pos = data.draw(st.integers(0, len(blob) - 1))
    chunk = data.draw(st.binary(min_size=1, max_size=64))
    if kind == "overwrite":
        blob[pos : pos + len(chunk)] = chunk
        if bytes(blob) == small_bundle:
            return
    elif kind == "truncate":
        del blob[pos:]
    else:
        blob[pos:pos] = chunk
    path = tmp_path / "m.zip"
    path.write_bytes(bytes(blob))
    _verify_quietly(path)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    members=st.lists(
        st.tuples(st.text(min_size=1, max_size=30), st.binary(max_size=200)), min_size=1, max_size=8
    )
)
def test_random_zips_fail_cleanly(tmp_path, members):
    path = tmp_path / "r.zip"
    try:
        write_zip(path, members)
    except (ValueError, UnicodeEncodeError):
        return  # not even writable as a zip
    _verify_quietly(path)
