"""Tampering with a closed vault file: single-byte flips, truncations and appended bytes
at hundreds of positions. Every change must be caught by open or verify; none may be
reported as OK, and a refused open must not touch the file.

Guards: SQLCipher per-page HMAC (cipher_integrity_check in verify), the page-size check
at open, and verify's storage check over every page.

Both page formats (app/vault/page_format.py) are attacked: format 2 (16 KiB pages,
HMAC-SHA256, new vaults) and format 1 (4 KiB pages, HMAC-SHA512: every vault made before
issue 15). Positions follow the vault's real layout, read from its salt.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.vault import db, kdf, page_format
from tests.adversarial.tamper import UNDETECTED, outcome
from tests.adversarial.util import VaultTemplate, build_template
from tests.helpers.cli import locker

IV = 16  # SQLCipher: each page ends with its 16-byte IV, then the HMAC
HMAC_LEN = {"HMAC_SHA512": 64, "HMAC_SHA256": 32}


def _layout(path: Path) -> tuple[int, int]:
    """(page size, reserved bytes at the end of each page) of this vault's format."""
    fmt = page_format.for_salt(db.read_salt(path))
    return fmt.page_size, IV + HMAC_LEN[fmt.hmac]


@pytest.fixture(scope="module")
def format1_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultTemplate]:
    """The same populated vault in page format 1, as every vault made before issue 15."""
    real = kdf.new_salt
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kdf, "new_salt", lambda version=1: real(version))
        yield build_template(tmp_path_factory.mktemp("template-format1"))


@pytest.fixture(params=["format 2", "format 1"])
def formatted(
    request: pytest.FixtureRequest, template: VaultTemplate, format1_template: VaultTemplate
) -> VaultTemplate:
    chosen = template if request.param == "format 2" else format1_template
    assert db.read_salt(chosen.path)[0] == int(request.param[-1])
    return chosen


def _flip_positions(path: Path, size: int, rng: random.Random, extra: int) -> list[int]:
    """Structured positions on every page (first byte, just after the salt, middle, the
    IV, the HMAC, last byte) plus ``extra`` random ones."""
    page, reserve = _layout(path)
    positions: set[int] = set()
    for start in range(0, size, page):
        for off in (0, 16, 24, page // 2, page - reserve, page - reserve + IV, page - 1):
            if start + off < size:
                positions.add(start + off)
    positions.update(rng.randrange(size) for _ in range(extra))
    return sorted(positions)


def _regions_hit(path: Path, size: int, positions: list[int]) -> set[tuple[int, str]]:
    """(page, region) pairs the positions fall in: data, IV or MAC of each page."""
    page, reserve = _layout(path)
    hit = set()
    for pos in positions:
        off = pos % page
        region = "data" if off < page - reserve else "iv" if off < page - reserve + IV else "mac"
        hit.add((pos // page, region))
    return hit


def test_every_single_byte_flip_is_detected(
    formatted: VaultTemplate, tmp_path: Path, soak: bool
) -> None:
    template = formatted
    original = template.path.read_bytes()
    page, _ = _layout(template.path)
    assert len(original) % page == 0
    rng = random.Random(7001)
    positions = (
        list(range(len(original)))
        if soak
        else _flip_positions(template.path, len(original), rng, extra=300)
    )
    assert len(positions) >= 300
    every = {(n, r) for n in range(len(original) // page) for r in ("data", "iv", "mac")}
    assert _regions_hit(template.path, len(original), positions) == every
    missed = []
    for pos in positions:
        data = bytearray(original)
        data[pos] ^= rng.choice((0x01, 0x80, 0xFF, rng.randrange(1, 256)))
        result, detail = outcome(bytes(data), tmp_path / "t.locker", template.key)
        if result == UNDETECTED:
            missed.append(pos)
    assert not missed, f"byte flips at {missed[:20]} were reported as OK"


def test_truncation_is_detected(formatted: VaultTemplate, tmp_path: Path, soak: bool) -> None:
    template = formatted
    original = template.path.read_bytes()
    page, reserve = _layout(template.path)
    rng = random.Random(7002)
    lengths = set(range(0, len(original), page))  # whole pages cut off
    lengths |= {1, 15, 16, 100, len(original) - 1, len(original) - reserve}
    lengths |= {rng.randrange(len(original)) for _ in range(400 if soak else 60)}
    missed = []
    for n in sorted(lengths):
        result, _ = outcome(original[:n], tmp_path / "t.locker", template.key)
        if result == UNDETECTED:
            missed.append(n)
    assert not missed, f"truncation to {missed[:20]} bytes was reported as OK"


def test_appended_bytes_are_detected(formatted: VaultTemplate, tmp_path: Path, soak: bool) -> None:
    template = formatted
    original = template.path.read_bytes()
    page, _ = _layout(template.path)
    rng = random.Random(7003)
    tails = [
        b"\x00",
        b"x",
        bytes(page),
        bytes([0xFF]) * page,
        rng.randbytes(page),
        rng.randbytes(2 * page),
        original[page : 2 * page],  # a replayed real page
        original[-page:],
    ]
    tails += [rng.randbytes(rng.randrange(1, 3 * page)) for _ in range(200 if soak else 40)]
    missed = []
    for tail in tails:
        result, _ = outcome(original + tail, tmp_path / "t.locker", template.key)
        if result == UNDETECTED:
            missed.append(len(tail))
    assert not missed, f"appending {missed[:20]} bytes was reported as OK"


def test_swapped_and_replayed_pages_are_detected(formatted: VaultTemplate, tmp_path: Path) -> None:
    """Whole valid pages moved around: each carries an HMAC over its page number."""
    template = formatted
    original = template.path.read_bytes()
    page, _ = _layout(template.path)
    pages = [original[i : i + page] for i in range(0, len(original), page)]
    missed = []
    for a in range(1, len(pages)):
        b = (a * 7 + 3) % len(pages)
        if a == b or pages[a] == pages[b]:
            continue
        swapped = list(pages)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        result, _ = outcome(b"".join(swapped), tmp_path / "t.locker", template.key)
        if result == UNDETECTED:
            missed.append((a, b))
    assert not missed, f"swapping pages {missed[:10]} was reported as OK"


def test_cli_verify_reports_tampering_without_traceback(
    template: VaultTemplate, tmp_path: Path, passphrase_file: Path
) -> None:
    """The person-facing path: `locker verify` exits non-zero with one line, never 0."""
    original = template.path.read_bytes()
    rng = random.Random(7004)
    cases = {
        "flip in a data page": _flipped(original, len(original) // 2),
        "flip in the last HMAC": _flipped(original, len(original) - 10),
        "flip on page 1": _flipped(original, 200),
        "truncated": original[: len(original) - 777],
        "appended page": original + rng.randbytes(_layout(template.path)[0]),
    }
    for label, data in cases.items():
        path = tmp_path / f"{label.replace(' ', '_')}.locker"
        path.write_bytes(data)
        result = locker("verify", path, passphrase_file=passphrase_file)
        assert result.returncode in (3, 4, 5), (label, result.returncode, result.stderr)
        assert "Traceback" not in result.stderr, (label, result.stderr)
        assert "unexpected error" not in result.stderr, (label, result.stderr)
    # Control: the untouched copy verifies, so the failures above are due to the change.
    good = tmp_path / "good.locker"
    shutil.copyfile(template.path, good)
    result = locker("verify", good, passphrase_file=passphrase_file)
    assert result.returncode == 0, result.stdout + result.stderr


def _flipped(data: bytes, pos: int) -> bytes:
    out = bytearray(data)
    out[pos] ^= 0x20
    return bytes(out)


@pytest.mark.parametrize("pos", [0, 8, 15])
def test_flipped_salt_never_opens_as_a_new_or_empty_vault(
    template: VaultTemplate, tmp_path: Path, pos: int
) -> None:
    """The salt names the KDF: a damaged salt must be refused, never re-derived into an
    empty vault."""
    data = _flipped(template.path.read_bytes(), pos)
    result, detail = outcome(data, tmp_path / "t.locker", template.key)
    assert result != UNDETECTED, detail


def test_failed_opens_never_touch_the_file(template: VaultTemplate, tmp_path: Path) -> None:
    """Wrong passphrase, a damaged vault, a photo renamed .locker, an empty file: the
    command fails with its documented code and the file keeps its bytes and mtime."""
    from tests.adversarial.util import snapshot, synthetic_png

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    right = tmp_path / "right.txt"
    right.write_text("correct horse battery staple 한글\n", encoding="utf-8")
    vault = tmp_path / "v.locker"
    shutil.copyfile(template.path, vault)
    damaged = tmp_path / "damaged.locker"
    damaged.write_bytes(_flipped(template.path.read_bytes(), 300))
    photo = tmp_path / "photo.locker"
    photo.write_bytes(synthetic_png())
    empty = tmp_path / "empty.locker"
    empty.write_bytes(b"")
    cases = [(vault, wrong, 3), (damaged, right, 3), (photo, right, 5), (empty, right, 5)]
    for path, pf, code in cases:
        before = snapshot(path)
        for command in (("list", path), ("verify", path), ("add", path, str(right))):
            result = locker(*command, passphrase_file=pf)
            assert result.returncode == code, (
                path.name,
                command[0],
                result.returncode,
                result.stderr,
            )
            assert snapshot(path) == before, f"{command[0]} changed {path.name}"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)) == [
            path.name
        ]
