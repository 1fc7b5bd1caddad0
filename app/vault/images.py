"""Blurred thumbnails from untrusted image bytes, decoded defensively.

Only allow-listed formats are decoded; Pillow's DecompressionBombWarning is an error;
MAX_IMAGE_PIXELS keeps Pillow's default. Any failure means "preview unavailable" and
the original is stored all the same.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO, Any

from PIL import Image, ImageFilter, UnidentifiedImageError

ALLOWED_FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF")
THUMB_SIZE = 256
# Everything is first reduced to a tiny image, so no detail of a face survives, then
# scaled up and blurred so the preview is a soft colour field with the rough layout.
DETAIL_SIZE = 16
BLUR_RADIUS = 8
MAX_DECODE_BYTES = 256 * 1024 * 1024  # larger files get no preview
# Memory for one decoded frame (plus the whole file, for decoders that read it at once).
# PNG, TIFF, WebP... can only be decoded at full size (JPEG is decoded reduced, by
# draft), so this bounds a preview's peak memory: about 150 MB, e.g. an 8K screenshot.
MAX_FRAME_BYTES = 144 * 1024 * 1024
_READ_WHOLE = ("TIFF", "WEBP")


class TooLargeToDecode(Exception):
    """Decoding this image would need more memory than a preview may use."""


@dataclass(frozen=True)
class Thumbnail:
    png: bytes | None
    note: str  # empty when a preview exists, else why it is unavailable


def _open_checked(fh: IO[bytes] | Any) -> Image.Image:
    """Open with the allow-list and refuse more pixels than Pillow's limit explicitly:
    the warnings filter alone is process-global and another thread leaving its own
    ``catch_warnings`` can switch it off mid-decode."""
    image = Image.open(fh, formats=list(ALLOWED_FORMATS))
    image.seek(0)
    if image.width * image.height > (Image.MAX_IMAGE_PIXELS or 0):
        raise Image.DecompressionBombError(
            f"{image.width}x{image.height} pixels is more than the preview limit"
        )
    return image


def frame_bytes(image: Image.Image, file_size: int | None = None) -> int:
    """Bytes Pillow needs to hold ``image`` decoded (after any draft), plus the file for
    the decoders that read it whole."""
    mode = image.mode
    per_pixel = 1 if mode in ("1", "L", "P") else 2 if mode.startswith("I;16") else 4
    extra = (file_size or 0) if image.format in _READ_WHOLE else 0
    return image.width * image.height * per_pixel + extra


def _decode(fh: IO[bytes] | Any, side: int, file_size: int | None = None) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _open_checked(fh)
        image.draft("RGB", (side, side))  # JPEG: decoded at 1/2, 1/4 or 1/8 size
        if frame_bytes(image, file_size) > MAX_FRAME_BYTES:
            raise TooLargeToDecode(f"{image.width}x{image.height} {image.mode}")
        image.load()
        return image


def shrink(image: Image.Image, side: int) -> Image.Image:
    """Scale a decoded frame down to roughly ``side`` pixels (at least) on its longer side
    without a second full-size copy: one band at a time is reduced (``convert`` or an
    RGBA ``reduce``/``resize`` would first copy the whole frame)."""
    factor = max(image.size) // side
    if factor < 2:
        return image
    if image.mode in ("1", "P", "PA") or image.mode.startswith("I;16"):
        # No averaging for palette indexes (nor in Pillow for these modes); the preview
        # is blurred to a colour field anyway.
        small = (max(1, image.width // factor), max(1, image.height // factor))
        return image.resize(small, Image.Resampling.NEAREST)
    if len(image.getbands()) == 1:
        return image.reduce(factor)
    bands = [image.getchannel(i).reduce(factor) for i in range(len(image.getbands()))]
    return Image.merge(image.mode, bands)


def blurred_thumbnail(fh: IO[bytes] | Any, size: int | None = None) -> Thumbnail:
    """Return a strongly blurred PNG thumbnail, or why there is none."""
    if size is not None and size > MAX_DECODE_BYTES:
        return Thumbnail(None, "preview unavailable: file too large to preview")
    try:
        image = shrink(_decode(fh, THUMB_SIZE * 2, size), THUMB_SIZE * 2)
        return Thumbnail(blur_image(image), "")
    except TooLargeToDecode:
        return Thumbnail(None, "preview unavailable: image too large to preview")
    except Image.DecompressionBombError:
        return Thumbnail(None, "preview unavailable: image dimensions are too large")
    except Image.DecompressionBombWarning:
        return Thumbnail(None, "preview unavailable: image dimensions are too large")
    except UnidentifiedImageError:
        return Thumbnail(None, "preview unavailable: not an image format the app previews")
    except Exception as exc:  # noqa: BLE001 - any decoder failure is "no preview"
        return Thumbnail(
            None, f"preview unavailable: the image could not be decoded ({type(exc).__name__})"
        )


def blur_image(image: Image.Image) -> bytes:
    rgb = image.convert("RGB")
    rgb.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.BOX)
    width, height = rgb.size
    tiny_w = max(1, round(DETAIL_SIZE * width / max(width, height)))
    tiny_h = max(1, round(DETAIL_SIZE * height / max(width, height)))
    tiny = rgb.resize((tiny_w, tiny_h), Image.Resampling.BOX)
    soft = tiny.resize((width, height), Image.Resampling.BICUBIC)
    soft = soft.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    out = io.BytesIO()
    soft.save(out, format="PNG", optimize=True)
    return out.getvalue()


REVEAL_MAX_SIDE = 2048


@dataclass(frozen=True)
class RevealImage:
    """A decoded image for an on-screen reveal: RGBA pixels in memory, never on disk."""

    width: int
    height: int
    rgba: bytes


def decode_for_reveal(
    fh: IO[bytes], size: int | None = None, max_side: int = REVEAL_MAX_SIDE
) -> RevealImage | None:
    """Decode an original with the same allow-list and bomb rules as thumbnails, scaled to
    at most ``max_side``; None when it cannot be previewed."""
    if size is not None and size > MAX_DECODE_BYTES:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = shrink(_decode(fh, max_side, size), max_side)
            rgba = image.convert("RGBA")
        rgba.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        return RevealImage(rgba.width, rgba.height, rgba.tobytes())
    except Exception:  # noqa: BLE001 - any decoder failure means "no preview"
        return None
