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
            f"{image.width}x{image.height} pixels is more than the preview limit")
    return image


def _decode(fh: IO[bytes] | Any) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _open_checked(fh)
        image.draft("RGB", (THUMB_SIZE * 2, THUMB_SIZE * 2))
        image.load()
        return image


def blurred_thumbnail(fh: IO[bytes] | Any, size: int | None = None) -> Thumbnail:
    """Return a strongly blurred PNG thumbnail, or why there is none."""
    if size is not None and size > MAX_DECODE_BYTES:
        return Thumbnail(None, "preview unavailable: file too large to preview")
    try:
        image = _decode(fh)
        return Thumbnail(blur_image(image), "")
    except Image.DecompressionBombError:
        return Thumbnail(None, "preview unavailable: image dimensions are too large")
    except Image.DecompressionBombWarning:
        return Thumbnail(None, "preview unavailable: image dimensions are too large")
    except UnidentifiedImageError:
        return Thumbnail(None, "preview unavailable: not an image format the app previews")
    except Exception as exc:  # noqa: BLE001 - any decoder failure is "no preview"
        return Thumbnail(None, f"preview unavailable: the image could not be decoded ({type(exc).__name__})")


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


def decode_for_reveal(fh: IO[bytes], size: int | None = None,
                      max_side: int = REVEAL_MAX_SIDE) -> RevealImage | None:
    """Decode an original with the same allow-list and bomb rules as thumbnails, scaled to
    at most ``max_side``; None when it cannot be previewed."""
    if size is not None and size > MAX_DECODE_BYTES:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _open_checked(fh)
            image.draft("RGB", (max_side, max_side))
            image.load()
            rgba = image.convert("RGBA")
        rgba.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        return RevealImage(rgba.width, rgba.height, rgba.tobytes())
    except Exception:  # noqa: BLE001 - any decoder failure means "no preview"
        return None
