"""Item operations the Controller runs in its worker pool: importing files, small writes
(notes, tags, archiving), storing a screenshot and revealing an original.

Plain functions that take the Controller explicitly: they use only its public surface
(``require_vault``, ``run`` and its signals), so no state is shared behind its back.
Controller keeps one-line delegates; widgets call those.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.errors import LockerError
from app.ui.error_text import describe
from app.ui.workers import Task, TaskContext
from app.vault import Vault

if TYPE_CHECKING:
    from app.capture.screenshot import Screenshot
    from app.ui.controller import Controller


@dataclass
class ImportSummary:
    stored: int
    failed: list[tuple[str, LockerError]]  # file name, why it was not stored
    cancelled: bool


def import_paths(
    controller: Controller, paths: list[Path], case: str, note: str | None, label: str
) -> Task:
    """Import files and folders into ``case``; the list reloads while it runs."""
    from app.capture.files import ImportResult, import_files, iter_import_files

    vault = controller.require_vault()

    def work(ctx: TaskContext) -> ImportSummary:
        files = list(iter_import_files(paths))
        ctx.set_total(sum(_size(p) for p in files))
        stored = 0
        failed: list[tuple[str, LockerError]] = []

        last_shown = [time.monotonic()]

        def on_result(result: ImportResult) -> None:
            nonlocal stored
            if result.item is not None:
                stored += 1
                if time.monotonic() - last_shown[0] > 2.0:  # show progress in the list
                    last_shown[0] = time.monotonic()
                    controller.items_changed.emit()
            elif result.error is not None and not ctx.cancelled():
                failed.append((result.path.name, result.error.with_traceback(None)))

        import_files(
            vault,
            files,
            case=case,
            note=note,
            on_result=on_result,
            progress=ctx.add_progress,
            cancelled=ctx.cancelled,
        )
        return ImportSummary(stored, failed, ctx.cancelled())

    return controller.run(work, label, on_done=lambda summary: _imported(controller, summary))


def _imported(controller: Controller, summary: ImportSummary) -> None:
    controller.items_changed.emit()
    if summary.failed:
        more = len(summary.failed) - 20
        lines = [
            QCoreApplication.translate(
                "Controller", "These files were not stored (the others were):"
            )
        ]
        from app.ui.core_text import translate

        lines += [f"{name}: {translate(str(error))}" for name, error in summary.failed[:20]]
        if more > 0:
            lines.append(QCoreApplication.translate("Controller", "…and %n more.", "", more))
        controller.error.emit("\n".join(lines))
    controller.refresh_status()


def write(
    controller: Controller, item_id: int, change: Callable[[Vault], None], whole_list: bool
) -> None:
    """Run a small write (note, tag, archive) off the GUI thread."""
    vault = controller.require_vault()

    def done(_: Any) -> None:
        controller.item_changed.emit(item_id)
        if whole_list:
            controller.items_changed.emit()

    controller.run(
        lambda ctx: change(vault),
        quiet=True,
        on_done=done,
        on_fail=lambda exc: controller.error.emit(describe(exc)),
    )


def store_screenshot(controller: Controller, shot: Screenshot, case: str, label: str) -> Task:
    """Store a screenshot already taken (app.capture.screenshot) as a new item."""
    from app.capture.screenshot import store_screenshot as store

    vault = controller.require_vault()
    return controller.run(
        lambda ctx: store(vault, shot, case),
        label or QCoreApplication.translate("Controller", "Storing the screenshot…"),
        on_done=lambda _item: controller.items_changed.emit(),
    )


def reveal(controller: Controller, item_id: int, context: str) -> Task:
    """Log the reveal as a custody event, then decode the original in memory."""
    from app.vault.images import decode_for_reveal

    vault = controller.require_vault()

    def work(ctx: TaskContext) -> Any:
        item = vault.get_item(item_id)
        images = sorted(
            (a for a in item.artifacts if a.media_type.startswith("image/")),
            key=lambda a: (a.role != "original", a.id),
        )
        chosen = (
            images[0] if images else next((a for a in item.artifacts if a.role == "original"), None)
        )
        vault.record_reveal(item_id, context)
        if chosen is None:
            return None
        reader = vault.open_artifact_by_id(chosen.id)
        return decode_for_reveal(reader, size=chosen.size)  # type: ignore[arg-type]

    def done(image: Any) -> None:
        controller.item_changed.emit(item_id)
        controller.revealed.emit(item_id, image)

    return controller.run(
        work, quiet=True, on_done=done, on_fail=lambda exc: controller.error.emit(describe(exc))
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
