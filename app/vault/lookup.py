"""Shared by the Vault's modules (store, items, annotations): the connection type, the
default case, finding an item by id or uid prefix, and checking text a person typed."""

from __future__ import annotations

from typing import Any

from app.errors import NotFound, UsageError

Connection = Any
DEFAULT_CASE = "General"
MAX_TEXT = 100_000


def resolve(conn: Connection, ref: str | int) -> tuple[int, str]:
    """(id, uid) of the item named by its number or by 8+ leading characters of its uid."""
    text = str(ref).strip()
    if text.isdigit():
        row = conn.execute("SELECT id, uid FROM items WHERE id = ?", (int(text),)).fetchone()
    elif len(text) >= 8:
        rows = conn.execute(
            "SELECT id, uid FROM items WHERE uid LIKE ? ESCAPE '\\' LIMIT 2",
            (text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        ).fetchall()
        if len(rows) > 1:
            raise UsageError(f"'{text}' matches more than one item; give more of its id.")
        row = rows[0] if rows else None
    else:
        row = None
    if row is None:
        raise NotFound(f"No item '{text}' in this vault.")
    return int(row[0]), str(row[1])


def clean_text(text: str, what: str, limit: int) -> str:
    if len(text) > limit:
        raise UsageError(f"The {what} is too long ({len(text)} characters; at most {limit}).")
    if "\x00" in text:
        raise UsageError(f"The {what} contains a NUL character.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(
            f"The {what} is not valid text (undecodable bytes, perhaps from "
            "another system's encoding)."
        ) from exc
    return text
