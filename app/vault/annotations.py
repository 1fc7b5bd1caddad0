"""Annotating and archiving items: notes, tags (added and removed), archive/unarchive,
and logging that a person chose to see an item unblurred. Each change is one custody
entry in the same transaction as its row; received (read-only) items refuse them.
Functions take the open :class:`Vault`; its methods of the same names delegate here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.errors import ReadOnlyCase, UsageError
from app.vault.events import Event
from app.vault.lookup import MAX_TEXT, Connection, clean_text, resolve
from app.vault.models import CustodyEvent

if TYPE_CHECKING:
    from app.vault.store import Vault

_EVENT_OF_KIND = {"note": Event.NOTE_ADDED, "tag": Event.TAG_ADDED, "untag": Event.TAG_REMOVED}


def writable_item(conn: Connection, ref: str | int) -> tuple[int, str]:
    item_id, uid = resolve(conn, ref)
    ro = conn.execute(
        "SELECT c.read_only FROM items i JOIN cases c ON c.id = i.case_id WHERE i.id = ?",
        (item_id,),
    ).fetchone()[0]
    if ro:
        raise ReadOnlyCase(
            "Received evidence is read-only; notes and archiving go on your own copy."
        )
    return item_id, uid


def annotate(vault: Vault, conn: Connection, item_id: int, uid: str, kind: str, text: str) -> None:
    """One note/tag/untag row and its custody entry, inside the caller's transaction."""
    text = clean_text(text, kind, MAX_TEXT)
    event = vault.append_event(conn, _EVENT_OF_KIND[kind], uid, {"text": text})
    conn.execute(
        "INSERT INTO annotations (item_id, kind, text, created_at, custody_seq)"
        " VALUES (?, ?, ?, ?, ?)",
        (item_id, kind, text, event.at, event.seq),
    )


def add_note(vault: Vault, item: str | int, text: str) -> None:
    if not text.strip():
        raise UsageError("A note cannot be empty.")
    with vault.write() as conn:
        item_id, uid = writable_item(conn, item)
        annotate(vault, conn, item_id, uid, "note", text)


def add_tag(vault: Vault, item: str | int, tag: str) -> None:
    tag = _tag_text(tag)
    with vault.write() as conn:
        item_id, uid = writable_item(conn, item)
        if tag in _current_tags(conn, item_id):
            raise UsageError(f"Item {item} already has the tag '{tag}'.")
        annotate(vault, conn, item_id, uid, "tag", tag)


def remove_tag(vault: Vault, item: str | int, tag: str) -> None:
    # A removal of a tag the item does not have would only add a meaningless
    # tag_removed event to the custody chain.
    tag = _tag_text(tag)
    with vault.write() as conn:
        item_id, uid = writable_item(conn, item)
        if tag not in _current_tags(conn, item_id):
            raise UsageError(f"Item {item} has no tag '{tag}'.")
        annotate(vault, conn, item_id, uid, "untag", tag)


def archive(vault: Vault, item: str | int, reason: str) -> None:
    if not reason.strip():
        raise UsageError("Say why the item is archived (--reason).")
    _set_archived(vault, item, True, clean_text(reason, "reason", 2000))


def unarchive(vault: Vault, item: str | int) -> None:
    _set_archived(vault, item, False, "")


def _set_archived(vault: Vault, item: str | int, archived: bool, reason: str) -> None:
    with vault.write() as conn:
        item_id, uid = writable_item(conn, item)
        current = conn.execute(
            "SELECT archived FROM item_state WHERE item_id = ?", (item_id,)
        ).fetchone()
        if current is not None and bool(current[0]) == archived:
            state = "archived" if archived else "not archived"
            raise UsageError(f"Item {item} is already {state}.")
        event = vault.append_event(
            conn,
            Event.ITEM_ARCHIVED if archived else Event.ITEM_UNARCHIVED,
            uid,
            {"reason": reason},
        )
        conn.execute(
            "INSERT INTO item_state (item_id, archived, reason, changed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(item_id) DO UPDATE SET archived = excluded.archived,"
            " reason = excluded.reason, changed_at = excluded.changed_at",
            (item_id, int(archived), reason, event.at),
        )


def record_reveal(vault: Vault, item: str | int, context: str = "app") -> CustodyEvent:
    """Log that a person chose to see an item unblurred."""
    return vault.log_event(Event.ITEM_REVEALED, item, {"context": context})


def _tag_text(tag: str) -> str:
    tag = tag.strip()
    if not tag:
        raise UsageError("A tag cannot be empty.")
    return tag


def _current_tags(conn: Connection, item_id: int) -> list[str]:
    """The item's tags now: tag rows minus later untag rows (as ``Item.tags``)."""
    current: list[str] = []
    for kind, text in conn.execute(
        "SELECT kind, text FROM annotations WHERE item_id = ? AND kind IN ('tag', 'untag')"
        " ORDER BY id",
        (item_id,),
    ):
        if kind == "tag" and text not in current:
            current.append(text)
        elif kind == "untag" and text in current:
            current.remove(text)
    return current
