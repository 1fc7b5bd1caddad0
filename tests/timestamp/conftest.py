"""Timestamp tests: a real local TSA, and never the internet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.tsa import local_tsa  # noqa: F401 - fixture

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "tsa-real"


@pytest.fixture(autouse=True)
def no_public_tsas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty TSA list, so nothing (in-process or in a CLI subprocess) contacts a
    public TSA."""
    config = tmp_path / "tsa-none.json"
    config.write_text('{"tsas": []}', encoding="utf-8")
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))
    yield config


@pytest.fixture
def real_fixtures() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip("../shared/fixtures/tsa-real is not available")
    return FIXTURES
