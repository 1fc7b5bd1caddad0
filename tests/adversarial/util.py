"""Helpers for the adversarial suite: synthetic evidence, vault templates, snapshots."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tests.conftest import PASSPHRASE


@dataclass(frozen=True)
class VaultTemplate:
    path: Path
    key: bytes
    item_count: int


def synthetic_png(
    width: int = 64, height: int = 48, seed: int = 0, fmt: str = "PNG", text: str | None = None
) -> bytes:
    """A generated gradient image (never a real photo). ``text`` is stored as metadata
    where the format allows, so leak scans can look for it."""
    image = Image.new("RGB", (width, height))
    image.putdata(
        [
            ((x * 7 + seed) % 256, (y * 5 + seed) % 256, (x * y + seed) % 256)
            for y in range(height)
            for x in range(width)
        ]
    )
    out = io.BytesIO()
    if fmt == "PNG" and text:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", text)
        image.save(out, format="PNG", pnginfo=info)
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def build_template(folder: Path) -> VaultTemplate:
    """A small vault holding the kinds of pages a real one has: text and image items,
    an item spanning several 1 MiB chunks, notes, tags, an archived item."""
    from app.vault import Vault
    from app.vault.models import NewArtifact, NewItem

    path = folder / "template.locker"
    vault = Vault.create(path, PASSPHRASE)
    try:
        vault.add_item(
            NewItem("file", "Case A", "note.txt"),
            [NewArtifact("original", "note.txt", b"threatening message " * 50, "text/plain")],
        )
        vault.add_item(
            NewItem("screenshot", "Case A", "shot.png", source_url="https://example.test/p/1"),
            [NewArtifact("original", "shot.png", synthetic_png(), "image/png")],
        )
        # Large enough for overflow-page chains, small enough for hundreds of trials.
        big = hashlib.shake_256(b"big evidence").digest(150_000)
        vault.add_item(
            NewItem("file", "Case B", "video.bin", note="first note"),
            [NewArtifact("original", "video.bin", big, "application/octet-stream")],
        )
        vault.add_note(1, "second note 한글")
        vault.add_tag(2, "posted")
        vault.archive(1, "duplicate")
        key, _salt = vault.key_material
        count = vault.count_items(archived=None)
    finally:
        vault.close()
    return VaultTemplate(path, key, count)


@dataclass(frozen=True)
class FileSnapshot:
    sha256: str
    size: int
    mtime_ns: int


def snapshot(path: Path) -> FileSnapshot:
    data = path.read_bytes()
    return FileSnapshot(hashlib.sha256(data).hexdigest(), len(data), path.stat().st_mtime_ns)


def sidecars(path: Path) -> list[Path]:
    return [
        Path(str(path) + s) for s in ("-wal", "-shm", "-journal") if Path(str(path) + s).exists()
    ]


def png_with_header(
    width: int, height: int, mode_bits: int = 1, body: bytes | None = None
) -> bytes:
    """A PNG whose IHDR declares ``width`` x ``height`` (greyscale, ``mode_bits`` deep).
    ``body`` is the IDAT payload; by default a real zlib stream of zero rows, so the
    image fully decodes when a decoder is allowed to try."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, mode_bits, 0, 0, 0, 0)
    if body is None:
        row = b"\x00" + bytes((width * mode_bits + 7) // 8)
        comp = zlib.compressobj(9)
        parts = [comp.compress(row) for _ in range(height)]
        parts.append(comp.flush())
        body = b"".join(parts)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def minimal_psd(width: int = 32, height: int = 24) -> bytes:
    """A tiny valid RGB Photoshop file (Pillow can decode PSD, but the app must not)."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    planes = b"".join(bytes([(i * 40) % 256]) * (width * height) for i in range(3))
    return (
        header
        + struct.pack(">I", 0)
        + struct.pack(">I", 0)
        + struct.pack(">I", 0)
        + struct.pack(">H", 0)
        + planes
    )


def scan_for(root: Path, markers: list[bytes]) -> list[str]:
    """Every file under ``root`` (not following symlinks) containing a marker in plain
    bytes, as 'path: marker'."""
    hits = []
    for dirpath, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            for marker in markers:
                if marker in data:
                    hits.append(f"{path}: {marker!r}")
    return hits
