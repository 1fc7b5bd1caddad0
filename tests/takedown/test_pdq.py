"""PDQ perceptual hashes: computed at add time for images (derived data, shown by
`show --json`), and `locker similar` finds a resized (60%), cropped (3%) and recompressed
(JPEG q55) copy of an added photo-like image, a mirrored copy, and not an unrelated one."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image, ImageOps

from app.takedown import pdq
from tests.helpers.cli import locker
from tests.takedown.conftest import jpeg_bytes, photo_like


def _jpeg(img: Image.Image, path: Path, quality: int = 92) -> Path:
    path.write_bytes(jpeg_bytes(img, quality))
    return path


def test_similar_finds_altered_copies_not_unrelated(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    photo = photo_like(7, (800, 600))
    other = photo_like(99, (800, 600))
    (tmp_path / "notes.txt").write_text("not an image")
    out = locker(
        "add",
        vault,
        _jpeg(photo, tmp_path / "photo.jpg"),
        _jpeg(other, tmp_path / "other.jpg"),
        tmp_path / "notes.txt",
        passphrase_file=passphrase_file,
    )
    assert out.returncode == 0, out.stderr
    shown = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    assert len(shown["pdq"]["hash"]) == 64 and shown["pdq"]["quality"] >= 50
    assert shown["pdq"]["derived"] is True
    assert (
        json.loads(locker("show", vault, "3", "--json", passphrase_file=passphrase_file).stdout)[
            "pdq"
        ]
        is None
    )

    w, h = photo.size
    dx, dy = round(w * 0.03), round(h * 0.03)
    half_x, half_y = round(w * 0.015), round(h * 0.015)
    variants = {
        "resized": photo.resize((round(w * 0.6), round(h * 0.6)), Image.Resampling.LANCZOS),
        "cropped 3% a side": photo.crop((dx, dy, w - dx, h - dy)),
        "cropped 3% in all": photo.crop((half_x, half_y, w - half_x, h - half_y)),
        "q55": Image.open(io.BytesIO(jpeg_bytes(photo, 55))),
        "mirrored": ImageOps.mirror(photo),
    }
    for name, img in variants.items():
        path = _jpeg(img, tmp_path / f"{name}.jpg", 55 if name == "q55" else 90)
        out = locker("similar", vault, path, "--json", passphrase_file=passphrase_file)
        assert out.returncode == 0, out.stderr
        found = json.loads(out.stdout)
        assert [m["item"] for m in found["matches"]] == [1], (name, found)
        assert found["matches"][0]["distance"] <= 31
    unrelated = _jpeg(photo_like(12345, (640, 480)), tmp_path / "unrelated.jpg")
    found = json.loads(
        locker("similar", vault, unrelated, "--json", passphrase_file=passphrase_file).stdout
    )
    assert found["matches"] == []
    text = locker("similar", vault, tmp_path / "notes.txt", passphrase_file=passphrase_file)
    assert text.returncode != 0 and "Traceback" not in text.stderr


def test_hash_list_has_no_images_and_the_honest_note(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    image = _jpeg(photo_like(3), tmp_path / "p.jpg")
    assert locker("add", vault, image, passphrase_file=passphrase_file).returncode == 0
    out = tmp_path / "hashes.txt"
    res = locker("takedown", "hashes", vault, "--out", out, passphrase_file=passphrase_file)
    assert res.returncode == 0, res.stderr
    text = out.read_text()
    assert "StopNCII" in text and "Take It Down" in text and "own tools" in text
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    assert len(lines) == 1 and len(lines[0].split()[0]) == 64
    assert out.stat().st_size < 4000  # hashes only
    log = locker("log", vault, "--json", passphrase_file=passphrase_file).stdout
    assert "takedown_hashes_exported" in log


def test_distance_and_quality_flag() -> None:
    assert pdq.distance("0" * 64, "f" + "0" * 63) == 4
    flat = io.BytesIO()
    Image.new("RGB", (300, 300), (128, 128, 128)).save(flat, format="PNG")
    flat.seek(0)
    result = pdq.hash_image(flat)
    assert result is not None and result.weak  # a flat image: quality under 50
