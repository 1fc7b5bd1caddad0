"""The in-process `locker` runner (tests/helpers/cli.py) sees what a subprocess would, and
leaves this process as it found it."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

import pytest

from app import atomic, cli
from tests.helpers.cli import locker, locker_subprocess


def test_same_result_as_a_subprocess(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    for args in (
        ("--version",),
        ("no-such-command",),
        ("list", vault, "--json"),
        ("show", vault, "9"),
        ("init", vault),
    ):
        pw = passphrase_file if len(args) > 1 else None
        inproc = locker(*args, passphrase_file=pw)
        child = locker_subprocess(*args, passphrase_file=pw)
        assert (inproc.returncode, inproc.stdout, inproc.stderr) == (
            child.returncode,
            child.stdout,
            child.stderr,
        ), args


def test_bytes_written_to_the_buffers_are_captured(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cli.build_parser

    def parser_with_bytes() -> argparse.ArgumentParser:
        parser = real()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))

        def run(_args: argparse.Namespace) -> int:
            sys.stdout.write("text, ")
            sys.stdout.buffer.write("bytes 한글\n".encode())
            sys.stderr.buffer.write(b"err bytes\n")
            return 7

        sub.add_parser("bytes").set_defaults(func=run)
        return parser

    monkeypatch.setattr(cli, "build_parser", parser_with_bytes)
    result = locker("bytes")
    assert (result.returncode, result.stdout, result.stderr) == (
        7,
        "text, bytes 한글\n",
        "err bytes\n",
    )


def test_process_state_is_put_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def changes_everything(_args: argparse.Namespace) -> int:
        os.umask(0o000)
        os.chdir(tmp_path)
        os.environ["LOCKER_TEST_LEFTOVER"] = "1"
        signal.signal(signal.SIGTERM, lambda *_: None)
        atomic.notice("key", "said once")
        return 0

    real = cli.build_parser

    def parser() -> argparse.ArgumentParser:
        p = real()
        sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
        sub.add_parser("mess").set_defaults(func=changes_everything)
        return p

    monkeypatch.setattr(cli, "build_parser", parser)
    umask, cwd, term = os.umask(0o022), os.getcwd(), signal.getsignal(signal.SIGTERM)
    os.umask(umask)
    for _ in range(2):  # the once-per-process notice is said in each run
        result = locker("mess")
        assert result.stderr == "locker: said once\n"
    assert os.umask(umask) == umask and os.getcwd() == cwd
    assert signal.getsignal(signal.SIGTERM) is term
    assert "LOCKER_TEST_LEFTOVER" not in os.environ
    assert atomic._notice_handler is None
