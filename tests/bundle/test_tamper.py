"""Flip one byte anywhere in a bundle: verification fails, for plain, recipient-sealed
and passphrase-sealed bundles (many random positions, plus the first and last byte)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.bundle.export import export_bundle, select_items
from app.bundle.seal import Sealing, parse_identities
from app.bundle.verify import verify_bundle
from app.errors import LockerError
from app.vault.identity import age_recipient_of
from tests.bundle.conftest import fill_vault, stamp


def _fails(path: Path, **keys: object) -> bool:
    try:
        return not verify_bundle(path, **keys).ok  # type: ignore[arg-type]
    except LockerError:
        return True


def _positions(size: int, count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return sorted({0, size - 1, *(rng.randrange(size) for _ in range(count))})


@pytest.fixture
def sender(make_vault, tsa_configured):
    vault = make_vault("sender")
    fill_vault(vault)
    stamp(vault, tsa_configured)
    return vault


@pytest.mark.parametrize("sealed", [False, True], ids=["plain-zip", "age-recipient"])
def test_any_flipped_byte_fails(sender, make_vault, tmp_path, sealed):
    receiver = make_vault("receiver") if sealed else None
    sealing = (
        Sealing(recipients=(age_recipient_of(receiver.age_identity()),)) if receiver else Sealing()
    )
    keys = {"identities": parse_identities(receiver.age_identity())} if receiver else {}
    bundle = tmp_path / "b.bundle"
    export_bundle(sender, bundle, select_items(sender, case="사건 1"), sealing)
    assert verify_bundle(bundle, **keys).ok  # type: ignore[arg-type]
    original = bundle.read_bytes()
    undetected = []
    for pos in _positions(len(original), 80, seed=len(original)):
        damaged = bytearray(original)
        damaged[pos] ^= 0x01 << (pos % 8)
        bundle.write_bytes(bytes(damaged))
        if not _fails(bundle, **keys):
            undetected.append(pos)
    assert undetected == []


def test_flipped_byte_in_passphrase_bundle_fails(sender, tmp_path):
    bundle = tmp_path / "b.age"
    export_bundle(
        sender, bundle, select_items(sender, case="사건 1"), Sealing(passphrase="봉인 pass")
    )
    original = bundle.read_bytes()
    # Header (stanza, MAC), payload nonce, middle and last chunk.
    for pos in (30, 60, len(original) // 3, len(original) // 2, len(original) - 1):
        damaged = bytearray(original)
        damaged[pos] ^= 0x20
        bundle.write_bytes(bytes(damaged))
        assert _fails(bundle, passphrase="봉인 pass"), pos
    bundle.write_bytes(original[:-100])  # truncated
    assert _fails(bundle, passphrase="봉인 pass")


def test_any_flipped_byte_in_the_zip_end_record_or_comment_fails(sender, tmp_path):
    """The archive comment holds the whole-file signature: a one-bit change there must not make
    our own zip look re-packed by another tool (which is verified on its manifests only).
    Found by the random flips above: a flipped bit in the "EVIDENCE-LOCKER-ZIPSIG1 "
    prefix passed as a re-packed zip."""
    bundle = tmp_path / "b.bundle"
    export_bundle(sender, bundle, select_items(sender, case="사건 1"), Sealing())
    original = bundle.read_bytes()
    end_record = original.rfind(b"PK\x05\x06")
    assert 0 < end_record and len(original) - end_record == 22 + 112
    undetected = []
    for pos in range(end_record, len(original)):
        for bit in (0, 5):  # ASCII letters: bit 5 is the case, bit 0 the neighbour
            damaged = bytearray(original)
            damaged[pos] ^= 1 << bit
            bundle.write_bytes(bytes(damaged))
            if not _fails(bundle):
                undetected.append((pos - end_record, bit))
    assert undetected == []


def test_a_cut_or_lengthened_zip_end_fails(sender, tmp_path):
    """zipfile trusts the end record's comment length and ignores what is missing or
    follows: a zero comment length (the signature left as trailing bytes) or a file cut
    inside the comment would read as a zip with no signature, i.e. "re-packed"."""
    bundle = tmp_path / "b.bundle"
    export_bundle(sender, bundle, select_items(sender, case="사건 1"), Sealing())
    original = bundle.read_bytes()
    end_record = original.rfind(b"PK\x05\x06")
    for length in (0, 1, 200):
        damaged = bytearray(original)
        damaged[end_record + 20 : end_record + 22] = length.to_bytes(2, "little")
        bundle.write_bytes(bytes(damaged))
        assert _fails(bundle), length
    for cut in (1, 60, 95, 100, 111, 112):
        bundle.write_bytes(original[:-cut])
        assert _fails(bundle), cut
    bundle.write_bytes(original + b"\n")
    assert _fails(bundle)
