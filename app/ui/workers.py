"""Background work off the GUI thread, with progress and cancel (like electrum's
TaskThread): the work runs in a pool thread, its callbacks arrive on the GUI thread
through queued signals. A failure reaches the GUI thread as the exception object itself
(its type kept, its traceback dropped), and is put into words there by
``app.ui.error_text.describe`` (electrum's on_error, securedrop-client's typed failure
callbacks)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from app.errors import LockerError

_ids = itertools.count(1)


class TaskSignals(QObject):
    progress = Signal(int, int, int)  # task id, done, total (0 when unknown)
    message = Signal(int, str)  # task id, a line about what is happening
    finished = Signal(int, object)  # task id, the work's return value
    failed = Signal(int, object)  # task id, the exception (BaseException)


class TaskCancelled(Exception):
    """The work stopped because it was cancelled (its own exception is the cause)."""


class TaskContext:
    """What the work function gets: progress reporting and the cancel flag."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self.done = 0
        self.total = 0

    def cancelled(self) -> bool:
        return self._task.cancel_event.is_set()

    def add_progress(self, amount: int) -> None:
        self.done += amount
        self._task.signals.progress.emit(self._task.task_id, self.done, self.total)

    def set_total(self, total: int) -> None:
        self.total = total
        self._task.signals.progress.emit(self._task.task_id, self.done, self.total)

    def say(self, text: str) -> None:
        self._task.signals.message.emit(self._task.task_id, text)


Work = Callable[[TaskContext], Any]


class Task(QRunnable):
    """One unit of background work. ``label`` is shown in the status bar."""

    def __init__(self, work: Work, label: str = "", *, quiet: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.task_id = next(_ids)
        self.work = work
        self.label = label
        self.quiet = quiet  # internal loads (pages, thumbnails) are not shown as tasks
        self.cancel_event = threading.Event()
        self.done_event = threading.Event()
        self.signals = TaskSignals()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = self.work(TaskContext(self))
        except (LockerError, MemoryError) as exc:
            self._emit_failed(exc)
        except Exception as exc:  # noqa: BLE001 - a worker must never take the app down
            if self.cancel_event.is_set():
                cancelled = TaskCancelled()
                cancelled.__cause__ = exc
                self._emit_failed(cancelled)
            else:
                self._emit_failed(exc)
        else:
            self._emit(self.signals.finished, result)
        finally:
            self.done_event.set()

    def _emit_failed(self, exc: BaseException) -> None:
        # The tracebacks would keep the work's frames (and what they read: decoded
        # images, passphrases) alive as long as the GUI keeps the exception.
        chain: BaseException | None = exc
        seen: set[int] = set()
        while chain is not None and id(chain) not in seen:
            seen.add(id(chain))
            chain.__traceback__ = None
            chain = chain.__cause__ or chain.__context__
        self._emit(self.signals.failed, exc)

    def _emit(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(self.task_id, value)
        except RuntimeError:  # the receiver is gone (app closing)
            pass
