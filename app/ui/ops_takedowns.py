"""Takedown-request writes the Controller runs in its worker pool: recording a request's
new status and writing its notice to a file (app.takedown; nothing is ever sent).

Plain functions that take the Controller explicitly; Controller keeps one-line
delegates, and the takedowns view passes its own ``on_done``/``on_fail``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.ui.workers import Task

if TYPE_CHECKING:
    from app.ui.controller import Controller


def mark_takedown(
    controller: Controller,
    request: str,
    status: str,
    reference: str,
    note: str,
    on_done: Callable[[Any], None],
    on_fail: Callable[[BaseException], None],
) -> Task:
    """Record a takedown request's new status (app.takedown.model.mark)."""
    from app.takedown import model

    vault = controller.require_vault()
    return controller.run(
        lambda ctx: model.mark(vault, request, status, reference, note),
        quiet=True,
        on_done=on_done,
        on_fail=on_fail,
    )


def write_takedown_notice(
    controller: Controller,
    request: str,
    language: str,
    out: Path,
    on_done: Callable[[Path], None],
    on_fail: Callable[[BaseException], None],
) -> Task:
    """Write a request's notice to a new file and log it (never sent from here)."""
    from app.takedown.notices import Sender, write_notice

    vault = controller.require_vault()
    return controller.run(
        lambda ctx: write_notice(vault, request, language, out, Sender()),
        quiet=True,
        on_done=on_done,
        on_fail=on_fail,
    )
