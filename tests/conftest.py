"""Fixtures shared by every test area."""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()

# No test may contact a public TSA: unless a test sets its own list, the TSA list is empty
# (for this process and every `locker` subprocess it starts).
if "LOCKER_TSA_CONFIG" not in os.environ:
    import tempfile

    _fd, _empty = tempfile.mkstemp(prefix="locker-tsa-none-", suffix=".json")
    os.write(_fd, b'{"tsas": []}')
    os.close(_fd)
    os.environ["LOCKER_TSA_CONFIG"] = _empty

PASSPHRASE = "correct horse battery staple 한글"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak", action="store_true", help="run long soak variants")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``soak`` run only under ``--soak``."""
    if config.getoption("--soak"):
        return
    skip = pytest.mark.skip(reason="soak test: run with --soak")
    for item in items:
        if item.get_closest_marker("soak") is not None:
            item.add_marker(skip)


# A test stuck in C code (a lock, a join, Qt waiting for a thread) is out of reach of
# pytest-timeout's signal: the run would hang until CI gives up, printing nothing. Past
# the test's timeout (as pytest-timeout sets it) plus this grace, faulthandler prints
# every thread's stack (the main thread's names the test) and ends the run. Not under a
# debugger (--pdb, --trace, a trace function set).
STUCK_GRACE_S = float(os.environ.get("LOCKER_TEST_STUCK_GRACE_S", "120"))
_real_stderr: list[TextIO] = []


def pytest_configure(config: pytest.Config) -> None:
    # Here output capture is paused: fd 2 is the real stderr (during a test it is not).
    _real_stderr.append(os.fdopen(os.dup(2), "w"))
    # As the app does at start: PySide6 6.12's reference bugs would otherwise end a long
    # run of GUI tests with none_dealloc (app/capture/qt_refcount.py).
    from app.capture import qt_refcount

    qt_refcount.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    faulthandler.cancel_dump_traceback_later()
    while _real_stderr:
        _real_stderr.pop().close()


def _debugging(config: pytest.Config) -> bool:
    return bool(
        config.getoption("usepdb", False) or config.getoption("trace", False) or sys.gettrace()
    )


@pytest.hookimpl(optionalhook=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> None:
    if settings.timeout and _real_stderr and not _debugging(item.config):
        faulthandler.dump_traceback_later(
            float(settings.timeout) + STUCK_GRACE_S, exit=True, file=_real_stderr[0]
        )
    # None: pytest-timeout sets its own timer as well.


@pytest.hookimpl(optionalhook=True)
def pytest_timeout_cancel_timer(item: pytest.Item) -> None:
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "evidence.locker"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[object]:
    from app.vault import Vault

    v = Vault.create(vault_path, PASSPHRASE)
    try:
        yield v
    finally:
        v.close()


# Rollback detection (app/vault/headseen.py) remembers chain heads in the config folder:
# each test gets its own, so copies of one template vault in different tests do not
# look like rolled-back vaults to each other.
if "LOCKER_CONFIG_DIR" not in os.environ:
    import tempfile

    os.environ["LOCKER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="locker-config-")


@pytest.fixture(autouse=True)
def _private_config_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCKER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
