"""Recorded metadata (capture details) shown with plain, translated labels instead of
raw keys such as ``original_name``; the values are recorded data and shown as stored."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication


def _labels() -> dict[str, str]:
    return {
        "original_name": QCoreApplication.translate("Metadata", "Original file name"),
        "original_name_bytes_hex": QCoreApplication.translate(
            "Metadata", "Original file name (raw bytes)"
        ),
        "app_version": QCoreApplication.translate("Metadata", "App version"),
        "capture_method": QCoreApplication.translate("Metadata", "Capture method"),
        "requested_url": QCoreApplication.translate("Metadata", "Address asked for"),
        "final_url": QCoreApplication.translate("Metadata", "Address reached"),
        "redirected": QCoreApplication.translate("Metadata", "Redirected"),
        "title": QCoreApplication.translate("Metadata", "Title"),
        "captured_at": QCoreApplication.translate("Metadata", "Captured (UTC)"),
        "http_status": QCoreApplication.translate("Metadata", "Server answer (HTTP status)"),
        "content_type": QCoreApplication.translate("Metadata", "Content type"),
        "response_headers": QCoreApplication.translate("Metadata", "Server headers"),
        "viewport": QCoreApplication.translate("Metadata", "Window size"),
        "user_agent": QCoreApplication.translate("Metadata", "Browser identification"),
        "engine": QCoreApplication.translate("Metadata", "Browser engine"),
        "browser_profile": QCoreApplication.translate("Metadata", "Browser profile"),
        "direct_file": QCoreApplication.translate("Metadata", "Downloaded file"),
        "page": QCoreApplication.translate("Metadata", "Page size"),
        "screenshot": QCoreApplication.translate("Metadata", "Page picture"),
        "page_meta": QCoreApplication.translate("Metadata", "Page details"),
        "mode": QCoreApplication.translate("Metadata", "Mode"),
        "area": QCoreApplication.translate("Metadata", "Area"),
        "png": QCoreApplication.translate("Metadata", "Picture size"),
        "screens": QCoreApplication.translate("Metadata", "Screens"),
        "platform": QCoreApplication.translate("Metadata", "Window system"),
        "window_id": QCoreApplication.translate("Metadata", "Window number"),
        "window_title": QCoreApplication.translate("Metadata", "Window title"),
        "width": QCoreApplication.translate("Metadata", "width"),
        "height": QCoreApplication.translate("Metadata", "height"),
        "x": QCoreApplication.translate("Metadata", "left"),
        "y": QCoreApplication.translate("Metadata", "top"),
        "name": QCoreApplication.translate("Metadata", "name"),
        "media_type": QCoreApplication.translate("Metadata", "type"),
        "size": QCoreApplication.translate("Metadata", "size"),
        "full_page": QCoreApplication.translate("Metadata", "whole page"),
        "max_height": QCoreApplication.translate("Metadata", "cut at height"),
        "notes": QCoreApplication.translate("Metadata", "Notes"),
        "received_from": QCoreApplication.translate("Metadata", "Received from"),
    }


def label(key: str, labels: dict[str, str] | None = None) -> str:
    return (labels or _labels()).get(key, key.replace("_", " "))


def _value(value: Any, labels: dict[str, str]) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Metadata", "yes")
            if value
            else QCoreApplication.translate("Metadata", "no")
        )
    if isinstance(value, dict):
        return ", ".join(f"{label(str(k), labels)} {_value(v, labels)}" for k, v in value.items())
    return json.dumps(value, ensure_ascii=False)


def metadata_text(metadata: dict[str, object], limit: int = 14) -> str:
    """The item's recorded metadata as short "label: value" lines."""
    labels = _labels()
    lines = []
    for key, value in list(metadata.items())[:limit]:
        lines.append(f"{label(key, labels)}: {_value(value, labels)[:160]}")
    return "\n".join(lines)
