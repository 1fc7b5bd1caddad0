"""The Controller owns the open Vault and runs every long or writing operation in a
worker thread. Widgets call its methods and listen to its signals; they never write
state themselves (securedrop-client's pattern).

This module keeps the lifecycle: creating, unlocking, locking and quick exit, settings,
``run()`` with its task bookkeeping, and the signals. The operations live in plain
functions that take the Controller explicitly (app/ui/ops_items.py, ops_bundles.py,
ops_status.py, ops_takedowns.py); the Controller keeps one-line delegates, so widgets
only ever hold the Controller.

Signals (all delivered on the GUI thread):

- ``unlocked(UnlockInfo)``: a vault is open; the info feeds the unlock history line.
- ``unlock_failed(str kind, str message, float wait_seconds)``: kind is "wrong",
  "throttled" or "other" (message is then the core's one-line explanation).
- ``locked(str reason)``: the vault was closed ("user", "idle", "session", "quick_exit").
- ``hide_now()``: quick exit: hide every window immediately (before locking).
- ``items_changed()``: items were added, archived or unarchived; lists reload.
- ``item_changed(int item_id)``: notes, tags, reveals or state of one item changed.
- ``task_started(int id, str label)``, ``task_progress(int id, int done, int total)``,
  ``task_finished(int id, str summary)``, ``task_failed(int id, str message)``.
- ``revealed(int item_id, object RevealImage | None)``: a reveal was logged and decoded.
- ``verify_done(bool ok, str report_text)``; ``exported(str path, bool self_check_ok)``;
  ``status_changed()``; ``error(str)``; ``notice(str)``: said once per drive, e.g. that
  a USB stick (FAT/exFAT) cannot keep what was written there private (app.atomic).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from app import atomic
from app.errors import AuthError, LockerError, WrongPassphrase
from app.ui import ops_bundles, ops_items, ops_status, ops_takedowns
from app.ui.attempts import AttemptLog, FailureSummary
from app.ui.error_text import describe
from app.ui.settings import Settings, config_dir
from app.ui.workers import Task, TaskContext
from app.vault import Vault

if TYPE_CHECKING:
    from app.capture.screenshot import Screenshot

LOCK_WAIT_MS = 700  # how long a lock waits for cancelled work to roll back


@dataclass
class UnlockInfo:
    path: Path
    previous_unlock: str | None  # RFC 3339 UTC of the last successful unlock before this
    failures: FailureSummary  # failed attempts on this device since that unlock
    created: bool = False
    cases: list[str] = field(default_factory=list)  # the vault's case names at unlock


@dataclass
class _Opened:
    """A vault just opened, with what the main window first shows (read in the worker)."""

    vault: Vault
    previous_unlock: str | None
    cases: list[str]


def _first_reads(vault: Vault) -> _Opened:
    try:
        history = vault.unlock_history(1)
        cases = [c.name for c in vault.list_cases()]
    except BaseException:
        vault.close()
        raise
    return _Opened(vault, history[0] if history else None, cases)


class Controller(QObject):
    unlocked = Signal(object)
    unlock_failed = Signal(str, str, float)
    locked = Signal(str)
    hide_now = Signal()
    items_changed = Signal()
    item_changed = Signal(int)
    task_started = Signal(int, str)
    task_progress = Signal(int, int, int)
    task_finished = Signal(int, str)
    task_failed = Signal(int, str)
    revealed = Signal(int, object)
    verify_done = Signal(bool, str)
    exported = Signal(str, bool)  # bundle path, whether its self-check passed
    status_changed = Signal()
    error = Signal(str)
    notice = Signal(str)
    holders_unverified = Signal(str, object)  # message, retry (accepting) callable

    def __init__(
        self,
        settings: Settings | None = None,
        attempts: AttemptLog | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings.load()
        self.attempts = attempts or AttemptLog(config_dir() / "attempts.json")
        self.vault: Vault | None = None
        self.vault_path: Path | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(4)
        # Threads never expire: each keeps its own vault connection (thread-local), so a
        # new thread per idle period would open ever more connections.
        self.pool.setExpiryTimeout(-1)
        # Finished tasks stay referenced a little longer: the pool still touches a
        # runnable right after run() returns, so its wrapper must not be freed then.
        self._finished: deque[Task] = deque(maxlen=64)
        self._tasks: dict[int, Task] = {}
        self._unlocking = False
        self._epoch = 0  # bumped by every lock; an unlock that finishes later is dropped
        self.pending_timestamps: int | None = None
        self.tsa_unreachable_since: str | None = None  # UTC; every server tried failed
        self.last_verify: tuple[bool, str] | None = None  # (ok, RFC 3339 time)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(60_000)
        self._status_timer.timeout.connect(self.refresh_status)
        atomic.set_notice_handler(self._notice)

    def _notice(self, text: str) -> None:
        """From any thread (workers write the files); delivered on the GUI thread."""
        if shiboken6.isValid(self):
            self.notice.emit(text)

    # -- running work ----------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self.vault is not None and not self.vault.closed

    def require_vault(self) -> Vault:
        if self.vault is None or self.vault.closed:
            raise AuthError("The vault is locked.")
        return self.vault

    def run(
        self,
        work: Callable[[TaskContext], Any],
        label: str = "",
        *,
        quiet: bool = False,
        on_done: Callable[[Any], None] | None = None,
        on_fail: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Run ``work`` in the pool; ``on_done``/``on_fail`` run on the GUI thread.
        ``on_fail`` gets the exception the work raised (its type kept); without it the
        failure is described (app.ui.error_text) and shown through ``error``."""
        task = Task(work, label, quiet=quiet)
        self._tasks[task.task_id] = task

        def finished(task_id: int, result: Any) -> None:
            if not shiboken6.isValid(self):
                return  # the app is closing: the controller is already gone
            self._finished.append(task)
            self._tasks.pop(task_id, None)
            if on_done is not None:
                on_done(result)
            if not quiet:
                self.task_finished.emit(task_id, result if isinstance(result, str) else "")

        def failed(task_id: int, exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._finished.append(task)
            self._tasks.pop(task_id, None)
            message = describe(exc)
            if on_fail is not None:
                on_fail(exc)
            elif not quiet and self.is_unlocked:
                self.error.emit(message)
            if not quiet:
                self.task_failed.emit(task_id, message)

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        if not quiet:
            task.signals.progress.connect(self.task_progress)
            self.task_started.emit(task.task_id, label)
        self.pool.start(task)
        return task

    def cancel(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task.cancel()

    # -- opening and locking ---------------------------------------------------------

    def create_vault(self, path: Path, passphrase: str) -> None:
        if self._unlocking:
            return

        def work(ctx: TaskContext) -> _Opened:
            return _first_reads(Vault.create(path, passphrase))

        self._unlocking = True
        epoch = self._epoch
        self.run(
            work,
            quiet=True,
            on_done=lambda v: self._opened(v, path, epoch, created=True),
            on_fail=self._open_failed,
        )

    def unlock(self, path: Path, passphrase: str) -> None:
        if self._unlocking:
            return
        try:
            wait = self.attempts.wait_seconds(path)
        except LockerError as exc:
            self.unlock_failed.emit("other", describe(exc), 0.0)
            return
        if wait > 0:
            self.unlock_failed.emit("throttled", "", wait)
            return
        self._unlocking = True
        epoch = self._epoch

        def work(ctx: TaskContext) -> _Opened:
            try:
                return _first_reads(Vault.open(path, passphrase))
            except WrongPassphrase:
                self.attempts.record_failure(path)
                raise

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, WrongPassphrase):
                self._open_failed(exc)
                return
            self._unlocking = False
            self.unlock_failed.emit("wrong", describe(exc), self.attempts.wait_seconds(path))

        self.run(work, quiet=True, on_done=lambda v: self._opened(v, path, epoch), on_fail=failed)

    def unlock_remembered(self, path: Path) -> bool:
        """Open with the key kept in the OS keyring, if this vault is remembered."""
        from app.vault.keyring_store import recall

        key = recall(path)
        if key is None:
            return False
        self._unlocking = True
        epoch = self._epoch
        self.run(
            lambda ctx: _first_reads(Vault.open(path, key=key)),
            quiet=True,
            on_done=lambda v: self._opened(v, path, epoch),
            on_fail=self._open_failed,
        )
        return True

    def _open_failed(self, exc: BaseException) -> None:
        self._unlocking = False
        self.unlock_failed.emit("other", describe(exc), 0.0)

    def _opened(self, opened: _Opened, path: Path, epoch: int, created: bool = False) -> None:
        self._unlocking = False
        vault = opened.vault
        if epoch != self._epoch:  # locked (quick exit, idle) while the key was derived
            vault.close()
            return
        failures = self.attempts.record_success(path)
        try:
            if vault.damaged_log is None:  # a read-only view takes no writes
                vault.record_unlock()
        except LockerError as exc:
            self.error.emit(describe(exc))
        self.vault, self.vault_path = vault, path
        self.settings.note_opened(path)
        self._save_settings()
        self.unlocked.emit(
            UnlockInfo(path, opened.previous_unlock, failures, created, opened.cases)
        )
        from app.ui.open_warnings import open_warnings

        for warning in open_warnings(vault):  # after the main window is shown
            QTimer.singleShot(0, lambda text=warning: self.error.emit(text))
        ops_status.load_last_verify(self, vault)
        self.refresh_status()
        self._status_timer.start()

    def lock(self, reason: str = "user") -> None:
        """Cancel running work (its transaction rolls back), close the vault."""
        self._epoch += 1
        self._status_timer.stop()
        for task in list(self._tasks.values()):
            task.cancel()
        self.pool.waitForDone(LOCK_WAIT_MS)
        vault, self.vault = self.vault, None
        if vault is not None:
            vault.close()
        self._finished.extend(t for t in self._tasks.values() if t.done_event.is_set())
        self._tasks = {k: t for k, t in self._tasks.items() if not t.done_event.is_set()}
        self.locked.emit(reason)

    def quick_exit(self) -> None:
        self.hide_now.emit()
        self.lock("quick_exit")

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.error.emit(
                self.tr("Settings could not be saved: %1").replace("%1", exc.strerror or str(exc))
            )

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._save_settings()
        self.status_changed.emit()

    # -- operations: one-line delegates (the work lives in app/ui/ops_*.py) -------------

    def import_paths(
        self, paths: list[Path], case: str, note: str | None = None, label: str = ""
    ) -> Task:
        """Import files and folders into ``case`` (ops_items)."""
        return ops_items.import_paths(self, paths, case, note, label)

    def write(
        self, item_id: int, change: Callable[[Vault], None], *, whole_list: bool = False
    ) -> None:
        """Run a small write (note, tag, archive) off the GUI thread (ops_items)."""
        ops_items.write(self, item_id, change, whole_list)

    def add_note(self, item_id: int, text: str) -> None:
        self.write(item_id, lambda v: v.add_note(item_id, text))

    def add_tag(self, item_id: int, tag: str) -> None:
        self.write(item_id, lambda v: v.add_tag(item_id, tag))

    def remove_tag(self, item_id: int, tag: str) -> None:
        self.write(item_id, lambda v: v.remove_tag(item_id, tag))

    def archive(self, item_id: int, reason: str) -> None:
        self.write(item_id, lambda v: v.archive(item_id, reason), whole_list=True)

    def unarchive(self, item_id: int) -> None:
        self.write(item_id, lambda v: v.unarchive(item_id), whole_list=True)

    def store_screenshot(self, shot: Screenshot, case: str, label: str = "") -> Task:
        """Store a screenshot already taken as a new item (ops_items)."""
        return ops_items.store_screenshot(self, shot, case, label)

    def reveal(self, item_id: int, context: str = "app: press and hold") -> Task:
        """Log the reveal, then decode the original in memory; ``revealed`` (ops_items)."""
        return ops_items.reveal(self, item_id, context)

    def mark_takedown(
        self,
        request: str,
        status: str,
        reference: str,
        note: str,
        on_done: Callable[[Any], None],
        on_fail: Callable[[BaseException], None],
    ) -> Task:
        """Record a takedown request's new status (ops_takedowns)."""
        return ops_takedowns.mark_takedown(self, request, status, reference, note, on_done, on_fail)

    def write_takedown_notice(
        self,
        request: str,
        language: str,
        out: Path,
        on_done: Callable[[Path], None],
        on_fail: Callable[[BaseException], None],
    ) -> Task:
        """Write a request's notice to a new file and log it (ops_takedowns)."""
        return ops_takedowns.write_takedown_notice(self, request, language, out, on_done, on_fail)

    def receive_bundle(
        self,
        path: Path,
        passphrase: str | None = None,
        label: str = "",
        accept_unverified_holders: bool = False,
    ) -> Task | None:
        """Verify a sealed bundle, then import it all or nothing (ops_bundles)."""
        return ops_bundles.receive_bundle(self, path, passphrase, label, accept_unverified_holders)

    def check_bundle(
        self, path: Path, passphrase: str | None, on_checked: Callable[[Any], None], label: str = ""
    ) -> Task | None:
        """Verify a bundle without importing it; the report goes to ``on_checked``."""
        return ops_bundles.check_bundle(self, path, passphrase, on_checked, label)

    def export_bundle(
        self,
        out: Path,
        case: str | None,
        item_id: int | None,
        sealing: str,
        secret: str | None,
        label: str = "",
    ) -> Task | None:
        """Export a case or one item as a bundle; ``exported`` reports it (ops_bundles)."""
        return ops_bundles.export_bundle(self, out, case, item_id, sealing, secret, label)

    def verify(self, label: str = "") -> Task:
        """Verify the vault and log it; ``verify_done`` reports it (ops_status)."""
        return ops_status.verify(self, label)

    def refresh_status(self) -> None:
        """Recount pending timestamps and retry due ones in the background (ops_status)."""
        ops_status.refresh_status(self)
