"""Reading bundle members defensively: manifests, text and JSON with size and nesting
caps, and re-checking small members against the manifest when they are read again."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from typing import Any

from app.bundle import shapes
from app.bundle.errors import BundleRejected
from app.bundle.safezip import BagSource, check_name
from app.jsonsafe import Obj, Shape

MAX_JSON = 32 * 1024 * 1024
MAX_SMALL = 16 * 1024 * 1024
_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


def parse_manifest(z: BagSource, name: str, payload: bool) -> dict[str, str]:
    text = read_text(z, name, MAX_JSON)
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _LINE.match(line)
        if m is None:
            raise BundleRejected(f"{name} has a malformed line.")
        path = m.group(2)
        check_name(path)
        if path.startswith("data/") != payload or path in entries:
            raise BundleRejected(f"{name} lists '{path[:120]}' wrongly or twice.")
        entries[path] = m.group(1)
        if len(entries) > z.limits.max_members:
            raise BundleRejected(f"{name} lists more files than a bundle may hold.")
    return entries


def read_text(z: BagSource, name: str, cap: int) -> str:
    if name not in z.members:
        raise BundleRejected(f"The bundle has no {name}; it is not an Evidence Locker bundle.")
    try:
        return z.read_small(name, cap).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleRejected(f"{name} is not UTF-8 text.") from exc


def listed_bytes(z: BagSource, name: str, cap: int, manifest: dict[str, str]) -> bytes:
    """A member read again after the checksum pass must still match its manifest line
    (a plain bundle on disk could be swapped between the two reads)."""
    data = z.read_small(name, cap)
    if manifest.get(name) != hashlib.sha256(data).hexdigest():
        raise BundleRejected(f"{name} changed while the bundle was being verified.")
    return data


def read_json(
    z: BagSource,
    name: str,
    cap: int = MAX_JSON,
    manifest: dict[str, str] | None = None,
    shape: Shape | None = None,
) -> dict[str, Any]:
    """A JSON object member, parsed strictly and checked against ``shape`` (see
    app/bundle/shapes.py); BundleRejected otherwise."""
    if manifest is not None:
        try:
            text = listed_bytes(z, name, cap, manifest).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BundleRejected(f"{name} is not UTF-8 text.") from exc
    else:
        text = read_text(z, name, cap)
    data: dict[str, Any] = shapes.parse(text, shape or Obj(), name)
    return data


def hash_member(z: BagSource, name: str, tick: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    for block in z.iter_blocks(name):
        digest.update(block)
        if tick is not None:
            tick(len(block))
    return digest.hexdigest()


def hashed(blocks: Iterator[bytes], digest: Any) -> Iterator[bytes]:
    for block in blocks:
        digest.update(block)
        yield block
