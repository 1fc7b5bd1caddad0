"""A bundle may only make claims about the evidence it carries.

Chains in a bundle disclose the payload of entries about its exhibits only (chains.py);
every other entry is a bare hash. A disclosed entry about another item (an ``item_added``
naming the uid of evidence the recipient received earlier from someone else, with
another SHA-256) would be a claim about evidence this bundle does not carry: such a
bundle is rejected as a whole (exit 5), before anything is written. Received files are
then only ever checked against the chains of the bundles that brought them
(vault_checks.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from app.bundle.chains import disclosed_payloads
from app.bundle.errors import BundleRejected
from app.vault.custody import ChainEntry


def foreign_claims(chains: dict[str, list[ChainEntry]], uids: Iterable[str]) -> list[str]:
    """'vault V entry N (event) names item U' for each disclosed entry about a non-exhibit."""
    carried = set(uids)
    found = []
    for vid, entries in chains.items():
        for entry, payload in disclosed_payloads(entries):
            item = payload.get("item")
            if item is not None and item not in carried:
                found.append(
                    f"the custody chain of vault {vid[:8]}… entry {entry.seq} "
                    f"({str(payload.get('event'))[:40]}) is about item "
                    f"{str(item)[:40]}, which this bundle does not carry"
                )
    return found


def reject_foreign(chains: dict[str, list[ChainEntry]], uids: Iterable[str]) -> None:
    found = foreign_claims(chains, uids)
    if found:
        raise BundleRejected(
            f"The bundle makes claims about evidence it does not carry ({found[0]}"
            f"{f'; {len(found) - 1} more' if len(found) > 1 else ''}); "
            "nothing was imported."
        )
