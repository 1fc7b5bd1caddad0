"""Fixtures for the adversarial suite: fast vault copies, the soak switch, snapshots.

Most loops here open vaults in-process with a key derived once (``Vault.open(path,
key=...)``) so hundreds of trials fit the CI budget; the CLI is used where the product's
own process boundary matters (crash injection, leak scan, network watch).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.util import VaultTemplate, build_template


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "adversarial: adversarial suite (tests/adversarial)")


@pytest.fixture
def soak(request: pytest.FixtureRequest) -> bool:
    """True under ``pytest --soak``: loops run many more trials."""
    return bool(request.config.getoption("--soak"))


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> VaultTemplate:
    """A closed, populated vault built once per session (key derived once)."""
    return build_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def vault_copy(template: VaultTemplate, tmp_path: Path) -> Iterator[Path]:
    """A private byte-for-byte copy of the template vault."""
    dest = tmp_path / "copy.locker"
    shutil.copyfile(template.path, dest)
    yield dest
