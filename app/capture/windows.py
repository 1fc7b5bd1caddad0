"""Listing the desktop's windows so one can be chosen for a screenshot.

On X11 this reads the window manager's client list (``_NET_CLIENT_LIST``), or, without a
window manager, the mapped top-level windows, with python-xlib. Other platforms
(Wayland, macOS, Windows) give no list here; a region or a screen is used instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

MAX_WINDOWS = 500


@dataclass
class WindowInfo:
    id: int
    title: str
    x: int
    y: int
    width: int
    height: int


def windows_supported() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() == "xcb" and bool(os.environ.get("DISPLAY"))


def list_windows() -> list[WindowInfo]:
    """Visible top-level windows, front-most last where the window manager says so."""
    if not windows_supported():
        return []
    try:
        from Xlib import X, display
        from Xlib.error import XError
    except ImportError:
        return []
    try:
        conn = display.Display()
    except Exception:  # noqa: BLE001 - no X connection means no list
        return []
    try:
        root = conn.screen().root
        ids = _client_list(conn, root)
        if ids is None:
            ids = [w.id for w in root.query_tree().children]
        out: list[WindowInfo] = []
        for wid in ids[:MAX_WINDOWS]:
            try:
                window = conn.create_resource_object("window", wid)
                attrs = window.get_attributes()
                if attrs.map_state != X.IsViewable:
                    continue
                geom = window.get_geometry()
                pos = window.translate_coords(root, 0, 0)
                title = _title(conn, window)
            except XError:
                continue
            if geom.width < 2 or geom.height < 2:
                continue
            out.append(WindowInfo(wid, title, -pos.x, -pos.y, geom.width, geom.height))
        return out
    finally:
        conn.close()


def _client_list(conn: Any, root: Any) -> list[int] | None:
    atom = conn.intern_atom("_NET_CLIENT_LIST_STACKING")
    prop = root.get_full_property(atom, 0)  # 0 = AnyPropertyType
    if prop is None:
        prop = root.get_full_property(conn.intern_atom("_NET_CLIENT_LIST"), 0)
    return None if prop is None else [int(v) for v in prop.value]


def _title(conn: Any, window: Any) -> str:
    utf8 = conn.intern_atom("UTF8_STRING")
    prop = window.get_full_property(conn.intern_atom("_NET_WM_NAME"), utf8)
    if prop is not None and prop.value:
        raw = prop.value
        return (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw))[:300]
    name = window.get_wm_name()
    if isinstance(name, bytes):
        name = name.decode("latin-1", "replace")
    return str(name or "")[:300]
