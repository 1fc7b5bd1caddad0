"""Storing a web capture in the vault: one item, several artifacts, one custody event.

Roles: ``page.png`` (full-page screenshot, the preview), ``page.mhtml`` (source and
resources), ``page.pdf``, ``page.txt`` (visible text, UTF-8). A URL that served a file
stores it bit-exact as ``original``. The item's metadata holds both URLs, title, HTTP
status, capture time, viewport, user agent, engine and app version; the custody event
``item_added`` records every artifact's SHA-256, and the timestamp queue picks it up.
"""

from __future__ import annotations

from collections.abc import Callable

from app.capture.web_result import PageCapture
from app.errors import LockerError
from app.vault import Vault
from app.vault.models import Item, NewArtifact, NewItem

KIND_WEB = "web"


def store_capture(
    vault: Vault,
    capture: PageCapture,
    case: str,
    note: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Item:
    """Store ``capture`` as one item (one transaction). Spooled bytes are unlinked
    whatever happens."""
    title = (capture.title or capture.final_url)[:2000]
    item = NewItem(
        kind=KIND_WEB,
        case=case,
        title=title,
        source_url=capture.final_url,
        captured_at=capture.captured_at,
        metadata=capture.metadata(),
        note=note,
    )
    direct = capture.direct_file
    try:
        if direct is not None:
            handle = direct.open_and_unlink()
            try:
                item.thumbnail_role = "original"
                return _located(
                    vault,
                    capture,
                    vault.add_item(
                        item,
                        [NewArtifact("original", direct.name, handle, direct.media_type)],
                        cancelled=cancelled,
                    ),
                )
            finally:
                handle.close()
        if not capture.png:
            raise LockerError("The page could not be rendered; nothing was stored.")
        artifacts = [NewArtifact("page.png", "page.png", capture.png, "image/png")]
        if capture.mhtml:
            artifacts.append(
                NewArtifact("page.mhtml", "page.mhtml", capture.mhtml, "multipart/related")
            )
        if capture.pdf:
            artifacts.append(NewArtifact("page.pdf", "page.pdf", capture.pdf, "application/pdf"))
        artifacts.append(
            NewArtifact(
                "page.txt", "page.txt", capture.text.encode("utf-8"), "text/plain; charset=utf-8"
            )
        )
        item.thumbnail_role = "page.png"
        return _located(vault, capture, vault.add_item(item, artifacts, cancelled=cancelled))
    finally:
        capture.discard()


def _located(vault: Vault, capture: PageCapture, item: Item) -> Item:
    """The requested and final URLs become takedown locations of the item (issue 14)."""
    from app.takedown.model import add_capture_locations

    add_capture_locations(vault, item.id, item.uid, [capture.requested_url, capture.final_url])
    return item


def store_download(vault: Vault, capture: PageCapture, case: str) -> Item:
    """Store a file downloaded in the in-app browser (``capture.direct_file``) as an item
    of kind 'download'; it never reaches the Downloads folder."""
    if capture.direct_file is None:
        raise LockerError("Nothing was downloaded.")
    direct = capture.direct_file
    item = NewItem(
        kind="download",
        case=case,
        title=direct.name,
        source_url=capture.final_url,
        captured_at=capture.captured_at,
        metadata=capture.metadata(),
        thumbnail_role="original",
    )
    try:
        handle = direct.open_and_unlink()
        try:
            return _located(
                vault,
                capture,
                vault.add_item(
                    item, [NewArtifact("original", direct.name, handle, direct.media_type)]
                ),
            )
        finally:
            handle.close()
    finally:
        capture.discard()
