"""Crafting hostile or altered bundles for tests."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.bundle.zipsig import PLACEHOLDER, SignedTail


def read_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_zip(
    path: Path,
    members: dict[str, bytes] | list[tuple[str, bytes]],
    *,
    symlinks: tuple[str, ...] = (),
    key: Ed25519PrivateKey | None = None,
) -> Path:
    """A zip with exactly these members; with ``key``, signed as a whole like ours."""
    items = members.items() if isinstance(members, dict) else members
    with open(path, "wb") as raw:
        tail = SignedTail(raw)
        zf = zipfile.ZipFile(tail if key else raw, "w")  # type: ignore[arg-type, call-overload]
        if key:
            zf.comment = PLACEHOLDER
        _fill(zf, items, symlinks)
        zf.close()
        if key:
            tail.finish(key)
    return path


def _fill(
    zf: zipfile.ZipFile, items: Iterable[tuple[str, bytes]], symlinks: tuple[str, ...]
) -> None:
    for name, data in items:
        info = zipfile.ZipInfo("placeholder")
        info.filename = name  # bypass any normalisation: hostile names as given
        info.external_attr = (0o120777 if name in symlinks else 0o100644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, data)


def resign(members: dict[str, bytes], key: Ed25519PrivateKey) -> dict[str, bytes]:
    """Recompute the manifests and the signature after changing payload files, as a
    forger holding the exporter's key (or a buggy exporter) would."""
    out = dict(members)
    payload = {n: d for n, d in out.items() if n.startswith("data/")}
    oxum = f"Payload-Oxum: {sum(len(d) for d in payload.values())}.{len(payload)}"
    out["bag-info.txt"] = (
        "\n".join(
            oxum if line.startswith("Payload-Oxum:") else line
            for line in out["bag-info.txt"].decode().splitlines()
        ).encode()
        + b"\n"
    )
    out["manifest-sha256.txt"] = "".join(
        f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in sorted(payload.items())
    ).encode()
    tags = {
        n: d
        for n, d in out.items()
        if not n.startswith(("data/", "signature/")) and n != "tagmanifest-sha256.txt"
    }
    tagmanifest = "".join(
        f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in sorted(tags.items())
    ).encode()
    out["tagmanifest-sha256.txt"] = tagmanifest
    out["signature/tagmanifest-sha256.txt.sig"] = key.sign(tagmanifest)
    out.pop("signature/tagmanifest-sha256.txt.tsr", None)
    return out


def zip_bomb(path: Path, size: int = 300 * 1024 * 1024) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("data/bomb.bin", "w", force_zip64=True) as fh:
            block = bytes(1024 * 1024)
            for _ in range(size // len(block)):
                fh.write(block)
    return path


def overlap_zip(path: Path) -> Path:
    """Two central-directory entries pointing at the same stored bytes (an overlap bomb)."""
    write_zip(path, [("data/a.bin", b"A" * 5000), ("data/b.bin", b"A" * 5000)])
    raw = bytearray(path.read_bytes())
    entry = raw.index(b"PK\x01\x02", raw.index(b"PK\x01\x02") + 4)  # second directory entry
    raw[entry + 42 : entry + 46] = (0).to_bytes(4, "little")  # its local header offset -> 0
    path.write_bytes(bytes(raw))
    return path


def many_small_bombs(path: Path, count: int = 300) -> Path:
    """Members each under the per-member ratio floor, together inflating far beyond the file."""
    block = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for n in range(count):
            zf.writestr(f"data/z{n}.bin", block)
    return path
