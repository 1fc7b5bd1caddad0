"""Error types survive the worker boundary: a job that raises a typed error in a pool
thread hands that same exception (type kept, traceback dropped) to the GUI thread, where
app.ui.error_text describes it in the interface language."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import ReadOnlyCase, UsageError, WrongPassphrase
from app.ui.attempts import AttemptLog
from app.ui.controller import Controller
from app.ui.error_text import describe
from app.ui.i18n import install_language
from app.ui.settings import Settings
from app.ui.workers import Task, TaskCancelled
from app.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import checkerboard, make_vault, unlock, wait_rows

HANGUL = re.compile(r"[가-힣]")


@pytest.fixture
def korean(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    install_language("ko")
    yield
    install_language("en")


def test_worker_hands_the_typed_exception_to_the_gui_thread(
    qtbot, qapp, tmp_path: Path, korean: None
) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    ran_on: list[int] = []

    def work(_ctx):  # type: ignore[no-untyped-def]
        ran_on.append(threading.get_ident())
        return Vault.open(path, "not the passphrase")

    task = Task(work)
    received: list[tuple[BaseException, int]] = []
    task.signals.failed.connect(lambda _id, exc: received.append((exc, threading.get_ident())))
    pool = QThreadPool()
    with qtbot.waitSignal(task.signals.failed, timeout=30_000):
        pool.start(task)
    pool.waitForDone(5_000)
    qtbot.waitUntil(lambda: bool(received))
    exc, slot_thread = received[0]
    assert type(exc) is WrongPassphrase
    assert exc.__traceback__ is None  # the job's frames are not kept alive
    assert ran_on and ran_on[0] != slot_thread == threading.get_ident()
    text = describe(exc)
    assert text.splitlines()[0] == "암호가 맞지 않습니다. 아무것도 바뀌지 않았습니다."


def test_controller_on_fail_gets_the_exception_and_error_is_translated(
    qtbot, qapp, config_dir: Path, korean: None
) -> None:  # type: ignore[no-untyped-def]
    controller = Controller(Settings(language="ko"), AttemptLog(config_dir / "attempts.json"))
    failures: list[BaseException] = []

    def work(_ctx):  # type: ignore[no-untyped-def]
        raise ReadOnlyCase("Case 'Received' is read-only.")

    with qtbot.waitSignal(controller.task_failed, timeout=10_000) as blocker:
        controller.run(work, "x", on_fail=failures.append)
    assert [type(f) for f in failures] == [ReadOnlyCase]
    assert HANGUL.search(blocker.args[1]), blocker.args[1]

    def cancelled(ctx):  # type: ignore[no-untyped-def]
        ctx._task.cancel()
        raise RuntimeError("interrupted")

    with qtbot.waitSignal(controller.task_failed, timeout=10_000) as blocker:
        controller.run(cancelled, "y", on_fail=failures.append)
    assert type(failures[-1]) is TaskCancelled
    assert HANGUL.search(blocker.args[1]) and "Cancelled" not in blocker.args[1]

    with qtbot.waitSignal(controller.task_failed, timeout=10_000) as blocker:
        controller.run(lambda _ctx: 1 / 0, "z", on_fail=failures.append)
    assert isinstance(failures[-1], ZeroDivisionError)
    assert HANGUL.search(blocker.args[1]) and "Unexpected" not in blocker.args[1]
    controller.pool.waitForDone(5_000)


def test_wrong_passphrase_reaches_the_unlock_window_as_such(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with qtbot.waitSignal(gui.controller.unlock_failed, timeout=30_000) as blocker:
        gui.controller.unlock(path, "not the passphrase")
    assert blocker.args[0] == "wrong"
    assert gui.controller.attempts.failure_count(path) == 1
    assert not gui.controller.is_unlocked


def test_a_failed_write_shows_the_translated_message(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    with Vault.open(path, PASSPHRASE) as vault:
        item = vault.add_file(checkerboard(tmp_path / "synthetic-checker.png"), case="General")
    unlock(gui, qtbot, path)
    wait_rows(gui, qtbot, 1)
    settings = gui.controller.settings
    settings.language = "ko"
    gui.save_settings(settings)
    qtbot.wait(50)
    try:
        gui.controller.add_note(item.id, "")  # the vault refuses an empty note (UsageError)

        def box() -> QMessageBox | None:
            return next(
                (
                    w
                    for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()
                ),
                None,
            )

        qtbot.waitUntil(lambda: box() is not None, timeout=10_000)
        shown = box()
        assert shown is not None
        assert shown.text().splitlines()[0] == describe(UsageError("x")).splitlines()[0]
        assert HANGUL.search(shown.text().splitlines()[0])
        shown.close()
    finally:
        settings.language = "en"
        gui.save_settings(settings)


ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{2,}\b")


def test_app_messages_reach_the_ui_in_korean(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Known English messages of the controller, the workers and the screenshot dialog
    never reach a Korean interface untranslated."""
    from PySide6.QtCore import QTimer

    from app.errors import AuthError
    from app.ui.screenshot_dialog import ScreenshotDialog

    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    settings = gui.controller.settings
    settings.language = "ko"
    gui.save_settings(settings)
    qtbot.wait(50)
    try:
        for exc in (MemoryError(), TaskCancelled(), AuthError("The vault is locked.")):
            text = describe(exc)
            assert HANGUL.search(text) and not ENGLISH_WORDS.search(text), text

        # Settings that cannot be written (the config folder is a file).
        config = os.environ["LOCKER_CONFIG_DIR"]
        blocker_file = tmp_path / "not-a-folder"
        blocker_file.write_text("x")
        monkeypatch.setenv("LOCKER_CONFIG_DIR", str(blocker_file))
        with qtbot.waitSignal(gui.controller.error, timeout=5_000) as blocker:
            gui.controller.apply_settings(settings)
        shown = blocker.args[0]
        assert shown.startswith("설정을 저장하지 못했습니다"), shown
        for box in gui.main_window.findChildren(QMessageBox):
            box.close()

        # A screenshot that cannot be taken.
        import app.capture.screenshot as screenshot

        def refuse(**_kwargs):  # type: ignore[no-untyped-def]
            raise UsageError("There is no screen 7.")

        monkeypatch.setattr(screenshot, "take_screenshot", refuse)
        dialog = ScreenshotDialog(gui.main_window, gui.controller, "General", allow_offscreen=True)
        assert dialog.delay.suffix() == " 초"
        seen: list[tuple[str, str]] = []

        def read_box() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                seen.append((box.windowTitle(), box.text()))
                box.accept()
            else:
                QTimer.singleShot(50, read_box)

        QTimer.singleShot(50, read_box)
        dialog._grab()
        assert seen, "no warning was shown"
        title, text = seen[0]
        assert HANGUL.search(title) and not ENGLISH_WORDS.search(title), title
        first = text.splitlines()[0]
        assert HANGUL.search(first) and not ENGLISH_WORDS.search(first), text
        dialog.deleteLater()
    finally:
        monkeypatch.setenv("LOCKER_CONFIG_DIR", config)
        settings.language = "en"
        gui.save_settings(settings)


def test_files_not_stored_are_listed_in_korean(gui, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An import that refuses a file says why in the interface language (the typed
    error travels with the file name to the GUI thread)."""
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    pipe = tmp_path / "a-pipe"
    os.mkfifo(pipe)
    good = checkerboard(tmp_path / "synthetic-checker.png")
    settings = gui.controller.settings
    settings.language = "ko"
    gui.save_settings(settings)
    qtbot.wait(50)
    try:
        with qtbot.waitSignal(gui.controller.error, timeout=20_000) as blocker:
            gui.main_window.import_paths([good, pipe])
        lines = blocker.args[0].splitlines()
        assert HANGUL.search(lines[0]), lines
        refused = [line for line in lines if line.startswith("a-pipe: ")]
        assert refused and HANGUL.search(refused[0]), lines
        assert "not a regular file" not in refused[0]
        for box in gui.main_window.findChildren(QMessageBox):
            box.close()
    finally:
        settings.language = "en"
        gui.save_settings(settings)
