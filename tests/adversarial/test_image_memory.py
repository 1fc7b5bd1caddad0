"""Small files that decode to huge frames do not blow up `locker add` (issue 10 §8): a
~350 KB 9400x9400 RGBA PNG made `add` peak at 734 MB and a ~700 KB 9400x9400 float TIFF
at 823 MB, because the thumbnail decoded the full frame and then copied it whole
(convert, premultiplied reduce). Now a frame that needs more than MAX_FRAME_BYTES gets
"preview unavailable" without being decoded, and a frame under it is reduced one band at
a time; the original is stored bit-exact either way.

The peak is the `locker add` process's own VmHWM (getrusage's ru_maxrss, for self or
RUSAGE_CHILDREN, would include the forked pytest parent's memory, which Linux carries
across execve). The images are generated in a child process too, so the memory of the
generator never counts.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from app.vault.images import MAX_FRAME_BYTES, blurred_thumbnail, decode_for_reveal
from tests.helpers.cli import ROOT
from tests.helpers.cli import locker_subprocess as locker  # the process boundary is the point

PEAK_LIMIT_KIB = 300 * 1024

GENERATE = """
import sys
from PIL import Image, ImageDraw
kind, side, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "png":
    im = Image.new("RGBA", (side, side), (200, 120, 90, 255))
    ImageDraw.Draw(im).rectangle((100, 100, side // 2, side // 3), fill=(20, 40, 200, 128))
    im.save(out, "PNG")
else:
    im = Image.new("F", (side, side), 0.5)
    ImageDraw.Draw(im).rectangle((100, 100, side // 2, side // 3), fill=3.25)
    im.save(out, "TIFF", compression="tiff_deflate")
"""

PROBE = (
    "import re, sys; from app.cli import main; rc = main(sys.argv[1:]); "
    "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
    "print('MAXRSS', hwm, file=sys.stderr); sys.exit(rc)"
)


def _generate(kind: str, side: int, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-c", GENERATE, kind, str(side), str(out)], check=True, timeout=300
    )
    return out


def _add_peak_kib(vault: Path, path: Path, passphrase_file: Path) -> int:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            "add",
            str(vault),
            str(path),
            "--passphrase-file",
            str(passphrase_file),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env=dict(os.environ, LOCKER_NO_GUI="1"),
    )
    assert proc.returncode == 0, proc.stderr
    return int(proc.stderr.split("MAXRSS")[1].split()[0])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "side", "preview"),
    [
        ("png", 9400, False),  # 353 MB of RGBA from ~370 KB: no preview, nothing decoded
        ("tiff", 9400, False),  # 353 MB of 32-bit float from ~700 KB
        ("png", 6000, True),  # 144 MB of RGBA: previewed, one band at a time
        ("tiff", 6000, True),
    ],
)
def test_add_of_small_file_with_huge_frame_stays_under_300_mb(
    tmp_path: Path, passphrase_file: Path, kind: str, side: int, preview: bool
) -> None:
    image = _generate(kind, side, tmp_path / f"big.{kind}")
    assert image.stat().st_size < 1024 * 1024
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    peak = _add_peak_kib(vault, image, passphrase_file)
    assert peak < PEAK_LIMIT_KIB, f"add of a {side}x{side} {kind} peaked at {peak} KiB"
    shown = json.loads(locker("show", vault, "1", "--json", passphrase_file=passphrase_file).stdout)
    assert shown["sha256"] == hashlib.sha256(image.read_bytes()).hexdigest()
    thumb = locker(
        "thumbnail", vault, "1", "--out", tmp_path / "t.png", passphrase_file=passphrase_file
    )
    if preview:
        assert thumb.returncode == 0, thumb.stderr
        assert max(Image.open(tmp_path / "t.png").size) <= 256
    else:
        assert "too large to preview" in json.dumps(shown), shown
        assert thumb.returncode != 0 and not (tmp_path / "t.png").exists()


def test_frame_limit_leaves_room_for_an_8k_screenshot() -> None:
    assert 7680 * 4320 * 4 <= MAX_FRAME_BYTES < 300 * 1024 * 1024 // 2


@pytest.mark.parametrize("mode", ["1", "L", "P", "LA", "RGB", "RGBA", "CMYK", "I", "F", "I;16"])
def test_every_mode_is_reduced_for_thumbnail_and_reveal(mode: str) -> None:
    """The band-by-band reduction works for every mode Pillow decodes these formats to."""
    fmt = {"CMYK": "TIFF", "F": "TIFF", "I": "TIFF"}.get(mode, "PNG")
    image = Image.new(mode, (1500, 900))
    buf = io.BytesIO()
    image.save(buf, fmt)
    data = buf.getvalue()
    assert Image.open(io.BytesIO(data)).mode == mode
    thumb = blurred_thumbnail(io.BytesIO(data), size=len(data))
    assert thumb.png is not None, (mode, thumb.note)
    assert max(Image.open(io.BytesIO(thumb.png)).size) == 256
    reveal = decode_for_reveal(io.BytesIO(data), size=len(data), max_side=400)
    assert reveal is not None and max(reveal.width, reveal.height) == 400, mode
    assert len(reveal.rgba) == reveal.width * reveal.height * 4
