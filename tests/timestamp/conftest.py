"""Timestamp tests: a real local TSA, and never the internet."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.tsa import isolated_tsa_config, local_tsa  # noqa: F401 - fixtures

# ../shared beside the checkout (found from any depth, so git worktrees see it too).
FIXTURES = next(
    (
        p / "shared" / "fixtures" / "tsa-real"
        for p in Path(__file__).resolve().parents[2:]
        if (p / "shared" / "fixtures" / "tsa-real").is_dir()
    ),
    Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "tsa-real",
)


@pytest.fixture(autouse=True)
def _no_public_tsas(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("isolated_tsa_config")


@pytest.fixture
def real_fixtures() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip("../shared/fixtures/tsa-real is not available")
    return FIXTURES
