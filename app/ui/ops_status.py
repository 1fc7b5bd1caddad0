"""Status work the Controller runs in its worker pool: verifying the vault, reading the
last verification from the custody log, and retrying due time-stamps (with what the
status bar says about time-stamp servers).

The results land in the Controller's public status fields (``last_verify``,
``pending_timestamps``, ``tsa_unreachable_since``) followed by ``status_changed``.
Plain functions that take the Controller explicitly; Controller keeps one-line
delegates.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from app.errors import LockerError
from app.ui.error_text import describe
from app.ui.workers import Task, TaskContext
from app.vault import Vault

if TYPE_CHECKING:
    from app.ui.controller import Controller


def verify(controller: Controller, label: str) -> Task:
    """Verify the whole vault and log ``vault_verified``; ``verify_done`` reports it."""
    from app.vault.verify_record import verify_and_record

    vault = controller.require_vault()

    def work(ctx: TaskContext) -> tuple[bool, str]:
        report = verify_and_record(vault)
        return report.ok, report.text()

    def done(result: tuple[bool, str]) -> None:
        controller.last_verify = (result[0], _now())
        controller.verify_done.emit(result[0], result[1])
        controller.status_changed.emit()

    return controller.run(
        work,
        label,
        on_done=done,
        on_fail=lambda exc: controller.verify_done.emit(False, describe(exc)),
    )


def load_last_verify(controller: Controller, vault: Vault) -> None:
    """The last verification recorded in the custody log (from any session)."""
    from app.vault.verify_record import last_verification

    controller.last_verify = None

    def work(ctx: TaskContext) -> tuple[bool, str] | None:
        return last_verification(vault)

    def done(result: tuple[bool, str] | None) -> None:
        if result is not None and controller.last_verify is None:
            controller.last_verify = result
            controller.status_changed.emit()

    controller.run(work, quiet=True, on_done=done, on_fail=lambda m: None)


def note_tsa_outcomes(controller: Controller, report: Any) -> None:
    """What the status bar says about time-stamp servers: unreachable since the first
    attempt in a row where every server tried failed; reachable again on a success."""
    tried = [o for o in getattr(report, "outcomes", []) if not getattr(o, "skipped", False)]
    if not tried:
        return
    if any(o.ok for o in tried):
        controller.tsa_unreachable_since = None
    elif controller.tsa_unreachable_since is None:
        controller.tsa_unreachable_since = _now()


def refresh_status(controller: Controller) -> None:
    """Recount pending timestamps and retry due ones in the background."""
    if not controller.is_unlocked:
        controller.status_changed.emit()
        return
    from app.timestamp.service import pending_count, stamp_due

    vault = controller.require_vault()

    def work(ctx: TaskContext) -> tuple[int | None, Any]:
        report = None
        try:
            report = stamp_due(vault)
        except LockerError:
            pass  # offline or TSA trouble: stays queued, retried later
        return int(pending_count(vault)), report

    def done(result: tuple[int | None, Any]) -> None:
        count, report = result
        controller.pending_timestamps = count
        note_tsa_outcomes(controller, report)
        controller.status_changed.emit()

    controller.run(work, quiet=True, on_done=done, on_fail=lambda m: None)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
