"""What other areas provide, found at run time. A feature whose module has not landed in
this build is reported as unavailable and its action is hidden, never faked."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            return None
        raise
    except ImportError:
        return None


def _function(module: str, *names: str) -> Any:
    mod = _module(module)
    if mod is None:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn
    return None


def pending_count_fn() -> Any:
    return _function("app.timestamp.status", "pending_count")


def item_status_fn() -> Any:
    """Per-item timestamp status (pending / stamped by whom, when), if provided."""
    return _function("app.timestamp.status", "item_timestamps")


def tsa_config_path() -> str:
    fn = _function("app.timestamp.config", "config_path")
    return str(fn()) if fn is not None else ""


def stamp_due_fn() -> Any:
    return _function("app.timestamp.service", "stamp_due")


def browser_window_class() -> Any:
    mod = _module("app.ui.browser")
    return None if mod is None else getattr(mod, "BrowserWindow", None)


def capture_dialogs() -> ModuleType | None:
    return _module("app.ui.capture_dialogs")


def bundle_import_fn() -> Any:
    return _function("app.bundle.importer", "import_bundle") or _function(
        "app.bundle", "import_bundle")


def bundle_export_fn() -> Any:
    return _function("app.bundle.export", "export_bundle") or _function(
        "app.bundle", "export_bundle")
