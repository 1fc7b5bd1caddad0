"""Everything known about one item, as the data ``locker show --json`` prints: the item,
its custody events, and the sections other packages keep about it (timestamps, where a
received item came from, perceptual hashes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.bundle.received import received_details
from app.takedown.pdq import show_pdq  # perceptual hash, derived data (issue 14)
from app.timestamp.status import item_timestamps

if TYPE_CHECKING:
    from app.vault.store import Vault


def item_details(vault: Vault, ref: str | int) -> dict[str, Any]:
    """The item's JSON, ``custody``, ``timestamps``, ``received`` (only for an item that
    came in a bundle) and ``pdq``."""
    item = vault.get_item(ref)
    data = item.to_json()
    data["custody"] = [e.to_json() for e in vault.custody_log(item.id)]
    data["timestamps"] = item_timestamps(vault, item.uid)
    received = received_details(vault, item.uid)
    if received is not None:
        data["received"] = received
    data["pdq"] = show_pdq(vault, item.id)
    return data
