"""Typed accessors used by controller.py and main_window.py (other widgets import the
functions directly). Every feature is part of every build; each accessor imports its
module when first asked, so the window opens without loading QtWebEngine or the bundle
code first."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.bundle.export import ExportResult
    from app.bundle.importer import ImportResult
    from app.timestamp.service import StampReport
    from app.ui.browser import BrowserWindow
    from app.vault.store import Vault


def pending_count_fn() -> Callable[[Vault], int]:
    from app.timestamp.service import pending_count

    return pending_count


def stamp_due_fn() -> Callable[..., StampReport]:
    from app.timestamp.service import stamp_due

    return stamp_due


def browser_window_class() -> type[BrowserWindow]:
    from app.ui.browser import BrowserWindow

    return BrowserWindow


def capture_dialogs() -> ModuleType:
    from app.ui import capture_dialogs

    return capture_dialogs


def bundle_import_fn() -> Callable[..., ImportResult]:
    from app.bundle.importer import import_bundle

    return import_bundle


def bundle_export_fn() -> Callable[..., ExportResult]:
    from app.bundle.export import export_bundle

    return export_bundle
