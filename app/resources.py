"""Where the shipped resources (translations, TSA roots, icons, the report font) are:
``resources/`` next to ``app/`` in a source checkout, or ``resources/`` inside the frozen
folder of a PyInstaller build (``sys._MEIPASS``; see packaging/spec_common.py)."""

from __future__ import annotations

import sys
from pathlib import Path


def is_frozen() -> bool:
    """True in a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))


def resource_root() -> Path:
    if is_frozen():
        base = getattr(sys, "_MEIPASS", None)
        return Path(base if base else Path(sys.executable).resolve().parent) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """A shipped resource, e.g. ``resource_path("tsa", "tsas.json")``."""
    return resource_root().joinpath(*parts)
