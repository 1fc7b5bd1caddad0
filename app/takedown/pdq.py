"""PDQ perceptual hashes (Meta's PDQ, via ``pdqhash``) to find re-uploads.

Every image original and screenshot gets a 256-bit PDQ hash (64 hex) and a quality score
(0-100; under 50 the hash is unreliable) at add time, and on upgrade for images already
stored. They are derived data (table ``derived``, kind ``pdq.<role>``), never evidence.
Images are decoded with the thumbnail rules (allow-listed formats, bomb limits) at most
512 pixels a side, as PDQ's reference hasher does. ``similar`` compares the 8 dihedral
variants (rotations, mirror images) of a file against every stored hash. PDQ alone
tolerates only small crops (a centre crop of 3% a side moves it 40-60 bits on photo-like
images), so each image also keeps the hashes of its centre crops (CROPS, per side):
a cropped re-upload matches one of them (measured: <= 26 bits for 1-4% crops).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.errors import NotFound, UsageError
from app.vault import Vault
from app.vault.artifact_io import ArtifactReader
from app.vault.images import MAX_DECODE_BYTES, decode_for_reveal
from app.vault.lookup import resolve
from app.vault.models import utc_now

Connection = Any
MATCH_DISTANCE = 31
QUALITY_WARN = 50
SIDE = 512
KIND_PREFIX = "pdq."
CROPS = (0.015, 0.03, 0.05)  # centre crops kept as extra reference hashes


@dataclass(frozen=True)
class Pdq:
    hash: str
    quality: int

    @property
    def weak(self) -> bool:
        return self.quality < QUALITY_WARN


def _pixels(fh: IO[bytes] | Any, size: int | None) -> Any:
    import numpy as np

    image = decode_for_reveal(fh, size, max_side=SIDE)
    if image is None:
        return None
    rgba = np.frombuffer(image.rgba, dtype=np.uint8).reshape(image.height, image.width, 4)
    return np.ascontiguousarray(rgba[:, :, :3])


def _hex(bits: Any) -> str:
    value = 0
    for b in bits:
        value = (value << 1) | int(b)
    return f"{value:064x}"


def hash_image(fh: IO[bytes] | Any, size: int | None = None) -> Pdq | None:
    """PDQ of an image, or None when it cannot be decoded."""
    found = hash_with_crops(fh, size)
    return None if found is None else found[0]


def hash_with_crops(fh: IO[bytes] | Any, size: int | None = None) -> tuple[Pdq, list[str]] | None:
    """(PDQ of the image, PDQ hashes of its centre crops), or None."""
    import pdqhash

    pixels = _pixels(fh, size)
    if pixels is None:
        return None
    bits, quality = pdqhash.compute(pixels)
    crops = []
    h, w = pixels.shape[:2]
    for frac in CROPS:
        dy, dx = round(h * frac), round(w * frac)
        if h - 2 * dy >= 16 and w - 2 * dx >= 16:
            crop_bits, _q = pdqhash.compute(pixels[dy : h - dy, dx : w - dx].copy())
            crops.append(_hex(crop_bits))
    return Pdq(_hex(bits), int(quality)), crops


def dihedral(fh: IO[bytes] | Any, size: int | None = None) -> list[Pdq]:
    import pdqhash

    pixels = _pixels(fh, size)
    if pixels is None:
        return []
    hashes, quality = pdqhash.compute_dihedral(pixels)
    return [Pdq(_hex(h), int(quality)) for h in hashes]


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _is_image(media_type: str) -> bool:
    return media_type.split(";")[0].strip().lower().startswith("image/")


def store_for_item(conn: Connection, item_id: int) -> None:
    """Compute and store the PDQ of each image artifact of one item (inside the caller's
    transaction). Never fails the add: an undecodable image gets a note instead."""
    for art_id, role, media_type, size in conn.execute(
        "SELECT id, role, media_type, size FROM artifacts WHERE item_id = ? ORDER BY id", (item_id,)
    ).fetchall():
        if not _is_image(str(media_type)):
            continue
        kind = KIND_PREFIX + str(role)
        if conn.execute(
            "SELECT 1 FROM derived WHERE item_id = ? AND kind = ?", (item_id, kind)
        ).fetchone():
            continue
        note, data = "", None
        if int(size) > MAX_DECODE_BYTES:
            note = "pdq unavailable: file too large to decode"
        else:
            try:
                found = hash_with_crops(ArtifactReader(conn, int(art_id), int(size)), int(size))
            except Exception as exc:  # noqa: BLE001 - a hash is never worth a failed add
                found, note = None, f"pdq unavailable: {type(exc).__name__}"
            if found is None:
                note = note or "pdq unavailable: the image could not be decoded"
            else:
                data = json.dumps(
                    {
                        "hash": found[0].hash,
                        "quality": found[0].quality,
                        "algorithm": "PDQ",
                        "crops": found[1],
                    }
                ).encode()
        conn.execute(
            "INSERT INTO derived (item_id, artifact_id, kind, media_type, data, note,"
            " created_at) VALUES (?, ?, ?, 'application/json', ?, ?, ?)",
            (item_id, art_id, kind, data, note, utc_now()),
        )


def backfill(conn: Connection) -> None:
    """Schema step 5: hashes for every image already in the vault."""
    for (item_id,) in conn.execute(
        "SELECT DISTINCT item_id FROM artifacts ORDER BY item_id"
    ).fetchall():
        store_for_item(conn, int(item_id))


def item_hashes(vault: Vault, item: str | int) -> list[dict[str, Any]]:
    conn = vault.read()
    item_id, _ = resolve(conn, item)
    return _rows(conn, " AND d.item_id = ?", (item_id,))


def _rows(conn: Connection, where: str = "", args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    out = []
    for item_id, uid, role, data, note, sha in conn.execute(
        "SELECT d.item_id, i.uid, a.role, d.data, d.note, a.sha256 FROM derived d"
        " JOIN items i ON i.id = d.item_id JOIN artifacts a ON a.id = d.artifact_id"
        f" WHERE d.kind LIKE 'pdq.%'{where} ORDER BY d.item_id, a.id",
        args,
    ):
        entry: dict[str, Any] = {
            "item": int(item_id),
            "uid": uid,
            "role": role,
            "sha256": sha,
            "derived": True,
        }
        if data is not None:
            parsed = json.loads(bytes(data))
            entry.update(
                hash=parsed["hash"],
                quality=parsed["quality"],
                low_quality=parsed["quality"] < QUALITY_WARN,
                crops=list(parsed.get("crops") or []),
            )
        else:
            entry.update(hash=None, quality=None, note=note)
        out.append(entry)
    return out


def show_pdq(vault: Vault, item: str | int) -> dict[str, Any] | None:
    """``show --json``'s ``pdq``: {hash, quality} of the item's main image (original,
    else its screenshot), plus every image's hash under ``all``."""
    rows = item_hashes(vault, item)
    if not rows:
        return None
    main = next((r for r in rows if r["role"] == "original"), rows[0])
    return {
        "hash": main["hash"],
        "quality": main["quality"],
        "low_quality": main.get("low_quality", False),
        "role": main["role"],
        "derived": True,
        "all": rows,
    }


def similar(vault: Vault, file: Path, max_distance: int = MATCH_DISTANCE) -> dict[str, Any]:
    """Stored images within ``max_distance`` of any dihedral variant of ``file``."""
    try:
        raw = file.read_bytes() if file.stat().st_size <= MAX_DECODE_BYTES else None
    except FileNotFoundError as exc:
        raise NotFound(f"No file {file}.") from exc
    if raw is None:
        raise UsageError(f"{file} is too large to decode.")
    variants = dihedral(io.BytesIO(raw), len(raw))
    if not variants:
        raise UsageError(
            f"{file} is not an image the app can decode (PNG, JPEG, GIF, WebP, BMP, TIFF)."
        )
    matches = []
    for row in _rows(vault.read()):
        if not row.get("hash"):
            continue
        refs = [row["hash"], *row.get("crops", [])]
        best = min(distance(v.hash, ref) for v in variants for ref in refs)
        if best <= max_distance:
            matches.append({**row, "distance": best})
    matches.sort(key=lambda m: (m["distance"], m["item"]))
    return {
        "file_hash": variants[0].hash,
        "file_quality": variants[0].quality,
        "low_quality": variants[0].weak,
        "max_distance": max_distance,
        "matches": matches,
    }


HASH_LIST_NOTE = (
    "PDQ perceptual hashes (256 bit, hex) of images in an Evidence Locker vault; no image is "
    "included. A platform or hotline can compare them with its own PDQ hashes (match: Hamming "
    "distance <= 31). Note: StopNCII.org and NCMEC's Take It Down compute their hashes with "
    "their own tools from the original file on the person's own device; these lists cannot "
    "be submitted to them in place of that."
)


def hash_list(vault: Vault, items: list[str | int] | None = None) -> str:
    """A text hash list (no images): one line per image, 'pdq quality sha256 item role'."""
    conn = vault.read()
    rows = _rows(conn)
    if items:
        wanted = {resolve(conn, ref)[0] for ref in items}
        rows = [r for r in rows if r["item"] in wanted]
    lines = [f"# {HASH_LIST_NOTE}", "# pdq_hex quality sha256_of_file item_uid role"]
    lines += [
        f"{r['hash']} {r['quality']} {r['sha256']} {r['uid']} {r['role']}"
        for r in rows
        if r.get("hash")
    ]
    return "\n".join(lines) + "\n"
