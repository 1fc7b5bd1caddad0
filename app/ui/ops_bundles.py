"""Bundle operations the Controller runs in its worker pool: receiving a sealed bundle
(verified completely, imported all or nothing), checking one without importing it, and
exporting a case or an item as a bundle (app.bundle).

Plain functions that take the Controller explicitly and use only its public surface;
Controller keeps one-line delegates that widgets call.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import LockerError
from app.ui.error_text import describe
from app.ui.workers import Task, TaskContext

if TYPE_CHECKING:
    from app.ui.controller import Controller


def receive_bundle(
    controller: Controller,
    path: Path,
    passphrase: str | None,
    label: str,
    accept_unverified_holders: bool,
) -> Task:
    """Verify a sealed bundle completely, then import it all or nothing into a new
    read-only case (app.bundle.importer.import_bundle). When only its earlier holders
    are unproven, ``holders_unverified`` offers the person to accept them."""
    from app.bundle.importer import import_bundle

    vault = controller.require_vault()

    def work(ctx: TaskContext) -> Any:
        def progress(done: int, total: int) -> None:
            ctx.total = total
            ctx.add_progress(done - ctx.done)

        return import_bundle(
            vault,
            path,
            passphrase=passphrase or None,
            progress=progress,
            cancelled=ctx.cancelled,
            accept_unverified_holders=accept_unverified_holders,
        )

    def failed(exc: BaseException) -> None:
        from app.bundle.holders import UnverifiedHolders
        from app.ui.core_text import translate

        if isinstance(exc, UnverifiedHolders):
            controller.holders_unverified.emit(
                translate(str(exc)),
                lambda: controller.receive_bundle(
                    path, passphrase, label, accept_unverified_holders=True
                ),
            )
        elif controller.is_unlocked:
            controller.error.emit(describe(exc))

    return controller.run(
        work, label, on_done=lambda _result: controller.items_changed.emit(), on_fail=failed
    )


def check_bundle(
    controller: Controller,
    path: Path,
    passphrase: str | None,
    on_checked: Callable[[Any], None],
    label: str,
) -> Task:
    """Verify a bundle completely (nothing is imported) and hand the report to
    ``on_checked``: the app shows the signer's fingerprint before importing."""
    from app.bundle.seal import parse_identities
    from app.bundle.verify import verify_bundle

    vault = controller.require_vault()

    def work(ctx: TaskContext) -> Any:
        def progress(done: int, total: int) -> None:
            if ctx.cancelled():
                raise LockerError("Cancelled; nothing was imported.")
            ctx.total = total
            ctx.add_progress(done - ctx.done)

        return verify_bundle(
            path, passphrase or None, parse_identities(vault.age_identity()), progress=progress
        )

    return controller.run(work, label, on_done=on_checked)


def export_bundle(
    controller: Controller,
    out: Path,
    case: str | None,
    item_id: int | None,
    sealing: str,
    secret: str | None,
    label: str,
) -> Task:
    """Export a case or one item as a sealed bundle (app.bundle.export); ``sealing`` is
    "passphrase", "recipient" or "none". ``exported`` reports the path and self-check."""
    from app.bundle.export import export_bundle as export
    from app.bundle.export import select_items
    from app.bundle.seal import Sealing

    vault = controller.require_vault()
    seal = (
        Sealing(passphrase=secret)
        if sealing == "passphrase"
        else Sealing(recipients=(secret or "",))
        if sealing == "recipient"
        else Sealing()
    )

    def work(ctx: TaskContext) -> Any:
        items = (
            select_items(vault, case=case)
            if case is not None
            else select_items(vault, refs=[str(item_id)])
        )

        def progress(done: int, total: int) -> None:
            ctx.total = total
            ctx.add_progress(done - ctx.done)

        return export(vault, out, items, seal, progress=progress, cancelled=ctx.cancelled)

    def done(result: Any) -> None:
        controller.exported.emit(
            str(getattr(result, "path", out)), bool(getattr(result, "self_check_ok", True))
        )

    return controller.run(work, label, on_done=done)
