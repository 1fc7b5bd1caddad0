"""Bundle tests: real vaults, a real local TSA, real age/openssl/bagit/sha256sum tools,
synthetic images only, never the internet."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.timestamp import service
from app.timestamp.config import tsa_from_args
from app.vault import Vault
from app.vault.models import NewArtifact, NewItem
from tests.conftest import PASSPHRASE
from tests.helpers.tsa import LocalTSA, isolated_tsa_config, local_tsa  # noqa: F401 - fixtures

KOREAN_TITLE = "불법촬영물 게시글 캡처 증거"


@pytest.fixture(autouse=True)
def _no_public_tsas(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("isolated_tsa_config")


def synthetic_png(seed: int, size: tuple[int, int] = (120, 80)) -> bytes:
    image = Image.new("RGB", size, ((seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256))
    for x in range(0, size[0], 7):
        image.putpixel((x, (x * seed) % size[1]), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def fill_vault(vault: Vault, case: str = "사건 1", count: int = 2) -> list[Any]:
    items = []
    for n in range(count):
        items.append(
            vault.add_item(
                NewItem(
                    "screenshot",
                    case,
                    f"{KOREAN_TITLE} {n + 1}",
                    source_url=f"https://example.test/p/{n}",
                    metadata={"page": n, "note": "합성 테스트 이미지"},
                ),
                [
                    NewArtifact("original", f"캡처 {n + 1}.png", synthetic_png(n + 1), "image/png"),
                    NewArtifact(
                        "page.html",
                        "page.html",
                        f"<html><p>post {n}</p></html>".encode(),
                        "text/html",
                    ),
                ],
            )
        )
    vault.add_item(
        NewItem("file", "Other case", "unrelated secret"),
        [NewArtifact("original", "other.txt", b"OTHER-CASE-SECRET-MARKER", "text/plain")],
    )
    return items


@pytest.fixture
def make_vault(tmp_path: Path) -> Iterator[Callable[[str], Vault]]:
    opened: list[Vault] = []

    def factory(name: str) -> Vault:
        vault = Vault.create(tmp_path / f"{name}.locker", PASSPHRASE)
        opened.append(vault)
        return vault

    yield factory
    for vault in opened:
        vault.close()


@pytest.fixture
def tsa_configured(
    local_tsa: Callable[..., LocalTSA],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> LocalTSA:
    """A running local TSA that is this machine's configured (and trusted) TSA."""
    tsa = local_tsa()
    config = tmp_path / "tsa-local.json"
    shutil.copy(tsa.ca_pem, tmp_path / "tsa-root.pem")
    config.write_text(
        json.dumps(
            {"tsas": [{"name": "Local test TSA", "url": tsa.url, "roots": ["tsa-root.pem"]}]}
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))
    return tsa


def stamp(vault: Vault, tsa: LocalTSA) -> None:
    assert service.stamp_pending(vault, [tsa_from_args(tsa.url, [tsa.ca_pem])]).ok


@pytest.fixture
def seal_file(tmp_path: Path) -> Path:
    path = tmp_path / "seal.txt"
    path.write_text("bundle seal 봉인 passphrase\n", encoding="utf-8")
    return path
