"""File import: files and folders, any type, bit-exact; EXIF stays in the original only."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

from app.capture.files import import_files
from tests.helpers.cli import locker

CAMERA = "SyntheticCam-EXIF-9f2"


def _jpeg_with_exif(path: Path) -> bytes:
    image = Image.new("RGB", (64, 48), (200, 40, 90))
    exif = Image.Exif()
    exif[0x0110] = CAMERA  # Model
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 58.0), 3: "E", 4: (126.0, 58.0, 40.0)}  # GPS
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif.tobytes())
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def test_folder_import_keeps_every_file_bit_exact(vault: Any, tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    (folder / "sub").mkdir(parents=True)
    photo = _jpeg_with_exif(folder / "photo.jpg")
    (folder / "sub" / "chat.txt").write_text("대화 기록", encoding="utf-8")
    (folder / "sub" / "blob.bin").write_bytes(bytes(range(256)) * 10)
    (folder / "empty.dat").write_bytes(b"")
    results = import_files(vault, [folder], "Files")
    assert [r.error for r in results] == [None] * 4
    for result in results:
        assert result.item is not None
        stored = vault.open_artifact(result.item.id, "original").read()
        assert stored == result.path.read_bytes()
    jpeg = next(r.item for r in results if r.path.name == "photo.jpg")
    assert jpeg is not None
    assert vault.open_artifact(jpeg.id, "original").read() == photo
    # The EXIF (camera, GPS) is in the original, and nowhere in what is shown by default.
    assert CAMERA.encode() in photo
    assert CAMERA not in json.dumps(vault.get_item(jpeg.id).to_json(), ensure_ascii=False)
    thumb = vault.thumbnail(jpeg.id)
    assert thumb is not None and CAMERA.encode() not in thumb


def test_locker_add_reports_each_file(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "f.locker"
    locker("init", vault, passphrase_file=passphrase_file)
    photo = tmp_path / "photo.jpg"
    _jpeg_with_exif(photo)
    result = locker("add", vault, photo, tmp_path / "missing.png", passphrase_file=passphrase_file)
    assert result.returncode == 6 and "missing.png" in result.stderr  # nothing stored
    result = locker("add", vault, photo, "--case", "Files", passphrase_file=passphrase_file)
    assert result.returncode == 0
    item_id, sha, name = result.stdout.strip().split("\t")
    import hashlib

    assert sha == hashlib.sha256(photo.read_bytes()).hexdigest() and name == str(photo)
    shown = locker("show", vault, item_id, "--json", passphrase_file=passphrase_file)
    assert CAMERA not in shown.stdout
