"""Writing an item's original files out of the vault (``locker extract``): bit-exact
copies under names that are safe on every OS, plus the item's timestamp tokens, and an
``item_extracted`` custody event naming the files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from app.atomic import mkdir_private, write_new_file
from app.drives import check_room
from app.timestamp.export import write_item_tokens
from app.vault.events import Event

if TYPE_CHECKING:
    from app.vault.store import Vault

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\u202a-\u202e\u2066-\u2069]")


def safe_file_name(name: str, fallback: str = "file") -> str:
    """A file name that is safe on every OS: no path parts, control or bidi characters.
    A backslash is a character of the name (Linux names, the \\xNN escapes of a name that
    is not UTF-8), not a folder separator: it becomes "_" like the others."""
    name = _UNSAFE.sub("_", name.rsplit("/", 1)[-1]).strip(" .")
    if not name or name in (".", ".."):
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if len(name.encode("utf-8")) > 150:
        ext = ext[:16] if dot else ""
        stem = (stem if dot else name).encode("utf-8")[:120].decode("utf-8", "ignore")
        name = f"{stem}.{ext}" if ext else stem
    return name


def extract_name(item_id: int, role: str, name: str) -> str:
    """``3-page.png``, ``3-photo.jpg`` (an original), ``3-thumbnail-photo.jpg``: the role
    is named only when the file name does not already say it."""
    if role in ("original", name) or name.startswith(f"{role}."):
        return f"{item_id}-{name}"
    return f"{item_id}-{role}-{name}"


def extract_item(vault: Vault, ref: str | int, out: Path) -> list[Path]:
    """Write every original artifact of an item (and its timestamp files) to ``out``."""
    if vault.damaged_log is not None:
        # Every extract is a custody event, and this vault cannot record one: refused
        # before anything is written (`locker recover` brings the items into a new vault).
        raise vault.damaged_log.write_refused()
    item = vault.get_item(ref)  # a wrong item id leaves no empty folder behind
    sizes = [a.size for a in item.artifacts]
    probe = next((p for p in (out, *out.parents) if p.exists()), Path("."))
    check_room(probe, sum(sizes), largest=max(sizes, default=0), what="extracted files")
    mkdir_private(out, exist_ok=True)
    written = []
    for art in item.artifacts:
        # The stored name is made safe on its own first, so nothing in it (a "/" from a
        # received bundle) can cut off the item number in front.
        name = safe_file_name(
            extract_name(item.id, safe_file_name(art.role), safe_file_name(art.name))
        )
        with vault.stream_artifact_by_id(art.id) as reader:
            written.append(write_new_file(out / name, reader))
    written += write_item_tokens(vault, item.uid, out, prefix=str(item.id))
    vault.log_event(Event.ITEM_EXTRACTED, item.id, {"files": [p.name for p in written]})
    return written
