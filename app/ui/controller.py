"""The Controller owns the open Vault and runs every long or writing operation in a
worker thread. Widgets call its methods and listen to its signals; they never write
state themselves (securedrop-client's pattern).

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

import datetime as dt
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from app import atomic
from app.errors import AuthError, LockerError, WrongPassphrase
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


@dataclass
class ImportSummary:
    stored: int
    failed: list[tuple[str, LockerError]]  # file name, why it was not stored
    cancelled: bool


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

    def running_tasks(self) -> list[Task]:
        return [t for t in self._tasks.values() if not t.quiet]

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
        self._load_last_verify(vault)
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

    # -- writing ---------------------------------------------------------------------

    def import_paths(
        self, paths: list[Path], case: str, note: str | None = None, label: str = ""
    ) -> Task:
        from app.capture.files import ImportResult, import_files, iter_import_files

        vault = self.require_vault()

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
                        self.items_changed.emit()
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

        return self.run(work, label, on_done=self._imported)

    def _imported(self, summary: ImportSummary) -> None:
        self.items_changed.emit()
        if summary.failed:
            more = len(summary.failed) - 20
            lines = [self.tr("These files were not stored (the others were):")]
            from app.ui.core_text import translate

            lines += [f"{name}: {translate(str(error))}" for name, error in summary.failed[:20]]
            if more > 0:
                lines.append(self.tr("…and %n more.", "", more))
            self.error.emit("\n".join(lines))
        self.refresh_status()

    def write(
        self, item_id: int, change: Callable[[Vault], None], *, whole_list: bool = False
    ) -> None:
        """Run a small write (note, tag, archive) off the GUI thread."""
        vault = self.require_vault()

        def done(_: Any) -> None:
            self.item_changed.emit(item_id)
            if whole_list:
                self.items_changed.emit()

        self.run(
            lambda ctx: change(vault),
            quiet=True,
            on_done=done,
            on_fail=lambda exc: self.error.emit(describe(exc)),
        )

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
        """Store a screenshot already taken (app.capture.screenshot) as a new item."""
        from app.capture.screenshot import store_screenshot

        vault = self.require_vault()
        return self.run(
            lambda ctx: store_screenshot(vault, shot, case),
            label or self.tr("Storing the screenshot…"),
            on_done=lambda _item: self.items_changed.emit(),
        )

    def mark_takedown(
        self,
        request: str,
        status: str,
        reference: str,
        note: str,
        on_done: Callable[[Any], None],
        on_fail: Callable[[BaseException], None],
    ) -> Task:
        """Record a takedown request's new status (app.takedown.model.mark)."""
        from app.takedown import model

        vault = self.require_vault()
        return self.run(
            lambda ctx: model.mark(vault, request, status, reference, note),
            quiet=True,
            on_done=on_done,
            on_fail=on_fail,
        )

    def write_takedown_notice(
        self,
        request: str,
        language: str,
        out: Path,
        on_done: Callable[[Path], None],
        on_fail: Callable[[BaseException], None],
    ) -> Task:
        """Write a request's notice to a new file and log it (never sent from here)."""
        from app.takedown.notices import Sender, write_notice

        vault = self.require_vault()
        return self.run(
            lambda ctx: write_notice(vault, request, language, out, Sender()),
            quiet=True,
            on_done=on_done,
            on_fail=on_fail,
        )

    def reveal(self, item_id: int, context: str = "app: press and hold") -> Task:
        """Log the reveal as a custody event, then decode the original in memory."""
        from app.vault.images import decode_for_reveal

        vault = self.require_vault()

        def work(ctx: TaskContext) -> Any:
            item = vault.get_item(item_id)
            images = sorted(
                (a for a in item.artifacts if a.media_type.startswith("image/")),
                key=lambda a: (a.role != "original", a.id),
            )
            chosen = (
                images[0]
                if images
                else next((a for a in item.artifacts if a.role == "original"), None)
            )
            vault.record_reveal(item_id, context)
            if chosen is None:
                return None
            reader = vault.open_artifact_by_id(chosen.id)
            return decode_for_reveal(reader, size=chosen.size)  # type: ignore[arg-type]

        def done(image: Any) -> None:
            self.item_changed.emit(item_id)
            self.revealed.emit(item_id, image)

        return self.run(
            work, quiet=True, on_done=done, on_fail=lambda exc: self.error.emit(describe(exc))
        )

    def receive_bundle(
        self,
        path: Path,
        passphrase: str | None = None,
        label: str = "",
        accept_unverified_holders: bool = False,
    ) -> Task | None:
        """Verify a sealed bundle completely, then import it all or nothing into a new
        read-only case (app.bundle.importer.import_bundle). When only its earlier holders
        are unproven, ``holders_unverified`` offers the person to accept them."""
        from app.bundle.importer import import_bundle

        vault = self.require_vault()

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
                self.holders_unverified.emit(
                    translate(str(exc)),
                    lambda: self.receive_bundle(
                        path, passphrase, label, accept_unverified_holders=True
                    ),
                )
            elif self.is_unlocked:
                self.error.emit(describe(exc))

        return self.run(
            work, label, on_done=lambda _result: self.items_changed.emit(), on_fail=failed
        )

    def check_bundle(
        self, path: Path, passphrase: str | None, on_checked: Callable[[Any], None], label: str = ""
    ) -> Task | None:
        """Verify a bundle completely (nothing is imported) and hand the report to
        ``on_checked``: the app shows the signer's fingerprint before importing."""
        from app.bundle.seal import parse_identities
        from app.bundle.verify import verify_bundle

        vault = self.require_vault()

        def work(ctx: TaskContext) -> Any:
            def progress(done: int, total: int) -> None:
                if ctx.cancelled():
                    raise LockerError("Cancelled; nothing was imported.")
                ctx.total = total
                ctx.add_progress(done - ctx.done)

            return verify_bundle(
                path, passphrase or None, parse_identities(vault.age_identity()), progress=progress
            )

        return self.run(work, label, on_done=on_checked)

    def export_bundle(
        self,
        out: Path,
        case: str | None,
        item_id: int | None,
        sealing: str,
        secret: str | None,
        label: str = "",
    ) -> Task | None:
        """Export a case or one item as a sealed bundle (app.bundle.export); ``sealing`` is
        "passphrase", "recipient" or "none"."""
        from app.bundle.export import export_bundle, select_items
        from app.bundle.seal import Sealing

        vault = self.require_vault()
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

            return export_bundle(
                vault, out, items, seal, progress=progress, cancelled=ctx.cancelled
            )

        def done(result: Any) -> None:
            self.exported.emit(
                str(getattr(result, "path", out)), bool(getattr(result, "self_check_ok", True))
            )

        return self.run(work, label, on_done=done)

    # -- verify and status -------------------------------------------------------------

    def verify(self, label: str = "") -> Task:
        from app.vault.verify_record import verify_and_record

        vault = self.require_vault()

        def work(ctx: TaskContext) -> tuple[bool, str]:
            report = verify_and_record(vault)
            return report.ok, report.text()

        def done(result: tuple[bool, str]) -> None:
            self.last_verify = (result[0], _now())
            self.verify_done.emit(result[0], result[1])
            self.status_changed.emit()

        return self.run(
            work,
            label,
            on_done=done,
            on_fail=lambda exc: self.verify_done.emit(False, describe(exc)),
        )

    def _load_last_verify(self, vault: Vault) -> None:
        """The last verification recorded in the custody log (from any session)."""
        from app.vault.verify_record import last_verification

        self.last_verify = None

        def work(ctx: TaskContext) -> tuple[bool, str] | None:
            return last_verification(vault)

        def done(result: tuple[bool, str] | None) -> None:
            if result is not None and self.last_verify is None:
                self.last_verify = result
                self.status_changed.emit()

        self.run(work, quiet=True, on_done=done, on_fail=lambda m: None)

    def _note_tsa_outcomes(self, report: Any) -> None:
        """What the status bar says about time-stamp servers: unreachable since the first
        attempt in a row where every server tried failed; reachable again on a success."""
        tried = [o for o in getattr(report, "outcomes", []) if not getattr(o, "skipped", False)]
        if not tried:
            return
        if any(o.ok for o in tried):
            self.tsa_unreachable_since = None
        elif self.tsa_unreachable_since is None:
            self.tsa_unreachable_since = _now()

    def refresh_status(self) -> None:
        """Recount pending timestamps and retry due ones in the background."""
        if not self.is_unlocked:
            self.status_changed.emit()
            return
        from app.timestamp.service import pending_count, stamp_due

        vault = self.require_vault()

        def work(ctx: TaskContext) -> tuple[int | None, Any]:
            report = None
            try:
                report = stamp_due(vault)
            except LockerError:
                pass  # offline or TSA trouble: stays queued, retried later
            return int(pending_count(vault)), report

        def done(result: tuple[int | None, Any]) -> None:
            count, report = result
            self.pending_timestamps = count
            self._note_tsa_outcomes(report)
            self.status_changed.emit()

        self.run(work, quiet=True, on_done=done, on_fail=lambda m: None)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
