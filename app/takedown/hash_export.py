"""Writing the PDQ hash list for a platform's hash-matching programme (``locker takedown
hashes``): hashes only, never images, and a ``takedown_hashes_exported`` custody event."""

from __future__ import annotations

from pathlib import Path

from app.atomic import write_new_file
from app.errors import UsageError
from app.takedown.pdq import hash_list
from app.vault import Vault
from app.vault.events import Event


def export_hash_list(
    vault: Vault, out: Path, items: list[str | int] | None = None
) -> tuple[Path, int]:
    """Write the list to the new file ``out``; returns the file and how many hashes."""
    text = hash_list(vault, items)
    try:
        final = write_new_file(out, text.encode("utf-8"), rename_if_exists=False)
    except FileExistsError as exc:
        raise UsageError(f"{out} already exists; choose another name.") from exc
    rows = [ln for ln in text.splitlines() if not ln.startswith("#")]
    vault.log_event(
        Event.TAKEDOWN_HASHES_EXPORTED,
        None,
        {"hashes": len(rows), "items": sorted({ln.split()[3] for ln in rows})},
    )
    return final, len(rows)
