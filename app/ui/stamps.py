"""Readable timestamp status of an item, from app.timestamp.status.item_timestamps.

The item's status is that of its ``item_added`` custody entry (the capture): stamped by
which authority and when (genTime; a token proves existence *by* then), pending, or
pending after a failed attempt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.ui.core_text import translate
from app.ui.item_model import local_time
from app.vault.events import Event


def item_stamp(vault: Any, item_uid: str) -> tuple[str, str]:
    """(short text for the table, longer text for the details pane)."""
    from app.timestamp.status import item_timestamps

    try:
        rows = item_timestamps(vault, item_uid)
    except Exception:  # noqa: BLE001 - status is informative only, never fatal
        unknown = QCoreApplication.translate("Timestamps", "unknown")
        return unknown, unknown
    row = next((r for r in rows if r.get("event") == Event.ITEM_ADDED), rows[0] if rows else None)
    if row is None:
        none = QCoreApplication.translate("Timestamps", "none")
        return none, none
    if row.get("status") == "stamped":
        when = local_time(row.get("gen_time"))
        long = (
            QCoreApplication.translate(
                "Timestamps", "Stamped by %1 at %2 (proves the item existed by then)"
            )
            .replace("%1", str(row.get("tsa") or "?"))
            .replace("%2", when)
        )
        others = len(row.get("tokens") or []) - 1
        if others > 0:
            long += " " + QCoreApplication.translate("Timestamps", "and %1 more token(s)").replace(
                "%1", str(others)
            )
        return QCoreApplication.translate("Timestamps", "Stamped %1").replace("%1", when), long
    if row.get("status") == "failed":
        return QCoreApplication.translate(
            "Timestamps", "Pending (retrying)"
        ), QCoreApplication.translate(
            "Timestamps", "Pending: the last attempt failed (%1); it is retried automatically."
        ).replace("%1", translate(str(row.get("reason") or "?")))
    return QCoreApplication.translate("Timestamps", "Pending"), QCoreApplication.translate(
        "Timestamps", "Pending: it will be stamped when a time-stamp authority is reachable."
    )
