"""Hostile image files: truncated, bit-flipped, decompression bombs, huge declared sizes,
formats outside the allow-list disguised as PNG. Decoding must never raise, never run
an external program, never decode a bomb, and the original is always stored bit-exact
with "preview unavailable".

Guards: the format allow-list, DecompressionBombWarning-as-error plus the pixel limit,
the catch-all in images.blurred_thumbnail / decode_for_reveal, and add_item storing the
original whatever the preview outcome.
"""

from __future__ import annotations

import hashlib
import io
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from app.vault import Vault
from app.vault.images import blurred_thumbnail, decode_for_reveal
from app.vault.models import NewArtifact, NewItem
from tests.adversarial.util import minimal_psd, png_with_header, synthetic_png

FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF")
SEEDS = {fmt: synthetic_png(40, 30, seed=i, fmt=fmt) for i, fmt in enumerate(FORMATS)}
UNAVAILABLE = "preview unavailable"
NOT_PREVIEWED = "not an image format the app previews"
TOO_LARGE = "image dimensions are too large"


def _assert_clean(data: bytes) -> None:
    """The contract for any bytes at all."""
    thumb = blurred_thumbnail(io.BytesIO(data), size=len(data))
    if thumb.png is None:
        assert thumb.note.startswith(UNAVAILABLE), thumb.note
    else:
        assert thumb.note == ""
        preview = Image.open(io.BytesIO(thumb.png), formats=["PNG"])
        assert max(preview.size) <= 256
    reveal = decode_for_reveal(io.BytesIO(data), size=len(data))
    assert reveal is None or len(reveal.rgba) == reveal.width * reveal.height * 4


@st.composite
def mangled_images(draw: st.DrawFn) -> bytes:
    data = bytearray(SEEDS[draw(st.sampled_from(FORMATS))])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(("truncate", "flip", "splice", "dup")))
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        if op == "truncate":
            del data[pos:]
        elif op == "flip":
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "splice":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 200))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_images())
def test_mangled_images_never_raise(data: bytes) -> None:
    _assert_clean(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise(data: bytes) -> None:
    _assert_clean(data)


def test_every_truncation_of_every_format(soak: bool) -> None:
    for fmt, data in SEEDS.items():
        step = 1 if soak else max(1, len(data) // 60)
        for n in range(0, len(data), step):
            _assert_clean(data[:n])
        del fmt


def _eps() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 10, 10)).save(out, format="EPS")
    return out.getvalue()


def _pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 200, 10)).save(out, format="PDF")
    return out.getvalue()


def _pillow_format(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 10, 200)).save(out, format=fmt)
    return out.getvalue()


DISGUISED = {
    "psd": minimal_psd(),
    "eps": _eps(),
    "pdf": _pdf(),
    "ppm": _pillow_format("PPM"),
    "tga": _pillow_format("TGA"),
    "pcx": _pillow_format("PCX"),
    "ico": _pillow_format("ICO"),
    "sgi": _pillow_format("SGI"),
    "xbm": b"#define a_width 8\n#define a_height 2\nstatic char a_bits[] = {0xff, 0x00};\n",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
}


@pytest.mark.parametrize("kind", sorted(DISGUISED))
def test_formats_outside_the_allow_list_are_not_decoded(kind: str) -> None:
    """Disguised as .png: Pillow could decode several of these; the app must not."""
    data = DISGUISED[kind]
    thumb = blurred_thumbnail(io.BytesIO(data), size=len(data))
    assert thumb.png is None and NOT_PREVIEWED in thumb.note, (kind, thumb.note)
    assert decode_for_reveal(io.BytesIO(data), size=len(data)) is None


@pytest.fixture
def no_subprocess() -> Iterator[list[str]]:
    """Record any attempt to start a program (Pillow's EPS plugin runs Ghostscript)."""
    started: list[str] = []
    active = threading.Event()
    active.set()

    def hook(event: str, args: tuple[object, ...]) -> None:
        if active.is_set() and event in (
            "subprocess.Popen",
            "os.system",
            "os.exec",
            "os.posix_spawn",
        ):
            started.append(f"{event} {args!r}"[:200])

    sys.addaudithook(hook)
    yield started
    active.clear()  # audit hooks cannot be removed; switch this one off


def test_eps_and_pdf_never_start_a_program(no_subprocess: list[str]) -> None:
    for name in ("eps", "pdf"):
        data = DISGUISED[name]
        blurred_thumbnail(io.BytesIO(data), size=len(data))
        decode_for_reveal(io.BytesIO(data), size=len(data))
    assert not no_subprocess


def test_huge_declared_dimensions_are_refused_without_decoding() -> None:
    for width, height in ((100_000, 100_000), (2**31 - 1, 1), (65_535, 65_535)):
        data = png_with_header(width, height, body=b"\x78\x9c\x03\x00\x00\x00\x00\x01")
        thumb = blurred_thumbnail(io.BytesIO(data), size=len(data))
        assert thumb.png is None and thumb.note.startswith(UNAVAILABLE), (width, height, thumb.note)
        assert decode_for_reveal(io.BytesIO(data), size=len(data)) is None
    gif = b"GIF89a" + (65535).to_bytes(2, "little") * 2 + b"\x00\x00\x00;"
    assert blurred_thumbnail(io.BytesIO(gif)).png is None


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A real, fully decodable bilevel PNG of about 1.2 x Pillow's pixel limit (~14 kB
    compressed): between the warning and the error threshold, so only treating the
    warning as an error (or an explicit pixel limit) stops it being decoded."""
    side = int((Image.MAX_IMAGE_PIXELS * 1.2) ** 0.5) + 1
    return png_with_header(side, side, mode_bits=1)


def test_decompression_bomb_is_not_decoded(bomb: bytes) -> None:
    assert Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS <= 89_478_485
    thumb = blurred_thumbnail(io.BytesIO(bomb), size=len(bomb))
    assert thumb.png is None and TOO_LARGE in thumb.note, thumb.note
    assert decode_for_reveal(io.BytesIO(bomb), size=len(bomb)) is None


class _GatedStream(io.BytesIO):
    """Blocks its first read until ``gate`` opens, after announcing ``reached``."""

    def __init__(self, data: bytes, reached: threading.Event, gate: threading.Event) -> None:
        super().__init__(data)
        self._reached, self._gate, self._first = reached, gate, True

    def read(self, size: int | None = -1) -> bytes:
        if self._first:
            self._first = False
            self._reached.set()
            assert self._gate.wait(30)
        return super().read(size)


def test_bomb_refused_while_another_thread_decodes(bomb: bytes) -> None:
    """The GUI decodes thumbnails on worker threads. ``warnings.catch_warnings`` is
    process-global: a thread leaving it restores the filters of its own entry, so a bomb
    being opened on another thread at that moment must still be refused."""
    a_reading, b_reading, a_done = threading.Event(), threading.Event(), threading.Event()
    small = synthetic_png()
    results: dict[str, object] = {}

    def thread_a() -> None:  # enters first, leaves while B is inside
        results["a"] = blurred_thumbnail(_GatedStream(small, a_reading, b_reading))
        a_done.set()

    def thread_b() -> None:
        assert a_reading.wait(30)
        results["b"] = blurred_thumbnail(_GatedStream(bomb, b_reading, a_done), size=len(bomb))

    threads = [threading.Thread(target=thread_a), threading.Thread(target=thread_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    b = results["b"]
    assert getattr(b, "png", "missing") is None and TOO_LARGE in getattr(b, "note", ""), b


def test_hostile_images_are_stored_bit_exact(tmp_path: Path, bomb: bytes) -> None:
    """Whatever the decoder thinks, the original goes into the vault unchanged."""
    samples = {
        **{f"{k}.png": v for k, v in DISGUISED.items()},
        "bomb.png": bomb,
        "truncated.jpg": SEEDS["JPEG"][:100],
        "empty.png": b"",
        "ok.png": SEEDS["PNG"],
    }
    with Vault.create(tmp_path / "v.locker", "pw") as vault:
        for name, data in samples.items():
            item = vault.add_item(
                NewItem("file", "Hostile", name), [NewArtifact("original", name, data, "image/png")]
            )
            with vault.open_artifact(item.id) as reader:
                assert hashlib.sha256(reader.read()).hexdigest() == hashlib.sha256(data).hexdigest()
            if name == "ok.png":
                assert vault.thumbnail(item.id) is not None
            else:
                assert vault.thumbnail(item.id) is None
                assert vault.get_item(item.id).preview_note.startswith(UNAVAILABLE)
        from app.vault.verify import verify_vault

        assert verify_vault(vault).ok
